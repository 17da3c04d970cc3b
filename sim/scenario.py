"""Scenario files: the names the rest of the package imports. The schema and its readers live
in ``sim.config``; this module keeps the import path ``sim.scenario`` working."""

from sim.config import *
from sim.config import __all__ as _config_all
from sim.config.errors import format_validation_error as _format_validation_error  # noqa: F401
from sim.config.quantities import PartnerType, Slot, StartType, Status  # noqa: F401

__all__ = list(_config_all)
