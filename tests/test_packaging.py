"""What ships in the package: scenarios, experiments and calibration targets by name, from any
folder, and a plain (not editable) install from a source archive that runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv

import pytest

from conftest import ROOT, outreach


def test_commands_take_shipped_names_from_any_folder(tmp_path):
    proc = outreach("run", "roermond_narrow_2009", "--replicates", "2", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["scenario"]["name"] == "Roermond narrow home visits 2009"
    proc = outreach("validate", "roermond_pilot", "synthetic_city.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = outreach("scenarios", "--json", cwd=tmp_path)
    rows = json.loads(proc.stdout)
    names = {(r["kind"], r["name"]) for r in rows}
    assert ("scenario", "roermond_all_methods") in names and ("experiment", "smoke") in names
    assert ("targets", "roermond") in names and all(r["about"] for r in rows)


def test_an_unknown_name_is_still_a_missing_file(tmp_path):
    proc = outreach("run", "roermond_nowhere", cwd=tmp_path)
    assert proc.returncode == 2 and "roermond_nowhere: (top level): file not found" in proc.stderr


def test_the_root_folders_are_the_shipped_ones():
    for name in ("scenarios", "experiments", "calibration"):
        assert (ROOT / name).resolve() == (ROOT / "sim" / "data" / name).resolve()


@pytest.mark.slow
def test_a_plain_install_from_a_source_archive_runs_a_shipped_scenario(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = subprocess.run([str(env_dir / "bin" / "pip"), "install", "--quiet", str(src)], capture_output=True, text=True,
                         timeout=900)
    assert pip.returncode == 0, pip.stderr[-2000:]
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run([str(env_dir / "bin" / "outreach"), "run", "roermond_narrow_2009", "--replicates", "2",
                           "--json"], cwd=empty, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["replicates"] == 2
    proc = subprocess.run([str(env_dir / "bin" / "outreach"), "app", "--port", "1"], cwd=empty, capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 2 and "pip install 'outreach-sim[app]'" in proc.stderr, proc.stderr
    assert sys.version_info >= (3, 12)
