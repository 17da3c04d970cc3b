"""Every setting a scenario offers is read by the model: a field that no run reads is a dead
lever, and this test names it. The model's attribute reads are recorded while it builds its
world, runs and works out its results; validation and writing results are not counted."""

from __future__ import annotations

import typing
import warnings

import pytest
from pydantic import BaseModel

from conftest import SCENARIOS, outreach
from sim import load_scenario
from sim.config.keys import get_path
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


# ------------------------------------------------------------------ settings that would change nothing are refused


def one_line_error(scenarios_dir, file: str, *settings: str) -> str:
    args = [a for s in settings for a in ("--set", s)]
    proc = outreach("validate", scenarios_dir / file, *args)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, (proc.returncode, proc.stderr)
    assert lines[0].startswith("error: ") and file in lines[0], lines[0]
    return lines[0]


def test_an_ambassadors_credibility_is_refused(scenarios_dir):
    """An ambassador's name rate and pull are behaviour.network.ambassador_names_per_week and
    ambassador_effect; a credibility of their own would be read by nothing."""
    line = one_line_error(scenarios_dir, "roermond_with_ambassadors.yaml", "strategies.ambassadors.credibility=0.1")
    assert ".credibility: unknown key" in line and "street_reach" in line, line


@pytest.mark.parametrize("key", ["behaviour.decision.base_interest", "behaviour.decision.too_heavy_share",
                                 "world.in_course_share"])
def test_a_not_in_need_entry_is_refused_where_it_is_never_read(scenarios_dir, key):
    line = one_line_error(scenarios_dir, "roermond_narrow_2009.yaml", f"{key}.not_in_need=0.5")
    assert f": {key}.not_in_need: " in line and "never decide about an offer" in line, line
    assert "allowed: obligated, refuser, voluntary" in line, line
    # the other statuses are still set as before
    sc = load_scenario(SCENARIOS / "roermond_narrow_2009.yaml", {f"{key}.voluntary": 0.5})
    section, table = key.rsplit(".", 1)
    assert "not_in_need" not in getattr(get_path(sc, section), table)


@pytest.mark.parametrize("kind,setting", [
    ("network", "framing: inburgering"),
    ("ambassadors", "slots: {evening: 1.0}"),
    ("vve", "framing: taal_en_meedoen"),
    ("starter_courses", "slots: {morning: 1.0}"),
    ("campaign", "framing: inburgering"),
])
def test_a_phase_cannot_set_what_its_strategy_lacks(scenarios_dir, kind, setting):
    file = "roermond_all_methods.yaml"
    index = [s.type for s in load_scenario(scenarios_dir / file).strategies].index(kind)
    key = setting.split(":")[0]
    line = one_line_error(scenarios_dir, file, f"strategies.{kind}.phases=[{{date: 2010-07-05, {setting}}}]")
    assert f": strategies.{index}.phases.0.{key}: " in line, line
    assert "allowed: the strategy's own settings" in line, line
    # the same setting at the strategy's top level is refused too
    line = one_line_error(scenarios_dir, file, f"strategies.{kind}.{setting.replace(': ', '=', 1)}")
    assert f"strategies.{index}.{key}: unknown key" in line, line


def test_a_phase_may_set_what_its_strategy_has(scenarios_dir):
    sc = load_scenario(scenarios_dir / "roermond_all_methods.yaml", {
        "strategies.narrow.phases": [{"date": "2009-09-01", "framing": "taal_en_meedoen", "slots": {"evening": 1}}],
        "strategies.network.phases": [{"date": "2010-07-05", "hours_per_week": 12}]})
    assert {s.type: len(s.phases) for s in sc.strategies}["network"] == 1


def test_the_campaign_asks_no_weekly_hours(scenarios_dir):
    """Its leads are phoned whatever the budget: hours a week would be taken from the other
    strategies and booked to nothing."""
    file = "roermond_pilot.yaml"
    index = [s.type for s in load_scenario(scenarios_dir / file).strategies].index("campaign")
    line = one_line_error(scenarios_dir, file, "strategies.campaign.hours_per_week=60")
    assert f": strategies.{index}.hours_per_week: " in line and "allowed: 0" in line, line
    line = one_line_error(scenarios_dir, file, "strategies.campaign.phases=[{date: 2010-07-05, hours_per_week: 10}]")
    assert f": strategies.{index}.phases.0.hours_per_week: " in line, line
