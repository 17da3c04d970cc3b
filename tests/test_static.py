"""The static checks, as configured in pyproject.toml: ruff over the package and the tests, mypy
over the package. Any finding fails the test with the tool's own report."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _tool(*args: str) -> subprocess.CompletedProcess:
    # the interpreter of the tests, so that mypy sees the installed packages and the pydantic plugin
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_reports_nothing():
    proc = _tool("ruff", "check", "sim", "tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_reports_nothing():
    proc = _tool("mypy")  # the files and settings of [tool.mypy]
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("package", ["sim", "sim.config", "sim.agents"])
def test_names_exported_on_first_use_are_declared_for_the_type_checker(package):
    """``__getattr__`` imports a name from ``_WHERE[name]``; mypy reads the imports under
    ``TYPE_CHECKING`` and the literal ``__all__``. The three must list the same names."""
    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    declared = {
        alias.asname or alias.name: imp.module
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for imp in node.body
        if isinstance(imp, ast.ImportFrom)
        for alias in imp.names
    }
    assert declared == module._WHERE
    assert set(module.__all__) - {"__version__"} == set(module._WHERE)
