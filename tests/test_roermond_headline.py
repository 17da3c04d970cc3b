"""With hand-set parameters, each approach's headline figures land inside the 90% binomial
interval of the observed Roermond count, as the median of 50 replicates (000:173-190,
000:543-585, 000:1031-1033)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sim import load_scenario, run_replicates, runs_table

REPLICATES = 50


def binomial_interval(count: int, trials: int, level: float = 0.9) -> tuple[float, float]:
    """Central interval of the observed rate: what samples of this size give at this rate."""
    p = count / trials
    lo = stats.binom.ppf((1 - level) / 2, trials, p) / trials
    hi = stats.binom.ppf(1 - (1 - level) / 2, trials, p) / trials
    return lo, hi


@pytest.fixture(scope="module")
def runs(scenarios_dir):
    out = {}
    for name in ("roermond_narrow_2009", "roermond_broad_2010", "roermond_network"):
        sc = load_scenario(scenarios_dir / f"{name}.yaml")
        out[name] = runs_table(run_replicates(sc, REPLICATES, seed=20240601))
    return out


CASES = [
    # scenario, numerator, denominator, observed count, observed trials, source
    ("roermond_narrow_2009", "narrow.conversations", "narrow.addresses_approached", 75, 97, "000:173-177"),
    ("roermond_narrow_2009", "narrow.starts", "narrow.conversations", 20, 75, "000:190"),
    ("roermond_broad_2010", "broad.declined_in_advance", "broad.letters", 10, 42, "000:543-544"),
    ("roermond_broad_2010", "broad.conversations", "broad.letters", 20, 42, "000:548"),
    ("roermond_broad_2010", "broad.starts", "broad.conversations", 3, 20, "000:551"),
    ("roermond_broad_2010", "broad.problem_referrals", "broad.conversations", 9, 20, "000:567"),
    ("roermond_network", "network.starts", "network.names_received", 70, 115, "000:1031-1033"),
]


@pytest.mark.parametrize("scenario,num,den,count,trials,source", CASES, ids=[f"{c[1]}/{c[2]}" for c in CASES])
def test_median_rate_inside_observed_interval(runs, scenario, num, den, count, trials, source):
    df = runs[scenario]
    rates = (df[num] / df[den]).to_numpy()
    median = float(np.median(rates))
    lo, hi = binomial_interval(count, trials)
    assert lo <= median <= hi, (f"{num}/{den}: median {median:.3f} outside [{lo:.3f}, {hi:.3f}] "
                                f"of {count}/{trials} ({source})")


def test_network_names_near_observed_count(runs):
    """115 names by 2010-10-01 (000:1031): the median lies in the 90% Poisson interval."""
    names = runs["roermond_network"]["network.names_received"]
    lo, hi = stats.poisson.ppf([0.05, 0.95], 115)
    assert lo <= names.median() <= hi


def test_narrow_visits_reach_about_97_addresses(runs):
    addresses = runs["roermond_narrow_2009"]["narrow.addresses_approached"]
    assert 80 <= addresses.median() <= 115


def test_interval_helper_is_not_trivial():
    lo, hi = binomial_interval(20, 75)
    assert 0.18 < lo < 0.2667 < hi < 0.36
