"""Every setting a scenario offers is read by the model: a field that no run reads is a dead
lever, and this test names it. The model's attribute reads are recorded while it builds its
world, runs and works out its results; validation and writing results are not counted."""

from __future__ import annotations

import typing
import warnings

import pytest
from pydantic import BaseModel

from sim import load_scenario
from sim.model import OutreachModel
from sim.runner import collect
from sim.scenario import Scenario, Strict

# Read by other parts than the model: labels, and the calibration's priors.
NOT_FOR_THE_MODEL = {("Scenario", "name"), ("Scenario", "description"), ("Scenario", "priors"),
                     ("Prior", "low"), ("Prior", "high"), ("Prior", "distribution"), ("Prior", "source")}

# Runs that between them use every part of the schema; several seeds so that rare events
# (call backs, appointments, referrals picked up) happen.
RUNS = [
    ("roermond_pilot.yaml", {}),
    ("roermond_with_ambassadors.yaml", {}),
    ("roermond_narrow_2009.yaml", {"strategies.narrow.announced": True, "strategies.narrow.intake_on_the_spot": False}),
    ("roermond_broad_2010.yaml", {"strategies.broad.note_and_second_attempt": True, "policy.interpreter": False,
                                  "strategies.broad.slots": {"evening": 1.0}, "strategies.broad.follow_up": "phone",
                                  "strategies.broad.reminder": True, "strategies.broad.letter_language": "own"}),
    ("roermond_broad_2010.yaml", {"strategies.broad.follow_up": "whatsapp"}),
    ("synthetic_city.yaml", {"world.city.households": 3000}),
    ("roermond_all_methods.yaml", {}),
    ("present_day_channels.yaml", {}),
]


def schema_fields(cls: type[BaseModel], seen: set | None = None) -> set[tuple[str, str]]:
    """(class, field) for every field of every model reachable from ``cls``."""
    seen = set() if seen is None else seen
    if cls in seen:
        return set()
    seen.add(cls)
    out = set()
    for name, field in cls.model_fields.items():
        out.add((cls.__name__, name))
        for inner in _models_in(field.annotation):
            out |= schema_fields(inner, seen)
    return out


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


@pytest.fixture(scope="module")
def reads(scenarios_dir):
    seen: set[tuple[str, str]] = set()
    original = Strict.__getattribute__

    def recording(self, name):
        cls = type(self)
        if name in cls.model_fields:
            seen.add((cls.__name__, name))
        return original(self, name)

    scenarios = [load_scenario(scenarios_dir / f, o) for f, o in RUNS]
    Strict.__getattribute__ = recording
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for sc in scenarios:
                for seed in (None, 1, 2):  # None: the scenario's own seed
                    model = OutreachModel(sc, seed)
                    model.run()
                    collect(model)  # the outcomes and the weekly series are worked out from the counts here
    finally:
        Strict.__getattribute__ = original
    return seen


def test_every_setting_is_read(reads):
    dead = schema_fields(Scenario) - reads - NOT_FOR_THE_MODEL
    assert not dead, f"settings the model never reads: {sorted(dead)}"


def test_the_recorder_sees_reads():
    """The instrument itself: a field read is recorded, one not read is not."""
    seen = set()
    original = Strict.__getattribute__

    def recording(self, name):
        if name in type(self).model_fields:
            seen.add(name)
        return original(self, name)

    from sim.scenario import PolicySpec

    p = PolicySpec()
    Strict.__getattribute__ = recording
    try:
        _ = p.fee_eur
    finally:
        Strict.__getattribute__ = original
    assert seen == {"fee_eur"}
