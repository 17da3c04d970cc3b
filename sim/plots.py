"""Figures for notebooks and reports: plain titles, labelled axes, uncertainty shown."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

BLUE, ORANGE, GREEN, GREY = "#4c72b0", "#dd8452", "#55a868", "#8c8c8c"


def intervals(table: pd.DataFrame, outcome: str, by: str = "scenario", title: str = "", xlabel: str = "",
              observed: dict | None = None, ax=None):
    """Median (dot) and 90% interval (bar) per group; observed values as diamonds."""
    t = table[table["outcome"] == outcome].reset_index(drop=True)
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 0.7 * len(t) + 1.4))
    y = np.arange(len(t))
    ax.hlines(y, t["low"], t["high"], color=BLUE, lw=7, alpha=0.45, label="model: 90% of runs")
    ax.plot(t["median"], y, "o", color=BLUE, label="model: median")
    if observed:
        obs = [observed.get(k, np.nan) for k in t[by]]
        ax.plot(obs, y, "D", color=ORANGE, ms=8, label="Roermond observed")
    ax.set_yticks(y, t[by])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel or outcome)
    ax.set_title(title or outcome)
    ax.legend(fontsize=8, loc="best")
    ax.grid(axis="x", alpha=0.3)
    ax.figure.tight_layout()
    return ax.figure


def lever(df: pd.DataFrame, outcome: str, title: str, xlabel: str, ylabel: str, ax=None):
    """An outcome against the values of one lever: median line and 90% band."""
    g = df.groupby("value", sort=False)[outcome]
    med, lo, hi = g.median(), g.quantile(0.05), g.quantile(0.95)
    x = np.arange(len(med))
    if ax is None:
        fig, ax = plt.subplots(figsize=(6.5, 3.6))
    ax.fill_between(x, lo.to_numpy(), hi.to_numpy(), color=BLUE, alpha=0.2, label="90% of runs")
    ax.plot(x, med.to_numpy(), "o-", color=BLUE, label="median")
    ax.set_xticks(x, [str(v) for v in med.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax.figure.tight_layout()
    return ax.figure


def weekly(results, column: str, title: str, ylabel: str, cumulative: bool = True, ax=None):
    """A weekly series over replicates: median and 90% band."""
    frames = [r.timeseries.set_index("week")[column] for r in results]
    m = pd.concat(frames, axis=1).fillna(0)
    if cumulative:
        m = m.cumsum()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 3.6))
    dates = results[0].timeseries["week_start"]
    ax.fill_between(dates, m.quantile(0.05, axis=1), m.quantile(0.95, axis=1), color=BLUE, alpha=0.2, label="90% of runs")
    ax.plot(dates, m.median(axis=1), color=BLUE, label="median")
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax.figure


def frontier(front: pd.DataFrame, x: str, y: str, title: str, xlabel: str, ylabel: str, label_cols: list[str], ax=None):
    """Each budget split with its 90% ranges; the Pareto frontier joined by a line."""
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.errorbar(front[f"{x}_median"], front[f"{y}_median"],
                xerr=[front[f"{x}_median"] - front[f"{x}_low"], front[f"{x}_high"] - front[f"{x}_median"]],
                yerr=[front[f"{y}_median"] - front[f"{y}_low"], front[f"{y}_high"] - front[f"{y}_median"]],
                fmt="o", color=GREY, alpha=0.5, ms=4, label="a split (90% ranges)")
    best = front[front["on_frontier"]].sort_values(f"{x}_median")
    ax.plot(best[f"{x}_median"], best[f"{y}_median"], "o-", color=ORANGE, label="best trade-offs")
    for r in best.itertuples():
        text = "/".join(f"{getattr(r, c):.0%}" for c in label_cols)
        ax.annotate(text, (getattr(r, f"{x}_median"), getattr(r, f"{y}_median")), fontsize=7, xytext=(4, 4),
                    textcoords="offset points")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax.figure.tight_layout()
    return ax.figure


def indices(table: pd.DataFrame, output: str, title: str, ax=None):
    """Sobol indices of one output with their confidence intervals."""
    t = table[table["output"] == output].sort_values("ST", ascending=True)
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(t) + 1.5))
    y = np.arange(len(t))
    ax.barh(y + 0.2, t["ST"], 0.4, xerr=t["ST_conf"], color=BLUE, label="total effect (with interactions)")
    ax.barh(y - 0.2, t["S1"], 0.4, xerr=t["S1_conf"], color=ORANGE, label="effect alone")
    ax.set_yticks(y, t["parameter"])
    ax.set_xlabel("share of the variation explained")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    ax.figure.tight_layout()
    return ax.figure
