"""``outreach run``, ``outreach compare`` and ``outreach validate``."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer

from sim.cli.common import (
    ForceOption,
    Format,
    FormatOption,
    JsonOption,
    OutOption,
    app,
    check_out,
    chosen_format,
    err_console,
    parse_sets,
    positive,
    print_csv,
    print_json,
    print_table,
    progress_bar,
    seed_in_range,
)
from sim.errors import InputError

# The model, pandas and the labels are imported by the commands that use them, so that --help
# and shell completion answer at once.

SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", metavar="KEY=VALUE",
                 help="Override a scenario value by its dotted key, e.g. --set policy.fee_eur=0. Repeatable."),
]
SeedOption = Annotated[int | None, typer.Option("--seed", metavar="N",
                                                help="Base seed (default: the scenario's seed).")]
ReplicatesOption = Annotated[int, typer.Option("--replicates", "-r", metavar="N", help="Independent replicates.")]


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
    typer.Option("--posterior", metavar="FILE",
                 help="posterior.parquet from outreach calibrate: each replicate draws a particle."),
]


def _posterior_meta(posterior: Path | None) -> dict:
    if posterior is None:
        return {}
    import hashlib

    path = posterior / "posterior.parquet" if posterior.is_dir() else posterior
    return {"posterior": {"file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}}


def _records(summary) -> list[dict]:
    from sim.labels import label

    return [{"outcome": r.outcome, "label": label(r.outcome), "median": r.median, "low": r.low, "high": r.high,
             "mean": r.mean} for r in summary.itertuples()]


@app.command("run")
def run_cmd(
    scenario: Annotated[Path, typer.Argument(metavar="SCENARIO", help="Scenario YAML file.")],
    seed: SeedOption = None,
    replicates: ReplicatesOption = 10,
    out: OutOption = None,
    force: ForceOption = False,
    set_: SetOption = None,
    posterior: PosteriorOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Run a scenario: medians with 90% intervals over replicates; tables in --out.

    As JSON or CSV, the summary holds every outcome; the table shows the main ones."""
    from sim.labels import label
    from sim.results import run_tables, scenario_provenance, write_results
    from sim.runner import headline_columns, run_replicates, summarise
    from sim.scenario import load_scenario

    positive(replicates, "--replicates")
    seed_in_range(seed)
    check_out(out, force)
    fmt = chosen_format(fmt, as_json)
    sc = load_scenario(scenario, parse_sets(set_))
    base = sc.seed if seed is None else seed
    # with a posterior, replicate i runs with particle draw i: the interval carries parameter
    # uncertainty as well as chance
    with progress_bar(replicates, f"{sc.name}: replicates") as advance:
        results = run_replicates(sc, replicates, base, advance, posterior=posterior)
    tables = run_tables(results)
    runs = tables["runs"]
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
    if fmt is Format.json:
        print_json({"kind": "run", "scenario": {"name": sc.name, "file": str(scenario),
                                                "sha256": scenario_provenance(sc)["sha256"]},
                    "seed": base, "replicates": replicates, "replicate_seeds": [r.seed for r in results],
                    "summary": _records(tables["summary"]), "out": str(out) if out is not None else None})
        return
    if fmt is Format.csv:
        print_csv(tables["summary"])
        return
    strategies = list(dict.fromkeys(s.type for s in sc.strategies))
    summary = summarise(runs, headline_columns(runs, strategies if len(strategies) > 1 else []))
    # a per-strategy outcome that is zero in every replicate does not apply to it: leave it out
    summary = summary[[not ("." in o and (runs[o] == 0).all()) for o in summary["outcome"]]]
    print_table(f"{sc.name}: {replicates} replicates, seed {base} (median and 90% interval)",
                ["outcome", "median", "90% interval"],
                [[label(r.outcome), _fmt(r.median), f"{_fmt(r.low)} - {_fmt(r.high)}"] for r in summary.itertuples()])


COMPARED = ["starts", "success_rate", "conversations", "names_received", "coach_hours", "cost_eur", "cost_per_start",
            "ladder_score_mean"]


@app.command("compare")
def compare_cmd(
    scenarios: Annotated[list[Path], typer.Argument(metavar="SCENARIO...", help="Two or more scenario files.")],
    replicates: ReplicatesOption = 10,
    seed: Annotated[int | None, typer.Option(
        "--seed", metavar="N", help="Base seed for every scenario (default: the first scenario's).")] = None,
    out: OutOption = None,
    force: ForceOption = False,
    set_: SetOption = None,
    posterior: PosteriorOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Compare scenarios side by side: starts, success rate, hours and cost per start.

    Every scenario runs with the same replicate seeds (and posterior draws), so the runs are
    paired."""
    from sim.compare import by_file_name, compare
    from sim.labels import label
    from sim.results import scenario_provenance, write_results

    if len(scenarios) < 2:  # side by side needs two; one alone is what run is for (none: click says so)
        raise InputError("command line", "SCENARIO...", "one scenario file given",
                         "allowed: two or more (outreach run runs one)")
    positive(replicates, "--replicates")
    seed_in_range(seed)
    fmt = chosen_format(fmt, as_json)
    check_out(out, force)
    overrides = parse_sets(set_)
    loaded = by_file_name(scenarios, overrides)
    base = next(iter(loaded.values())).seed if seed is None else seed
    with progress_bar(replicates * len(loaded), "replicates") as advance:
        comparison = compare(loaded, replicates, base, posterior, advance)
    merged = comparison.tables()
    summary = comparison.summary(COMPARED)
    columns = {name: summary[summary["scenario"] == name].drop(columns="scenario").set_index("outcome")
               for name in loaded}
    metas: list[dict[str, Any]] = [{"label": name, "scenario": scenario_provenance(sc), "seed": base,
                                    "replicate_seeds": [r.seed for r in comparison.results[name]]}
                                   for name, sc in loaded.items()]
    if out is not None:
        write_results(out, "compare", merged, {"scenarios": metas, "replicates": replicates, "overrides": overrides,
                                               **_posterior_meta(posterior)})
        err_console.print(f"wrote {out}/", markup=False)
    if fmt is Format.json:
        print_json({"kind": "compare", "replicates": replicates, "out": str(out) if out is not None else None,
                    "scenarios": [{"label": m["label"], "name": m["scenario"]["name"],
                                   "sha256": m["scenario"]["sha256"],
                                   "seed": m["seed"], "replicate_seeds": m["replicate_seeds"],
                                   "summary": _records(columns[m["label"]].reset_index())} for m in metas]})
        return
    if fmt is Format.csv:
        print_csv(merged["summary"])
        return
    rows = []
    for c in COMPARED:
        cells = []
        for s in columns.values():
            if c in s.index:
                r = s.loc[c]
                cells.append(f"{_fmt(r['median'])} [{_fmt(r['low'])}-{_fmt(r['high'])}]")
            else:
                cells.append("-")
        rows.append([label(c), *cells])
    print_table(f"Comparison, {replicates} replicates each (median [90% interval])", ["outcome", *columns], rows)


@app.command("validate")
def validate_cmd(
    scenarios: Annotated[list[Path], typer.Argument(metavar="SCENARIO...", help="Scenario files to check.")],
    set_: SetOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
) -> None:
    """Check scenario files without running them."""
    from sim.scenario import load_scenario

    fmt = chosen_format(fmt, as_json)
    overrides = parse_sets(set_)
    checked = []
    for p in scenarios:
        sc = load_scenario(p, overrides)
        checked.append({"file": str(p), "ok": True, "name": sc.name, "strategies": len(sc.strategies),
                        "start": sc.start.isoformat(), "end": sc.end.isoformat()})
    if fmt is Format.json:
        print_json(checked)
    elif fmt is Format.csv:
        import pandas as pd

        print_csv(pd.DataFrame(checked))
    else:
        for c in checked:
            print(f"ok: {c['file']}: {c['name']} ({c['strategies']} strategies, {c['start']} to {c['end']})")
