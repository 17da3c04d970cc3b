"""The numbers of the brief: the paired comparison of the approaches, the levers, the curves
over time and the observed Roermond figures. Everything is computed with ``sim.compare``, so
the headline equals ``outreach compare`` for the same seeds (and posterior)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim import compare as cmp
from sim.scenario import Scenario, read_yaml, with_values
from sim.strategies.narrow import NarrowStrategy

DATA = cmp.DATA
DEFAULT_SCENARIOS = [DATA / "scenarios" / f"{n}.yaml" for n in ("roermond_narrow_2009", "roermond_broad_2010",
                                                                 "roermond_network")]
TARGETS = DATA / "calibration" / "roermond.yaml"
# The outcomes of the headline table and summary.csv; the fee income and case management cost
# are there when the model reports them separately.
HEADLINE = ["starts", "success_rate", "cost_per_start", "cost_eur", "fee_income_eur", "case_management_cost_eur",
            "conversations", "names_received", "problem_referrals", "coach_hours"]
FULL_REPLICATES = 100
QUICK_LEVER_REPLICATES = 20


@dataclass
class Observed:
    count: int
    trials: int
    source: str

    @property
    def rate(self) -> float:
        return self.count / self.trials


@dataclass
class Lever:
    key: str  # words.LEVER_TEXT key
    question: str  # words.QUESTIONS key
    strategy: str
    scenario: str  # label (file stem) of the scenario it is applied to
    values: dict
    effect: cmp.LeverEffect | None = None
    paired: pd.DataFrame | None = None  # the paired runs behind the effect (cmp.lever_runs)
    cost_per_start: tuple | None = None  # of the strategy with the lever (median, low, high)

    @property
    def measured(self) -> cmp.LeverEffect:
        """The effect, which ``build`` measures for every lever of a brief."""
        if self.effect is None:
            raise ValueError(f"lever {self.key!r} on {self.scenario!r} has not been measured")
        return self.effect


@dataclass
class Brief:
    scenarios: dict[str, Scenario]
    seed: int
    replicates: int
    lever_replicates: int
    posterior: Path | None
    particles: int
    runs: pd.DataFrame
    summary: pd.DataFrame
    observed: dict[str, Observed]
    pairs: list[cmp.Paired]
    curves: dict[str, dict[str, pd.DataFrame]]
    levers: list[Lever] = field(default_factory=list)
    cost_paths: dict[str, pd.DataFrame] = field(default_factory=dict)  # cost per start so far, run by run
    targets: int | None = None  # the counts the posterior was calibrated on

    @property
    def labels(self) -> list[str]:
        return list(self.scenarios)


def observed_rates(paths: dict[str, Path]) -> dict[str, Observed]:
    """Roermond's observed success rates from the calibration targets, for the scenarios that
    are the ones calibrated on (matched by file)."""
    if not TARGETS.is_file():
        return {}
    spec = read_yaml(TARGETS, "targets")
    out = {}
    for target in spec.get("targets", []):
        if not str(target.get("numerator", "")).endswith(".starts"):
            continue
        path = (TARGETS.parent / target["scenario"]).resolve()
        for label, p in paths.items():
            if Path(p).resolve() == path:
                out[label] = Observed(int(target["count"]), int(target["trials"]), str(target.get("source", "")))
    return out


def _levers(scenarios: dict[str, Scenario]) -> list[Lever]:
    """The levers that apply to these scenarios: fee, time of the visit, letter, pairs."""
    def first(strategy: str) -> str | None:
        return next((k for k, sc in scenarios.items() if strategy in cmp.strategy_types(sc)), None)

    levers = []
    for strategy in ("narrow", "network"):
        label = first(strategy)
        if label and scenarios[label].policy.fee_eur > 0:
            levers.append(Lever("fee", "fee", strategy, label, {"policy.fee_eur": 0, "policy_changes": []}))
    label = first("narrow")
    if label:
        sc = scenarios[label]
        levers += [
            Lever("late_afternoon", "timing", "narrow", label,
                  cmp.slots_throughout(sc, "narrow", {"late_afternoon": 1.0})),
            Lever("evening", "timing", "narrow", label, cmp.slots_throughout(sc, "narrow", {"evening": 1.0})),
        ]
        narrow = next(s for s in sc.strategies if isinstance(s, NarrowStrategy))
        if not narrow.announced:
            levers.append(Lever("letter", "letter", "narrow", label, {"strategies.narrow.announced": True}))
        if cmp.has_setting(sc, "strategies.narrow.pairs") and narrow.pairs:
            levers.append(Lever("alone", "alone", "narrow", label, {"strategies.narrow.pairs": False}))
    return levers


def load(paths: list[Path]) -> dict[str, Scenario]:
    """Scenarios by their file name (the labels ``outreach compare`` uses); two of one name are refused."""
    return cmp.by_file_name(paths)


def build(paths: list[Path], seed: int | None = None, replicates: int = FULL_REPLICATES,
          lever_replicates: int | None = None, posterior: Path | None = None, with_levers: bool = True) -> Brief:
    paths = [Path(p) for p in (paths or DEFAULT_SCENARIOS)]
    scenarios = load(paths)
    first = next(iter(scenarios.values()))
    seed = first.seed if seed is None else seed
    lever_replicates = replicates if lever_replicates is None else lever_replicates
    post = None
    particles = 0
    if posterior is not None:
        from sim.calibration import read_posterior

        post = read_posterior(posterior)
        particles = len(post)
    comparison = cmp.compare(scenarios, replicates, seed, post)
    runs = comparison.runs
    summary = cmp.interval_table(runs, HEADLINE)
    labels = list(scenarios)
    pairs = [cmp.paired(runs, "cost_per_start", a, b) for a, b in itertools.combinations(labels, 2)]
    results = comparison.results
    cost_paths = {k: cmp.run_paths(results[k], sc, "cost_per_start") for k, sc in scenarios.items()}
    curves = {k: {"starts": cmp.over_time(results[k], sc, "starts"),
                  "cost_per_start": cmp.curve(cost_paths[k])}
              for k, sc in scenarios.items()}
    levers = _levers(scenarios) if with_levers else []
    for lever in levers:
        sc = scenarios[lever.scenario]
        base = runs[runs["scenario"] == lever.scenario].iloc[:lever_replicates]
        changed = cmp.replicate(with_values(sc, lever.values), lever_replicates, seed, posterior=post)
        prefix = f"{lever.strategy}."
        lever.paired = cmp.lever_runs(base, changed, prefix)
        lever.effect = cmp.effect_of(lever.paired)
        lever.cost_per_start = cmp.median_range(changed[f"{prefix}cost_per_start"])
    return Brief(scenarios, seed, replicates, lever_replicates, Path(posterior) if posterior else None, particles, runs,
                 summary, observed_rates(dict(zip(labels, paths, strict=True))), pairs, curves, levers, cost_paths,
                 calibrated_on(Path(posterior)) if posterior else None)


def calibrated_on(posterior: Path) -> int | None:
    """How many observed counts the calibration that wrote ``posterior`` was fitted to: the rows
    of its predictive check beside it (None when it is not there)."""
    validation = posterior.parent / "validation.csv"
    if not validation.is_file():
        return None
    return len(pd.read_csv(validation))


def summary_table(brief: Brief, lang: str = "en") -> pd.DataFrame:
    """summary.csv: the headline per approach (the rows of ``outreach compare``'s summary.csv
    for the same outcomes) with the plain name of each approach and outcome."""
    from sim.labels import label

    df = brief.summary[brief.summary["median"].notna()].copy()
    df.insert(1, "approach", df["scenario"].map(lambda k: cmp.approach_label(brief.scenarios[k], lang)))
    df.insert(3, "name", df["outcome"].map(lambda o: label(o, lang)))
    return df


def gains(e: cmp.LeverEffect) -> bool:
    """A lever gives more starts: in 90% of paired runs, or in three quarters of them with a
    median gain (the threshold of "likely")."""
    return e.extra_starts[1] > 0 or (e.more_starts >= 0.75 * e.runs and e.extra_starts[0] > 0)


def levers_table(brief: Brief, lang: str = "en") -> pd.DataFrame:
    from sim.brief.words import LEVER_TEXT, pick

    rows = []
    for lv in brief.levers:
        e = lv.measured
        # a price per extra start only where the brief gives one: where the lever adds starts
        cpes = e.cost_per_extra_start if gains(e) else (math.nan, math.nan, math.nan)
        rows.append({"lever": pick(LEVER_TEXT, lv.key, lang), "scenario": lv.scenario,
                     "extra_starts_median": e.extra_starts[0], "extra_starts_low": e.extra_starts[1],
                     "extra_starts_high": e.extra_starts[2], "extra_cost_median": e.extra_cost[0],
                     "extra_cost_low": e.extra_cost[1], "extra_cost_high": e.extra_cost[2],
                     "cost_per_extra_start": cpes[0], "cost_per_extra_start_low": cpes[1],
                     "cost_per_extra_start_high": cpes[2], "runs_with_more_starts": e.more_starts,
                     "runs_with_fewer_starts": e.fewer_starts, "runs": e.runs})
    return pd.DataFrame(rows)


def lever_runs_table(brief: Brief, lang: str = "en") -> pd.DataFrame:
    """lever_runs.csv: the paired runs behind each lever's counts."""
    from sim.brief.words import LEVER_TEXT, pick

    frames = [lv.paired.assign(lever=pick(LEVER_TEXT, lv.key, lang), scenario=lv.scenario)
              for lv in brief.levers if lv.paired is not None]
    if not frames:
        return pd.DataFrame(columns=["lever", "scenario", "replicate"])
    out = pd.concat(frames, ignore_index=True)
    return out[["lever", "scenario", *[c for c in out.columns if c not in ("lever", "scenario")]]]
