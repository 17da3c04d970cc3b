"""``outreach run``, ``outreach compare`` and ``outreach validate``."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from sim.cli.common import app, err_console, out_console, parse_sets, positive, progress_bar
from sim.results import run_tables, scenario_provenance, write_results
from sim.runner import headline_columns, replicate_seeds, run, summarise
from sim.scenario import load_scenario

SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override a scenario value by its dotted key, e.g. --set policy.fee_eur=0. Repeatable."),
]


def _fmt(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) < 1 and x != 0:
        return f"{x:.3f}"
    return f"{x:.1f}" if x != int(x) else f"{int(x)}"


PosteriorOption = Annotated[
    Path | None,
    typer.Option("--posterior", help="posterior.parquet from outreach calibrate: each replicate draws a particle."),
]


def _run_batch(scenario, seed: int, replicates: int, label: str, posterior: Path | None = None):
    """Replicates of a scenario; with a posterior, replicate i runs with particle draw i, so the
    interval carries parameter uncertainty as well as chance."""
    scenario_for = None
    if posterior is not None:
        from sim.calibration import particle_sampler, read_posterior

        scenario_for = particle_sampler(scenario, read_posterior(posterior), seed, str(posterior))
    seeds = replicate_seeds(seed, replicates)
    results = []
    with progress_bar(replicates, f"{label}: replicates") as advance:
        for i, s in enumerate(seeds):
            results.append(run(scenario_for(i) if scenario_for else scenario, s))
            advance()
    return results


def _posterior_meta(posterior: Path | None) -> dict:
    if posterior is None:
        return {}
    import hashlib

    path = posterior / "posterior.parquet" if posterior.is_dir() else posterior
    return {"posterior": {"file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}}


@app.command("run")
def run_cmd(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file.")],
    seed: Annotated[int | None, typer.Option(help="Base seed (default: the scenario's seed).")] = None,
    replicates: Annotated[int, typer.Option("--replicates", "-r", help="Independent replicates.")] = 10,
    out: Annotated[Path | None, typer.Option(help="Results folder to write.")] = None,
    set_: SetOption = None,
    posterior: PosteriorOption = None,
) -> None:
    """Run a scenario: medians with 90% intervals over replicates; tables in --out."""
    positive(replicates, "--replicates")
    sc = load_scenario(scenario, parse_sets(set_))
    base = sc.seed if seed is None else seed
    results = _run_batch(sc, base, replicates, sc.name, posterior)
    tables = run_tables(results)
    runs = tables["runs"]
    strategies = list(dict.fromkeys(s.type for s in sc.strategies))
    summary = summarise(runs, headline_columns(runs, strategies if len(strategies) > 1 else []))
    # a per-strategy outcome that is zero in every replicate does not apply to it: leave it out
    summary = summary[[not ("." in o and (runs[o] == 0).all()) for o in summary["outcome"]]]
    table = Table(title=f"{sc.name}: {replicates} replicates, seed {base} (median and 90% interval)")
    table.add_column("outcome")
    table.add_column("median", justify="right")
    table.add_column("90% interval", justify="right")
    for row in summary.itertuples():
        table.add_row(row.outcome, _fmt(row.median), f"{_fmt(row.low)} - {_fmt(row.high)}")
    out_console.print(table)
    if out is not None:
        meta = {
            "scenario": scenario_provenance(sc),
            "seed": base,
            "replicates": replicates,
            "replicate_seeds": [r.seed for r in results],
            "overrides": parse_sets(set_),
            **_posterior_meta(posterior),
        }
        write_results(out, "run", tables, meta)
        err_console.print(f"wrote {out}/", markup=False)


@app.command("compare")
def compare_cmd(
    scenarios: Annotated[list[Path], typer.Argument(help="Two or more scenario files.")],
    replicates: Annotated[int, typer.Option("--replicates", "-r")] = 10,
    seed: Annotated[int | None, typer.Option(help="Base seed for every scenario (default: each scenario's own).")] = None,
    out: Annotated[Path | None, typer.Option(help="Results folder to write.")] = None,
    set_: SetOption = None,
    posterior: PosteriorOption = None,
) -> None:
    """Compare scenarios side by side: starts, success rate, hours and cost per start."""
    positive(replicates, "--replicates")
    overrides = parse_sets(set_)
    loaded = [load_scenario(p, overrides) for p in scenarios]
    cols = ["starts", "success_rate", "conversations", "names_referred", "coach_hours", "cost_eur", "cost_per_start",
            "ladder_score_mean"]
    all_tables: dict[str, list[pd.DataFrame]] = {}
    columns = {}
    metas = []
    for path, sc in zip(scenarios, loaded):
        base = sc.seed if seed is None else seed
        results = _run_batch(sc, base, replicates, sc.name, posterior)
        label = path.stem
        tables = run_tables(results, label)
        for k, v in tables.items():
            all_tables.setdefault(k, []).append(v)
        runs = tables["runs"]
        s = summarise(runs, [c for c in cols if c in runs.columns]).set_index("outcome")
        columns[label] = s
        metas.append({"label": label, "scenario": scenario_provenance(sc), "seed": base,
                      "replicate_seeds": [r.seed for r in results]})
    table = Table(title=f"Comparison, {replicates} replicates each (median [90% interval])")
    table.add_column("outcome")
    for label in columns:
        table.add_column(label, justify="right")
    for c in cols:
        cells = []
        for label, s in columns.items():
            if c in s.index:
                r = s.loc[c]
                cells.append(f"{_fmt(r['median'])} [{_fmt(r['low'])}-{_fmt(r['high'])}]")
            else:
                cells.append("-")
        table.add_row(c, *cells)
    out_console.print(table)
    if out is not None:
        merged = {k: pd.concat(v, ignore_index=True) for k, v in all_tables.items()}
        write_results(out, "compare", merged, {"scenarios": metas, "replicates": replicates, "overrides": overrides,
                                               **_posterior_meta(posterior)})
        err_console.print(f"wrote {out}/", markup=False)


@app.command("validate")
def validate_cmd(
    scenarios: Annotated[list[Path], typer.Argument(help="Scenario files to check.")],
    set_: SetOption = None,
) -> None:
    """Check scenario files without running them."""
    overrides = parse_sets(set_)
    for p in scenarios:
        sc = load_scenario(p, overrides)
        out_console.print(f"ok: {p}: {sc.name} ({len(sc.strategies)} strategies, {sc.start} to {sc.end})", markup=False)
