"""All five methods of the national guide (seed 003) run together in the Roermond world, and
the starter-course route and the pre-school locations behave as the guide describes."""

from __future__ import annotations

import numpy as np
import pytest

from sim import load_scenario, run, run_replicates, runs_table

METHODS = ("network", "narrow", "broad", "ambassadors", "vve", "starter_courses")


@pytest.fixture(scope="module")
def all_methods(scenarios_dir):
    return runs_table(run_replicates(load_scenario(scenarios_dir / "roermond_all_methods.yaml"), 20, seed=19))


@pytest.mark.parametrize("method", METHODS)
def test_each_method_starts_people(all_methods, method):
    assert all_methods[f"{method}.starts"].median() > 0
    rates = all_methods[f"{method}.success_rate"].dropna()
    assert ((rates >= 0) & (rates <= 1)).all()


def test_childcare_on_site_removes_the_childcare_barrier(scenarios_dir):
    """Parents at a pre-school location are offered childcare with the course (003:495)."""
    on = load_scenario(scenarios_dir / "roermond_all_methods.yaml")
    off = load_scenario(scenarios_dir / "roermond_all_methods.yaml", {"strategies.vve.childcare_on_site": False})
    blocked_on = np.array([run(on, s).outcomes["vve.declined_childcare"] for s in range(6)])
    blocked_off = np.array([run(off, s).outcomes["vve.declined_childcare"] for s in range(6)])
    assert blocked_on.sum() == 0 and blocked_off.sum() > 0


def test_starter_courses_lead_on_to_trajectories(all_methods):
    """Most participants go on to a further trajectory (003:562); the course places are paid."""
    df = all_methods
    assert (df["starter_courses.follow_on_trajectories"] > 0).all()
    assert (df["starter_courses.follow_on_trajectories"] <= df["starter_courses.starts"]).all()
    assert (df["starter_courses.course_cost_eur"] > 0).all()


def test_the_registry_knows_every_method():
    from sim.labels import STRATEGY_LABELS
    from sim.strategies.registry import REGISTRY

    assert set(METHODS) <= set(REGISTRY) and set(REGISTRY) <= set(STRATEGY_LABELS)
