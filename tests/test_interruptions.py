"""A sweep and a calibration killed with SIGKILL at random moments, several times over, then
continued: they end with exactly the result of an uninterrupted run, never hold a result
twice, and leave no worker processes behind.

The moments are drawn from a seed printed with any failure; set OUTREACH_KILL_SEED to replay.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, outreach, write_experiment
from sim.calibration.abc import diagnostics, load_history
from sim.experiments import load_experiment, read_runs, run_sweep

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("OUTREACH_KILL_SEED", time.time_ns() % 1_000_000))
TARGETS = ROOT / "calibration" / "roermond.yaml"


def kill_at_random(cmd: list[str], rng: random.Random, ready, spread: float) -> tuple[bool, float]:
    """Start ``cmd`` and SIGKILL it: now and then during start-up (imports, creating files),
    otherwise at a random moment up to ``spread`` seconds after its worker processes are up and
    ``ready()`` holds. True if it was killed rather than finished. Its workers must go with it."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    at = start + rng.uniform(0.2, 3.0) if rng.random() < 0.2 else None
    children: dict[int, psutil.Process] = {}
    while proc.poll() is None and time.monotonic() - start < 300:
        try:
            for c in psutil.Process(proc.pid).children(recursive=True):
                children[c.pid] = c
        except psutil.NoSuchProcess:
            pass
        now = time.monotonic()
        if at is None and _workers(children) >= 2 and ready():
            at = now + rng.uniform(0.0, spread)
        if at is not None and now >= at:
            break
        time.sleep(0.05)
    delay = time.monotonic() - start
    if proc.poll() is not None:
        return False, delay
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    alive = list(children.values())
    end = time.monotonic() + 20
    while alive and time.monotonic() < end:
        alive = [p for p in alive if _running(p)]
        time.sleep(0.1)
    described = [f"{p.pid} {' '.join(p.cmdline())[-90:]}" for p in alive if _running(p)]
    for p in alive:
        p.kill()
    assert not alive, f"seed {SEED}: after a kill at {delay:.2f} s, workers outlived their parent: {described}"
    return True, delay


def _workers(children: dict) -> int:
    n = 0
    for c in children.values():
        with contextlib.suppress(psutil.Error):
            n += "spawn_main" in " ".join(c.cmdline()) and _running(c)
    return n


def _stored_generations(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT COUNT(*) FROM populations WHERE t >= 0").fetchone()[0]
    except sqlite3.Error:
        return 0


def _running(p: psutil.Process) -> bool:
    try:
        return p.status() != psutil.STATUS_ZOMBIE  # an exited worker waits for init to reap it
    except psutil.NoSuchProcess:
        return False


def test_sweep_killed_again_and_again(tmp_path):
    exp_path = write_experiment(
        tmp_path,
        replicates=120,  # enough work that five kills meet runs going (a run takes about 0.015 s)
        chunk=2,
        parameters={"policy.fee_eur_obligated": {"values": [0, 50, 100, 135, 200, 270, 330, 400]},
                    "strategies.narrow.pairs": {"values": [True, False]}},
    )
    full = run_sweep(load_experiment(exp_path), tmp_path / "full", workers=1).set_index("run_id")

    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "sim", "sweep", str(exp_path), "--out", str(out), "--workers", "2"]
    rng = random.Random(SEED)
    kills, seen = 0, 0
    for _ in range(5):  # five kills, unless a run gets to the end first
        # once this attempt has written a part, so that every kill but a start-up one meets runs going
        parts = lambda: len(list((out / "runs").glob("part-*"))) if (out / "runs").is_dir() else 0  # noqa: E731
        before = parts()
        killed, delay = kill_at_random(cmd, rng, lambda parts=parts, before=before: parts() > before, 2.0)
        if not killed:
            break
        kills += 1
        if not (out / "runs").is_dir():
            continue
        ids = [i for f in (out / "runs").glob("*.parquet")
               for i in pq.read_table(f, columns=["run_id"]).column(0).to_pylist()]
        assert len(ids) == len(set(ids)), f"seed {SEED}: a run was written twice after a kill at {delay:.2f} s"
        partial = read_runs(out)
        if partial.empty:
            continue
        partial = partial.set_index("run_id")
        assert len(partial) >= seen, f"seed {SEED}: finished runs were lost"
        seen = len(partial)
        pd.testing.assert_frame_equal(partial, full.loc[partial.index], obj=f"rows after kill (seed {SEED})")
    assert kills >= 3, f"seed {SEED}: the sweep finished before it could be killed"
    print(f"sweep: seed {SEED}, {kills} kills, {seen} of {len(full)} runs done before the last continuation")
    rows = run_sweep(load_experiment(exp_path), out, workers=1).set_index("run_id")
    pd.testing.assert_frame_equal(rows, full, obj=f"rows (seed {SEED})")


CALIBRATION_TABLES = ("diagnostics.csv", "validation.csv", "parameters.csv")


def test_calibration_killed_again_and_again(tmp_path):
    ref = tmp_path / "uninterrupted"
    proc = outreach("calibrate", TARGETS, "--only", "broad", "--quick", "--out", ref, timeout=600)
    assert proc.returncode == 0, proc.stderr

    out = tmp_path / "killed"
    # the killed runs use two workers: the result may depend neither on interruptions nor on processes
    cmd = [sys.executable, "-m", "sim", "calibrate", str(TARGETS), "--only", "broad", "--quick", "--workers", "2",
           "--out", str(out)]
    rng = random.Random(SEED)
    kills, generations = 0, []
    # kill i comes at a random moment after generation stage[i] is stored: during generations
    # 0, 1 and 2, at their boundaries, and while the posterior, checks and report are written
    for stage in (0, 0, 1, 2, 3):
        killed, _ = kill_at_random(cmd, rng, lambda stage=stage: _stored_generations(out / "abc.db") >= stage, 4.0)
        if not killed:
            break
        kills += 1
        if (out / "abc.db").exists():
            generations.append(len(diagnostics(load_history(out))))
    assert kills >= 4, f"seed {SEED}: the calibration finished before it could be killed"
    print(f"calibration: seed {SEED}, {kills} kills, generations stored at each: {generations}")
    assert generations == sorted(generations), f"seed {SEED}: generations were lost: {generations}"
    again = outreach("calibrate", TARGETS, "--only", "broad", "--quick", "--workers", "2", "--out", out, timeout=600)
    assert again.returncode == 0, again.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(out / "posterior.parquet"),
                                  pd.read_parquet(ref / "posterior.parquet"), check_exact=True,
                                  obj=f"posterior (seed {SEED}, generations at kills {generations})")
    for name in CALIBRATION_TABLES:
        assert (out / name).read_bytes() == (ref / name).read_bytes(), f"seed {SEED}: {name} differs"


@pytest.fixture(scope="module")
def stop_experiment(tmp_path_factory):
    """A sweep of 600 runs of the narrow visits (several seconds), and its rows run without interruption."""
    tmp = tmp_path_factory.mktemp("stop")
    path = write_experiment(tmp, replicates=100, chunk=1, fixed={})
    return path, run_sweep(load_experiment(path), tmp / "full", workers=1)


@pytest.mark.parametrize("sig,code,words", [(signal.SIGTERM, 143, "run the same command again"),
                                            (signal.SIGINT, 130, "interrupted")])
def test_a_stopped_sweep_keeps_what_finished(tmp_path, stop_experiment, sig, code, words):
    """SIGTERM (a batch system stopping a job) or Ctrl-C writes the rows that finished, exits
    143 or 130 with a message, and the sweep continues from there."""
    exp_path, full = stop_experiment
    out = tmp_path / "stopped"
    proc = subprocess.Popen([sys.executable, "-m", "sim", "sweep", str(exp_path), "--out", str(out), "--workers", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / "runs").glob("part-*")):
        time.sleep(0.05)
    time.sleep(0.5)  # some rows in the buffer, not yet in a part
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert words in err
    assert not any(p.name.endswith(".tmp") for p in (out / "runs").iterdir())
    partial = read_runs(out)
    assert 0 < len(partial) < len(full), len(partial)
    rows = run_sweep(load_experiment(exp_path), out, workers=1)
    pd.testing.assert_frame_equal(rows, full)


def test_ctrl_c_stops_a_calibration_on_local_workers(tmp_path):
    """Ctrl-C in a terminal reaches the whole process group, the pool's workers too: the
    calibration stops with exit code 130 instead of waiting for workers that are gone, and the
    same command continues it."""
    out = tmp_path / "cal"
    cmd = [sys.executable, "-m", "sim", "calibrate", str(TARGETS), "--only", "narrow", "--quick", "--workers", "2",
           "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120

    def simulating() -> bool:
        # both workers started more than 2 s ago: past their imports, in the middle of chunks
        with contextlib.suppress(psutil.Error):
            workers = psutil.Process(proc.pid).children()
            return len(workers) >= 2 and all(time.time() - w.create_time() > 2.0 for w in workers)
        return False

    while time.monotonic() < deadline and not simulating() and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the calibration ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the calibration did not stop within 60 s of Ctrl-C")
    assert proc.returncode == 130, err
    again = outreach("calibrate", TARGETS, "--only", "narrow", "--quick", "--workers", "2", "--out", out, timeout=600)
    assert again.returncode == 0, again.stderr
