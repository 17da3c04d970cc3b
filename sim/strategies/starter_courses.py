"""Starter courses as a route, the guide's method 5 (003:505-562): short, low-threshold courses
on empowerment, activation and some language, organised with a school, a health centre or a
community centre (003:509). People join through partners or on their own; the group and the
first taste of learning raise motivation, and at the end most are offered a full
trajectory and many take it (003:562)."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from sim.agents.state import Context, Decision
from sim.config.quantities import LogOdds, TaskHours, _src
from sim.config.strategies import StrategyBase
from sim.strategies.base import Strategy
from sim.strategies.registry import StrategyInfo, register


class StarterCoursesStrategy(StrategyBase):
    """Method 5 of the guide (003:505-562): a low-threshold course as the way in."""

    type: Literal["starter_courses"] = "starter_courses"
    joiners_per_week: Annotated[float, Field(ge=0.0, le=1000.0)] = Field(
        1.0, **_src("people who join a starter course a week, through partners or on their own (assumption; 003:509)")
    )
    cost_per_participant_eur: Annotated[float, Field(ge=0.0, le=10_000.0)] = Field(
        250.0, **_src("course cost per participant, paid by the municipality (assumption)")
    )
    intake_hours: TaskHours = Field(
        1.0, **_src("coach hours to take someone in (assumption; 003:509 'de participatiecoach')")
    )
    follow_up_hours: TaskHours = Field(
        1.0, **_src("coach hours for the talk about a full trajectory at the end of the course (assumption; 003:562)")
    )
    graduate_effect: LogOdds = Field(
        1.5, **_src("log-odds of interest in a full trajectory after the course: 'de meeste deelnemers stromen door' "
                    "(assumption on the size; 003:562)")
    )


class StarterCourses(Strategy):
    name = "starter_courses"

    def plan_week(self, t0: float, budget: float) -> None:
        """This week's joiners, chosen like campaign leads: more motivated people come forward
        more often; each costs an intake and a course place."""
        model = self.model
        days = self.days_in_week(t0)
        if not days or budget <= 0:
            return
        spec = self.spec
        n = int(model.rng.poisson(spec.joiners_per_week))
        n = min(n, int(budget // max(spec.intake_hours, 1e-9)) if spec.intake_hours > 0 else n)
        if n <= 0:
            return
        pool = [h for h in model.world.households if h.stage.open and h.route is None and h.status != "not_in_need"]
        if not pool:
            return
        k = model.behaviour.network.name_selectivity
        w = np.array([max(h.motivation, 1e-6) ** k for h in pool])
        idx = model.rng.choice(len(pool), size=min(n, len(pool)), replace=False, p=w / w.sum())
        for j, i in enumerate(sorted(idx)):
            model.at(model.slot_time(days[j % len(days)], "morning"), self._join, pool[i])

    def _join(self, household) -> None:
        model = self.model
        rec = model.recorder
        if not household.stage.open or household.route not in (None, self.name):
            return  # another route reached them first
        household.name_for(self.name)
        rec.count(self.name, "enrolments")
        coach = model.pick_coaches(False)[0]
        coach.book("intake", self.spec.intake_hours, self.name)
        rec.count(self.name, "course_cost_eur", self.spec.cost_per_participant_eur)
        model.pathway.enrol(household, Decision("starter_course", "joined"), self.name, self._course_ends)

    def _course_ends(self, household) -> None:
        """At the end, the coach offers a full trajectory (003:562); the same decision as
        anywhere, with the lift the course gave."""
        model = self.model
        offer = model.policy.offer_for(household)
        if not offer.trajectory:
            return
        coach = model.pick_coaches(False)[0]
        coach.book("conversations", self.spec.follow_up_hours, self.name)
        ctx = Context(route=self.name, trained_coach=coach.trained, extra_logit=self.spec.graduate_effect)
        decision = household.decide(offer, ctx)
        if decision.start_type == "trajectory":
            model.recorder.count(self.name, "follow_on_trajectories")


INFO = register(StrategyInfo(
    name="starter_courses", spec=StarterCoursesStrategy, runtime=StarterCourses, label_en="starter courses",
    label_nl="instapcursussen", success_denominator="enrolments",
    scaled=("hours_per_week", "joiners_per_week"),
))
