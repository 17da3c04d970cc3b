"""Agent types, one module each; ``state`` holds the plain data they share.

The agent classes are imported when first used, so importing ``sim.agents.state`` loads no Mesa."""

from __future__ import annotations

from sim.lazy import lazy_exports

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


__getattr__ = lazy_exports(globals(), _WHERE)
