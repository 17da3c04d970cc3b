"""The ``outreach`` command. Results go to stdout, messages and progress to stderr; bad input
exits with 2 and one line ``error: FILE: KEY: what is wrong; what is allowed``."""

from __future__ import annotations

import signal
import sys
import warnings

import typer

try:  # recent typer ships its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]  # the same module, older home

# Each module adds its commands to ``app``.
from sim.cli import bench as _bench  # noqa: F401
from sim.cli import brief as _brief  # noqa: F401
from sim.cli import calibrate as _calibrate  # noqa: F401
from sim.cli import data as _data  # noqa: F401
from sim.cli import experiments as _experiments  # noqa: F401
from sim.cli import export as _export  # noqa: F401
from sim.cli import run as _run  # noqa: F401
from sim.cli import trainer as _trainer  # noqa: F401
from sim.cli.common import app, err_console
from sim.errors import InputError, forget_warnings, warning_once


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that finished results are flushed on the way out."""


_terminated: list[int] = []


def _terminate(signum, frame):
    _terminated.append(signum)
    raise Terminated


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings for the user on one line of stderr: ``warning: KEY: what happens``."""
    line = warning_once(message)
    if line is not None:
        err_console.print(line, markup=False, highlight=False, soft_wrap=True)


def main(argv: list[str] | None = None) -> None:
    signal.signal(signal.SIGTERM, _terminate)
    warnings.showwarning = _show_warning
    forget_warnings()
    try:
        code = app(args=argv, prog_name="outreach", standalone_mode=False)
        # typer turns Ctrl-C (and our SIGTERM) into the exit code 130 and returns it
        if code == 130:
            raise Terminated if _terminated else KeyboardInterrupt
        if isinstance(code, int) and code:
            sys.exit(code)
    except click_exceptions.NoArgsIsHelpError:
        sys.exit(2)  # the help text was printed
    except click_exceptions.UsageError as exc:
        # the same form as every other error: error: WHERE: KEY: what is wrong; what is allowed
        command = exc.ctx.command_path if exc.ctx else "outreach"
        key = _param_hint(exc) or "COMMAND"
        text = " ".join(exc.format_message().split()).rstrip(".")
        err_console.print(
            f"error: command line: {key}: {text}; see '{command} --help'", markup=False, highlight=False, soft_wrap=True
        )
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
    except InputError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except Terminated:
        err_console.print("terminated; run the same command again to continue", markup=False)
        sys.exit(143)
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)


def _param_hint(exc) -> str | None:
    param = getattr(exc, "param", None)
    if param is not None:
        opts = getattr(param, "opts", None) or [param.name]
        return opts[0]
    hint = getattr(exc, "param_hint", None) or getattr(exc, "option_name", None)
    if isinstance(hint, (list, tuple)):
        hint = hint[0] if hint else None
    return str(hint).strip("'\"") if hint else None


__all__ = ["app", "main", "typer"]
