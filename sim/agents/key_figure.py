"""A key figure (sleutelfiguur) or ambassador: knows households, has credibility, passes on
word of mouth and delivers names (000:53-54, 000:484-485; the guide's method 3)."""

from __future__ import annotations

from sim.agents.referrer import Referrer


class KeyFigure(Referrer):
    names_per_week_attr = "key_figure_names_per_week"

    def __init__(self, model, neighbourhood: str, engagement: float, credibility: float, ambassador: bool = False):
        super().__init__(model, neighbourhood, engagement)
        self.credibility = credibility
        self.ambassador = ambassador

    def name_rate(self) -> float:
        return super().name_rate() * (0.5 + self.credibility)
