"""``outreach sweep`` and ``outreach sensitivity``."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sim.cli.common import app, err_console, out_console, progress_bar
from sim.experiments import load_experiment, run_sensitivity, run_sweep
from sim.experiments.executors import RunFailed

Workers = Annotated[int | None, typer.Option("--workers", "-w", help="Local worker processes (default: the CPU count).")]
Scheduler = Annotated[str | None, typer.Option("--scheduler", help="Address of a Dask scheduler, e.g. tcp://127.0.0.1:8786.")]


@contextlib.contextmanager
def reported_failures(experiment: Path):
    """A run that failed where it ran: one line saying which run, where and why, and exit 1
    (the input was fine; finished rows are kept for the next attempt)."""
    try:
        yield
    except RunFailed as exc:
        err_console.print(f"error: {experiment}: runs: {exc}; the finished runs are kept, run the same command to "
                          "continue", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _default_out(exp_path: Path, suffix: str) -> Path:
    return Path("results") / f"{exp_path.stem}{suffix}"


class _Progress:
    def __init__(self, advance):
        self.advance = advance
        self.seen = 0

    def __call__(self, done: int, total: int) -> None:
        self.advance(done - self.seen)
        self.seen = done


@app.command("sweep")
def sweep_cmd(
    experiment: Annotated[Path, typer.Argument(help="Experiment YAML file.")],
    out: Annotated[Path | None, typer.Option(help="Results folder (default results/<experiment>).")] = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
) -> None:
    """Run a parameter sweep; rows stream to OUT/runs/ (Parquet). Run again to continue."""
    exp = load_experiment(experiment)
    out = out or _default_out(experiment, "")
    from sim.experiments.sweep import design_points

    total = len(design_points(exp)) * exp.spec.replicates
    with progress_bar(total, f"{exp.spec.name}: runs") as advance, reported_failures(experiment):
        runs = run_sweep(exp, out, workers, scheduler, progress=_Progress(advance))
    cols = [o for o in exp.spec.outcomes if o in runs.columns]
    summary = runs.groupby(exp.names, dropna=False, sort=False)[cols].median().reset_index()
    table = Table(title=f"{exp.spec.name}: {len(runs)} runs (median over replicates)")
    for c in summary.columns:
        table.add_column(str(c), justify="right")
    for row in summary.head(40).itertuples(index=False):
        table.add_row(*[f"{v:.3g}" if isinstance(v, float) else str(v) for v in row])
    out_console.print(table)
    if len(summary) > 40:
        err_console.print(f"({len(summary) - 40} more design points in {out}/runs/)", markup=False)
    err_console.print(f"wrote {out}/runs/ ({len(runs)} rows)", markup=False)


@app.command("sensitivity")
def sensitivity_cmd(
    experiment: Annotated[Path, typer.Argument(help="Experiment YAML file (parameters with ranges or levels).")],
    method: Annotated[str, typer.Option(help="sobol, morris or fast.")] = "sobol",
    n: Annotated[int, typer.Option("--n", help="Base sample size (a power of two for Sobol).")] = 64,
    out: Annotated[Path | None, typer.Option(help="Results folder (default results/<experiment>_<method>).")] = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    second_order: Annotated[bool, typer.Option(help="Sobol: also sample for second-order indices, N (2D + 2) runs.")] = False,
) -> None:
    """Sobol, Morris or FAST indices per outcome, with confidence intervals, a table and charts."""
    from sim.experiments.sensitivity import check_n, sample

    exp = load_experiment(experiment)
    check_n(method, n, str(experiment))
    out = out or _default_out(experiment, f"_{method}")
    total = len(sample(exp.problem(), method, n, exp.spec.seed, second_order)) * exp.spec.replicates
    with progress_bar(total, f"{exp.spec.name}: {method} runs") as advance, reported_failures(experiment):
        indices = run_sensitivity(exp, method, n, out, workers, scheduler, progress=_Progress(advance),
                                  second_order=second_order)
    table = Table(title=f"{exp.spec.name}: {method} indices (N = {n})")
    for c in indices.columns:
        table.add_column(c, justify="right")
    for row in indices.itertuples(index=False):
        table.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row])
    out_console.print(table)
    err_console.print(f"wrote {out}/ (indices.csv, noise.csv, report.md, charts)", markup=False)
