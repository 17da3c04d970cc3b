"""Scenario files: the schema, safe loading, dotted-key overrides and validation.

A scenario is data only. Every behavioural parameter carries its source (seed file and
line, ``000:248`` meaning seed 000, line 248) or the word "assumption" in its description;
``docs/MODEL.md`` lists them all.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from sim.errors import InputError

# Every quantity has a range that means something; validation refuses anything outside it.
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
PositiveInt = Annotated[int, Field(ge=1)]
NonNegativeInt = Annotated[int, Field(ge=0)]
LogOdds = Annotated[float, Field(ge=-10.0, le=10.0)]  # an effect on the log-odds scale
TaskHours = Annotated[float, Field(ge=0.0, le=24.0)]  # coach hours for one task
WeekHours = Annotated[float, Field(ge=0.0, le=168.0 * 1000)]  # checked against 168 a coach below
Days = Annotated[float, Field(ge=0.0, le=3650.0)]
Weeks = Annotated[float, Field(ge=0.0, le=520.0)]
FeeEur = Annotated[float, Field(ge=0.0, le=100_000.0)]  # a contribution fee: at most EUR 100,000
Eur = Annotated[float, Field(ge=0.0, le=1e9)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
PositiveCount = Annotated[int, Field(ge=1, le=10_000_000)]
BetaShape = Annotated[float, Field(gt=0.0, le=1000.0)]
Rate = Annotated[float, Field(ge=0.0, le=100.0)]  # names or events a week
HOURS_PER_WEEK = 168.0

SLOTS = ("morning", "early_afternoon", "late_afternoon", "evening")
Slot = Literal["morning", "early_afternoon", "late_afternoon", "evening"]
Framing = Literal["inburgering", "taal_en_meedoen"]
STATUSES = ("obligated", "refuser", "voluntary", "not_in_need")
Status = Literal["obligated", "refuser", "voluntary", "not_in_need"]
PARTNER_TYPES = (
    "primary_school",
    "mother_centre",
    "welfare_organisation",
    "housing_corporation",
    "migrant_organisation",
    "health_centre",
    "language_provider",
    "home_lesson_provider",
    "wmo_desk",
    "police",
    "municipal_inspector",
)
PartnerType = Literal[PARTNER_TYPES]  # the same names as PARTNER_TYPES


def _src(text: str) -> dict:
    return {"description": text}


# Mappings over a closed set of keys (register statuses, partner kinds, start types): a file
# that gives some keys keeps the defaults of the others.
MERGED_MAPPINGS = {
    "newcomer_share", "health_problem_share", "multiple_problems_share", "in_course_share",
    "base_interest", "integrated_share", "referral_need", "duration_days", "too_heavy_share", "selection_weight",
}
StartType = Literal["trajectory", "literacy", "conversation_or_home_lessons", "participation", "starter_course"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _merge_mappings(cls, data):
        if isinstance(data, dict):
            for name in MERGED_MAPPINGS & set(cls.model_fields) & set(data):
                given = data[name]
                factory = cls.model_fields[name].default_factory
                if isinstance(given, dict) and factory is not None:
                    data = {**data, name: {**factory(), **given}}
        return data


# --------------------------------------------------------------------------- world


class PartnerSpec(Strict):
    type: PartnerType
    count: Annotated[int, Field(ge=1, le=1000)] = Field(1, **_src("how many of this kind (scenario input; assumption where the sources name none)"))
    clients: Count = Field(
        60, **_src("target households tied to each partner (assumption)")
    )
    pickup_probability: Probability = Field(
        0.7, **_src("chance a referred problem is picked up when engagement is full (assumption; 000:597-601)")
    )
    refers_names: bool = Field(
        True, **_src("whether this partner refers names to the coaches (000:1025-1031)")
    )


class NeighbourhoodSpec(Strict):
    name: str = Field(min_length=1)
    households: PositiveCount = Field(
        **_src("target households: households of non-western migrant origin (001:86-87, 001:95-106; see MODEL.md)")
    )
    bpi_registered: Count = Field(
        **_src("potential obligated participants in the BPI register (001:137)")
    )
    earlier_refusers: Count = Field(
        0, **_src("obligated people who refused an earlier offer (000:157-159: 114 city-wide)")
    )
    streets: Annotated[int, Field(ge=1, le=100_000)] = Field(12, **_src("streets, for street-order visiting (000:175-177); count is an assumption"))
    partners: list[PartnerSpec] = Field(default_factory=list)
    key_figures: Annotated[int, Field(ge=0, le=100_000)] = Field(4, **_src("key figures (assumption; 000:53-54, 001:211)"))

    @model_validator(mode="after")
    def _register_fits(self):
        if self.bpi_registered + self.earlier_refusers > self.households:
            raise ValueError(
                f"bpi_registered + earlier_refusers ({self.bpi_registered + self.earlier_refusers}) "
                f"exceeds households ({self.households}); allowed: register counts within the households"
            )
        return self


class CitySpec(Strict):
    """A generic city whose size is one number; neighbourhoods, partners and key figures scale with it."""

    households: Annotated[int, Field(ge=1, le=5_000_000)] = Field(10000, **_src("scenario input: target households in the whole city"))
    households_per_neighbourhood: PositiveCount = Field(800, **_src("assumption"))
    bpi_share: Probability = Field(0.24, **_src("552 in the BPI register in these neighbourhoods (001:137); derived: of about 2,300 target households"))
    refuser_share: Probability = Field(0.04, **_src("114 earlier refusers city-wide (000:157-159); derived: about 92 in these neighbourhoods of 2,300 households"))
    streets_per_neighbourhood: Annotated[int, Field(ge=1, le=100_000)] = Field(12, **_src("assumption"))
    key_figures_per_neighbourhood: Annotated[int, Field(ge=0, le=100_000)] = Field(4, **_src("assumption; 000:53-54"))
    partners_per_neighbourhood: list[PartnerSpec] = Field(default_factory=list)
    scale_staff: bool = Field(
        True, **_src("scale coaches, strategy hours, letters, leads and list sizes with the city (assumption)")
    )
    reference_households: PositiveCount = Field(
        2380, **_src("the size the staff numbers are written for: the three Roermond neighbourhoods (001:86-106, 001:137)")
    )


class WorldSpec(Strict):
    neighbourhoods: list[NeighbourhoodSpec] = Field(default_factory=list)
    city: CitySpec | None = None
    not_in_need_share: Probability = Field(
        0.07, **_src("share with Dutch diplomas, not in need of a course (000:209)")
    )
    newcomer_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.5, "refuser": 0.4, "voluntary": 0.05, "not_in_need": 0.1},
        **_src("share of newcomers by register status (assumption; 000:413-418, 000:628-630: voluntary are oldcomers)"),
    )
    works_share: Probability = Field(0.35, **_src("share with paid work (assumption; unemployment 25-40%, 001:83)"))
    school_children_share: Probability = Field(0.5, **_src("households with children at primary school (assumption; 000:252-253)"))
    young_children_share: Probability = Field(0.3, **_src("households with children under four (assumption)"))
    health_problem_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.15, "refuser": 0.25, "voluntary": 0.55, "not_in_need": 0.1},
        **_src("substantial health problems (assumption; 000:631-633 'het grootste gedeelte' of oldcomers)"),
    )
    multiple_problems_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.25, "refuser": 0.35, "voluntary": 0.65, "not_in_need": 0.1},
        **_src("multiple problems that take priority (assumption; 000:609-622 'de meeste personen')"),
    )
    illiterate_share: Probability = Field(0.06, **_src("not literate in any script (assumption; 000:180: one literacy start in the narrow round)"))
    in_course_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.1, "refuser": 0.0, "voluntary": 0.12, "not_in_need": 0.0},
        **_src("already following a language course (assumption; 000:549-551 two in a running trajectory)"),
    )
    health_adds_multiple_problems: Probability = Field(
        0.3, **_src("chance that health problems come with other problems that take priority (assumption; 000:609-633)")
    )
    motivation_beta: tuple[BetaShape, BetaShape] = Field(
        (2.0, 2.0), **_src("Beta shape of intrinsic motivation, mean 0.5 (assumption; 000:310-317)")
    )
    trust_beta: tuple[BetaShape, BetaShape] = Field(
        (3.0, 3.0), **_src("Beta shape of trust in the municipality, mean 0.5 (assumption; 000:597-601)")
    )
    multiple_problems_extra_need: Probability = Field(
        0.5, **_src("relative chance of a further problem to refer for a household with multiple problems (assumption; 000:609-622)")
    )
    partner_client_affinity: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        3.0, **_src("extra weight of the households a partner kind knows best among its clients (assumption)")
    )

    @model_validator(mode="after")
    def _one_source(self):
        if not self.neighbourhoods and self.city is None:
            raise ValueError("no households; allowed: a list of neighbourhoods or a city section")
        if self.neighbourhoods and self.city is not None:
            raise ValueError("both neighbourhoods and city given; allowed: one of the two")
        return self


# --------------------------------------------------------------------------- coaches and policy


class CoachSpec(Strict):
    count: Annotated[int, Field(ge=1, le=100_000)] = Field(3, **_src("three trajectcoaches (000:874-875)"))
    fte: Annotated[float, Field(gt=0.0, le=1.5)] = Field(0.9, **_src("2.7 extra FTE in total (000:948); spread over 3 coaches"))
    hours_per_fte_year: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK * 52)] = Field(1350.0, **_src("1,350 workable hours per FTE per year (001:284)"))
    hourly_cost_eur: Annotated[float, Field(ge=0.0, le=1000.0)] = Field(
        47.0, **_src("EUR 512,000, mostly personnel, 2.7 extra FTE (000:944-948); derived: about EUR 47 an hour over 3 years")
    )
    max_clients_per_coach: Annotated[int, Field(ge=1, le=1000)] = Field(50, **_src("50 clients per coach per year (001:284-286)"))
    case_hours_per_client_year: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK * 52)] = Field(
        13.5, **_src("case management per client in a course per year (assumption: half of the 27 hours per client "
                     "of 001:284, which cover finding and binding too, booked here as outreach; docs/MODEL.md)")
    )
    trained_from: dt.date | None = Field(
        None, **_src("date of the training 'effectief communiceren en motiveren' (000:424-447)")
    )


class OfferSpec(Strict):
    trajectory: bool = Field(True, **_src("the regular integration trajectory (000:193-194)"))
    literacy: bool = Field(True, **_src("literacy course (000:180)"))
    conversation_classes: bool = Field(True, **_src("mother-centre conversation classes (000:182-184)"))
    home_lessons: bool = Field(True, **_src("STEM home lessons (000:181, 000:230-238)"))
    starter_courses: bool = Field(False, **_src("'instapcursussen inburgering' from week 39 of 2010 (000:525-528)"))
    participation: bool = Field(True, **_src("participation offers in the neighbourhood (000:187-189, 000:549-551)"))


class PolicySpec(Strict):
    fee_eur: FeeEur = Field(270.0, **_src("contribution fee for voluntary participants (000:213, 000:457-460)"))
    fee_eur_obligated: FeeEur = Field(270.0, **_src("statutory contribution for obligated participants (000:213, 000:349-350)"))
    childcare: bool = Field(False, **_src("childcare with the course (000:214: none in the evening)"))
    interpreter: bool = Field(True, **_src("interpreter telephone at the door (000:267-269)"))
    waiting_time_weeks: Weeks = Field(4.0, **_src("weeks from intake to the start of a course (assumption)"))
    offer: OfferSpec = Field(default_factory=OfferSpec)
    letter_cost_eur: Annotated[float, Field(ge=0.0, le=100.0)] = Field(1.5, **_src("printing and postage per letter (assumption)"))
    statutory_fee_eur: FeeEur = Field(
        270.0, **_src("the statutory contribution, the fee at which fee_barrier_share is observed (000:213)")
    )


class PolicyChange(Strict):
    """A dated change of policy, e.g. the fee abolished on 2010-06-10 (000:458)."""

    date: dt.date
    fee_eur: FeeEur | None = None
    fee_eur_obligated: FeeEur | None = None
    childcare: bool | None = None
    waiting_time_weeks: Weeks | None = None
    offer: OfferSpec | None = None


# --------------------------------------------------------------------------- strategies


class StrategyPhase(Strict):
    """From a date on, a strategy uses other visit settings (e.g. later in the afternoon: 000:251-254)."""

    date: dt.date
    slots: dict[Slot, Annotated[float, Field(ge=0.0, le=1000.0)]] | None = None
    framing: Framing | None = None
    hours_per_week: WeekHours | None = None

    @model_validator(mode="after")
    def _slots(self):
        _check_slots(self.slots)
        return self


class StrategyBase(Strict):
    start: dt.date
    end: dt.date
    hours_per_week: WeekHours = Field(
        **_src("scenario input (lever): coach hours a week for this strategy, both coaches of a pair counting")
    )
    phases: list[StrategyPhase] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates(self):
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}; allowed: an end on or after the start")
        return self


def _check_slots(slots: dict | None) -> None:
    if slots is not None and not any(w > 0 for w in slots.values()):
        raise ValueError("no slot has a positive share; allowed: at least one of morning, early_afternoon, "
                         "late_afternoon, evening with a share > 0")


class VisitSettings(Strict):
    slots: dict[Slot, Annotated[float, Field(ge=0.0, le=1000.0)]] = Field(
        default_factory=lambda: {"late_afternoon": 1.0},
        **_src("scenario input (lever): share of visits per time-of-day slot; later in the afternoon works best (000:248-254)"),
    )
    framing: Framing = Field("taal_en_meedoen", **_src("message at the door (000:281-285)"))
    pairs: bool = Field(True, **_src("two coaches per visit (000:242-243)"))
    intake_on_the_spot: bool = Field(True, **_src("intake during the visit when interested (000:325-328)"))

    @model_validator(mode="after")
    def _slots(self):
        _check_slots(self.slots)
        return self


class NarrowStrategy(StrategyBase, VisitSettings):
    type: Literal["narrow"] = "narrow"
    register_selection: Count = Field(
        175, **_src("people selected from the municipal register (GBA) (000:152-156)")
    )
    include_refusers: bool = Field(True, **_src("earlier refusers added to the list (000:157-159)"))
    note_and_second_attempt: bool = Field(True, **_src("a note when nobody is home, then a second visit (000:244-246)"))
    announced: bool = Field(False, **_src("narrow visits were unannounced (000:243-244)"))
    selection_weight: dict[Status, Annotated[float, Field(ge=0.0, le=100.0)]] = Field(
        default_factory=lambda: {"obligated": 3.0, "voluntary": 1.0, "not_in_need": 2.5, "refuser": 0.0},
        **_src("relative chance of a register group to be in the register selection (assumption; 000:152-156 selects "
               "by country of birth and age, so potential obligated people more than others; the register cannot "
               "tell who has Dutch diplomas, 000:341-345, so they are picked like the potential obligated)"),
    )


class BroadStrategy(StrategyBase, VisitSettings):
    type: Literal["broad"] = "broad"
    letters: Count | None = Field(
        None, **_src("cap on addresses: the announcement letters sent (42 in Roermond, 000:543), or the addresses "
                     "rung when unannounced; none means as many as hours allow")
    )
    target_statuses: list[Status] = Field(
        default_factory=lambda: ["voluntary", "obligated", "refuser"],
        **_src("mostly voluntary potential participants (000:413-418, 000:974)"),
    )
    announced: bool = Field(True, **_src("announcement letter with date and time (000:403-409)"))
    note_and_second_attempt: bool = Field(False, **_src("no second attempt reported (000:546-548)"))
    referrals: bool = Field(True, **_src("other problems referred to partners (000:567-585)"))
    aftercare: bool = Field(True, **_src("unannounced aftercare visit two weeks after a referral (000:639-645)"))
    aftercare_days: Days = Field(14.0, **_src("two weeks (000:639)"))
    statuses_first: list[Status] = Field(
        default_factory=lambda: ["voluntary"], **_src("the broad round visited mostly voluntary oldcomers (000:974)")
    )


class NetworkStrategy(StrategyBase):
    type: Literal["network"] = "network"
    partner_share: Probability = Field(
        0.75, **_src("share of network hours spent at partner meetings, the rest with key figures (assumption)")
    )
    handover_hours: TaskHours = Field(2.0, **_src("one coach, preparation and conversation per name (assumption; 000:975)"))
    pairs: bool = Field(False, **_src("names are followed up by one coach (assumption)"))


class CampaignStrategy(StrategyBase):
    type: Literal["campaign"] = "campaign"
    hours_per_week: WeekHours = Field(0.0, **_src("scenario input (lever): leads are phoned whatever the budget"))
    expected_leads: Annotated[float, Field(ge=0.0, le=1e6)] = Field(20.0, **_src("the billboard action gave 20 serious leads (000:494-503)"))
    cost_eur: Eur = Field(10000.0, **_src("media campaign cost (assumption)"))
    follow_up_days: Days = Field(14.0, **_src("leads phoned within two weeks (000:517-519)"))


class AmbassadorsStrategy(StrategyBase):
    """The guide's method 3 (003:443-475): former participants recruit in the neighbourhood."""

    type: Literal["ambassadors"] = "ambassadors"
    ambassadors: Annotated[int, Field(ge=0, le=10_000)] = Field(6, **_src("ambassadors to recruit (assumption; 23 in Zoetermeer, 003:462)"))
    min_days_since_start: Days = Field(
        270.0, **_src("former participants qualify this long after their start (assumption; 003:452 'afgerond')")
    )
    recruit_hours: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK)] = Field(8.0, **_src("coach hours to recruit and train one ambassador (assumption; 003:451-456)"))
    fee_per_month_eur: Annotated[float, Field(ge=0.0, le=10000.0)] = Field(50.0, **_src("small monthly allowance per ambassador (assumption; 003:447)"))
    handover_hours: TaskHours = Field(2.0, **_src("one coach, preparation and conversation per name (assumption)"))
    start_engagement: Probability = Field(0.5, **_src("engagement of a new ambassador (assumption; 003:451-456 trained first)"))
    credibility: Probability = Field(0.8, **_src("credibility of someone who did the course themselves (assumption; 003:445)"))
    street_reach: Annotated[int, Field(ge=0, le=10_000)] = Field(
        10, **_src("houses either side on their street an ambassador reaches (assumption; 003:445)")
    )


Strategy = Annotated[
    NarrowStrategy | BroadStrategy | NetworkStrategy | CampaignStrategy | AmbassadorsStrategy,
    Field(discriminator="type"),
]


# --------------------------------------------------------------------------- behaviour


class HomeBehaviour(Strict):
    morning: Probability = Field(0.30, **_src("4 of 11 and 3 of 12 at home around 9:30 (000:248-251)"))
    early_afternoon: Probability = Field(0.45, **_src("assumption; many out for school runs around 14:00 (000:251-254)"))
    late_afternoon: Probability = Field(0.62, **_src("assumption; visits moved later in the afternoon (000:253-254)"))
    evening: Probability = Field(0.70, **_src("assumption"))
    school_run_effect: LogOdds = Field(-1.6, **_src("log-odds, early afternoon, school-age children (assumption; 000:252-253)"))
    work_effect: LogOdds = Field(-1.0, **_src("log-odds, daytime slots, paid work (assumption)"))
    oldcomer_effect: LogOdds = Field(0.4, **_src("log-odds, oldcomers at home more (assumption)"))
    young_children_effect: LogOdds = Field(0.4, **_src("log-odds, morning, children under four (assumption)"))
    announced_effect: LogOdds = Field(1.0, **_src("log-odds, visit announced by letter with date and time (assumption; 000:547)"))
    work_effect_late_afternoon: LogOdds = Field(
        -0.5, **_src("log-odds, late afternoon, paid work: half the daytime effect (assumption; 000:253-254)")
    )
    chosen_evening: Probability = Field(
        0.5, **_src("share of households that choose the evening for a second visit, the rest late afternoon (assumption; 000:254-255)")
    )
    appointment_home: Probability = Field(0.95, **_src("at home for a visit at a time they chose (assumption; 000:254-255)"))
    holiday_away: Probability = Field(0.4, **_src("away during the summer holiday (assumption; 000:606-607)"))


class ContactBehaviour(Strict):
    talk_unannounced: Probability = Field(0.9, **_src("door opened leads to a conversation, unannounced (assumption; 000:177)"))
    talk_announced: Probability = Field(0.87, **_src("20 conversations at 23 doors rung (000:547-548)"))
    note_response: Probability = Field(0.25, **_src("reply to the note left at the door (assumption; 000:244-246)"))
    language_barrier_share: Probability = Field(0.3, **_src("conversations held back by language (assumption; 000:263-275)"))
    no_interpreter_effect: Probability = Field(0.5, **_src("chance such a conversation fails without interpreter telephone (assumption)"))
    decline_letter: Probability = Field(0.12, **_src("base chance to decline an announced visit in advance (000:543-546: 10 of 42)"))
    decline_busy_effect: LogOdds = Field(0.6, **_src("log-odds, busy with work or young children (000:545)"))
    decline_integrated_effect: LogOdds = Field(1.0, **_src("log-odds, feels integrated enough (000:546)"))
    pair_talk_effect: LogOdds = Field(
        0.0, **_src("log-odds of a conversation when two coaches ring: pairs were staff policy (000:240-241) and no "
                    "source reports an effect, so none by default (assumption)")
    )


class DecisionBehaviour(Strict):
    base_interest: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.85, "refuser": 0.8, "voluntary": 0.28, "not_in_need": 0.0},
        **_src("interest in a language offer by register status (assumption; 000:969-974)"),
    )
    motivation_effect: LogOdds = Field(3.0, **_src("log-odds per unit of intrinsic motivation (assumption; 000:310-317)"))
    multiple_problems_effect: LogOdds = Field(-1.2, **_src("log-odds, problems that take priority (000:609-622)"))
    health_effect: LogOdds = Field(-0.8, **_src("log-odds, substantial health problems (000:631-633)"))
    inburgering_framing_effect: LogOdds = Field(-1.0, **_src("log-odds, the word 'inburgering' for those averse to it (000:281-285)"))
    inburgering_aversion_share: Probability = Field(0.5, **_src("share for whom 'inburgering' is charged (assumption; 000:284)"))
    trained_coach_effect: LogOdds = Field(0.4, **_src("log-odds, coach trained in motivating conversation (assumption; 000:424-447)"))
    trust_effect: LogOdds = Field(1.0, **_src("log-odds per unit of trust in the municipality (assumption; 000:597-601)"))
    warm_handover_effect: LogOdds = Field(3.8, **_src("log-odds, name referred by a partner or key figure (assumption; 000:1025-1033)"))
    lead_effect: LogOdds = Field(1.2, **_src("log-odds, came forward after the campaign (assumption; 000:494-503)"))
    fee_barrier_share: Probability = Field(0.3, **_src("share for whom EUR 270 is too high (assumption; 000:213, 000:349-350)"))
    childcare_barrier_share: Probability = Field(0.5, **_src("share of parents of young children blocked without childcare (assumption; 000:214)"))
    distance_barrier_share: Probability = Field(0.08, **_src("distance to the school too large (assumption; 000:215)"))
    spouse_barrier_share: Probability = Field(0.08, **_src("spouse does not consent (assumption; 000:216)"))
    integrated_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.10, "refuser": 0.15, "voluntary": 0.30, "not_in_need": 1.0},
        **_src("consider themselves integrated enough (assumption; 000:217, 000:628-635)"),
    )
    too_heavy_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.12, "refuser": 0.15, "voluntary": 0.45, "not_in_need": 0.0},
        **_src("find 4-5 half-days a week and the exam too heavy, by register status (assumption; 000:218-223 "
               "'veel mensen', more among oldcomers who 'get by', 000:625-630)"),
    )
    health_barrier_share: Probability = Field(
        0.6, **_src("share of those with substantial health problems for whom a full course is out of reach "
                    "(assumption; 000:631-634 'een niet weg te nemen belemmering')")
    )
    light_offer_uptake: Probability = Field(0.45, **_src("take a conversation class or home lessons instead (assumption; 000:181-184)"))
    fee_substitution: Probability = Field(
        0.3, **_src("relative chance that someone stopped only by the fee takes a free lighter offer instead (assumption; 000:213)")
    )
    dual_share: Probability = Field(0.15, **_src("starters who also take up participation (000:187-189: 2 of 13)"))
    participation_uptake: Probability = Field(
        0.45, **_src("people already in a course who add a participation activity in the neighbourhood (assumption; "
                    "000:549-551: 2 of the 20 broad conversations)")
    )
    callback: Probability = Field(
        0.12, **_src("declined for a reason that can change, then called the coach back (000:185-187: 5 who first declined called back; "
                     "55 conversations without a start, 000:210; here per decline that is not 'not in need', 'in a course' or 'integrated enough')")
    )
    callback_interest_effect: LogOdds = Field(
        3.0, **_src("log-odds of interest when the household phones the coach itself (assumption; 000:185-187)")
    )
    callback_days: Days = Field(14.0, **_src("mean days until the call back (assumption; 'korte tijd', 000:186)"))
    dropout_base: Probability = Field(0.03, **_src("drop out before the course starts, no waiting (000:333-336: 1 of 14)"))
    dropout_per_week: Probability = Field(0.012, **_src("extra drop-out hazard per week of waiting (assumption)"))
    intake_no_show: Probability = Field(0.1, **_src("no-show for an intake not taken on the spot (assumption)"))
    dropout_wait_fraction: Probability = Field(
        0.5, **_src("point of the wait at which those who drop out do so (assumption)")
    )
    light_offer_wait_weeks: Weeks = Field(
        1.0, **_src("weeks until a conversation class, home lessons or a participation activity starts (assumption)")
    )
    light_offer_handover_share: Probability = Field(
        0.5, **_src("share of the handover and lead effects that also applies to the lighter offers (assumption; 000:182-184)")
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
        **_src("chance a conversation raises a problem for this partner (9 referrals, 000:567; in 20 conversations, 000:548)"),
    )
    problem_raised_multiple: Probability = Field(
        0.75, **_src("chance a problem is raised and referred at a broad visit, multiple problems (assumption; 000:567, 000:609-622)")
    )
    problem_raised: Probability = Field(
        0.25, **_src("the same for other households (assumption; 000:567)")
    )
    aftercare_trust_gain: Probability = Field(0.25, **_src("trust gained when the referral was picked up (000:671-673)"))
    aftercare_uptake_effect: LogOdds = Field(0.0, **_src("log-odds added at the aftercare visit (000:673-676: no language starts)"))


class NetworkBehaviour(Strict):
    engagement_start: Probability = Field(0.05, **_src("engagement of partners when the coaches start (assumption)"))
    engagement_gain_per_hour: Annotated[float, Field(ge=0.0, le=10.0)] = Field(0.025, **_src("engagement gained per coach hour at a partner (assumption; 000:1027-1030)"))
    engagement_decay_per_week: Probability = Field(0.012, **_src("weekly fading without presence (assumption; 000:1029-1030)"))
    names_per_week: Rate = Field(0.16, **_src("names a fully engaged partner refers per week (assumption; 115 names by 2010-10-01, 000:1031)"))
    key_figure_names_per_week: Rate = Field(0.08, **_src("names a fully engaged key figure delivers per week (assumption)"))
    key_figure_credibility_beta: tuple[BetaShape, BetaShape] = Field(
        (4.0, 2.0), **_src("Beta shape of a key figure's credibility, mean 0.67 (assumption; 000:53-54)")
    )
    key_figure_credibility_floor: Annotated[float, Field(ge=0.0, le=10.0)] = Field(
        0.5, **_src("name rate factor of a key figure is this plus its credibility (assumption)")
    )
    pickup_engagement_weight: Probability = Field(
        0.5, **_src("how much a partner's pick-up of a referred problem depends on its engagement (assumption; 000:597-601)")
    )
    ambassador_names_per_week: Rate = Field(
        0.25, **_src("names an engaged ambassador delivers per week (assumption; 003:475 'goed in staat om mensen te bereiken')")
    )
    ambassador_effect: LogOdds = Field(
        1.0, **_src("log-odds, approached by someone who did the course themselves (assumption; 003:445)")
    )
    referral_selectivity: Annotated[float, Field(ge=0.0, le=20.0)] = Field(3.0, **_src("partners refer motivated people: weight motivation**k (assumption; 000:1026)"))
    referral_misjudgement: Probability = Field(
        0.3, **_src("relative chance that a partner refers someone who needs no course (assumption)")
    )
    key_figure_ties: Annotated[int, Field(ge=1, le=100_000)] = Field(25, **_src("households a key figure knows (assumption)"))
    neighbour_span: Annotated[int, Field(ge=0, le=1000)] = Field(3, **_src("houses either side on the street that count as neighbours (assumption)"))
    word_of_mouth_motivation: Probability = Field(
        0.04, **_src("motivation a neighbour gains when someone next door starts (assumption; 000:702-704 'mond tot mond')")
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
    prep_hours: TaskHours = Field(0.75, **_src("preparation per coach per address; with the door, 1 hour (000:257-259)"))
    door_hours: TaskHours = Field(0.25, **_src("at the door per coach; with preparation, 1 hour (000:257-259)"))
    conversation_hours: TaskHours = Field(1.0, **_src("conversation per coach: mean 1 hour (000:263-266); with preparation, 2 hours (000:258-259)"))
    note_hours: TaskHours = Field(0.25, **_src("writing a note per coach (assumption; 000:244-246)"))
    intake_hours: TaskHours = Field(0.5, **_src("intake and registration with the provider per coach (assumption; 000:325-329)"))
    letter_hours: TaskHours = Field(0.1, **_src("preparing an announcement letter (assumption)"))
    admin_hours_per_address: TaskHours = Field(
        0.5, **_src("notes and administration per coach per address, not itemised in the sources (assumption; 000:257-260)")
    )
    lead_call_hours: TaskHours = Field(1.5, **_src("phone call and conversation with a campaign lead (assumption)"))
    call_back_hours: TaskHours = Field(0.5, **_src("phone call when a household calls the coach back (assumption; 000:185-187)"))
    intake_appointment_hours: TaskHours = Field(
        1.0, **_src("an intake by appointment, travel included, for one coach (assumption; 000:325-329)")
    )
    intake_appointment_days: Days = Field(7.0, **_src("days until an intake by appointment (assumption)"))
    aftercare_conversation_hours: TaskHours = Field(
        0.5, **_src("the short talk at an aftercare visit, per coach (assumption; 000:639-645)")
    )
    letter_days_ahead: Days = Field(7.0, **_src("days between the announcement letter and the visit it names (assumption; 000:403-409)"))
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


# --------------------------------------------------------------------------- scenario


class Prior(Strict):
    """The range an uncertain parameter may take, and where that range comes from."""

    low: float
    high: float
    distribution: Literal["uniform", "loguniform"] = "uniform"
    source: str = Field(min_length=1, description="seed and line, or 'assumption' with the reasoning")

    @model_validator(mode="after")
    def _range(self):
        if self.low > self.high:
            raise ValueError(f"low {self.low} exceeds high {self.high}; allowed: low <= high")
        if self.distribution == "loguniform" and self.low <= 0:
            raise ValueError("a loguniform prior with low <= 0; allowed: low > 0")
        return self


class Holiday(Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _dates(self):
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}; allowed: an end on or after the start")
        return self


class Scenario(Strict):
    name: str = Field(min_length=1)
    description: str = ""
    start: dt.date
    end: dt.date
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 1
    world: WorldSpec
    coaches: CoachSpec = Field(default_factory=CoachSpec)
    policy: PolicySpec = Field(default_factory=PolicySpec)
    policy_changes: list[PolicyChange] = Field(default_factory=list)
    strategies: list[Strategy] = Field(min_length=1)
    behaviour: Behaviour = Field(default_factory=Behaviour)
    holidays: list[Holiday] = Field(default_factory=list)
    priors: dict[str, Prior] = Field(
        default_factory=dict,
        description="uncertain parameters by dotted key (e.g. behaviour.home.late_afternoon) with their prior range",
    )
    _source_path: str | None = PrivateAttr(default=None)
    _overrides: dict = PrivateAttr(default_factory=dict)  # dotted keys the user set over the file

    @model_validator(mode="after")
    def _dates(self):
        if self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}; allowed: an end after the start")
        for key, prior in self.priors.items():
            value = _get_path(self, key)
            if value is _MISSING:
                raise ValueError(f"priors.{key}: no such parameter in the scenario; allowed: the dotted key of a number, e.g. behaviour.home.morning")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"priors.{key}: not a number (it is {type(value).__name__}); allowed: the dotted key of a number")
        for key, prior in self.priors.items():
            low, high = _bounds(Scenario, _prior_loc(self, key))
            if (low is not None and prior.low < low) or (high is not None and prior.high > high):
                raise ValueError(
                    f"priors.{key}: range {prior.low} to {prior.high} lies outside the parameter's own range "
                    f"{low} to {high}; allowed: a prior within {low} to {high}"
                )
        most = HOURS_PER_WEEK * self.coaches.count
        for i, s in enumerate(self.strategies):
            for hours in [s.hours_per_week] + [p.hours_per_week for p in s.phases if p.hours_per_week is not None]:
                if hours > most:
                    raise ValueError(
                        f"strategies.{s.type}.hours_per_week: {hours:g} hours a week is more than "
                        f"{self.coaches.count} coaches have; allowed: at most {HOURS_PER_WEEK:g} hours a week per "
                        f"coach ({most:g})"
                    )
            if s.start < self.start or s.end > self.end:
                raise ValueError(
                    f"strategies.{i} ({s.type}) runs {s.start} to {s.end}, outside the scenario {self.start} to {self.end}; "
                    "allowed: strategy dates within the scenario's start and end"
                )
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def day_of(self, date: dt.date) -> int:
        return (date - self.start).days


_MISSING = object()


def _prior_loc(scenario: Any, dotted: str) -> tuple:
    """A prior's dotted key as a schema location: a strategy named by type or index becomes its tag."""
    parts = dotted.split(".")
    if parts[0] == "strategies" and len(parts) > 1:
        tag = parts[1]
        if tag.lstrip("-").isdigit():
            tag = scenario.strategies[int(tag)].type
        return ("strategies", 0, tag, *parts[2:])
    return tuple(parts)


def _get_path(obj: Any, dotted: str) -> Any:
    """Follow a dotted key through models, dicts and lists (by index or strategy type)."""
    node = obj
    for part in dotted.split("."):
        if isinstance(node, BaseModel):
            if part not in type(node).model_fields:
                return _MISSING
            node = getattr(node, part)
        elif isinstance(node, dict):
            if part not in node:
                return _MISSING
            node = node[part]
        elif isinstance(node, list):
            if part.lstrip("-").isdigit() and -len(node) <= int(part) < len(node):
                node = node[int(part)]
            else:
                hits = [el for el in node if getattr(el, "type", None) == part]
                if len(hits) != 1:
                    return _MISSING
                node = hits[0]
        else:
            return _MISSING
    return node


def get_value(scenario: "Scenario", dotted: str) -> Any:
    """The value at a dotted key; raises KeyError when there is none."""
    value = _get_path(scenario, dotted)
    if value is _MISSING:
        raise KeyError(dotted)
    return value


def with_values(scenario: "Scenario", values: dict[str, Any], file: str = "<parameters>") -> "Scenario":
    """A copy of the scenario with dotted keys set to new values, validated like a file."""
    data = apply_overrides(scenario.model_dump(mode="python"), values, file)
    new = validate_dict(data, file)
    new._source_path = scenario._source_path
    new._overrides = {**scenario._overrides, **values}
    return new


# --------------------------------------------------------------------------- loading


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader: YAML object tags (``!!python/...``) are refused."""


def read_yaml(path: str | Path, what: str = "scenario") -> Any:
    """Read a YAML file safely, turning every failure into an InputError naming the file."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, None, "file not found", f"give the path of a {what} YAML file") from None
    except IsADirectoryError:
        raise InputError(name, None, "is a directory", f"give the path of a {what} YAML file") from None
    except OSError as exc:
        raise InputError(name, None, f"cannot be read ({exc.strerror})", f"give a readable {what} YAML file") from None
    if b"\x00" in raw:
        raise InputError(name, None, "is a binary file", f"give a {what} YAML text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(name, None, "is not UTF-8 text", f"give a {what} YAML text file") from None
    try:
        data = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.constructor.ConstructorError as exc:
        where = f"line {exc.problem_mark.line + 1}" if exc.problem_mark else "a tag"
        raise InputError(name, where, f"YAML tag not allowed ({exc.problem})", "plain YAML data only, no object tags") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(name, where, f"not valid YAML ({problem})", "a YAML mapping of keys to values") from None
    if data is None:
        raise InputError(name, None, "file is empty", f"a YAML mapping of {what} keys")
    if not isinstance(data, dict):
        raise InputError(name, None, f"top level is a {type(data).__name__}", f"a YAML mapping of {what} keys")
    return data


def _allowed_keys(model_cls: type[BaseModel], loc: tuple) -> list[str] | None:
    """Walk the schema along a pydantic error location and list the keys allowed at its parent."""
    cls: Any = model_cls
    for part in loc[:-1]:
        if isinstance(part, int) or part in _STRATEGY_CLASSES:
            continue
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            field = cls.model_fields.get(str(part))
            if field is None:
                # discriminated union: the tag names the class
                return None
            cls = _unwrap(field.annotation, loc, part)
        else:
            return None
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return sorted(cls.model_fields)
    return None


_STRATEGY_CLASSES = {
    "narrow": NarrowStrategy,
    "broad": BroadStrategy,
    "network": NetworkStrategy,
    "campaign": CampaignStrategy,
    "ambassadors": AmbassadorsStrategy,
}


def _unwrap(annotation, loc, part):
    import typing

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _unwrap(args[0], loc, part)
    if origin in (list, tuple):
        return _unwrap(args[0], loc, part)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        classes = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if classes and all(c in _STRATEGY_CLASSES.values() for c in classes):
            idx = loc.index(part) + 2  # strategies, i, <type tag>
            tag = loc[idx] if idx < len(loc) else None
            return _STRATEGY_CLASSES.get(tag, classes[0])
        return classes[0] if len(classes) == 1 else None
    return annotation


def _bounds(model_cls: type[BaseModel], loc: tuple) -> tuple[float | None, float | None]:
    """The lower and upper bound declared for the field at ``loc`` (also inside dict values)."""
    import typing

    import annotated_types as at

    cls: Any = model_cls
    annotation = None
    metadata: list = []
    for part in loc:
        if isinstance(part, int) or part in _STRATEGY_CLASSES:
            if part in _STRATEGY_CLASSES:
                cls = _STRATEGY_CLASSES[part]
            continue
        if isinstance(cls, type) and issubclass(cls, BaseModel) and str(part) in cls.model_fields:
            field = cls.model_fields[str(part)]
            metadata = list(field.metadata)
            annotation = field.annotation
            cls = _unwrap(annotation, loc, part)
        elif typing.get_origin(annotation) is dict:
            value_type = typing.get_args(annotation)[1]
            metadata = list(getattr(value_type, "__metadata__", ()))
            for m in metadata:
                metadata = metadata + list(getattr(m, "metadata", ()))
            cls = value_type
        else:
            break
    low = high = None
    for m in metadata:
        if isinstance(m, (at.Ge, at.Gt)):
            low = getattr(m, "ge", getattr(m, "gt", None))
        if isinstance(m, (at.Le, at.Lt)):
            high = getattr(m, "le", getattr(m, "lt", None))
    return low, high


def _format_validation_error(file: str, exc: ValidationError, model_cls=None) -> InputError:
    model_cls = model_cls or Scenario
    err = exc.errors(include_url=False)[0]
    loc = tuple(p for p in err["loc"])
    # the discriminator tag of strategies appears in loc; drop it from the shown key
    shown = [str(p) for p in loc if p not in _STRATEGY_CLASSES]
    key = ".".join(shown) if shown else None
    etype = err["type"]
    ctx = err.get("ctx", {}) or {}
    if etype == "extra_forbidden":
        allowed = _allowed_keys(model_cls, loc)
        return InputError(
            file, key, "unknown key",
            f"allowed keys here: {', '.join(allowed)}" if allowed else "see docs/MODEL.md for the scenario keys",
        )
    if etype == "missing":
        return InputError(file, key, "required key is missing", "add it")
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        value = err.get("input")
        low, high = _bounds(model_cls, loc)
        if low == 0 and high == 1:
            allowed = "allowed: a probability in [0, 1]"
        elif low is not None and high is not None:
            allowed = f"allowed: a number from {low} to {high}"
        else:
            ops = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}
            allowed = f"allowed: a number {ops[etype]} {next(iter(ctx.values()), '?')}"
        return InputError(file, key, f"value {value!r} is out of range", allowed)
    if etype == "literal_error":
        return InputError(file, key, f"value {err.get('input')!r} is not allowed", f"allowed: {ctx.get('expected', '')}")
    if etype == "union_tag_invalid":
        return InputError(file, key, f"unknown strategy type {ctx.get('tag')!r}", f"allowed: {ctx.get('expected_tags')}")
    if etype == "union_tag_not_found":
        return InputError(file, key, "strategy has no 'type'", "allowed: narrow, broad, network, campaign, ambassadors")
    if etype == "value_error":
        problem, _, allowed = str(ctx.get("error", err["msg"])).partition("; allowed: ")
        named = re.match(r"([\w.-]+): (.*)", problem)
        if key is None and named:  # a check across fields names the key it is about
            key, problem = named.group(1), named.group(2)
        return InputError(file, key, problem, f"allowed: {allowed}" if allowed else "see docs/MODEL.md for the format")
    if etype in ("too_short", "too_long"):
        n = ctx.get("min_length", ctx.get("max_length"))
        what = "at least" if etype == "too_short" else "at most"
        return InputError(file, key, "too short" if etype == "too_short" else "too long", f"allowed: {what} {n} items or characters")
    expected = _expected(etype)
    shown_value = repr(err.get("input"))
    if len(shown_value) > 60:
        shown_value = shown_value[:57] + "..."
    return InputError(file, key, f"{err['msg'].lower()} (got {shown_value})", f"allowed: {expected}")


_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "date": "a date like 2010-06-10",
    "datetime": "a date like 2010-06-10",
    "string": "text",
    "dict": "a mapping of keys to values",
    "model": "a mapping of keys to values",
    "list": "a list",
    "enum": "one of the listed values",
}


def _expected(etype: str) -> str:
    for prefix, text in _EXPECTED.items():
        if etype.startswith(prefix):
            return text
    return "see docs/MODEL.md for the format"


def validate_dict(data: dict, file: str = "<scenario>") -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise _format_validation_error(file, exc) from None


def parse_override(text: str, file: str = "--set") -> tuple[str, Any]:
    """Parse ``KEY=VALUE``; the value is read as YAML so numbers, booleans and lists work."""
    if "=" not in text:
        raise InputError(file, text, "missing '='", "write KEY=VALUE, e.g. policy.fee_eur=0")
    key, _, value = text.partition("=")
    key = key.strip()
    if not key:
        raise InputError(file, text, "empty key", "write KEY=VALUE, e.g. policy.fee_eur=0")
    try:
        parsed = yaml.load(value, Loader=_SafeLoader)  # noqa: S506
    except yaml.YAMLError:
        raise InputError(file, key, f"value {value!r} is not valid YAML", "a number, true/false, a date or text") from None
    return key, parsed


def apply_overrides(data: dict, overrides: dict[str, Any], file: str = "--set") -> dict:
    """Set values by dotted key. A list element is named by its index or, for strategies, by its type."""
    data = copy.deepcopy(data)
    for dotted, value in overrides.items():
        parts = str(dotted).split(".")
        node: Any = data
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, list):
                idx = _list_index(node, part)
                if idx is None:
                    raise InputError(file, dotted, f"no list element {part!r}", _list_hint(node))
                if last:
                    node[idx] = value
                else:
                    node = node[idx]
            elif isinstance(node, dict):
                if last:
                    node[part] = value
                else:
                    if part not in node or node[part] is None:
                        node[part] = {}
                    node = node[part]
            else:
                raise InputError(file, dotted, f"{'.'.join(parts[:i])} is a value, not a section", "override a leaf key")
    return data


def _list_index(node: list, part: str) -> int | None:
    if part.lstrip("-").isdigit():
        idx = int(part)
        return idx if -len(node) <= idx < len(node) else None
    matches = [i for i, el in enumerate(node) if isinstance(el, dict) and (el.get("type") == part or el.get("name") == part)]
    return matches[0] if len(matches) == 1 else None


def _list_hint(node: list) -> str:
    names = [str(el.get("type") or el.get("name")) for el in node if isinstance(el, dict)]
    return f"allowed: an index 0-{len(node) - 1}" + (f" or one of {', '.join(names)}" if names else "")


def load_scenario(path: str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """Load and validate a scenario file; ``overrides`` maps dotted keys to values (like ``--set``)."""
    data = read_yaml(path, "scenario")
    if overrides:
        data = apply_overrides(data, overrides)
    scenario = validate_dict(data, str(path))
    scenario._source_path = str(path)
    scenario._overrides = dict(overrides or {})
    return scenario


SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios"


def resolve_scenario(scenario: Scenario | str | Path, overrides: dict[str, Any] | None = None) -> Scenario:
    """A Scenario object, a scenario file, or the name of a shipped scenario (``roermond_pilot``),
    with dotted overrides applied and validated."""
    if isinstance(scenario, Scenario):
        return with_values(scenario, overrides) if overrides else scenario
    path = Path(scenario)
    if not path.exists() and (SCENARIO_DIR / f"{path.name}.yaml").is_file():
        path = SCENARIO_DIR / f"{path.name}.yaml"
    return load_scenario(path, overrides or None)


def replaced_overrides(scenario: Scenario) -> list[str]:
    """The values the user set (``--set``, sweep levels, priors) that a dated policy change or a
    strategy phase replaces during the run: one message each, naming the key and the date."""
    out = []
    for key in scenario._overrides:
        parts = str(key).split(".")
        if parts[0] == "policy" and len(parts) > 1:
            for change in scenario.policy_changes:
                if getattr(change, parts[1], None) is not None:
                    out.append(f"{key}: the value set is replaced on {change.date} by a dated policy change "
                               f"(policy_changes); set policy_changes=[] to keep it throughout")
                    break
        elif parts[0] == "strategies" and len(parts) > 2:
            strategy = _get_path(scenario, ".".join(parts[:2]))
            if strategy is _MISSING:
                continue
            for phase in sorted(strategy.phases, key=lambda ph: ph.date):
                if parts[2] in StrategyPhase.model_fields and getattr(phase, parts[2], None) is not None:
                    out.append(f"{key}: the value set is replaced on {phase.date} by a phase of the strategy "
                               f"(strategies.{parts[1]}.phases); set strategies.{parts[1]}.phases=[] to keep it throughout")
                    break
    return out


def scenario_sha256(scenario: Scenario) -> str:
    return hashlib.sha256(scenario_yaml(scenario).encode()).hexdigest()


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario with every default filled in, as YAML: what a run actually used."""
    return yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
