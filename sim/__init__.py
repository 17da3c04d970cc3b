"""outreach-sim: an agent-based simulation of how Dutch municipalities reach residents who
would benefit from learning Dutch, calibrated on the Roermond pilot (2009-2010).

    from sim import load_scenario, run
    scenario = load_scenario("scenarios/roermond_pilot.yaml", overrides={"policy.fee_eur": 0})
    result = run(scenario, seed=1)
    result.outcomes["starts"]

The names below are imported when first used, so ``import sim`` (and the command line's
``--help``) does not load Mesa, SciPy or pandas.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_WHERE = {
    "InputError": "sim.errors",
    "OutreachModel": "sim.model",
    "Result": "sim.runner",
    "derive_seed": "sim.runner",
    "run": "sim.runner",
    "run_replicates": "sim.runner",
    "runs_table": "sim.runner",
    "summarise": "sim.runner",
    "Scenario": "sim.config",
    "load_scenario": "sim.config",
    "as_function": "sim.exploration",
}

__all__ = ["__version__", *_WHERE]


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
