"""The trainer app's model and drawing, without a browser."""

from __future__ import annotations

import time

from sim.app import TrainerModel, draw_charts, draw_map, summary_lines


def test_levers_reach_the_scenario():
    m = TrainerModel(fee=0, slot="morning", pairs=False, trained=True, narrow_hours=10, language="nl")
    sc = m.config
    assert sc.policy.fee_eur == 0 and sc.policy_changes == []
    narrow = next(s for s in sc.strategies if s.type == "narrow")
    assert narrow.slots == {"morning": 1.0} and narrow.pairs is False and narrow.hours_per_week == 10
    assert sc.coaches.trained_from == sc.start


def test_step_advances_a_week_and_draws():
    m = TrainerModel(days_per_step=7)
    for _ in range(12):
        m.step()
    assert m.time == 84
    lines = summary_lines(m)
    assert any(line.startswith("**Starts:**") for line in lines)
    t0 = time.perf_counter()
    assert draw_map(m).axes and draw_charts(m).axes
    print(f"drawing one step: {time.perf_counter() - t0:.2f} s")


def test_dutch_labels():
    m = TrainerModel(language="nl")
    assert any("Gestarte trajecten" in line for line in summary_lines(m))


def test_runs_to_the_end():
    m = TrainerModel(scenario_file="roermond_broad_2010", days_per_step=28)
    for _ in range(20):
        m.step()
    assert not m.running and m.finished
