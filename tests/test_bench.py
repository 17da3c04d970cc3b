"""The benchmark prints and writes its figures; it asserts nothing about speed."""

from __future__ import annotations

import json

import pytest

from conftest import outreach


@pytest.mark.slow
def test_bench_quick_writes_figures(tmp_path):
    out = tmp_path / "bench.json"
    proc = outreach("bench", "--quick", "--out", out, timeout=600)
    assert proc.returncode == 0, proc.stderr
    rows = ("yardstick", "Roermond pilot", "cost per contact", "trainer app: one Step", "growth", "runs per second")
    for row in rows:
        assert row in proc.stdout, row
    figures = json.loads(out.read_text())
    pilot = figures["roermond_pilot"]
    assert pilot["build_s"] > 0 and pilot["run_s"] > 0 and pilot["contacts"] > 0
    # every ratio is a measured time over the yardstick measured beside it
    assert pilot["ratio_to_yardstick"] == pytest.approx(pilot["total_s"] / pilot["yardstick_s"])
    assert figures["yardstick_boltzmann_s"] == pilot["yardstick_s"]
    step = figures["app_step"]
    assert step["steps_per_run"] > 100 and 0 < step["model_s"] < step["step_s"]
    assert step["ratio_to_yardstick"] == pytest.approx(step["step_s"] / step["yardstick_s"])
    c = figures["city_scaling"]
    assert c["large_households"] == 10 * c["small_households"]
    assert c["time_ratio"] == pytest.approx(c["large"]["total_s"] / c["small"]["total_s"])
    y = figures["years_scaling"]
    assert list(y["years"]) == ["1", "2", "4"]
    assert y["time_ratio_4_to_1"] == pytest.approx(y["years"]["4"]["total_s"] / y["years"]["1"]["total_s"])
    s = figures["sweep_throughput"]
    assert s["workers_2_per_s"] > 0
    assert s["workers_1_per_yardstick"] == pytest.approx(s["workers_1_per_s"] * s["yardstick_s"])
    assert figures["provenance"]["kind"] == "benchmark"


def test_bench_profile_prints_where_a_pilot_run_spends_its_time(tmp_path):
    out = tmp_path / "never.json"
    proc = outreach("bench", "--profile", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "function calls" in proc.stdout and "tottime" in proc.stdout
    assert "household.py" in proc.stdout  # the model's own code, not only the harness
    assert not out.exists()


def test_breakdown_times_the_parts_without_changing_a_run():
    """The breakdown wraps the model's methods while it times them: a run inside gives the
    same outcomes as one outside, and the methods are the originals again afterwards."""
    from sim import bench
    from sim.pathway import Pathway
    from sim.runner import outcomes
    from sim.scenario import load_scenario

    original = Pathway.__dict__["_start"]
    plain = outcomes(load_scenario(bench.PILOT), 5)
    totals: dict[str, list] = {}
    with bench._timed_parts(totals):
        assert Pathway.__dict__["_start"] is not original
        timed = outcomes(load_scenario(bench.PILOT), 5)
    assert Pathway.__dict__["_start"] is original
    assert timed == plain
    assert totals["a course start"][1] == plain["starts"]  # every start passed through the clock once
    rows = bench.breakdown(runs=2)
    labels = [label for label, _, _ in rows]
    assert labels[0] == "building the world" and labels[-1] == "a whole run"
    whole = rows[-1][1]
    top = sum(ms for label, ms, _ in rows[:-1] if not label.startswith(" "))
    assert top == pytest.approx(whole)  # the top-level parts and the rest add up to the run
    assert all(ms >= 0 for _, ms, _ in rows)


def test_bench_breakdown_prints_a_table(tmp_path):
    out = tmp_path / "never.json"
    proc = outreach("bench", "--breakdown", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "a name followed up" in proc.stdout and "a whole run" in proc.stdout
    assert not out.exists()


@pytest.mark.slow
def test_calibration_benchmark_times_a_calibration():
    from sim.bench import calibration_benchmark

    figures = calibration_benchmark(workers=2, population=8, generations=1, replicates=1, predictive_draws=3)
    assert figures["generations"] == 1 and figures["simulations"] >= 8 and figures["population"] == 8
    assert figures["seconds"] > 0 and figures["ratio_to_yardstick"] == pytest.approx(
        figures["seconds"] / figures["yardstick_s"])
