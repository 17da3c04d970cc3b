"""Sensitivity analysis with SALib: sample, evaluate, analyse.

``sensitivity(model, problem, ...)`` works for any function ``model(params, seed) -> dict of
floats``. Stochastic noise is controlled in two ways: each sample point is run ``replicates``
times and averaged, and replicate ``r`` uses the same seed at every sample point (common random
numbers), so differences between points come from the parameters rather than from chance.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from sim.errors import InputError
from sim.experiments.spec import nearest_power_of_two
from sim.runner import derive_seed

METHODS = ("sobol", "morris", "fast")


def check_n(method: str, n: int, where: str = "--n", second_order: bool = False) -> None:
    if method not in METHODS:
        raise InputError(where, "--method", f"unknown method {method!r}", f"allowed: {', '.join(METHODS)}")
    if second_order and method != "sobol":
        raise InputError(where, "--second-order", f"applies only to --method sobol, not {method}",
                         "allowed: omit it, or --method sobol")
    if n < 1:
        raise InputError(where, "--n", f"value {n} is too small", "allowed: a whole number >= 1")
    if method == "sobol" and n & (n - 1):
        raise InputError(where, "--n", f"{n} is not a power of two",
                         f"Sobol sampling needs one; the nearest is {nearest_power_of_two(n)}")
    # Sobol: SALib bootstraps the confidence intervals over the N base points, so N = 1 gives
    # intervals of width zero; 2 is the smallest power of two with a spread to resample.
    if method == "sobol" and n < 2:
        raise InputError(where, "--n", f"{n} is too small for Sobol", "allowed: a power of two of at least 2")
    # Morris: sigma is the standard deviation of the N trajectories' elementary effects
    # (ddof 1) and the interval a bootstrap over them, both undefined for one trajectory.
    if method == "morris" and n < 2:
        raise InputError(where, "--n", f"{n} is too small for Morris", "allowed: at least 2 trajectories")
    if method == "fast" and n <= 64:
        raise InputError(where, "--n", f"{n} is too small for FAST", "allowed: more than 64 (4 M^2 with M = 4)")


def sample(problem: dict, method: str, n: int, seed: int, second_order: bool = False) -> np.ndarray:
    if method == "sobol":
        from SALib.sample import sobol

        return sobol.sample(problem, n, calc_second_order=second_order, seed=seed)
    if method == "morris":
        from SALib.sample import morris

        return morris.sample(problem, n, num_levels=4, seed=seed)
    from SALib.sample import fast_sampler

    return fast_sampler.sample(problem, n, seed=seed)


def analyze(problem: dict, method: str, X: np.ndarray, Y: dict[str, np.ndarray], seed: int,
            second_order: bool = False) -> pd.DataFrame:
    rows = []
    for output, y in Y.items():
        y = np.asarray(y, dtype=float)
        if np.isnan(y).any():
            # e.g. cost per start at a point with no starts: use the mean of the other points
            y = np.where(np.isnan(y), np.nanmean(y) if not np.isnan(y).all() else 0.0, y)
        if method == "sobol":
            from SALib.analyze import sobol

            res = sobol.analyze(problem, y, calc_second_order=second_order, seed=seed)
            cols: tuple[str, ...] = ("S1", "S1_conf", "ST", "ST_conf")
        elif method == "fast":
            from SALib.analyze import fast

            res = fast.analyze(problem, y, seed=seed)
            cols = ("S1", "S1_conf", "ST", "ST_conf")
        else:
            from SALib.analyze import morris

            res = morris.analyze(problem, X, y, num_levels=4, seed=seed)
            cols = ("mu_star", "mu_star_conf", "sigma")
        for i, name in enumerate(problem["names"]):
            row = {"output": output, "parameter": name}
            for c in cols:
                row[c] = float(res[c][i]) if c in res else math.nan
            rows.append(row)
    return pd.DataFrame(rows)


def sensitivity(
    model: Callable[[dict, int], dict[str, float]],
    problem: dict,
    method: str = "sobol",
    n: int = 1024,
    seed: int = 0,
    replicates: int = 1,
    outputs: list[str] | None = None,
) -> pd.DataFrame:
    """Sample ``problem`` (a SALib problem dict with ``names`` and ``bounds``), evaluate
    ``model(params, seed)`` at every point ``replicates`` times with common random numbers,
    and return one row per output and parameter: ``output, parameter, S1, S1_conf, ST,
    ST_conf`` (Sobol, FAST) or ``output, parameter, mu_star, mu_star_conf, sigma`` (Morris)."""
    check_n(method, n, "sensitivity")
    problem = {**problem, "num_vars": len(problem["names"])}
    X = sample(problem, method, n, seed)
    seeds = [derive_seed(seed, r) for r in range(replicates)]
    sums: dict[str, np.ndarray] = {}
    for i, x in enumerate(X):
        params = dict(zip(problem["names"], map(float, x), strict=True))
        for s in seeds:
            out = model(params, s)
            for k, v in out.items():
                if outputs is not None and k not in outputs:
                    continue
                sums.setdefault(k, np.zeros(len(X)))[i] += float(v) / replicates
    return analyze(problem, method, X, sums, seed)


def noise_share(runs: pd.DataFrame, outcomes: list[str], base_runs: pd.DataFrame | None = None) -> pd.DataFrame:
    """How much of the variance of the analysed outcome is chance.

    The noise variance is the variance between replicates at one point (pooled over the design's
    points when it has replicates, else from ``base_runs``, replicates at the centre); a point
    mean of ``r`` replicates carries noise variance / r, compared with the variance of the point
    means over the design."""
    rows = []
    reps = max(1, int(runs.groupby("point").size().median()))
    for o in outcomes:
        y = pd.to_numeric(runs[o], errors="coerce")
        if reps > 1:
            within = float(y.groupby(runs["point"]).var().mean())
        else:
            within = float(pd.to_numeric(base_runs[o], errors="coerce").var()) if base_runs is not None else math.nan
        total = float(y.groupby(runs["point"]).mean().var())
        share = (within / reps) / total if total > 0 else math.nan
        rows.append({"output": o, "noise_variance": within, "replicates_per_point": reps,
                     "variance_of_point_means": total, "noise_share_of_variance": share})
    return pd.DataFrame(rows)
