"""The calibration's distances, the moves that keep a generation's effective sample size up, and
the loud failure when it is too low anyway."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pyabc import Parameter
from pyabc.population import Particle, Sample

from conftest import ROOT
from sim.calibration.abc import Settings, calibrate, load_history, poisson_deviance, posterior, read_moves
from sim.calibration.move import Mover
from sim.calibration.targets import load_targets
from sim.runner import derive_seed

TARGETS = ROOT / "calibration" / "roermond.yaml"


def test_poisson_deviance():
    assert poisson_deviance(115, 115.0) == pytest.approx(0.0)
    assert poisson_deviance(0, 0.0) == pytest.approx(0.0, abs=1e-3)
    # the likelihood-ratio statistic: 2 [k ln(k / mu) - (k - mu)]
    assert poisson_deviance(115, 90.0) == pytest.approx(2 * (115 * math.log(115 / 90) - 25))
    assert poisson_deviance(115, 90.0) > poisson_deviance(115, 105.0) > 0
    assert poisson_deviance(0, 3.0) == pytest.approx(6.0)


def _toy(z: np.ndarray, weights: np.ndarray) -> Sample:
    sample = Sample()
    for a, w in zip(z, weights, strict=True):
        sample.append(Particle(m=0, parameter=Parameter({"a": float(a)}), weight=float(w), sum_stat={"x": float(a)},
                               distance=abs(float(a) - 1.0), accepted=True))
    return sample


def _evaluate(params: dict) -> tuple[dict, float]:
    # the "simulation" is the parameter itself; accepted within 0.5 of 1
    return {"x": params["a"]}, abs(params["a"] - 1.0)


def _run_indexed(fn, step: int, n: int) -> list:
    out = []
    for i in range(n):
        np.random.seed(derive_seed(3, step, i) % 2**32)
        out.append(fn(i))
    return out


# a standard normal prior truncated to [0.5, 1.5] by the tolerance: its mean
_PHI = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi)  # noqa: E731
_CDF = lambda x: 0.5 * math.erfc(-x / math.sqrt(2))  # noqa: E731
TRUNCATED_MEAN = (_PHI(0.5) - _PHI(1.5)) / (_CDF(1.5) - _CDF(0.5))


def test_moves_sample_the_abc_posterior():
    """From particles spread evenly over the tolerance (the wrong distribution), ABC-MCMC moves
    reach the ABC posterior (prior times the tolerance): its mean is 0.92, not the 1.0 of the
    start, which moves that ignored the prior would keep."""
    sample = _toy(np.linspace(0.5, 1.5, 400), np.ones(400))
    mover = Mover(_evaluate, below=1.01, distinct=1.01, max_steps=60)  # move always, all steps
    moved, info = mover.rejuvenate(sample, 0.5, 11, _run_indexed)
    a = np.array([p.parameter["a"] for p in moved.accepted_particles])
    assert len(a) == 400 and info["move_steps"] == 60
    assert np.all(np.abs(a - 1.0) <= 0.5)
    assert {p.weight for p in moved.accepted_particles} == {1.0}
    assert abs(a.mean() - TRUNCATED_MEAN) < 0.03, (a.mean(), TRUNCATED_MEAN)
    assert info["distinct_particles"] > 0.95 * 400


def test_a_degenerate_generation_is_resampled_and_moved():
    rng = np.random.default_rng(4)
    z = rng.uniform(0.5, 1.5, 200)
    weights = np.exp(-200 * (z - 0.6) ** 2)  # a handful of particles carry the weight
    sample = _toy(z, weights)
    moved, info = Mover(_evaluate).rejuvenate(sample, 0.5, 5, _run_indexed)
    assert info["importance_ess"] < 0.2 * 200
    assert info["move_steps"] >= 1 and info["moves_accepted"] > 0
    assert info["distinct_particles"] >= 0.8 * 200 or info["move_steps"] == 5
    assert len(moved.accepted_particles) == 200


def test_a_healthy_generation_is_left_alone():
    rng = np.random.default_rng(4)
    z = rng.uniform(0.5, 1.5, 100)
    sample = _toy(z, np.ones(100))
    moved, info = Mover(_evaluate).rejuvenate(sample, 0.5, 5, _run_indexed)
    assert moved is sample and info["move_steps"] == 0 and info["importance_ess"] == pytest.approx(100)


@pytest.mark.slow
def test_moves_give_the_same_posterior_on_one_and_two_workers(tmp_path):
    tg = load_targets(TARGETS, ["broad"])
    runs = {}
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        diag = calibrate(tg, out, Settings(population=20, generations=3, replicates=1, seed=3, workers=workers))
        runs[workers] = (diag, posterior(load_history(out), tg), read_moves(out))
    assert runs[1][2] == runs[2][2]
    assert any(info["move_steps"] > 0 for info in runs[1][2].values()), runs[1][2]  # the moves were exercised
    pd.testing.assert_frame_equal(runs[1][0], runs[2][0])
    pd.testing.assert_frame_equal(runs[1][1], runs[2][1], check_exact=True)


def test_a_low_effective_sample_size_fails_loudly(tmp_path, monkeypatch, capsys):
    """Without moves and with a share no importance sample reaches, the report says FAILED,
    diagnostics.csv marks the generation, and the command exits with 1 after writing everything."""
    from sim.cli import main

    strict = Settings(population=12, generations=2, replicates=1, seed=3, predictive_draws=5, move_below=0.0,
                      min_ess_share=0.99)
    monkeypatch.setattr(Settings, "quick", classmethod(lambda cls, workers=1, seed=1: strict))
    out = tmp_path / "strict"
    with pytest.raises(SystemExit) as exc:
        main(["calibrate", str(TARGETS), "--only", "broad", "--quick", "--out", str(out)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "error: " in err and "effective sample size" in err and "generation(s) 1" in err
    diag = pd.read_csv(out / "diagnostics.csv")
    assert list(diag["ess_ok"]) == [True, False]
    assert "**FAILED" in (out / "report.md").read_text()
    assert (out / "posterior_medians.yaml").is_file()
