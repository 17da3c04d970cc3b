"""Sweeps: a design of parameter values, replicates of each, results streamed to Parquet.

Results go to ``DIR/runs/`` as part files, each written to a temporary name and renamed when
complete, so a sweep killed at any moment (even ``kill -9``) leaves only whole part files.
Running the same command again reads the run ids already there and runs only the rest: no
run is lost or done twice. Memory stays flat: only a few chunks are in flight, and rows are
flushed to disk as they arrive.
"""

from __future__ import annotations

import itertools
import json
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from sim.errors import InputError
from sim.experiments.executors import chunks, make_executor, run_chunk
from sim.experiments.spec import LoadedExperiment
from sim.provenance import provenance
from sim.results import write_json
from sim.runner import derive_seed

RUNS = "runs"


def design_points(exp: LoadedExperiment) -> list[dict]:
    """The parameter values of each design point (before replicates)."""
    spec = exp.spec
    names = exp.names
    if spec.design == "grid":
        axes = []
        for name in names:
            p = spec.parameters[name]
            if p.kind == "range":
                steps = p.steps or 3
                xs = np.linspace(p.low, p.high, steps).tolist()
                axes.append([int(round(x)) for x in xs] if p.integer else xs)
            else:
                axes.append(list(p.values if p.values is not None else p.levels))
        return [dict(zip(names, combo)) for combo in itertools.product(*axes)]
    # sampled: a Latin hypercube on [0, 1]^d, mapped to each parameter's values
    from scipy.stats import qmc

    unit = qmc.LatinHypercube(d=len(names), seed=np.random.default_rng(spec.seed)).random(spec.samples)
    return [{n: spec.parameters[n].from_unit(float(u)) for n, u in zip(names, row)} for row in unit]


def run_plan(exp: LoadedExperiment, points: list[dict]) -> list[tuple[int, int, int, dict]]:
    """(run_id, point, replicate, values) for every run, in a fixed order."""
    plan = []
    run_id = 0
    for point, values in enumerate(points):
        for rep in range(exp.spec.replicates):
            plan.append((run_id, point, rep, values))
            run_id += 1
    return plan


def done_run_ids(runs_dir: Path) -> set[int]:
    """Run ids already written; half-written temporary files are removed."""
    done: set[int] = set()
    if not runs_dir.is_dir():
        return done
    for f in runs_dir.iterdir():
        if f.name.startswith(".") and f.name.endswith(".tmp"):
            f.unlink(missing_ok=True)
        elif f.suffix == ".parquet":
            done.update(pq.read_table(f, columns=["run_id"]).column("run_id").to_pylist())
    return done


class PartWriter:
    """Buffers finished rows and writes them as atomic Parquet part files."""

    def __init__(self, runs_dir: Path, schema_meta: dict, flush_rows: int = 256, flush_seconds: float = 2.0):
        self.dir = runs_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.meta = {k: json.dumps(v, default=str) for k, v in schema_meta.items()}
        self.rows: list[dict] = []
        self.flush_rows = flush_rows
        self.flush_seconds = flush_seconds
        self.last = time.monotonic()

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.flush_rows or time.monotonic() - self.last > self.flush_seconds:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        df = pd.DataFrame(self.rows).sort_values("run_id")
        table = pa.Table.from_pandas(df, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **{k.encode(): v.encode() for k, v in self.meta.items()}})
        first = int(df["run_id"].iloc[0])
        name = f"part-{first:09d}-{uuid.uuid4().hex[:8]}.parquet"
        tmp = self.dir / f".{name}.tmp"
        pq.write_table(table, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.dir / name)
        self.rows = []
        self.last = time.monotonic()


def flatten(row: dict, names: list[str], values: dict, point: int, replicate: int) -> dict:
    out = {"run_id": row["run_id"], "point": point, "replicate": replicate, "seed": row["seed"]}
    for n in names:
        v = values[n]
        out[n] = json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v
    out.update(row["outcomes"])
    return out


def run_sweep(
    exp: LoadedExperiment,
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    points: list[dict] | None = None,
    kind: str = "sweep",
    progress: Callable[[int, int], None] | None = None,
    extra_meta: dict | None = None,
    common_seeds: bool = False,
) -> pd.DataFrame:
    """Run (or finish) the sweep into ``out``; returns all its rows, sorted by run id.

    A run's seed derives from the experiment seed and its run id; with ``common_seeds``
    (sensitivity analysis) from the seed and its replicate number, the same at every point."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "--out", "exists and is not a folder", "give a folder path")
    points = design_points(exp) if points is None else points
    plan = run_plan(exp, points)
    runs_dir = out / RUNS
    meta_path = out / "metadata.json"
    if meta_path.exists():
        old = json.loads(meta_path.read_text())
        if (
            old.get("experiment", {}).get("sha256") not in (None, exp.sha256)
            or old.get("runs_planned") not in (None, len(plan))
            or old.get("kind") != kind
        ):
            raise InputError(str(out), "--out", "holds the results of another experiment",
                             "an empty folder, or the folder of this same experiment to continue it")
    meta = provenance({
        "kind": kind,
        "experiment": {"name": exp.spec.name, "source_file": str(exp.path), "sha256": exp.sha256, "content": exp.text},
        "scenario": {"source_file": str(exp.base._source_path), "name": exp.base.name},
        "seed": exp.spec.seed,
        "runs_planned": len(plan),
        "parameters": exp.names,
        "outcomes": exp.spec.outcomes,
        "tables": [RUNS],
        "complete": False,
        **(extra_meta or {}),
    })
    done = done_run_ids(runs_dir)
    write_json(meta_path, meta)
    todo = [p for p in plan if p[0] not in done]
    names = exp.names
    by_id = {p[0]: p for p in plan}
    tasks = chunks(
        [(rid, derive_seed(exp.spec.seed, rep if common_seeds else rid), values) for rid, _, rep, values in todo],
        exp.spec.chunk,
    )
    fixed_yaml = yaml.safe_dump(exp.spec.fixed)
    scenario_path = str(Path(exp.base._source_path).resolve())
    fn = _Chunk(scenario_path, fixed_yaml, tuple(exp.spec.outcomes))
    writer = PartWriter(runs_dir, {"experiment_sha256": exp.sha256, "seed": exp.spec.seed})
    finished = len(plan) - len(todo)
    if progress:
        progress(finished, len(plan))
    if tasks:
        executor = make_executor(workers, scheduler)
        try:
            for rows in executor.map_unordered(fn, tasks):
                writer.add([flatten(r, names, by_id[r["run_id"]][3], by_id[r["run_id"]][1], by_id[r["run_id"]][2])
                            for r in rows])
                finished += len(rows)
                if progress:
                    progress(finished, len(plan))
            writer.flush()
        finally:
            writer.flush()
            executor.close()
    meta["complete"] = True
    meta["runs_done"] = len(plan)
    write_json(meta_path, meta)
    return read_runs(out)


class _Chunk:
    """A picklable callable: the scenario travels as a path and the overrides as YAML."""

    def __init__(self, scenario_path: str, fixed_yaml: str, outcomes: tuple[str, ...]):
        self.args = (scenario_path, fixed_yaml, outcomes)

    def __call__(self, task):
        return run_chunk(*self.args, task)


def read_runs(out: Path) -> pd.DataFrame:
    runs_dir = Path(out) / RUNS
    files = sorted(f for f in runs_dir.glob("*.parquet"))
    if not files:
        return pd.DataFrame()
    df = pd.concat([pq.read_table(f).to_pandas() for f in files], ignore_index=True)
    return df.sort_values("run_id").reset_index(drop=True)
