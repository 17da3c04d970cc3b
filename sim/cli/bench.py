"""``outreach bench``: speed and memory figures as ratios to a yardstick, printed and written
to results/benchmarks.json; ``--profile`` and ``--breakdown`` print where a pilot run spends its time."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sim.cli.common import app, err_console, out_console


@app.command("bench")
def bench_cmd(
    quick: Annotated[bool, typer.Option(help="Fewer repeats and smaller cities (seconds).")] = False,
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help="Where to write the figures (JSON).")] = Path(
        "results/benchmarks.json"),
    sweeps: Annotated[bool, typer.Option(
        help="Also the peak memory of sweeps of 1,000 and 10,000 runs (minutes).")] = False,
    sobol: Annotated[bool, typer.Option(help="Also a Sobol analysis, 8 parameters, N = 512: 9,216 runs on 2 workers "
                                             "(about 5 minutes).")] = False,
    calibration: Annotated[bool, typer.Option(help="Also the full Roermond calibration on 2 workers (about 10 "
                                                   "minutes).")] = False,
    profile: Annotated[bool, typer.Option(help="Only print the top of a cProfile of one Roermond pilot run, by own "
                                               "time; no figures are written.")] = False,
    breakdown: Annotated[bool, typer.Option(help="Only print where a Roermond pilot run spends its time: building, "
                                                 "the weekly tick's parts and each kind of call (clock readings, "
                                                 "no profiler); no figures are written.")] = False,
) -> None:
    """Time a Roermond pilot run, the trainer app's Step, city and years scaling, throughput and
    memory, each also as a ratio to Mesa's Boltzmann wealth model timed alongside."""
    from sim import bench
    from sim.provenance import provenance
    from sim.results import write_json

    if profile:
        out_console.print(bench.profile(), markup=False, highlight=False, soft_wrap=True)
        return
    if breakdown:
        with err_console.status("timing 10 Roermond pilot runs"):
            rows = bench.breakdown()
        out_console.print(breakdown_table(rows))
        return
    with err_console.status("benchmarking") as status:
        figures = bench.run_benchmarks(quick=quick, progress=lambda label: status.update(f"benchmarking: {label}"))
        if sweeps:
            status.update("benchmarking: sweep memory")
            figures["sweep_memory"] = [bench.sweep_memory_mib(1000), bench.sweep_memory_mib(10000)]
        if sobol:
            status.update("benchmarking: Sobol analysis, 9,216 runs")
            figures["sobol"] = bench.sobol_benchmark()
        if calibration:
            status.update("benchmarking: the full Roermond calibration")
            figures["calibration"] = bench.calibration_benchmark()
    out_console.print(table(figures))
    write_json(out, {"provenance": provenance({"kind": "benchmark"}), **figures})
    err_console.print(f"wrote {out}", markup=False)


def breakdown_table(rows: list[tuple[str, float, float]]) -> Table:
    t = Table(title="Where a Roermond pilot run spends its time (mean of 10 runs)")
    t.add_column("part")
    t.add_column("ms a run", justify="right")
    t.add_column("share", justify="right")
    t.add_column("calls a run", justify="right")
    whole = rows[-1][1]
    for label, ms, calls in rows:
        t.add_row(label, f"{ms:.2f}", f"{ms / whole:.0%}", "-" if math.isnan(calls) else f"{calls:,.0f}")
    return t


def _x(ratio: float) -> str:
    return "-" if math.isnan(ratio) else f"{ratio:.2f} x"


def table(figures: dict) -> Table:
    yard = figures["yardstick_boltzmann_s"]
    p, a, c, y, s = (figures[k] for k in ("roermond_pilot", "app_step", "city_scaling", "years_scaling",
                                           "sweep_throughput"))
    t = Table(title="outreach-sim benchmarks (medians; ratio: time over the yardstick timed alongside)")
    t.add_column("measure")
    t.add_column("value", justify="right")
    t.add_column("ratio to yardstick", justify="right")
    t.add_column("note")
    m = figures["machine"]
    t.add_row("yardstick: Mesa Boltzmann wealth, 1,000 agents, 20 steps", f"{yard:.3f} s", "1.00 x",
              f"{m['cpus']} CPUs, load {m['load_before']:.1f} before, {m['load_after']:.1f} after")
    t.add_row("Roermond pilot run (build + run)", f"{p['total_s']:.3f} s", _x(p["ratio_to_yardstick"]),
              f"build {p['build_s']:.3f} s, run {p['run_s']:.3f} s")
    t.add_row("cost per contact event", f"{p['us_per_contact']:.0f} us",
              f"{p['contacts_per_yardstick']:,.0f} per yardstick", f"{p['contacts']:.0f} contacts per pilot run")
    if a is None:
        t.add_row("trainer app: one Step", "-", "-", "needs the 'app' extra (solara)")
    else:
        t.add_row("trainer app: one Step (a week)", f"{1000 * a['step_s']:.1f} ms", _x(a["ratio_to_yardstick"]),
                  f"model {1000 * a['model_s']:.1f} ms, page {1000 * a['page_s']:.1f} ms")
    for size in ("small", "large"):
        f = c[size]
        t.add_row(f"city of {c[f'{size}_households']:,} households, 3 years", f"{f['total_s']:.2f} s",
                  _x(f["ratio_to_yardstick"]), f"build {f['build_s']:.2f} s")
    t.add_row(f"growth: time ratio for {c['size_ratio']:.0f} x households", f"{c['time_ratio']:.1f} x", "", "")
    for years, f in y["years"].items():
        t.add_row(f"city of {y['households']:,}, network approach, {years} year(s)", f"{f['total_s']:.2f} s",
                  _x(f["ratio_to_yardstick"]), "")
    t.add_row("growth: time ratio for 2 x and 4 x years",
              f"{y['time_ratio_2_to_1']:.1f} x, {y['time_ratio_4_to_1']:.1f} x", "", "")
    for w in (1, 2):
        t.add_row(f"pilot runs per second, {w} worker{'s' if w > 1 else ''}", f"{s[f'workers_{w}_per_s']:.1f}",
                  f"{s[f'workers_{w}_per_yardstick']:.1f} per yardstick",
                  f"efficiency {s['parallel_efficiency']:.2f}" if w > 1 else "")
    for size, mib in figures["peak_memory_mib"].items():
        t.add_row(f"peak memory, city of {int(size):,}", f"{mib:.0f} MiB", "", "")
    for sm in figures.get("sweep_memory", []):
        t.add_row(f"sweep of {sm['runs']:,} runs: peak memory", f"{sm['peak_rss_mib']:.0f} MiB", "",
                  f"{sm['runs_per_s']:.0f} runs/s")
    if "sobol" in figures:
        sb = figures["sobol"]
        t.add_row(f"Sobol, {sb['parameters']} parameters, N = {sb['n']} ({sb['runs']:,} runs, {sb['workers']} workers)",
                  f"{sb['seconds'] / 60:.1f} min", _x(sb["ratio_to_yardstick"]), f"{sb['runs_per_s']:.1f} runs/s")
    if "calibration" in figures:
        cb = figures["calibration"]
        t.add_row(f"full Roermond calibration ({cb['workers']} workers)", f"{cb['seconds'] / 60:.1f} min",
                  _x(cb["ratio_to_yardstick"]), f"{cb['generations']} generations, {cb['simulations']:,} particles "
                                                 "simulated")
    return t
