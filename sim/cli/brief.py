"""``outreach brief``: the policy brief in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.cli.common import ForceOption, Own, app, check_out, err_console, positive, results_kind, seed_in_range

LANG_CHOICES = ("en", "nl")


def _is_brief(folder: Path) -> bool:
    """A brief's folder: its metadata says so, or its page is in and its metadata.json (written
    last) is not yet."""
    return results_kind(folder) == "brief" or ((folder / "brief.html").is_file()
                                               and not (folder / "metadata.json").exists())


@app.command("brief")
def brief_cmd(
    scenarios: Annotated[list[Path] | None, typer.Argument(
        help="Scenario files to compare (default: Roermond's narrow visits, broad visits and network "
             "approach).")] = None,
    posterior: Annotated[Path | None, typer.Option(
        "--posterior", help="posterior.parquet from outreach calibrate (default: the shipped Roermond "
                            "calibration).")] = None,
    no_posterior: Annotated[bool, typer.Option(
        "--no-posterior", help="Ranges from chance only, without calibration uncertainty.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of the brief: en or nl.")] = "en",
    out: Annotated[Path, typer.Option("--out", help="Folder for brief.html, brief.pdf and summary.csv.")] = Path(
        "results/brief"),
    force: ForceOption = False,
    quick: Annotated[bool, typer.Option(
        "--quick", help="The levers on 20 paired runs instead of 100 (about a minute); marked in the brief.")] = False,
    replicates: Annotated[int | None, typer.Option(
        "--replicates", "-r", help="Paired runs per approach (default 100).")] = None,
    seed: Annotated[int | None, typer.Option(help="Base seed for every approach (default: the first "
                                                  "scenario's).")] = None,
) -> None:
    """Write a policy brief: which approach finds the most people for the money, and what to change."""
    from sim.brief import FULL_REPLICATES, QUICK_LEVER_REPLICATES, build, write_brief
    from sim.compare import shipped_posterior
    from sim.errors import InputError

    if lang not in LANG_CHOICES:
        raise InputError("command line", "--lang", f"unknown language {lang!r}", "allowed: en, nl")
    if posterior is not None and no_posterior:
        raise InputError("command line", "--no-posterior", "given with --posterior", "allowed: one of the two")
    n = positive(replicates, "--replicates") if replicates is not None else FULL_REPLICATES
    seed_in_range(seed)
    check_out(out, force, Own(_is_brief, "brief", "a brief's folder to replace it"))
    lever_n = min(n, QUICK_LEVER_REPLICATES) if quick else n
    if posterior is None and not no_posterior:
        posterior = shipped_posterior()
    err_console.print(f"brief: {n} paired runs per approach, {lever_n} per lever", markup=False)
    brief = build(scenarios or [], seed, n, lever_n, posterior)
    # the command as the reader could repeat it; file paths stay in metadata.json
    command = " ".join(["outreach brief", *(["SCENARIO ..."] if scenarios else []),
                        *([f"--posterior {posterior.name}"] if posterior and posterior != shipped_posterior() else []),
                        *(["--no-posterior"] if no_posterior else []), f"--lang {lang}",
                        *([f"--replicates {n}"] if replicates is not None else []),
                        *([f"--seed {seed}"] if seed is not None else []), *(["--quick"] if quick else [])])
    meta = {"scenarios": {k: {"name": sc.name, "source_file": sc._source_path} for k, sc in brief.scenarios.items()},
            "seed": brief.seed, "replicates": n, "lever_replicates": lever_n, "lang": lang, "quick": quick,
            "posterior": str(brief.posterior) if brief.posterior else None}
    html, pdf, problem = write_brief(brief, out, lang, quick, command, FULL_REPLICATES, meta)
    err_console.print(f"wrote {html}", markup=False)
    if pdf is None:
        err_console.print(f"no PDF: {problem}; open brief.html in a browser and print it instead", markup=False)
    else:
        err_console.print(f"wrote {pdf}", markup=False)
