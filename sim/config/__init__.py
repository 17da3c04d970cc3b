"""The scenario schema and everything that reads it.

- ``quantities``: the ranges every number must keep, the closed sets of names, the strict base.
- ``world``, ``policy``, ``strategies``, ``behaviour``, ``scenario``: the schema by topic.
- ``keys``: one dotted-key resolver for ``--set``, sweeps, priors and reading values back.
- ``load``: safe YAML, ``extends:``, validation, overrides, the YAML and SHA-256 of a run.
- ``errors``: pydantic's errors as one line, ``FILE: KEY: problem; allowed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.lazy import lazy_exports

if TYPE_CHECKING:  # what __getattr__ below imports on first use, as the type checker sees it
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
    from sim.config.scenario import Holiday, Prior, Scenario, StrategySpec, replaced_overrides
    from sim.config.strategies import StrategyPhase, strategy_specs
    from sim.config.world import CitySpec, NeighbourhoodSpec, PartnerSpec, WorldSpec

# Imported when first used: the strategy modules import the schema's building blocks from
# here, and the whole schema needs every strategy module registered first.
_WHERE = {
    "Behaviour": "sim.config.behaviour",
    "CitySpec": "sim.config.world",
    "CoachSpec": "sim.config.policy",
    "Holiday": "sim.config.scenario",
    "NeighbourhoodSpec": "sim.config.world",
    "OfferSpec": "sim.config.policy",
    "PARTNER_TYPES": "sim.config.quantities",
    "PartnerSpec": "sim.config.world",
    "PolicyChange": "sim.config.policy",
    "PolicySpec": "sim.config.policy",
    "Prior": "sim.config.scenario",
    "SCENARIO_DIR": "sim.config.load",
    "SLOTS": "sim.config.quantities",
    "STATUSES": "sim.config.quantities",
    "Scenario": "sim.config.scenario",
    "StrategyPhase": "sim.config.strategies",
    "StrategySpec": "sim.config.scenario",
    "Strict": "sim.config.quantities",
    "WorldSpec": "sim.config.world",
    "apply_overrides": "sim.config.keys",
    "format_validation_error": "sim.config.errors",
    "get_value": "sim.config.keys",
    "load_scenario": "sim.config.load",
    "parse_override": "sim.config.keys",
    "read_with_extends": "sim.config.load",
    "read_yaml": "sim.config.load",
    "replaced_overrides": "sim.config.scenario",
    "resolve_scenario": "sim.config.load",
    "scenario_sha256": "sim.config.load",
    "scenario_yaml": "sim.config.load",
    "strategy_specs": "sim.config.strategies",
    "validate_dict": "sim.config.load",
    "with_values": "sim.config.keys",
}

__all__ = [  # the keys of _WHERE
    "PARTNER_TYPES", "SCENARIO_DIR", "SLOTS", "STATUSES", "Behaviour", "CitySpec", "CoachSpec", "Holiday",
    "NeighbourhoodSpec", "OfferSpec", "PartnerSpec", "PolicyChange", "PolicySpec", "Prior", "Scenario",
    "StrategyPhase", "StrategySpec", "Strict", "WorldSpec", "apply_overrides", "format_validation_error",
    "get_value", "load_scenario", "parse_override", "read_with_extends", "read_yaml", "replaced_overrides",
    "resolve_scenario", "scenario_sha256", "scenario_yaml", "strategy_specs", "validate_dict", "with_values",
]


__getattr__ = lazy_exports(globals(), _WHERE)
