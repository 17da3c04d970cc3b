"""The network approach (000:1022-1034): coaches invest hours in partner organisations and key
figures; engaged partners refer names of motivated people; a coach takes it from there with a
warm handover. Engagement grows with presence and fades without it, so results come slowly."""

from __future__ import annotations

from collections import deque

from sim.agents.household import Context, Stage
from sim.strategies.base import Strategy


class NetworkApproach(Strategy):
    name = "network"

    def __init__(self, model, spec, index):
        super().__init__(model, spec, index)
        self.waiting: deque = deque()  # names not yet followed up

    def plan_week(self, t0: float, budget: float) -> None:
        model = self.model
        days = self.days_in_week(t0)
        if not days or budget <= 0:
            return
        rec = model.recorder
        # names come in from partners and key figures, in proportion to their engagement
        for household in model.referrer_table.refer_names():
            household.route = self.name
            household.stage = Stage.APPROACHED
            rec.count(self.name, "names_referred")
            self.waiting.append(household)
        # follow up names first (a warm handover should not wait), within the caseload limit
        capacity = model.pathway.capacity
        per_name = self.spec.handover_hours * (2 if self.spec.pairs else 1)
        i = 0
        while self.waiting and budget >= per_name and model.pathway.active_clients < capacity:
            household = self.waiting.popleft()
            budget -= per_name
            day = days[i % len(days)]
            i += 1
            model.at(model.slot_time(day, "morning"), self._handover, household)
        # the rest of the hours is presence: meetings, activities, briefings (000:1027-1028, 000:842-843)
        self.spend_presence(budget)

    def spend_presence(self, hours: float) -> None:
        model = self.model
        if hours <= 0:
            return
        partners = [p for p in model.partners if p.refers]
        figures = model.key_figures
        share = self.spec.partner_share if figures else 1.0
        if not partners:
            share = 0.0
        for group, h in ((partners, hours * share), (figures, hours * (1.0 - share))):
            if not group or h <= 0:
                continue
            each = h / len(group)
            for r in group:
                r.add_hours(each)
        coaches = model.coaches
        for c in coaches:
            c.book("partner_meetings", hours / len(coaches), self.name)

    def _handover(self, household) -> None:
        model = self.model
        rec = model.recorder
        coaches = model.pick_coaches(self.spec.pairs)
        half = self.spec.handover_hours / 2
        for c in coaches:
            c.book("preparation", half, self.name)
            c.book("conversations", half, self.name)
        rec.count(self.name, "conversations")
        ctx = Context(route=self.name, trained_coach=self.trained(coaches), warm_handover=True)
        model.pathway.converse(household, ctx, coaches, intake_on_the_spot=True)
