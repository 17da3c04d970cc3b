"""From a conversation to a start and up the participation ladder.

Whatever route found a household (a door, a name, a lead, a call back, an aftercare visit),
the rest is the same: the household's decision about the offer in force, an intake (on the
spot or by appointment), a place in a coach's caseload, a wait for the course, a possible
drop-out, the start, case management, and reviews on the participation ladder of seed 001.
A household that declined may call the coach back later (000:185-187) and decide again.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from sim.agents.coach import Coach
from sim.agents.state import Context, Decision

if TYPE_CHECKING:
    from sim.agents import Household
    from sim.model import OutreachModel

# Courses that start after the provider's waiting time; lighter offers start within a week.
WAITING_TYPES = {"trajectory", "literacy", "starter_course"}
# The contribution fee is the fee for the integration trajectory (000:213, 000:457-460).
FEE_TYPES = {"trajectory"}
# Reasons after which nobody calls back: they need no course or cannot take one.
NO_CALL_BACK = {"not_in_need", "already_in_course", "feels_integrated"}


class Pathway:
    def __init__(self, model: OutreachModel):
        self.model = model
        self.active_clients = 0
        self.open_cases: dict[str, int] = {}
        self.in_course: dict[int, tuple] = {}  # households in a course, in start order
        self.started: list[Household] = []
        # interested households that have neither started nor dropped out yet, by id: route
        self.pending: dict[int, str] = {}
        self.waiting_for_place: deque = deque()  # registered, waiting for room in a caseload
        self.booked = 0  # places taken by households registered but not yet started
        # what a route does when a client's course ends
        self.on_finish: dict[int, Callable[[Household], object]] = {}

    # ------------------------------------------------------------------ the conversation

    def converse(
        self, household: Household, ctx: Context, coaches: list[Coach], intake_on_the_spot: bool
    ) -> Decision | None:
        """A conversation took place: decide, and follow up what was decided.

        The first decision of a household counts as ``interested`` or ``declined``; a later one
        (an aftercare visit, a call back) as ``interested`` or ``declined_again``, so declines
        never exceed the conversations that led to them."""
        model = self.model
        rec = model.recorder
        if household.stage.committed:
            return None  # already on the way to a start
        first = household.decisions == 0
        household.talk(ctx.route)
        offer = model.policy.offer_for(household)
        if ctx.childcare_on_site:
            offer.childcare = True
        decision = household.decide(offer, ctx)
        rec.count(ctx.route, "decisions")
        if decision.start_type is None:
            household.decline()
            rec.count(ctx.route, "declined" if first else "declined_again")
            rec.count(ctx.route, f"declined_{decision.reason}")
            if not ctx.callback:
                self._maybe_call_back(household, decision, ctx)
            return decision
        household.show_interest()
        rec.count(ctx.route, "interested")
        self.pending[household.unique_id] = ctx.route
        t = model.behaviour.time
        if intake_on_the_spot:
            for c in coaches:
                c.book("intake", t.intake_hours, ctx.route)
            self._register(household, decision, ctx.route)
        else:
            model.at(model.time + t.intake_appointment_days, self._intake_appointment, household, decision, ctx.route)
        return decision

    def enrol(
        self,
        household: Household,
        decision: Decision,
        route: str,
        on_finish: Callable[[Household], object] | None = None,
    ) -> None:
        """A household that signed up for a course by itself (a starter course): no
        conversation to decide in, the same registration, wait and start as anyone's.
        ``on_finish(household)`` is called when the course ends."""
        rec = self.model.recorder
        household.decisions += 1
        household.show_interest()
        rec.count(route, "decisions")
        rec.count(route, "interested")
        self.pending[household.unique_id] = route
        if on_finish is not None:
            self.on_finish[household.unique_id] = on_finish
        self._register(household, decision, route)

    def _intake_appointment(self, household: Household, decision: Decision, route: str) -> None:
        model = self.model
        if model.rng.random() < model.behaviour.decision.intake_no_show:
            self._drop_out(household, route)
            return
        coach = model.pick_coaches(pairs=False)[0]
        coach.book("intake", model.behaviour.time.intake_appointment_hours, route)
        self._register(household, decision, route)

    def _register(self, household: Household, decision: Decision, route: str) -> None:
        """Registered with the provider (000:327-329) once a coach has room in the caseload;
        the course starts after the waiting time."""
        if self.active_clients + self.booked >= self.capacity:
            self.waiting_for_place.append((household, decision, route))
            self.model.recorder.count(route, "waited_for_place")
            return
        self._book_place(household, decision, route)

    @property
    def capacity(self) -> int:
        """Clients the coaches can hold at once (50 per coach, 001:284-286)."""
        return self.model.config.coaches.max_clients_per_coach * len(self.model.coaches)

    def _book_place(self, household: Household, decision: Decision, route: str) -> None:
        model = self.model
        d = model.behaviour.decision
        self.booked += 1
        wait_weeks = (
            model.policy.now.waiting_time_weeks if decision.start_type in WAITING_TYPES else d.light_offer_wait_weeks
        )
        p_drop = 1.0 - math.exp(-(d.dropout_base + d.dropout_per_week * wait_weeks))
        if model.rng.random() < p_drop:
            # people who give up do so part-way through the wait (assumption: half-way)
            model.at(model.time + wait_weeks * 7.0 * d.dropout_wait_fraction, self._drop_out_booked, household, route)
            return
        model.at(model.time + wait_weeks * 7.0, self._start, household, decision, route)

    def _drop_out_booked(self, household: Household, route: str) -> None:
        self.booked -= 1
        self._drop_out(household, route)
        self._next_waiting()

    def _drop_out(self, household: Household, route: str) -> None:
        household.decline()
        self.pending.pop(household.unique_id, None)
        self.model.recorder.count(route, "dropouts")

    def _start(self, household: Household, decision: Decision, route: str) -> None:
        model = self.model
        rec = model.recorder
        self.booked -= 1
        self.pending.pop(household.unique_id, None)
        now = model.time
        start_type = decision.start_type
        assert start_type is not None  # only a household that chose a start is booked
        dual = decision.participation_too or start_type == "participation"
        household.begin(start_type, now, participating=dual)
        household.tell_neighbours()
        # the fee is paid by those who start a trajectory while a fee is asked (000:213, 000:457-460)
        fee = model.policy.fee_for(household) if start_type in FEE_TYPES else 0.0
        rec.start(household, start_type, route, decision.participation_too, fee)
        if fee > 0:
            rec.count(route, "fee_income_eur", fee)
            rec.count(route, "starts_fee_paying")
        if start_type in FEE_TYPES:
            # what the statutory contribution would have brought in (000:213, 000:457-460)
            rec.count(route, "fees_waived_eur", max(0.0, model.config.policy.statutory_fee_eur - fee))
        self.active_clients += 1
        self.open_cases[route] = self.open_cases.get(route, 0) + 1
        self.started.append(household)
        self.in_course[household.unique_id] = (household, dual)
        end = now + model.behaviour.ladder.duration_days[start_type]
        model.at(end, self._finish, household, route)

    def review_ladders(self) -> None:
        """The coaches review everyone in a course each quarter (assumption): some climb a rung."""
        for household, dual in self.in_course.values():
            household.climb(dual)

    def _finish(self, household: Household, route: str) -> None:
        self.active_clients -= 1
        self.open_cases[route] -= 1
        del self.in_course[household.unique_id]
        if self.model.rng.random() < self.model.behaviour.ladder.complete:
            household.move_pillar()  # on to lasting participation (001:232-234)
        then = self.on_finish.pop(household.unique_id, None)
        if then is not None:
            then(household)
        self._next_waiting()

    def _next_waiting(self) -> None:
        while self.waiting_for_place and self.active_clients + self.booked < self.capacity:
            self._book_place(*self.waiting_for_place.popleft())

    # ------------------------------------------------------------------ call backs

    def _maybe_call_back(self, household: Household, decision: Decision, ctx: Context) -> None:
        """Five who said no called the coach back shortly after (000:185-187)."""
        model = self.model
        d = model.behaviour.decision
        if decision.reason in NO_CALL_BACK:
            return
        if model.rng.random() < d.callback:
            delay = model.rng.exponential(d.callback_days)
            # the offer they call back about is the one they declined: at a pre-school location
            # it still comes with childcare on site
            model.at(model.time + delay, self._call_back, household, ctx.childcare_on_site)

    def _call_back(self, household: Household, childcare_on_site: bool = False) -> None:
        """The household phones the coach: a conversation of its own initiative, and the same
        decision about the offer in force now (fee, childcare, the offers available)."""
        model = self.model
        if household.stage.committed:
            return  # found their way in meanwhile
        route = household.route or "pathway"
        model.recorder.count(route, "callbacks")
        coach = model.pick_coaches(pairs=False)[0]
        coach.book("conversations", model.behaviour.time.call_back_hours, route)
        ctx = Context(route=route, trained_coach=coach.trained, callback=True, childcare_on_site=childcare_on_site)
        self.converse(household, ctx, [coach], intake_on_the_spot=True)

    # ------------------------------------------------------------------ case management and ladder

    def book_case_management(self, weeks: float = 1.0) -> float:
        """Case management per client in a course, booked weekly to the route that found the
        client (docs/MODEL.md: how the 27 hours of 001:284 are read)."""
        model = self.model
        per_client = model.config.coaches.case_hours_per_client_year / 52.0 * weeks
        total = 0.0
        coaches = model.coaches
        for route, n in self.open_cases.items():
            if n <= 0:
                continue
            hours = per_client * n
            Coach.share(coaches, "case_management", hours, route)
            total += hours
        return total

    def waiting_at_end(self) -> dict[str, int]:
        """Interested households that had neither started nor dropped out when the run ended."""
        out: dict[str, int] = {}
        for route in self.pending.values():
            out[route] = out.get(route, 0) + 1
        return out

    def ladder_score_mean(self, route: str | None = None) -> float:
        hh = [h for h in self.started if route is None or h.route == route]
        if not hh:
            return math.nan
        return sum(h.ladder.points for h in hh) / len(hh)
