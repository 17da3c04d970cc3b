"""Agent types, one module each."""

from sim.agents.coach import ACTIVITIES, Coach
from sim.agents.household import START_TYPES, Household, Stage
from sim.agents.key_figure import KeyFigure
from sim.agents.partner import PartnerOrganisation

__all__ = ["ACTIVITIES", "START_TYPES", "Coach", "Household", "KeyFigure", "PartnerOrganisation", "Stage"]
