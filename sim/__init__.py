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

from typing import TYPE_CHECKING

from sim.lazy import lazy_exports

if TYPE_CHECKING:  # what __getattr__ below imports on first use, as the type checker sees it
    from sim.config import Scenario, load_scenario
    from sim.errors import InputError
    from sim.exploration import as_function
    from sim.model import OutreachModel
    from sim.runner import Result, derive_seed, run, run_replicates, runs_table, summarise

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

__all__ = [  # __version__ and the keys of _WHERE
    "InputError", "OutreachModel", "Result", "Scenario", "__version__", "as_function", "derive_seed", "load_scenario",
    "run", "run_replicates", "runs_table", "summarise",
]


__getattr__ = lazy_exports(globals(), _WHERE)


def __dir__() -> list[str]:
    return sorted(__all__)
