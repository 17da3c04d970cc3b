"""``outreach export``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sim.cli.common import app, check_path, err_console, out_console


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"
    json = "json"


class Lang(StrEnum):
    en = "en"
    nl = "nl"


class Labels(StrEnum):
    labelled = "labelled"
    raw = "raw"


@app.command("export")
def export_cmd(
    results_dir: Annotated[Path, typer.Argument(metavar="RESULTS_DIR",
                                                help="A results folder (from run, compare, sweep, sensitivity or "
                                                     "calibrate).")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False,
                                                 help="File format; Excel keeps seeds as text and dates as dates.")]
    = ExportFormat.xlsx,
    to: Annotated[Path | None, typer.Option(
        "--to", metavar="PATH", help="Where to write (default RESULTS_DIR/exports/...).")]
    = None,
    lang: Annotated[Lang, typer.Option("--lang", case_sensitive=False,
                                       help="Language of sheet names, headers, units and category names; Dutch CSV "
                                            "uses ; and a decimal comma.")] = Lang.en,
    labels: Annotated[Labels, typer.Option("--labels", case_sensitive=False,
                                           help="labelled: names in the chosen language; raw: the code names of the "
                                                "results folder (for scripts, e.g. Parquet).")] = Labels.labelled,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing export.")] = False,
) -> None:
    """Export every table of a results folder, with labels, column explanations and provenance."""
    from sim.export import export

    check_path(to, "--to")
    path = export(results_dir, format.value, to, lang.value, force, labels.value)
    out_console.print(str(path), markup=False, highlight=False)
    err_console.print(f"exported {results_dir} as {format.value} ({lang.value}, {labels.value})", markup=False)
