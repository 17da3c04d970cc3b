"""Sweep results on disk: one schema for every part file, exact values read back by pandas and
duckdb, the base scenario and the experiment recorded and checked on a resume, tasks that carry
the scenario's content, failures that say where they happened, and nothing left by a sweep that
could not start."""

from __future__ import annotations

import json
import os
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

import sim.experiments.sweep as sweep_module
from conftest import SCENARIOS, outreach, write_experiment
from sim.experiments import load_experiment, run_sweep
from sim.experiments.executors import RunFailed, make_executor

LEVELS = [0, 100, 200, 300, 400, 135.5]


def fee_experiment(tmp_path, scenario=None, **changes):
    """Six fees, one run each, on a copy of the narrow-visits scenario in ``tmp_path``."""
    if scenario is None:
        scenario = tmp_path / "narrow.yaml"
        shutil.copy(SCENARIOS / "roermond_narrow_2009.yaml", scenario)
        shutil.copytree(SCENARIOS / "base", tmp_path / "base")  # the file it extends
    return write_experiment(tmp_path, scenario=str(scenario), replicates=1, chunk=1,
                            parameters={"policy.fee_eur": {"values": LEVELS}}, outcomes=["starts", "cost_eur"],
                            **changes), scenario


@pytest.fixture()
def one_row_parts(monkeypatch):
    """Every row its own part file, so that most parts hold whole-number fees only."""
    monkeypatch.setattr(sweep_module, "FLUSH_ROWS", 1)


def test_mixed_levels_read_back_exactly(tmp_path, one_row_parts):
    exp_path, _ = fee_experiment(tmp_path)
    out = tmp_path / "out"
    run_sweep(load_experiment(exp_path), out, workers=1)
    parts = sorted((out / "runs").glob("*.parquet"))
    assert len(parts) == 6
    assert {pq.read_schema(p).field("policy.fee_eur").type for p in parts} == {pa.float64()}
    runs = pd.read_parquet(out / "runs").sort_values("run_id")
    assert runs["policy.fee_eur"].tolist() == LEVELS and runs["policy.fee_eur"].dtype == "float64"
    assert runs["seed"].dtype == "int64" and runs["starts"].dtype == "float64"

    import duckdb

    rows = duckdb.sql(f"SELECT run_id, \"policy.fee_eur\" AS fee, seed FROM read_parquet('{out}/runs/*.parquet') "
                      "ORDER BY run_id").fetchall()
    assert [r[1] for r in rows] == LEVELS
    assert [r[2] for r in rows] == runs["seed"].tolist()


def test_metadata_and_parts_record_scenario_and_experiment(tmp_path, one_row_parts):
    exp_path, _scenario = fee_experiment(tmp_path)
    out = tmp_path / "out"
    exp = load_experiment(exp_path)
    run_sweep(exp, out, workers=1)
    meta = json.loads((out / "metadata.json").read_text())
    assert len(meta["scenario"]["sha256"]) == 64 and "Roermond narrow" in meta["scenario"]["content"]
    assert meta["experiment"]["sha256"] == exp.sha256 and meta["schema"]["policy.fee_eur"] == "double"
    for part in (out / "runs").glob("*.parquet"):
        md = pq.read_schema(part).metadata
        assert md[b"scenario_sha256"].decode() == meta["scenario"]["sha256"]
        assert md[b"scenario_content"].decode() == meta["scenario"]["content"]
        assert md[b"experiment_sha256"].decode() == exp.sha256 and md[b"experiment_content"].decode() == exp.text


def _edit_scenario(path):
    data = yaml.safe_load(path.read_text())
    data.setdefault("coaches", {})["count"] = 4
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _one_error_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def test_resume_after_the_scenario_changed_is_refused(tmp_path, one_row_parts):
    exp_path, scenario = fee_experiment(tmp_path)
    out = tmp_path / "out"
    run_sweep(load_experiment(exp_path), out, workers=1)
    parts = sorted((out / "runs").glob("*.parquet"))
    parts[2].unlink()
    _edit_scenario(scenario)
    proc = outreach("sweep", exp_path, "--out", out, "--workers", "1")
    line = _one_error_line(proc)
    assert "scenario changed since this sweep started" in line
    assert len(list((out / "runs").glob("*.parquet"))) == 5
    # without metadata.json, the part files still say which scenario they came from
    (out / "metadata.json").unlink()
    proc = outreach("sweep", exp_path, "--out", out, "--workers", "1")
    assert "scenario changed" in _one_error_line(proc)


def test_resume_after_the_experiment_changed_is_refused(tmp_path):
    exp_path, scenario = fee_experiment(tmp_path)
    out = tmp_path / "out"
    run_sweep(load_experiment(exp_path), out, workers=1)
    fee_experiment(tmp_path, scenario, seed=8)  # rewrites exp.yaml with another seed
    proc = outreach("sweep", exp_path, "--out", out, "--workers", "1")
    assert "experiment changed since this sweep started" in _one_error_line(proc)


def test_tasks_carry_the_scenario_not_its_path(tmp_path):
    """Worker processes run the sweep after the scenario file is gone."""
    exp_path, scenario = fee_experiment(tmp_path)
    exp = load_experiment(exp_path)
    scenario.unlink()
    rows = run_sweep(exp, tmp_path / "out", workers=2)
    assert len(rows) == 6 and rows["starts"].notna().all()


def test_dask_workers_need_no_scenario_file_and_say_where_they_failed(tmp_path):
    from distributed import LocalCluster

    from sim.experiments.executors import DaskExecutor

    exp_path, scenario = fee_experiment(tmp_path)
    exp = load_experiment(exp_path)
    scenario.unlink()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        rows = run_sweep(exp, tmp_path / "out", scheduler=cluster.scheduler_address)
        assert len(rows) == 6 and rows["starts"].notna().all()
        executor = DaskExecutor(cluster.scheduler_address)
        try:
            with pytest.raises(RunFailed, match="reading the scenario failed on the worker \\(process"):
                list(executor.map_unordered(sweep_module._Chunk("name: broken\n", "{}\n", ("starts",)), [[(0, 1, {})]]))
        finally:
            executor.close()


def test_a_failure_on_a_worker_says_so(tmp_path):
    fn = sweep_module._Chunk("name: broken\n", "{}\n", ("starts",))
    executor = make_executor(2)
    try:
        with pytest.raises(RunFailed, match="failed on the worker \\(process"):
            list(executor.map_unordered(fn, [[(0, 1, {})]]))
    finally:
        executor.close()


def test_the_command_reports_a_failed_run(tmp_path, monkeypatch, capsys):
    from sim.cli import main

    def broken(*args):
        raise RunFailed("run 0 failed on the worker (process 1 on host): ValueError: boom")

    monkeypatch.setattr(sweep_module, "run_chunk", broken)
    exp_path, _ = fee_experiment(tmp_path)
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_:
        main(["sweep", str(exp_path), "--out", str(out), "--workers", "1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert exit_.value.code == 1 and len(err) == 1
    assert err[0].startswith("error: ") and "failed on the worker" in err[0] and "boom" in err[0]
    assert not out.exists()  # it failed before any row: nothing left behind
    out.mkdir()  # an empty folder given by the user stays, empty
    with pytest.raises(SystemExit):
        main(["sweep", str(exp_path), "--out", str(out), "--workers", "1"])
    assert out.is_dir() and list(out.iterdir()) == []


def test_a_sweep_that_cannot_start_leaves_nothing(tmp_path):
    exp_path, _ = fee_experiment(tmp_path)
    out = tmp_path / "out"
    proc = outreach("sweep", exp_path, "--out", out, "--scheduler", "tcp://127.0.0.1:9")
    assert "cannot reach the Dask scheduler" in _one_error_line(proc)
    assert not out.exists()


def test_a_pool_worker_that_dies_is_reported(tmp_path):
    executor = make_executor(2)
    try:
        with pytest.raises(RunFailed, match="failed on a worker process: BrokenProcessPool"):
            list(executor.map_unordered(os._exit, [3]))
    finally:
        executor.close()


def test_a_sweep_without_rows_is_not_exported(tmp_path):
    out = tmp_path / "out"
    (out / "runs").mkdir(parents=True)
    (out / "metadata.json").write_text(json.dumps({"kind": "sweep", "tables": ["runs"]}))
    proc = outreach("export", out, "--format", "csv")
    assert "holds no tables" in _one_error_line(proc)
