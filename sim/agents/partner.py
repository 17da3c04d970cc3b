"""A partner organisation: school, mother centre, welfare, housing corporation, mosque, health
centre, language or home-lesson provider, and the desks a broad visit refers to (000:567-585)."""

from __future__ import annotations

from sim.agents.name_source import NameSource


class PartnerOrganisation(NameSource):
    def __init__(
        self, model, kind: str, neighbourhood: str, engagement: float, pickup_probability: float, passes_names: bool
    ):
        super().__init__(model, neighbourhood, engagement)
        self.kind = kind
        self.pickup_probability = pickup_probability
        self.passes_names = passes_names
        self.names_rate: float | None = None  # a rate of its own (a pre-school location), else the network's
        self.problems_received = 0
        self.problems_picked_up = 0

    def base_name_rate(self) -> float:
        if not self.passes_names:
            return 0.0
        return self.names_rate if self.names_rate is not None else super().base_name_rate()

    def receive_problem(self, household) -> bool:
        """A problem referred from a broad visit; an engaged partner picks it up more often (000:597-601)."""
        self.problems_received += 1
        w = self.model.behaviour.network.pickup_engagement_weight
        p = self.pickup_probability * (1.0 - w + w * self.engagement)
        picked = self.model.rng.random() < p
        if picked:
            self.problems_picked_up += 1
        return picked
