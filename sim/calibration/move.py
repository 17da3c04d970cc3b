"""Rejuvenating a degenerate generation: resample by weight, then move with ABC-MCMC.

With a dozen parameters and a few dozen particles, the importance weights of ABC-SMC (prior
over proposal density) vary so much that a few particles carry most of the weight: the
effective sample size falls to a tenth of the population, whichever kernel proposes them.
When it falls below a share of the population, the generation is resampled by weight
(systematic resampling) and every particle is moved by a few steps of ABC-MCMC (Marjoram et
al. 2003; as in the adaptive ABC-SMC of Del Moral, Doucet and Jasra 2012): a Gaussian random
walk scaled to the population's spread, accepted with the prior ratio and only if the
simulation lies within the generation's tolerance. The moves leave the ABC posterior of the
generation unchanged, so the resampled population has equal weights; the steps continue until
most particles are distinct (a copy carries no new information), or a number of steps is
reached. Everything is seeded from the sampler's seed, the generation and the particle, so the
result is the same on any number of processes.
"""

from __future__ import annotations

import math

import numpy as np


class Step:
    """One ABC-MCMC step of particle ``i`` (picklable; run in the sampler's workers)."""

    def __init__(self, keys: list[str], z: np.ndarray, chol: np.ndarray, evaluate, eps: float):
        self.keys, self.z, self.chol, self.evaluate, self.eps = keys, z, chol, evaluate, eps

    def __call__(self, i: int):
        z = self.z[i]
        new = z + self.chol @ np.random.standard_normal(len(z))
        # the priors are standard normal in the sampler's space
        if math.log(max(np.random.random(), 1e-300)) > -0.5 * (new @ new - z @ z):
            return None  # refused by the prior ratio; nothing simulated
        sum_stat, distance = self.evaluate(dict(zip(self.keys, map(float, new), strict=True)))
        return new, sum_stat, distance


class Mover:
    """Rejuvenates a generation whose effective sample size is below ``below`` of its particles.

    ``evaluate(params) -> (summary statistics, distance)`` simulates with NumPy's global
    generator, which the sampler seeds for each particle and step."""

    def __init__(self, evaluate, below: float = 0.5, distinct: float = 0.8, max_steps: int = 5):
        self.evaluate = evaluate
        self.below = below
        self.distinct = distinct
        self.max_steps = max_steps

    def rejuvenate(self, sample, eps: float, seed: int, run_indexed) -> tuple[object, dict]:
        """``seed`` draws the resampling; ``run_indexed(fn, step, n)`` is ``[fn(i) for i in
        range(n)]`` with the generators seeded for each step and particle."""
        from pyabc import Parameter
        from pyabc.population import Particle, Sample

        parts = sample.accepted_particles
        n = len(parts)
        w = np.array([p.weight for p in parts], dtype=float)
        w = w / w.sum()
        ess = float(1.0 / np.sum(w**2))
        info = {"importance_ess": ess, "move_steps": 0, "move_simulations": 0, "moves_accepted": 0,
                "distinct_particles": n}
        if ess >= self.below * n:
            return sample, info
        keys = list(parts[0].parameter.keys())
        z_all = np.array([[p.parameter[k] for k in keys] for p in parts], dtype=float)
        # systematic resampling: each particle is kept about n * w times
        rng = np.random.default_rng(seed)
        positions = (rng.random() + np.arange(n)) / n
        idx = np.minimum(np.searchsorted(np.cumsum(w), positions), n - 1)
        z = z_all[idx].copy()
        stats = [parts[i].sum_stat for i in idx]
        dist = [parts[i].distance for i in idx]
        # random-walk scale: the spread of the generation's proposals, a step of 1/sqrt(d) of it
        d = len(keys)
        cov = np.atleast_2d(np.cov(z_all.T)) + 1e-9 * np.eye(d)
        chol = np.linalg.cholesky(cov / d)
        for step in range(self.max_steps):
            if _distinct(z) >= self.distinct * n:
                break
            results = run_indexed(Step(keys, z, chol, self.evaluate, eps), step, n)
            info["move_steps"] += 1
            for i, r in enumerate(results):
                if r is None:
                    continue
                info["move_simulations"] += 1
                new, sum_stat, distance = r
                if distance <= eps:
                    z[i], stats[i], dist[i] = new, sum_stat, distance
                    info["moves_accepted"] += 1
        info["distinct_particles"] = _distinct(z)
        moved = Sample(record_rejected=sample.record_rejected, max_nr_rejected=sample.max_nr_rejected)
        for i in range(n):
            moved.append(Particle(m=0, parameter=Parameter(dict(zip(keys, map(float, z[i]), strict=True))), weight=1.0,
                                  sum_stat=stats[i], distance=float(dist[i]), accepted=True))
        return moved, info


def _distinct(z: np.ndarray) -> int:
    return len(np.unique(z, axis=0))
