"""One pipeline: one replicate runner, one summary, one atomic writer, one comparison that the
command line and the notebooks share."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, SCENARIOS, outreach
from sim.atomic import atomic_dir, atomic_write, atomic_write_text
from sim.summary import bounds, interval, intervals

NARROW = SCENARIOS / "roermond_narrow_2009.yaml"
BROAD = SCENARIOS / "roermond_broad_2010.yaml"
POSTERIOR = ROOT / "calibration" / "results" / "roermond" / "posterior.parquet"


# --------------------------------------------------------------------------- the summary


def test_interval_is_the_median_and_linear_quantiles():
    x = [4.0, 1.0, 3.0, 2.0, 10.0]
    # sorted 1 2 3 4 10: position 0.05 * 4 = 0.2 -> 1.2; position 0.95 * 4 = 3.8 -> 4 + 0.8 * 6
    assert interval(x) == (3.0, 1.2, pytest.approx(8.8))
    assert interval([1.0, 2.0, 3.0, 4.0], level=0.5) == (2.5, 1.75, 3.25)
    assert bounds() == (pytest.approx(0.05), pytest.approx(0.95))


def test_interval_leaves_out_missing_values_and_is_nan_without_any():
    assert interval([np.nan, 1.0, None, 3.0]) == interval([1.0, 3.0])
    assert all(np.isnan(v) for v in interval([np.nan, None]))
    assert all(np.isnan(v) for v in interval([]))
    with pytest.raises(ValueError):
        interval([1.0], level=1.5)


def test_numpy_default_quantile_gives_the_same_numbers():
    rng = np.random.default_rng(3)
    lo, hi = bounds()
    for n in range(1, 40):
        x = rng.lognormal(5, 2, size=n)
        _median, low, high = interval(x)
        assert (low, high) == (np.quantile(x, lo), np.quantile(x, hi))
        assert low == pytest.approx(np.quantile(x, 0.05), rel=1e-12)


def test_frame_forms_equal_the_one_interval():
    rng = np.random.default_rng(1)
    df = pd.DataFrame(rng.normal(size=(17, 3)), columns=list("abc"))
    df.iloc[2, 1] = np.nan
    by_column = intervals(df)
    by_row = intervals(df, axis=1)
    for c in df.columns:
        assert tuple(by_column.loc[c]) == interval(df[c])
    for i in df.index:
        assert tuple(by_row.loc[i]) == interval(df.loc[i])
    df["g"] = ["z", "y", "x"] * 5 + ["y", "y"]
    df["h"] = np.arange(len(df)) % 2
    by_group = intervals(df.groupby("g", sort=False)["a"])
    assert list(by_group.index) == ["z", "y", "x"]  # the groupby's order
    for g, part in df.groupby("g"):
        assert tuple(by_group.loc[g]) == interval(part["a"])
    by_two = intervals(df.groupby(["g", "h"])["b"])
    assert by_two.index.names == ["g", "h"]
    for (g, h), part in df.groupby(["g", "h"]):
        assert tuple(by_two.loc[(g, h)]) == pytest.approx(interval(part["b"]), nan_ok=True)


def test_summarise_and_the_notebook_ranges_use_the_one_interval():
    from sim.compare import interval_table, median_range
    from sim.runner import summarise

    runs = pd.DataFrame({"scenario": ["a"] * 5 + ["b"] * 5, "starts": [1, 5, 2, 8, 3, 4, 4, 9, 0, 1.0]})
    s = summarise(runs[runs.scenario == "a"], ["starts"]).iloc[0]
    assert (s["median"], s["low"], s["high"]) == interval([1, 5, 2, 8, 3])
    t = interval_table(runs, ["starts"]).set_index("scenario")
    assert tuple(t.loc["b", ["median", "low", "high"]]) == interval([4, 4, 9, 0, 1])
    assert median_range(runs["starts"]) == interval(runs["starts"])


# --------------------------------------------------------------------------- the atomic writers


def _private_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_failed_write_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "table.csv"
    atomic_write_text(path, "old\n")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("half of a new fi")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, half_then_fail)
    assert path.read_text() == "old\n"
    assert _private_files(tmp_path) == []  # no temporary file left behind
    atomic_write_text(path, "new\n")
    assert path.read_text() == "new\n"


WRITER = """
import sys, time
from pathlib import Path
from sim.atomic import atomic_write

def slowly(tmp):
    with open(tmp, "w") as fh:
        fh.write("new " * 1000)
        fh.flush()
        Path(sys.argv[2]).touch()  # the write has begun
        time.sleep(60)
        fh.write("end")

atomic_write(Path(sys.argv[1]), slowly)
"""


def test_a_write_killed_halfway_leaves_the_old_file_whole(tmp_path):
    path, started = tmp_path / "out" / "summary.csv", tmp_path / "started"
    atomic_write_text(path, "old whole file\n")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(started)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the writer never began"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert path.read_text() == "old whole file\n"


def test_written_files_get_the_usual_modes(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
        with atomic_dir(tmp_path / "folder") as tmp:
            (tmp / "b.txt").write_text("y")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "folder").stat().st_mode & 0o777 == 0o750
    assert (tmp_path / "folder" / "b.txt").stat().st_mode & 0o777 == 0o640


def test_a_folder_is_replaced_whole_or_not_at_all(tmp_path):
    dest = tmp_path / "export"
    with atomic_dir(dest) as tmp:
        (tmp / "a.csv").write_text("first")
    with pytest.raises(RuntimeError), atomic_dir(dest) as tmp:
        (tmp / "a.csv").write_text("second, half")
        raise RuntimeError("interrupted")
    assert sorted(p.name for p in dest.iterdir()) == ["a.csv"] and (dest / "a.csv").read_text() == "first"
    with atomic_dir(dest) as tmp:
        (tmp / "b.csv").write_text("third")
    assert sorted(p.name for p in dest.iterdir()) == ["b.csv"]  # replaced as a whole
    assert _private_files(tmp_path) == []


def test_a_merged_folder_keeps_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("the user's")
    (tmp_path / "brief.html").write_text("old brief")
    with pytest.raises(RuntimeError), atomic_dir(tmp_path, merge=True) as tmp:
        (tmp / "brief.html").write_text("half")
        raise RuntimeError("interrupted")
    assert (tmp_path / "brief.html").read_text() == "old brief"
    with atomic_dir(tmp_path, merge=True) as tmp:
        (tmp / "brief.html").write_text("new brief")
    assert (tmp_path / "brief.html").read_text() == "new brief"
    assert (tmp_path / "notes.txt").read_text() == "the user's"
    assert _private_files(tmp_path) == []


# --------------------------------------------------------------------------- the runner


def test_replicates_in_two_processes_equal_one():
    from sim.runner import replicate_seeds, run_replicates, runs_table
    from sim.scenario import load_scenario

    sc = load_scenario(BROAD)
    ticks = []
    one = run_replicates(sc, 3, 11, progress=ticks.append)
    two = run_replicates(sc, 3, 11, workers=2)
    assert ticks == [1, 1, 1]
    assert [r.seed for r in one] == replicate_seeds(11, 3)
    pd.testing.assert_frame_equal(runs_table(one), runs_table(two))
    pd.testing.assert_frame_equal(one[2].timeseries, two[2].timeseries)


def test_outcomes_only_equal_a_full_runs_outcomes():
    """Sweeps, calibration and exploration read outcomes only, without the run's tables."""
    from sim.runner import outcomes, run
    from sim.scenario import load_scenario

    for path, seed in ((BROAD, 3), (NARROW, 8)):
        sc = load_scenario(path)
        assert outcomes(sc, seed) == run(sc, seed).outcomes
    assert outcomes(load_scenario(BROAD), 3) != outcomes(load_scenario(BROAD), 4)


def test_a_posterior_gives_every_scenario_the_same_draws():
    from sim.runner import run_replicates
    from sim.scenario import get_value, load_scenario

    post = pd.read_parquet(POSTERIOR)
    key = next(c for c in post.columns if c != "weight")
    drawn = {}
    for path in (NARROW, BROAD):
        results = run_replicates(load_scenario(path), 4, 5, posterior=POSTERIOR)
        drawn[path.stem] = [get_value(r.scenario, key) for r in results]
    assert drawn["roermond_narrow_2009"] == drawn["roermond_broad_2010"]
    assert len(set(drawn["roermond_narrow_2009"])) > 1  # a draw per replicate, not one for all


# --------------------------------------------------------------------------- one comparison


def test_outreach_compare_pairs_seeds_without_seed(tmp_path):
    """The two scenario files have seeds of their own (2009, 2010); the comparison is paired
    all the same, with the first scenario's seed."""
    out = tmp_path / "cmp"
    proc = outreach("compare", NARROW, BROAD, "-r", "3", "--out", out)
    assert proc.returncode == 0, proc.stderr
    meta = json.loads((out / "metadata.json").read_text())
    seeds = [m["replicate_seeds"] for m in meta["scenarios"]]
    assert seeds[0] == seeds[1]
    runs = pd.read_csv(out / "runs.csv")
    assert (runs.groupby("scenario")["seed"].apply(list).apply(tuple).nunique()) == 1


def test_outreach_compare_and_sim_compare_give_the_same_numbers(tmp_path):
    from sim.compare import compare
    from sim.scenario import load_scenario

    out = tmp_path / "cmp"
    proc = outreach("compare", NARROW, BROAD, "-r", "4", "--seed", "8", "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    printed = {s["label"]: s for s in json.loads(proc.stdout)["scenarios"]}
    written = pd.read_csv(out / "summary.csv").set_index(["scenario", "outcome"])
    comparison = compare({p.stem: load_scenario(p) for p in (NARROW, BROAD)}, replicates=4, seed=8)
    ours = comparison.summary().set_index(["scenario", "outcome"])
    for label in ("roermond_narrow_2009", "roermond_broad_2010"):
        assert printed[label]["replicate_seeds"] == comparison.seeds
        for record in printed[label]["summary"]:
            mine = ours.loc[(label, record["outcome"])]
            for col in ("median", "low", "high"):
                assert record[col] == pytest.approx(mine[col], rel=1e-12, nan_ok=True), (label, record["outcome"], col)
        for outcome in ("starts", "cost_per_start", "coach_hours"):
            for col in ("median", "low", "high"):
                assert written.loc[(label, outcome), col] == pytest.approx(ours.loc[(label, outcome), col], rel=1e-12)
    tables = comparison.tables()
    for name in ("runs", "timeseries", "starts", "hours", "neighbourhoods"):
        on_disk = pd.read_csv(out / f"{name}.csv")
        assert len(on_disk) == len(tables[name]) and list(on_disk.columns) == list(tables[name].columns), name


def test_the_comparison_keeps_every_table_of_every_scenario():
    """Nothing rides on DataFrame.attrs (pd.concat drops them): the per-neighbourhood table of
    a comparison is a table of its own, with rows for each scenario."""
    from sim.compare import compare
    from sim.scenario import load_scenario

    comparison = compare({p.stem: load_scenario(p) for p in (NARROW, BROAD)}, replicates=2, seed=3)
    hoods = comparison.tables()["neighbourhoods"]
    assert set(hoods["scenario"]) == {"roermond_narrow_2009", "roermond_broad_2010"}
    assert len(hoods) == sum(len(r.neighbourhoods) for rs in comparison.results.values() for r in rs) > 0
    assert not pd.concat([comparison.runs, comparison.runs]).empty


def test_two_scenario_files_of_one_name_are_refused(tmp_path):
    other = tmp_path / NARROW.name
    other.write_text(NARROW.read_text())
    proc = outreach("compare", NARROW, other, "-r", "1")
    assert proc.returncode == 2
    assert "roermond_narrow_2009" in proc.stderr and "different names" in proc.stderr
