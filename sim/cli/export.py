"""``outreach export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sim.cli.common import app, err_console, out_console


@app.command("export")
def export_cmd(
    results_dir: Annotated[Path, typer.Argument(help="A results folder (from run, compare, sweep, sensitivity or calibrate).")],
    format: Annotated[str, typer.Option("--format", "-f", help="csv, parquet, xlsx or json.")] = "xlsx",  # noqa: A002
    to: Annotated[Path | None, typer.Option(help="Where to write (default RESULTS_DIR/exports/...).")] = None,
    lang: Annotated[str, typer.Option(help="Labels in English (en) or Dutch (nl).")] = "en",
    force: Annotated[bool, typer.Option(help="Replace an existing export.")] = False,
) -> None:
    """Export every table of a results folder, with labels, column explanations and provenance."""
    from sim.export import export

    path = export(results_dir, format, to, lang, force)
    out_console.print(str(path), markup=False, highlight=False)
    err_console.print(f"exported {results_dir} as {format} ({lang})", markup=False)
