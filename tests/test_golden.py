"""Golden files: a few small scenarios with fixed seeds, every outcome compared exactly.

A change in model behaviour shows up here. When it is deliberate, regenerate with
``OUTREACH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`` and give the
reason in the commit message."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from sim import load_scenario, run

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "narrow_2009_seed1": ("roermond_narrow_2009.yaml", {}, 1),
    "broad_2010_seed2": ("roermond_broad_2010.yaml", {}, 2),
    "network_seed3": ("roermond_network.yaml", {}, 3),
    "pilot_seed4": ("roermond_pilot.yaml", {}, 4),
    "city_2000_seed5": ("synthetic_city.yaml", {"world.city.households": 2000}, 5),
}


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, scenarios_dir):
    file, overrides, seed = CASES[name]
    result = run(load_scenario(scenarios_dir / file, overrides), seed)
    record = {
        "outcomes": result.outcomes,
        "weekly_starts": result.timeseries["starts"].tolist(),
        "start_ids": result.starts["household_id"].tolist(),
    }
    path = GOLDEN / f"{name}.json"
    if os.environ.get("OUTREACH_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    if not path.exists():
        pytest.fail(f"golden file {path.name} is missing; write it on purpose with OUTREACH_UPDATE_GOLDEN=1")
    golden = json.loads(path.read_text())
    assert set(golden["outcomes"]) == set(record["outcomes"]), "outcome names changed"
    diffs = {k: (golden["outcomes"][k], v) for k, v in record["outcomes"].items()
             if not _same(golden["outcomes"][k], v)}
    assert not diffs, f"outcomes differ from the golden file: {dict(list(diffs.items())[:8])}"
    assert golden["weekly_starts"] == record["weekly_starts"]
    assert golden["start_ids"] == record["start_ids"]
