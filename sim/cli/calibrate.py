"""``outreach calibrate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.cli.common import (
    ForceOption,
    Format,
    FormatOption,
    JsonOption,
    Own,
    app,
    check_out,
    chosen_format,
    err_console,
    print_csv,
    print_json,
    print_table,
    progress_bar,
    results_kind,
    seed_in_range,
)


def _is_calibration(folder: Path) -> bool:
    """A calibration's folder: begun (its settings or database) or finished (its metadata)."""
    from sim.calibration.abc import DB, SETTINGS

    return (folder / SETTINGS).exists() or (folder / DB).exists() or results_kind(folder) == "calibration"


@app.command("calibrate")
def calibrate_cmd(
    targets: Annotated[Path, typer.Argument(metavar="TARGETS",
                                            help="Targets file, e.g. calibration/roermond.yaml.")],
    only: Annotated[str | None, typer.Option("--only", metavar="GROUP,...",
                                             help="Fit only these groups, comma-separated "
                                                  "(e.g. narrow,broad).")] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR",
                                      help="Results folder; an interrupted calibration continues from it.")] = Path(
        "results/calibration"),
    force: ForceOption = False,
    quick: Annotated[bool, typer.Option(
        help="Small population and few generations (a few minutes on two workers).")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", metavar="N",
                                                help="Local processes (default 1); the result is the same for any "
                                                     "number.")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS",
                                                  help="Address of a Dask scheduler, e.g. tcp://127.0.0.1:8786; the "
                                                       "result is the same as on one process.")] = None,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Seed of the calibration.")] = 1,
    population: Annotated[int | None, typer.Option("--population", metavar="N",
                                                   help="Particles per generation (default 150, --quick 30).")] = None,
    generations: Annotated[int | None, typer.Option("--generations", metavar="N",
                                                    help="At most this many generations "
                                                         "(default 8, --quick 3).")] = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Fit the behavioural parameters to observed counts with ABC-SMC (pyabc)."""
    from sim.cli.common import need, positive

    need("pyabc", "calibration", "calibrate")
    from sim.calibration.abc import Settings
    from sim.calibration.report import observed_text, value_text
    from sim.calibration.run import run_calibration
    from sim.calibration.targets import load_targets
    from sim.cli.experiments import reported_failures
    from sim.experiments.executors import check_executor_options

    fmt = chosen_format(fmt, as_json)
    seed_in_range(seed)
    check_executor_options(workers, scheduler)
    # its own folder is continued (or refused there if the targets or settings differ)
    check_out(out, force, Own(_is_calibration, "calibration", "a calibration's folder to continue it"))
    workers = 1 if scheduler else positive(workers if workers is not None else 1, "--workers")
    groups = [g.strip() for g in only.split(",") if g.strip()] if only else None
    tg = load_targets(targets, groups)
    settings = Settings.quick(workers, seed) if quick else Settings(workers=workers, seed=seed)
    settings.scheduler = scheduler
    if population is not None:
        settings.population = positive(population, "--population")
    if generations is not None:
        settings.generations = positive(generations, "--generations")
    import logging

    import pyabc  # noqa: F401 - sets up its loggers, which are quieted next

    for name in [n for n in logging.root.manager.loggerDict if n == "ABC" or n.startswith("ABC.")]:
        logging.getLogger(name).setLevel(logging.WARNING)  # the progress bar says what pyabc would log
    pop = settings.population
    with progress_bar(settings.generations * pop, "calibration: particles accepted") as advance:
        seen = {"at": 0}

        def step(t: int, n: int, info: dict) -> None:
            # t generations are complete, plus the particles accepted so far in generation t
            at = min(t * pop + int(info.get("accepted", 0)), n * pop)
            if at > seen["at"]:
                advance(at - seen["at"])
                seen["at"] = at

        with reported_failures(targets):  # e.g. a Dask worker lost; the finished generations are kept
            result = run_calibration(tg, out, settings, progress=step)
    err_console.print(f"wrote {out}/ (posterior.parquet, posterior_medians.yaml, validation.csv, diagnostics.csv, "
                      "report.md, plots)", markup=False)
    validation = result["validation"]
    if fmt is Format.json:
        print_json({"kind": "calibration", "targets": tg.spec.name, "out": str(out), "minutes": result["seconds"] / 60,
                    "validation": validation.to_dict(orient="records"), "ess_failures": result["ess_failures"]})
    elif fmt is Format.csv:
        print_csv(validation)
    else:
        print_table(f"{tg.spec.name}: posterior predictive check ({result['seconds'] / 60:.1f} min)",
                    ["target", "observed", "model median", "model 5-95%", "inside"],
                    [[r.target, observed_text(r), value_text(r.sim_median, r.kind),
                      f"{value_text(r.sim_low, r.kind)}-{value_text(r.sim_high, r.kind)}", "yes" if r.inside else "NO"]
                     for r in validation.itertuples()], [False, True, True, True, True])
    failed = result["ess_failures"]
    if failed:
        # the results are written, but a posterior on too few particles must not pass unnoticed
        err_console.print(f"error: {out}: the effective sample size or the distinct particles fell below "
                          f"{settings.min_ess_share:.0%} of the particles in generation(s) "
                          f"{', '.join(map(str, failed))}; "
                          "see diagnostics.csv and report.md, and run again with more particles (--population)",
                          markup=False, soft_wrap=True)
        raise typer.Exit(1)
