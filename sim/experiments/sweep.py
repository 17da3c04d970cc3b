"""Sweeps: a design of parameter values, replicates of each, results streamed to Parquet.

Results go to ``DIR/runs/`` as part files, each written to a temporary name and renamed when
complete, so a sweep killed at any moment (even ``kill -9``) leaves only whole part files.
Running the same command again reads the run ids already there and runs only the rest: no
run is lost or done twice. Memory stays flat: only a few chunks are in flight, and rows are
flushed to disk as they arrive.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from sim.atomic import atomic_write, is_leftover
from sim.errors import InputError
from sim.experiments.executors import check_executor_options, chunks, make_executor, run_chunk
from sim.experiments.spec import RUN_COLUMNS, LoadedExperiment
from sim.provenance import provenance
from sim.results import METADATA, scenario_provenance, write_json
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
                xs = np.linspace(*p.span, steps).tolist()
                axes.append([round(x) for x in xs] if p.integer else xs)
            else:
                axes.append(list(p.options))
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]
    # sampled: a Latin hypercube on [0, 1]^d, mapped to each parameter's values
    from scipy.stats import qmc

    unit = qmc.LatinHypercube(d=len(names), seed=np.random.default_rng(spec.seed)).random(spec.samples)
    return [{n: spec.parameters[n].from_unit(float(u)) for n, u in zip(names, row, strict=True)}
            for row in unit]


def run_plan(exp: LoadedExperiment, points: list[dict]) -> list[tuple[int, int, int, dict]]:
    """(run_id, point, replicate, values) for every run, in a fixed order."""
    plan = []
    run_id = 0
    for point, values in enumerate(points):
        for rep in range(exp.spec.replicates):
            plan.append((run_id, point, rep, values))
            run_id += 1
    return plan


def column_types(exp: LoadedExperiment) -> dict[str, pa.DataType]:
    """The type of each parameter column, from every value the design can give it, so that
    every part file has the same schema: a list mixing 100 and 135.5 is float64 in all parts."""
    types = {}
    for name, p in exp.spec.parameters.items():
        if p.kind == "range":
            types[name] = pa.int64() if p.integer else pa.float64()
            continue
        options = p.options
        if all(isinstance(v, bool) for v in options):
            types[name] = pa.bool_()
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in options):
            types[name] = pa.int64()
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in options):
            types[name] = pa.float64()
        else:
            types[name] = pa.string()  # text, or JSON text for mappings and mixed kinds
    return types


def runs_schema(exp: LoadedExperiment, meta: dict[str, str]) -> pa.Schema:
    fields = [pa.field(c, pa.int64()) for c in RUN_COLUMNS]  # load_experiment keeps parameters off these
    fields += [pa.field(n, t) for n, t in column_types(exp).items()]
    fields += [pa.field(o, pa.float64()) for o in exp.spec.outcomes]
    return pa.schema(fields, metadata={k.encode(): v.encode() for k, v in meta.items()})


def _cell(value, kind: pa.DataType):
    if kind == pa.float64():
        return float(value)
    if kind == pa.int64():
        return int(value)
    if kind == pa.bool_() or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def part_metadata(exp: LoadedExperiment, scenario: dict) -> dict[str, str]:
    """What each part file records of the sweep it belongs to (Parquet schema metadata)."""
    return {
        "experiment_sha256": exp.sha256,
        "experiment_content": exp.text,
        "scenario_sha256": scenario["sha256"],
        "scenario_content": scenario["content"],
        "seed": str(exp.spec.seed),
    }


def done_run_ids(runs_dir: Path, expected: dict[str, str] | None = None) -> set[int]:
    """Run ids already written; half-written temporary files are removed. With ``expected``
    (part metadata), a part written for another scenario or experiment is refused."""
    done: set[int] = set()
    if not runs_dir.is_dir():
        return done
    for f in sorted(runs_dir.iterdir()):
        if is_leftover(f):
            f.unlink(missing_ok=True)
        elif f.suffix == ".parquet":
            if expected is not None:
                meta = pq.read_schema(f).metadata or {}
                for key in ("scenario_sha256", "experiment_sha256"):
                    found = meta.get(key.encode(), b"").decode()
                    if found != expected[key]:
                        raise _changed(runs_dir.parent, key.split("_")[0], found, expected[key], f.name)
            done.update(pq.read_table(f, columns=["run_id"]).column("run_id").to_pylist())
    return done


def _changed(out: Path, what: str, then: str | None, now: str, where: str = "metadata.json") -> InputError:
    was = f"SHA-256 {then[:12]}" if then else "no SHA-256 recorded"
    return InputError(
        str(out), what,
        f"the {what} changed since this sweep started ({was} in {where}, {now[:12]} now)",
        f"continue only with the same {what}; for the changed one give a new --out folder",
    )


FLUSH_ROWS = 256  # rows buffered before a part file is written (or every FLUSH_SECONDS)
FLUSH_SECONDS = 2.0


class PartWriter:
    """Buffers finished rows and writes them as atomic Parquet part files of one schema."""

    def __init__(self, runs_dir: Path, schema: pa.Schema):
        self.dir = runs_dir
        self.schema = schema
        self.rows: list[dict] = []
        self.parts = 0
        self.last = time.monotonic()

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= FLUSH_ROWS or time.monotonic() - self.last > FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        rows = sorted(self.rows, key=lambda r: r["run_id"])
        table = pa.Table.from_pylist(rows, schema=self.schema)
        name = f"part-{rows[0]['run_id']:09d}-{uuid.uuid4().hex[:8]}.parquet"
        atomic_write(self.dir / name, lambda tmp: pq.write_table(table, tmp))  # ".part-….tmp" until complete
        self.parts += 1
        self.rows = []
        self.last = time.monotonic()


def flatten(row: dict, types: dict[str, pa.DataType], values: dict, point: int, replicate: int) -> dict:
    out = {"run_id": row["run_id"], "point": point, "replicate": replicate, "seed": row["seed"]}
    for n, kind in types.items():
        out[n] = _cell(values[n], kind)
    for k, v in row["outcomes"].items():
        out[k] = None if v is None else float(v)
    return out


def _check_same(out: Path, old: dict, exp: LoadedExperiment, scenario: dict, kind: str, planned: int) -> None:
    if old.get("kind") != kind:
        raise InputError(str(out), "--out", f"holds the results of a {old.get('kind', 'different')} run, not a {kind}",
                         "an empty folder, or the folder of this same experiment to continue it")
    then = old.get("experiment", {}).get("sha256")
    if then != exp.sha256:
        raise _changed(out, "experiment", then, exp.sha256)
    then = old.get("scenario", {}).get("sha256")
    if then != scenario["sha256"]:
        raise _changed(out, "scenario", then, scenario["sha256"])
    if old.get("runs_planned") != planned:
        raise InputError(str(out), "--out", f"planned {old.get('runs_planned')} runs, this design has {planned}",
                         "an empty folder, or the folder of this same experiment to continue it")


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
    (sensitivity analysis) from the seed and its replicate number, the same at every point.
    A sweep that fails before its first row is written leaves no folder behind."""
    out = Path(out)
    check_executor_options(workers, scheduler)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "--out", "exists and is not a folder", "give a folder path")
    points = design_points(exp) if points is None else points
    plan = run_plan(exp, points)
    runs_dir = out / RUNS
    meta_path = out / METADATA
    scenario = scenario_provenance(exp.base)
    if meta_path.exists():
        _check_same(out, json.loads(meta_path.read_text()), exp, scenario, kind, len(plan))
    part_meta = part_metadata(exp, scenario)
    done = done_run_ids(runs_dir, part_meta)
    todo = [p for p in plan if p[0] not in done]
    # connect to the executor before anything is written: a sweep that cannot start leaves nothing
    executor = make_executor(workers, scheduler) if todo else None
    types = column_types(exp)
    meta = provenance({
        "kind": kind,
        "experiment": {"name": exp.spec.name, "source_file": str(exp.path), "sha256": exp.sha256, "content": exp.text},
        "scenario": scenario,
        "seed": exp.spec.seed,
        "runs_planned": len(plan),
        "parameters": exp.names,
        "outcomes": exp.spec.outcomes,
        "schema": {f.name: str(f.type) for f in runs_schema(exp, {})},
        "tables": [RUNS],
        "complete": False,
        **(extra_meta or {}),
    })
    created = not out.exists()
    by_id = {p[0]: p for p in plan}
    tasks = chunks(
        [(rid, derive_seed(exp.spec.seed, rep if common_seeds else rid), values) for rid, _, rep, values in todo],
        exp.spec.chunk,
    )
    fn = _Chunk(scenario["content"], yaml.safe_dump(exp.spec.fixed), tuple(exp.spec.outcomes))
    writer = PartWriter(runs_dir, runs_schema(exp, part_meta))
    finished = len(plan) - len(todo)
    try:
        write_json(meta_path, meta)
        if progress:
            progress(finished, len(plan))
        if executor is not None:
            for rows in executor.map_unordered(fn, tasks):
                writer.add([flatten(r, types, by_id[r["run_id"]][3], by_id[r["run_id"]][1], by_id[r["run_id"]][2])
                            for r in rows])
                finished += len(rows)
                if progress:
                    progress(finished, len(plan))
        writer.flush()
    except BaseException:
        with contextlib.suppress(Exception):
            writer.flush()  # the rows that did finish are kept for the next attempt
        if not writer.parts and not done:
            _undo_start(out, created)
        raise
    finally:
        if executor is not None:
            executor.close()
    meta["complete"] = True
    meta["runs_done"] = len(plan)
    write_json(meta_path, meta)
    return read_runs(out)


def _undo_start(out: Path, created: bool) -> None:
    """A sweep that failed before its first row leaves the folder as it found it."""
    if created:
        shutil.rmtree(out, ignore_errors=True)
        return
    (out / METADATA).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (out / RUNS).rmdir()  # only when empty


class _Chunk:
    """A picklable callable: the scenario travels as its content (YAML), not as a path."""

    def __init__(self, scenario_yaml: str, fixed_yaml: str, outcomes: tuple[str, ...]):
        self.args = (scenario_yaml, fixed_yaml, outcomes)

    def __call__(self, task):
        return run_chunk(*self.args, task)


def read_runs(out: Path) -> pd.DataFrame:
    runs_dir = Path(out) / RUNS
    files = sorted(f for f in runs_dir.glob("*.parquet"))
    if not files:
        return pd.DataFrame()
    df = pd.concat([pq.read_table(f).to_pandas() for f in files], ignore_index=True)
    return df.sort_values("run_id").reset_index(drop=True)
