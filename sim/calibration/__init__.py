"""Calibration on observed figures (ABC-SMC), and predictions that carry the posterior."""

from sim.calibration.posterior import particle_sampler, read_posterior
from sim.calibration.targets import load_targets

__all__ = ["load_targets", "particle_sampler", "read_posterior", "run_calibration"]


def run_calibration(*args, **kwargs):
    from sim.calibration.run import run_calibration as _run

    return _run(*args, **kwargs)
