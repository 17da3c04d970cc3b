"""Benchmarks that print figures (never timed tests): a Roermond pilot run, cost per contact,
scaling with city size and with simulated years, runs per second on 1 and 2 workers, peak
memory, and Mesa's Boltzmann wealth model as a yardstick that moves with the machine.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sim.model import OutreachModel
from sim.runner import collect, paused_gc, run
from sim.scenario import Scenario, load_scenario, with_values

DATA = Path(__file__).resolve().parent / "data"
SCENARIOS = DATA / "scenarios"

CONTACT_METRICS = ("addresses_approached", "second_visits", "conversations", "names_received", "leads", "aftercare_visits")


def yardstick(repeats: int = 5) -> float:
    """Median seconds of Mesa's Boltzmann wealth model, 1,000 agents, 20 steps."""
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannScenario, BoltzmannWealth

    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        model = BoltzmannWealth(BoltzmannScenario(n=1000, width=10, height=10, rng=i))
        for _ in range(20):
            model.step()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_model(scenario: Scenario, seeds: list[int], yard: list[float] | None = None) -> dict:
    """Median times of building the world and of running it, as ``sim.run`` does them.

    With ``yard`` given, the yardstick is timed between runs too, so that both see the same
    load on a busy machine."""
    build, runs, contacts = [], [], []
    for s in seeds:
        with paused_gc():
            t0 = time.perf_counter()
            model = OutreachModel(scenario, s)
            t1 = time.perf_counter()
            model.run()
            t2 = time.perf_counter()
            o = collect(model).outcomes
        del model  # its garbage is collected outside the timed part, as in a sweep
        build.append(t1 - t0)
        runs.append(t2 - t1)
        contacts.append(sum(o[m] for m in CONTACT_METRICS))
        if yard is not None:
            yard.append(yardstick(1))
    run_median = statistics.median(runs)
    return {
        "build_s": statistics.median(build),
        "run_s": run_median,
        "total_s": statistics.median(b + r for b, r in zip(build, runs)),
        "contacts": statistics.median(contacts),
        "us_per_contact": 1e6 * run_median / max(statistics.median(contacts), 1),
        "repeats": len(seeds),
    }


def city(households: int, years: float | None = None, network_only: bool = False) -> Scenario:
    sc = load_scenario(SCENARIOS / "synthetic_city.yaml", overrides={"world.city.households": households})
    if years is None:
        return sc
    end = sc.start + dt.timedelta(days=round(365.25 * years))
    data = {"end": end}
    if network_only:
        data["strategies"] = [{"type": "network", "start": sc.start, "end": end, "hours_per_week": 24}]
    return with_values(sc, data)


@functools.lru_cache(maxsize=4)
def _scenario(path: str) -> Scenario:
    return load_scenario(path)


def _one_run(args) -> float:
    path, seed = args
    run(_scenario(path), seed)
    return 0.0


def runs_per_second(workers: int, runs: int) -> float:
    path = str(SCENARIOS / "roermond_pilot.yaml")
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        list(pool.map(_one_run, [(path, s) for s in range(workers)]))  # start the workers first
        t0 = time.perf_counter()
        list(pool.map(_one_run, [(path, s) for s in range(runs)]))
        return runs / (time.perf_counter() - t0)


def _peak_rss_child(households: int) -> float:
    before = _high_water_mib()
    OutreachModel(city(households), 1).run()
    return _high_water_mib() - before


def _high_water_mib() -> float:
    """Peak resident memory of this process (VmHWM; unlike ru_maxrss it starts anew at exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def peak_memory_mib(households: int) -> float:
    """Peak memory a fresh process adds to build and run the city (after its imports)."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(_peak_rss_child, households).result()


def run_benchmarks(quick: bool = False, progress=None) -> dict:
    """All figures; ``quick`` uses fewer repeats and smaller cities (for tests)."""
    step = progress or (lambda label: None)
    repeats = 3 if quick else 15
    out: dict = {"machine": {"cpus": multiprocessing.cpu_count()}, "quick": quick}
    step("Roermond pilot and yardstick")
    yard_times: list[float] = []
    pilot = time_model(load_scenario(SCENARIOS / "roermond_pilot.yaml"), list(range(repeats)), yard_times)
    out["yardstick_boltzmann_s"] = yard = statistics.median(yard_times)
    pilot["ratio_to_yardstick"] = pilot["total_s"] / yard
    out["roermond_pilot"] = pilot
    small, large = (1000, 10000) if quick else (10000, 100000)
    step(f"city of {small:,} and {large:,} households")
    n_city = 1 if quick else 3
    a = time_model(city(small), list(range(n_city)))
    b = time_model(city(large), list(range(n_city)))
    out["city_scaling"] = {
        "small_households": small,
        "large_households": large,
        "small": a,
        "large": b,
        "time_ratio": b["total_s"] / a["total_s"],
        "size_ratio": large / small,
        "large_ratio_to_yardstick": b["total_s"] / yard,
    }
    step("simulated years")
    y1 = time_model(city(small, years=1, network_only=True), list(range(n_city)))
    y10 = time_model(city(small, years=10, network_only=True), list(range(n_city)))
    out["years_scaling"] = {"households": small, "one_year": y1, "ten_years": y10, "time_ratio": y10["total_s"] / y1["total_s"]}
    step("runs per second")
    n_runs = 12 if quick else 60
    r1 = runs_per_second(1, n_runs)
    r2 = runs_per_second(2, n_runs)
    out["sweep_throughput"] = {"runs": n_runs, "workers_1_per_s": r1, "workers_2_per_s": r2, "parallel_efficiency": r2 / (2 * r1)}
    step("peak memory")
    out["peak_memory_mib"] = {str(small): peak_memory_mib(small), str(large): peak_memory_mib(large)}
    return out


def sweep_memory_mib(runs: int, workers: int = 2) -> dict:
    """Peak memory of ``outreach sweep`` over ``runs`` cheap runs (a small city over one year),
    measured from a tiny launcher so that nothing else counts; also the wall time."""
    import subprocess
    import sys
    import tempfile

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        exp = {
            "name": f"memory {runs}",
            "scenario": str(SCENARIOS / "synthetic_city.yaml"),
            "design": "grid",
            "replicates": runs // 4,
            "seed": 1,
            "chunk": 25,
            "fixed": {"world.city.households": 300, "end": "2020-12-31",
                      "strategies": [{"type": "network", "start": "2020-01-06", "end": "2020-12-31", "hours_per_week": 24}]},
            "parameters": {"policy.fee_eur": {"values": [0, 100, 200, 300]}},
            "outcomes": ["starts", "cost_per_start"],
        }
        path = Path(tmp) / "exp.yaml"
        path.write_text(yaml.safe_dump(exp))
        launcher = (
            "import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"subprocess.run([sys.executable, '-m', 'sim', 'sweep', {str(path)!r}, '--out', {tmp + '/out'!r}, "
            f"'--workers', '{workers}'], check=True, stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, time.perf_counter() - t)"
        )
        out = subprocess.run([sys.executable, "-c", launcher], capture_output=True, text=True, check=True, cwd=tmp)
        mib, seconds = map(float, out.stdout.split())
    return {"runs": runs, "workers": workers, "peak_rss_mib": mib, "seconds": seconds, "runs_per_s": runs / seconds}


def sobol_benchmark(n: int = 512, workers: int = 2) -> dict:
    """The analysis the performance goal names: 8 parameters, Sobol N = 512 with the second-order
    design, i.e. N (2D + 2) = 9,216 runs of the Roermond pilot (experiments/roermond_sensitivity.yaml)."""
    import tempfile

    from sim.experiments import load_experiment, run_sensitivity

    exp = load_experiment(DATA / "experiments" / "roermond_sensitivity.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        run_sensitivity(exp, "sobol", n, Path(tmp) / "sobol", workers=workers, second_order=True)
        seconds = time.perf_counter() - t0
    runs = n * (2 * len(exp.names) + 2) * exp.spec.replicates
    return {"n": n, "parameters": len(exp.names), "runs": runs, "workers": workers, "seconds": seconds,
            "runs_per_s": runs / seconds}
