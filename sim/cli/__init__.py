"""The ``outreach`` command. Results go to stdout, messages and progress to stderr; bad input
exits with 2 and one line ``error: FILE: KEY: what is wrong; what is allowed``."""

from __future__ import annotations

import sys

import typer

from sim.cli.common import app, err_console
from sim.errors import InputError

# Each module adds its commands to ``app``.
from sim.cli import bench as _bench  # noqa: E402,F401
from sim.cli import run as _run  # noqa: E402,F401


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, prog_name="outreach", standalone_mode=True)
    except InputError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)


__all__ = ["app", "main", "typer"]
