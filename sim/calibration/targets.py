"""Calibration targets: each observed figure as a count out of trials and the two model outcomes
whose ratio it compares with (kind rate), or as a count alone and the model outcome it compares
with (kind count); the scenario that produces them, a group and a source line.
The format is in docs/CALIBRATION.md."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.config.load import bundled
from sim.errors import InputError
from sim.recorder import Recorder
from sim.renamed import new_outcome
from sim.scenario import Prior, Scenario, _format_validation_error, load_scenario, read_yaml


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    group: str = Field(min_length=1, description="narrow, broad, network, ... (for --only)")
    scenario: str = Field(min_length=1, description="scenario file, relative to the targets file")
    kind: Literal["rate", "count"] = Field("rate", description="rate: count out of trials; count: a count alone")
    numerator: str = Field(min_length=1, description="model outcome counted, e.g. narrow.starts")
    denominator: str | None = Field(None, min_length=1,
                                    description="model outcome it is a share of, e.g. narrow.conversations (rate only)")
    count: int = Field(ge=0)
    trials: int | None = Field(None, ge=1, description="observed trials (rate only)")
    source: str = Field(min_length=1, description="seed file and line, e.g. 000:190")

    @model_validator(mode="after")
    def _count(self):
        if self.trials is not None and self.count > self.trials:
            raise ValueError(f"count {self.count} exceeds trials {self.trials}; allowed: a count of at most the trials")
        return self

    @property
    def rate(self) -> float:
        """The observed value the model is compared with: a share for a rate, the count itself for a count."""
        if self.kind == "count":
            return float(self.count)
        assert self.trials is not None  # a rate has its trials: load_targets checks each target
        return self.count / self.trials


def _check_kind(name: str, i: int, t: Target) -> None:
    """A rate needs a denominator and trials; a count has neither (its distance is Poisson)."""
    for field in ("denominator", "trials"):
        given = getattr(t, field) is not None
        if t.kind == "rate" and not given:
            raise InputError(name, f"targets.{i}.{field}", "required key is missing",
                             "add it, or 'kind: count' for a count with no denominator")
        if t.kind == "count" and given:
            raise InputError(name, f"targets.{i}.{field}", "is not used by a target of kind count",
                             "allowed: omit it, or 'kind: rate' for a count out of trials")


class TargetsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    description: str = ""
    targets: list[Target] = Field(min_length=1)


class Targets:
    """Targets with their scenarios loaded, checked, and the priors they share."""

    def __init__(self, path: Path, spec: TargetsFile, scenarios: dict[str, Scenario], priors: dict[str, Prior]):
        self.path = path
        self.spec = spec
        self.scenarios = scenarios
        self.priors = priors

    @property
    def targets(self) -> list[Target]:
        return self.spec.targets

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(t.group for t in self.targets))


def load_targets(path: str | Path, only: list[str] | None = None) -> Targets:
    path = bundled(path, "targets")
    name = str(path)
    data = read_yaml(path, "targets")
    try:
        spec = TargetsFile.model_validate(data)
    except ValidationError as exc:
        raise _format_validation_error(name, exc, TargetsFile) from None
    first: dict[str, int] = {}
    for i, t in enumerate(spec.targets):
        _check_kind(name, i, t)
        # the predictive check matches the model's outcomes to the targets by name
        if t.name in first:
            raise InputError(name, f"targets.{i}.name", f"{t.name!r} is also the name of targets.{first[t.name]}",
                             "allowed: a name no other target has")
        first[t.name] = i
    groups = list(dict.fromkeys(t.group for t in spec.targets))
    if only:
        unknown = [g for g in only if g not in groups]
        if unknown:
            raise InputError(name, "--only", f"unknown group {unknown[0]!r}", f"allowed: {', '.join(groups)}")
        spec = spec.model_copy(update={"targets": [t for t in spec.targets if t.group in only]})
    scenarios: dict[str, Scenario] = {}
    priors: dict[str, Prior] = {}
    for i, t in enumerate(spec.targets):
        if "\x00" in t.scenario:  # no file system takes it; say so like any missing file
            raise InputError(
                name, f"targets.{i}.scenario", "is not a file name", "a scenario file relative to the targets file")
        sc_path = (path.parent / t.scenario).resolve()
        if t.scenario not in scenarios:
            if not sc_path.is_file():
                raise InputError(
                    name, f"targets.{i}.scenario", f"{t.scenario} not found",
                    "a scenario file relative to the targets file")
            scenarios[t.scenario] = load_scenario(sc_path)
        sc = scenarios[t.scenario]
        produced = set(Recorder.outcome_names(list(dict.fromkeys(s.type for s in sc.strategies))))
        for field in ("numerator", "denominator") if t.kind == "rate" else ("numerator",):
            outcome = getattr(t, field)
            if outcome not in produced and new_outcome(outcome):
                raise InputError(name, f"targets.{i}.{field}", f"{outcome!r} is an old name",
                                 f"renamed: write {new_outcome(outcome)!r}")
            if outcome not in produced:
                raise InputError(name, f"targets.{i}.{field}", f"scenario {t.scenario} does not produce {outcome!r}",
                                 "an outcome of that scenario, e.g. narrow.conversations (docs/OUTPUTS.md)")
    for scenario_name, sc in scenarios.items():
        for key, prior in sc.priors.items():
            if key in priors and priors[key] != prior:
                raise InputError(
                    scenario_name, f"priors.{key}", "differs from the same prior in another target's scenario",
                                 "the same range and source in every scenario the targets use")
            priors[key] = prior
    if not priors:
        raise InputError(
            name, "priors", "the scenarios declare no priors", "a priors: section in the targets' scenarios")
    return Targets(path, spec, scenarios, priors)
