"""Plots and the short report of a calibration."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.atomic import atomic_write_text

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
    for ax, r in zip(axes.flat, ratios.itertuples(), strict=False):  # the grid may have spare axes
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
    """Per group: the rates against their binomial range, and any counts (kind count) against
    their Poisson range on an axis of their own."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from scipy import stats

    paths = []
    for group, df in val.groupby("group", sort=False):
        kinds = [(k, df[df["kind"] == k]) for k in ("rate", "count") if (df["kind"] == k).any()]
        heights = [len(d) for _, d in kinds]
        fig, axes = plt.subplots(len(kinds), 1, figsize=(7, 0.6 * sum(heights) + 1.5 * len(kinds)), squeeze=False,
                                 gridspec_kw={"height_ratios": heights})
        for ax, (kind, d) in zip(axes[:, 0], kinds, strict=True):
            y = np.arange(len(d))
            ax.hlines(y + 0.12, d["sim_low"], d["sim_high"], color="#4c72b0", lw=6, alpha=0.6, label="model, 90% range")
            ax.plot(d["sim_median"], y + 0.12, "o", color="#4c72b0")
            if kind == "rate":
                lo = stats.binom.ppf(0.05, d["trials"], d["observed"]) / d["trials"]
                hi = stats.binom.ppf(0.95, d["trials"], d["observed"]) / d["trials"]
                labels = [f"{t} ({c}/{int(n)})" for t, c, n in zip(d["target"], d["count"], d["trials"], strict=True)]
                ax.set_xlim(0, 1)
                ax.set_xlabel("rate")
            else:
                lo, hi = stats.poisson.ppf(0.05, d["observed"]), stats.poisson.ppf(0.95, d["observed"])
                labels = [f"{t} ({c})" for t, c in zip(d["target"], d["count"], strict=True)]
                ax.set_xlim(0, 1.5 * max(float(np.max(hi)), float(d["sim_high"].max())))
                ax.set_xlabel("count")
            ax.hlines(y - 0.12, lo, hi, color="#dd8452", lw=6, alpha=0.6,
                      label=f"observed, 90% {'binomial' if kind == 'rate' else 'Poisson'} range")
            ax.plot(d["observed"], y - 0.12, "D", color="#dd8452")
            ax.set_yticks(y, labels, fontsize=8)
            ax.set_ylim(-0.6, len(d) - 0.4)
            ax.legend(fontsize=7, loc="best")
        axes[0, 0].set_title(f"Posterior predictive check: {group}")
        fig.tight_layout()
        path = out / f"predictive_{group}.png"
        _save(fig, path)
        paths.append(path)
    return paths


def observed_text(r) -> str:
    """``20/75 = 0.267`` for a rate, ``115`` for a count."""
    return f"{r.count}/{int(r.trials)} = {r.observed:.3f}" if r.kind == "rate" else f"{r.count}"


def value_text(x: float, kind: str) -> str:
    return f"{x:.3f}" if kind == "rate" else f"{x:.0f}"


def ess_failures(diag: pd.DataFrame) -> list[int]:
    """The generations whose effective sample size or distinct particles fell below the share."""
    return [int(g) for g in diag.loc[~diag["ess_ok"].astype(bool), "generation"]]


def write_report(out: Path, name: str, settings, diag: pd.DataFrame, val: pd.DataFrame, ratios: pd.DataFrame,
                 seconds: float) -> None:
    inside = int(val["inside"].sum())
    failed = ess_failures(diag)
    share = f"{settings.min_ess_share:.0%}"
    check = (f"**FAILED: the effective sample size, or the number of distinct particles, fell below {share} of the "
             f"particles in generation(s) {', '.join(map(str, failed))}.** The posterior rests on too few particles; "
             "run again with more particles (`--population`)." if failed else
             f"Effective sample size and distinct particles at least {share} of the particles in every generation.")
    lines = [
        f"# Calibration: {name}", "",
        check, "",
        f"ABC-SMC (pyabc), {settings.population} particles, {len(diag)} generations, {settings.replicates} "
        "replicate(s) "
        f"per scenario and particle, seed {settings.seed}, {settings.workers} worker(s); "
        f"{int(diag['simulations'].sum())} particle simulations in {seconds / 60:.1f} minutes.",
        "Distance: the binomial deviance of each observed count given the simulated rate (the Poisson deviance of "
        "a count target given the simulated mean), summed over the targets.",
        "",
        "## Fit",
        "",
        f"{inside} of {len(val)} targets lie inside the simulated 90% range (posterior draws, binomial sampling of the "
        "observed number of trials included; Poisson sampling for a count).",
        "",
        "| target | observed | model median | model 5-95% | inside | source |",
        "|---|---|---|---|---|---|",
    ]
    for r in val.itertuples():
        lines.append(f"| {r.target} | {observed_text(r)} | {value_text(r.sim_median, r.kind)} | "
                     f"{value_text(r.sim_low, r.kind)}-{value_text(r.sim_high, r.kind)} | "
                     f"{'yes' if r.inside else 'NO'} | "
                     f"{r.source} |")
    lines += ["", "## Parameters", "",
              "Width ratio: the posterior 90% interval over the prior range; well below 1 means the data inform "
              "it.", "",
              "| parameter | prior | posterior median | posterior 90% | width ratio |", "|---|---|---|---|---|"]
    for r in ratios.itertuples():
        lines.append(f"| `{r.parameter}` | {r.prior_low:g}-{r.prior_high:g} | {r.posterior_median:.3f} | "
                     f"{r.posterior_low:.3f}-{r.posterior_high:.3f} | {r.width_ratio:.2f} |")
    lines += ["", "## Generations", "",
              "The effective sample size of the importance weights is the one before any resampling; a generation "
              "where it fell below half the particles was resampled and moved (docs/CALIBRATION.md).", "",
              "| generation | epsilon | acceptance rate | particles | effective sample size | of the importance "
              "weights "
              "| move steps | distinct particles | check |", "|---|---|---|---|---|---|---|---|---|"]
    for r in diag.itertuples():
        lines.append(f"| {r.generation} | {r.epsilon:.2f} | {r.acceptance_rate:.3f} | {r.particles} | "
                     f"{r.effective_sample_size:.0f} | {r.importance_ess:.1f} | {r.move_steps} | "
                     f"{r.distinct_particles} | "
                     f"{'ok' if r.ess_ok else 'FAILED'} |")
    lines += ["", "## Hour totals", "", HOURS_NOTE, ""]
    atomic_write_text(out / "report.md", "\n".join(lines))
