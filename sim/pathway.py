"""From a conversation to a start and up the participation ladder.

Whatever route found a household (a door, a name, a lead), the rest is the same: the
decision, an intake (on the spot or by appointment), a wait for the course, a possible
drop-out, the start, case management, and reviews on the participation ladder of seed 001.
A household that declined may call the coach back later (000:185-187).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.agents.household import Context, Decision, Stage

if TYPE_CHECKING:
    from sim.agents import Coach, Household
    from sim.model import OutreachModel

# Courses that start after the provider's waiting time; lighter offers start within a week.
WAITING_TYPES = {"trajectory", "literacy", "starter_course"}
STATUTORY_FEE_EUR = 270.0  # the statutory contribution (000:213)


class Pathway:
    def __init__(self, model: OutreachModel):
        self.model = model
        self.active_clients = 0
        self.open_cases: dict[str, int] = {}
        self.in_course: dict[int, tuple] = {}  # households in a course, in start order
        self.started: list[Household] = []

    # ------------------------------------------------------------------ the conversation

    def converse(self, household: Household, ctx: Context, coaches: list[Coach], intake_on_the_spot: bool) -> Decision:
        """A conversation took place: decide, and follow up what was decided."""
        model = self.model
        rec = model.recorder
        household.stage = Stage.IN_CONVERSATION
        household.contacts += 1
        if household.route is None:
            household.route = ctx.route
        decision = household.decide(model.offer(household), ctx)
        if decision.start_type is None:
            household.stage = Stage.DECLINED
            rec.count(ctx.route, "declined")
            rec.count(ctx.route, f"declined_{decision.reason}")
            self._maybe_call_back(household, decision)
            return decision
        household.stage = Stage.INTERESTED
        rec.count(ctx.route, "interested")
        if intake_on_the_spot:
            for c in coaches:
                c.book("intake", model.behaviour.time.intake_hours, ctx.route)
            self._register(household, decision, ctx.route)
        else:
            model.at(model.time + 7.0, self._intake_appointment, household, decision, ctx.route)
        return decision

    def _intake_appointment(self, household: Household, decision: Decision, route: str) -> None:
        model = self.model
        if model.rng.random() < model.behaviour.decision.intake_no_show:
            household.stage = Stage.DECLINED
            model.recorder.count(route, "dropouts")
            return
        coach = model.pick_coaches(pairs=False)[0]
        coach.book("intake", model.behaviour.time.intake_hours * 2, route)
        self._register(household, decision, route)

    def _register(self, household: Household, decision: Decision, route: str) -> None:
        """Registered with the provider (000:327-329); the course starts after the waiting time."""
        model = self.model
        d = model.behaviour.decision
        wait_weeks = model.policy.waiting_time_weeks if decision.start_type in WAITING_TYPES else 1.0
        p_drop = 1.0 - math.exp(-(d.dropout_base + d.dropout_per_week * wait_weeks))
        if model.rng.random() < p_drop:
            model.at(model.time + wait_weeks * 3.5, self._drop_out, household, route)
            return
        model.at(model.time + wait_weeks * 7.0, self._start, household, decision, route)

    def _drop_out(self, household: Household, route: str) -> None:
        household.stage = Stage.DECLINED
        self.model.recorder.count(route, "dropouts")

    def _start(self, household: Household, decision: Decision, route: str) -> None:
        model = self.model
        rec = model.recorder
        if household.start_day is not None:
            return  # already started by another path (a call back crossing an aftercare visit)
        household.stage = Stage.PARTICIPATING if (decision.participation_too or decision.start_type == "participation") else Stage.STARTED
        household.start_type = decision.start_type
        household.start_day = model.time
        household.move_pillar()  # from before the trajectory to during it (001:188-190)
        household.tell_neighbours()
        rec.start(household, decision.start_type, route, decision.participation_too)
        if decision.start_type in ("trajectory", "starter_course"):
            fee = model.fee_for(household)
            rec.count(route, "fees_charged_eur", fee)
            # what the statutory EUR 270 would have brought in (000:213, 000:457-460)
            rec.count(route, "fees_waived_eur", max(0.0, STATUTORY_FEE_EUR - fee))
        self.active_clients += 1
        self.open_cases[route] = self.open_cases.get(route, 0) + 1
        self.started.append(household)
        dual = decision.participation_too or decision.start_type == "participation"
        self.in_course[household.unique_id] = (household, dual)
        end = model.time + model.behaviour.ladder.duration_days.get(decision.start_type, 365.0)
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

    # ------------------------------------------------------------------ call backs

    def _maybe_call_back(self, household: Household, decision: Decision) -> None:
        """Five of 55 who said no called the coach back shortly after (000:185-187)."""
        model = self.model
        d = model.behaviour.decision
        if decision.reason in ("not_in_need", "already_in_course", "feels_integrated"):
            return
        if model.rng.random() < d.callback:
            delay = model.rng.exponential(d.callback_days)
            model.at(model.time + delay, self._call_back, household)

    def _call_back(self, household: Household) -> None:
        model = self.model
        if household.stage >= Stage.INTERESTED:
            return  # found their way in meanwhile
        route = household.route or "pathway"
        model.recorder.count(route, "callbacks")
        household.stage = Stage.INTERESTED
        coach = model.pick_coaches(pairs=False)[0]
        coach.book("intake", model.behaviour.time.intake_hours * 2, route)
        self._register(household, Decision("trajectory", "call_back"), route)

    # ------------------------------------------------------------------ case management and ladder

    def book_case_management(self, weeks: float = 1.0) -> float:
        """27 hours per client per year (001:286), booked weekly to the route that found the client."""
        model = self.model
        per_client = model.config.coaches.case_hours_per_client_year / 52.0 * weeks
        total = 0.0
        coaches = model.coaches
        for route, n in self.open_cases.items():
            if n <= 0:
                continue
            hours = per_client * n
            for c in coaches:
                c.book("case_management", hours / len(coaches), route)
            total += hours
        return total

    def ladder_score_mean(self, route: str | None = None) -> float:
        hh = [h for h in self.started if route is None or h.route == route]
        if not hh:
            return math.nan
        return sum(h.ladder.points for h in hh) / len(hh)
