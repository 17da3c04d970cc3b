"""Where a result came from: scenario content and hash, seeds, versions, commit, command, time."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import subprocess
import sys
from pathlib import Path

KEY_PACKAGES = ("mesa", "numpy", "pandas", "pyarrow", "pydantic", "scipy", "SALib", "pyabc", "dask")


def package_versions() -> dict[str, str]:
    out = {"outreach-sim": _version("outreach-sim"), "python": platform.python_version()}
    for name in KEY_PACKAGES:
        out[name] = _version(name)
    return out


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def git_commit() -> str:
    """The commit of the source tree this package runs from, or "unknown"."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=here, capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    commit = out.stdout.strip()
    if out.returncode != 0 or not commit:
        return "unknown"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=here, capture_output=True, text=True, check=False
    ).stdout.strip()
    return commit + ("-dirty" if dirty else "")


def provenance(extra: dict | None = None) -> dict:
    info = {
        "created_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command_line": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "",
        "git_commit": git_commit(),
        "versions": package_versions(),
        "platform": platform.platform(),
    }
    if extra:
        info.update(extra)
    return info
