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


@pytest.mark.slow
def test_calibration_benchmark_times_a_calibration():
    from sim.bench import calibration_benchmark

    figures = calibration_benchmark(workers=2, population=8, generations=1, replicates=1, predictive_draws=3)
    assert figures["generations"] == 1 and figures["simulations"] >= 8 and figures["population"] == 8
    assert figures["seconds"] > 0 and figures["ratio_to_yardstick"] == pytest.approx(
        figures["seconds"] / figures["yardstick_s"])
