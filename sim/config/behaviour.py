"""The behaviour section: how households, contacts, decisions, the network, the ladder and
the coaches' time behave. Every number carries its source line or the word "assumption"."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from sim.config.quantities import (
    STATUSES,
    BetaShape,
    Days,
    LogOdds,
    PartnerType,
    Probability,
    Rate,
    StartType,
    Status,
    Strict,
    TaskHours,
    Weeks,
    _src,
    refused,
)

DECIDING = tuple(s for s in STATUSES if s != "not_in_need")


class DecidingShares(dict[str, float]):
    """A table by register status of what matters only when a household decides about an offer.
    Households not in need never do (``Household.decide`` turns them away first), so the table
    has no entry for them, and reads 0 for them where the world builder draws a trait for
    every household (the same draws as an entry of 0)."""

    def __missing__(self, key: str) -> float:
        if key == "not_in_need":
            return 0.0
        raise KeyError(key)


def deciding_only(table: dict) -> DecidingShares:
    """Refuse a ``not_in_need`` entry in a table of :class:`DecidingShares`: it would be read by nothing."""
    if "not_in_need" in table:
        raise refused(("not_in_need",), "households not in need never decide about an offer, so this entry is never "
                      f"read; allowed: {', '.join(DECIDING)}", table["not_in_need"])
    return DecidingShares(table)


class HomeBehaviour(Strict):
    morning: Probability = Field(0.30, **_src("4 of 11 and 3 of 12 at home around 9:30 (000:248-251)"))
    early_afternoon: Probability = Field(0.45, **_src("assumption; many out for school runs around 14:00 "
                                                      "(000:251-254)"))
    late_afternoon: Probability = Field(0.62, **_src("assumption; visits moved later in the afternoon (000:253-254)"))
    evening: Probability = Field(0.70, **_src("assumption"))
    school_run_effect: LogOdds = Field(-1.6, **_src("log-odds, early afternoon, school-age children (assumption; "
                                                    "000:252-253)"))
    work_effect: LogOdds = Field(-1.0, **_src("log-odds, daytime slots, paid work (assumption)"))
    oldcomer_effect: LogOdds = Field(0.4, **_src("log-odds, oldcomers at home more (assumption)"))
    young_children_effect: LogOdds = Field(0.4, **_src("log-odds, morning, children under four (assumption)"))
    announced_effect: LogOdds = Field(1.0, **_src("log-odds, visit announced by letter with date and time (assumption; "
                                                  "000:547)"))
    work_effect_late_afternoon: LogOdds = Field(
        -0.5, **_src("log-odds, late afternoon, paid work: half the daytime effect (assumption; 000:253-254)")
    )
    chosen_evening: Probability = Field(
        0.5, **_src("share of households that choose the evening for a second visit, the rest late afternoon "
                    "(assumption; 000:254-255)")
    )
    appointment_home: Probability = Field(0.95, **_src("at home for a visit at a time they chose (assumption; "
                                                       "000:254-255)"))
    holiday_away: Probability = Field(0.4, **_src("away during the summer holiday (assumption; 000:606-607)"))


class ContactBehaviour(Strict):
    talk_unannounced: Probability = Field(0.9, **_src("door opened leads to a conversation, unannounced (assumption; "
                                                      "000:177)"))
    talk_announced: Probability = Field(0.87, **_src("20 conversations at 23 doors rung (000:547-548)"))
    note_response: Probability = Field(0.25, **_src("reply to the note left at the door (assumption; 000:244-246)"))
    language_barrier_share: Probability = Field(0.3, **_src(
        "conversations held back by language (assumption; 000:263-275)"))
    no_interpreter_effect: Probability = Field(0.5, **_src(
        "chance such a conversation fails without interpreter telephone (assumption)"))
    decline_letter: Probability = Field(0.12, **_src("base chance to decline an announced visit in advance "
                                                     "(000:543-546: 10 of 42)"))
    decline_busy_effect: LogOdds = Field(0.6, **_src("log-odds, busy with work or young children (000:545)"))
    decline_integrated_effect: LogOdds = Field(1.0, **_src("log-odds, feels integrated enough (000:546)"))
    phone_reach: Probability = Field(
        0.6, **_src("chance a follow-up call reaches the household (assumption; phone numbers often missing, "
                    "004:8246-8270)")
    )
    whatsapp_reach: Probability = Field(
        0.5, **_src("chance a WhatsApp message after the letter is read and answered (assumption; 004:16883-16899)")
    )
    follow_up_home_effect: LogOdds = Field(
        1.0, **_src("log-odds of being at home at the stated time after a call or message reached them "
                    "(assumption; no-shows 'sterk verminderd', 004:16883-16899)")
    )
    follow_up_decline_effect: LogOdds = Field(
        -0.5, **_src("log-odds of declining in advance once someone has explained the visit in person (assumption; "
                     "002:4348-4359, 004:8246-8270)")
    )
    reminder_home_effect: LogOdds = Field(
        0.4, **_src("log-odds of being at home after a reminder the day before (assumption; 004:17849-17855)")
    )
    own_language_effect: LogOdds = Field(
        0.5, **_src("log-odds of being at home at the stated time when the letter was in their own language, "
                    "so understood (assumption; 'dat werkt heel goed', 002:5370-5378)")
    )
    pair_talk_effect: LogOdds = Field(
        0.0, **_src("log-odds of a conversation when two coaches ring: pairs were staff policy (000:240-241) and no "
                    "source reports an effect, so none by default (assumption)")
    )


class DecisionBehaviour(Strict):
    base_interest: dict[Status, Probability] = Field(
        default_factory=lambda: DecidingShares(obligated=0.85, refuser=0.8, voluntary=0.28),
        **_src("interest in a language offer by register status (assumption; 000:969-974); households not in "
               "need never decide"),
    )
    motivation_effect: LogOdds = Field(3.0, **_src("log-odds per unit of intrinsic motivation (assumption; "
                                                   "000:310-317)"))
    multiple_problems_effect: LogOdds = Field(-1.2, **_src("log-odds, problems that take priority (000:609-622)"))
    health_effect: LogOdds = Field(-0.8, **_src("log-odds, substantial health problems (000:631-633)"))
    inburgering_framing_effect: LogOdds = Field(-1.0, **_src(
        "log-odds, the word 'inburgering' for those averse to it (000:281-285)"))
    inburgering_aversion_share: Probability = Field(0.5, **_src(
        "share for whom 'inburgering' is charged (assumption; 000:284)"))
    trained_coach_effect: LogOdds = Field(0.4, **_src(
        "log-odds, coach trained in motivating conversation (assumption; 000:424-447)"))
    trust_effect: LogOdds = Field(1.0, **_src(
        "log-odds per unit of trust in the municipality (assumption; 000:597-601)"))
    warm_handover_effect: LogOdds = Field(3.8, **_src(
        "log-odds, a name passed on by a partner or key figure (assumption; 000:1025-1033)"))
    lead_effect: LogOdds = Field(1.2, **_src("log-odds, came forward after the campaign (assumption; 000:494-503)"))
    fee_barrier_share: Probability = Field(0.3, **_src("share for whom EUR 270 is too high (assumption; 000:213, "
                                                       "000:349-350)"))
    childcare_barrier_share: Probability = Field(0.5, **_src(
        "share of parents of young children blocked without childcare (assumption; 000:214)"))
    distance_barrier_share: Probability = Field(0.08, **_src("distance to the school too large (assumption; 000:215)"))
    spouse_barrier_share: Probability = Field(0.08, **_src("spouse does not consent (assumption; 000:216)"))
    integrated_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.10, "refuser": 0.15, "voluntary": 0.30, "not_in_need": 1.0},
        **_src("consider themselves integrated enough (assumption; 000:217, 000:628-635)"),
    )
    too_heavy_share: dict[Status, Probability] = Field(
        default_factory=lambda: DecidingShares(obligated=0.12, refuser=0.15, voluntary=0.45),
        **_src("find 4-5 half-days a week and the exam too heavy, by register status (assumption; 000:218-223 "
               "'veel mensen', more among oldcomers who 'get by', 000:625-630); households not in need never "
               "decide"),
    )
    health_barrier_share: Probability = Field(
        0.6, **_src("share of those with substantial health problems for whom a full course is out of reach "
                    "(assumption; 000:631-634 'een niet weg te nemen belemmering')")
    )
    light_offer_uptake: Probability = Field(0.45, **_src(
        "take a conversation class or home lessons instead (assumption; 000:181-184)"))
    fee_substitution: Probability = Field(
        0.3, **_src("relative chance that someone stopped only by the fee takes a free lighter offer instead "
                    "(assumption; 000:213)")
    )
    dual_share: Probability = Field(0.15, **_src("starters who also take up participation (000:187-189: 2 of 13)"))
    participation_uptake: Probability = Field(
        0.45, **_src("people already in a course who add a participation activity in the neighbourhood (assumption; "
                    "000:549-551: 2 of the 20 broad conversations)")
    )
    callback: Probability = Field(
        0.12, **_src("declined for a reason that can change, then called the coach back (000:185-187: 5 who first "
                     "declined called back; "
                     "55 conversations without a start, 000:210; here per decline that is not 'not in need', 'in a "
                     "course' or 'integrated enough')")
    )
    callback_interest_effect: LogOdds = Field(
        3.0, **_src("log-odds of interest when the household phones the coach itself (assumption; 000:185-187)")
    )
    callback_days: Days = Field(14.0, **_src("mean days until the call back (assumption; 'korte tijd', 000:186)"))
    dropout_base: Probability = Field(0.03, **_src("drop out before the course starts, no waiting (000:333-336: 1 of "
                                                   "14)"))
    dropout_per_week: Probability = Field(0.012, **_src("extra drop-out hazard per week of waiting (assumption)"))
    intake_no_show: Probability = Field(0.1, **_src("no-show for an intake not taken on the spot (assumption)"))
    dropout_wait_fraction: Probability = Field(
        0.5, **_src("point of the wait at which those who drop out do so (assumption)")
    )
    light_offer_wait_weeks: Weeks = Field(
        1.0, **_src("weeks until a conversation class, home lessons or a participation activity starts (assumption)")
    )
    light_offer_handover_share: Probability = Field(
        0.5, **_src("share of the handover and lead effects that also applies to the lighter offers (assumption; "
                    "000:182-184)")
    )
    referral_need: dict[PartnerType, Probability] = Field(
        default_factory=lambda: {
            "housing_corporation": 0.12,
            "welfare_organisation": 0.12,
            "wmo_desk": 0.06,
            "police": 0.06,
            "municipal_inspector": 0.06,
            "primary_school": 0.12,
        },
        **_src("chance a conversation raises a problem for this partner (9 referrals, 000:567; in 20 conversations, "
               "000:548)"),
    )
    problem_raised_multiple: Probability = Field(
        0.75, **_src("chance a problem is raised and referred at a broad visit, multiple problems (assumption; "
                     "000:567, 000:609-622)")
    )
    problem_raised: Probability = Field(
        0.25, **_src("the same for other households (assumption; 000:567)")
    )
    aftercare_trust_gain: Probability = Field(0.25, **_src(
        "trust gained when the referral was picked up (000:671-673)"))
    aftercare_uptake_effect: LogOdds = Field(0.0, **_src(
        "log-odds added at the aftercare visit (000:673-676: no language starts)"))

    _deciding_only = field_validator("base_interest", "too_heavy_share")(deciding_only)


class NetworkBehaviour(Strict):
    engagement_start: Probability = Field(0.05, **_src("engagement of partners when the coaches start (assumption)"))
    engagement_gain_per_hour: Annotated[float, Field(ge=0.0, le=10.0)] = Field(0.025, **_src(
        "engagement gained per coach hour at a partner (assumption; 000:1027-1030)"))
    engagement_decay_per_week: Probability = Field(0.012, **_src(
        "weekly fading without presence (assumption; 000:1029-1030)"))
    names_per_week: Rate = Field(0.16, **_src(
        "names a fully engaged partner passes on per week (assumption; 115 names by 2010-10-01, 000:1031)"))
    key_figure_names_per_week: Rate = Field(0.08, **_src(
        "names a fully engaged key figure delivers per week (assumption)"))
    key_figure_credibility_beta: tuple[BetaShape, BetaShape] = Field(
        (4.0, 2.0), **_src("Beta shape of a key figure's credibility, mean 0.67 (assumption; 000:53-54)")
    )
    key_figure_credibility_floor: Annotated[float, Field(ge=0.0, le=10.0)] = Field(
        0.5, **_src("name rate factor of a key figure is this plus its credibility (assumption)")
    )
    pickup_engagement_weight: Probability = Field(
        0.5, **_src("how much a partner's pick-up of a referred problem depends on its engagement (assumption; "
                    "000:597-601)")
    )
    ambassador_names_per_week: Rate = Field(
        0.25, **_src("names an engaged ambassador delivers per week (assumption; 003:475 'goed in staat om mensen te "
                     "bereiken')")
    )
    ambassador_effect: LogOdds = Field(
        1.0, **_src("log-odds, approached by someone who did the course themselves (assumption; 003:445)")
    )
    name_selectivity: Annotated[float, Field(ge=0.0, le=20.0)] = Field(3.0, **_src(
        "partners pass on names of motivated people: weight motivation**k (assumption; 000:1026)"))
    name_misjudgement: Probability = Field(
        0.3, **_src("relative chance that a partner passes on the name of someone who needs no course (assumption)")
    )
    key_figure_ties: Annotated[int, Field(ge=1, le=100_000)] = Field(25, **_src(
        "households a key figure knows (assumption)"))
    neighbour_span: Annotated[int, Field(ge=0, le=1000)] = Field(3, **_src(
        "houses either side on the street that count as neighbours (assumption)"))
    word_of_mouth_motivation: Probability = Field(
        0.04, **_src("motivation a neighbour gains when someone next door starts (assumption; 000:702-704 'mond tot "
                     "mond')")
    )
    word_of_mouth_trust: Probability = Field(
        0.03, **_src("trust a neighbour gains when someone next door starts (assumption; 000:1015-1018)")
    )


class LadderBehaviour(Strict):
    review_days: Days = Field(91.0, **_src("days between ladder reviews (assumption)"))
    climb: Probability = Field(0.45, **_src("chance to climb a rung at a review (assumption; 001:188-201)"))
    climb_dual: Probability = Field(0.65, **_src("the same with a participation activity (assumption; 001:223-225)"))
    complete: Probability = Field(0.7, **_src("chance to finish the course and move to pillar 3 (assumption)"))
    duration_days: dict[StartType, Days] = Field(
        default_factory=lambda: {
            "trajectory": 540.0,
            "literacy": 365.0,
            "conversation_or_home_lessons": 180.0,
            "participation": 180.0,
            "starter_course": 120.0,
        },
        **_src("course length by type (assumption)"),
    )


class TimeBehaviour(Strict):
    prep_hours: TaskHours = Field(0.75, **_src("preparation per coach per address; with the door, 1 hour "
                                               "(000:257-259)"))
    door_hours: TaskHours = Field(0.25, **_src("at the door per coach; with preparation, 1 hour (000:257-259)"))
    conversation_hours: TaskHours = Field(1.0, **_src("conversation per coach: mean 1 hour (000:263-266); with "
                                                      "preparation, 2 hours (000:258-259)"))
    note_hours: TaskHours = Field(0.25, **_src("writing a note per coach (assumption; 000:244-246)"))
    intake_hours: TaskHours = Field(0.5, **_src("intake and registration with the provider per coach (assumption; "
                                                "000:325-329)"))
    letter_hours: TaskHours = Field(0.1, **_src("preparing an announcement letter (assumption)"))
    admin_hours_per_address: TaskHours = Field(
        0.5, **_src("notes and administration per coach per address, not itemised in the sources (assumption; "
                    "000:257-260)")
    )
    follow_up_call_hours: TaskHours = Field(
        0.25, **_src("a follow-up call after the letter, per address (assumption; 004:8246-8270)")
    )
    whatsapp_hours: TaskHours = Field(0.05, **_src("a WhatsApp message after the letter, per address (assumption)"))
    reminder_hours: TaskHours = Field(0.05, **_src("a reminder the day before, per address (assumption; "
                                                   "004:17849-17855)"))
    lead_call_hours: TaskHours = Field(1.5, **_src("phone call and conversation with a campaign lead (assumption)"))
    call_back_hours: TaskHours = Field(0.5, **_src("phone call when a household calls the coach back (assumption; "
                                                   "000:185-187)"))
    intake_appointment_hours: TaskHours = Field(
        1.0, **_src("an intake by appointment, travel included, for one coach (assumption; 000:325-329)")
    )
    intake_appointment_days: Days = Field(7.0, **_src("days until an intake by appointment (assumption)"))
    aftercare_conversation_hours: TaskHours = Field(
        0.5, **_src("the short talk at an aftercare visit, per coach (assumption; 000:639-645)")
    )
    letter_days_ahead: Days = Field(7.0, **_src("days between the announcement letter and the visit it names "
                                                "(assumption; 000:403-409)"))
    second_visit_days: Days = Field(7.0, **_src("days until the second visit after a note (assumption; 000:244-246)"))
    planning_conversation_share: Probability = Field(
        0.6, **_src("share of addresses expected to give a conversation when hours are planned (assumption; 000:177)")
    )
    planning_prior_addresses: Annotated[float, Field(ge=0.0, le=1000.0)] = Field(
        10.0, **_src("weight, in addresses, of the planning rule before hours are learnt from visits (assumption)")
    )


class Behaviour(Strict):
    home: HomeBehaviour = Field(default_factory=HomeBehaviour)
    contact: ContactBehaviour = Field(default_factory=ContactBehaviour)
    decision: DecisionBehaviour = Field(default_factory=DecisionBehaviour)
    network: NetworkBehaviour = Field(default_factory=NetworkBehaviour)
    ladder: LadderBehaviour = Field(default_factory=LadderBehaviour)
    time: TimeBehaviour = Field(default_factory=TimeBehaviour)
