"""A household with one person who would benefit from learning Dutch.

Attributes are drawn by the world builder; this module holds what a household does when the
outreach reaches it: being at home or not, answering a letter, talking at the door, and
deciding about an offer. The probabilities live in ``scenario.behaviour``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

# What a household is and decides is plain data, kept apart so that light modules can use it.
from sim.agents.state import (  # noqa: F401
    START_TYPES,
    Barriers,
    Context,
    Decision,
    Ladder,
    Offer,
    Stage,
    logit,
    sigmoid,
)

if TYPE_CHECKING:
    from sim.model import OutreachModel


class Household(mesa.Agent):
    """A household in the target group; its focal person is the potential participant."""

    # Drawn by the world builder; the class values are only defaults.
    newcomer: bool = False
    works: bool = False
    school_children: bool = False
    young_children: bool = False
    health_problems: bool = False
    multiple_problems: bool = False
    literate: bool = True
    in_course: bool = False
    language_barrier: bool = False
    averse_to_inburgering: bool = False
    motivation: float = 0.5
    trust: float = 0.5
    barriers: Barriers = Barriers()
    problems: list = []  # partner types that could help with a problem raised at a broad visit
    x: float = 0.0
    y: float = 0.0
    # Set when the outreach reaches the household. Defaults at class level keep a new
    # household's attributes few enough for Python to share their keys, which makes building
    # thousands of households much cheaper.
    route: str | None = None  # the strategy that found the household
    start_type: str | None = None
    start_day: float | None = None
    contacts: int = 0
    decisions: int = 0
    _ladder: Ladder | None = None

    @property
    def ladder(self) -> Ladder:
        """Place on the participation ladder, made when first asked for: most households of a
        city are never reached, and building them is the larger part of building a world."""
        ladder = self._ladder
        if ladder is None:
            ladder = self._ladder = Ladder()
        return ladder

    def __init__(self, model: OutreachModel, neighbourhood: str, street: int, house: int, status: str):
        super().__init__(model)
        self._set_up(neighbourhood, street, house, status)

    @classmethod
    def blank(cls, model: OutreachModel, neighbourhood: str, street: int, house: int, status: str) -> Household:
        """A household not yet registered with the model: the world builder makes thousands and
        registers them at once (``sim.agents.bulk.register_many``)."""
        h = cls.__new__(cls)
        h.model = model
        h.unique_id = None
        h.pos = None
        h._set_up(neighbourhood, street, house, status)
        return h

    def _set_up(self, neighbourhood: str, street: int, house: int, status: str) -> None:
        self.neighbourhood = neighbourhood
        self.street = street
        self.house = house
        self.status = status  # obligated, refuser, voluntary, not_in_need
        self.partners: list = []
        self.key_figures: list = []
        self.stage = Stage.UNAWARE

    # ------------------------------------------------------------------ stage transitions

    def approach(self) -> None:
        """A letter, a door or a lead: the household now knows of the programme."""
        if self.stage is Stage.UNAWARE:
            self.stage = Stage.APPROACHED

    def name_for(self, route: str) -> None:
        """A partner, key figure, ambassador or the campaign put this household forward."""
        self.route = route
        self.stage = Stage.APPROACHED

    def talk(self, route: str) -> None:
        """A conversation starts; the first route that talked to the household found it."""
        self.stage = Stage.IN_CONVERSATION
        self.contacts += 1
        self.decisions += 1
        if self.route is None:
            self.route = route

    def decline(self, route: str | None = None) -> None:
        """No, for now (at the door, after a letter, or by dropping out before the start)."""
        self.stage = Stage.DECLINED
        if route is not None and self.route is None:
            self.route = route

    def show_interest(self) -> None:
        self.stage = Stage.INTERESTED

    def begin(self, start_type: str, day: float, participating: bool) -> None:
        """The course or activity starts: pillar 1 to pillar 2 of the ladder (001:188-190)."""
        self.stage = Stage.PARTICIPATING if participating else Stage.STARTED
        self.start_type = start_type
        self.start_day = day
        self.move_pillar()

    # ------------------------------------------------------------------ at the door

    def home_probability(self, slot: str, announced: bool = False, holiday: bool = False, extra: float = 0.0) -> float:
        b = self.model.behaviour.home
        x = logit(getattr(b, slot))
        if slot == "early_afternoon" and self.school_children:
            x += b.school_run_effect  # bringing and fetching children (000:252-253)
        if self.works and slot != "evening":
            x += b.work_effect if slot != "late_afternoon" else b.work_effect_late_afternoon
        if not self.newcomer:
            x += b.oldcomer_effect
        if slot == "morning" and self.young_children:
            x += b.young_children_effect
        if announced:
            x += b.announced_effect
        p = sigmoid(x + extra)
        if holiday:
            p *= 1.0 - b.holiday_away
        return p

    def is_home(self, slot: str, announced: bool = False, holiday: bool = False, extra: float = 0.0) -> bool:
        """``extra``: log-odds from how the visit was announced (a call, a reminder, the language)."""
        return self.model.rng.random() < self.home_probability(slot, announced, holiday, extra)

    def declines_letter(self, extra: float = 0.0) -> bool:
        """An announcement letter lets people decline the visit in advance (000:543-546)."""
        c = self.model.behaviour.contact
        x = logit(c.decline_letter) + extra
        if self.works or self.young_children:
            x += c.decline_busy_effect
        if self.barriers.feels_integrated:
            x += c.decline_integrated_effect
        x -= self.model.behaviour.decision.trust_effect * (self.trust - 0.5)
        return self.model.rng.random() < sigmoid(x)

    def talks(self, announced: bool, interpreter: bool, pair: bool = False) -> bool:
        """Someone opened the door: does it become a conversation?"""
        c = self.model.behaviour.contact
        p = c.talk_announced if announced else c.talk_unannounced
        if pair and c.pair_talk_effect:
            p = sigmoid(logit(p) + c.pair_talk_effect)
        if self.language_barrier and not interpreter:
            p *= 1.0 - c.no_interpreter_effect
        return self.model.rng.random() < p

    def answers_note(self) -> bool:
        return self.model.rng.random() < self.model.behaviour.contact.note_response

    # ------------------------------------------------------------------ the decision

    def fee_blocks(self, fee_eur: float) -> bool:
        """The chance that a fee blocks grows with the fee; at the statutory EUR 270 it is the
        share the scenario gives."""
        share = self.model.behaviour.decision.fee_barrier_share
        if fee_eur <= 0 or share <= 0:
            return False
        blocked_share = 1.0 - (1.0 - share) ** (fee_eur / self.model.config.policy.statutory_fee_eur)
        return self.barriers.fee_sensitivity < blocked_share

    def interest_probability(self, ctx: Context) -> float:
        d = self.model.behaviour.decision
        x = logit(d.base_interest[self.status])
        x += d.motivation_effect * (self.motivation - 0.5)
        x += d.trust_effect * (self.trust - 0.5)
        if self.multiple_problems:
            x += d.multiple_problems_effect
        if self.health_problems:
            x += d.health_effect
        if ctx.framing == "inburgering" and self.averse_to_inburgering:
            x += d.inburgering_framing_effect
        if ctx.trained_coach:
            x += d.trained_coach_effect
        if ctx.warm_handover:
            x += d.warm_handover_effect
        if ctx.lead:
            x += d.lead_effect
        if ctx.ambassador:
            x += self.model.behaviour.network.ambassador_effect
        if ctx.aftercare:
            x += d.aftercare_uptake_effect
        if ctx.callback:
            x += d.callback_interest_effect
        return sigmoid(x + ctx.extra_logit)

    def decide(self, offer: Offer, ctx: Context) -> Decision:
        """Turn a conversation into a start of some type, or a reason for not starting.

        Order follows the evaluation: people not in need, then hard barriers (integrated
        enough, spouse), then interest, then which offer fits the remaining barriers.
        """
        d = self.model.behaviour.decision
        rng = self.model.rng
        if self.status == "not_in_need":
            return Decision(None, "not_in_need")
        if self.in_course:
            # already learning: the offer is a participation activity beside it (000:549-551)
            if offer.participation and rng.random() < d.participation_uptake:
                return Decision("participation", "participation_beside_course")
            return Decision(None, "already_in_course")
        if self.barriers.feels_integrated:
            return Decision(None, "feels_integrated")
        if rng.random() >= self.interest_probability(ctx):
            return Decision(None, "not_interested")
        if self.barriers.spouse:
            # home lessons for women at home are the one offer that can get past this (000:230-238)
            if offer.home_lessons and rng.random() < d.light_offer_uptake:
                return Decision("conversation_or_home_lessons", "spouse_home_lessons")
            return Decision(None, "spouse")
        if not self.literate and offer.literacy:
            return Decision("literacy", "literacy")
        # a partner passing on the name or a lead's own initiative also makes a lighter offer easier to take
        # (a share of the handover effect; the mother centre holds its own classes, 000:182-184)
        handover = d.light_offer_handover_share * (
            (d.warm_handover_effect if ctx.warm_handover else 0.0) + (d.lead_effect if ctx.lead else 0.0))
        p_light = sigmoid(logit(d.light_offer_uptake) + handover)
        blockers = []
        if self.fee_blocks(offer.fee_eur):
            blockers.append("fee")
        if self.barriers.needs_childcare and not offer.childcare:
            blockers.append("childcare")
        if self.barriers.distance:
            blockers.append("distance")
        if self.barriers.too_heavy:
            blockers.append("too_heavy")
        if self.barriers.health:
            blockers.append("health")
        if offer.trajectory and not blockers:
            return Decision("trajectory", "trajectory", participation_too=rng.random() < d.dual_share)
        # a lighter, nearby offer takes those for whom the full trajectory is too much (000:218-223);
        # someone who wanted the trajectory and is stopped only by its fee seldom settles for it
        if blockers == ["fee"]:
            p_light *= d.fee_substitution
        if offer.starter_courses and "childcare" not in blockers and rng.random() < p_light:
            return Decision("starter_course", "starter_course")
        if (offer.conversation_classes or offer.home_lessons) and rng.random() < p_light:
            return Decision("conversation_or_home_lessons", "light_offer")
        return Decision(None, blockers[0] if blockers else "no_offer")

    # ------------------------------------------------------------------ neighbours

    def tell_neighbours(self) -> None:
        """Someone who started tells the neighbours: word of mouth (000:702-704)."""
        nb = self.model.behaviour.network
        more_motivation, more_trust = nb.word_of_mouth_motivation, nb.word_of_mouth_trust
        for other in self.model.neighbours(self, nb.neighbour_span):
            motivation = other.motivation + more_motivation
            other.motivation = min(1.0, motivation)
            trust = other.trust + more_trust
            other.trust = min(1.0, trust)

    # ------------------------------------------------------------------ the ladder

    def climb(self, dual: bool) -> None:
        lad = self.model.behaviour.ladder
        p = lad.climb_dual if dual else lad.climb
        if self.ladder.rung < 4 and self.model.rng.random() < p:
            self.ladder.rung += 1
            self.ladder.points += 1

    def move_pillar(self) -> None:
        if self.ladder.pillar < 3:
            self.ladder.pillar += 1
            self.ladder.rung = 1
            self.ladder.points += 5
