"""A pyabc sampler whose populations depend only on the seed and the generation.

Proposal ``i`` of generation ``t`` runs with NumPy's and Python's generators seeded from
``(seed, t, i)``, and the population is the first ``n`` accepted proposals in index order.
So the result is the same on one process, a local pool or a Dask cluster (the same chunks
submitted to a ``distributed.Client``), and a generation that was interrupted and sampled
again is the same generation. pyabc's own multicore samplers reseed their
workers from the operating system and keep whichever particles finish first.

A generation whose effective sample size is too low is rejuvenated by a ``Mover``
(resampling and ABC-MCMC moves, sim/calibration/move.py), whose steps are seeded the same
way from ``(seed, t, i, step)``.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
import random
import signal
import threading
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any

import numpy as np
from pyabc.sampler import Sampler

from sim.runner import derive_seed
from sim.workers import exit_with_parent


def _start_worker(parent: int) -> None:
    """A local worker ends with its parent and leaves Ctrl-C to it: a Ctrl-C in a terminal
    reaches the whole process group, and a worker that died of it in the middle of a chunk
    would leave the pool waiting for that chunk. The parent stops and ends the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(parent)

_cache: dict = {"key": None, "fn": None}  # in a worker: the generation's simulate function
# Threads of one Dask worker share NumPy's global generator: one proposal at a time per process.
_lock = threading.Lock()


def _seed_for(seed: int, t: int, i: int, *more: int) -> None:
    s = derive_seed(seed, t + 1, i, *more)  # t is -1 for the calibration sample from the prior
    np.random.seed(s % (2**32))
    random.seed(s)


def _evaluate_chunk(task) -> list:
    """Worker side: unpickle the function once per generation (or move step), then run it for
    each index: ``fn()`` for proposals, ``fn(i)`` for the moves of step ``more[0] - 1``."""
    key, payload, seed, t, indices, more, where = task
    out = []
    with _lock:
        if _cache["key"] != key:
            import cloudpickle

            _cache["fn"] = cloudpickle.loads(payload)
            _cache["key"] = key
        fn = _cache["fn"]
        for i in indices:
            _seed_for(seed, t, i, *more)
            out.append(_one(fn, t, i, more, where))
    return out


def _one(fn, t: int, i: int, more: tuple, where: str = ""):
    """One proposal (or move); an error in it becomes one line saying which, where and what,
    as a failed run of a sweep does (the finished generations are kept). ``where``: " on a
    local worker", " on a Dask worker", or nothing in this process."""
    try:
        return fn(i) if more else fn()
    except Exception as exc:
        from sim.experiments.executors import RunFailed

        which = f"move {i} of step {more[0]}" if more else f"proposal {i}"
        raise RunFailed.of(f"{which} of generation {t} failed{where}", exc) from None


class SeededSampler(Sampler):
    def __init__(self, seed: int, workers: int = 1, on_progress: Callable[[int, int, int], None] | None = None,
                 mover=None, on_generation: Callable[[int, dict], None] | None = None, scheduler: str | None = None):
        super().__init__()
        self.seed = int(seed)
        self.workers = int(workers)
        self._client: Any = None  # a dask.distributed Client, when a scheduler is given
        if scheduler:
            from sim.experiments.executors import cluster_slots, dask_client

            self._client = dask_client(scheduler)
            self.workers = cluster_slots(self._client)
        self.on_progress = on_progress  # (t, accepted, wanted)
        self.mover = mover
        self.on_generation = on_generation  # (t, what the mover did), before pyabc stores generation t
        self._pool: Pool | None = None

    def _map(self, simulate_one, t: int, start: int, size: int, more: tuple = ()):
        """Results of indices start .. start+size-1, in index order, lazily when serial."""
        if self.workers <= 1 and self._client is None:
            for i in range(start, start + size):
                _seed_for(self.seed, t, i, *more)
                yield _one(simulate_one, t, i, more)
            return
        per = math.ceil(size / self.workers)
        where = " on a Dask worker" if self._client is not None else " on a local worker"
        tasks = [(self._key, self._payload, self.seed, t, list(range(s, min(s + per, start + size))), more, where)
                 for s in range(start, start + size, per)]
        if self._client is not None:
            yield from self._map_dask(tasks)
            return
        if self._pool is None:
            # spawn, not fork: the parent has threads (progress bar, database) that fork would copy mid-lock
            self._pool = multiprocessing.get_context("spawn").Pool(self.workers, initializer=_start_worker,
                                                                   initargs=(os.getpid(),))
        for chunk in self._pool.imap(_evaluate_chunk, tasks):
            yield from chunk

    def _map_dask(self, tasks: list):
        """The chunks on the cluster, their results read in index order; the chunks still
        pending when the caller stops reading (the population is full) are cancelled."""
        from sim.experiments.executors import _result

        futures = [self._client.submit(_evaluate_chunk, task, pure=False) for task in tasks]
        try:
            for future in futures:
                yield from _result(future, "a Dask worker")  # a lost worker: one line, as for sweeps
        finally:
            self._client.cancel([f for f in futures if not f.done()])

    def _ship(self, fn) -> None:
        """Pickle ``fn`` once for the workers, under a key of its own."""
        if self.workers > 1 or self._client is not None:
            import cloudpickle

            self._payload = cloudpickle.dumps(fn)
            # by content: a Dask worker outlives this process, and keeps the last function it loaded
            self._key = hashlib.sha256(self._payload).hexdigest()

    def _rejuvenate(self, sample, t: int, eps: float):
        def run_indexed(step_fn, step: int, n: int) -> list:
            self._ship(step_fn)
            return list(self._map(step_fn, t, 0, n, (step + 1,)))

        sample, info = self.mover.rejuvenate(sample, eps, derive_seed(self.seed, t + 1, 2**40, 1), run_indexed)
        self.nr_evaluations_ += info["move_simulations"]
        if self.on_generation:
            self.on_generation(t, info)
        return sample

    def sample_until_n_accepted(self, n, simulate_one, t, *, max_eval=np.inf, all_accepted=False, ana_vars=None):
        self._ship(simulate_one)
        sample = self._create_empty_sample()
        evaluated = 0
        while sample.n_accepted < n and evaluated < max_eval:
            # a batch of about the proposals still needed at the acceptance rate so far
            rate = max(sample.n_accepted / evaluated, 0.02) if evaluated else 1.0
            size = max(self.workers * 4, math.ceil((n - sample.n_accepted) / rate))
            size = int(min(size, max_eval - evaluated, 50_000))
            for particle in self._map(simulate_one, t, evaluated, size):
                sample.append(particle)
                evaluated += 1
                if particle.accepted and sample.n_accepted >= n:
                    break
            if self.on_progress:
                self.on_progress(t, min(sample.n_accepted, n), n)
        self.nr_evaluations_ = evaluated
        if sample.n_accepted < n:
            sample.ok = False
        elif self.mover is not None and t >= 0 and ana_vars is not None:
            sample = self._rejuvenate(sample, t, float(ana_vars.eps(t)))
        # the parent's generator ends every generation in the same state, however it was sampled
        _seed_for(self.seed, t, 2**40)
        return sample

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
