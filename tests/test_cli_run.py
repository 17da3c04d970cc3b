from __future__ import annotations

import json

import pandas as pd

from conftest import outreach


def test_help_and_python_m(root):
    proc = outreach("--help")
    assert proc.returncode == 0 and "run" in proc.stdout and "compare" in proc.stdout


def test_run_writes_tables_and_metadata(tmp_path, scenarios_dir):
    out = tmp_path / "res"
    proc = outreach("run", scenarios_dir / "roermond_broad_2010.yaml", "-r", "3", "--seed", "4", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "Starts" in proc.stdout and "90% interval" in proc.stdout
    runs = pd.read_csv(out / "runs.csv")
    assert len(runs) == 3
    for col in ("starts", "success_rate", "broad.declined_in_advance", "broad.problem_referrals_housing_corporation",
                "cost_per_start", "hours_doors", "broad.starts_literacy", "ladder_score_mean"):
        assert col in runs.columns, col
    ts = pd.read_csv(out / "timeseries.csv")
    assert {"replicate", "week", "week_start", "starts", "coach_hours"} <= set(ts.columns)
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["kind"] == "run" and meta["seed"] == 4 and len(meta["replicate_seeds"]) == 3
    assert len(meta["scenario"]["sha256"]) == 64 and "Roermond" in meta["scenario"]["content"]
    assert meta["versions"]["mesa"].startswith("3.")


def test_set_changes_the_run(tmp_path, scenarios_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    f = scenarios_dir / "roermond_narrow_2009.yaml"
    assert outreach("run", f, "-r", "2", "--out", a).returncode == 0
    assert outreach("run", f, "-r", "2", "--out", b, "--set", "strategies.narrow.hours_per_week=10").returncode == 0
    ra, rb = pd.read_csv(a / "runs.csv"), pd.read_csv(b / "runs.csv")
    assert rb["narrow.addresses_approached"].mean() < ra["narrow.addresses_approached"].mean()


def test_compare_prints_side_by_side(tmp_path, scenarios_dir):
    out = tmp_path / "cmp"
    proc = outreach("compare", scenarios_dir / "roermond_narrow_2009.yaml", scenarios_dir / "roermond_broad_2010.yaml",
                    "-r", "2", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "roermond_narrow_2009" in proc.stdout.replace("…", "") or "roermond_narrow" in proc.stdout
    runs = pd.read_csv(out / "runs.csv")
    assert set(runs["scenario"]) == {"roermond_narrow_2009", "roermond_broad_2010"}


def test_python_api(scenarios_dir):
    from sim import load_scenario, run

    sc = load_scenario(scenarios_dir / "roermond_pilot.yaml", overrides={"policy.fee_eur": 0})
    result = run(sc, seed=1)
    assert result.outcomes["starts"] > 0
    assert all(isinstance(v, float) for v in result.outcomes.values())
    assert {"narrow.starts", "broad.starts", "network.starts", "campaign.starts"} <= set(result.outcomes)
