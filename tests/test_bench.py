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
    assert "yardstick" in proc.stdout and "Roermond pilot" in proc.stdout
    figures = json.loads(out.read_text())
    assert figures["roermond_pilot"]["build_s"] > 0 and figures["roermond_pilot"]["run_s"] > 0
    assert figures["roermond_pilot"]["contacts"] > 0
    assert figures["city_scaling"]["large_households"] == 10 * figures["city_scaling"]["small_households"]
    assert figures["sweep_throughput"]["workers_2_per_s"] > 0
    assert figures["provenance"]["kind"] == "benchmark"
