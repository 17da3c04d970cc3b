"""Run scenarios: one run, replicates, and side-by-side comparisons.

Seeds: ``run(scenario, seed=s)`` uses ``s`` as it is; replicate ``i`` of a batch with base seed
``s`` uses ``derive_seed(s, i)``, which depends on nothing but those two numbers, so any
process count and any executor give the same results.
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.model import OutreachModel
from sim.scenario import Scenario
from sim.summary import LEVEL, interval


def derive_seed(base: int, *keys: int) -> int:
    """A well-mixed 63-bit seed from a base seed and indices (NumPy SeedSequence)."""
    state = np.random.SeedSequence([int(base), *[int(k) for k in keys]]).generate_state(2, dtype=np.uint32)
    return int((int(state[0]) << 31) ^ int(state[1]))


@dataclass
class Result:
    """What one run produced."""

    scenario: Scenario
    seed: int
    outcomes: dict[str, float]
    timeseries: pd.DataFrame
    starts: pd.DataFrame
    hours: pd.DataFrame
    neighbourhoods: pd.DataFrame
    wall_seconds: float = 0.0
    extra: dict = field(default_factory=dict)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a model is built and run.

    A model is one large web of objects that live until the run ends; letting the collector
    walk it again and again costs about a quarter of a Roermond run. Garbage is collected as
    usual once the run is over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run(scenario: Scenario, seed: int | None = None) -> Result:
    """Run one scenario once. ``seed`` defaults to the scenario's own seed."""
    import time

    t0 = time.perf_counter()
    with paused_gc():
        model = OutreachModel(scenario, seed)
        model.run()
        result = collect(model, time.perf_counter() - t0)
    return result


def outcomes(scenario: Scenario, seed: int | None = None) -> dict[str, float]:
    """Run one scenario once and return only its outcomes: what sweeps, calibration and
    exploration read. ``run(...).outcomes`` gives the same numbers, after building the run's
    tables as well (a sixth of a Roermond run)."""
    with paused_gc():
        model = OutreachModel(scenario, seed)
        model.run()
        return model.recorder.outcomes()


def collect(model: OutreachModel, wall_seconds: float = 0.0) -> Result:
    rec = model.recorder
    hours_rows = []
    for coach in model.coaches:
        for (route, activity), h in sorted(coach.ledger_by_route.items()):
            hours_rows.append({"coach": coach.name, "route": route, "activity": activity, "hours": h})
    return Result(
        scenario=model.config,
        seed=model.seed,
        outcomes=rec.outcomes(),
        timeseries=rec.timeseries(),
        starts=rec.starts_table(),
        hours=pd.DataFrame(hours_rows, columns=["coach", "route", "activity", "hours"]),
        neighbourhoods=rec.by_neighbourhood(),
        wall_seconds=wall_seconds,
    )


def replicate_seeds(seed: int, replicates: int) -> list[int]:
    return [derive_seed(seed, i) for i in range(replicates)]


def posterior_sampler(scenario: Scenario, posterior, seed: int) -> Callable[[int], Scenario] | None:
    """Replicate i's scenario with the parameters of posterior draw i (None without a
    posterior). ``posterior`` is a posterior.parquet (or its folder) or the table itself. The
    draw depends on the seed and i only, so every scenario run with the same seed gets the
    same parameter sets."""
    if posterior is None:
        return None
    from sim.calibration import particle_sampler, read_posterior

    if isinstance(posterior, pd.DataFrame):
        return particle_sampler(scenario, posterior, seed, "--posterior")
    return particle_sampler(scenario, read_posterior(posterior), seed, str(posterior))


def run_replicates(
    scenario: Scenario,
    replicates: int = 10,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    scenario_for: Callable[[int], Scenario] | None = None,
    posterior=None,
    workers: int = 1,
) -> list[Result]:
    """Run ``replicates`` replicates; replicate i uses seed ``replicate_seeds(seed, n)[i]``
    (``seed`` defaults to the scenario's). With a ``posterior`` (see ``posterior_sampler``),
    replicate i runs with particle draw i, so the spread carries parameter uncertainty as
    well as chance; ``scenario_for(i)`` may vary the scenario per replicate in another way.
    ``progress(1)`` is called as each replicate ends. With ``workers`` > 1 the replicates run
    in that many processes, with the same results in the same order."""
    if scenario_for is not None and posterior is not None:
        raise ValueError("give scenario_for or posterior, not both")
    base = scenario.seed if seed is None else seed
    scenario_for = scenario_for or posterior_sampler(scenario, posterior, base)
    tasks = [(scenario_for(i) if scenario_for else scenario, s)
             for i, s in enumerate(replicate_seeds(base, replicates))]
    if workers > 1 and len(tasks) > 1:
        return _in_processes(tasks, workers, progress)
    results = []
    for sc, s in tasks:
        results.append(run(sc, s))
        if progress:
            progress(1)
    return results


def _in_processes(tasks: list[tuple[Scenario, int]], workers: int, progress) -> list[Result]:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from sim.workers import exit_with_parent

    # spawn, not fork: a fresh interpreter for each worker whatever the parent holds
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=multiprocessing.get_context("spawn"),
                             initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(run, sc, s) for sc, s in tasks]
        for future in as_completed(futures):
            future.result()  # an error in a run ends the batch at once
            if progress:
                progress(1)
        return [f.result() for f in futures]


def runs_table(results: Iterable[Result]) -> pd.DataFrame:
    rows = []
    for i, r in enumerate(results):
        row: dict[str, float] = {"replicate": i, "seed": r.seed}
        row.update(r.outcomes)
        rows.append(row)
    return pd.DataFrame(rows)


def summarise(runs: pd.DataFrame, columns: list[str] | None = None, level: float = LEVEL) -> pd.DataFrame:
    """Median and central interval (default 90%, ``sim.summary.interval``) and the mean of each
    outcome over replicates: one row per outcome."""
    cols = columns or [c for c in runs.columns if c not in ("replicate", "seed")]
    rows = []
    for c in cols:
        x = pd.to_numeric(runs[c], errors="coerce").dropna()
        median, low, high = interval(x, level)
        rows.append({"outcome": c, "median": median, "low": low, "high": high,
                     "mean": float(x.mean()) if len(x) else math.nan})
    return pd.DataFrame(rows, columns=["outcome", "median", "low", "high", "mean"])


HEADLINE = [
    "addresses_approached",
    "doors_opened",
    "conversations",
    "declined_in_advance",
    "names_received",
    "starts",
    "success_rate",
    "problem_referrals",
    "coach_hours",
    "cost_eur",
    "cost_per_start",
    "ladder_score_mean",
]


def headline_columns(runs: pd.DataFrame, strategies: list[str]) -> list[str]:
    cols = [c for c in HEADLINE if c in runs.columns]
    for s in strategies:
        cols += [f"{s}.{c}" for c in HEADLINE if f"{s}.{c}" in runs.columns]
    return cols
