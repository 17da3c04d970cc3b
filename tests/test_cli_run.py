from __future__ import annotations

import json

import pandas as pd
import pytest

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


def test_a_scenario_seed_out_of_range_is_one_line_exit_2(tmp_path, scenarios_dir):
    path = tmp_path / "big_seed.yaml"
    path.write_text(f"extends: {scenarios_dir / 'roermond_pilot.yaml'}\nseed: {2**32}\n", encoding="utf-8")
    done = outreach("validate", path)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: seed: ") and str(2**32 - 1) in lines[0], done.stderr


@pytest.mark.parametrize("command", ["run", "compare", "brief"])
@pytest.mark.parametrize("seed", [-1, 2**32])
def test_a_command_line_seed_out_of_range_is_one_line_exit_2(tmp_path, scenarios_dir, command, seed):
    out = tmp_path / "out"
    names = ["synthetic_city", "roermond_pilot"] if command == "compare" else ["synthetic_city"]
    files = [scenarios_dir / f"{n}.yaml" for n in names]
    done = outreach(command, *files, "--seed", seed, "--replicates", 1, "--out", out)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: command line: --seed: ") and str(2**32 - 1) in lines[-1], done.stderr
    assert not out.exists()


@pytest.mark.parametrize("seed", [-1, 2**32])
def test_a_calibration_seed_out_of_range_is_one_line_exit_2(tmp_path, root, seed):
    out = tmp_path / "cal"
    done = outreach("calibrate", root / "calibration" / "roermond.yaml", "--quick", "--seed", seed, "--out", out)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: command line: --seed: ") and str(2**32 - 1) in lines[0], \
        done.stderr
    assert not out.exists()


@pytest.mark.parametrize("address", ["nonsense", "tcp://127.0.0.1", "127.0.0.1:port", "tcp://127.0.0.1:70000",
                                     "tpc://127.0.0.1:8786", ""])
@pytest.mark.parametrize("command", ["sweep", "calibrate"])
def test_a_malformed_scheduler_address_is_one_line_exit_2_before_connecting(tmp_path, root, monkeypatch, command,
                                                                             address):
    import sim.experiments.executors as executors

    def connect(*args, **kwargs):
        raise AssertionError("connected to a malformed address")

    monkeypatch.setattr(executors, "dask_client", connect)
    out = tmp_path / "out"
    given = [root / "experiments" / "smoke.yaml"] if command == "sweep" else [root / "calibration" / "roermond.yaml",
                                                                               "--quick"]
    done = outreach(command, *given, "--scheduler", address, "--out", out)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: command line: --scheduler: "), done.stderr
    assert "tcp://127.0.0.1:8786" in lines[0], lines[0]  # what a good address looks like
    assert not out.exists()


def test_compare_needs_two_scenarios(tmp_path, scenarios_dir):
    """A comparison of one scenario is a run: refused before it runs, pointing to outreach run."""
    out = tmp_path / "c1"
    done = outreach("compare", scenarios_dir / "roermond_narrow_2009.yaml", "-r", "1", "--out", out)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("error: command line: SCENARIO...: one scenario file given; "
                           "allowed: two or more (outreach run runs one)\n")
    assert not out.exists()
