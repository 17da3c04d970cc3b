"""The scenario schema and everything that reads it.

- ``quantities``: the ranges every number must keep, the closed sets of names, the strict base.
- ``world``, ``policy``, ``strategies``, ``behaviour``, ``scenario``: the schema by topic.
- ``keys``: one dotted-key resolver for ``--set``, sweeps, priors and reading values back.
- ``load``: safe YAML, ``extends:``, validation, overrides, the YAML and SHA-256 of a run.
- ``errors``: pydantic's errors as one line, ``FILE: KEY: problem; allowed``.
"""

from __future__ import annotations

import importlib

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

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sim.config' has no attribute {name!r}")
