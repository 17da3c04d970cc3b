"""Approximate Bayesian computation with sequential Monte Carlo (pyabc).

A particle is a set of values for the parameters with priors. Its summary statistics are the
simulated rates of the targets (pooled over a few replicates); its distance to the data is the
binomial deviance of each observed count given the simulated rate, summed over the targets:
the likelihood-ratio statistic, zero when the simulated rates equal the observed ones.
The history lives in a SQLite database in the output folder, so an interrupted calibration
continues where it stopped, and ends with exactly the result of an uninterrupted one.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.calibration.targets import Targets
from sim.errors import InputError
from sim.results import write_json
from sim.runner import derive_seed, run
from sim.scenario import with_values

DB = "abc.db"
SETTINGS = "calibration.json"  # what the database was started with


@dataclass
class Settings:
    population: int = 150
    generations: int = 8
    replicates: int = 2
    workers: int = 1
    seed: int = 1
    predictive_draws: int = 100
    epsilon_floor: float = 0.5  # per target: stop once the tolerance is below this

    @classmethod
    def quick(cls, workers: int = 1, seed: int = 1) -> Settings:
        return cls(population=30, generations=3, replicates=1, workers=workers, seed=seed, predictive_draws=30)


def binomial_deviance(count: int, trials: int, p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    k, n = count, trials
    d = 0.0
    if k > 0:
        d += k * math.log(k / (n * p))
    if n - k > 0:
        d += (n - k) * math.log((n - k) / (n * (1 - p)))
    return 2.0 * d


class Simulator:
    """The model as pyabc sees it: parameters in, target rates out. Picklable."""

    def __init__(self, targets: Targets, replicates: int):
        self.targets = targets.targets
        self.scenarios = targets.scenarios
        self.replicates = replicates

    def rates(self, params: dict, seed: int) -> dict[str, float]:
        sums: dict[str, list[float]] = {t.name: [0.0, 0.0] for t in self.targets}
        for key, sc in self.scenarios.items():
            mine = [t for t in self.targets if t.scenario == key]
            if not mine:
                continue
            scenario = with_values(sc, params)
            for r in range(self.replicates):
                o = run(scenario, derive_seed(seed, r)).outcomes
                for t in mine:
                    sums[t.name][0] += o[t.numerator]
                    sums[t.name][1] += o[t.denominator]
        return {name: (num / den if den > 0 else 0.0) for name, (num, den) in sums.items()}

    def __call__(self, params) -> dict[str, float]:
        # the sampler seeds NumPy's global generator for each proposal; the model's seed comes from it
        seed = int(np.random.randint(0, 2**31 - 1))
        return self.rates(dict(params), seed)


class Deviance:
    def __init__(self, targets: Targets):
        self.targets = targets.targets

    def __call__(self, x: dict, x0: dict) -> float:
        return sum(binomial_deviance(t.count, t.trials, x[t.name]) for t in self.targets)


def _priors(targets: Targets):
    import pyabc

    rvs = {}
    for key, prior in targets.priors.items():
        if prior.distribution == "uniform":
            rvs[key] = pyabc.RV("uniform", prior.low, prior.high - prior.low)
        else:
            rvs[key] = pyabc.RV("loguniform", prior.low, prior.high)
    return pyabc.Distribution(**rvs)


def calibrate(
    targets: Targets,
    out: Path,
    settings: Settings,
    progress: Callable[[int, int, dict], None] | None = None,
) -> dict:
    """Run (or continue) the ABC-SMC calibration into ``out``; returns the diagnostics.

    Every generation starts from the database, whether the previous one ran in this process or
    before an interruption, and samples with a :class:`SeededSampler`: an interrupted
    calibration that is continued ends exactly where an uninterrupted one does."""

    from sim.calibration.sampler import SeededSampler

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _check_same_calibration(targets, out, settings)
    db_path = out / DB
    if not db_path.exists():
        _new_database(targets, db_path, settings)
    # A well-fitting model still scores about one unit of deviance per target from chance alone;
    # below half of that, acceptance collapses and particles fit simulation noise: stop there.
    floor = settings.epsilon_floor * len(targets.targets)

    def report(t: int, accepted: int, wanted: int) -> None:
        if progress and t >= 0:
            progress(t, settings.generations, {"accepted": accepted, "population": wanted})

    sampler = SeededSampler(settings.seed, settings.workers, report)
    try:
        while True:
            abc = _abc(targets, settings, sampler)
            abc.load(f"sqlite:///{db_path}", 1)
            pops = abc.history.get_all_populations()
            pops = pops[pops["t"] >= 0]
            done = len(pops)
            if progress:
                progress(done, settings.generations, {})
            if done >= settings.generations or (done and float(pops["epsilon"].iloc[-1]) <= floor):
                break
            abc.run(max_nr_populations=1, minimum_epsilon=floor)
    finally:
        sampler.close()
    if progress:
        progress(settings.generations, settings.generations, {})  # also when it stopped early
    return diagnostics(abc.history)


def _abc(targets: Targets, settings: Settings, sampler):
    import pyabc

    return pyabc.ABCSMC(
        Simulator(targets, settings.replicates),
        _priors(targets),
        Deviance(targets),
        population_size=settings.population,
        sampler=sampler,
    )


def _new_database(targets: Targets, db_path: Path, settings: Settings) -> None:
    """Create the database under a temporary name and move it into place: a calibration
    killed while creating it leaves no database that cannot be loaded."""
    from pyabc.sampler import SingleCoreSampler

    tmp = db_path.with_name(f".{db_path.name}.tmp")
    tmp.unlink(missing_ok=True)
    abc = _abc(targets, settings, SingleCoreSampler())
    abc.new(f"sqlite:///{tmp}", {t.name: t.rate for t in targets.targets})  # pyabc closes it after each call
    os.replace(tmp, db_path)


def _check_same_calibration(targets: Targets, out: Path, settings: Settings) -> None:
    """An existing folder is continued only with the same targets and settings."""
    key = {
        "targets": [t.model_dump() for t in targets.targets],
        "priors": {k: p.model_dump() for k, p in targets.priors.items()},
        # what the stored generations depend on; more generations or another stopping rule continue them
        "settings": {k: getattr(settings, k) for k in ("population", "replicates", "seed")},
    }
    path = out / SETTINGS
    if path.exists():
        try:
            old = json.loads(path.read_text())
        except (OSError, ValueError):
            old = None
        if old != json.loads(json.dumps(key)):
            raise InputError(str(out), "--out", "holds a calibration with other targets or settings",
                             "an empty folder, or the folder of this same calibration to continue it")
    elif (out / DB).exists():
        raise InputError(str(out), "--out", "holds a calibration database without its settings",
                         "an empty folder, or the folder of this same calibration to continue it")
    else:
        write_json(path, key)


def diagnostics(history) -> pd.DataFrame:
    import pyabc

    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    rows = []
    for _, row in pops.iterrows():
        t = int(row["t"])
        _, w = history.get_distribution(m=0, t=t)
        particles = int(history.get_nr_particles_per_population()[t])
        rows.append({
            "generation": t,
            "epsilon": float(row["epsilon"]),
            "particles": particles,
            "simulations": int(row["samples"]),
            "acceptance_rate": particles / int(row["samples"]) if row["samples"] else math.nan,
            "effective_sample_size": float(pyabc.weighted_statistics.effective_sample_size(w)),
        })
    return pd.DataFrame(rows)


def posterior(history) -> pd.DataFrame:
    df, w = history.get_distribution(m=0, t=history.max_t)
    df = df.reset_index(drop=True)
    df["weight"] = np.asarray(w) / np.sum(w)
    return df


def load_history(out: Path):
    import pyabc

    return pyabc.History(f"sqlite:///{Path(out) / DB}", _id=1)


def predictive(targets: Targets, post: pd.DataFrame, draws: int, seed: int) -> pd.DataFrame:
    """Posterior predictive check: simulated rates with the observed trials, under particles
    drawn by weight; binomial sampling of the observed trials is included."""
    rng = np.random.default_rng(seed)
    names = [c for c in post.columns if c != "weight"]
    idx = rng.choice(len(post), size=draws, p=post["weight"].to_numpy())
    sim = Simulator(targets, replicates=1)
    rows = []
    for j, i in enumerate(idx):
        params = {k: float(post.iloc[i][k]) for k in names}
        rates = sim.rates(params, derive_seed(seed, j))
        for t in targets.targets:
            draw = rng.binomial(t.trials, min(max(rates[t.name], 0.0), 1.0)) / t.trials
            rows.append({"target": t.name, "draw": j, "rate": rates[t.name], "observed_trials_rate": draw})
    return pd.DataFrame(rows)


def validation(targets: Targets, pred: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for t in targets.targets:
        x = pred.loc[pred["target"] == t.name, "observed_trials_rate"]
        rows.append({
            "target": t.name,
            "observed": t.rate,
            "sim_median": float(x.median()),
            "sim_low": float(x.quantile(0.05)),
            "sim_high": float(x.quantile(0.95)),
            "group": t.group,
            "count": t.count,
            "trials": t.trials,
            "inside": bool(x.quantile(0.05) <= t.rate <= x.quantile(0.95)),
            "source": t.source,
        })
    return pd.DataFrame(rows)


def width_ratios(targets: Targets, post: pd.DataFrame) -> pd.DataFrame:
    """Posterior 90% interval width over prior width, and the weighted posterior median."""
    rows = []
    w = post["weight"].to_numpy()
    for key, prior in targets.priors.items():
        x = post[key].to_numpy()
        order = np.argsort(x)
        cw = np.cumsum(w[order])
        q = lambda p: float(x[order][min(np.searchsorted(cw, p), len(x) - 1)])  # noqa: E731
        lo, med, hi = q(0.05), q(0.5), q(0.95)
        rows.append({"parameter": key, "prior_low": prior.low, "prior_high": prior.high, "posterior_median": med,
                     "posterior_low": lo, "posterior_high": hi, "width_ratio": (hi - lo) / (prior.high - prior.low),
                     "source": prior.source})
    return pd.DataFrame(rows)
