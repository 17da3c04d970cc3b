"""Stylised facts the evaluation reports, checked on simulated data."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim import load_scenario, run_replicates, runs_table
from sim.model import OutreachModel

R = 20


def narrow_with_slot(scenarios_dir, slot):
    return load_scenario(
        scenarios_dir / "roermond_narrow_2009.yaml",
        overrides={"strategies.narrow.phases": [], "strategies.narrow.slots": {slot: 1.0},
                   "strategies.narrow.note_and_second_attempt": False},
    )


def test_morning_opens_fewer_doors_than_late_afternoon(scenarios_dir):
    """7 of 23 at home around 9:30, so the coaches moved later (000:248-254)."""
    rate = {}
    for slot in ("morning", "late_afternoon"):
        df = runs_table(run_replicates(narrow_with_slot(scenarios_dir, slot), R, seed=7))
        rate[slot] = (df["narrow.doors_opened"] / df["narrow.addresses_approached"]).mean()
    assert rate["morning"] < rate["late_afternoon"] - 0.1, rate


def test_early_afternoon_worst_for_school_children(scenarios_dir):
    """Many are out bringing and fetching children from school around 14:00 (000:251-253)."""
    opened = {}
    for slot in ("morning", "early_afternoon", "late_afternoon", "evening"):
        sc = narrow_with_slot(scenarios_dir, slot)
        hits, total = 0, 0
        for seed in range(6):
            model = OutreachModel(sc, seed)
            model.run()
            by_id = {h.unique_id: h for h in model.households}
            for _, hid, was_open, _ in model.recorder.doors:
                if by_id[hid].school_children:
                    total += 1
                    hits += was_open
        opened[slot] = hits / total
    assert min(opened, key=opened.get) == "early_afternoon", opened


def test_fee_keeps_voluntary_households_from_starting(scenarios_dir):
    """The EUR 270 contribution was a barrier for many (000:213, 000:349-350, 000:457-460)."""
    starts = {}
    for fee in (270, 0):
        # the whole pilot, with the fee kept (or dropped) throughout
        sc = load_scenario(scenarios_dir / "roermond_pilot.yaml", overrides={
            "policy_changes": [], "policy.fee_eur": fee})
        results = run_replicates(sc, 30, seed=11)
        starts[fee] = np.array([(r.starts["status"] == "voluntary").sum() for r in results])
    diff = starts[270] - starts[0]  # the same seeds: common random numbers
    assert diff.mean() + 2 * diff.std() / np.sqrt(len(diff)) < 0, (starts[270].mean(), starts[0].mean())


def test_network_starts_grow_over_its_first_year(scenarios_dir):
    """Building a network is a process of a long breath (000:1029-1031)."""
    sc = load_scenario(scenarios_dir / "roermond_network.yaml")
    results = run_replicates(sc, R, seed=3)
    ts = pd.concat([r.timeseries for r in results])
    ts["quarter"] = (ts["week"] // 13).astype(int)
    per_quarter = ts.groupby("quarter")["network.starts"].sum() / R
    assert per_quarter[0] < per_quarter[1] < per_quarter[3], per_quarter.to_dict()


def test_broad_visits_refer_problems_only_with_the_lever(scenarios_dir):
    """Broad visits led to 9 referrals in 20 conversations (000:567) and aftercare visits after
    them (000:639-645); without referrals there are neither."""
    on = runs_table(run_replicates(load_scenario(scenarios_dir / "roermond_broad_2010.yaml"), 10, seed=5))
    off = runs_table(run_replicates(
        load_scenario(scenarios_dir / "roermond_broad_2010.yaml", {"strategies.broad.refer_problems": False}),
        10, seed=5))
    assert (on["broad.problem_referrals"] / on["broad.conversations"]).mean() > 0.25
    assert on["broad.aftercare_visits"].sum() > 0
    assert off["broad.problem_referrals"].sum() == 0 and off["broad.aftercare_visits"].sum() == 0


def test_inburgering_framing_lowers_starts(scenarios_dir):
    """'Inburgering' had a negative charge for many (000:281-285)."""
    means = {}
    for framing in ("inburgering", "taal_en_meedoen"):
        sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml",
                           overrides={"strategies.narrow.phases": [], "strategies.narrow.framing": framing,
                                      "strategies.narrow.slots": {"late_afternoon": 1.0}})
        df = runs_table(run_replicates(sc, 30, seed=21))
        means[framing] = (df["narrow.starts"] / df["narrow.conversations"]).mean()
    assert means["inburgering"] < means["taal_en_meedoen"], means
