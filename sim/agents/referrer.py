"""What partner organisations and key figures share: engagement that grows with the coaches'
presence and fades without it ("een proces van lange adem", 000:1029-1030), and names referred."""

from __future__ import annotations

import math

import mesa


class Referrer(mesa.Agent):
    """Base for agents that can refer names of motivated people to the coaches."""

    names_per_week_attr = "names_per_week"

    def __init__(self, model, neighbourhood: str, engagement: float):
        super().__init__(model)
        self.neighbourhood = neighbourhood
        self.engagement = engagement
        self.clients: list = []
        self.hours_this_week = 0.0
        self.presence_hours = 0.0
        self.names_referred = 0
        self.x = 0.0
        self.y = 0.0

    def update_engagement(self) -> None:
        """Weekly: presence raises engagement towards 1; without it, engagement fades."""
        nb = self.model.behaviour.network
        gain = 1.0 - math.exp(-nb.engagement_gain_per_hour * self.hours_this_week)
        self.engagement += gain * (1.0 - self.engagement) - nb.engagement_decay_per_week * self.engagement
        self.engagement = min(max(self.engagement, 0.0), 1.0)
        self.presence_hours += self.hours_this_week
        self.hours_this_week = 0.0

    def name_rate(self) -> float:
        return self.engagement * getattr(self.model.behaviour.network, self.names_per_week_attr)

    def refer_names(self, weeks: float = 1.0) -> list:
        """Names of motivated clients not yet reached; partners refer people they think are ready."""
        n = self.model.rng.poisson(self.name_rate() * weeks)
        if n == 0:
            return []
        pool = [h for h in self.clients if h.stage <= 1 and h.route is None]
        if not pool:
            return []
        nb = self.model.behaviour.network
        k = nb.referral_selectivity
        # partners know their clients: those who speak Dutch, feel integrated or already follow
        # a course are rarely referred (assumption; 000:1026 'namen van gemotiveerde mensen')
        weights = [
            max(h.motivation, 1e-6) ** k
            * (nb.referral_misjudgement if (h.status == "not_in_need" or h.in_course or h.barriers.feels_integrated) else 1.0)
            for h in pool
        ]
        total = sum(weights)
        chosen = []
        for _ in range(min(n, len(pool))):
            r = self.model.rng.random() * total
            acc = 0.0
            for i, w in enumerate(weights):
                acc += w
                if acc >= r and w > 0:
                    chosen.append(pool[i])
                    total -= w
                    weights[i] = 0.0
                    break
        self.names_referred += len(chosen)
        return chosen
