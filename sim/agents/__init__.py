"""Agent types, one module each; ``state`` holds the plain data they share.

The agent classes are imported when first used, so importing ``sim.agents.state`` loads no Mesa."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.lazy import lazy_exports

if TYPE_CHECKING:  # what __getattr__ below imports on first use, as the type checker sees it
    from sim.agents.coach import ACTIVITIES, Coach
    from sim.agents.household import Household
    from sim.agents.key_figure import KeyFigure
    from sim.agents.partner import PartnerOrganisation
    from sim.agents.state import START_TYPES, Stage

_WHERE = {
    "ACTIVITIES": "sim.agents.coach",
    "Coach": "sim.agents.coach",
    "Household": "sim.agents.household",
    "KeyFigure": "sim.agents.key_figure",
    "PartnerOrganisation": "sim.agents.partner",
    "START_TYPES": "sim.agents.state",
    "Stage": "sim.agents.state",
}

__all__ = ["ACTIVITIES", "START_TYPES", "Coach", "Household", "KeyFigure", "PartnerOrganisation", "Stage"]

__getattr__ = lazy_exports(globals(), _WHERE)
