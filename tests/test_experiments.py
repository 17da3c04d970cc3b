"""Sweeps and sensitivity analysis: bad input, identical rows on every executor, continuing a
finished sweep, and the Sobol engine on a function whose indices are known (kill -9: see
test_interruptions.py)."""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, SMOKE, outreach, outreach_subprocess, write_experiment
from sim.errors import InputError
from sim.experiments import load_experiment, run_sweep, sensitivity


@pytest.mark.parametrize(
    "changes,key,words",
    [
        ({"parameters": {"policy.no_such_fee": {"values": [1]}}}, "parameters.policy.no_such_fee", "no such parameter"),
        ({"parameters": {"policy.fee_eur": {"low": 400, "high": 0}}}, "parameters.policy.fee_eur", "exceeds high"),
        ({"parameters": {"policy.fee_eur": {"values": [-5]}}}, "parameters.policy.fee_eur", "not valid"),
        ({"outcomes": ["startz"]}, "outcomes.0", "does not produce"),
        ({"replicates": 0}, "replicates", ">= 1"),
        ({"design": "random"}, "design", "grid"),
        # the run tables have a seed column already, and each run's seed derives from `seed:`
        ({"parameters": {"seed": {"values": [1, 2, 3]}}}, "parameters.seed", "replicates:"),
        ({"fixed": {"seed": 5}}, "fixed.seed", "seed:"),
        ({"outcomes": ["starts", "starts"]}, "outcomes.1", "each outcome once"),
        # options that belong to another design or kind of parameter
        ({"samples": 10}, "samples", "design: sample"),
        ({"design": "sample", "parameters": {"behaviour.home.morning": {"low": 0.2, "high": 0.4, "steps": 3}}},
         "parameters.behaviour.home.morning.steps", "design: grid"),
        ({"parameters": {"policy.fee_eur_obligated": {"values": [0, 270], "integer": True}}},
         "parameters.policy.fee_eur_obligated.integer", "low: and high:"),
        ({"parameters": {"policy.fee_eur_obligated": {"values": [0, 270], "steps": 3}}},
         "parameters.policy.fee_eur_obligated.steps", "low: and high:"),
        ({"parameters": {"strategies.narrow.slots": {"levels": [{"morning": 1.0}, {"evening": 1.0}], "steps": 2}}},
         "parameters.strategies.narrow.slots.steps", "low: and high:"),
        # a misspelt option of a parameter lists the options a parameter has
        ({"parameters": {"policy.fee_eur": {"vales": [0, 270]}}}, "parameters.policy.fee_eur.vales",
         "allowed keys here: high, integer, levels, low, steps, values"),
    ],
)
def test_bad_experiments_are_refused(tmp_path, changes, key, words):
    path = write_experiment(tmp_path, **changes)
    out = tmp_path / "out"
    proc = outreach("sweep", path, "--out", out, "--workers", "1")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and key in lines[0] and words in lines[0], proc.stderr
    assert not out.exists()


def test_sobol_n_must_be_a_power_of_two(tmp_path):
    proc = outreach("sensitivity", ROOT / "experiments" / "roermond_sensitivity.yaml", "--method", "sobol",
                    "--n", "1000", "--out", tmp_path / "s")
    assert proc.returncode == 2 and "not a power of two" in proc.stderr and "1024" in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    "args,key,words",
    [
        (("--method", "sobol", "--n", "1"), "--n", "too small for Sobol"),
        (("--method", "morris", "--n", "1"), "--n", "too small for Morris"),
        (("--method", "morris", "--n", "2", "--second-order"), "--second-order", "--method sobol"),
        (("--method", "fast", "--n", "65", "--second-order"), "--second-order", "--method sobol"),
    ],
)
def test_bad_sensitivity_options_are_refused(tmp_path, args, key, words):
    out = tmp_path / "s"
    proc = outreach("sensitivity", ROOT / "experiments" / "roermond_sensitivity.yaml", *args, "--out", out,
                    "--workers", "1")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and key in lines[0] and words in lines[0], proc.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "changes,key",
    [
        ({"design": "grid"}, "design"),
        ({"design": "sample", "samples": 8}, "design"),
        ({"design": None, "parameters": {"behaviour.home.morning": {"low": 0.2, "high": 0.4, "steps": 3}}},
         "parameters.behaviour.home.morning.steps"),
    ],
)
def test_a_sweep_design_is_refused_by_the_sensitivity_command(tmp_path, changes, key):
    """The sensitivity method draws the design; a sweep's design options would go unused."""
    path = write_experiment(tmp_path, **changes)
    out = tmp_path / "s"
    proc = outreach("sensitivity", path, "--method", "morris", "--n", "2", "--out", out, "--workers", "1")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: {key}: "), proc.stderr
    assert "--method" in lines[0]
    assert not out.exists()


def test_the_sensitivity_engine_refuses_too_small_a_sample():
    problem = {"names": ["a", "b"], "bounds": [[0, 1]] * 2}
    for method in ("sobol", "morris"):
        with pytest.raises(InputError, match="too small"):
            sensitivity(lambda params, seed: {"y": params["a"]}, problem, method=method, n=1)


def test_unknown_outcome_suggests_names():
    with pytest.raises(InputError) as err:
        load_experiment(write_experiment(Path(os.environ.get("TMPDIR", "/tmp")), outcomes=["sucess_rate"]))
    assert "success_rate" in str(err.value)


@pytest.fixture(scope="module")
def serial_rows(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    return run_sweep(load_experiment(SMOKE), out, workers=1)


def test_sweep_rows(serial_rows):
    assert len(serial_rows) == 12 and list(serial_rows["run_id"]) == list(range(12))
    assert {"run_id", "seed", "point", "replicate", "policy.fee_eur_obligated", "starts",
            "cost_per_start"} <= set(serial_rows.columns)
    assert serial_rows["seed"].nunique() == 12


def test_same_rows_on_a_process_pool(serial_rows, tmp_path):
    rows = run_sweep(load_experiment(SMOKE), tmp_path / "pool", workers=2)
    pd.testing.assert_frame_equal(rows, serial_rows)
    # readable as a Parquet dataset folder
    assert len(pd.read_parquet(tmp_path / "pool" / "runs")) == 12


def test_same_rows_on_dask(serial_rows, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                      processes=True) as cluster:
        rows = run_sweep(load_experiment(SMOKE), tmp_path / "dask", scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(rows, serial_rows)


def test_unreachable_scheduler_fails_fast(tmp_path):
    t0 = time.monotonic()
    proc = outreach("sweep", SMOKE, "--out", tmp_path / "x", "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 2 and "cannot reach the Dask scheduler" in proc.stderr, proc.stderr
    assert time.monotonic() - t0 < 30


def test_rerun_continues_without_duplicates(serial_rows, tmp_path):
    out = tmp_path / "again"
    run_sweep(load_experiment(SMOKE), out, workers=1)
    rows = run_sweep(load_experiment(SMOKE), out, workers=1)  # nothing left to do
    pd.testing.assert_frame_equal(rows, serial_rows)


def ishigami(params: dict, seed: int) -> dict:
    x1, x2, x3 = (params[k] for k in ("x1", "x2", "x3"))
    return {"y": math.sin(x1) + 7 * math.sin(x2) ** 2 + 0.1 * x3**4 * math.sin(x1)}


def test_sobol_recovers_ishigami():
    """Known indices (a = 7, b = 0.1): S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244."""
    problem = {"names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    df = sensitivity(ishigami, problem, method="sobol", n=1024, seed=1)
    assert list(df.columns) == ["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    s1 = df.set_index("parameter")["S1"]
    st = df.set_index("parameter")["ST"]
    for p, v in {"x1": 0.314, "x2": 0.442, "x3": 0.0}.items():
        assert abs(s1[p] - v) < 0.06, (p, s1[p])
    for p, v in {"x1": 0.558, "x2": 0.442, "x3": 0.244}.items():
        assert abs(st[p] - v) < 0.06, (p, st[p])


def test_morris_ranks_a_linear_function():
    def linear(params, seed):
        return {"y": 10 * params["a"] + 1 * params["b"] + 0 * params["c"]}

    problem = {"names": ["a", "b", "c"], "bounds": [[0, 1]] * 3}
    df = sensitivity(linear, problem, method="morris", n=20, seed=3)
    assert list(df.columns) == ["output", "parameter", "mu_star", "mu_star_conf", "sigma"]
    mu = df.set_index("parameter")["mu_star"]
    assert mu["a"] > mu["b"] > mu["c"] and np.isclose(mu["a"], 10) and np.isclose(mu["c"], 0)


def test_sensitivity_command_writes_table_charts_and_noise(tmp_path):
    out = tmp_path / "sens"
    proc = outreach("sensitivity", ROOT / "experiments" / "roermond_sensitivity.yaml", "--method", "morris", "--n", "2",
                    "--out", out, "--workers", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    indices = pd.read_csv(out / "indices.csv")
    printed = json.loads(proc.stdout)
    assert printed["method"] == "morris" and len(printed["indices"]) == len(indices)
    assert set(indices["output"]) == {"starts", "success_rate", "cost_per_start", "cost_eur"}
    assert len(list(out.glob("sensitivity_*.png"))) == 4
    noise = pd.read_csv(out / "noise.csv")
    assert noise["noise_share_of_variance"].notna().all()
    assert "common random numbers" in (out / "report.md").read_text()


def test_a_warning_is_shown_once_not_once_per_run(tmp_path):
    """The smoke experiment sets the narrow visits' slots, which a phase replaces: one warning line
    for the sweep, not one for each of its runs."""
    path = write_experiment(tmp_path, replicates=5, chunk=1, fixed={})
    proc = outreach_subprocess("sweep", path, "--out", tmp_path / "out", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.startswith("warning: strategies.narrow.slots")]
    assert len(lines) == 1, proc.stderr
