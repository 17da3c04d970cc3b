"""Where runs execute: in this process, in a local process pool, or on a Dask cluster.

Every task is a chunk of runs ``(run_id, seed, values)``; a run's seed derives from the
experiment seed and its run id, never from the worker, so every executor gives the same rows.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from sim.errors import InputError, warning_once
from sim.workers import exit_with_parent

Task = list[tuple[int, int, dict]]  # (run_id, seed, parameter values)


@functools.lru_cache(maxsize=8)
def _base(scenario_yaml: str, fixed_yaml: str):
    import yaml

    from sim.scenario import validate_dict

    base = validate_dict(yaml.safe_load(scenario_yaml), "<scenario sent to the worker>")
    # the experiment's fixed values count as values the user set (a dated change replacing one warns)
    base._overrides = yaml.safe_load(fixed_yaml) or {}
    return base


class RunFailed(RuntimeError):
    """A run raised an error where it ran; the message says which run, where and what."""

    @classmethod
    def of(cls, what: str, exc: BaseException) -> RunFailed:
        """``what`` (e.g. "run 5 failed on the worker"), with the process, the host and the
        error on one line."""
        import socket

        text = " ".join(str(exc).split())
        return cls(f"{what} (process {os.getpid()} on {socket.gethostname()}): {type(exc).__name__}: {text}")


def run_chunk(scenario_yaml: str, fixed_yaml: str, outcomes: tuple[str, ...], task: Task) -> list[dict]:
    """Run a chunk of an experiment; a top-level function so that any executor can ship it.

    The scenario travels as its content, not as a path: a worker needs no copy of our files."""
    from sim.runner import outcomes as run_outcomes
    from sim.scenario import with_values

    rows = []
    run_id = None
    try:
        base = _base(scenario_yaml, fixed_yaml)
        for run_id, seed, values in task:
            scenario = with_values(base, values) if values else base
            o = run_outcomes(scenario, seed)
            rows.append({"run_id": run_id, "seed": seed, "outcomes": {k: o[k] for k in outcomes}})
    except Exception as exc:
        which = f"run {run_id}" if run_id is not None else "reading the scenario"
        raise RunFailed.of(f"{which} failed on the worker", exc) from None
    return rows


def _result(future, where: str):
    """A task's result; a worker that died or a task the cluster lost is reported as a failed run."""
    try:
        return future.result()
    except RunFailed:
        raise
    except Exception as exc:
        text = " ".join(str(exc).split()) or "no message"
        raise RunFailed(f"a chunk of runs failed on {where}: {type(exc).__name__}: {text}") from None


class Executor:
    """Runs tasks and yields their results as they finish, with a bounded number in flight."""

    def map_unordered(self, fn: Callable, tasks: Iterable) -> Iterator:
        raise TypeError  # pragma: no cover

    def close(self) -> None:
        pass

    workers = 1
    label = "serial"


class SerialExecutor(Executor):
    def map_unordered(self, fn, tasks):
        for task in tasks:
            yield fn(task)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    line = warning_once(message)
    if line is not None:
        print(line, file=sys.stderr, flush=True)


def _start_worker(parent: int) -> None:
    """A pool worker ends with its parent and reports warnings on one line, as the parent does."""
    exit_with_parent(parent)
    warnings.showwarning = _show_warning


class PoolExecutor(Executor):
    label = "process pool"

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_worker, initargs=(os.getpid(),))

    def map_unordered(self, fn, tasks):
        tasks = iter(tasks)
        limit = self.workers * 3  # memory stays flat: never more than a few chunks in flight
        pending = set()
        for task in tasks:
            pending.add(self.pool.submit(fn, task))
            if len(pending) >= limit:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield _result(f, "a worker process")
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield _result(f, "a worker process")

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor(Executor):
    label = "dask"

    def __init__(self, address: str, timeout: float = 10.0):
        self.client = dask_client(address, timeout)
        self.workers = cluster_slots(self.client)

    def map_unordered(self, fn, tasks):
        from distributed import as_completed

        tasks = iter(tasks)
        limit = self.workers * 3
        first = []
        for task in tasks:
            first.append(self.client.submit(fn, task, pure=False))
            if len(first) >= limit:
                break
        if not first:
            return
        ac = as_completed(first, loop=self.client.loop)
        for future in ac:
            result = _result(future, "a Dask worker")
            future.release()
            yield result
            nxt = next(tasks, None)
            if nxt is not None:
                ac.add(self.client.submit(fn, nxt, pure=False))

    def close(self) -> None:
        self.client.close()


def dask_client(address: str, timeout: float = 10.0):
    """A client of the Dask scheduler at ``address``; one-line errors for a missing extra or an
    address nobody answers at (sweeps and the calibration say the same)."""
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover
        raise InputError("command line", "--scheduler", "needs the 'dask' extra (dask.distributed is not installed)",
                         "pip install 'outreach-sim[dask]'") from None
    try:
        return Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(
            "command line", "--scheduler", f"cannot reach the Dask scheduler at {address} ({type(exc).__name__})",
            "the address of a running scheduler, e.g. tcp://127.0.0.1:8786",
        ) from None


def cluster_slots(client) -> int:
    """Tasks the cluster runs at once: its worker threads."""
    info = client.scheduler_info()
    return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def _address_problem(address: str) -> str | None:
    """What makes ``address`` no address of a Dask scheduler, if anything."""
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    if not address.strip():
        return "it is empty"
    scheme, location = parse_address(address)
    try:
        get_backend(scheme)
    except ValueError:
        return f"unknown scheme {scheme!r}"
    if scheme == "inproc":  # every other scheme is host:port
        return None
    try:
        port = parse_host_port(location)[1]
    except ValueError:
        return "the port is not a number" if ":" in location.rpartition("]")[2] else "it has no port number"
    return None if 1 <= port <= 65535 else f"port {port} is out of range"


def check_scheduler_address(address: str) -> None:
    """A scheduler address Dask can parse, checked before connecting: given a malformed one,
    the client fails in a thread of its own and then waits for its timeout."""
    try:
        import distributed  # noqa: F401
    except ImportError:  # pragma: no cover - dask_client says which extra is missing
        return
    problem = _address_problem(address)
    if problem:
        raise InputError("command line", "--scheduler", f"{address!r} is not a scheduler address: {problem}",
                         "allowed: SCHEME://HOST:PORT or HOST:PORT, e.g. tcp://127.0.0.1:8786")


def check_executor_options(workers: int | None = None, scheduler: str | None = None) -> None:
    """The options alone, before any file is read or written."""
    if scheduler is not None:
        if workers is not None:  # even 1: the two options are exclusive
            raise InputError("command line", "--workers", "given together with --scheduler", "one of the two")
        check_scheduler_address(scheduler)
        return
    n = workers if workers is not None else default_workers()
    if n < 1:
        raise InputError("command line", "--workers", f"value {n} is too small", "allowed: a whole number >= 1")


def make_executor(workers: int | None = None, scheduler: str | None = None) -> Executor:
    check_executor_options(workers, scheduler)
    if scheduler:
        return DaskExecutor(scheduler)
    n = workers if workers is not None else default_workers()
    return SerialExecutor() if n == 1 else PoolExecutor(n)


def default_workers() -> int:
    return max(1, min(multiprocessing.cpu_count(), 8))


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] if items else []
