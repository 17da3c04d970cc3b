"""A key figure (sleutelfiguur) or ambassador: knows households, has credibility, passes on
word of mouth and delivers names (000:53-54, 000:484-485; the guide's method 3)."""

from __future__ import annotations

from sim.agents.name_source import NameSource


class KeyFigure(NameSource):
    def __init__(self, model, neighbourhood: str, engagement: float, credibility: float | None = None,
                 ambassador: bool = False):
        super().__init__(model, neighbourhood, engagement)
        # a key figure's credibility scales its name rate; an ambassador has none of its own:
        # their name rate and their pull as someone who did the course are
        # behaviour.network.ambassador_names_per_week and ambassador_effect (003:445)
        self.credibility = credibility
        self.ambassador = ambassador
        self.source_household: int | None = None  # for an ambassador: the household they come from

    def base_name_rate(self) -> float:
        nb = self.model.behaviour.network
        if self.ambassador:
            return nb.ambassador_names_per_week
        # a more credible key figure is listened to more (assumption)
        assert self.credibility is not None, "a key figure is drawn with a credibility"
        return nb.key_figure_names_per_week * (nb.key_figure_credibility_floor + self.credibility)
