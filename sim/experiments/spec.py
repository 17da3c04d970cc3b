"""Experiment files: which scenario, which parameters vary and how, replicates, seed, outcomes.

    name: Fee and timing
    scenario: ../scenarios/roermond_narrow_2009.yaml     # relative to this file
    design: grid                                         # grid | sample
    # samples: 64                                        # with design: sample, the points to draw
    replicates: 2
    seed: 1
    outcomes: [starts, success_rate, cost_per_start]      # each once
    fixed: {policy_changes: []}                           # overrides applied to every run (not seed)
    parameters:
      policy.fee_eur: {values: [0, 135, 270, 400]}        # a list of values
      behaviour.home.morning: {low: 0.2, high: 0.4}       # a range (sampled, or `steps` in a grid;
                                                          # `integer: true` for whole numbers)
      strategies.narrow.slots:                            # categorical levels
        levels: [{morning: 1.0}, {late_afternoon: 1.0}]

Every key is a dotted scenario key, checked against the scenario before anything runs; an
option the design would not read (``samples`` in a grid, ``steps`` in a sample or on a list)
is refused.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.config.load import bundled
from sim.errors import InputError
from sim.renamed import new_key, new_outcome
from sim.scenario import Scenario, _format_validation_error, get_value, load_scenario, read_yaml, with_values


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    values: list[Any] | None = None
    levels: list[Any] | None = None
    low: float | None = None
    high: float | None = None
    steps: int | None = Field(None, ge=2, description="grid points over [low, high] in a grid design")
    integer: bool = False

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = sum(x is not None for x in (self.values, self.levels)) + (self.low is not None or self.high is not None)
        if kinds != 1:
            raise ValueError("give exactly one of values, levels, or low and high; allowed: values: [...], "
                             "levels: [...], or low: and high:")
        if (self.low is None) != (self.high is None):
            raise ValueError("a range needs both low and high; allowed: low: <number>, high: <number>")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} exceeds high {self.high}; allowed: low <= high")
        for name in ("values", "levels"):
            v = getattr(self, name)
            if v is not None and len(v) == 0:
                raise ValueError(f"{name} is empty; allowed: at least one value")
        return self

    @property
    def kind(self) -> str:
        if self.values is not None:
            return "values"
        if self.levels is not None:
            return "levels"
        return "range"

    @property
    def options(self) -> list[Any]:
        """The values, or the levels, of a parameter that is not a range."""
        options = self.values if self.values is not None else self.levels
        if options is None:
            raise ValueError("a range has low and high, not a list of values")
        return options

    @property
    def span(self) -> tuple[float, float]:
        """Low and high of a range."""
        assert self.low is not None and self.high is not None  # a range: both given, checked on validation
        return self.low, self.high

    def from_unit(self, u: float) -> Any:
        """Map a number in [0, 1] (a sensitivity sample) to a value of this parameter."""
        if self.kind != "range":
            options = self.options
            return options[min(int(u * len(options)), len(options) - 1)]
        low, high = self.span
        x = low + u * (high - low)
        return round(x) if self.integer else x


class Experiment(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    name: str = Field(min_length=1)
    description: str = ""
    scenario: str = Field(min_length=1)
    design: Literal["grid", "sample"] = "grid"
    samples: int = Field(32, ge=1)
    replicates: int = Field(1, ge=1)
    seed: int = Field(0, ge=0)
    outcomes: list[str] = Field(default_factory=lambda: ["starts", "success_rate", "cost_eur", "cost_per_start"])
    fixed: dict[str, Any] = Field(default_factory=dict)
    parameters: dict[str, Parameter] = Field(min_length=1)
    chunk: int = Field(8, ge=1, description="runs per task sent to a worker")


# The columns every run table has before its parameters and outcomes (sweep.runs_schema).
RUN_COLUMNS = ("run_id", "point", "replicate", "seed")


def _check_options(name: str, spec: Experiment) -> None:
    """Refuse options this design would not read, and names that would give the run tables
    two columns of one name."""
    if spec.design == "grid" and "samples" in spec.model_fields_set:
        raise InputError(name, "samples", "applies only to design: sample (a grid runs every combination)",
                         "allowed: omit it, or design: sample")
    columns = ", ".join(RUN_COLUMNS)
    for key, param in spec.parameters.items():
        if key in RUN_COLUMNS:
            raise InputError(name, f"parameters.{key}", f"is a column every run table has ({columns})",
                             "allowed: a dotted scenario key; each run's seed derives from the experiment's seed:, "
                             "and replicates: gives more runs per point")
        for option in ("steps", "integer"):
            if option in param.model_fields_set and param.kind != "range":
                raise InputError(name, f"parameters.{key}.{option}",
                                 f"applies only to a range (low: and high:), not to a list of {param.kind}",
                                 "allowed: omit it; the list is used as given")
        if spec.design == "sample" and "steps" in param.model_fields_set:
            raise InputError(name, f"parameters.{key}.steps",
                             "applies only to design: grid (a sample design draws values between low and high)",
                             "allowed: omit it, or design: grid")
    if "seed" in spec.fixed:
        # the scenario's seed is never read: each run gets its own
        raise InputError(name, "fixed.seed", "is replaced by each run's own seed",
                         "allowed: seed: at the top of the experiment file; each run's seed derives from it")
    first: dict[str, int] = {}
    for i, outcome in enumerate(spec.outcomes):
        if outcome in first:
            raise InputError(name, f"outcomes.{i}", f"{outcome!r} is listed twice (also outcomes.{first[outcome]})",
                             "allowed: each outcome once")
        first[outcome] = i


class LoadedExperiment:
    """An experiment with its base scenario loaded and every key checked."""

    def __init__(self, path: Path, spec: Experiment, base: Scenario, text: str):
        self.path = path
        self.spec = spec
        self.base = base
        self.text = text
        self.sha256 = hashlib.sha256(text.encode()).hexdigest()

    @property
    def names(self) -> list[str]:
        return list(self.spec.parameters)

    def problem(self) -> dict:
        """The SALib problem: every parameter on [0, 1], mapped by ``Parameter.from_unit``."""
        return {"num_vars": len(self.names), "names": self.names, "bounds": [[0.0, 1.0]] * len(self.names)}


def load_experiment(path: str | Path) -> LoadedExperiment:
    path = bundled(path, "experiment")
    data = read_yaml(path, "experiment")
    name = str(path)
    try:
        spec = Experiment.model_validate(data)
    except ValidationError as exc:
        raise _format_validation_error(name, exc, Experiment) from None
    _check_options(name, spec)
    scenario_path = (path.parent / spec.scenario).resolve()
    if not scenario_path.is_file():
        raise InputError(name, "scenario", f"{spec.scenario} not found (looked in {scenario_path.parent})",
                         "a scenario file path relative to the experiment file")
    try:
        base = load_scenario(scenario_path, spec.fixed or None)
    except InputError as exc:
        if spec.fixed and exc.file == str(scenario_path):
            # the scenario loads on its own: it is the experiment's fixed overrides that break it
            raise InputError(name, f"fixed ({exc.key})", exc.problem, exc.allowed) from None
        raise
    for key, param in spec.parameters.items():
        try:
            current = get_value(base, key)
        except KeyError:
            if new_key(key):
                raise InputError(name, f"parameters.{key}", "is an old name",
                                 f"renamed: write {new_key(key)}") from None
            raise InputError(name, f"parameters.{key}", "no such parameter in the scenario",
                             "a dotted scenario key such as policy.fee_eur or behaviour.home.morning") from None
        # every value the design can take must be valid for the scenario
        probes = param.values or param.levels or [param.low, param.high]
        for value in probes:
            if param.kind == "range" and (isinstance(current, bool) or not isinstance(current, (int, float))):
                raise InputError(name, f"parameters.{key}", f"a range for a non-number ({type(current).__name__})",
                                 "values: [...] or levels: [...] for this key")
            try:
                with_values(base, {key: value}, f"{name}: parameters.{key}")
            except InputError as exc:
                raise InputError(name, f"parameters.{key}", f"value {value!r} is not valid: {exc.problem}",
                                 exc.allowed) from None
    check_outcomes(base, spec.outcomes, name, "outcomes.{i}")
    return LoadedExperiment(path, spec, base, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def check_outcomes(base: Scenario, outcomes: list[str], file: str, key: str) -> None:
    """Every outcome must be one the model produces; a typo gets the nearest names."""
    known = set(_outcome_names(base))
    for i, outcome in enumerate(outcomes):
        if outcome not in known and new_outcome(outcome):
            raise InputError(file, key.format(i=i), f"{outcome!r} is an old name",
                             f"renamed: write {new_outcome(outcome)!r}")
        if outcome not in known:
            close = sorted(known, key=lambda k: _distance(k, outcome))[:3]
            raise InputError(file, key.format(i=i), f"the model does not produce {outcome!r}",
                             f"allowed: outcome names such as {', '.join(close)}")


def _outcome_names(base: Scenario) -> list[str]:
    from sim.recorder import Recorder

    return Recorder.outcome_names(list(dict.fromkeys(s.type for s in base.strategies)))


def _distance(a: str, b: str) -> int:
    """Edit distance, to suggest the outcome name that was meant."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def nearest_power_of_two(n: int) -> int:
    if n < 1:
        return 1
    lo = 2 ** math.floor(math.log2(n))
    hi = lo * 2
    return lo if n - lo <= hi - n else hi
