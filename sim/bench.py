"""Benchmarks that print figures (never timed tests). Every figure is also a ratio to Mesa's
Boltzmann wealth model, timed in the same process between the measured runs, so that both
see the same load on a shared machine and the ratio moves less than the seconds do.

Measured: a Roermond pilot run, cost per contact event, one Step of the trainer app, growth
with city size and with simulated years, runs per second on 1 and 2 workers, peak memory;
on request a Sobol analysis of 9,216 runs and the full Roermond calibration (wall times).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sim.model import OutreachModel
from sim.runner import collect, paused_gc, run
from sim.scenario import Scenario, load_scenario, with_values

DATA = Path(__file__).resolve().parent / "data"
SCENARIOS = DATA / "scenarios"
PILOT = SCENARIOS / "roermond_pilot.yaml"

CONTACT_METRICS = (
    "addresses_approached", "second_visits", "conversations", "names_received", "leads", "aftercare_visits",
)


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


def time_model(scenario: Scenario, seeds: list[int]) -> dict:
    """Median times of building the world and of running it, as ``sim.run`` does them, with
    the yardstick timed after each run; ``ratio_to_yardstick`` is total over yardstick."""
    build, runs, contacts, yard = [], [], [], []
    for s in seeds:
        with paused_gc():
            t0 = time.perf_counter()
            model = OutreachModel(scenario, s)
            t1 = time.perf_counter()
            model.run()
            t2 = time.perf_counter()
            o = collect(model).outcomes
        del model
        gc.collect()  # its garbage is collected outside the timed part, and not in the yardstick's time
        build.append(t1 - t0)
        runs.append(t2 - t1)
        contacts.append(sum(o[m] for m in CONTACT_METRICS))
        yard.append(yardstick(1))
    run_median, total = statistics.median(runs), statistics.median(b + r for b, r in zip(build, runs, strict=True))
    per_contact = run_median / max(statistics.median(contacts), 1)
    return {
        "build_s": statistics.median(build),
        "run_s": run_median,
        "total_s": total,
        "yardstick_s": statistics.median(yard),
        "ratio_to_yardstick": total / statistics.median(yard),
        "contacts": statistics.median(contacts),
        "us_per_contact": 1e6 * per_contact,
        "contacts_per_yardstick": statistics.median(yard) / per_contact if per_contact else float("nan"),
        "repeats": len(seeds),
    }


def app_step(runs: int) -> dict | None:
    """One Step of the trainer app on the Roermond pilot, as the server does it: the model's
    step (a week) and the page it re-renders (status, this week, tiles, map, four charts).
    Median over the steps of a run, per run, with the yardstick timed between runs. None
    without the app's extra (solara)."""
    import importlib.util

    if importlib.util.find_spec("solara") is None:
        return None
    from sim import app

    sc = app.load(PILOT.stem)
    steps, models, pages, yard = [], [], [], []
    for r in range(runs):
        draft = app._draft_of(sc) | {"seed_text": str(r + 1)}
        model = app._build(sc, draft, 7)
        lay = app.layout(model)
        app.static_svg(lay, False)  # drawn once per run (memoised by the page)
        m_times, p_times = [], []
        while model.running:
            t0 = time.perf_counter()
            model.step()
            t1 = time.perf_counter()
            _render(app, model, lay)
            m_times.append(t1 - t0)
            p_times.append(time.perf_counter() - t1)
        steps.append(statistics.median(m + p for m, p in zip(m_times, p_times, strict=True)))
        models.append(statistics.median(m_times))
        pages.append(statistics.median(p_times))
        del model
        gc.collect()
        yard.append(yardstick(1))
    step = statistics.median(steps)
    return {"step_s": step, "model_s": statistics.median(models), "page_s": statistics.median(pages),
            "steps_per_run": len(m_times), "runs": runs, "yardstick_s": statistics.median(yard),
            "ratio_to_yardstick": step / statistics.median(yard)}


def _render(app, model, lay) -> None:
    """What the page's Results component computes after a Step (sim/app.py)."""
    app.status_line(model, "en")
    app.this_step_html(model, "en")
    app.tiles(model, "en")
    app.legend_items(False)
    app.dynamic_svg(model, lay, model.doors_this_step(), False)
    for make in (app.starts_chart, app.success_chart, app.hours_chart, app.cost_chart):
        make(model, "en", False)


def city(households: int, years: float | None = None, network_only: bool = False) -> Scenario:
    sc = load_scenario(SCENARIOS / "synthetic_city.yaml", overrides={"world.city.households": households})
    if years is None:
        return sc
    end = sc.start + dt.timedelta(days=round(365.25 * years))
    data: dict[str, object] = {"end": end}
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
    path = str(PILOT)
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


def run_benchmarks(quick: bool = False, progress: Callable[[str], None] | None = None) -> dict:
    """All figures; ``quick`` uses fewer repeats and smaller cities (for tests)."""
    step = progress or (lambda label: None)
    repeats = 3 if quick else 15
    # the load other processes put on the machine: a busy machine makes every figure uncertain
    out: dict = {"machine": {"cpus": multiprocessing.cpu_count(), "load_before": os.getloadavg()[0]}, "quick": quick}
    step("Roermond pilot and yardstick")
    pilot = time_model(load_scenario(PILOT), list(range(repeats)))
    out["yardstick_boltzmann_s"] = pilot["yardstick_s"]
    out["roermond_pilot"] = pilot
    step("the trainer app's Step")
    out["app_step"] = app_step(1 if quick else 3)
    small, large = (1000, 10000) if quick else (10000, 100000)
    step(f"city of {small:,} and {large:,} households")
    n_city = 1 if quick else 3
    a, b = time_model(city(small), list(range(n_city))), time_model(city(large), list(range(n_city)))
    out["city_scaling"] = {"small_households": small, "large_households": large, "small": a, "large": b,
                           "size_ratio": large / small, "time_ratio": b["total_s"] / a["total_s"]}
    step("simulated years")
    years = {y: time_model(city(small, years=y, network_only=True), list(range(n_city))) for y in (1, 2, 4)}
    out["years_scaling"] = {"households": small, "years": {str(y): f for y, f in years.items()},
                            "time_ratio_2_to_1": years[2]["total_s"] / years[1]["total_s"],
                            "time_ratio_4_to_1": years[4]["total_s"] / years[1]["total_s"]}
    step("runs per second")
    n_runs = 12 if quick else 60
    yard = [yardstick(1)]
    r1 = runs_per_second(1, n_runs)
    yard.append(yardstick(1))
    r2 = runs_per_second(2, n_runs)
    yard.append(yardstick(1))
    y = statistics.median(yard)
    out["sweep_throughput"] = {"runs": n_runs, "workers_1_per_s": r1, "workers_2_per_s": r2,
                               "parallel_efficiency": r2 / (2 * r1), "yardstick_s": y,
                               "workers_1_per_yardstick": r1 * y, "workers_2_per_yardstick": r2 * y}
    step("peak memory")
    out["peak_memory_mib"] = {str(small): peak_memory_mib(small), str(large): peak_memory_mib(large)}
    out["machine"]["load_after"] = os.getloadavg()[0]
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
                      "strategies": [{"type": "network", "start": "2020-01-06", "end": "2020-12-31",
                                      "hours_per_week": 24}]},
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


def wall_time(fn: Callable[[], dict]) -> dict:
    """Seconds of a long job, with the yardstick timed just before and just after it."""
    before = yardstick(3)
    t0 = time.perf_counter()
    figures = fn()
    seconds = time.perf_counter() - t0
    yard = statistics.median([before, yardstick(3)])
    return {**figures, "seconds": seconds, "yardstick_s": yard, "ratio_to_yardstick": seconds / yard}


def sobol_benchmark(n: int = 512, workers: int = 2) -> dict:
    """The analysis the performance goal names: 8 parameters, Sobol N = 512 with the second-order
    design, i.e. N (2D + 2) = 9,216 runs of the Roermond pilot (experiments/roermond_sensitivity.yaml)."""
    import tempfile

    from sim.experiments import load_experiment, run_sensitivity

    exp = load_experiment(DATA / "experiments" / "roermond_sensitivity.yaml")
    runs = n * (2 * len(exp.names) + 2) * exp.spec.replicates
    with tempfile.TemporaryDirectory() as tmp:
        def analyse() -> dict:
            run_sensitivity(exp, "sobol", n, Path(tmp) / "sobol", workers=workers, second_order=True)
            return {}

        figures = wall_time(analyse)
    return {"n": n, "parameters": len(exp.names), "runs": runs, "workers": workers, **figures,
            "runs_per_s": runs / figures["seconds"]}


def calibration_benchmark(workers: int = 2, **settings) -> dict:
    """The full Roermond calibration (the default settings of ``outreach calibrate``, unless
    ``settings`` says otherwise) on local workers: ABC-SMC, posterior, predictive check and
    report, into a temporary folder."""
    import tempfile

    from sim.calibration.abc import Settings
    from sim.calibration.run import run_calibration
    from sim.calibration.targets import load_targets

    targets = load_targets(DATA / "calibration" / "roermond.yaml")
    chosen = Settings(workers=workers, **settings)
    with tempfile.TemporaryDirectory() as tmp:
        def calibrate() -> dict:
            diag = run_calibration(targets, Path(tmp) / "cal", chosen)["diagnostics"]
            return {"generations": len(diag), "simulations": int(diag["simulations"].sum())}

        figures = wall_time(calibrate)
    return {"workers": workers, "population": chosen.population, "replicates": chosen.replicates, **figures}


# What ``breakdown`` times: the parts of the weekly tick, and the calls the model schedules,
# each as (module, class, method, label). A part nested in another is labelled "of which".
_PARTS = (
    ("sim.recorder", "Recorder", "snapshot_week", "week: the recorder's snapshot"),
    ("sim.agents.name_source", "NameSourceTable", "update_engagement", "week: partners' engagement"),
    ("sim.pathway", "Pathway", "book_case_management", "week: case management"),
    ("sim.strategies.network", "NetworkApproach", "plan_week", "week: network approach's plan"),
    ("sim.strategies.base", "Strategy", "take_names", "  of which names passed on"),
    ("sim.strategies.network", "NetworkApproach", "spend_presence", "  of which presence"),
    ("sim.strategies.home_visits", "HomeVisits", "plan_week", "week: home visits' plan"),
    ("sim.pathway", "Pathway", "review_ladders", "quarterly ladder reviews"),
    ("sim.strategies.network", "NetworkApproach", "_handover", "a name followed up"),
    ("sim.strategies.home_visits", "HomeVisits", "visit", "a home visit (first and second)"),
    ("sim.pathway", "Pathway", "_start", "a course start"),
    ("sim.pathway", "Pathway", "_finish", "a course end"),
    ("sim.pathway", "Pathway", "_call_back", "a call back"),
    ("sim.pathway", "Pathway", "_intake_appointment", "an intake appointment"),
    ("sim.strategies.campaign", "MediaCampaign", "_launch", "the media campaign's launch"),
    ("sim.strategies.campaign", "MediaCampaign", "_follow_up", "a campaign lead followed up"),
    ("sim.strategies.broad", "BroadVisits", "_aftercare", "an aftercare visit"),
)


@contextlib.contextmanager
def _timed_parts(totals: dict[str, list]) -> Iterator[None]:
    """Time each part of ``_PARTS`` while inside: ``totals[label]`` gets [seconds, calls]. The
    methods are wrapped on their classes and restored on the way out; a wrapped method does
    what it did, so a run gives the same results."""
    import importlib

    saved = []
    for module, cls_name, method, label in _PARTS:
        cls = getattr(importlib.import_module(module), cls_name)
        original = cls.__dict__[method]
        totals.setdefault(label, [0.0, 0])
        saved.append((cls, method, original))
        setattr(cls, method, _timer(original, totals[label]))
    try:
        yield
    finally:
        for cls, method, original in reversed(saved):
            setattr(cls, method, original)


def _timer(fn: Callable, into: list) -> Callable:
    clock = time.perf_counter

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        t0 = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            into[0] += clock() - t0
            into[1] += 1

    return timed


def breakdown(runs: int = 10) -> list[tuple[str, float, float]]:
    """Where a Roermond pilot run spends its time, without a profiler's overhead: milliseconds
    a run and calls a run for building the world, the parts of the weekly tick and each kind of
    scheduled call (clock readings around each; they add about a microsecond a call)."""
    scenario = load_scenario(PILOT)
    run(scenario, 0)  # imports and caches warm
    totals: dict[str, list] = {}
    build = total = 0.0
    with _timed_parts(totals), paused_gc():
        for seed in range(runs):
            t0 = time.perf_counter()
            model = OutreachModel(scenario, seed)
            t1 = time.perf_counter()
            model.run()
            t2 = time.perf_counter()
            build += t1 - t0
            total += t2 - t0
            del model
            gc.collect()  # each run starts on a clean heap, as in time_model
    rows = [("building the world", 1e3 * build / runs, 1.0)]
    rows += [(label, 1e3 * seconds / runs, calls / runs) for label, (seconds, calls) in totals.items() if calls]
    # the top-level parts (not "of which") and the rest: the event loop, demand, other calls
    counted = sum(ms for label, ms, _ in rows if not label.startswith(" "))
    rows.append(("everything else", max(0.0, 1e3 * total / runs - counted), float("nan")))
    rows.append(("a whole run", 1e3 * total / runs, 1.0))
    return rows


def profile(top: int = 25, seed: int = 1) -> str:
    """The top of a cProfile of one Roermond pilot run (build and run), by own time."""
    import cProfile
    import io
    import pstats

    scenario = load_scenario(PILOT)
    run(scenario, seed)  # imports and caches warm, as in a sweep
    prof = cProfile.Profile()
    prof.enable()
    run(scenario, seed)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(top)
    return buf.getvalue()
