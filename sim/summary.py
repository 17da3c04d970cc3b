"""The one summary of runs: the median and a central interval (90% unless said otherwise).

Quantiles interpolate linearly between the sorted values (pandas' ``quantile`` default; NumPy's
default ``np.quantile`` is the same definition and gives the same numbers); the median is
pandas' ``median`` (the mean of the two middle values). Missing values are left out. Every
table, chart, brief and report takes its ranges from here, so the same runs give the same
numbers everywhere.
"""

from __future__ import annotations

import math

import pandas as pd
from pandas.api.typing import SeriesGroupBy

LEVEL = 0.9


def bounds(level: float = LEVEL) -> tuple[float, float]:
    """The quantiles that bound the central ``level`` interval: (0.05, 0.95) for 90%, computed
    as (1 - level) / 2 as the results tables always have been (0.04999999999999999)."""
    if not 0 < level < 1:
        raise ValueError(f"interval level {level} is not between 0 and 1")
    tail = (1 - level) / 2
    return tail, 1 - tail


def interval(x, level: float = LEVEL) -> tuple[float, float, float]:
    """(median, low, high) of the values; NaN for all three when no value is there."""
    lo, hi = bounds(level)
    x = pd.to_numeric(pd.Series(x), errors="coerce").dropna()
    if x.empty:
        return (math.nan, math.nan, math.nan)
    return (float(x.median()), float(x.quantile(lo)), float(x.quantile(hi)))


def intervals(data, level: float = LEVEL, axis: int = 0) -> pd.DataFrame:
    """The DataFrame form: columns ``median``, ``low`` and ``high``, one row per column of a
    DataFrame (``axis=0``), per row of it (``axis=1``), or per group of a grouped Series."""
    lo, hi = bounds(level)
    if isinstance(data, SeriesGroupBy):
        # group by group: pandas' grouped quantile can differ from the plain one in the last digit;
        # the groups come in the order (and with the index) the groupby gives them
        rows = [interval(x, level) for _, x in data]
        return pd.DataFrame(rows, index=data.median().index, columns=["median", "low", "high"])
    data = pd.DataFrame(data).apply(pd.to_numeric, errors="coerce")
    return pd.DataFrame({"median": data.median(axis=axis), "low": data.quantile(lo, axis=axis),
                         "high": data.quantile(hi, axis=axis)})
