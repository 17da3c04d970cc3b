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

# Property tests draw their full number of examples in CI (or with OUTREACH_FULL=1) and a
# tenth of it in the everyday run.
FULL = bool(os.environ.get("CI") or os.environ.get("OUTREACH_FULL"))


def examples(n: int) -> int:
    return n if FULL else max(10, n // 10)


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
    """Run the outreach command as a user would, in this process: ``main(argv)`` with stdout and
    stderr captured, the exit code taken from ``SystemExit``. Much faster than a new Python for
    each call; ``outreach_subprocess`` runs it as a real command where that matters."""
    import contextlib
    import io
    import signal
    import warnings

    from sim.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    old_cwd, old_env = os.getcwd(), dict(os.environ)
    old_sigterm, old_showwarning = signal.getsignal(signal.SIGTERM), warnings.showwarning
    try:
        os.chdir(cwd or ROOT)
        os.environ.update(env or {})
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
            warnings.simplefilter("default")  # each call shows its warnings, as a new process would
            try:
                main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    err.write(exc.code + "\n")
    finally:
        os.chdir(old_cwd)
        os.environ.clear()
        os.environ.update(old_env)
        signal.signal(signal.SIGTERM, old_sigterm)
        warnings.showwarning = old_showwarning
    return subprocess.CompletedProcess(["outreach", *map(str, args)], code, out.getvalue(), err.getvalue())


def outreach_subprocess(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300):
    """Run ``python -m sim`` in a new process, for what only a real process shows (start-up,
    signals, exit codes of the interpreter)."""
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
            out += key_paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += key_paths(v, (*prefix, i))
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
