"""Narrow home visits (smalle aanpak, 000 chapter 3): a list from the municipal register and the
earlier refusers, in street order, unannounced, by two coaches, with the message 'inburgering'
(later 'taal en meedoen'), a note and a second attempt, and an intake on the spot."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from sim.config.quantities import Count, Status, _src
from sim.config.strategies import StrategyBase, VisitSettings
from sim.strategies.home_visits import HomeVisits
from sim.strategies.registry import StrategyInfo, register


class NarrowStrategy(StrategyBase, VisitSettings):
    type: Literal["narrow"] = "narrow"
    register_selection: Count = Field(
        175, **_src("people selected from the municipal register (GBA) (000:152-156)")
    )
    include_refusers: bool = Field(True, **_src("earlier refusers added to the list (000:157-159)"))
    note_and_second_attempt: bool = Field(True, **_src("a note when nobody is home, then a second visit (000:244-246)"))
    announced: bool = Field(False, **_src("narrow visits were unannounced (000:243-244)"))
    selection_weight: dict[Status, Annotated[float, Field(ge=0.0, le=100.0)]] = Field(
        default_factory=lambda: {"obligated": 3.0, "voluntary": 1.0, "not_in_need": 2.5, "refuser": 0.0},
        **_src("relative chance of a register group to be in the register selection (assumption; 000:152-156 selects "
               "by country of birth and age, so potential obligated people more than others; the register cannot "
               "tell who has Dutch diplomas, 000:341-345, so they are picked like the potential obligated)"),
    )


class NarrowVisits(HomeVisits):
    name = "narrow"

    def setup(self) -> None:
        model = self.model
        spec = self.spec
        rng = model.rng
        chosen = []
        for hood in model.world.neighbourhoods:
            refusers = [h for h in hood.households if h.status == "refuser"] if spec.include_refusers else []
            chosen.append(refusers)
        # the register selection (000:152-156) is city-wide: spread it over the neighbourhoods
        # by size; how often each register group is picked is the scenario's selection_weight
        weight = spec.selection_weight
        pool = [h for h in model.world.households if weight[h.status] > 0]
        if pool and spec.register_selection:
            w = np.array([weight[h.status] for h in pool])
            k = min(spec.register_selection, len(pool))
            idx = rng.choice(len(pool), size=k, replace=False, p=w / w.sum())
            picked = {pool[i].unique_id for i in idx}
            for i, hood in enumerate(model.world.neighbourhoods):
                chosen[i] = chosen[i] + [h for h in hood.households if h.unique_id in picked]
        # addresses sorted by neighbourhood and street (000:175-177); the coaches kept the
        # neighbourhoods about level (000:179), so the lists are taken in turn
        lists = [sorted(c, key=lambda h: (h.street, h.house)) for c in chosen]
        self.queue_in_turn(lists)


INFO = register(StrategyInfo(
    name="narrow", spec=NarrowStrategy, runtime=NarrowVisits, label_en="narrow home visits",
    label_nl="smalle huisbezoeken", scaled=("hours_per_week", "register_selection"),
    scaled_whole=("register_selection",),
))
