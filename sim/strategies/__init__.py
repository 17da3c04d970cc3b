"""Outreach strategies, one module each, behind one interface (``base.Strategy``)."""

from __future__ import annotations

from sim.strategies.ambassadors import Ambassadors
from sim.strategies.base import Strategy
from sim.strategies.broad import BroadVisits
from sim.strategies.campaign import MediaCampaign
from sim.strategies.narrow import NarrowVisits
from sim.strategies.network import NetworkApproach

STRATEGIES: dict[str, type[Strategy]] = {
    "narrow": NarrowVisits,
    "broad": BroadVisits,
    "network": NetworkApproach,
    "campaign": MediaCampaign,
    "ambassadors": Ambassadors,
}


def make_strategy(model, spec, index: int) -> Strategy:
    return STRATEGIES[spec.type](model, spec, index)


__all__ = ["STRATEGIES", "Strategy", "make_strategy"]
