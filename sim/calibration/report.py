"""Plots and the short report of a calibration."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.results import atomic_write_text

HOURS_NOTE = (
    "The sources' hour totals do not follow from their own per-visit rule: narrow visits, 75 conversations x 2 "
    "coaches x 2 h + 22 doors x 2 x 1 h is about 344 h against almost 600 h reported (000:257-260); broad visits, "
    "20 x 4 h = 80 h against almost 63 h (000:603-607). They are therefore not calibration targets: the model books "
    "hours by the per-visit rule plus notes, second visits, intakes and administration, and the report compares the "
    "totals only loosely (docs/MODEL.md, section 4)."
)


def _save(fig, path: Path) -> None:
    import matplotlib.pyplot as plt

    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(path)


def plot_posteriors(post: pd.DataFrame, ratios: pd.DataFrame, out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = len(ratios)
    cols = 3
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 2.8 * rows), squeeze=False)
    for ax, r in zip(axes.flat, ratios.itertuples()):
        ax.hist(post[r.parameter], bins=20, range=(r.prior_low, r.prior_high), weights=post["weight"], density=True,
                color="#4c72b0", alpha=0.8, label="posterior")
        ax.axhline(1.0 / (r.prior_high - r.prior_low), color="#dd8452", lw=2, label="prior")
        ax.set_title(r.parameter.replace("behaviour.", ""), fontsize=9)
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=8)
    fig.suptitle("What the Roermond figures say about each parameter: posterior against prior")
    fig.tight_layout()
    path = out / "posterior_vs_prior.png"
    _save(fig, path)
    return path


def plot_predictive(val: pd.DataFrame, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from scipy import stats

    paths = []
    for group, df in val.groupby("group", sort=False):
        fig, ax = plt.subplots(figsize=(7, 0.6 * len(df) + 1.5))
        y = np.arange(len(df))
        ax.hlines(y + 0.12, df["sim_low"], df["sim_high"], color="#4c72b0", lw=6, alpha=0.6, label="model, 90% range")
        ax.plot(df["sim_median"], y + 0.12, "o", color="#4c72b0")
        lo = stats.binom.ppf(0.05, df["trials"], df["observed"]) / df["trials"]
        hi = stats.binom.ppf(0.95, df["trials"], df["observed"]) / df["trials"]
        ax.hlines(y - 0.12, lo, hi, color="#dd8452", lw=6, alpha=0.6, label="observed, 90% binomial range")
        ax.plot(df["observed"], y - 0.12, "D", color="#dd8452")
        ax.set_yticks(y, [f"{t} ({c}/{n})" for t, c, n in zip(df["target"], df["count"], df["trials"])], fontsize=8)
        ax.set_xlim(0, 1)
        ax.set_xlabel("rate")
        ax.set_title(f"Posterior predictive check: {group}")
        ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()
        path = out / f"predictive_{group}.png"
        _save(fig, path)
        paths.append(path)
    return paths


def write_report(out: Path, name: str, settings, diag: pd.DataFrame, val: pd.DataFrame, ratios: pd.DataFrame,
                 seconds: float) -> None:
    inside = int(val["inside"].sum())
    lines = [
        f"# Calibration: {name}", "",
        f"ABC-SMC (pyabc), {settings.population} particles, {len(diag)} generations, {settings.replicates} replicate(s) "
        f"per scenario and particle, seed {settings.seed}, {settings.workers} worker(s); "
        f"{int(diag['simulations'].sum())} particle simulations in {seconds / 60:.1f} minutes.",
        "Distance: the binomial deviance of each observed count given the simulated rate, summed over the targets.",
        "",
        "## Fit",
        "",
        f"{inside} of {len(val)} targets lie inside the simulated 90% range (posterior draws, binomial sampling of the "
        "observed number of trials included).",
        "",
        "| target | observed | model median | model 5-95% | inside | source |",
        "|---|---|---|---|---|---|",
    ]
    for r in val.itertuples():
        lines.append(f"| {r.target} | {r.count}/{r.trials} = {r.observed:.3f} | {r.sim_median:.3f} | "
                     f"{r.sim_low:.3f}-{r.sim_high:.3f} | {'yes' if r.inside else 'NO'} | {r.source} |")
    lines += ["", "## Parameters", "",
              "Width ratio: the posterior 90% interval over the prior range; well below 1 means the data inform it.", "",
              "| parameter | prior | posterior median | posterior 90% | width ratio |", "|---|---|---|---|---|"]
    for r in ratios.itertuples():
        lines.append(f"| `{r.parameter}` | {r.prior_low:g}-{r.prior_high:g} | {r.posterior_median:.3f} | "
                     f"{r.posterior_low:.3f}-{r.posterior_high:.3f} | {r.width_ratio:.2f} |")
    lines += ["", "## Generations", "", "| generation | epsilon | acceptance rate | effective sample size |", "|---|---|---|---|"]
    for r in diag.itertuples():
        lines.append(f"| {r.generation} | {r.epsilon:.2f} | {r.acceptance_rate:.3f} | {r.effective_sample_size:.0f} |")
    lines += ["", "## Hour totals", "", HOURS_NOTE, ""]
    atomic_write_text(out / "report.md", "\n".join(lines))
