"""Shared pieces of the command line: the app, consoles, progress bars, option parsing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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

from sim.errors import InputError
from sim.scenario import parse_override

app = typer.Typer(
    name="outreach",
    help="outreach-sim: simulate how a municipality reaches residents who would benefit from learning Dutch.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out_console = Console(soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        from sim import __version__

        print(f"outreach-sim {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """outreach-sim: simulate how a municipality reaches residents who would benefit from learning Dutch."""
err_console = Console(stderr=True, soft_wrap=True)


def parse_sets(sets: list[str] | None) -> dict:
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


def positive(value: int, option: str) -> int:
    if value < 1:
        raise InputError("command line", option, f"value {value} is too small", "allowed: a whole number >= 1")
    return value
