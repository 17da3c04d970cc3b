"""A trajectcoach: hours per year, a caseload limit, a time ledger by activity, and skill."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from sim.model import OutreachModel

ACTIVITIES = (
    "preparation",
    "doors",
    "conversations",
    "notes_and_second_visits",
    "intake",
    "partner_meetings",
    "case_management",
)


class Coach(mesa.Agent):
    def __init__(self, model: OutreachModel, name: str, fte: float, hours_per_fte_year: float):
        super().__init__(model)
        self.name = name
        self.fte = fte
        # 1,350 workable hours per FTE per year (001:284), spread evenly over the weeks
        self.hours_per_week = fte * hours_per_fte_year / 52.0
        self.ledger_by_route: dict[tuple[str, str], float] = defaultdict(float)
        self.total_hours = 0.0  # all hours booked so far
        self.trained = False
        self._recorder = model.recorder
        self._totals = model.recorder.totals
        # the recorder's counts of a route and the name of an activity's hours, found once each
        self._booking: dict[tuple[str, str], tuple[dict[str, float], str]] = {}

    def book(self, activity: str, hours: float, route: str) -> None:
        """Every coach hour is booked to an activity and to the route it served (a strategy, or the pathway).

        The coach's ledger and the recorder's counts are updated in one go: a run books
        thousands of times."""
        if hours <= 0:
            return
        key = (route, activity)
        self.ledger_by_route[key] += hours
        self.total_hours += hours
        counts, name = self._booking.get(key) or self._counts_for(key)
        counts[name] += hours
        counts["coach_hours"] += hours
        totals = self._totals
        totals[name] += hours
        totals["coach_hours"] += hours

    @staticmethod
    def share(coaches: list[Coach], activity: str, hours: float, route: str) -> None:
        """``hours`` shared evenly by ``coaches`` (case management, presence): what ``book``
        does for each, in one loop, since a city has a hundred coaches and books them weekly."""
        if hours <= 0 or not coaches:
            return
        each = hours / len(coaches)
        key = (route, activity)
        first = coaches[0]
        counts, name = first._booking.get(key) or first._counts_for(key)
        totals = first._totals
        for c in coaches:
            c.ledger_by_route[key] += each
            c.total_hours += each
            counts[name] += each
            counts["coach_hours"] += each
            totals[name] += each
            totals["coach_hours"] += each

    def _counts_for(self, key: tuple[str, str]) -> tuple[dict[str, float], str]:
        """Where the hours of (route, activity) are counted in the recorder, found once."""
        found = self._booking[key] = self._recorder.hours_of(*key)
        return found

    @property
    def ledger(self) -> dict[str, float]:
        """Hours by activity, over all routes."""
        out: dict[str, float] = defaultdict(float)
        for (_, activity), hours in self.ledger_by_route.items():
            out[activity] += hours
        return out

