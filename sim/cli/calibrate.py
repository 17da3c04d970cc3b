"""``outreach calibrate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sim.cli.common import app, err_console, out_console, progress_bar


@app.command("calibrate")
def calibrate_cmd(
    targets: Annotated[Path, typer.Argument(help="Targets file, e.g. calibration/roermond.yaml.")],
    only: Annotated[str | None, typer.Option(help="Fit only these groups, comma-separated (e.g. narrow,broad).")] = None,
    out: Annotated[Path, typer.Option(help="Results folder; an interrupted calibration continues from it.")] = Path(
        "results/calibration"),
    quick: Annotated[bool, typer.Option(help="Small population and few generations (about a minute).")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Processes (1 gives bit-for-bit reproducible results).")] = 1,
    seed: Annotated[int, typer.Option(help="Seed of the calibration.")] = 1,
) -> None:
    """Fit the behavioural parameters to observed counts with ABC-SMC (pyabc)."""
    from sim.calibration.abc import Settings
    from sim.calibration.run import run_calibration
    from sim.calibration.targets import load_targets
    from sim.cli.common import positive

    positive(workers, "--workers")
    groups = [g.strip() for g in only.split(",") if g.strip()] if only else None
    tg = load_targets(targets, groups)
    settings = Settings.quick(workers, seed) if quick else Settings(workers=workers, seed=seed)
    import logging

    logging.getLogger("ABC").setLevel(logging.INFO)  # generation reports drive the progress bar
    for name in ("ABC.History", "ABC.Sampler", "ABC.Distance", "ABC.Epsilon"):
        logging.getLogger(name).setLevel(logging.WARNING)
    with progress_bar(settings.generations, "calibration: generations") as advance:
        seen = {"t": 0}

        def step(t: int, n: int, info: dict) -> None:
            if t > seen["t"]:
                advance(t - seen["t"])
                seen["t"] = t

        result = run_calibration(tg, out, settings, progress=step)
    table = Table(title=f"{tg.spec.name}: posterior predictive check ({result['seconds'] / 60:.1f} min)")
    for c in ("target", "observed", "model median", "model 5-95%", "inside"):
        table.add_column(c, justify="right")
    for r in result["validation"].itertuples():
        table.add_row(r.target, f"{r.count}/{r.trials} = {r.observed:.3f}", f"{r.sim_median:.3f}",
                      f"{r.sim_low:.3f}-{r.sim_high:.3f}", "yes" if r.inside else "NO")
    out_console.print(table)
    err_console.print(f"wrote {out}/ (posterior.parquet, validation.csv, diagnostics.csv, report.md, plots)", markup=False)
