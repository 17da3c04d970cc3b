from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"

# Malformed files the property tests generated, by kind; the count is printed after the run.
CASES: collections.Counter = collections.Counter()


def pytest_terminal_summary(terminalreporter):
    if CASES:
        terminalreporter.write_sep("-", f"malformed input files tried: {sum(CASES.values())}")
        for kind, n in sorted(CASES.items()):
            terminalreporter.write_line(f"{n:6d}  {kind}")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def scenarios_dir() -> Path:
    return SCENARIOS


def outreach(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300):
    """Run the outreach command as a user would, via ``python -m sim``."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "sim", *map(str, args)],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def key_paths(node, prefix=()):
    """Every key path of a nested YAML structure (for mutating files in property tests)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += key_paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += key_paths(v, prefix + (i,))
    return out
