"""The scenario schema and everything that reads it.

- ``quantities``: the ranges every number must keep, the closed sets of names, the strict base.
- ``world``, ``policy``, ``strategies``, ``behaviour``, ``scenario``: the schema by topic.
- ``keys``: one dotted-key resolver for ``--set``, sweeps, priors and reading values back.
- ``load``: safe YAML, ``extends:``, validation, overrides, the YAML and SHA-256 of a run.
- ``errors``: pydantic's errors as one line, ``FILE: KEY: problem; allowed``.
"""

from sim.config.behaviour import Behaviour
from sim.config.errors import format_validation_error
from sim.config.keys import apply_overrides, get_value, parse_override, with_values
from sim.config.load import (
    SCENARIO_DIR,
    load_scenario,
    read_with_extends,
    read_yaml,
    resolve_scenario,
    scenario_sha256,
    scenario_yaml,
    validate_dict,
)
from sim.config.policy import CoachSpec, OfferSpec, PolicyChange, PolicySpec
from sim.config.quantities import PARTNER_TYPES, SLOTS, STATUSES, Strict
from sim.config.scenario import Holiday, Prior, Scenario, replaced_overrides
from sim.config.strategies import (
    STRATEGY_SPECS,
    AmbassadorsStrategy,
    BroadStrategy,
    CampaignStrategy,
    NarrowStrategy,
    NetworkStrategy,
    StrategyPhase,
    StrategySpec,
)
from sim.config.world import CitySpec, NeighbourhoodSpec, PartnerSpec, WorldSpec

__all__ = [
    "PARTNER_TYPES", "SCENARIO_DIR", "SLOTS", "STATUSES", "STRATEGY_SPECS", "AmbassadorsStrategy", "Behaviour",
    "BroadStrategy", "CampaignStrategy", "CitySpec", "CoachSpec", "Holiday", "NarrowStrategy", "NeighbourhoodSpec",
    "NetworkStrategy", "OfferSpec", "PartnerSpec", "PolicyChange", "PolicySpec", "Prior", "Scenario", "StrategyPhase",
    "StrategySpec", "Strict", "WorldSpec", "apply_overrides", "format_validation_error", "get_value", "load_scenario",
    "parse_override", "read_with_extends", "read_yaml", "replaced_overrides", "resolve_scenario", "scenario_sha256",
    "scenario_yaml", "validate_dict", "with_values",
]
