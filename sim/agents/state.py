"""What a household is and decides, as plain data: its stage on the way to a start, its
barriers and place on the participation ladder, the offer a coach makes, how it was reached,
and what it decided. No Mesa here: strategies and the schema can use it cheaply."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only the name of a type: importing the schema at run time would load pydantic
    from sim.config.quantities import StartType


class Stage(Enum):
    """Where a household stands on the way to a start. Only ``Household`` moves it, through
    its transition methods; everyone else asks the named questions below."""

    UNAWARE = 0
    APPROACHED = 1
    IN_CONVERSATION = 2
    DECLINED = 3
    INTERESTED = 4
    STARTED = 5
    PARTICIPATING = 6

    @property
    def reached(self) -> bool:
        """Someone from the programme has been in touch (a letter, a door, a name, a lead)."""
        return self is not Stage.UNAWARE

    @property
    def open(self) -> bool:
        """Nothing decided yet: a household a list, a partner or a campaign may still take up."""
        return self in (Stage.UNAWARE, Stage.APPROACHED)

    @property
    def committed(self) -> bool:
        """Interested, or already in a course: another conversation changes nothing."""
        return self in (Stage.INTERESTED, Stage.STARTED, Stage.PARTICIPATING)

    @property
    def started(self) -> bool:
        return self in (Stage.STARTED, Stage.PARTICIPATING)


START_TYPES = ("trajectory", "literacy", "conversation_or_home_lessons", "participation", "starter_course")


# logit of the few probabilities a scenario gives, each worked out once (asked for at every contact)
_LOGITS: dict[float, float] = {}


def logit(p: float) -> float:
    x = _LOGITS.get(p)
    if x is None:
        q = min(max(p, 1e-9), 1 - 1e-9)
        x = math.log(q / (1 - q))
        if len(_LOGITS) < 10_000:  # calibration tries many values: keep the memory bounded
            _LOGITS[p] = x
    return x


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(slots=True)
class Barriers:
    """What can block a start (000:212-223). Drawn once; the fee barrier depends on the fee asked."""

    fee_sensitivity: float = 0.0  # uniform draw; blocked when below the fee-dependent share
    needs_childcare: bool = False
    distance: bool = False
    spouse: bool = False
    feels_integrated: bool = False
    too_heavy: bool = False
    health: bool = False  # health problems put a full course out of reach (000:631-634)


@dataclass(slots=True)
class Ladder:
    """Position on the participation ladder of seed 001 (001:188-201): 3 pillars of 4 rungs."""

    pillar: int = 1
    rung: int = 1
    points: int = 0  # 1 per rung climbed, 5 per pillar moved on


@dataclass(slots=True)
class Offer:
    """What the coach can offer at a conversation, and under which terms."""

    fee_eur: float
    trajectory: bool
    literacy: bool
    conversation_classes: bool
    home_lessons: bool
    starter_courses: bool
    participation: bool
    childcare: bool


@dataclass(slots=True)
class Context:
    """How the household was reached: by whom, with which message."""

    route: str
    framing: str = "taal_en_meedoen"
    trained_coach: bool = False
    warm_handover: bool = False
    lead: bool = False
    ambassador: bool = False
    aftercare: bool = False
    callback: bool = False  # the household phoned the coach of its own accord
    childcare_on_site: bool = False  # the offer comes with childcare where the children are (003:495)
    extra_logit: float = 0.0


@dataclass(slots=True)
class Decision:
    start_type: StartType | None  # None: declined
    reason: str
    participation_too: bool = False
