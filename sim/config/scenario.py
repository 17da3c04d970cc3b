"""A whole scenario: period, world, coaches, policy and its dated changes, strategies,
behaviour, holidays and the priors of uncertain parameters."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import Field, PrivateAttr, model_validator

from sim.config.behaviour import Behaviour
from sim.config.errors import bounds
from sim.config.keys import MISSING, get_path, schema_location
from sim.config.policy import CoachSpec, PolicyChange, PolicySpec
from sim.config.quantities import HOURS_PER_WEEK, Seed, Strict
from sim.config.strategies import StrategyBase, StrategyPhase, strategy_specs
from sim.config.world import WorldSpec
from sim.renamed import new_key

strategy_specs()  # every strategy module registered
from sim.strategies.registry import spec_union  # noqa: E402

if TYPE_CHECKING:  # the union is built from the registry at run time; statically, what all share
    type StrategySpec = StrategyBase
else:
    StrategySpec = spec_union()


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
    seed: Seed = 1
    world: WorldSpec
    coaches: CoachSpec = Field(default_factory=CoachSpec)
    policy: PolicySpec = Field(default_factory=PolicySpec)
    policy_changes: list[PolicyChange] = Field(default_factory=list)
    strategies: list[StrategySpec] = Field(min_length=1)
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
        for key in self.priors:
            value = get_path(self, key)
            if value is MISSING and new_key(key):
                raise ValueError(f"priors.{key}: is an old name; allowed: renamed, write priors.{new_key(key)}")
            if value is MISSING:
                raise ValueError(f"priors.{key}: no such parameter in the scenario; allowed: the dotted key of a "
                                 "number, e.g. behaviour.home.morning")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"priors.{key}: not a number (it is {type(value).__name__}); allowed: the dotted key "
                                 "of a number")
        for key, prior in self.priors.items():
            low, high = bounds(Scenario, schema_location(self, key))
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
                    f"strategies.{i} ({s.type}) runs {s.start} to {s.end}, outside the scenario {self.start} to "
                    f"{self.end}; "
                    "allowed: strategy dates within the scenario's start and end"
                )
        self._dated_entries_act()
        return self

    def _dated_entries_act(self) -> None:
        """A dated entry after the period it acts in would change nothing, so it is refused
        (the run covers the days from start up to, not including, end)."""
        nothing = "so it changes nothing"
        for i, change in enumerate(self.policy_changes):
            if change.date >= self.end:
                raise ValueError(f"policy_changes.{i}: dated {change.date}, on or after the scenario's end "
                                 f"{self.end}, {nothing}; allowed: a date before {self.end}")
        for i, s in enumerate(self.strategies):
            for j, phase in enumerate(s.phases):
                if phase.date > s.end:
                    raise ValueError(f"strategies.{i}.phases.{j}: dated {phase.date}, after the strategy's end "
                                     f"{s.end}, {nothing}; allowed: a date on or before {s.end}")
        for i, h in enumerate(self.holidays):
            if h.end < self.start or h.start >= self.end:
                raise ValueError(f"holidays.{i}: {h.start} to {h.end} lies outside the scenario {self.start} to "
                                 f"{self.end}, {nothing}; allowed: a holiday that overlaps the scenario")
        trained = self.coaches.trained_from
        if trained is not None and trained >= self.end:
            raise ValueError(f"coaches.trained_from: {trained}, on or after the scenario's end {self.end}, "
                             f"{nothing}; allowed: a date before {self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def day_of(self, date: dt.date) -> int:
        return (date - self.start).days


def _leaf_keys(overrides: dict) -> list[str]:
    """The dotted keys of the values set, a section set as a whole (``policy={fee_eur: 0}``, a
    whole strategy) counting as each key inside it; a strategy's own settings (``slots``) stay whole."""
    out = []
    for key, value in overrides.items():
        key = str(key)
        if isinstance(value, dict) and value and (key.startswith("policy") or key.count(".") < 2):
            out += _leaf_keys({f"{key}.{k}": v for k, v in value.items()})
        else:
            out.append(key)
    return out


def _changes(change: PolicyChange, parts: list[str], value: object) -> bool:
    """Whether a dated policy change sets the value at ``parts`` to something else than
    ``value`` (an offer only if the change names it)."""
    new = getattr(change, parts[0], None)
    if new is None:
        return False
    if parts[0] == "offer" and len(parts) > 1:
        return parts[1] in new.model_fields_set and getattr(new, parts[1]) != value
    return new != value


def replaced_overrides(scenario: Scenario) -> list[str]:
    """The values the user set (``--set``, sweep levels, priors) that a dated policy change or a
    strategy phase replaces during the run: one message each, naming the key and the date."""
    out = []
    for key in _leaf_keys(scenario._overrides):
        parts = key.split(".")
        if parts[0] == "policy" and len(parts) > 1:
            for i, change in enumerate(scenario.policy_changes):
                if _changes(change, parts[1:], get_path(scenario, key)):
                    rest = ".".join(parts[1:])
                    out.append(f"{key}: the value set is replaced on {change.date} by a dated policy change "
                               f"(policy_changes.{i}); set policy_changes.{i}.{rest} too, or policy_changes=[], "
                               "to keep it throughout")
                    break
        elif parts[0] == "strategies" and len(parts) > 2:
            strategy = get_path(scenario, ".".join(parts[:2]))
            if strategy is MISSING:
                continue
            for phase in sorted(strategy.phases, key=lambda ph: ph.date):
                if parts[2] in StrategyPhase.model_fields and getattr(phase, parts[2], None) is not None:
                    out.append(f"{key}: the value set is replaced on {phase.date} by a phase of the strategy "
                               f"(strategies.{parts[1]}.phases); set strategies.{parts[1]}.phases=[] to keep it "
                               "throughout")
                    break
    return out
