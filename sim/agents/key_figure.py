"""A key figure (sleutelfiguur) or ambassador: knows households, has credibility, passes on
word of mouth and delivers names (000:53-54, 000:484-485; the guide's method 3)."""

from __future__ import annotations

from sim.agents.name_source import NameSource


class KeyFigure(NameSource):
    def __init__(self, model, neighbourhood: str, engagement: float, credibility: float, ambassador: bool = False):
        super().__init__(model, neighbourhood, engagement)
        self.credibility = credibility
        self.ambassador = ambassador
        self.source_household: int | None = None  # for an ambassador: the household they come from

    def base_name_rate(self) -> float:
        nb = self.model.behaviour.network
        if self.ambassador:
            return nb.ambassador_names_per_week
        # a more credible key figure is listened to more (assumption)
        return nb.key_figure_names_per_week * (nb.key_figure_credibility_floor + self.credibility)
