"""Dutch for parents at pre-school and early-education locations (VVE), the guide's method 4
(003:477-495): while the children learn Dutch at play, their parents follow a language or
integration course in the same building, with the childcare that removes a barrier for
parents of young children (003:495, 003:529). The coaches invest hours at the locations, as
with partners; engaged locations put parents forward; a coach follows them up, and the offer
comes with childcare on site."""

from __future__ import annotations

from collections import deque
from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from sim.config.quantities import Probability, Rate, TaskHours, _src
from sim.config.strategies import StrategyBase
from sim.strategies.base import Strategy
from sim.strategies.registry import StrategyInfo, register


class VveStrategy(StrategyBase):
    """Method 4 of the guide (003:477-495): language for parents where their toddlers go."""

    type: Literal["vve"] = "vve"
    locations_per_neighbourhood: Annotated[int, Field(ge=0, le=100)] = Field(
        1, **_src("pre-school or early-education locations per neighbourhood taking part (assumption; 003:489)")
    )
    parents_per_location: Annotated[int, Field(ge=0, le=10_000)] = Field(
        40, **_src("households with young children whose toddlers go to a location (assumption)")
    )
    names_per_week: Rate = Field(
        0.3, **_src("parents a fully engaged location puts forward per week (assumption; 003:479-485)")
    )
    childcare_on_site: bool = Field(
        True, **_src("childcare in the same building while the parents learn (003:489, 003:495)")
    )
    handover_hours: TaskHours = Field(1.5, **_src("one coach, preparation and conversation per parent (assumption)"))
    start_engagement: Probability = Field(
        0.2,
        **_src("engagement of a location when the coaches start (assumption; 003:491 the municipality convenes them)"),
    )


class VveLocations(Strategy):
    name = "vve"

    def __init__(self, model, spec, index):
        super().__init__(model, spec, index)
        self.locations: list = []
        self.waiting: deque = deque()

    def setup(self) -> None:
        """The locations join the world: partners of kind ``vve_location``, each knowing the
        parents of the young children who go there."""
        from sim.agents.partner import PartnerOrganisation

        model = self.model
        spec = self.spec
        for hood in model.world.neighbourhoods:
            parents = [h for h in hood.households if h.young_children]
            for _ in range(spec.locations_per_neighbourhood):
                loc = PartnerOrganisation(model, "vve_location", hood.name, spec.start_engagement, 1.0, True)
                k = min(spec.parents_per_location, len(parents))
                if k:
                    idx = np.sort(model.rng.choice(len(parents), size=k, replace=False))
                    loc.clients = [parents[i] for i in idx]
                    for h in loc.clients:
                        h.partners.append(loc)
                loc.x = hood.x0 + model.rng.random() * max(len(hood.households) / max(hood.streets, 1), 1.0)
                loc.y = -1.5
                loc.names_rate = spec.names_per_week
                model.name_source_table.add(loc, self.name)
                self.locations.append(loc)

    def plan_week(self, t0: float, budget: float) -> None:
        model = self.model
        days = self.days_in_week(t0)
        if not days or budget <= 0:
            return
        self.take_names(self.name)
        i = 0
        while (
            self.waiting
            and budget >= self.spec.handover_hours
            and model.pathway.active_clients < model.pathway.capacity
        ):
            budget -= self.spec.handover_hours
            model.at(model.slot_time(days[i % len(days)], "morning"), self._handover, self.waiting.popleft())
            i += 1
        # the rest is presence at the locations: meetings with staff and parents (003:491)
        if self.locations and budget > 0:
            for loc in self.locations:
                loc.add_hours(budget / len(self.locations))
            model.pick_coaches(False)[0].book("partner_meetings", budget, self.name)

    def _handover(self, household) -> None:
        self.follow_up_name(household, warm_handover=True, childcare_on_site=self.spec.childcare_on_site)


INFO = register(StrategyInfo(
    name="vve", spec=VveStrategy, runtime=VveLocations, label_en="language for parents at pre-schools (VVE)",
    label_nl="taal voor ouders bij de vve", success_denominator="names_received",
    scaled=("hours_per_week",),
))
