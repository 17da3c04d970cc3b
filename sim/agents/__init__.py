"""Agent types, one module each; ``state`` holds the plain data they share.

The agent classes are imported when first used, so importing ``sim.agents.state`` loads no Mesa."""

from __future__ import annotations

import importlib

_WHERE = {
    "ACTIVITIES": "sim.agents.coach",
    "Coach": "sim.agents.coach",
    "Household": "sim.agents.household",
    "KeyFigure": "sim.agents.key_figure",
    "PartnerOrganisation": "sim.agents.partner",
    "START_TYPES": "sim.agents.state",
    "Stage": "sim.agents.state",
}

__all__ = list(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sim.agents' has no attribute {name!r}")
