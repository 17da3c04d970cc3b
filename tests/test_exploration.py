"""The model as a function for exploration tools: identifier names, the visit-slot lever,
refusals, the model's warning let through, and EMA Workbench's experiments and PRIM on a small
design."""

from __future__ import annotations

import pickle
import subprocess
import sys
import warnings

import pytest

import sim
from conftest import ROOT, SCENARIOS
from sim.errors import InputError
from sim.scenario import load_scenario

NARROW = SCENARIOS / "roermond_narrow_2009.yaml"


@pytest.fixture(scope="module")
def f():
    return sim.as_function(NARROW, outcomes=["starts", "cost_per_start", "narrow.conversations"])


def test_names_are_identifiers(f):
    assert f.outcomes == ["starts", "cost_per_start", "narrow__conversations"]
    assert all(name.isidentifier() for name in [*f.outcomes, *f.levers])
    assert {"fee_eur", "narrow_hours_per_week", "narrow_pairs", "coaches_count"} <= set(f.levers)


def test_same_as_a_run_with_the_same_values(f):
    from sim.runner import run

    sc = load_scenario(NARROW, {"policy.fee_eur": 0, "behaviour.home.morning": 0.5,
                                "strategies.narrow.hours_per_week": 12})
    expected = run(sc, 5).outcomes
    got = f(seed=5, fee_eur=0, behaviour__home__morning=0.5, narrow_hours_per_week=12)
    assert got == {"starts": expected["starts"], "cost_per_start": expected["cost_per_start"],
                   "narrow__conversations": expected["narrow.conversations"]}
    assert f(seed=5) == f(seed=5) and f() == f(seed=sc.seed)


def test_visit_slot_sets_every_home_visit_to_one_slot(f):
    scenario = load_scenario(SCENARIOS / "roermond_pilot.yaml")
    g = sim.as_function(scenario)
    values = g.values({"visit_slot": "evening"})
    for i, s in enumerate(scenario.strategies):
        if s.type in ("narrow", "broad"):
            assert values[f"strategies.{i}.slots"] == {"evening": 1.0}
            assert all("slots" not in phase for phase in values[f"strategies.{i}.phases"])
    morning, evening = f(seed=3, visit_slot="morning"), f(seed=3, visit_slot="evening")
    assert morning != evening
    with pytest.raises(InputError, match="visit_slot: unknown slot 'noon'"):
        f(visit_slot="noon")


def test_unknown_parameters_and_outcomes_are_refused(f):
    with pytest.raises(InputError, match=r"fee: no such parameter.*fee_eur"):
        f(fee=0)
    with pytest.raises(InputError, match=r"out of range|not valid|>= 0"):
        f(fee_eur=-1)
    with pytest.raises(InputError, match=r"does not produce 'startz'.*starts"):
        sim.as_function(NARROW, outcomes=["startz"])


def test_a_replaced_value_warns(f):
    """The narrow visits change framing on 2009-09-01 (a phase): a framing set over it warns."""
    with pytest.warns(UserWarning, match="strategies.0.framing.*replaced on 2009-09-01"):
        f(seed=1, narrow_framing="inburgering")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f(seed=1, fee_eur=0)  # nothing replaces the fee in this scenario


def test_picklable_for_process_pools(f):
    g = pickle.loads(pickle.dumps(f))
    assert g(seed=2, fee_eur=100) == f(seed=2, fee_eur=100)


def test_import_sim_stays_cheap():
    code = "import sys, sim; print('sim.exploration' in sys.modules, callable(sim.as_function))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_ema_workbench_experiments_and_prim():
    """EMA Workbench's own Model, parameters and outcomes; PRIM finds what drives many starts."""
    pytest.importorskip("ema_workbench")
    from ema_workbench import (
        CategoricalParameter,
        IntegerParameter,
        Model,
        RealParameter,
        ScalarOutcome,
        perform_experiments,
    )
    from ema_workbench.analysis import prim

    f = sim.as_function(NARROW, outcomes=["starts", "cost_per_start"])
    model = Model("outreach", function=f)
    model.uncertainties = [RealParameter("behaviour__home__late_afternoon", 0.4, 0.85),
                           IntegerParameter("seed", 0, 1_000_000)]
    model.levers = [RealParameter("fee_eur", 0, 270), IntegerParameter("narrow_hours_per_week", 5, 40),
                    CategoricalParameter("visit_slot", ["morning", "late_afternoon"])]
    model.outcomes = [ScalarOutcome(name) for name in f.outcomes]
    experiments, outcomes = perform_experiments(model, scenarios=10, policies=6,
                                                uncertainty_sampling_kwargs={"rng": 1},
                                                lever_sampling_kwargs={"rng": 2})
    assert len(experiments) == 60 and len(outcomes["starts"]) == 60
    first = experiments.iloc[0]
    expected = f(seed=int(first["seed"]), fee_eur=first["fee_eur"],
                 narrow_hours_per_week=int(first["narrow_hours_per_week"]), visit_slot=first["visit_slot"],
                 behaviour__home__late_afternoon=first["behaviour__home__late_afternoon"])
    assert outcomes["starts"][0] == expected["starts"]

    x = experiments[["behaviour__home__late_afternoon", "fee_eur", "narrow_hours_per_week", "visit_slot"]]
    # PRIM pastes box limits such as 13.5 into its copy of x: with pandas 3 an integer column refuses them
    x = x.astype({"narrow_hours_per_week": float})
    y = outcomes["starts"] >= sorted(outcomes["starts"])[len(outcomes["starts"]) * 2 // 3]
    box = prim.Prim(x, y).find_box()
    assert box.density > y.mean()  # the box holds many-start runs more densely than the whole design
    limits = box.box_lims[-1]  # the box found: the last of the peeling trajectory
    assert limits["narrow_hours_per_week"].iloc[0] > 5  # fewer hours a week, fewer doors, fewer starts


def test_no_hours_lever_for_a_strategy_that_asks_for_no_hours():
    levers = sim.as_function(ROOT / "scenarios" / "roermond_pilot.yaml", outcomes=["starts"]).levers
    assert "network_hours_per_week" in levers and "campaign_hours_per_week" not in levers
