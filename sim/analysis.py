"""Questions a policy officer asks, as functions: compare strategies, what if a lever changes,
how to split a budget of coach hours. Every function is seeded and returns a tidy table."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from sim.runner import derive_seed, run, runs_table
from sim.scenario import Scenario, load_scenario, with_values

ROOT = Path(__file__).resolve().parents[1]


def scenario(name: str, **overrides) -> Scenario:
    """A shipped scenario by name (``"roermond_pilot"``), with dotted overrides as keywords
    written with double underscores: ``scenario("roermond_pilot", policy__fee_eur=0)``."""
    path = ROOT / "scenarios" / f"{name}.yaml"
    return load_scenario(path, {k.replace("__", "."): v for k, v in overrides.items()} or None)


def replicate(sc: Scenario, replicates: int, seed: int, label: str | None = None) -> pd.DataFrame:
    results = [run(sc, derive_seed(seed, i)) for i in range(replicates)]
    df = runs_table(results)
    if label is not None:
        df.insert(0, "scenario", label)
    df.attrs["results"] = results
    return df


def compare(scenarios: dict[str, Scenario], replicates: int = 20, seed: int = 1) -> pd.DataFrame:
    """One row per scenario and replicate, every outcome as a column."""
    frames = [replicate(sc, replicates, seed, label) for label, sc in scenarios.items()]
    return pd.concat(frames, ignore_index=True)


def interval_table(df: pd.DataFrame, outcomes: list[str], by: str = "scenario") -> pd.DataFrame:
    """Median and 90% interval of each outcome per group."""
    rows = []
    for key, g in df.groupby(by, sort=False):
        for o in outcomes:
            x = pd.to_numeric(g[o], errors="coerce").dropna()
            rows.append({by: key, "outcome": o, "median": x.median(), "low": x.quantile(0.05), "high": x.quantile(0.95)})
    return pd.DataFrame(rows)


def what_if(sc: Scenario, key: str, values: list, replicates: int = 20, seed: int = 1, fixed: dict | None = None) -> pd.DataFrame:
    """Vary one lever (a dotted scenario key); the same seeds for every value (common random numbers)."""
    base = with_values(sc, fixed) if fixed else sc
    frames = []
    for v in values:
        df = replicate(with_values(base, {key: v}), replicates, seed)
        df.insert(0, "value", [str(v) if isinstance(v, (dict, list)) else v] * len(df))
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def per_neighbourhood(df: pd.DataFrame) -> pd.DataFrame:
    """Starts per neighbourhood and replicate, from the runs that ``compare`` or ``replicate`` made."""
    rows = []
    results = df.attrs.get("results") or []
    for i, r in enumerate(results):
        for hood, n in r.starts.groupby("neighbourhood").size().items():
            rows.append({"replicate": i, "neighbourhood": hood, "starts": n})
    return pd.DataFrame(rows)


STRATEGY_KEYS = {
    "network": "strategies.network.hours_per_week",
    "broad": "strategies.broad.hours_per_week",
    "narrow": "strategies.narrow.hours_per_week",
}


def budget_split(sc: Scenario, hours_per_week: float, step: float = 0.25, replicates: int = 10, seed: int = 1) -> pd.DataFrame:
    """Every split of a weekly budget of coach hours over network work, broad and narrow visits
    (in shares of ``step``); the visits run all the while the scenario has them, uncapped."""
    shares = np.round(np.arange(0, 1 + 1e-9, step), 6)
    frames = []
    for a, b in itertools.product(shares, shares):
        c = round(1 - a - b, 6)
        if c < -1e-9:
            continue
        split = {"network": a, "broad": b, "narrow": max(c, 0.0)}
        values = {STRATEGY_KEYS[k]: v * hours_per_week for k, v in split.items()}
        df = replicate(with_values(sc, values), replicates, seed)
        for k, v in split.items():
            df.insert(0, f"share_{k}", v)
        df["ladder_points"] = df["starts"] * df["ladder_score_mean"].fillna(0)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def frontier(df: pd.DataFrame, x: str, y: str, keys: list[str]) -> pd.DataFrame:
    """Median of x and y per split, with 90% intervals, and whether the split is on the Pareto
    frontier (no other split has both more x and more y)."""
    g = df.groupby(keys)
    out = pd.DataFrame({
        f"{x}_median": g[x].median(), f"{x}_low": g[x].quantile(0.05), f"{x}_high": g[x].quantile(0.95),
        f"{y}_median": g[y].median(), f"{y}_low": g[y].quantile(0.05), f"{y}_high": g[y].quantile(0.95),
    }).reset_index()
    xs, ys = out[f"{x}_median"].to_numpy(), out[f"{y}_median"].to_numpy()
    out["on_frontier"] = [not np.any((xs >= xs[i]) & (ys >= ys[i]) & ((xs > xs[i]) | (ys > ys[i]))) for i in range(len(out))]
    return out
