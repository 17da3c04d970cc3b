"""What every strategy's settings share: dates, hours a week, dated phases, and the visit
settings of the home-visit strategies. Each strategy type's own settings live in its module
under ``sim/strategies/``, which registers them (``sim/strategies/registry.py``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from sim.config.quantities import (
    Framing,
    Slot,
    Strict,
    WeekHours,
    _src,
    check_slots,
    refused,
)


class StrategyPhase(Strict):
    """From a date on, a strategy uses other visit settings (e.g. later in the afternoon: 000:251-254)."""

    date: dt.date
    slots: dict[Slot, Annotated[float, Field(ge=0.0, le=1000.0)]] | None = None
    framing: Framing | None = None
    hours_per_week: WeekHours | None = None

    @model_validator(mode="after")
    def _slots(self):
        check_slots(self.slots)
        return self


class StrategyBase(Strict):
    if TYPE_CHECKING:  # each strategy declares its own Literal, by which a scenario tells them apart
        type: str
    # whether the strategy spends coach hours a week (the campaign does not)
    weekly_hours: ClassVar[bool] = True
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

    @classmethod
    def phase_settings(cls) -> list[str]:
        """The settings a phase of this strategy may change: those of a phase it has itself."""
        return [k for k in StrategyPhase.model_fields
                if k != "date" and k in cls.model_fields and (k != "hours_per_week" or cls.weekly_hours)]

    @model_validator(mode="after")
    def _phases_change_own_settings(self):
        """A phase that sets what the strategy does not have would change nothing."""
        own = self.phase_settings()
        for j, phase in enumerate(self.phases):
            for key in StrategyPhase.model_fields:
                value = getattr(phase, key)
                if key == "date" or value is None or key in own:
                    continue
                lacks = "books no coach hours a week" if key == "hours_per_week" else f"has no {key} to change"
                raise refused(("phases", j, key), f"set, but the {self.type} strategy {lacks}; allowed: the "
                              f"strategy's own settings: {', '.join(own) or 'none'}", value)
        return self


class VisitSettings(Strict):
    slots: dict[Slot, Annotated[float, Field(ge=0.0, le=1000.0)]] = Field(
        default_factory=lambda: {"late_afternoon": 1.0},
        **_src("scenario input (lever): share of visits per time-of-day slot; later in the afternoon works best "
               "(000:248-254)"),
    )
    framing: Framing = Field("taal_en_meedoen", **_src("message at the door (000:281-285)"))
    pairs: bool = Field(True, **_src("two coaches per visit (000:242-243)"))
    intake_on_the_spot: bool = Field(True, **_src("intake during the visit when interested (000:325-328)"))
    follow_up: Literal["none", "phone", "whatsapp"] = Field(
        "none", **_src("scenario input (lever): a call or WhatsApp message after the announcement letter; personal "
                       "contact after a letter lowers no-shows (004:8246-8270, 004:16873-16899; 002:4348-4359)")
    )
    reminder: bool = Field(
        False, **_src("scenario input (lever): a reminder the day before the visit (004:17849-17855)")
    )
    letter_language: Literal["dutch", "own"] = Field(
        "dutch", **_src("scenario input (lever): the announcement letter in Dutch or in the household's own language "
                        "(002:5370-5378)")
    )

    @model_validator(mode="after")
    def _slots(self):
        check_slots(self.slots)
        if not getattr(self, "announced", True):
            used = [k for k, off in (("follow_up", "none"), ("reminder", False), ("letter_language", "dutch"))
                    if getattr(self, k) != off]
            if used:
                raise ValueError(f"{used[0]}: set, but the visits are not announced by a letter; allowed: "
                                 f"{used[0]} only with announced: true")
        return self




def strategy_specs() -> dict:
    """The settings class of each strategy type, by the ``type`` a scenario names it with."""
    import sim.strategies  # noqa: F401  (importing the package registers every strategy module)
    from sim.strategies.registry import REGISTRY

    return {name: info.spec for name, info in REGISTRY.items()}
