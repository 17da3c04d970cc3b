"""Experiments: sweeps and sensitivity analyses over scenario parameters."""

from sim.experiments.analysis import run_sensitivity
from sim.experiments.sensitivity import sensitivity
from sim.experiments.spec import load_experiment
from sim.experiments.sweep import read_runs, run_sweep

__all__ = ["load_experiment", "read_runs", "run_sensitivity", "run_sweep", "sensitivity"]
