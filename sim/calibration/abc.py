"""Approximate Bayesian computation with sequential Monte Carlo (pyabc).

A particle is a set of values for the parameters with priors. Its summary statistics are the
simulated rates of the targets (pooled over a few replicates), or the mean simulated count of a
count target; its distance to the data is the binomial deviance of each observed count given the
simulated rate, or the Poisson deviance of an observed count given the simulated mean, summed
over the targets: the likelihood-ratio statistic, zero when the simulation equals the data.

The sampler works on the normal score of each parameter's place in its prior range, where every
prior is a standard normal distribution with no edges. Fitted on the parameters themselves, the
perturbation kernel loses mass beyond the edges of the prior box, so particles near the edges
(where weakly informed parameters spread) are proposed rarely and weighted heavily, and the
effective sample size collapses. A normal prior also has lighter tails than the mixture of
normal kernels that proposes particles, which keeps the importance weights bounded (a logistic
prior, with heavier tails, does not).
The history lives in a SQLite database in the output folder, so an interrupted calibration
continues where it stopped, and ends with exactly the result of an uninterrupted one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from sim.atomic import atomic_write
from sim.calibration.targets import Targets
from sim.errors import InputError
from sim.results import write_json
from sim.runner import derive_seed, outcomes
from sim.scenario import with_values
from sim.summary import interval

DB = "abc.db"
SETTINGS = "calibration.json"  # what the database was started with
MOVES = "generations.json"  # per generation: the importance weights' effective sample size and the moves


@dataclass
class Settings:
    population: int = 150
    generations: int = 8
    replicates: int = 2
    workers: int = 1
    scheduler: str | None = None  # a Dask scheduler's address, instead of local workers
    seed: int = 1
    predictive_draws: int = 100
    epsilon_floor: float = 0.5  # per target: stop once the tolerance is below this
    min_ess_share: float = 0.3  # a generation whose effective sample size is below this share fails the check
    move_below: float = 0.5  # resample and move a generation whose effective sample size is below this share
    move_distinct: float = 0.8  # move until this share of the particles is distinct ...
    move_steps: int = 5  # ... or this many steps are done

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


def poisson_deviance(count: int, mean: float) -> float:
    """The Poisson deviance of an observed count given the simulated mean."""
    mu = max(mean, 1e-4)
    return 2.0 * ((count * math.log(count / mu) if count > 0 else 0.0) - (count - mu))


def deviance(target, value: float) -> float:
    if target.kind == "count":
        return poisson_deviance(target.count, value)
    return binomial_deviance(target.count, target.trials, value)


class Space:
    """Each parameter as the normal score of its place in its prior range (on the log scale for
    a loguniform prior), so that every prior is a standard normal distribution. Picklable."""

    def __init__(self, priors: dict):
        self.priors = dict(priors)

    def values(self, z: dict) -> dict[str, float]:
        out = {}
        for key, prior in self.priors.items():
            u = 0.5 * math.erfc(-float(z[key]) / math.sqrt(2.0))
            if prior.distribution == "loguniform":
                lo, hi = math.log(prior.low), math.log(prior.high)
                out[key] = float(min(max(math.exp(lo + u * (hi - lo)), prior.low), prior.high))
            else:
                out[key] = float(min(max(prior.low + u * (prior.high - prior.low), prior.low), prior.high))
        return out

    def distribution(self):
        import pyabc

        return pyabc.Distribution(**{key: pyabc.RV("norm", 0.0, 1.0) for key in self.priors})


class Simulator:
    """The model as pyabc sees it: parameters in, target rates out. Picklable."""

    def __init__(self, targets: Targets, replicates: int):
        self.targets = targets.targets
        self.scenarios = targets.scenarios
        self.replicates = replicates
        self.space = Space(targets.priors)

    def rates(self, params: dict, seed: int) -> dict[str, float]:
        """The simulated rate of each rate target (pooled) and mean count of each count target."""
        sums: dict[str, list[float]] = {t.name: [0.0, 0.0] for t in self.targets}
        for key, sc in self.scenarios.items():
            mine = [t for t in self.targets if t.scenario == key]
            if not mine:
                continue
            scenario = with_values(sc, params)
            for r in range(self.replicates):
                o = outcomes(scenario, derive_seed(seed, r))
                for t in mine:
                    sums[t.name][0] += o[t.numerator]
                    sums[t.name][1] += 1.0 if t.denominator is None else o[t.denominator]  # a count: mean over runs
        return {name: (num / den if den > 0 else 0.0) for name, (num, den) in sums.items()}

    def __call__(self, params) -> dict[str, float]:
        # the sampler seeds NumPy's global generator for each proposal; the model's seed comes from it
        seed = int(np.random.randint(0, 2**31 - 1))
        return self.rates(self.space.values(params), seed)


class Evaluate:
    """A particle's summary statistics and distance, for the moves. Picklable."""

    def __init__(self, simulator: Simulator, distance: Deviance):
        self.simulator, self.distance = simulator, distance

    def __call__(self, params: dict) -> tuple[dict, float]:
        x = self.simulator(params)
        return x, self.distance(x, None)


class Deviance:
    def __init__(self, targets: Targets):
        self.targets = targets.targets

    def __call__(self, x: dict, x0: dict | None) -> float:  # x0: the observed data, which the targets hold
        return sum(deviance(t, x[t.name]) for t in self.targets)


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

    from sim.calibration.move import Mover
    from sim.calibration.sampler import SeededSampler

    out = Path(out)

    def report(t: int, accepted: int, wanted: int) -> None:
        if progress and t >= 0:
            progress(t, settings.generations, {"accepted": accepted, "population": wanted})

    def record(t: int, info: dict) -> None:
        # written before pyabc stores generation t; a generation sampled again writes the same
        moves = read_moves(out)
        moves[str(t)] = info
        write_json(out / MOVES, moves)

    mover = Mover(Evaluate(Simulator(targets, settings.replicates), Deviance(targets)), settings.move_below,
                  settings.move_distinct, settings.move_steps)
    # connect to a Dask scheduler before anything is written: a calibration that cannot start leaves nothing
    sampler = SeededSampler(settings.seed, settings.workers, report, mover, record, scheduler=settings.scheduler)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _check_same_calibration(targets, out, settings)
        db_path = out / DB
        if not db_path.exists():
            _new_database(targets, db_path, settings)
        # A well-fitting model still scores about one unit of deviance per target from chance alone;
        # below half of that, acceptance collapses and particles fit simulation noise: stop there.
        floor = settings.epsilon_floor * len(targets.targets)
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
    return diagnostics(abc.history, read_moves(out), settings.min_ess_share)


def read_moves(out: Path) -> dict:
    try:
        return json.loads((Path(out) / MOVES).read_text())
    except (OSError, ValueError):
        return {}


def _abc(targets: Targets, settings: Settings, sampler):
    import pyabc

    return pyabc.ABCSMC(
        Simulator(targets, settings.replicates),
        Space(targets.priors).distribution(),
        Deviance(targets),
        population_size=settings.population,
        sampler=sampler,
    )


def _new_database(targets: Targets, db_path: Path, settings: Settings) -> None:
    """Create the database under a temporary name and move it into place: a calibration
    killed while creating it leaves no database that cannot be loaded."""
    from pyabc.sampler import SingleCoreSampler

    for stale in db_path.parent.glob(f".{db_path.name}.*"):  # of a creation killed before
        stale.unlink(missing_ok=True)
    observed = {t.name: t.rate for t in targets.targets}
    # pyabc closes the database after each call
    atomic_write(db_path, lambda tmp: _abc(targets, settings, SingleCoreSampler()).new(f"sqlite:///{tmp}", observed))


def _check_same_calibration(targets: Targets, out: Path, settings: Settings) -> None:
    """An existing folder is continued only with the same targets and settings."""
    key = {
        "targets": [t.model_dump() for t in targets.targets],
        "priors": {k: p.model_dump() for k, p in targets.priors.items()},
        # what the stored generations depend on; more generations or another stopping rule continue them
        "settings": {k: getattr(settings, k) for k in ("population", "replicates", "seed", "move_below",
                                                       "move_distinct", "move_steps")},
        "space": "normal score of the place in the prior range",
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


def diagnostics(history, moves: dict | None = None, min_share: float = 0.3) -> pd.DataFrame:
    """Per generation: tolerance, particles, simulations, the effective sample size of the final
    weights and of the importance weights before any resampling, the moves, and the check
    that the effective sample size and the distinct particles are each at least ``min_share``
    of the particles."""
    import pyabc

    moves = moves or {}
    pops = history.get_all_populations()
    pops = pops[pops["t"] >= 0]
    rows = []
    for _, row in pops.iterrows():
        t = int(row["t"])
        _, w = history.get_distribution(m=0, t=t)
        particles = int(history.get_nr_particles_per_population()[t])
        ess = float(pyabc.weighted_statistics.effective_sample_size(w))
        info = moves.get(str(t), {})
        moved = int(info.get("move_simulations", 0))
        proposals = int(row["samples"]) - moved
        distinct = int(info.get("distinct_particles", particles))
        rows.append({
            "generation": t,
            "epsilon": float(row["epsilon"]),
            "particles": particles,
            "simulations": int(row["samples"]),
            "acceptance_rate": particles / proposals if proposals else math.nan,
            "effective_sample_size": ess,
            "effective_sample_share": ess / particles,
            "importance_ess": float(info.get("importance_ess", ess)),
            "move_steps": int(info.get("move_steps", 0)),
            "move_simulations": moved,
            "moves_accepted": int(info.get("moves_accepted", 0)),
            "distinct_particles": distinct,
            "ess_ok": bool(ess >= min_share * particles and distinct >= min_share * particles),
        })
    return pd.DataFrame(rows, columns=["generation", "epsilon", "particles", "simulations", "acceptance_rate",
                                       "effective_sample_size", "effective_sample_share", "importance_ess",
                                       "move_steps", "move_simulations", "moves_accepted", "distinct_particles",
                                       "ess_ok"])


def posterior(history, targets: Targets) -> pd.DataFrame:
    """The last generation's particles as parameter values, with weights summing to 1."""
    z, w = history.get_distribution(m=0, t=history.max_t)
    space = Space(targets.priors)
    df = pd.DataFrame([space.values(row) for row in z.to_dict("records")], columns=list(targets.priors))
    df["weight"] = np.asarray(w) / np.sum(w)
    return df


def load_history(out: Path):
    import pyabc

    return pyabc.History(f"sqlite:///{Path(out) / DB}", _id=1)


def predictive(targets: Targets, post: pd.DataFrame, draws: int, seed: int) -> pd.DataFrame:
    """Posterior predictive check: simulated rates with the observed trials, under particles
    drawn by weight; binomial sampling of the observed trials is included, and Poisson sampling
    around the simulated count of a count target."""
    rng = np.random.default_rng(seed)
    names = [c for c in post.columns if c != "weight"]
    idx = rng.choice(len(post), size=draws, p=post["weight"].to_numpy())
    sim = Simulator(targets, replicates=1)
    rows = []
    for j, i in enumerate(idx):
        params = {k: float(post.iloc[i][k]) for k in names}
        rates = sim.rates(params, derive_seed(seed, j))
        for t in targets.targets:
            if t.kind == "count":
                draw = float(rng.poisson(max(rates[t.name], 0.0)))
            else:
                assert t.trials is not None  # a rate has its trials: load_targets checks each target
                draw = rng.binomial(t.trials, min(max(rates[t.name], 0.0), 1.0)) / t.trials
            rows.append({"target": t.name, "draw": j, "rate": rates[t.name], "observed_trials_rate": draw})
    return pd.DataFrame(rows)


def validation(targets: Targets, pred: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for t in targets.targets:
        median, low, high = interval(pred.loc[pred["target"] == t.name, "observed_trials_rate"])
        rows.append({
            "target": t.name,
            "observed": t.rate,
            "sim_median": median,
            "sim_low": low,
            "sim_high": high,
            "group": t.group,
            "kind": t.kind,
            "count": t.count,
            "trials": t.trials,
            "inside": bool(low <= t.rate <= high),
            "source": t.source,
        })
    return pd.DataFrame(rows)


def _weighted_quantile(ordered: np.ndarray, cumulative_weight: np.ndarray, p: float) -> float:
    """The first of the sorted values whose cumulative weight reaches ``p``."""
    return float(ordered[min(int(np.searchsorted(cumulative_weight, p)), len(ordered) - 1)])


def width_ratios(targets: Targets, post: pd.DataFrame) -> pd.DataFrame:
    """Posterior 90% interval width over prior width, and the weighted posterior median."""
    rows = []
    w = post["weight"].to_numpy()
    for key, prior in targets.priors.items():
        x = post[key].to_numpy()
        order = np.argsort(x)
        cw = np.cumsum(w[order])
        lo, med, hi = (_weighted_quantile(x[order], cw, p) for p in (0.05, 0.5, 0.95))
        rows.append({"parameter": key, "prior_low": prior.low, "prior_high": prior.high, "posterior_median": med,
                     "posterior_low": lo, "posterior_high": hi, "width_ratio": (hi - lo) / (prior.high - prior.low),
                     "source": prior.source})
    return pd.DataFrame(rows)
