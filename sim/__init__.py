"""outreach-sim: an agent-based simulation of how Dutch municipalities reach residents who
would benefit from learning Dutch, calibrated on the Roermond pilot (2009-2010).

    from sim import load_scenario, run
    scenario = load_scenario("scenarios/roermond_pilot.yaml", overrides={"policy.fee_eur": 0})
    result = run(scenario, seed=1)
    result.outcomes["starts"]
"""

from sim.errors import InputError
from sim.model import OutreachModel
from sim.runner import Result, derive_seed, run, run_replicates, runs_table, summarise
from sim.scenario import Scenario, load_scenario

__version__ = "0.1.0"

__all__ = [
    "InputError",
    "as_function",
    "OutreachModel",
    "Result",
    "Scenario",
    "__version__",
    "derive_seed",
    "load_scenario",
    "run",
    "run_replicates",
    "runs_table",
    "summarise",
]


def __getattr__(name: str):
    # loaded on first use: `import sim` stays as cheap as it was
    if name == "as_function":
        from sim.exploration import as_function

        return as_function
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
