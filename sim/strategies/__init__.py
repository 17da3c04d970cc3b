"""Outreach strategies, one module each, behind one interface (``base.Strategy``). Importing
this package registers every strategy module in ``registry.REGISTRY``."""

from __future__ import annotations

# isort: off
# Each module registers its strategy; the order here is the order of tables and outputs.
from sim.strategies import narrow, broad, network, campaign, ambassadors, vve, starter_courses  # noqa: F401
# isort: on
from sim.strategies.base import Strategy
from sim.strategies.registry import REGISTRY, StrategyInfo


def make_strategy(model, spec, index: int) -> Strategy:
    return REGISTRY[spec.type].runtime(model, spec, index)


__all__ = ["REGISTRY", "Strategy", "StrategyInfo", "make_strategy"]
