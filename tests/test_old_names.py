"""Renamed settings and outcomes: a scenario, override, prior, experiment or calibration target
that uses an old name is refused in one line that names the file, the key and the new name
(sim/renamed.py); it is never ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, outreach
from sim.calibration.targets import load_targets
from sim.config import read_with_extends
from sim.errors import InputError
from sim.experiments.spec import load_experiment
from sim.renamed import new_key, new_outcome
from sim.scenario import load_scenario

BROAD = ROOT / "scenarios" / "roermond_broad_2010.yaml"


def broad_variant(tmp_path: Path, mutate) -> Path:
    data = read_with_extends(BROAD)
    mutate(data)
    path = tmp_path / "old.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _refused(exc: InputError, file: str, key: str, new: str) -> None:
    line = str(exc)
    assert "\n" not in line and file in line and key in line and new in line and "old name" in line, line


@pytest.mark.parametrize("mutate,key,new", [
    (lambda d: d["strategies"][0].update(referrals=False), "strategies.0.referrals", "strategies.0.refer_problems"),
    (lambda d: d.setdefault("behaviour", {}).setdefault("network", {}).update(referral_selectivity=2.0),
     "behaviour.network.referral_selectivity", "behaviour.network.name_selectivity"),
    (lambda d: d.setdefault("behaviour", {}).setdefault("network", {}).update(referral_misjudgement=0.1),
     "behaviour.network.referral_misjudgement", "behaviour.network.name_misjudgement"),
    (lambda d: d["world"]["neighbourhoods"][0].update(
        partners=[{"type": "migrant_organisation", "count": 1, "refers_names": False}]),
     "world.neighbourhoods.0.partners.0.refers_names", "world.neighbourhoods.0.partners.0.passes_names"),
    (lambda d: d.setdefault("priors", {}).update({"behaviour.network.referral_selectivity":
                                                  {"low": 1.0, "high": 5.0, "source": "assumption"}}),
     "priors.behaviour.network.referral_selectivity", "priors.behaviour.network.name_selectivity"),
], ids=["broad_referrals", "selectivity", "misjudgement", "refers_names", "prior"])
def test_old_scenario_keys_are_refused_with_the_new_name(tmp_path, mutate, key, new):
    path = broad_variant(tmp_path, mutate)
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    _refused(exc.value, "old.yaml", key, new)


def test_old_key_on_the_command_line(tmp_path):
    out = tmp_path / "out"
    proc = outreach("run", BROAD, "--set", "strategies.broad.referrals=false", "-r", "1", "--out", out)
    assert proc.returncode == 2 and not out.exists()
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "roermond_broad_2010.yaml" in lines[0] and "strategies.0.referrals" in lines[0], proc.stderr
    assert "strategies.0.refer_problems" in lines[0]
    assert load_scenario(BROAD, {"strategies.broad.refer_problems": False}).strategies[0].refer_problems is False


def test_keys_named_like_a_strategy_keep_their_section():
    """``behaviour.network`` shares its name with the network strategy; errors still name it."""
    with pytest.raises(InputError) as exc:
        load_scenario(BROAD, {"behaviour.network.no_such": 1})
    assert "behaviour.network.no_such: unknown key" in str(exc.value) and "name_selectivity" in str(exc.value)
    with pytest.raises(InputError) as exc:
        load_scenario(BROAD, {"behaviour.network.name_selectivity": 30})
    assert "behaviour.network.name_selectivity" in str(exc.value) and "0.0 to 20.0" in str(exc.value)


def experiment_variant(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load((ROOT / "experiments" / "smoke.yaml").read_text())
    data["scenario"] = str(BROAD)
    data["fixed"] = {}
    data["parameters"] = {"policy.fee_eur_obligated": {"values": [0, 270]}}
    mutate(data)
    path = tmp_path / "exp.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.mark.parametrize("mutate,key,new", [
    (lambda d: d["parameters"].update({"behaviour.network.referral_selectivity": {"values": [1.0, 4.0]}}),
     "parameters.behaviour.network.referral_selectivity", "behaviour.network.name_selectivity"),
    (lambda d: d["fixed"].update({"strategies.broad.referrals": False}), "referrals", "refer_problems"),
    (lambda d: d["outcomes"].append("network.names_referred"), "outcomes.5", "network.names_received"),
    (lambda d: d["outcomes"].append("broad.referrals_police"), "outcomes.5", "broad.problem_referrals_police"),
], ids=["parameter", "fixed", "outcome", "outcome_by_partner"])
def test_old_names_in_an_experiment(tmp_path, mutate, key, new):
    assert load_experiment(experiment_variant(tmp_path, lambda d: None))  # the variant itself is valid
    with pytest.raises(InputError) as exc:
        load_experiment(experiment_variant(tmp_path, mutate))
    _refused(exc.value, "exp.yaml", key, new)


def test_old_outcome_in_calibration_targets(tmp_path):
    data = yaml.safe_load((ROOT / "calibration" / "roermond.yaml").read_text())
    for t in data["targets"]:
        t["scenario"] = str(ROOT / "scenarios" / Path(t["scenario"]).name)
    i = next(i for i, t in enumerate(data["targets"]) if t.get("denominator") == "network.names_received")
    data["targets"][i]["denominator"] = "network.names_referred"
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(InputError) as exc:
        load_targets(path)
    _refused(exc.value, "targets.yaml", f"targets.{i}.denominator", "network.names_received")


def test_the_rename_table():
    assert new_outcome("names_referred") == "names_received"
    assert new_outcome("ambassadors.names_referred") == "ambassadors.names_received"
    assert new_outcome("referrals_wmo_desk") == "problem_referrals_wmo_desk"
    assert new_outcome("strategies.broad.referrals") is None  # a sweep's parameter column, no outcome
    assert new_outcome("starts") is None
    assert new_key("strategies.broad.referrals") == "strategies.broad.refer_problems"
    assert new_key("policy.referrals") is None
