"""Recruitment by ambassadors, the guide's method 3 (003:443-475): people from the target group
who did a course themselves recruit at schools, mosques, markets and events, telling their own
story. The coaches recruit and train them among former participants, pay a small allowance and
follow up the names they bring."""

from __future__ import annotations

from collections import deque
from typing import Annotated, Literal

from pydantic import Field

from sim.config.quantities import HOURS_PER_WEEK, Days, Probability, TaskHours, _src
from sim.config.strategies import StrategyBase
from sim.strategies.base import Strategy
from sim.strategies.registry import StrategyInfo, register


class AmbassadorsStrategy(StrategyBase):
    """The guide's method 3 (003:443-475): former participants recruit in the neighbourhood."""

    type: Literal["ambassadors"] = "ambassadors"
    ambassadors: Annotated[int, Field(ge=0, le=10_000)] = Field(
        6, **_src("ambassadors to recruit (assumption; 23 in Zoetermeer, 003:462)")
    )
    min_days_since_start: Days = Field(
        270.0, **_src("former participants qualify this long after their start (assumption; 003:452 'afgerond')")
    )
    recruit_hours: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK)] = Field(
        8.0, **_src("coach hours to recruit and train one ambassador (assumption; 003:451-456)")
    )
    fee_per_month_eur: Annotated[float, Field(ge=0.0, le=10000.0)] = Field(
        50.0, **_src("small monthly allowance per ambassador (assumption; 003:447)")
    )
    handover_hours: TaskHours = Field(2.0, **_src("one coach, preparation and conversation per name (assumption)"))
    start_engagement: Probability = Field(
        0.5, **_src("engagement of a new ambassador (assumption; 003:451-456 trained first)")
    )
    street_reach: Annotated[int, Field(ge=0, le=10_000)] = Field(
        10, **_src("houses either side on their street an ambassador reaches (assumption; 003:445)")
    )


class Ambassadors(Strategy):
    name = "ambassadors"

    def __init__(self, model, spec, index):
        super().__init__(model, spec, index)
        self.team: list = []  # the ambassadors recruited (key figures)
        self.waiting: deque = deque()

    def demand(self, date) -> float:
        """No hours while there is nobody to keep going and nobody to recruit yet: they would be
        booked to nothing, and the other strategies can use them."""
        if not self.team and (self.spec.ambassadors == 0 or self._eligible() is None):
            return 0.0
        return super().demand(date)

    def plan_week(self, t0: float, budget: float) -> None:
        model = self.model
        spec = self.spec
        rec = model.recorder
        days = self.days_in_week(t0)
        if not days:
            return
        # the allowance is paid whether or not names come in (003:447)
        rec.count(self.name, "ambassador_cost_eur", len(self.team) * spec.fee_per_month_eur * 12 / 52)
        if len(self.team) < spec.ambassadors and budget >= spec.recruit_hours:
            recruit = self._eligible()
            if recruit is not None:
                budget -= spec.recruit_hours
                model.pick_coaches(False)[0].book("partner_meetings", spec.recruit_hours, self.name)
                self._enlist(recruit)
        self.take_names("ambassadors")
        i = 0
        while self.waiting and budget >= spec.handover_hours:
            budget -= spec.handover_hours
            model.at(model.slot_time(days[i % len(days)], "late_afternoon"), self._handover, self.waiting.popleft())
            i += 1
        # what is left keeps the ambassadors going: meetings, coaching, reflection (003:453-456);
        # before the first is recruited (too few hours for a recruitment this week), finding them
        if budget > 0:
            for a in self.team:
                a.add_hours(budget / len(self.team))
            model.pick_coaches(False)[0].book("partner_meetings", budget, self.name)

    def _eligible(self):
        """The former participant who started longest ago and is not yet an ambassador."""
        now = self.model.time
        taken = {a.source_household for a in self.team}
        for h in self.model.pathway.started:
            if h.unique_id in taken or h.status == "not_in_need":
                continue
            if h.start_day is not None and now - h.start_day >= self.spec.min_days_since_start:
                return h
        return None

    def _enlist(self, household) -> None:
        from sim.agents.key_figure import KeyFigure

        model = self.model
        amb = KeyFigure(
            model,
            household.neighbourhood,
            engagement=self.spec.start_engagement,
            ambassador=True,
        )
        amb.source_household = household.unique_id
        # they recruit where people meet: their street and their partners' clients (003:445)
        ties = {h.unique_id: h for h in model.world.neighbours(household, self.spec.street_reach)}
        for p in household.partners:
            for h in p.clients:
                ties.setdefault(h.unique_id, h)
        amb.clients = [h for h in ties.values() if h is not household]
        amb.x, amb.y = household.x, household.y
        model.world.add_key_figure(amb)
        model.name_source_table.add(amb, "ambassadors")
        self.team.append(amb)
        model.recorder.count(self.name, "ambassadors_recruited")

    def _handover(self, household) -> None:
        self.follow_up_name(household, ambassador=True)


INFO = register(StrategyInfo(
    name="ambassadors", spec=AmbassadorsStrategy, runtime=Ambassadors, label_en="ambassadors",
    label_nl="ambassadeurs", success_denominator="names_received",
))
