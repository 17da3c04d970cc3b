"""The model as a plain function, for exploration tools (EMA Workbench, SALib, optimisers).

    import sim
    f = sim.as_function("scenarios/roermond_narrow_2009.yaml", outcomes=["starts", "cost_per_start"])
    f(seed=1, fee_eur=0, narrow_hours_per_week=20, visit_slot="late_afternoon")
    # {'starts': 27.0, 'cost_per_start': 3311.2}

Parameter names are Python identifiers, as EMA Workbench's ``Model(name, function=f)`` needs:
a few named levers (``f.levers``: the fee, waiting time, coach numbers, each strategy's hours
a week, and ``visit_slot``, one time-of-day slot for every home visit), and any scenario key
with its dots written as double underscores (``behaviour__home__morning``). Outcome names are
written the same way (``narrow__starts``). A value that a dated policy change or a strategy
phase replaces later in the run gives the model's ``OverrideWarning``; it is not silenced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.errors import InputError
from sim.scenario import SLOTS, Scenario, get_value, load_scenario, with_values

DEFAULT_OUTCOMES = ("starts", "success_rate", "cost_eur", "cost_per_start")
HOME_VISITS = ("narrow", "broad")
WHERE = "as_function"


def safe_name(dotted: str) -> str:
    """A dotted key as an identifier: ``behaviour.home.morning`` -> ``behaviour__home__morning``."""
    return dotted.replace(".", "__")


def named_levers(scenario: Scenario) -> dict[str, str]:
    """The named levers of a scenario: identifier -> dotted scenario key."""
    levers = {name: f"policy.{name}" for name in ("fee_eur", "fee_eur_obligated", "waiting_time_weeks", "childcare",
                                                   "interpreter", "letter_cost_eur")}
    levers.update({"coaches_count": "coaches.count", "coach_fte": "coaches.fte",
                   "coach_hourly_cost_eur": "coaches.hourly_cost_eur"})
    types = [s.type for s in scenario.strategies]
    for i, kind in enumerate(types):
        if types.count(kind) > 1:
            continue  # two strategies of one kind: name them by index, strategies__0__hours_per_week
        if scenario.strategies[i].weekly_hours:  # the campaign asks for no hours a week
            levers[f"{kind}_hours_per_week"] = f"strategies.{i}.hours_per_week"
        if kind in HOME_VISITS:
            for field in ("pairs", "framing", "announced"):
                levers[f"{kind}_{field}"] = f"strategies.{i}.{field}"
    return levers


class ScenarioFunction:
    """``f(seed=None, **params) -> {outcome: float}``: one run of the scenario with the given
    values. Picklable, so that process-pool evaluators can ship it."""

    def __init__(self, scenario: Scenario, outcomes: tuple[str, ...]):
        self.scenario = scenario
        self.outcome_keys = {safe_name(o): o for o in outcomes}
        self.levers = named_levers(scenario)
        self.has_visits = any(s.type in HOME_VISITS for s in scenario.strategies)

    @property
    def outcomes(self) -> list[str]:
        """The names of the outcomes returned (for ``ScalarOutcome``)."""
        return list(self.outcome_keys)

    def values(self, params: dict[str, Any]) -> dict[str, Any]:
        """Identifier-named parameters as dotted scenario keys and values."""
        values: dict[str, Any] = {}
        for name, value in params.items():
            if name == "visit_slot" and self.has_visits:
                values.update(self._one_slot(value))
                continue
            dotted = self.levers.get(name, name.replace("__", "."))
            try:
                get_value(self.scenario, dotted)
            except KeyError:
                allowed = ", ".join([*self.levers, *(["visit_slot"] if self.has_visits else [])])
                raise InputError(WHERE, name, "no such parameter in the scenario",
                                 f"allowed: {allowed}, or a scenario key with __ for its dots") from None
            values[dotted] = value.item() if hasattr(value, "item") else value  # NumPy scalars from samplers
        return values

    def _one_slot(self, slot) -> dict[str, Any]:
        """Every home visit in one slot, phases that would move them to another slot included."""
        slot = str(slot)
        if slot not in SLOTS:
            raise InputError(WHERE, "visit_slot", f"unknown slot {slot!r}", f"allowed: {', '.join(SLOTS)}")
        values: dict[str, Any] = {}
        for i, s in enumerate(self.scenario.strategies):
            if s.type in HOME_VISITS:
                values[f"strategies.{i}.slots"] = {slot: 1.0}
                values[f"strategies.{i}.phases"] = [
                    {k: v for k, v in phase.model_dump(mode="json").items() if k != "slots"} for phase in s.phases
                ]
        return values

    def __call__(self, seed: int | None = None, **params) -> dict[str, float]:
        from sim.runner import outcomes as run_outcomes

        scenario = with_values(self.scenario, self.values(params), WHERE) if params else self.scenario
        outcomes = run_outcomes(scenario, None if seed is None else int(seed))
        return {name: float(outcomes[key]) for name, key in self.outcome_keys.items()}


def as_function(scenario: str | Path | Scenario, outcomes: list[str] | tuple[str, ...] = DEFAULT_OUTCOMES,
                overrides: dict[str, Any] | None = None) -> ScenarioFunction:
    """The scenario as a function ``f(seed=None, **params)`` returning the chosen outcomes.

    ``scenario`` is a scenario file or a loaded :class:`Scenario`; ``overrides`` are dotted
    values applied to every call (like ``--set``). Without ``seed`` a call uses the scenario's
    own seed, so calls differ in their parameters only (common random numbers)."""
    base = scenario if isinstance(scenario, Scenario) else load_scenario(scenario, overrides)
    if isinstance(scenario, Scenario) and overrides:
        base = with_values(scenario, overrides, WHERE)
    outcomes = tuple(outcomes)
    from sim.experiments.spec import check_outcomes

    check_outcomes(base, list(outcomes), WHERE, "outcomes.{i}")
    return ScenarioFunction(base, outcomes)
