"""Shared pieces of the command line: the app, consoles, progress bars, option parsing, and
the output of results as a table, JSON or CSV."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from typer.core import TyperGroup

from sim.atomic import is_leftover
from sim.errors import InputError


def _conventional(command) -> None:
    """Arguments shown as SCENARIO, [NAME] or FILE... in usage lines and help, without type tags."""
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") != "argument":
            continue
        name = param.metavar or param.name.upper()
        if param.nargs != 1 and not name.endswith("..."):
            name += "..."
        param._usage_display_name = (lambda name=name, required=param.required: name if required else f"[{name}]")
        param.display_type_rich = lambda ctx: None


class _Group(TyperGroup):
    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is not None:
            _conventional(command)
        return command


app = typer.Typer(
    name="outreach",
    cls=_Group,
    help="outreach-sim: simulate how a municipality reaches residents who would benefit from learning Dutch.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
# Piped or redirected output is never cut to a terminal's width.
out_console = Console(soft_wrap=True) if sys.stdout.isatty() else Console(soft_wrap=True, width=100_000)


def _version(value: bool) -> None:
    if value:
        from sim import __version__

        print(f"outreach-sim {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """outreach-sim: simulate how a municipality reaches residents who would benefit from learning Dutch."""
err_console = Console(stderr=True, soft_wrap=True)


def parse_sets(sets: list[str] | None) -> dict:
    from sim.scenario import parse_override

    overrides = {}
    for text in sets or []:
        key, value = parse_override(text)
        overrides[key] = value
    return overrides


@contextlib.contextmanager
def progress_bar(total: int, description: str) -> Iterator:
    """A progress bar on stderr with rate and time left; silent when stderr is not a terminal."""
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(show_speed=True),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    with progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)


def need(module: str, extra: str, command: str) -> None:
    """An optional part of the install: a clear one-line error when it is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise InputError("command line", command, f"needs the '{extra}' extra ({module} is not installed)",
                         f"pip install 'outreach-sim[{extra}]'")


def seed_in_range(value: int | None, option: str = "--seed") -> int | None:
    """A seed from the command line: the range a scenario's own seed has (None: the scenario's)."""
    from sim.config.quantities import SEED_MAX

    if value is not None and not 0 <= value <= SEED_MAX:
        raise InputError("command line", option, f"value {value} is out of range",
                         f"allowed: a whole number from 0 to {SEED_MAX}")
    return value


def positive(value: int, option: str) -> int:
    if value < 1:
        raise InputError("command line", option, f"value {value} is too small", "allowed: a whole number >= 1")
    return value


class Format(StrEnum):
    """How a command prints its results on stdout."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="How to print the results on stdout.",
                                              case_sensitive=False)]
JsonOption = Annotated[bool, typer.Option(
    "--json", help="Print the results as JSON on stdout (same as --format json).")]
OutOption = Annotated[Path | None, typer.Option("--out", metavar="DIR", help="Results folder to write.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Write into a folder that already holds files.")]


def chosen_format(fmt: Format, as_json: bool) -> Format:
    if as_json and fmt not in (Format.table, Format.json):
        raise InputError("command line", "--json", f"given together with --format {fmt.value}", "one of the two")
    return Format.json if as_json else fmt


def check_path(path: Path | None, option: str) -> None:
    """A path to write must not lead through a file: said before anything runs, not by the
    file system once the results are ready."""
    if path is None:
        return
    for parent in Path(path).parents:  # nearest first
        if parent.is_dir():
            return
        if parent.exists():
            raise InputError(str(path), option, f"{parent} is a file, not a folder", "give a path inside a folder")


class Own(NamedTuple):
    """A command's own results folder, which it writes again without --force (a calibration
    continues in it, a brief is replaced): ``holds(folder)`` says whether a folder is one,
    ``name`` what it holds and ``again`` what giving it does."""

    holds: Callable[[Path], bool]
    name: str
    again: str


def results_kind(folder: Path) -> str | None:
    """The kind of results a folder's metadata.json names, if it has one."""
    try:
        kind = json.loads((folder / "metadata.json").read_text(encoding="utf-8")).get("kind")
    except (OSError, ValueError, AttributeError):
        return None
    return kind if isinstance(kind, str) else None


def check_out(out: Path | None, force: bool, own: Own | None = None) -> None:
    """A results folder is written only where it replaces nothing, unless --force says so or
    it is the command's ``own``."""
    if out is None:
        return
    check_path(out, "--out")
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(str(out), "--out", "exists and is not a folder", "give a folder path")
    # what an interrupted write left replaces nothing
    if force or all(is_leftover(p) for p in out.iterdir()):
        return
    if own is None:
        raise InputError(str(out), "--out", "is not empty", "give a new or empty folder, or --force to write into it")
    if not own.holds(out):
        raise InputError(str(out), "--out", f"is not empty and holds no {own.name}",
                         f"give a new or empty folder, {own.again}, or --force to write into it")


def print_json(obj: Any) -> None:
    from sim.export import plain_json  # the exports' JSON: NaN as null, NumPy values as Python ones

    sys.stdout.write(json.dumps(plain_json(obj), ensure_ascii=False, default=str, allow_nan=False) + "\n")
    sys.stdout.flush()


def print_csv(frame) -> None:
    sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    sys.stdout.flush()


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
                right: Sequence[bool] | None = None) -> None:
    """A table on stdout: drawn with rich on a terminal, plain aligned text when piped, never cut."""
    right = list(right) if right is not None else [i > 0 for i in range(len(headers))]
    if out_console.is_terminal:
        from rich.table import Table

        table = Table(title=title)
        for h, r in zip(headers, right, strict=True):
            table.add_column(h, justify="right" if r else "left", overflow="fold")
        for row in rows:
            table.add_row(*row)
        out_console.print(table)
        return
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)).rstrip()

    out = [title, line(headers), line(["-" * w for w in widths]), *(line(row) for row in rows)]
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()
