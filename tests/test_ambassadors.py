"""Ambassadors (the guide's method 3, 003:443-475): former participants who recruit."""

from __future__ import annotations

import math

from sim import load_scenario, run
from sim.model import OutreachModel


def test_ambassadors_are_former_participants_and_bring_names(scenarios_dir):
    sc = load_scenario(scenarios_dir / "roermond_with_ambassadors.yaml")
    model = OutreachModel(sc, 3)
    model.run()
    strategy = next(s for s in model.strategies if s.name == "ambassadors")
    assert 0 < len(strategy.team) <= sc.strategies[2].ambassadors
    started = {h.unique_id: h for h in model.pathway.started}
    for amb in strategy.team:
        assert amb.ambassador and amb.source_household in started
        h = started[amb.source_household]
        assert h.start_day is not None
    o = model.recorder.outcomes()
    assert o["ambassadors.ambassadors_recruited"] == len(strategy.team)
    assert o["ambassadors.names_received"] > 0 and o["ambassadors.starts"] > 0
    assert o["ambassadors.ambassador_cost_eur"] > 0
    assert math.isclose(o["ambassadors.success_rate"], o["ambassadors.starts"] / o["ambassadors.names_received"])


def test_no_ambassadors_without_former_participants(scenarios_dir):
    """Nobody has done a course yet when the strategy starts with no other route: no recruits."""
    sc = load_scenario(
        scenarios_dir / "roermond_with_ambassadors.yaml",
        overrides={"strategies": [{"type": "ambassadors", "start": "2009-07-01", "end": "2010-06-30",
                                   "hours_per_week": 10}]},
    )
    o = run(sc, 1).outcomes
    assert o["ambassadors_recruited"] == 0 and o["starts"] == 0
