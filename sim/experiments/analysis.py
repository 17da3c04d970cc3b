"""``outreach sensitivity`` on our own model: SALib's design run through the sweep engine
(so it streams, resumes and runs on any executor), then analysed, tabled and plotted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from sim.atomic import atomic_write_text
from sim.errors import InputError
from sim.experiments.sensitivity import analyze, check_n, noise_share, sample
from sim.experiments.spec import LoadedExperiment
from sim.experiments.sweep import run_sweep
from sim.results import write_csv, write_json


def run_sensitivity(
    exp: LoadedExperiment,
    method: str,
    n: int,
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    second_order: bool = False,
) -> pd.DataFrame:
    """Sobol with ``second_order`` draws N (2D + 2) points instead of N (D + 2); the table keeps
    the first-order and total indices either way."""
    check_n(method, n, str(exp.path), second_order)
    check_design(exp)
    problem = exp.problem()
    X = sample(problem, method, n, exp.spec.seed, second_order)
    points = [{name: exp.spec.parameters[name].from_unit(float(u)) for name, u in zip(exp.names, row, strict=True)}
              for row in X]
    runs = run_sweep(exp, out, workers, scheduler, points=points, kind="sensitivity", progress=progress,
                     extra_meta={"method": method, "n": n, "points": len(points), "second_order": second_order},
                     common_seeds=True)
    outcomes = exp.spec.outcomes
    means = runs.groupby("point")[outcomes].mean().reindex(range(len(points)))
    indices = analyze(problem, method, X, {o: means[o].to_numpy() for o in outcomes}, exp.spec.seed, second_order)
    base = None
    if exp.spec.replicates == 1:
        base = _centre_runs(exp)
    noise = noise_share(runs, outcomes, base)
    out = Path(out)
    write_csv(out / "indices.csv", indices)
    write_csv(out / "noise.csv", noise)
    plots = plot_indices(indices, method, out)
    atomic_write_text(out / "report.md", report(exp, method, n, indices, noise, len(runs)))
    import json

    meta_path = out / "metadata.json"
    meta = json.loads(meta_path.read_text())
    meta["tables"] = ["runs", "indices", "noise"]
    meta["plots"] = [p.name for p in plots]
    write_json(meta_path, meta)
    return indices


def check_design(exp: LoadedExperiment) -> None:
    """The method draws the design of a sensitivity analysis: a sweep's design options would
    go unused, so they are refused."""
    for option in ("design", "samples"):
        if option in exp.spec.model_fields_set:
            raise InputError(str(exp.path), option, "is not used by a sensitivity analysis, whose design comes "
                             "from --method and --n", "allowed: omit it, or run outreach sweep")
    for key, param in exp.spec.parameters.items():
        if "steps" in param.model_fields_set:
            raise InputError(str(exp.path), f"parameters.{key}.steps", "is not used by a sensitivity analysis, "
                             "which samples between low and high (--method, --n)",
                             "allowed: omit it, or run outreach sweep")


def _centre_runs(exp: LoadedExperiment, replicates: int = 10) -> pd.DataFrame:
    """Replicates at the centre of the design, to measure the noise of single runs."""
    from sim.runner import derive_seed, outcomes
    from sim.scenario import with_values

    values = {name: exp.spec.parameters[name].from_unit(0.5) for name in exp.names}
    sc = with_values(exp.base, values)
    rows = [outcomes(sc, derive_seed(exp.spec.seed, 10_000 + r)) for r in range(replicates)]
    return pd.DataFrame(rows)[exp.spec.outcomes]


def plot_indices(indices: pd.DataFrame, method: str, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths = []
    for output, df in indices.groupby("output", sort=False):
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(df) + 1.6))
        y = np.arange(len(df))
        if method == "morris":
            ax.barh(y, df["mu_star"], xerr=df["mu_star_conf"], color="#4c72b0", label="mu* (mean absolute effect)")
            ax.set_xlabel("effect on " + output)
        else:
            ax.barh(y - 0.2, df["ST"], 0.4, xerr=df["ST_conf"], color="#4c72b0", label="total (with interactions)")
            ax.barh(y + 0.2, df["S1"], 0.4, xerr=df["S1_conf"], color="#dd8452", label="first order (alone)")
            ax.set_xlabel("share of the variance of " + output)
        ax.set_yticks(y, df["parameter"])
        ax.invert_yaxis()
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title(f"What drives {output}? ({method})")
        fig.tight_layout()
        path = out / f"sensitivity_{output.replace('.', '_')}.png"
        tmp = path.with_name(f".{path.name}.tmp.png")
        fig.savefig(tmp, dpi=110)
        plt.close(fig)
        tmp.replace(path)
        paths.append(path)
    return paths


def report(exp, method, n, indices, noise, runs) -> str:
    lines = [f"# Sensitivity analysis: {exp.spec.name}", "",
             f"Method {method}, N = {n}, {runs} runs, {exp.spec.replicates} replicate(s) per point, seed "
             f"{exp.spec.seed}.",
             f"Base scenario: `{exp.spec.scenario}`.", ""]
    key = "ST" if method != "morris" else "mu_star"
    for output, df in indices.groupby("output", sort=False):
        top = df.sort_values(key, ascending=False).head(3)
        names = ", ".join(f"{r.parameter} ({getattr(r, key):.2f})" for r in top.itertuples())
        lines.append(f"- **{output}**: most influential: {names}.")
    lines += ["", "## Noise", "",
              "Each point's result is the mean of its replicates, and replicate r uses the same seed at every "
              "point (common random numbers), so differences between points come from the parameters, not chance. "
              "The share of the variance of the point means that is still chance:", ""]
    for r in noise.itertuples():
        lines.append(f"- {r.output}: {r.noise_share_of_variance:.1%}")
    lines += ["", "A share above about 10% calls for more replicates per point (`replicates:` in the experiment file)."]
    return "\n".join(lines) + "\n"
