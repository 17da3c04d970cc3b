"""The model follows Mesa's conventions: a name, a path or a Scenario object; rng; steps that
count and end; run_model(), batch_run and a datacollector."""

from __future__ import annotations

import mesa
import pandas as pd
import pytest

from sim import load_scenario
from sim.model import OutreachModel
from sim.runner import collect


def test_batch_run_returns_rows():
    rows = mesa.batch_run(OutreachModel, parameters={"scenario": "roermond_narrow_2009"}, rng=[1, 2],
                          max_steps=10000, number_processes=1, display_progress=False)
    assert len(rows) == 2 and {r["seed"] for r in rows} == {1, 2}
    assert all(r["conversations"] > 0 for r in rows)


def test_stepping_gives_the_run_of_the_fast_path(scenarios_dir):
    stepped = OutreachModel("roermond_narrow_2009", rng=5)
    stepped.run_model()
    assert not stepped.running and stepped.steps == -(-int(stepped.end_time) // 7)
    fast = OutreachModel(load_scenario(scenarios_dir / "roermond_narrow_2009.yaml"), 5)
    fast.run()
    assert collect(stepped).outcomes == collect(fast).outcomes
    series = stepped.datacollector.get_model_vars_dataframe()
    assert len(series) == stepped.steps and series["starts"].iloc[-1] == collect(fast).outcomes["starts"]
    assert series["starts"].is_monotonic_increasing


def test_overrides_as_keywords_and_agent_data():
    m = OutreachModel("roermond_narrow_2009", rng=2, days_per_step=30, agent_data=True, policy__fee_eur=0,
                      **{"strategies.narrow.hours_per_week": 10})
    assert m.config.policy.fee_eur == 0 and m.config.strategies[0].hours_per_week == 10
    m.step()
    assert m.time == 30 and m.steps == 1
    stages = m.datacollector.get_agenttype_vars_dataframe(next(iter(m.datacollector.agenttype_reporters)))
    assert len(stages) == len(m.households)


def test_unknown_scenario_name_is_an_input_error():
    from sim.errors import InputError

    with pytest.raises(InputError, match="file not found"):
        OutreachModel("no_such_scenario", rng=1)


def _blank_households(model, n):
    from sim.agents.household import Household

    return [Household.blank(model, "Wijk", 0, i, "voluntary") for i in range(n)]


def test_households_registered_at_once_as_mesa_would():
    from sim.agents.bulk import register_many
    from sim.agents.household import Household

    m = mesa.Model(rng=1)
    first = Household(m, "Wijk", 0, 0, "voluntary")  # the ordinary way
    more = _blank_households(m, 3)
    register_many(m, more)
    later = Household(m, "Wijk", 0, 4, "voluntary")
    assert [a.unique_id for a in m.agents] == [1, 2, 3, 4, 5]
    assert list(m.agents_by_type[Household]) == [first, *more, later]
    model = OutreachModel("roermond_narrow_2009", rng=1)
    assert len(model.agents_by_type[type(model.households[0])]) == len(model.households)
    assert sorted(a.unique_id for a in model.agents) == list(range(1, len(model.agents) + 1))


def test_registered_one_by_one_when_someone_listens():
    from mesa.experimental.mesa_signals import ModelSignals

    from sim.agents.bulk import register_many

    m = mesa.Model(rng=1)
    heard = []

    def handler(signal):
        heard.append(signal)

    m.observe("agents", ModelSignals.AGENT_ADDED, handler)
    register_many(m, _blank_households(m, 3))
    assert len(heard) == 3 and [a.unique_id for a in m.agents] == [1, 2, 3]


def test_events_scheduled_the_mesa_way_run_in_time_among_the_models_own():
    """The model's own calls wait on an agenda beside Mesa's event list: an event a user
    schedules with Mesa runs at its time, between them, and sees that time."""
    model = OutreachModel("roermond_pilot", 3)
    seen: list[tuple[float, float]] = []
    fired: list[float] = []
    original = model.pathway._start

    def start(*args):
        fired.append(model.time)
        original(*args)

    model.pathway._start = start  # type: ignore[method-assign]
    class Watcher:  # Mesa holds a scheduled function weakly: a bound method of an object kept alive
        def __init__(self, t: float):
            self.t = t

        def __call__(self) -> None:
            seen.append((self.t, model.time))

    watchers = [Watcher(t) for t in (30.5, 120.25, 300.0)]
    for w in watchers:
        model.schedule_event(w.__call__, at=w.t)
    model.run()
    assert seen == [(30.5, 30.5), (120.25, 120.25), (300.0, 300.0)]
    assert fired == sorted(fired) and fired, "the model's own calls run in time order"
    assert model.time == model.end_time


def test_time_observers_see_every_event_time():
    """Someone watching ``time`` (the trainer app could) is told of each change."""
    from mesa.experimental.mesa_signals.signal_types import ObservableSignals

    model = OutreachModel("roermond_pilot", 3)
    times: list[float] = []

    def watch(signal) -> None:  # held weakly by Mesa: a named function that lives through the test
        times.append(signal.additional_kwargs["new"])

    model.observe("time", ObservableSignals.CHANGED, watch)
    model.run_until(100.0)
    assert times and times == sorted(times) and times[-1] == 100.0
    assert any(t % 1 for t in times), "visit slots within a day are seen, not only whole days"


def test_on_mesas_own_event_list_the_run_is_the_same():
    """Where Mesa keeps its events elsewhere (another Mesa release), the model's calls go on
    Mesa's event list instead of its own agenda: the same calls in the same order."""
    class OnMesasList(OutreachModel):
        _lean_loop = False

    for seed in (2, 9):
        lean, plain = OutreachModel("roermond_pilot", seed), OnMesasList("roermond_pilot", seed)
        assert lean._lean and not plain._lean
        lean.run()
        plain.run()
        a, b = collect(lean), collect(plain)
        assert a.outcomes == b.outcomes
        pd.testing.assert_frame_equal(a.timeseries, b.timeseries)
        pd.testing.assert_frame_equal(a.starts, b.starts)
