"""Narrow home visits (smalle aanpak, 000 chapter 3): a list from the municipal register and the
earlier refusers, in street order, unannounced, by two coaches, with the message 'inburgering'
(later 'taal en meedoen'), a note and a second attempt, and an intake on the spot."""

from __future__ import annotations

import numpy as np

from sim.strategies.home_visits import HomeVisits


class NarrowVisits(HomeVisits):
    name = "narrow"

    def setup(self) -> None:
        model = self.model
        spec = self.spec
        rng = model.rng
        chosen = []
        for hood in model.neighbourhoods:
            refusers = [h for h in hood.households if h.status == "refuser"] if spec.include_refusers else []
            chosen.append(refusers)
        # the register selection (000:152-156) is city-wide: spread it over the neighbourhoods
        # by size; how often each register group is picked is the scenario's selection_weight
        weight = spec.selection_weight
        pool = [h for h in model.households if weight[h.status] > 0]
        if pool and spec.register_selection:
            w = np.array([weight[h.status] for h in pool])
            k = min(spec.register_selection, len(pool))
            idx = rng.choice(len(pool), size=k, replace=False, p=w / w.sum())
            picked = {pool[i].unique_id for i in idx}
            for i, hood in enumerate(model.neighbourhoods):
                chosen[i] = chosen[i] + [h for h in hood.households if h.unique_id in picked]
        # addresses sorted by neighbourhood and street (000:175-177); the coaches kept the
        # neighbourhoods about level (000:179), so the lists are taken in turn
        lists = [sorted(c, key=lambda h: (h.street, h.house)) for c in chosen]
        while any(lists):
            for lst in lists:
                if lst:
                    self.queue.append(lst.pop(0))
