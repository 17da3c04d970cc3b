"""The world matches its sources; every coach hour follows the seed's rules."""

from __future__ import annotations

import math

import pytest

from sim import load_scenario, run
from sim.model import OutreachModel

REQUIRED_PARTNERS = {"primary_school", "mother_centre", "welfare_organisation", "housing_corporation",
                     "migrant_organisation", "health_centre", "language_provider", "home_lesson_provider"}


@pytest.fixture(scope="module")
def pilot(scenarios_dir):
    model = OutreachModel(load_scenario(scenarios_dir / "roermond_pilot.yaml"), 3)
    model.run()
    return model


def test_register_counts_per_neighbourhood(pilot):
    """BPI 307 / 136 / 109 (001:137), refusers included."""
    counts = {}
    for hood in pilot.neighbourhoods:
        counts[hood.name] = sum(h.status in ("obligated", "refuser") for h in hood.households)
    assert counts == {"Donderberg": 307, "Roermondse Veld": 136, "Kemp-Kitskensberg/Heide": 109}


def test_partners_key_figures_and_ties(pilot):
    for hood in pilot.neighbourhoods:
        assert {p.kind for p in hood.partners} >= REQUIRED_PARTNERS
        assert hood.key_figures
        for p in hood.partners:
            assert all(h.neighbourhood == hood.name for h in p.clients)
    assert sum(len(h.partners) for h in pilot.households) > 0


def test_not_in_need_share_near_seven_percent(pilot):
    share = sum(h.status == "not_in_need" for h in pilot.households) / len(pilot.households)
    assert 0.03 < share < 0.09


def test_households_in_street_and_house_order(pilot):
    """Street look-ups and the broad visit lists rely on it."""
    for hood in pilot.neighbourhoods:
        places = [(h.street, h.house) for h in hood.households]
        assert places == sorted(places) and len(set(places)) == len(places)


def test_broad_list_voluntary_first_then_street_order(scenarios_dir):
    model = OutreachModel(load_scenario(scenarios_dir / "roermond_broad_2010.yaml"), 1)
    by_hood = {}
    for h in model.strategies[0].queue:
        by_hood.setdefault(h.neighbourhood, []).append((h.status != "voluntary", h.street, h.house))
    for seq in by_hood.values():
        assert seq == sorted(seq)
    assert len(by_hood) == 3


def test_narrow_list_in_street_order(scenarios_dir):
    model = OutreachModel(load_scenario(scenarios_dir / "roermond_narrow_2009.yaml"), 1)
    strategy = model.strategies[0]
    by_hood = {}
    for h in strategy.queue:
        by_hood.setdefault(h.neighbourhood, []).append((h.street, h.house))
    for seq in by_hood.values():
        assert seq == sorted(seq)
    assert len(by_hood) == 3


def test_hours_follow_the_per_visit_rule(scenarios_dir):
    """1 hour per coach for a door without a conversation, 2 with one, two coaches (000:257-259)."""
    sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml",
                       overrides={"strategies.narrow.note_and_second_attempt": False,
                                  "behaviour.time.admin_hours_per_address": 0.0,
                                  "behaviour.time.intake_hours": 0.0,
                                  "behaviour.time.call_back_hours": 0.0})
    model = OutreachModel(sc, 8)
    model.run()
    o = model.recorder.outcomes()
    doors = o["narrow.addresses_approached"]
    conv = o["narrow.conversations"]
    visit_hours = o["narrow.hours_preparation"] + o["narrow.hours_doors"] + o["narrow.hours_conversations"]
    expected = 2 * (doors * 1.0 + conv * 1.0)
    assert math.isclose(visit_hours, expected, rel_tol=1e-9), (visit_hours, expected)


def test_cost_is_outreach_hours_times_rate_plus_letters_and_campaign(scenarios_dir):
    """Fee income and case management are outcomes of their own, not part of the cost of outreach."""
    sc = load_scenario(scenarios_dir / "roermond_pilot.yaml")
    o = run(sc, 2).outcomes
    outreach_hours = o["coach_hours"] - o["hours_case_management"]
    assert math.isclose(o["outreach_hours"], outreach_hours)
    expected = outreach_hours * sc.coaches.hourly_cost_eur + o["letter_cost_eur"] + o["campaign_cost_eur"]
    assert math.isclose(o["cost_eur"], expected, rel_tol=1e-9)
    assert math.isclose(o["case_management_cost_eur"], o["hours_case_management"] * sc.coaches.hourly_cost_eur)
    assert o["fee_income_eur"] > 0 and o["case_management_cost_eur"] > 0
    assert math.isclose(o["cost_per_start"], o["cost_eur"] / o["starts"])
    assert o["letter_cost_eur"] == o["letters"] * sc.policy.letter_cost_eur
    assert math.isclose(sum(o[f"hours_{a}"] for a in ("preparation", "doors", "conversations",
                        "notes_and_second_visits", "intake", "partner_meetings", "case_management")), o["coach_hours"])


def test_ladder_points(pilot):
    """1 point a rung, 5 a pillar (001:199); every starter moved on one pillar at least."""
    starters = pilot.pathway.started
    assert starters
    for h in starters:
        assert h.ladder.points >= 5
        # 5 points for each pillar moved on, then at most 3 rungs climbed in each pillar reached
        rungs = h.ladder.points - 5 * (h.ladder.pillar - 1)
        assert 0 <= rungs <= 3 * h.ladder.pillar
        assert 1 <= h.ladder.rung <= 4 and 2 <= h.ladder.pillar <= 3


def test_strategies_share_the_coaches_hours(scenarios_dir):
    """A scenario asking more hours than the coaches have gets them scaled down."""
    sc = load_scenario(scenarios_dir / "roermond_pilot.yaml",
                       overrides={"strategies.network.hours_per_week": 300, "coaches.count": 2})
    model = OutreachModel(sc, 1)
    model.run()
    weeks = model.end_time / 7
    capacity = sum(c.hours_per_week for c in model.coaches) * weeks
    total = sum(c.total_hours for c in model.coaches)
    assert total <= capacity * 1.1


def test_word_of_mouth_reaches_the_neighbours(scenarios_dir):
    model = OutreachModel(load_scenario(scenarios_dir / "roermond_narrow_2009.yaml"), 4)
    h = model.neighbourhoods[0].households[10]
    near = model.world.neighbours(h, 3)
    assert near and all(n.street == h.street and abs(n.house - h.house) <= 3 for n in near)
    before = [n.motivation for n in near]
    h.tell_neighbours()
    assert all(n.motivation >= b for n, b in zip(near, before, strict=True))
    assert any(n.motivation > b for n, b in zip(near, before, strict=True))


def test_a_misspelt_metric_is_refused(scenarios_dir):
    """Metric names come from one list: a typo is an error, not a silent column of zeros."""
    model = OutreachModel(load_scenario(scenarios_dir / "roermond_narrow_2009.yaml"), 1)
    model.recorder.count("narrow", "conversations")
    with pytest.raises(KeyError, match="conversatoins"):
        model.recorder.count("narrow", "conversatoins")


def test_household_traits_live_in_their_neighbourhood_columns():
    """A household reads and writes its own row: a change reaches no other household, the
    neighbourhood's columns hold it, and the street and house numbers match the neighbours."""
    model = OutreachModel("roermond_narrow_2009", rng=2)
    hood = model.neighbourhoods[0]
    a, b = hood.households[10], hood.households[11]
    before = b.motivation
    a.motivation = 0.99
    assert a.motivation == 0.99 and hood.columns["motivation"][10] == 0.99
    assert b.motivation == before
    assert a.barriers.feels_integrated == hood.columns["feels_integrated"][10]
    assert (a.x, a.y) == (hood.x0 + a.house, float(a.street))
    for h in model.world.neighbours(a, 2):
        assert h.street == a.street and abs(h.house - a.house) <= 2 and h is not a
    assert all(p.neighbourhood == hood.name for p in a.partners)
    assert all(a in p.clients for p in a.partners)


def test_word_of_mouth_raises_the_neighbours_motivation_and_trust_up_to_one():
    model = OutreachModel("roermond_narrow_2009", rng=2)
    starter = model.neighbourhoods[0].households[20]
    neighbours = model.world.neighbours(starter, model.behaviour.network.neighbour_span)
    assert neighbours
    neighbours[0].motivation = 1.0
    before = [(h.motivation, h.trust) for h in neighbours]
    starter.tell_neighbours()
    nb = model.behaviour.network
    for h, (m, t) in zip(neighbours, before, strict=True):
        assert h.motivation == min(1.0, m + nb.word_of_mouth_motivation)
        assert h.trust == min(1.0, t + nb.word_of_mouth_trust)
    assert neighbours[0].motivation == 1.0
