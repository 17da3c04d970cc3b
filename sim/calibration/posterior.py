"""Predictions with a posterior: each replicate draws a particle by weight."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from sim.errors import InputError
from sim.runner import derive_seed
from sim.scenario import Scenario, get_value, with_values


def read_posterior(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if path.is_dir():
        path = path / "posterior.parquet"
    try:
        df = pd.read_parquet(path)
    except FileNotFoundError:
        raise InputError(
            str(path), "--posterior", "file not found", "a posterior.parquet written by outreach calibrate") from None
    except Exception:  # any unreadable file gets the same plain message
        raise InputError(
            str(path), "--posterior", "is not a Parquet file",
            "a posterior.parquet written by outreach calibrate") from None
    if "weight" not in df.columns or len(df) == 0:
        raise InputError(
            str(path), "--posterior", "has no particles with weights",
            "a posterior.parquet written by outreach calibrate")
    return df


def particle_sampler(scenario: Scenario, posterior: pd.DataFrame, seed: int,
                     file: str = "--posterior") -> Callable[[int], Scenario]:
    """``f(i)``: the scenario with the parameters of a particle drawn for replicate ``i``.

    The draw depends only on the seed and ``i``, so any process count gives the same runs."""
    names = [c for c in posterior.columns if c != "weight"]
    for key in names:
        try:
            get_value(scenario, key)
        except KeyError:
            raise InputError(file, key, f"the scenario {scenario.name!r} has no such parameter",
                             "a posterior calibrated on parameters this scenario has") from None
    weights = posterior["weight"].to_numpy(dtype=float)
    weights = weights / weights.sum()
    values = posterior[names].to_numpy(dtype=float)

    def scenario_for(i: int) -> Scenario:
        rng = np.random.default_rng(derive_seed(seed, i, 7))
        j = int(rng.choice(len(values), p=weights))
        return with_values(scenario, dict(zip(names, map(float, values[j]), strict=True)))

    return scenario_for
