from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from sim import load_scenario, run
from sim.runner import replicate_seeds

PILOT = "scenarios/roermond_pilot.yaml"


def _outcomes(args):
    path, seed = args
    return run(load_scenario(path), seed).outcomes


def test_same_seed_same_result(root):
    sc = load_scenario(root / PILOT)
    a, b = run(sc, 42), run(sc, 42)
    assert a.outcomes == b.outcomes or all(
        (x == y) or (x != x and y != y) for x, y in zip(a.outcomes.values(), b.outcomes.values(), strict=True)
    )
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries)
    pd.testing.assert_frame_equal(a.starts, b.starts)


def test_different_seeds_differ(root):
    sc = load_scenario(root / PILOT)
    assert run(sc, 1).outcomes["starts"] != run(sc, 2).outcomes["starts"] or run(sc, 3).outcomes["starts"] != run(
        sc, 1
    ).outcomes["starts"]


def test_process_pool_equals_serial(root):
    path = str(root / PILOT)
    seeds = replicate_seeds(5, 4)
    serial = [_outcomes((path, s)) for s in seeds]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parallel = list(pool.map(_outcomes, [(path, s) for s in seeds]))
    assert pd.DataFrame(serial).equals(pd.DataFrame(parallel))
