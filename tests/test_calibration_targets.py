"""Calibration target files: each target's name is its own (the predictive check matches the
model's outcomes to the targets by name)."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT, SCENARIOS, outreach

TARGETS = ROOT / "calibration" / "roermond.yaml"


def _targets(tmp_path: Path, data: dict) -> Path:
    for t in data["targets"]:
        t["scenario"] = str(SCENARIOS / Path(t["scenario"]).name)
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_a_target_name_given_twice_is_refused(tmp_path):
    data = yaml.safe_load(TARGETS.read_text())
    data["targets"][3]["name"] = data["targets"][1]["name"]
    path = _targets(tmp_path, data)
    out = tmp_path / "out"
    proc = outreach("calibrate", path, "--quick", "--out", out)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: targets.3.name: 'narrow_starts' "), proc.stderr
    assert "targets.1" in lines[0]
    assert not out.exists()
