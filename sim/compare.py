"""Questions a policy officer asks, as functions: how do approaches compare, what if a lever
changes, how does an approach build up over time, how to split a budget.

Every comparison is paired: each approach or lever value runs with the same seeds (common
random numbers) and, with a posterior, the same parameter draws, so "cheaper in 74 of 100
runs" compares like with like. The brief (``outreach brief``) and the notebooks use these
functions; their intervals are those of ``outreach run`` and ``outreach compare``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.labels import LANGS, STRATEGY_LABELS, SUCCESS_BASE
from sim.results import run_tables
from sim.runner import Result, replicate_seeds, run_replicates, runs_table, summarise
from sim.scenario import Scenario, get_value, load_scenario, with_values
from sim.summary import LEVEL, interval, intervals

DATA = Path(__file__).resolve().parent / "data"
# The calibration result shipped with the code; `outreach calibrate calibration/roermond.yaml
# --out calibration/results/roermond` writes a new one.
SHIPPED_CALIBRATION = DATA / "calibration" / "results" / "roermond"


def scenario(name: str, **overrides) -> Scenario:
    """A shipped scenario by name (``"roermond_pilot"``), with dotted overrides as keywords
    written with double underscores: ``scenario("roermond_pilot", policy__fee_eur=0)``."""
    path = DATA / "scenarios" / f"{name}.yaml"
    return load_scenario(path, {k.replace("__", "."): v for k, v in overrides.items()} or None)


def by_file_name(paths: list[Path], overrides: dict | None = None) -> dict[str, Scenario]:
    """Scenario files by file name, the label of each in a comparison; two files of one name
    (in different folders) are refused, as their results would be told apart by folder only."""
    from sim.errors import InputError

    loaded: dict[str, Scenario] = {}
    for path in map(Path, paths):
        if path.stem in loaded:
            raise InputError(str(path), "SCENARIO", f"a second scenario file named {path.stem!r}",
                             "allowed: files with different names")
        loaded[path.stem] = load_scenario(path, overrides)
    return loaded


def shipped_posterior() -> Path | None:
    path = SHIPPED_CALIBRATION / "posterior.parquet"
    return path if path.is_file() else None


def run_set(sc: Scenario, replicates: int, seed: int, posterior=None, progress: Callable[[int], None] | None = None,
            workers: int = 1) -> list[Result]:
    """The runs themselves (weekly series, starts, hours), replicate i with seed derive_seed(seed, i)
    and, with a posterior, particle draw i (``sim.runner.run_replicates``)."""
    return run_replicates(sc, replicates, seed, progress, posterior=posterior, workers=workers)


def replicate(sc: Scenario, replicates: int, seed: int, label: str | None = None, posterior=None,
              results: list | None = None) -> pd.DataFrame:
    """One row per replicate, every outcome a column."""
    df = runs_table(results if results is not None else run_set(sc, replicates, seed, posterior))
    if label is not None:
        df.insert(0, "scenario", label)
    return df


@dataclass
class Comparison:
    """Paired runs of several scenarios, each labelled: every scenario ran with the same
    replicate seeds (and, with a posterior, the same parameter draws). ``outreach compare``
    prints and writes what this holds."""

    runs: pd.DataFrame  # one row per scenario and replicate; the label in column "scenario"
    results: dict[str, list[Result]]  # the runs themselves, by label
    scenarios: dict[str, Scenario]
    seed: int
    replicates: int

    @property
    def seeds(self) -> list[int]:
        """The replicate seeds, the same for every scenario."""
        return replicate_seeds(self.seed, self.replicates)

    def summary(self, outcomes: list[str] | None = None) -> pd.DataFrame:
        """Median, 90% interval and mean of each outcome per scenario (all outcomes by default)."""
        return interval_table(self.runs, outcomes or [c for c in self.runs.columns
                                                      if c not in ("scenario", "replicate", "seed")])

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables of ``outreach compare --out``: runs, timeseries, starts, hours,
        neighbourhoods and summary, every one with the scenario's label in a column."""
        per = [run_tables(results, label) for label, results in self.results.items()]
        return {name: pd.concat([t[name] for t in per], ignore_index=True) for name in per[0]}


def compare(scenarios: dict[str, Scenario], replicates: int = 20, seed: int = 1, posterior=None,
            progress: Callable[[int], None] | None = None, workers: int = 1) -> Comparison:
    """Every scenario runs with the same seeds (and the same posterior draws)."""
    results = {label: run_set(sc, replicates, seed, posterior, progress, workers) for label, sc in scenarios.items()}
    frames = [replicate(sc, replicates, seed, label, results=results[label]) for label, sc in scenarios.items()]
    return Comparison(pd.concat(frames, ignore_index=True), results, dict(scenarios), seed, replicates)


def interval_table(df: pd.DataFrame, outcomes: list[str], by: str = "scenario") -> pd.DataFrame:
    """Median and 90% interval of each outcome per group (the summary of ``outreach run``)."""
    frames = []
    for key, g in df.groupby(by, sort=False):
        s = summarise(g, [o for o in outcomes if o in g.columns], LEVEL)
        s.insert(0, by, key)
        frames.append(s)
    return pd.concat(frames, ignore_index=True)


def public_cost(df: pd.DataFrame, prefix: str = "") -> pd.Series:
    """What a run costs the municipality: the cost of finding people, plus case management and
    minus fee income where the outcomes hold them separately."""
    cost = df[f"{prefix}cost_eur"].astype(float)
    if f"{prefix}case_management_cost_eur" in df.columns:
        cost = cost + df[f"{prefix}case_management_cost_eur"].fillna(0)
    if f"{prefix}fee_income_eur" in df.columns:
        cost = cost - df[f"{prefix}fee_income_eur"].fillna(0)
    return cost


def target_names(targets: Path = DATA / "calibration" / "roermond.yaml", lang: str = "en") -> dict[str, str]:
    """Plain names of calibration targets: "Narrow home visits: Starts out of conversations"."""
    from sim.labels import describe, label
    from sim.scenario import read_yaml

    out = {}
    for tg in read_yaml(targets, "targets").get("targets", []):
        num = str(tg["numerator"])
        if tg.get("denominator") is None:  # a count target: the number itself
            out[tg["name"]] = label(num, lang)
        else:
            per = label(str(tg["denominator"]).split(".", 1)[-1], lang).lower()
            out[tg["name"]] = f"{label(num, lang)} {'out of' if lang == 'en' else 'van de'} {per}"
        if describe(num) is None:
            out[tg["name"]] = tg["name"].replace("_", " ")
    return out


@dataclass
class Paired:
    """Outcome x of approach a against b over paired runs."""

    a: str
    b: str
    outcome: str
    runs: int
    a_lower: int  # runs where a's value is below b's
    a_higher: int
    separate: bool  # the 90% ranges do not overlap
    a_range: tuple[float, float, float]  # median, low, high
    b_range: tuple[float, float, float]


# median and 90% range of the values, missing ones left out
median_range = interval


def paired(df: pd.DataFrame, outcome: str, a: str, b: str, by: str = "scenario", missing: float = np.inf) -> Paired:
    """Replicate i of a against replicate i of b (same seed, same parameter draw). A missing
    value counts as ``missing``: a run without starts has no cost per start, and is dearer
    per start than any run with one."""
    xa = df[df[by] == a].set_index("replicate")[outcome]
    xb = df[df[by] == b].set_index("replicate")[outcome]
    both = pd.concat([xa.rename("a"), xb.rename("b")], axis=1).astype(float).fillna(missing)
    ra, rb = median_range(xa), median_range(xb)
    separate = ra[2] < rb[1] or rb[2] < ra[1]
    return Paired(a, b, outcome, len(both), int((both.a < both.b).sum()), int((both.a > both.b).sum()),
                  separate, ra, rb)


# --------------------------------------------------------------------------- levers


def options(sc: Scenario, choices: dict[str, dict], replicates: int = 20, seed: int = 1,
            posterior=None) -> pd.DataFrame:
    """The scenario with each named set of overrides (``{"no fee": {"policy.fee_eur": 0}}``),
    every choice with the same seeds; the choice's name in column ``value``."""
    frames = []
    for name, overrides in choices.items():
        df = replicate(with_values(sc, overrides) if overrides else sc, replicates, seed, posterior=posterior)
        df.insert(0, "value", name)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def what_if(sc: Scenario, key: str, values: list, replicates: int = 20, seed: int = 1, fixed: dict | None = None,
            posterior=None) -> pd.DataFrame:
    """Vary one lever (a dotted scenario key); the same seeds for every value (common random numbers)."""
    base = with_values(sc, fixed) if fixed else sc
    return options(base, {v: {key: v} for v in values}, replicates, seed, posterior)


def has_setting(sc: Scenario, key: str) -> bool:
    try:
        get_value(sc, key)
    except KeyError:
        return False
    return True


def slots_throughout(sc: Scenario, strategy: str, slots: dict) -> dict:
    """Overrides that visit in these slots for the whole period, keeping other dated changes
    (such as the new message) of the strategy."""
    phases = get_value(sc, f"strategies.{strategy}.phases")
    kept = [p.model_dump(exclude={"slots"}, exclude_none=True) for p in phases]
    kept = [p for p in kept if len(p) > 1]  # a phase that only changed the slot goes
    return {f"strategies.{strategy}.slots": slots, f"strategies.{strategy}.phases": kept}


@dataclass
class LeverEffect:
    """A lever against the scenario as run, over paired runs (median and 90% range)."""

    extra_starts: tuple[float, float, float]
    extra_cost: tuple[float, float, float]
    more_starts: int  # runs with more starts than the scenario as run
    fewer_starts: int
    runs: int
    cost_per_extra_start: tuple[float, float, float]  # mean extra cost / mean extra starts, bootstrap range


def lever_effect(base: pd.DataFrame, changed: pd.DataFrame, prefix: str = "", seed: int = 0) -> LeverEffect:
    """Compare runs with a lever changed to the same replicates without the change."""
    return effect_of(lever_runs(base, changed, prefix), seed)


def effect_of(paired: pd.DataFrame, seed: int = 0) -> LeverEffect:
    """The effect of a lever over its paired runs (``lever_runs``)."""
    ds = paired["starts_with_lever"].to_numpy() - paired["starts_as_run"].to_numpy()
    dc = paired["cost_eur_with_lever"].to_numpy() - paired["cost_eur_as_run"].to_numpy()
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(ds), size=(2000, len(ds)))
    with np.errstate(divide="ignore", invalid="ignore"):
        boot = dc[idx].mean(axis=1) / ds[idx].mean(axis=1)
        point = dc.mean() / ds.mean() if ds.mean() != 0 else math.nan
    finite = boot[np.isfinite(boot)]
    # a ratio is only meaningful where the extra starts are clearly positive
    if len(finite) and interval(ds[idx].mean(axis=1))[1] > 0:
        ratio = (float(point), *interval(finite)[1:])
    else:
        ratio = (float(point) if ds.mean() > 0 else math.nan, math.nan, math.nan)
    return LeverEffect(median_range(pd.Series(ds)), median_range(pd.Series(dc)), int((ds > 0).sum()),
                       int((ds < 0).sum()), len(ds), ratio)


def lever_runs(base: pd.DataFrame, changed: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """The paired runs behind ``lever_effect``: run by run, starts and public cost as run and
    with the lever."""
    return pd.DataFrame({
        "replicate": range(len(base)),
        "starts_as_run": base[f"{prefix}starts"].to_numpy(float),
        "starts_with_lever": changed[f"{prefix}starts"].to_numpy(float),
        "cost_eur_as_run": public_cost(base, prefix).to_numpy(float),
        "cost_eur_with_lever": public_cost(changed, prefix).to_numpy(float),
    })


# --------------------------------------------------------------------------- over time


def strategy_hours(sc: Scenario, strategy: str) -> float:
    """The weekly coach hours of a strategy as the scenario sets them."""
    return float(get_value(sc, f"strategies.{strategy}.hours_per_week"))


def strategy_types(sc: Scenario) -> list[str]:
    return list(dict.fromkeys(s.type for s in sc.strategies))


def approach_label(sc: Scenario, lang: str = "en") -> str:
    """"Narrow home visits (2009)" for a one-strategy scenario; otherwise the scenario's name."""
    types = strategy_types(sc)
    if len(types) != 1:
        return sc.name
    first = min(s.start for s in sc.strategies)
    last = max(s.end for s in sc.strategies)
    years = f"{first.year}" if first.year == last.year else f"{first.year}-{last.year}"
    return f"{STRATEGY_LABELS[types[0]][LANGS.index(lang)]} ({years})"


def success_base(sc: Scenario, lang: str = "en") -> str:
    """What the success rate of this scenario counts per (differs between approaches)."""
    from sim.strategies.registry import REGISTRY

    bases = list(dict.fromkeys(SUCCESS_BASE[REGISTRY[t].success_denominator][LANGS.index(lang)]
                               for t in strategy_types(sc)))
    return bases[0] if len(bases) == 1 else ("starts per person reached" if lang == "en"
                                             else "starts per bereikte persoon")


def over_time(results: list, sc: Scenario, column: str = "starts") -> pd.DataFrame:
    """Cumulative ``column`` by month since the approach began: median and 90% band over runs.
    With ``column="cost_per_start"``: cumulative cost over cumulative starts."""
    return curve(run_paths(results, sc, column))


def curve(paths: pd.DataFrame) -> pd.DataFrame:
    """Median and 90% band by month of curves run by run (``run_paths``)."""
    return intervals(paths, axis=1).rename_axis("month").reset_index()


def run_paths(results: list, sc: Scenario, column: str = "starts") -> pd.DataFrame:
    """The curves of ``over_time`` run by run: months since the approach began by runs."""
    t0 = pd.Timestamp(min(s.start for s in sc.strategies))
    frames = []
    for r in results:
        ts = r.timeseries
        month = ((pd.to_datetime(ts["week_start"]) - t0).dt.days / 30.44).to_numpy()
        starts = ts["starts"].cumsum().to_numpy(float)
        if column == "cost_per_start":
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.where(starts > 0, ts["cost_eur"].cumsum().to_numpy(float) / starts, np.nan)
        else:
            y = ts[column].cumsum().to_numpy(float)
        frames.append(pd.Series(y, index=month))
    m = pd.concat(frames, axis=1, ignore_index=True)
    return m[m.index >= 0]


def runs_below_from(paths: pd.DataFrame, level: float, month: float) -> int:
    """How many runs (columns of ``run_paths``) stay below ``level`` from ``month`` on; a run
    with no value yet (no start) is not below."""
    later = paths[paths.index >= month]
    return int((later < level).all(axis=0).sum())


def pays_off_month(curve: pd.DataFrame, level: float) -> float | None:
    """The first month from which the median curve stays below ``level`` (None: never)."""
    below = (curve["median"] < level).to_numpy()
    if len(below) == 0 or not below[-1]:
        return None
    not_below = np.flatnonzero(~below)
    return float(curve["month"].iloc[not_below[-1] + 1 if len(not_below) else 0])


# --------------------------------------------------------------------------- break-even


def break_even(a: Scenario, b: Scenario, overrides: dict[str, dict], apply_to: str, replicates: int, seed: int,
               outcome: str = "cost_per_start") -> pd.DataFrame:
    """For each named set of overrides, applied to ``a``, ``b`` or ``"both"``: how often a's
    ``outcome`` is below b's over paired runs. One row per setting: ``value``, ``a_lower``
    (runs), ``runs``, ``share``, and the medians of both."""
    base_a = replicate(a, replicates, seed) if apply_to == "b" else None  # the side left as it is
    base_b = replicate(b, replicates, seed) if apply_to == "a" else None
    rows = []
    for name, values in overrides.items():
        ra = base_a if base_a is not None else replicate(with_values(a, values), replicates, seed)
        rb = base_b if base_b is not None else replicate(with_values(b, values), replicates, seed)
        both = pd.concat([ra.assign(scenario="a"), rb.assign(scenario="b")], ignore_index=True)
        p = paired(both, outcome, "a", "b")
        rows.append({"value": name, "a_lower": p.a_lower, "runs": p.runs, "share": p.a_lower / p.runs,
                     "a_median": p.a_range[0], "b_median": p.b_range[0], "separate": p.separate})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- budget


STRATEGY_KEYS = {
    "network": "strategies.network.hours_per_week",
    "broad": "strategies.broad.hours_per_week",
    "narrow": "strategies.narrow.hours_per_week",
}


def _weeks(sc: Scenario, strategy: str) -> float:
    s = next(x for x in sc.strategies if x.type == strategy)
    return ((s.end - s.start).days + 1) / 7


SHORT = {"network": ("network", "netwerk"), "broad": ("broad", "breed"), "narrow": ("narrow", "smal")}


def split_name(split: dict[str, float], lang: str = "en") -> str:
    """"50% network / 25% broad / 25% narrow"."""
    return " / ".join(f"{v:.0%} {SHORT[k][LANGS.index(lang)]}" for k, v in split.items())


def budget_split(sc: Scenario, hours_per_week: float, step: float = 0.25, replicates: int = 10, seed: int = 1,
                 posterior=None, move_to: str | None = "network") -> pd.DataFrame:
    """Every split of a weekly budget of coach hours over network work, broad and narrow visits
    (in shares of ``step``), each split with the same seeds.

    Visits stop when their list runs out; the hours they leave unspent (the median over the
    runs of the split) go to ``move_to`` from the start, and the split runs again. Each row
    reports the hours budgeted, moved and still unspent."""
    shares = np.round(np.arange(0, 1 + 1e-9, step), 6)
    frames = []
    for a, b in itertools.product(shares, shares):
        c = round(1 - a - b, 6)
        if c < -1e-9:
            continue
        split = {"network": a, "broad": b, "narrow": max(c, 0.0)}
        hours = {k: v * hours_per_week for k, v in split.items()}
        budget = {k: h * _weeks(sc, k) for k, h in hours.items()}
        df = replicate(with_values(sc, {STRATEGY_KEYS[k]: h for k, h in hours.items()}), replicates, seed,
                       posterior=posterior)
        unspent = {k: max(0.0, budget[k] - float(df[f"{k}.outreach_hours"].median())) for k in budget if k != move_to}
        moved = sum(unspent.values()) if move_to else 0.0
        if move_to and moved > 0:
            hours[move_to] += moved / _weeks(sc, move_to)
            df = replicate(with_values(sc, {STRATEGY_KEYS[k]: h for k, h in hours.items()}), replicates, seed,
                           posterior=posterior)
        used = sum(df[f"{k}.outreach_hours"] for k in budget)
        df.insert(0, "split", split_name(split))
        for k, v in split.items():
            df.insert(0, f"share_{k}", v)
        df["hours_budgeted"] = sum(budget.values())
        df["hours_moved"] = moved
        df["hours_unspent"] = (sum(budget.values()) - used).clip(lower=0)
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def frontier(df: pd.DataFrame, x: str, y: str, keys: list[str]) -> pd.DataFrame:
    """Median of x and y per split, with 90% intervals, and whether the split is on the Pareto
    frontier (no other split has both more x and more y)."""
    g = df.groupby(keys)
    out = pd.concat([intervals(g[x]).add_prefix(f"{x}_"), intervals(g[y]).add_prefix(f"{y}_")], axis=1).reset_index()
    xs, ys = out[f"{x}_median"].to_numpy(), out[f"{y}_median"].to_numpy()
    out["on_frontier"] = [not np.any((xs >= xs[i]) & (ys >= ys[i]) & ((xs > xs[i]) | (ys > ys[i])))
                          for i in range(len(out))]
    return out
