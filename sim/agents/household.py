"""A household with one person who would benefit from learning Dutch.

Attributes are drawn by the world builder; this module holds what a household does when the
outreach reaches it: being at home or not, answering a letter, talking at the door, and
deciding about an offer. The probabilities live in ``scenario.behaviour``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


# What the world builder draws for each household, with the value a household made on its own has.
TRAITS: dict[str, object] = {
    "neighbourhood": "", "street": 0, "house": 0, "x": 0.0, "y": 0.0,
    "newcomer": False, "works": False, "school_children": False, "young_children": False,
    "health_problems": False, "multiple_problems": False, "literate": True, "in_course": False,
    "language_barrier": False, "averse_to_inburgering": False, "motivation": 0.5, "trust": 0.5,
    # the barriers, one column each; ``barriers`` gathers them when first asked for
    "fee_sensitivity": 0.0, "needs_childcare": False, "distance": False, "spouse": False,
    "feels_integrated": False, "too_heavy": False, "health": False,
}
NO_PROBLEMS: list[str] = []  # shared by the many households without a problem to refer


def one_row(neighbourhood: str, street: int, house: int) -> dict[str, list]:
    """Columns for a single household with the default traits."""
    cols: dict[str, list] = {k: [v] for k, v in TRAITS.items()}
    cols["neighbourhood"], cols["street"], cols["house"] = [neighbourhood], [street], [house]
    cols["x"], cols["y"] = [float(house)], [float(street)]
    cols.update(problems=[NO_PROBLEMS], barriers=[None], partners=[None], key_figures=[None])
    return cols


def _trait(name: str) -> property:
    """A trait read from (and written to) the household's row of its neighbourhood's columns."""

    def get(self: Household) -> Any:  # the trait's own type, declared on the class
        return self._c[name][self._i]

    def put(self: Household, value: object) -> None:
        self._c[name][self._i] = value

    return property(get, put, doc=f"the household's {name.replace('_', ' ')}")


def _listed(name: str) -> property:
    """The partners or key figures a household knows: a list made when first needed."""

    def get(self: Household) -> list:
        col = self._c[name]
        out = col[self._i]
        if out is None:
            out = col[self._i] = []
        return out

    def put(self: Household, value: list) -> None:
        self._c[name][self._i] = value

    return property(get, put)


def need_no_course(households: list[Household]) -> list[bool]:
    """For each household: not in need, already in a course, or feeling integrated enough
    (read from the columns, without gathering each household's barriers)."""
    out: list[bool] = []
    append = out.append
    cols = None
    for h in households:
        c, i = h._c, h._i
        if c is not cols:  # the clients of one name source mostly share their neighbourhood's columns
            cols = c
            barriers, in_course, integrated = c["barriers"], c["in_course"], c["feels_integrated"]
        b = barriers[i]
        append(h.status == "not_in_need" or in_course[i] or (b.feels_integrated if b is not None else integrated[i]))
    return out


class Household(mesa.Agent):
    """A household in the target group; its focal person is the potential participant.

    The traits the world builder draws live in columns, one list per trait for a whole
    neighbourhood (``_c``, this household's row ``_i``): building a city of thousands of
    households costs a few attributes each, and most are never reached. The traits read and
    write as attributes."""

    neighbourhood: str = _trait("neighbourhood")  # type: ignore[assignment]
    street: int = _trait("street")  # type: ignore[assignment]
    house: int = _trait("house")  # type: ignore[assignment]
    x: float = _trait("x")  # type: ignore[assignment]
    y: float = _trait("y")  # type: ignore[assignment]
    newcomer: bool = _trait("newcomer")  # type: ignore[assignment]
    works: bool = _trait("works")  # type: ignore[assignment]
    school_children: bool = _trait("school_children")  # type: ignore[assignment]
    young_children: bool = _trait("young_children")  # type: ignore[assignment]
    health_problems: bool = _trait("health_problems")  # type: ignore[assignment]
    multiple_problems: bool = _trait("multiple_problems")  # type: ignore[assignment]
    literate: bool = _trait("literate")  # type: ignore[assignment]
    in_course: bool = _trait("in_course")  # type: ignore[assignment]
    language_barrier: bool = _trait("language_barrier")  # type: ignore[assignment]
    averse_to_inburgering: bool = _trait("averse_to_inburgering")  # type: ignore[assignment]
    motivation: float = _trait("motivation")  # type: ignore[assignment]
    trust: float = _trait("trust")  # type: ignore[assignment]
    # partner types that could help with a problem raised at a broad visit
    problems: list[str] = _trait("problems")  # type: ignore[assignment]
    partners: list = _listed("partners")  # type: ignore[assignment]
    key_figures: list = _listed("key_figures")  # type: ignore[assignment]
    # Set when the outreach reaches the household. Defaults at class level keep a new
    # household's attributes few enough for Python to share their keys, which makes building
    # thousands of households much cheaper.
    stage: Stage = Stage.UNAWARE
    route: str | None = None  # the strategy that found the household
    start_type: str | None = None
    start_day: float | None = None
    contacts: int = 0
    decisions: int = 0
    _ladder: Ladder | None = None
    pos = None

    @property
    def barriers(self) -> Barriers:
        """What can block a start, gathered from the columns when first asked for."""
        col = self._c["barriers"]
        b = col[self._i]
        if b is None:
            c, i = self._c, self._i
            b = col[i] = Barriers(c["fee_sensitivity"][i], c["needs_childcare"][i], c["distance"][i], c["spouse"][i],
                                  c["feels_integrated"][i], c["too_heavy"][i], c["health"][i])
        return b

    @barriers.setter
    def barriers(self, value: Barriers) -> None:
        self._c["barriers"][self._i] = value

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
        self._c = one_row(neighbourhood, street, house)
        self._i = 0
        self.status = status  # obligated, refuser, voluntary, not_in_need

    @classmethod
    def blank(cls, model: OutreachModel, neighbourhood: str, street: int, house: int, status: str) -> Household:
        """A household not yet registered with the model (``sim.agents.bulk.register_many``)."""
        return cls.rows(model, one_row(neighbourhood, street, house), [status])[0]

    @classmethod
    def rows(cls, model: OutreachModel, columns: dict[str, list], status: list[str]) -> list[Household]:
        """One household for each row of ``columns`` (a neighbourhood's traits, keyed as in
        ``TRAITS``, plus ``problems``, ``barriers``, ``partners``, ``key_figures``), not yet
        registered: the world builder makes thousands and registers them at once."""
        new = cls.__new__
        out: list[Household] = []
        append = out.append
        for i, st in enumerate(status):
            h = new(cls)
            h.model = model
            h._c = columns
            h._i = i
            h.status = st
            append(h)
        return out

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
        c, i = self._c, self._i  # the traits straight from the columns: every conversation asks
        x = logit(d.base_interest[self.status])
        x += d.motivation_effect * (c["motivation"][i] - 0.5)
        x += d.trust_effect * (c["trust"][i] - 0.5)
        if c["multiple_problems"][i]:
            x += d.multiple_problems_effect
        if c["health_problems"][i]:
            x += d.health_effect
        if ctx.framing == "inburgering" and c["averse_to_inburgering"][i]:
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
        barriers = self.barriers
        if barriers.feels_integrated:
            return Decision(None, "feels_integrated")
        if rng.random() >= self.interest_probability(ctx):
            return Decision(None, "not_interested")
        if barriers.spouse:
            # home lessons for women at home are the one offer that can get past this (000:230-238)
            if offer.home_lessons and rng.random() < d.light_offer_uptake:
                return Decision("conversation_or_home_lessons", "spouse_home_lessons")
            return Decision(None, "spouse")
        if not self.literate and offer.literacy:
            return Decision("literacy", "literacy")
        blockers = []
        if self.fee_blocks(offer.fee_eur):
            blockers.append("fee")
        if barriers.needs_childcare and not offer.childcare:
            blockers.append("childcare")
        if barriers.distance:
            blockers.append("distance")
        if barriers.too_heavy:
            blockers.append("too_heavy")
        if barriers.health:
            blockers.append("health")
        if offer.trajectory and not blockers:
            return Decision("trajectory", "trajectory", participation_too=rng.random() < d.dual_share)
        # a partner passing on the name or a lead's own initiative also makes a lighter offer easier to take
        # (a share of the handover effect; the mother centre holds its own classes, 000:182-184)
        handover = d.light_offer_handover_share * (
            (d.warm_handover_effect if ctx.warm_handover else 0.0) + (d.lead_effect if ctx.lead else 0.0))
        p_light = sigmoid(logit(d.light_offer_uptake) + handover)
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
        for other in self.model.world.neighbours(self, nb.neighbour_span):
            c, i = other._c, other._i  # straight to the columns: a start reaches a few neighbours each
            motivation = c["motivation"]
            m = motivation[i] + more_motivation
            motivation[i] = m if m < 1.0 else 1.0  # min(1.0, m), without the call
            trust = c["trust"]
            t = trust[i] + more_trust
            trust[i] = t if t < 1.0 else 1.0

    # ------------------------------------------------------------------ the ladder

    def climb(self, dual: bool) -> None:
        lad = self.model.behaviour.ladder
        p = lad.climb_dual if dual else lad.climb
        ladder = self.ladder
        if ladder.rung < 4 and self.model.rng.random() < p:
            ladder.rung += 1
            ladder.points += 1

    def move_pillar(self) -> None:
        ladder = self.ladder
        if ladder.pillar < 3:
            ladder.pillar += 1
            ladder.rung = 1
            ladder.points += 5
