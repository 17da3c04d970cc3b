"""Results folders: the tables a command produced, written atomically, with provenance.

Every file is written through ``sim.atomic`` (a temporary name, then a rename), so an
interrupted write never leaves half a file; ``metadata.json`` is written last and marks a
complete results folder. docs/OUTPUTS.md describes every table and column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sim.atomic import atomic_write_text
from sim.errors import InputError
from sim.provenance import provenance
from sim.runner import Result, runs_table, summarise
from sim.scenario import Scenario, scenario_sha256, scenario_yaml

METADATA = "metadata.json"


def write_csv(path: Path, df: pd.DataFrame) -> None:
    atomic_write_text(path, df.to_csv(index=False, lineterminator="\n"))


def write_json(path: Path, obj) -> None:
    atomic_write_text(path, json.dumps(obj, indent=2, default=str, ensure_ascii=False) + "\n")


def scenario_provenance(scenario: Scenario) -> dict:
    return {
        "name": scenario.name,
        "source_file": scenario._source_path,
        "sha256": scenario_sha256(scenario),
        "content": scenario_yaml(scenario),
    }


def _stack(results: list[Result], attr: str, scenario_label: str | None = None) -> pd.DataFrame:
    frames = []
    for i, r in enumerate(results):
        df = getattr(r, attr).copy()
        df.insert(0, "replicate", i)
        if scenario_label is not None:
            df.insert(0, "scenario", scenario_label)
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def run_tables(results: list[Result], label: str | None = None) -> dict[str, pd.DataFrame]:
    runs = runs_table(results)
    if label is not None:
        runs.insert(0, "scenario", label)
    tables = {
        "runs": runs,
        "timeseries": _stack(results, "timeseries", label),
        "starts": _stack(results, "starts", label),
        "hours": _stack(results, "hours", label),
        "neighbourhoods": _stack(results, "neighbourhoods", label),
    }
    summary = summarise(runs.drop(columns=[c for c in ("scenario",) if c in runs.columns]))
    if label is not None:
        summary.insert(0, "scenario", label)
    tables["summary"] = summary
    return tables


def write_results(out: Path, kind: str, tables: dict[str, pd.DataFrame], meta: dict) -> Path:
    """Write tables as CSV and then the metadata that marks the folder complete."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "--out", "exists and is not a folder", "give a folder path")
    out.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        write_csv(out / f"{name}.csv", df)
    meta = provenance({"kind": kind, "tables": sorted(tables), **meta})
    write_json(out / METADATA, meta)
    return out


def is_results_folder(path: Path) -> bool:
    return (Path(path) / METADATA).is_file()
