from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
SMOKE = ROOT / "experiments" / "smoke.yaml"

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


def write_experiment(tmp_path: Path, **changes) -> Path:
    """The smoke experiment on the narrow-visits scenario, with top-level keys changed (None
    removes one), written to ``tmp_path/exp.yaml``."""
    data = yaml.safe_load(SMOKE.read_text())
    data["scenario"] = str(SCENARIOS / "roermond_narrow_2009.yaml")
    for k, v in changes.items():
        if v is None:
            data.pop(k, None)
        else:
            data[k] = v
    path = tmp_path / "exp.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path
