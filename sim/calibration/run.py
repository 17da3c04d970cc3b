"""The whole calibration: ABC-SMC, then the posterior, validation, diagnostics, plots, report."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from sim.atomic import atomic_write_bytes, atomic_write_text
from sim.calibration.abc import Settings, calibrate, load_history, posterior, predictive, validation, width_ratios
from sim.calibration.report import ess_failures, plot_posteriors, plot_predictive, write_report
from sim.calibration.targets import Targets
from sim.provenance import provenance
from sim.results import write_csv, write_json

MEDIANS = "posterior_medians.yaml"


def run_calibration(targets: Targets, out: Path, settings: Settings,
                    progress: Callable[[int, int, dict], None] | None = None) -> dict:
    out = Path(out)
    t0 = time.perf_counter()
    diag = calibrate(targets, out, settings, progress)
    history = load_history(out)
    post = posterior(history, targets)
    import io

    buf = io.BytesIO()
    post.to_parquet(buf, index=False)
    atomic_write_bytes(out / "posterior.parquet", buf.getvalue())
    pred = predictive(targets, post, settings.predictive_draws, settings.seed)
    val = validation(targets, pred)
    ratios = width_ratios(targets, post)
    write_csv(out / "validation.csv", val)
    write_csv(out / "diagnostics.csv", diag)
    write_csv(out / "parameters.csv", ratios)
    write_medians(out / MEDIANS, targets.spec.name, ratios)
    plots = [plot_posteriors(post, ratios, out), *plot_predictive(val, out)]
    seconds = time.perf_counter() - t0
    write_report(out, targets.spec.name, settings, diag, val, ratios, seconds)
    write_json(out / "metadata.json", provenance({
        "kind": "calibration",
        "targets": {"file": str(targets.path), "name": targets.spec.name, "groups": targets.groups},
        "scenarios": {k: {"name": v.name, "source_file": v._source_path} for k, v in targets.scenarios.items()},
        "settings": settings.__dict__,
        "seconds": seconds,
        "tables": ["posterior", "validation", "diagnostics", "parameters"],
        "posterior_medians": MEDIANS,
        "plots": [p.name for p in plots],
    }))
    return {"validation": val, "diagnostics": diag, "parameters": ratios, "seconds": seconds,
            "ess_failures": ess_failures(diag)}


def write_medians(path: Path, name: str, ratios: pd.DataFrame) -> None:
    """The weighted posterior medians by dotted key, ready for a scenario's values."""
    import yaml

    medians = {r.parameter: float(f"{r.posterior_median:.4g}") for r in ratios.itertuples()}
    atomic_write_text(path, f"# Posterior medians of the calibration on {name} (weighted; parameters.csv has the "
                            "90% intervals)\n" + yaml.safe_dump(medians, sort_keys=False))
