"""Each kind of bad scenario input gets one line naming the file, the key and what is allowed,
exit code 2, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import outreach
from sim.config import read_with_extends

BASE = Path(__file__).resolve().parents[1] / "scenarios" / "roermond_narrow_2009.yaml"


def write_variant(tmp_path: Path, mutate) -> Path:
    data = read_with_extends(BASE)  # the whole scenario: the variant is written elsewhere
    mutate(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _unknown(d):
    d["policy"]["fee_eruo"] = 10


def _wrong_type(d):
    d["coaches"]["count"] = "three"


def _prob(d):
    d.setdefault("behaviour", {}).setdefault("home", {})["morning"] = 1.3


def _neg_hours(d):
    d["strategies"][0]["hours_per_week"] = -5


def _end_before_start(d):
    d["end"] = "2009-01-01"


def _strategy_end_before_start(d):
    d["strategies"][0]["end"] = "2009-08-01"
    d["strategies"][0]["start"] = "2009-09-01"


def _unknown_strategy(d):
    d["strategies"][0]["type"] = "door_to_door"


# dated entries that fall outside the period they act in would change nothing
def _policy_change_after_end(d):
    d["policy_changes"] = [{"date": "2015-01-01", "fee_eur": 0}]


def _phase_after_strategy_end(d):
    d["strategies"][0]["phases"].append({"date": "2012-09-01", "hours_per_week": 10})


def _holiday_outside(d):
    d["holidays"] = [{"start": "2015-07-01", "end": "2015-08-31"}]


def _trained_after_end(d):
    d["coaches"]["trained_from"] = "2020-01-01"


CASES = [
    (_unknown, "policy.fee_eruo", "unknown key"),
    (_wrong_type, "coaches.count", "integer"),
    (_prob, "behaviour.home.morning", "[0, 1]"),
    (_neg_hours, "strategies.0.hours_per_week", ">= 0"),
    (_end_before_start, "(top level)", "not after start"),
    (_strategy_end_before_start, "strategies.0", "before start"),
    (_unknown_strategy, "strategies.0", "narrow"),
    (_policy_change_after_end, "policy_changes.0", "changes nothing"),
    (_phase_after_strategy_end, "strategies.0.phases.3", "changes nothing"),
    (_holiday_outside, "holidays.0", "changes nothing"),
    (_trained_after_end, "coaches.trained_from", "changes nothing"),
]


def check_refused(proc, file_part: str, key: str, words: str, out: Path | None = None):
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("error: "), line
    assert file_part in line and key in line and words in line, line
    assert "Traceback" not in proc.stderr
    if out is not None:
        assert not out.exists()


@pytest.mark.parametrize("mutate,key,words", CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_validate_refuses(tmp_path, mutate, key, words):
    path = write_variant(tmp_path, mutate)
    check_refused(outreach("validate", path), "bad.yaml", key, words)


def test_run_refuses_and_writes_nothing(tmp_path):
    path = write_variant(tmp_path, _prob)
    out = tmp_path / "out"
    check_refused(outreach("run", path, "--out", out, "-r", "2"), "bad.yaml", "behaviour.home.morning", "[0, 1]", out)


def test_missing_file(tmp_path):
    check_refused(outreach("validate", tmp_path / "nope.yaml"), "nope.yaml", "(top level)", "not found")


@pytest.mark.parametrize(
    "content,words",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"name: [unclosed", "not valid YAML"),
        (b"- just\n- a list\n", "top level is a list"),
        (b"!!python/object/apply:os.system ['echo hi']\n", "tag not allowed"),
        (b"\xff\xfe\xfa", "UTF-8"),
    ],
)
def test_unreadable_files(tmp_path, content, words):
    path = tmp_path / "weird.yaml"
    path.write_bytes(content)
    proc = outreach("validate", path)
    assert proc.returncode == 2 and words in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr


def test_directory_is_refused(tmp_path):
    check_refused(outreach("validate", tmp_path), str(tmp_path.name), "(top level)", "directory")


def test_set_override_is_validated_like_the_file(tmp_path):
    out = tmp_path / "o"
    proc = outreach("run", BASE, "--set", "policy.fee_eur=-3", "-r", "1", "--out", out)
    check_refused(proc, "roermond_narrow_2009.yaml", "policy.fee_eur", "0.0 to 100000.0", out)
    proc = outreach("run", BASE, "--set", "policy.no_such=1", "-r", "1")
    check_refused(proc, "roermond_narrow_2009.yaml", "policy.no_such", "unknown key")
    proc = outreach("run", BASE, "--set", "policy.fee_eur", "-r", "1")
    check_refused(proc, "--set", "policy.fee_eur", "KEY=VALUE")


def test_all_shipped_scenarios_validate(scenarios_dir):
    files = sorted(scenarios_dir.glob("*.yaml"))
    proc = outreach("validate", *files)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("ok:") == len(files)


@pytest.mark.parametrize(
    "args,key",
    [
        (["nonsense"], "COMMAND"),
        (["run"], "scenario"),
        (["run", str(BASE), "--replicates", "x"], "--replicates"),
        (["run", str(BASE), "--replicates", "0"], "--replicates"),
        (["run", str(BASE), "--bogus"], "--bogus"),
        (["sweep", "experiments/smoke.yaml", "--workers", "0"], "--workers"),
        (["sweep", "experiments/smoke.yaml", "--workers", "2", "--scheduler", "tcp://127.0.0.1:9"], "--workers"),
        (["calibrate", "calibration/roermond.yaml", "--workers", "-1"], "--workers"),
        (["export", "results/nowhere", "--format", "docx"], "--format"),
        (["app", "--port", "0"], "--port"),
        (["app", "--host", "no-such-host.invalid"], "--host"),
        (["app", "--scenario", "atlantis"], "--scenario"),
    ],
)
def test_command_line_errors_have_the_same_form(args, key):
    proc = outreach(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: command line: {key}: "), proc.stderr
    assert "Traceback" not in proc.stderr


def test_version():
    proc = outreach("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("outreach-sim ")


def test_extends_lays_a_file_over_its_base(tmp_path, scenarios_dir):
    from sim.scenario import load_scenario

    (tmp_path / "base.yaml").write_text("world: {city: {households: 900}}\ncoaches: {count: 2}\n")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nname: c\nstart: 2010-01-01\nend: 2010-06-30\ncoaches: {fte: 0.5}\n"
                     "strategies: [{type: network, start: 2010-01-01, end: 2010-06-30, hours_per_week: 5}]\n")
    sc = load_scenario(child)
    assert sc.world.city.households == 900 and sc.coaches.count == 2 and sc.coaches.fte == 0.5
    (tmp_path / "loop.yaml").write_text("extends: loop.yaml\n")
    proc = outreach("validate", tmp_path / "loop.yaml")
    assert proc.returncode == 2 and "extends" in proc.stderr and "loop" in proc.stderr
    child.write_text(child.read_text().replace("base.yaml", "missing.yaml"))
    proc = outreach("validate", child)
    assert proc.returncode == 2 and ": extends: missing.yaml not found" in proc.stderr
    # the Roermond scenarios share one world
    assert load_scenario(scenarios_dir / "roermond_pilot.yaml").world == load_scenario(
        scenarios_dir / "roermond_narrow_2009.yaml").world


def test_a_name_shared_by_two_list_elements_is_called_ambiguous(tmp_path):
    def two_narrow(d):
        d["strategies"].append(dict(d["strategies"][0]))

    path = write_variant(tmp_path, two_narrow)
    proc = outreach("validate", path, "--set", "strategies.narrow.hours_per_week=5")
    check_refused(proc, "--set", "strategies.narrow.hours_per_week", "names 2 elements")
    assert "an index 0-1" in proc.stderr
