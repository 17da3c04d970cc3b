"""``outreach sweep`` and ``outreach sensitivity``."""

from __future__ import annotations

import contextlib
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sim.cli.common import (
    Format,
    FormatOption,
    JsonOption,
    app,
    check_path,
    chosen_format,
    err_console,
    print_csv,
    print_json,
    print_table,
    progress_bar,
)

Workers = Annotated[int | None, typer.Option("--workers", "-w", metavar="N",
                                             help="Local worker processes (default: the CPU count).")]
Scheduler = Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS",
                                               help="Address of a Dask scheduler, e.g. tcp://127.0.0.1:8786.")]
ExperimentArg = Annotated[Path, typer.Argument(metavar="EXPERIMENT", help="Experiment YAML file.")]


class Method(StrEnum):
    sobol = "sobol"
    morris = "morris"
    fast = "fast"


@contextlib.contextmanager
def reported_failures(experiment: Path):
    """A run that failed where it ran: one line saying which run, where and why, and exit 1
    (the input was fine; finished rows are kept for the next attempt)."""
    from sim.experiments.executors import RunFailed

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


def _cell(v) -> str:
    if isinstance(v, float):
        return "-" if math.isnan(v) else f"{v:.3g}"
    return str(v)


@app.command("sweep")
def sweep_cmd(
    experiment: ExperimentArg,
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR",
                                             help="Results folder (default results/<experiment>).")] = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Run a parameter sweep; rows stream to OUT/runs/ (Parquet). Run again to continue.

    Prints the median of each outcome per design point (as JSON or CSV: every point)."""
    from sim.experiments import load_experiment, run_sweep
    from sim.experiments.sweep import design_points
    from sim.labels import label

    fmt = chosen_format(fmt, as_json)
    exp = load_experiment(experiment)
    out = out or _default_out(experiment, "")
    check_path(out, "--out")

    total = len(design_points(exp)) * exp.spec.replicates
    with progress_bar(total, f"{exp.spec.name}: runs") as advance, reported_failures(experiment):
        runs = run_sweep(exp, out, workers, scheduler, progress=_Progress(advance))
    cols = [o for o in exp.spec.outcomes if o in runs.columns]
    summary = runs.groupby(exp.names, dropna=False, sort=False)[cols].median().reset_index()
    err_console.print(f"wrote {out}/runs/ ({len(runs)} rows)", markup=False)
    if fmt is Format.json:
        print_json({"kind": "sweep", "experiment": exp.spec.name, "out": str(out), "runs": len(runs),
                    "statistic": "median over replicates", "points": summary.to_dict(orient="records")})
        return
    if fmt is Format.csv:
        print_csv(summary)
        return
    print_table(f"{exp.spec.name}: {len(runs)} runs (median over replicates)",
                [*exp.names, *(label(c) for c in cols)],
                [[_cell(v) for v in row] for row in summary.head(40).itertuples(index=False)],
                [True] * len(summary.columns))
    if len(summary) > 40:
        err_console.print(f"({len(summary) - 40} more design points in {out}/runs/; --format csv prints them all)",
                          markup=False)


@app.command("sensitivity")
def sensitivity_cmd(
    experiment: Annotated[Path, typer.Argument(metavar="EXPERIMENT",
                                               help="Experiment YAML file (parameters with ranges or levels).")],
    method: Annotated[Method, typer.Option("--method", case_sensitive=False,
                                           help="Sensitivity method.")] = Method.sobol,
    n: Annotated[int, typer.Option("--n", metavar="N", help="Base sample size: a power of two of at least 2 for "
                                                            "Sobol, at least 2 for Morris, more than 64 for "
                                                            "FAST.")] = 64,
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR",
                                             help="Results folder (default results/<experiment>_<method>).")] = None,
    workers: Workers = None,
    scheduler: Scheduler = None,
    second_order: Annotated[bool, typer.Option(help="Sobol: also sample for second-order indices, N (2D + 2) "
                                                    "runs.")] = False,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Sobol, Morris or FAST indices per outcome, with confidence intervals, a table and charts."""
    from sim.experiments import load_experiment, run_sensitivity
    from sim.experiments.analysis import check_design
    from sim.experiments.sensitivity import check_n, sample
    from sim.labels import label

    fmt = chosen_format(fmt, as_json)
    method_name = method.value
    exp = load_experiment(experiment)
    check_n(method_name, n, str(experiment), second_order)
    check_design(exp)
    out = out or _default_out(experiment, f"_{method_name}")
    check_path(out, "--out")
    total = len(sample(exp.problem(), method_name, n, exp.spec.seed, second_order)) * exp.spec.replicates
    with progress_bar(total, f"{exp.spec.name}: {method_name} runs") as advance, reported_failures(experiment):
        indices = run_sensitivity(exp, method_name, n, out, workers, scheduler, progress=_Progress(advance),
                                  second_order=second_order)
    err_console.print(f"wrote {out}/ (indices.csv, noise.csv, report.md, charts)", markup=False)
    if fmt is Format.json:
        print_json({"kind": "sensitivity", "experiment": exp.spec.name, "method": method_name, "n": n, "out": str(out),
                    "indices": indices.to_dict(orient="records")})
        return
    if fmt is Format.csv:
        print_csv(indices)
        return
    shown = indices.assign(output=indices["output"].map(label))
    print_table(f"{exp.spec.name}: {method_name} indices (N = {n})", list(indices.columns),
                [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row]
                 for row in shown.itertuples(index=False)])
