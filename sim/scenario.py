"""Scenario files: the names the rest of the package imports. The schema and its readers live
in ``sim.config``, each strategy's settings in its module under ``sim.strategies``; this module
keeps the import path ``sim.scenario`` working."""

from sim.config import *  # noqa: F403
from sim.config import __all__ as _config_all
from sim.config.errors import format_validation_error as _format_validation_error  # noqa: F401
from sim.config.quantities import PartnerType, Slot, StartType, Status  # noqa: F401
from sim.strategies.ambassadors import AmbassadorsStrategy
from sim.strategies.broad import BroadStrategy
from sim.strategies.campaign import CampaignStrategy
from sim.strategies.narrow import NarrowStrategy
from sim.strategies.network import NetworkStrategy

__all__ = [*_config_all, "AmbassadorsStrategy", "BroadStrategy", "CampaignStrategy", "NarrowStrategy",
           "NetworkStrategy"]
