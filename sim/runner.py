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


def run_replicates(
    scenario: Scenario,
    replicates: int = 10,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    scenario_for: Callable[[int], Scenario] | None = None,
) -> list[Result]:
    """Run ``replicates`` independent replicates. ``scenario_for(i)`` may vary the scenario per
    replicate (e.g. a posterior draw)."""
    base = scenario.seed if seed is None else seed
    results = []
    for i, s in enumerate(replicate_seeds(base, replicates)):
        sc = scenario_for(i) if scenario_for else scenario
        results.append(run(sc, s))
        if progress:
            progress(1)
    return results


def runs_table(results: Iterable[Result]) -> pd.DataFrame:
    rows = []
    for i, r in enumerate(results):
        row = {"replicate": i, "seed": r.seed}
        row.update(r.outcomes)
        rows.append(row)
    return pd.DataFrame(rows)


def summarise(runs: pd.DataFrame, columns: list[str] | None = None, level: float = 0.9) -> pd.DataFrame:
    """Median and central interval (default 90%) of each outcome over replicates."""
    cols = columns or [c for c in runs.columns if c not in ("replicate", "seed")]
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    rows = []
    for c in cols:
        x = pd.to_numeric(runs[c], errors="coerce").dropna()
        if x.empty:
            rows.append({"outcome": c, "median": math.nan, "low": math.nan, "high": math.nan, "mean": math.nan})
            continue
        rows.append(
            {
                "outcome": c,
                "median": float(x.median()),
                "low": float(x.quantile(lo)),
                "high": float(x.quantile(hi)),
                "mean": float(x.mean()),
            }
        )
    return pd.DataFrame(rows)


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
