"""``outreach bench``: speed and memory figures, printed and written to results/benchmarks.json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sim.cli.common import app, err_console, out_console


@app.command("bench")
def bench_cmd(
    quick: Annotated[bool, typer.Option(help="Fewer repeats and smaller cities (about a minute).")] = False,
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help="Where to write the figures (JSON).")] = Path(
        "results/benchmarks.json"),
    sweeps: Annotated[bool, typer.Option(help="Also the peak memory of sweeps of 1,000 and 10,000 runs (minutes).")] = False,
    sobol: Annotated[bool, typer.Option(help="Also a Sobol analysis, 8 parameters, N = 512: 9,216 runs (minutes).")] = False,
) -> None:
    """Time a Roermond pilot run, city scaling, simulated years, throughput and memory."""
    from sim.bench import run_benchmarks, sobol_benchmark, sweep_memory_mib
    from sim.provenance import provenance
    from sim.results import write_json

    with err_console.status("benchmarking") as status:
        figures = run_benchmarks(quick=quick, progress=lambda label: status.update(f"benchmarking: {label}"))
        if sweeps:
            status.update("benchmarking: sweep memory")
            figures["sweep_memory"] = [sweep_memory_mib(1000), sweep_memory_mib(10000)]
        if sobol:
            status.update("benchmarking: Sobol analysis, 9,216 runs")
            figures["sobol"] = sobol_benchmark()
    yard = figures["yardstick_boltzmann_s"]
    p = figures["roermond_pilot"]
    c = figures["city_scaling"]
    y = figures["years_scaling"]
    s = figures["sweep_throughput"]
    m = figures["peak_memory_mib"]
    table = Table(title="outreach-sim benchmarks (medians)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("ratio / note", justify="right")
    table.add_row("yardstick: Mesa Boltzmann wealth, 1,000 agents, 20 steps", f"{yard:.3f} s", "1.00")
    table.add_row("Roermond pilot: build the world", f"{p['build_s']:.3f} s", "")
    table.add_row("Roermond pilot: run three years", f"{p['run_s']:.3f} s", "")
    table.add_row("Roermond pilot: total", f"{p['total_s']:.3f} s", f"{p['ratio_to_yardstick']:.2f} x yardstick")
    table.add_row("cost per contact event", f"{p['us_per_contact']:.0f} us", f"{p['contacts']:.0f} contacts")
    table.add_row(f"city {c['small_households']:,} households, 3 years", f"{c['small']['total_s']:.2f} s",
                  f"build {c['small']['build_s']:.2f} s")
    table.add_row(f"city {c['large_households']:,} households, 3 years", f"{c['large']['total_s']:.2f} s",
                  f"build {c['large']['build_s']:.2f} s")
    table.add_row("time ratio for 10 x households", f"{c['time_ratio']:.1f} x", "goal <= 12")
    table.add_row(f"time ratio for 10 x years ({y['households']:,} households)", f"{y['time_ratio']:.1f} x", "goal <= 12")
    table.add_row("runs per second, 1 worker", f"{s['workers_1_per_s']:.1f}", "")
    table.add_row("runs per second, 2 workers", f"{s['workers_2_per_s']:.1f}", f"efficiency {s['parallel_efficiency']:.2f}")
    for size, mib in m.items():
        table.add_row(f"peak memory, city of {int(size):,}", f"{mib:.0f} MiB", "")
    for sm in figures.get("sweep_memory", []):
        table.add_row(f"sweep of {sm['runs']:,} runs: peak memory", f"{sm['peak_rss_mib']:.0f} MiB",
                      f"{sm['runs_per_s']:.0f} runs/s")
    if "sobol" in figures:
        sb = figures["sobol"]
        table.add_row(f"Sobol, {sb['parameters']} parameters, N = {sb['n']} ({sb['runs']:,} runs)",
                      f"{sb['seconds'] / 60:.1f} min", "goal <= 15 min")
    out_console.print(table)
    write_json(out, {"provenance": provenance({"kind": "benchmark"}), **figures})
    err_console.print(f"wrote {out}", markup=False)
