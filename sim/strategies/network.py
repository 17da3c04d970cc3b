"""The network approach (000:1022-1034): coaches invest hours in partner organisations and key
figures; engaged partners refer names of motivated people; a coach takes it from there with a
warm handover. Engagement grows with presence and fades without it, so results come slowly."""

from __future__ import annotations

from collections import deque
from typing import Literal

import numpy as np
from pydantic import Field

from sim.agents.coach import Coach
from sim.config.quantities import Probability, TaskHours, _src
from sim.config.strategies import StrategyBase
from sim.strategies.base import Strategy
from sim.strategies.registry import StrategyInfo, register


class NetworkStrategy(StrategyBase):
    type: Literal["network"] = "network"
    partner_share: Probability = Field(
        0.75, **_src("share of network hours spent at partner meetings, the rest with key figures (assumption)")
    )
    handover_hours: TaskHours = Field(
        2.0, **_src("one coach, preparation and conversation per name (assumption; 000:975)")
    )
    pairs: bool = Field(False, **_src("names are followed up by one coach (assumption)"))


class NetworkApproach(Strategy):
    name = "network"

    def __init__(self, model, spec, index):
        super().__init__(model, spec, index)
        self.waiting: deque = deque()  # names not yet followed up
        self._groups: tuple | None = None

    def plan_week(self, t0: float, budget: float) -> None:
        model = self.model
        days = self.days_in_week(t0)
        if not days or budget <= 0:
            return
        # names come in from partners and key figures, in proportion to their engagement
        self.take_names("network")
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
        partners, figures = self._presence_groups()
        share = self.spec.partner_share if len(figures) else 1.0
        if not len(partners):
            share = 0.0
        table = model.name_source_table
        for group, h in ((partners, hours * share), (figures, hours * (1.0 - share))):
            if not len(group) or h <= 0:
                continue
            table.hours[group] += h / len(group)
        Coach.share(model.coaches, "partner_meetings", hours, self.name)

    def _presence_groups(self) -> tuple:
        """Where presence goes, as positions in the name-source table: partners that pass on names,
        and key figures (ambassadors who joined included). Rebuilt when someone joins."""
        model = self.model
        if self._groups is None or self._groups[0] != len(model.world.key_figures):
            partners = np.array([p._i for p in model.world.partners if p.passes_names], dtype=np.intp)
            figures = np.array([k._i for k in model.world.key_figures], dtype=np.intp)
            self._groups = (len(model.world.key_figures), partners, figures)
        return self._groups[1], self._groups[2]

    def _handover(self, household) -> None:
        self.follow_up_name(household, self.spec.pairs, warm_handover=True)


INFO = register(StrategyInfo(
    name="network", spec=NetworkStrategy, runtime=NetworkApproach, label_en="network approach",
    label_nl="netwerkbenadering", success_denominator="names_received",
))
