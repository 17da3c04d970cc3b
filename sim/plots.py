"""Figures for the notebooks and the brief: plain titles, labelled axes, uncertainty shown.
Every function takes plain names (``sim.labels``) and returns a matplotlib figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from sim.summary import intervals

BLUE, ORANGE, GREEN, GREY = "#4c72b0", "#dd8452", "#55a868", "#8c8c8c"
COLOURS = [BLUE, ORANGE, GREEN, "#c44e52", "#8172b3", GREY]


def _look(i: int) -> tuple[str, str]:
    """The colour and dash of the i-th curve: the palette's colours, then again with dashes."""
    dashes = ("-", "--", ":", "-.")
    return COLOURS[i % len(COLOURS)], dashes[(i // len(COLOURS)) % len(dashes)]


def _wrap(name: str) -> str:
    """A long name over two lines, at the bracket."""
    return name.replace(" (", "\n(") if len(name) > 22 else name


def ranges(rows: list[tuple[str, tuple[float, float, float]]], xlabel: str, fmt=None, zero: bool = False,
           observed: dict | None = None, legend: tuple[str, str] | None = None, width: float = 4.6, ax=None):
    """One row per item: median (dot) and 90% range (bar); ``observed`` maps a row name to
    (value, low, high), drawn in orange below the model's bar."""
    if ax is None:
        _, ax = plt.subplots(figsize=(width, 0.55 * len(rows) + 1.4))
    fig = ax.figure
    for i, (name, (m, lo, hi)) in enumerate(rows):
        shift = 0.13 if observed else 0.0
        ax.hlines(i + shift, lo, hi, color=BLUE, lw=7, alpha=0.5, label=legend[0] if legend and i == 0 else None)
        ax.plot(m, i + shift, "o", color=BLUE)
        if observed and name in observed:
            v, olo, ohi = observed[name]
            ax.hlines(i - shift, olo, ohi, color=ORANGE, lw=7, alpha=0.5)
            ax.plot(v, i - shift, "D", color=ORANGE, label=legend[1] if legend else None)
    if zero:
        ax.axvline(0, color=GREY, lw=1)
    ax.set_yticks(np.arange(len(rows)), [_wrap(n) for n, _ in rows], fontsize=7)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if fmt is not None:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    ax.tick_params(axis="x", labelsize=7)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles, strict=True))
        fig.legend(unique.values(), unique.keys(), fontsize=7, loc="upper center", ncol=2, frameon=False)
        fig.tight_layout(rect=(0, 0, 1, 0.9))
    else:
        fig.tight_layout()
    return fig


def over_time(curves: dict[str, pd.DataFrame], xlabel: str, ylabel: str, fmt=None, reference: float | None = None,
              ylim: float | None = None, width: float = 4.6, ax=None):
    """Curves by month (``month, median, low, high``): median line and 90% band per name; a
    dashed line at ``reference``."""
    if ax is None:
        _, ax = plt.subplots(figsize=(width, 3.0))
    for i, (name, c) in enumerate(curves.items()):
        colour, dash = _look(i)
        ax.fill_between(c["month"], c["low"], c["high"], color=colour, alpha=0.15)
        ax.plot(c["month"], c["median"], color=colour, ls=dash, label=name)
    if reference is not None:
        ax.axhline(reference, color=GREY, ls="--", lw=1)
    if ylim is not None:
        ax.set_ylim(0, ylim)
    if fmt is not None:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=6.5)
    ax.grid(alpha=0.3)
    ax.figure.tight_layout()
    return ax.figure


def lever(df: pd.DataFrame, outcome: str, title: str, xlabel: str, ylabel: str, names: dict | None = None, ax=None):
    """An outcome against the values of one lever: median line and 90% band; ``names`` gives
    the plain name of each value."""
    band = intervals(df.groupby("value", sort=False)[outcome])
    med, lo, hi = band["median"], band["low"], band["high"]
    x = np.arange(len(med))
    if ax is None:
        _fig, ax = plt.subplots(figsize=(6.5, 3.4))
    ax.fill_between(x, lo.to_numpy(), hi.to_numpy(), color=BLUE, alpha=0.2, label="90% of runs")
    ax.plot(x, med.to_numpy(), "o-", color=BLUE, label="median")
    ax.set_xticks(x, [(names or {}).get(v, str(v)) for v in med.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax.figure.tight_layout()
    return ax.figure


def share_line(x, shares, title: str, xlabel: str, ylabel: str, mark: float | None = None, ax=None):
    """A share of runs (0-1) against the values of a setting, with the half-way line."""
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 3.2))
    ax.plot(x, shares, "o-", color=BLUE)
    ax.axhline(0.5, color=GREY, ls="--", lw=1)
    if mark is not None:
        ax.axvline(mark, color=ORANGE, lw=1)
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.figure.tight_layout()
    return ax.figure


def frontier(front: pd.DataFrame, x: str, y: str, title: str, xlabel: str, ylabel: str, label_cols: list[str], ax=None):
    """Each budget split with its 90% ranges; the splits no other beats on both joined by a line."""
    if ax is None:
        _fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.errorbar(front[f"{x}_median"], front[f"{y}_median"],
                xerr=[front[f"{x}_median"] - front[f"{x}_low"], front[f"{x}_high"] - front[f"{x}_median"]],
                yerr=[front[f"{y}_median"] - front[f"{y}_low"], front[f"{y}_high"] - front[f"{y}_median"]],
                fmt="o", color=GREY, alpha=0.5, ms=4, label="a split (90% ranges)")
    best = front[front["on_frontier"]].sort_values(f"{x}_median")
    ax.plot(best[f"{x}_median"], best[f"{y}_median"], "o-", color=ORANGE, label="splits no other beats on both")
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


def indices(table: pd.DataFrame, output: str, title: str, names: dict | None = None, ax=None):
    """Sobol indices of one output with their confidence intervals; ``names`` gives the plain
    name of each parameter."""
    t = table[table["output"] == output].sort_values("ST", ascending=True)
    if ax is None:
        _fig, ax = plt.subplots(figsize=(7, 0.45 * len(t) + 1.5))
    y = np.arange(len(t))
    ax.barh(y + 0.2, t["ST"], 0.4, xerr=t["ST_conf"], color=BLUE, label="total effect (with interactions)")
    ax.barh(y - 0.2, t["S1"], 0.4, xerr=t["S1_conf"], color=ORANGE, label="effect alone")
    ax.set_yticks(y, [(names or {}).get(p, p) for p in t["parameter"]])
    ax.set_xlabel("share of the variation explained")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    ax.figure.tight_layout()
    return ax.figure
