"""Property-based: malformed experiment and calibration-target files are refused cleanly,
with one line that names the file and a key, and never with a traceback; YAML object tags,
empty and non-YAML files through the command line: exit 2, one line, nothing written."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, examples, key_paths, outreach
from conftest import ROOT as REPO
from sim.calibration.targets import load_targets
from sim.errors import InputError
from sim.experiments import load_experiment

ROOT = Path(__file__).resolve().parents[1]


def _base(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    return data


EXPERIMENT = _base(ROOT / "experiments" / "smoke.yaml")
EXPERIMENT["scenario"] = str(ROOT / "scenarios" / "roermond_narrow_2009.yaml")
TARGETS = _base(ROOT / "calibration" / "roermond.yaml")
for t in TARGETS["targets"]:
    t["scenario"] = str(ROOT / "scenarios" / Path(t["scenario"]).name)




junk = st.one_of(st.none(), st.booleans(), st.integers(-1000, 10**6), st.floats(allow_nan=True), st.text(max_size=12),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=2))


def mutate(base, ops):
    data = copy.deepcopy(base)
    for op, path, value in ops:
        try:
            node = functools.reduce(lambda n, k: n[k], path[:-1], data)
            if op == "set":
                node[path[-1]] = value
            elif isinstance(node, dict):
                del node[path[-1]]
            else:
                node.pop(path[-1])
        except (KeyError, IndexError, TypeError, AttributeError):
            pass  # an earlier mutation removed or replaced the path
    return data


def check(tmp_path, loader, data, name):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    try:
        loader(path)
    except InputError as exc:
        text = f"error: {exc}"
        assert "\n" not in text and str(path) in text and exc.key and exc.allowed, text


def ops_for(base):
    paths = key_paths(base)
    return st.lists(st.tuples(st.sampled_from(["set", "delete"]), st.sampled_from(paths), junk), min_size=1, max_size=3)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops_for(EXPERIMENT))
def test_mutated_experiments(tmp_path, ops):
    CASES["experiment files, mutated"] += 1
    check(tmp_path, load_experiment, mutate(EXPERIMENT, ops), "experiment.yaml")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops_for(TARGETS))
def test_mutated_targets(tmp_path, ops):
    CASES["target files, mutated"] += 1
    check(tmp_path, load_targets, mutate(TARGETS, ops), "targets.yaml")


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=120))
def test_junk_files(tmp_path, content):
    CASES["experiment and target files, arbitrary bytes"] += 2
    for loader, name in ((load_experiment, "e.yaml"), (load_targets, "t.yaml")):
        path = tmp_path / name
        path.write_bytes(content)
        try:
            loader(path)
        except InputError as exc:
            assert "\n" not in str(exc) and exc.allowed


BAD_TEXTS = {
    "python object tag": "!!python/object/apply:os.system ['echo pwned']\n",
    "python name tag": "name: !!python/name:os.system\n",
    "custom tag": "name: x\nparameters: !custom {}\n",
    "self-referencing alias": "a: &a [*a]\n",
    "empty": "",
    "only a comment": "# nothing here\n",
    "not YAML": "name: [unclosed\n  - {\n",
    "a list": "- 1\n- 2\n",
    "binary": "\x00\x01\x02",
}


@pytest.mark.parametrize("what", list(BAD_TEXTS))
@pytest.mark.parametrize("command", ["sweep", "calibrate"])
def test_bad_files_through_the_command_line(tmp_path, command, what):
    CASES[f"{command} files through the command line"] += 1
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_TEXTS[what])
    out = tmp_path / "out"
    extra = ["--quick"] if command == "calibrate" else ["--workers", "1"]
    proc = outreach(command, path, "--out", out, *extra, cwd=REPO)
    assert proc.returncode == 2, (what, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), (what, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not out.exists()


def test_a_nul_byte_in_a_scenario_path_is_refused_cleanly(tmp_path):
    """Found by the property test above: a path with a NUL byte once raised ValueError."""
    data = copy.deepcopy(TARGETS)
    data["targets"][0]["scenario"] = "a\x00b.yaml"
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(data))
    proc = outreach("calibrate", path, "--quick", "--out", tmp_path / "out")
    assert proc.returncode == 2 and "targets.0.scenario: is not a file name" in proc.stderr, proc.stderr


PILOT = REPO / "scenarios" / "roermond_pilot.yaml"

IMPOSSIBLE_DATES = {
    "month 13": ("start: 2009-13-45\n", "start"),
    "30 February": ("start: 2009-02-30\n", "start"),
    "in a list": ("policy_changes:\n  - {date: 2010-06-31, fee_eur: 0}\n", "policy_changes.0.date"),
}


@pytest.mark.parametrize("what", list(IMPOSSIBLE_DATES))
def test_an_impossible_date_in_a_scenario_is_refused_on_one_line(tmp_path, what):
    """Found by hand: the YAML loader's date constructor raised ValueError, a traceback."""
    text, key = IMPOSSIBLE_DATES[what]
    path = tmp_path / "bad.yaml"
    path.write_text(f"extends: {PILOT}\n{text}")
    proc = outreach("validate", path)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: {key}: "), proc.stderr
    assert "a date YYYY-MM-DD that exists" in lines[0] and "Traceback" not in proc.stderr


def test_an_impossible_date_in_an_experiments_fixed_section_is_refused(tmp_path):
    data = copy.deepcopy(EXPERIMENT)
    data["fixed"] = {"start": "DATE"}
    path = tmp_path / "experiment.yaml"
    path.write_text(yaml.safe_dump(data).replace("DATE", "2009-02-30"))
    out = tmp_path / "out"
    proc = outreach("sweep", path, "--out", out, "--workers", "1")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: fixed.start: "), proc.stderr
    assert "a date YYYY-MM-DD that exists" in lines[0] and not out.exists()


@pytest.mark.parametrize("value", ["2009-13-01", "2009-02-30", "{start: 2009-02-30}"])
def test_an_impossible_date_in_set_is_refused(value):
    key = "policy" if value.startswith("{") else "start"
    proc = outreach("validate", PILOT, "--set", f"{key}={value}")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: --set: {key}"), proc.stderr
    assert "a date YYYY-MM-DD that exists" in lines[0] and "Traceback" not in proc.stderr


def test_a_key_given_twice_in_a_scenario_is_refused(tmp_path):
    """Found by hand: the second ``seed`` silently replaced the first."""
    path = tmp_path / "twice.yaml"
    path.write_text(f"extends: {PILOT}\nseed: 1\npolicy:\n  fee_eur: 0\nseed: 2\n")
    proc = outreach("validate", path)
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr
    assert proc.stderr.strip() == (
        f"error: {path}: seed: key given twice (lines 2 and 5); each key once in a mapping"), proc.stderr


def test_a_nested_key_given_twice_is_refused(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text(f"extends: {PILOT}\npolicy:\n  fee_eur: 0\n  fee_eur: 270\n")
    proc = outreach("validate", path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (
        f"error: {path}: policy.fee_eur: key given twice (lines 3 and 4); each key once in a mapping")


def test_a_parameter_given_twice_in_an_experiment_is_refused(tmp_path):
    """Found by hand: one of two ``policy.fee_eur_obligated`` parameters was silently dropped."""
    text = (REPO / "experiments" / "smoke.yaml").read_text().replace(
        "../scenarios/", f"{REPO / 'scenarios'}/").replace(
        "parameters:\n", "parameters:\n  policy.fee_eur_obligated: {values: [0, 100]}\n")
    path = tmp_path / "experiment.yaml"
    path.write_text(text)
    out = tmp_path / "out"
    proc = outreach("sweep", path, "--out", out, "--workers", "1")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: {path}: parameters.policy.fee_eur_obligated: key given twice (lines "), proc.stderr
    assert not out.exists()


def test_a_key_given_twice_in_a_target_file_is_refused(tmp_path):
    text = (REPO / "calibration" / "roermond.yaml").read_text().replace(
        "../scenarios/", f"{REPO / 'scenarios'}/").replace("    count: 75\n", "    count: 75\n    count: 76\n", 1)
    path = tmp_path / "targets.yaml"
    path.write_text(text)
    out = tmp_path / "out"
    proc = outreach("calibrate", path, "--quick", "--out", out)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: targets.0.count: key given twice"), proc.stderr
    assert not out.exists()


def test_merge_keys_and_aliases_are_not_taken_for_a_key_given_twice(tmp_path):
    """A ``<<:`` merge may be overridden by a key of its own mapping: that is YAML, not a repeat."""
    path = tmp_path / "merged.yaml"
    path.write_text(f"extends: {PILOT}\nx_policy: &p {{fee_eur: 0}}\npolicy:\n  <<: *p\n  fee_eur: 10\n")
    from sim.config.load import read_yaml

    assert read_yaml(path)["policy"] == {"fee_eur": 10}
