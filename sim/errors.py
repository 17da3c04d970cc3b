"""One kind of error for bad input, with one message format for the whole command line.

`error: FILE: KEY: what is wrong; what is allowed`
"""

from __future__ import annotations


class InputError(Exception):
    """Bad input from a user file or option. The CLI prints it on one line and exits with 2."""

    exit_code = 2

    def __init__(self, file: str | None, key: str | None, problem: str, allowed: str | None = None):
        self.file = file or "<input>"
        self.key = key or "(top level)"
        self.problem = problem
        self.allowed = allowed
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.file}: {self.key}: {self.problem}"
        if self.allowed:
            text += f"; {self.allowed}"
        # Keep it to one line whatever the parts contain.
        return " ".join(text.split())


class OldNamesWarning(UserWarning):
    """A results folder written before some columns were renamed: read with the new names."""


class OverrideWarning(UserWarning):
    """A value the user set is replaced later in the run by a dated policy change or a phase."""


_shown: set[str] = set()


def warning_once(message: object) -> str | None:
    """A warning's line for stderr (``warning: KEY: what happens``), or None when this process
    has shown it already: libraries that reset Python's warning registry would otherwise have
    the same warning printed once for every run of a sweep."""
    text = f"warning: {message}"
    if text in _shown:
        return None
    _shown.add(text)
    return text


def forget_warnings() -> None:
    """A new command starts with no warning shown (commands run in one process in the tests)."""
    _shown.clear()
