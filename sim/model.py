"""The outreach model: Mesa, event-driven, one time unit a day.

Each week the model books case management, shares the coaches' remaining hours among the
active strategies and lets each plan its contacts as events on weekdays and time-of-day
slots. A run's cost grows with the contacts made, not with households times days.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from heapq import heappop, heappush
from itertools import count

import mesa
from mesa.experimental.mesa_signals.signal_types import ObservableSignals
from mesa.time import Event, Priority, Schedule

from sim.agents.coach import Coach
from sim.agents.household import Household
from sim.agents.key_figure import KeyFigure
from sim.agents.name_source import NameSourceTable
from sim.agents.partner import PartnerOrganisation
from sim.errors import OverrideWarning
from sim.pathway import Pathway
from sim.policy import PolicyInForce
from sim.recorder import Recorder
from sim.scenario import Scenario, replaced_overrides, resolve_scenario
from sim.strategies import make_strategy
from sim.world import World, build_world, scaled_for_city

# Time of day of each visit slot, as a fraction of the day (000:248-254).
SLOT_TIME = {"morning": 9.5 / 24, "early_afternoon": 14.0 / 24, "late_afternoon": 16.5 / 24, "evening": 19.0 / 24}


_DEFAULT_PRIORITY = Priority.DEFAULT.value
_MESA_IDS = getattr(Event, "_ids", None)  # Mesa's counter of event ids
_EVENT_IDS: Iterator[int] = _MESA_IDS if _MESA_IDS is not None else count()  # read only with Mesa's (``_lean``)


class _Batch:
    """Calls of one function due at one moment, fired together. Visits in the same slot,
    course starts on the same day: batching keeps the agenda short."""

    __slots__ = ("__weakref__", "batches", "call", "calls", "key")

    def __init__(self, call, key, batches: dict):
        self.call = call
        self.key = key
        self.batches = batches  # the model's open batches, which hold this one until it fires
        self.calls: list[tuple] = []

    def fire(self) -> None:
        del self.batches[self.key]
        call = self.call
        for args in self.calls:
            call(*args)


class OutreachModel(mesa.Model):
    """The outreach model, the Mesa way.

    ``OutreachModel("roermond_pilot", rng=1)`` or ``OutreachModel(scenario_object, 1)``; dotted
    keyword overrides as in ``--set`` (``**{"policy.fee_eur": 0}``, or ``policy__fee_eur=0``).
    ``step()`` advances ``days_per_step`` days (a week) of events, counts ``steps``, collects
    the weekly series in ``datacollector`` and sets ``running = False`` at the scenario's end,
    so ``run_model()`` and ``mesa.batch_run`` work. ``run()`` is the fast path: all events to
    the end, no per-step collection. ``agent_data=True`` adds each household's stage to the
    collected data.
    """

    _time: float  # where Mesa's observable ``time`` keeps its value
    _lean_loop = True  # the model's own agenda beside Mesa's event list (``_advance_time``)

    def __init__(self, scenario: Scenario | str = "roermond_pilot", seed: int | None = None, *,
                 rng: int | None = None, days_per_step: int = 7, agent_data: bool = False, **overrides):
        scenario = resolve_scenario(scenario, {k.replace("__", "."): v for k, v in overrides.items()})
        if seed is not None and rng is not None and int(seed) != int(rng):
            raise ValueError("give seed or rng, not two different numbers")
        seed = rng if seed is None else seed
        seed = scenario.seed if seed is None else int(seed)
        super().__init__(rng=seed)
        for message in replaced_overrides(scenario):
            warnings.warn(message, OverrideWarning, stacklevel=2)
        # Purely event-driven: no empty step every day (Mesa's own DEVS set-up does the same);
        # a step is ``days_per_step`` days of events.
        self._default_schedule.stop()
        self.days_per_step = max(1, int(days_per_step))
        self.step = self._step_days
        scenario = scaled_for_city(scenario)
        self.seed = seed
        # Mesa's own `scenario` slot keeps its seed; the outreach scenario is the model's config
        self.config = scenario
        self.behaviour = scenario.behaviour
        self.start_date = scenario.start
        self.end_time = float(scenario.days)
        # dates are made when first asked for (a run asks for a few); a weekday is counted from the start's
        self._dates: dict[int, dt.date] = {}
        self._days = scenario.days
        self._first_weekday = scenario.start.weekday()
        self._batches: dict[tuple, _Batch] = {}
        self._agenda: list[tuple[float, int, _Batch]] = []  # (time, id, calls): see _advance_time
        # The lean loop reads Mesa's event heap and the stored value of its observable time. A
        # Mesa that keeps them elsewhere gets the model's calls on its own event list instead.
        self._lean = (self._lean_loop and isinstance(getattr(self._event_list, "_events", None), list)
                      and isinstance(vars(self).get("_time"), float) and _MESA_IDS is not None
                      and hasattr(self, "_has_subscribers"))
        self.recorder = Recorder(self)
        self.pathway = Pathway(self)
        self.policy = PolicyInForce(scenario.policy)
        self.coaches: list[Coach] = []
        self._coach_turn = 0
        self.world = World(build_world(self))
        # the world's lists, under the names Mesa users look for (the model's own code asks the world)
        self.neighbourhoods = self.world.neighbourhoods
        self.households: list[Household] = self.world.households
        self.partners: list[PartnerOrganisation] = self.world.partners
        self.key_figures: list[KeyFigure] = self.world.key_figures
        self.name_sources = [p for p in self.partners if p.passes_names] + self.key_figures
        self.name_source_table = NameSourceTable(self, self.partners + self.key_figures)
        self._holidays = [(scenario.day_of(h.start), scenario.day_of(h.end)) for h in scenario.holidays]
        self.strategies = [make_strategy(self, spec, i) for i, spec in enumerate(scenario.strategies)]
        self.strategy_names = list(dict.fromkeys(s.name for s in self.strategies))
        for change in scenario.policy_changes:
            self.at(float(scenario.day_of(change.date)), self.policy.apply, change)
        trained = scenario.coaches.trained_from
        if trained is not None:
            self.at(float(max(0, scenario.day_of(trained))), self._train_coaches)
        for s in self.strategies:
            s.setup()
        self.week = 0
        self.schedule_recurring(self._week, Schedule(interval=7.0, start=0.0, end=self.end_time - 1e-6))
        review = scenario.behaviour.ladder.review_days
        if 0 < review < self.end_time:  # a first review after the run's end: there is none
            every = Schedule(interval=review, start=review, end=self.end_time)
            self.schedule_recurring(self.pathway.review_ladders, every)
        self.finished = False
        self.datacollector = mesa.DataCollector(
            model_reporters={name: _running_total(name) for name in STEP_SERIES}
            | {"active_clients": lambda m: m.pathway.active_clients,
               "mean_engagement": lambda m: m.name_source_table.mean_engagement()},
            agenttype_reporters={Household: {"stage": lambda h: h.stage.name.lower()}} if agent_data else None,
        )

    def _step_days(self) -> None:
        """One step: ``days_per_step`` days of events, then the running totals are collected."""
        if not self.running:
            return
        self._advance_time(min(self.time + self.days_per_step, self.end_time))
        self.steps += 1
        if self.time >= self.end_time:
            self.finish()
        self.datacollector.collect(self)

    # ------------------------------------------------------------------ scheduling helpers

    def at(self, time: float, fn, *args) -> None:
        """Call ``fn(*args)`` at model time ``time`` (never in the past), after the calls
        already due then."""
        t = float(time)
        # Mesa's time is an observable: its stored value reads without a call
        now = self._time if self._lean else self.time
        if t < now:
            t = now
        key = (t, fn)
        batch = self._batches.get(key)
        if batch is None:
            batch = self._batches[key] = _Batch(fn, key, self._batches)
            if self._lean:
                # Mesa's id counter, as ``schedule_event`` would take one: the order of events is the same
                heappush(self._agenda, (t, next(_EVENT_IDS), batch))
            else:
                self.schedule_event(batch.fire, at=t)
        batch.calls.append(args)

    def _advance_time(self, until: float) -> None:
        """Mesa's loop, leaner: the model's own calls wait on an agenda of plain tuples, which
        sort without a Python comparison, beside Mesa's event list (the weekly and review
        events, and any a user schedules). The next of the two runs first, in Mesa's order
        (time, priority, id)."""
        if not self._lean or until <= self._time:
            super()._advance_time(until)  # Mesa's own loop, and its warning
            return
        events = self._event_list._events
        agenda = self._agenda
        # nobody watches time in a plain run: then it is set without the observable's checks
        observed = self._has_subscribers("time", ObservableSignals.CHANGED)
        while True:
            if agenda:
                t, uid, batch = agenda[0]
                mine = True
                if events:
                    e = events[0]
                    if e.time < t or (e.time == t and (e.priority < _DEFAULT_PRIORITY or (
                            e.priority == _DEFAULT_PRIORITY and e.unique_id < uid))):
                        mine = False
                if mine:
                    if t > until:
                        break
                    heappop(agenda)
                    if observed:
                        self.time = t
                    else:
                        self._time = t
                    batch.fire()
                    continue
            elif not events:
                break
            e = events[0]
            if e.time > until:
                break
            heappop(events)
            if e._canceled:
                continue
            self.time = e.time
            e.execute()
        self.time = until

    def date_of(self, time: float) -> dt.date:
        day = int(time)
        date = self._dates.get(day)
        if date is None:
            date = self._dates[day] = self.start_date + dt.timedelta(days=day)
        return date

    def slot_time(self, day: int, slot: str) -> float:
        return float(day) + SLOT_TIME[slot]

    def weekdays(self, t0: float, days: int = 7) -> list[int]:
        """The working days (Monday to Friday) in the week from ``t0``, within the run."""
        first = int(t0)
        weekday = self._first_weekday
        return [d for d in range(first, min(first + days, self._days)) if (weekday + d) % 7 < 5]

    def is_holiday(self, time: float) -> bool:
        return any(a <= time <= b for a, b in self._holidays)

    # ------------------------------------------------------------------ coaches

    def _train_coaches(self) -> None:
        for c in self.coaches:
            c.trained = True

    def pick_coaches(self, pairs: bool) -> list[Coach]:
        """The next coach (or pair) in turn: the coaches share the work evenly."""
        n = len(self.coaches)
        first = self._coach_turn % n
        self._coach_turn += 2 if pairs else 1
        if pairs and n >= 2:
            return [self.coaches[first], self.coaches[(first + 1) % n]]
        return [self.coaches[first]]

    # ------------------------------------------------------------------ the week

    def _week(self) -> None:
        week = round(self.time / 7.0)
        if week > 0:
            self.recorder.snapshot_week(week - 1)
        self.week = week
        self.name_source_table.update_engagement()
        weeks = min(7.0, self.end_time - self.time) / 7.0
        case = self.pathway.book_case_management(weeks)
        capacity = max(0.0, sum(c.hours_per_week for c in self.coaches) * weeks - case)
        date = self.date_of(self.time)
        demand = {s: s.demand(date) * weeks for s in self.strategies}
        wanted = sum(demand.values())
        scale = min(1.0, capacity / wanted) if wanted > 0 else 1.0
        for s in self.strategies:
            s.plan_week(self.time, demand[s] * scale)

    def run(self) -> None:
        """Run to the scenario's end and close the last week."""
        self.run_until(self.end_time)
        self.finish()

    def finish(self) -> None:
        if not self.finished:
            self.recorder.snapshot_week(self.week)
            self.finished = True
        self.running = False


# Running totals collected at each step (the weekly series of ``result.timeseries`` are increments).
STEP_SERIES = ("addresses_approached", "doors_opened", "conversations", "names_received", "starts", "problem_referrals",
               "coach_hours")


def _running_total(name: str):
    return lambda m: m.recorder.totals.get(name, 0.0)
