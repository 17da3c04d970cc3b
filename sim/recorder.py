"""Counts what happens, by route (the strategy that did it, or the pathway), and turns the counts into
outcomes and a weekly series.

Strategies and the pathway call ``count`` and ``hours``; nothing reads model state at the end
except the ladder scores. Outcome names are flat: ``starts``, ``narrow.starts``,
``network.success_rate``, ``hours_doors`` and so on (docs/OUTPUTS.md).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, cast

import pandas as pd

from sim.agents.coach import ACTIVITIES
from sim.agents.household import START_TYPES
from sim.costs import FEES, SPENDING, case_management_cost, outreach_hours, public_cost
from sim.scenario import PARTNER_TYPES
from sim.strategies.registry import REGISTRY

if TYPE_CHECKING:
    from sim.model import OutreachModel

# Every registered strategy, in the order the registry lists them.
STRATEGY_NAMES = tuple(REGISTRY)

COUNT_METRICS = (
    "addresses_approached",
    "letters",
    "first_visits",
    "nobody_home_first",
    "morning_visits",
    "morning_opened",
    "doors_opened",
    "conversations",
    "declined_in_advance",
    "follow_ups",
    "follow_ups_reached",
    "reminders",
    "notes_left",
    "second_visits",
    "names_received",
    "leads",
    "decisions",
    "interested",
    "declined",
    "declined_again",
    "callbacks",
    "waited_for_place",
    "dropouts",
    "waiting_at_end",
    "aftercare_visits",
    "problem_referrals",
    "ambassadors_recruited",
    "enrolments",
    "follow_on_trajectories",
    "starts",
    "starts_fee_paying",
)

# Why a conversation did not lead to a start (000:212-223, 000:609-635)
DECLINE_REASONS = (
    "not_in_need",
    "already_in_course",
    "feels_integrated",
    "not_interested",
    "spouse",
    "fee",
    "childcare",
    "distance",
    "too_heavy",
    "health",
    "no_offer",
)

WEEKLY_METRICS = ("addresses_approached", "doors_opened", "conversations", "names_received", "starts",
                  "problem_referrals")

# Money counted as it is spent or received (EUR): sim/costs.py says what counts as cost.
MONEY_METRICS = SPENDING + FEES

# Every name ``count`` accepts: a misspelt name is an error, not a new column of zeros.
METRICS = frozenset(
    COUNT_METRICS
    + MONEY_METRICS
    + ("starts_with_participation",)
    + tuple(f"declined_{r}" for r in DECLINE_REASONS)
    + tuple(f"starts_{t}" for t in START_TYPES)
    + tuple(f"problem_referrals_{p}" for p in PARTNER_TYPES)
)


# the outcome name of each activity's hours, made once (booking hours is frequent)
_HOURS_KEY = {a: f"hours_{a}" for a in ACTIVITIES}


class Recorder:
    def __init__(self, model: OutreachModel):
        self.model = model
        self.counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.totals: dict[str, float] = defaultdict(float)  # the same counts summed over strategies
        self.starts_rows: list[dict] = []
        self._rows: list[dict] = []  # the weekly series, made from the snapshots when asked for
        self._snapshots: list[tuple] = []
        self.doors: list[tuple] = []  # (time, household, opened, route): what the trainer app draws
        self._last: dict[str, float] = {}

    # ------------------------------------------------------------------ counting

    def count(self, route: str, metric: str, n: float = 1.0) -> None:
        if metric not in METRICS:
            raise KeyError(f"unknown metric {metric!r}; the recorder counts {', '.join(sorted(METRICS))}")
        self.counts[route][metric] += n
        self.totals[metric] += n

    def door(self, household, opened: bool, route: str) -> None:
        self.doors.append((self.model.time, household.unique_id, opened, route))

    def hours_of(self, route: str, activity: str) -> tuple[dict[str, float], str]:
        """Where a route's hours of an activity are counted: the route's counts, and the name
        (``Coach.book`` adds to them and to the totals)."""
        return self.counts[route], _HOURS_KEY.get(activity) or f"hours_{activity}"

    def start(self, household, start_type: str, route: str, participation_too: bool, fee_eur: float) -> None:
        self.count(route, "starts")
        self.count(route, f"starts_{start_type}")
        if participation_too:
            self.count(route, "starts_with_participation")
        now = self.model.time  # read once: Mesa's time is an observable
        self.starts_rows.append(
            {
                "household_id": household.unique_id,
                "route": route,
                "start_type": start_type,
                "participation_too": participation_too,
                "fee_eur": fee_eur,
                "status": household.status,
                "neighbourhood": household.neighbourhood,
                "day": int(now),
                "week": int(now // 7),
                "date": self.model.date_of(now),
            }
        )

    # ------------------------------------------------------------------ weekly series

    def snapshot_week(self, week: int) -> None:
        """Keep this week's running totals (called at each week's end); the increments of
        ``weekly_rows`` are worked out from them when the series is read."""
        counts = self.counts
        self._snapshots.append((week, dict(self.totals), {s: dict(counts[s]) for s in self.model.strategy_names},
                                self.model.name_source_table.engagement.copy(), self.model.pathway.active_clients))

    @property
    def weekly_rows(self) -> list[dict]:
        """One row a week: the increments of the main counts, and the state at the week's end."""
        rows, snaps = self._rows, self._snapshots
        last = self._last
        for week, totals, by_strategy, engagement, active in snaps[len(rows):]:
            row: dict = {"week": week, "week_start": self.model.date_of(week * 7)}
            now = self._totals(totals, by_strategy)
            for key, value in now.items():
                row[key] = value - last.get(key, 0.0)
            last = now
            row["mean_engagement"] = float(engagement.mean()) if len(engagement) else 0.0
            row["active_clients"] = active
            rows.append(row)
        self._last = last
        return rows

    def _totals(self, t: dict, by_strategy: dict[str, dict]) -> dict[str, float]:
        out: dict[str, float] = {}
        for metric in WEEKLY_METRICS:
            out[metric] = t.get(metric, 0.0)
            for s in self.model.strategy_names:
                out[f"{s}.{metric}"] = by_strategy[s].get(metric, 0.0)
        for act in ACTIVITIES:
            out[f"hours_{act}"] = t.get(f"hours_{act}", 0.0)
        out["coach_hours"] = t.get("coach_hours", 0.0)
        hourly = self.model.config.coaches.hourly_cost_eur
        out["cost_eur"] = public_cost(t, hourly)
        out["case_management_cost_eur"] = case_management_cost(t, hourly)
        return out

    def timeseries(self) -> pd.DataFrame:
        return pd.DataFrame(self.weekly_rows)

    # ------------------------------------------------------------------ outcomes

    def outcomes(self) -> dict[str, float]:
        model = self.model
        hourly = model.config.coaches.hourly_cost_eur
        out: dict[str, float] = {}
        groups = {s: self.counts[s] for s in model.strategy_names}
        total: dict[str, float] = defaultdict(float)
        for waiting_route, n in model.pathway.waiting_at_end().items():
            self.counts[waiting_route]["waiting_at_end"] = float(n)
        for c in [*groups.values(), self.counts["pathway"]]:
            for k, v in c.items():
                total[k] += v
        for prefix, c in [("", total)] + [(f"{s}.", groups[s]) for s in model.strategy_names]:
            route = prefix.rstrip(".") or None
            for metric in COUNT_METRICS:
                out[prefix + metric] = float(c.get(metric, 0.0))
            for t in START_TYPES:
                out[f"{prefix}starts_{t}"] = float(c.get(f"starts_{t}", 0.0))
            out[f"{prefix}starts_with_participation"] = float(c.get("starts_with_participation", 0.0))
            for reason in DECLINE_REASONS:
                out[f"{prefix}declined_{reason}"] = float(c.get(f"declined_{reason}", 0.0))
            for p in PARTNER_TYPES:
                out[f"{prefix}problem_referrals_{p}"] = float(c.get(f"problem_referrals_{p}", 0.0))
            out[f"{prefix}coach_hours"] = float(c.get("coach_hours", 0.0))
            for act in ACTIVITIES:
                out[f"{prefix}hours_{act}"] = float(c.get(f"hours_{act}", 0.0))
            for money in MONEY_METRICS:
                out[f"{prefix}{money}"] = float(c.get(money, 0.0))
            out[f"{prefix}outreach_hours"] = outreach_hours(c)
            out[f"{prefix}coach_cost_eur"] = out[f"{prefix}outreach_hours"] * hourly
            out[f"{prefix}case_management_cost_eur"] = case_management_cost(c, hourly)
            out[f"{prefix}cost_eur"] = public_cost(c, hourly)
            starts = out[f"{prefix}starts"]
            out[f"{prefix}cost_per_start"] = out[f"{prefix}cost_eur"] / starts if starts else math.nan
            out[f"{prefix}success_rate"] = (
                self._success_rate(route, c) if route else self._total_success_rate(groups)
            )
            out[f"{prefix}ladder_score_mean"] = model.pathway.ladder_score_mean(route)
        return out

    @staticmethod
    def _success_rate(route: str | None, c: dict) -> float:
        """Starts per conversation, or per name for the network approach (000:1035-1061): each
        strategy's registry entry names its denominator."""
        starts = c.get("starts", 0.0)
        if route is None:
            return math.nan
        denom = c.get(REGISTRY[route].success_denominator, 0.0)
        return starts / denom if denom else math.nan

    @classmethod
    def outcome_names(cls, strategy_names: list[str]) -> list[str]:
        """The outcome names a run with these strategies produces, without running it."""
        from types import SimpleNamespace

        stub = SimpleNamespace(
            config=SimpleNamespace(coaches=SimpleNamespace(hourly_cost_eur=0.0)),
            strategy_names=list(strategy_names),
            pathway=SimpleNamespace(ladder_score_mean=lambda route=None: math.nan, waiting_at_end=dict),
        )
        return list(cls(cast("OutreachModel", stub)).outcomes())

    def _total_success_rate(self, groups: dict[str, dict]) -> float:
        """All starts over everyone reached, each strategy counted by its own denominator."""
        starts = sum(c.get("starts", 0.0) for c in groups.values())
        denom = 0.0
        for route, c in groups.items():
            denom += c.get(REGISTRY[route].success_denominator, 0.0)
        return starts / denom if denom else math.nan

    def by_neighbourhood(self) -> pd.DataFrame:
        rows = []
        starts = pd.DataFrame(self.starts_rows)
        for hood in self.model.world.neighbourhoods:
            hh = hood.households
            row = {
                "neighbourhood": hood.name,
                "households": len(hh),
                "approached": sum(1 for h in hh if h.stage.reached),
                "contacted": sum(1 for h in hh if h.contacts > 0),
                "starts": int((starts["neighbourhood"] == hood.name).sum()) if len(starts) else 0,
                "mean_partner_engagement": (
                    sum(p.engagement for p in hood.partners) / len(hood.partners) if hood.partners else 0.0
                ),
            }
            rows.append(row)
        return pd.DataFrame(rows)

    def starts_table(self) -> pd.DataFrame:
        cols = ["household_id", "route", "start_type", "participation_too", "fee_eur", "status", "neighbourhood",
                "day", "week", "date"]
        return pd.DataFrame(self.starts_rows, columns=cols)
