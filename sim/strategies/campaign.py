"""A media campaign (000:464-523): posters, local media and a moving billboard with a stand
in the neighbourhoods. It costs money, not doors; people come forward as leads when it
launches, and the coaches phone them within two weeks and by the campaign's end. The calls
are booked whatever the budget: the campaign asks for no coach hours a week."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field, model_validator

from sim.agents.state import Context, Stage
from sim.config.quantities import Days, Eur, WeekHours, _src, refused
from sim.config.strategies import StrategyBase
from sim.strategies.base import Strategy
from sim.strategies.registry import StrategyInfo, register


class CampaignStrategy(StrategyBase):
    type: Literal["campaign"] = "campaign"
    weekly_hours = False
    hours_per_week: WeekHours = Field(
        0.0, **_src("none: the campaign books no coach hours a week; its leads are phoned within two weeks "
                    "whatever the budget (000:517-519), behaviour.time.lead_call_hours each")
    )
    expected_leads: Annotated[float, Field(ge=0.0, le=1e6)] = Field(
        20.0, **_src("the billboard action gave 20 serious leads (000:494-503)")
    )
    cost_eur: Eur = Field(10000.0, **_src("media campaign cost (assumption)"))
    follow_up_days: Days = Field(
        14.0, **_src("leads phoned within two weeks (000:517-519), and no later than the campaign's end")
    )

    @model_validator(mode="after")
    def _no_weekly_hours(self):
        if self.hours_per_week > 0:
            raise refused(("hours_per_week",), f"{self.hours_per_week:g} hours a week, but the campaign books no "
                          "coach hours a week: its leads are phoned whatever the budget "
                          "(behaviour.time.lead_call_hours each); allowed: 0", self.hours_per_week)
        return self


class MediaCampaign(Strategy):
    name = "campaign"

    def setup(self) -> None:
        self.model.at(float(self.start_day), self._launch)

    def plan_week(self, t0: float, budget: float) -> None:
        """Leads are followed up as they come; the campaign has no weekly plan of its own (and no
        budget: its ``hours_per_week`` is 0)."""

    def _launch(self) -> None:
        model = self.model
        rec = model.recorder
        rec.count(self.name, "campaign_cost_eur", self.spec.cost_eur)
        unaware = Stage.UNAWARE  # not ``stage.reached``: compared by identity, as it runs over every household
        pool = [h for h in model.world.households if h.stage is unaware and h.status != "not_in_need"]
        n = min(int(model.rng.poisson(self.spec.expected_leads)), len(pool))
        if n == 0:
            return
        k = model.behaviour.network.name_selectivity
        # motivation straight from the columns (``Household.motivation`` reads the same): every household is asked
        w = np.maximum(np.array([h._c["motivation"][h._i] for h in pool]), 1e-6) ** k
        idx = model.rng.choice(len(pool), size=n, replace=False, p=w / w.sum())
        # phoned within the follow-up days, and by the campaign's end (its last day included)
        window = min(self.spec.follow_up_days, self.end_day + 1 - model.time)
        for i in sorted(idx):
            household = pool[i]
            household.name_for(self.name)
            rec.count(self.name, "leads")
            delay = model.rng.random() * window
            model.at(model.time + delay, self._follow_up, household)

    def _follow_up(self, household) -> None:
        model = self.model
        coaches = model.pick_coaches(False)
        coaches[0].book("conversations", model.behaviour.time.lead_call_hours, self.name)
        model.recorder.count(self.name, "conversations")
        ctx = Context(route=self.name, trained_coach=self.trained(coaches), lead=True)
        model.pathway.converse(household, ctx, coaches, intake_on_the_spot=True)


INFO = register(StrategyInfo(
    name="campaign", spec=CampaignStrategy, runtime=MediaCampaign, label_en="media campaign",
    label_nl="mediacampagne", success_denominator="leads",
    scaled=("expected_leads", "cost_eur"),
))
