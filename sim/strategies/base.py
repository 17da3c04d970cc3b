"""The one interface every outreach strategy implements.

A strategy is told each week how many coach hours it has (``plan_week``) and schedules the
contacts it makes with them. It asks for hours through ``demand``. Dated ``phases`` change
its visit settings from a date on. A new method from the guide is one new module.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from sim.agents.state import Context

if TYPE_CHECKING:
    from sim.agents import Coach, Household
    from sim.model import OutreachModel


class Strategy(ABC):
    name: ClassVar[str] = "strategy"
    # names not yet followed up: made by the strategies that call ``take_names``
    waiting: deque[Household]

    def __init__(self, model: OutreachModel, spec: Any, index: int):
        self.model = model
        self.spec = spec
        self.index = index
        self.start_day = model.config.day_of(spec.start)
        self.end_day = model.config.day_of(spec.end)
        self.balance = 0.0  # hours granted but not yet planned
        self._phases = sorted(spec.phases, key=lambda p: p.date)

    # ------------------------------------------------------------------ interface

    def setup(self) -> None:  # noqa: B027 - optional: most strategies need no setup
        """Called once after the world is built."""

    def demand(self, date: dt.date) -> float:
        """Coach hours this strategy wants in the week starting at ``date``."""
        if not self.active(date):
            return 0.0
        return float(self.setting("hours_per_week", date))

    @abstractmethod
    def plan_week(self, t0: float, budget: float) -> None:
        """Schedule this week's contacts with at most ``budget`` coach hours."""

    # ------------------------------------------------------------------ helpers

    def active(self, date: dt.date) -> bool:
        return self.spec.start <= date <= self.spec.end

    def setting(self, key: str, date: dt.date):
        """A visit setting as it stands on ``date``, after any phases that began by then."""
        value = getattr(self.spec, key)
        if not self._phases:
            return value
        for phase in self._phases:
            if phase.date <= date and getattr(phase, key, None) is not None:
                value = getattr(phase, key)
        return value

    def days_in_week(self, t0: float) -> list[int]:
        if t0 > self.end_day or t0 + 7 <= self.start_day:
            return []  # a week outside the strategy's dates: most weeks, for a strategy of a few months
        return [d for d in self.model.weekdays(t0) if self.start_day <= d <= self.end_day]

    def pick_slot(self, date: dt.date) -> str:
        slots: dict = self.setting("slots", date)
        names = [k for k, w in slots.items() if w > 0]
        weights = [slots[k] for k in names]
        total = sum(weights)
        r = self.model.rng.random() * total
        acc = 0.0
        for name, w in zip(names, weights, strict=True):
            acc += w
            if r <= acc:
                return name
        return names[-1]

    def trained(self, coaches: Iterable[Coach]) -> bool:
        return any(c.trained for c in coaches)

    # ------------------------------------------------------------------ names from name sources

    def take_names(self, channel: str) -> None:
        """This week's names from the name sources of a channel join the strategy's waiting list."""
        rec = self.model.recorder
        for household in self.model.name_source_table.pass_names(channel):
            household.name_for(self.name)
            rec.count(self.name, "names_received")
            self.waiting.append(household)

    def follow_up_name(self, household: Household, pairs: bool = False, **how: Any) -> None:
        """A coach (or a pair) follows a name up: preparation and a conversation, half the
        handover hours each, then the household decides (``how``: the Context's flags)."""
        model = self.model
        coaches = model.pick_coaches(pairs)
        half = self.spec.handover_hours / 2
        for c in coaches:
            c.book("preparation", half, self.name)
            c.book("conversations", half, self.name)
        model.recorder.count(self.name, "conversations")
        ctx = Context(route=self.name, trained_coach=self.trained(coaches), **how)
        model.pathway.converse(household, ctx, coaches, intake_on_the_spot=True)
