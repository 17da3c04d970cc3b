"""The command line for scripts and shells: JSON and CSV on stdout and nothing else there,
whole tables when piped, choices and conventional names in --help, shell completion, and a
results folder that is not overwritten without --force."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import SCENARIOS, SMOKE, outreach

NARROW = SCENARIOS / "roermond_narrow_2009.yaml"


def test_run_json_is_json_and_nothing_else(tmp_path):
    proc = outreach("run", NARROW, "-r", "2", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["kind"] == "run" and data["replicates"] == 2 and len(data["replicate_seeds"]) == 2
    by = {r["outcome"]: r for r in data["summary"]}
    assert by["starts"]["label"] == "Starts" and by["starts"]["low"] <= by["starts"]["median"] <= by["starts"]["high"]
    assert by["cost_per_start"]["median"] is None or by["cost_per_start"]["median"] > 0
    assert "NaN" not in proc.stdout
    same = outreach("run", NARROW, "-r", "2", "--format", "json", cwd=tmp_path)
    assert json.loads(same.stdout)["summary"] == data["summary"]


def test_run_csv_and_validate_json():
    proc = outreach("run", NARROW, "-r", "2", "--format", "csv")
    summary = pd.read_csv(io.StringIO(proc.stdout))
    assert list(summary.columns) == ["outcome", "median", "low", "high", "mean"] and "starts" in set(summary["outcome"])
    proc = outreach("validate", NARROW, SCENARIOS / "roermond_pilot.yaml", "--json")
    checked = json.loads(proc.stdout)
    assert [c["ok"] for c in checked] == [True, True] and checked[1]["strategies"] >= 3


def test_compare_json():
    proc = outreach("compare", NARROW, SCENARIOS / "roermond_broad_2010.yaml", "-r", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [s["label"] for s in data["scenarios"]] == ["roermond_narrow_2009", "roermond_broad_2010"]
    assert {r["outcome"] for r in data["scenarios"][0]["summary"]} >= {"starts", "success_rate", "cost_per_start"}


def test_sweep_json(tmp_path):
    proc = outreach("sweep", SMOKE, "--out", tmp_path / "s", "--workers", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["runs"] == 12 and len(data["points"]) == 6
    assert {"policy.fee_eur_obligated", "strategies.narrow.slots", "starts"} <= set(data["points"][0])


def test_piped_tables_are_whole():
    proc = outreach("compare", NARROW, SCENARIOS / "roermond_broad_2010.yaml", SCENARIOS / "roermond_network.yaml",
                    "-r", "2")
    lines = proc.stdout.splitlines()
    assert max(map(len, lines)) > 90 and "…" not in proc.stdout
    assert "roermond_narrow_2009" in lines[1] and "roermond_network" in lines[1]
    assert len(lines) == 3 + 8  # title, header, rule, one line per outcome: nothing wrapped
    proc = outreach("run", SCENARIOS / "roermond_pilot.yaml", "-r", "2")
    lines = proc.stdout.splitlines()
    assert any(line.startswith("Narrow home visits: Success rate") for line in lines)
    assert not any("narrow.success_rate" in line for line in lines)  # labels, not code names


def test_run_out_refuses_a_folder_with_files(tmp_path):
    out = tmp_path / "res"
    out.mkdir()
    assert outreach("run", NARROW, "-r", "1", "--out", out).returncode == 0  # an empty folder is fine
    before = (out / "runs.csv").read_bytes()
    proc = outreach("run", NARROW, "-r", "2", "--out", out)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "is not empty" in lines[0] and "--force" in lines[0]
    assert (out / "runs.csv").read_bytes() == before and proc.stdout == ""
    assert outreach("run", NARROW, "-r", "2", "--out", out, "--force").returncode == 0
    assert len(pd.read_csv(out / "runs.csv")) == 2


def test_compare_out_refuses_a_folder_with_files(tmp_path):
    """compare writes a results folder as run does: nothing replaced without --force, and
    refused before any replicate runs."""
    broad = SCENARIOS / "roermond_broad_2010.yaml"
    out = tmp_path / "cmp"
    assert outreach("compare", NARROW, broad, "-r", "1", "--out", out).returncode == 0
    before = (out / "summary.csv").read_bytes()
    proc = outreach("compare", NARROW, broad, "-r", "2", "--out", out)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "is not empty" in lines[0] and "--force" in lines[0]
    assert (out / "summary.csv").read_bytes() == before and proc.stdout == ""
    assert outreach("compare", NARROW, broad, "-r", "2", "--out", out, "--force").returncode == 0
    assert (out / "summary.csv").read_bytes() != before


@pytest.mark.parametrize("command,choices", [
    ("run", "table|json|csv"), ("export", "csv|parquet|xlsx|json"), ("export", "en|nl"), ("export", "labelled|raw"),
    ("sensitivity", "sobol|morris|fast"),
])
def test_help_lists_choices(command, choices):
    assert choices in outreach(command, "--help").stdout


@pytest.mark.parametrize("command,usage", [
    ("run", "outreach run [OPTIONS] SCENARIO"), ("compare", "outreach compare [OPTIONS] SCENARIO..."),
    ("validate", "outreach validate [OPTIONS] SCENARIO..."), ("sweep", "outreach sweep [OPTIONS] EXPERIMENT"),
    ("export", "outreach export [OPTIONS] RESULTS_DIR"), ("calibrate", "outreach calibrate [OPTIONS] TARGETS"),
])
def test_help_uses_conventional_names(command, usage):
    text = outreach(command, "--help").stdout
    assert usage in text
    for tag in ("<path>", "<list[", "<int>", "{"):
        assert tag not in text, (command, tag)


def test_unknown_choice_is_refused():
    proc = outreach("export", "somewhere", "--format", "docx")
    assert proc.returncode == 2 and proc.stderr.startswith("error: command line: --format:"), proc.stderr


def test_shell_completion():
    """TAB completion is wired: the bash script names the completion variable, and completing
    a command name goes through the command line's own commands (click's completion API, as
    the script calls it)."""
    import typer.completion
    import typer.main

    import sim.cli  # noqa: F401  (registers the commands)
    from sim.cli.common import app

    try:
        from typer._click.shell_completion import BashComplete
    except ImportError:  # pragma: no cover - older typer uses click itself
        from click.shell_completion import BashComplete
    script = typer.completion.get_completion_script(prog_name="outreach", complete_var="_OUTREACH_COMPLETE",
                                                    shell="bash")
    assert "_OUTREACH_COMPLETE" in script and "complete " in script
    complete = BashComplete(typer.main.get_command(app), {}, "outreach", "_OUTREACH_COMPLETE")
    assert [c.value for c in complete.get_completions([], "exp")] == ["export"]
    assert [c.value for c in complete.get_completions([], "ca")] == ["calibrate"]
    assert "--install-completion" in outreach("--help").stdout


def test_calibrate_json(tmp_path, monkeypatch, capsys):
    """The printing of calibrate, on a stand-in for the (minutes-long) fit itself."""
    import sim.calibration.run as calibration_run
    from sim.cli import main

    check = pd.DataFrame({"target": ["narrow: starts per conversation"], "count": [20], "trials": [75],
                          "observed": [20 / 75], "sim_median": [0.25], "sim_low": [0.2], "sim_high": [float("nan")],
                          "inside": [True]})
    monkeypatch.setattr(calibration_run, "run_calibration", lambda *a, **k: {"validation": check, "seconds": 60.0,
                                                                            "ess_failures": []})
    main(["calibrate", str(SCENARIOS.parent / "calibration" / "roermond.yaml"), "--quick", "--out", str(tmp_path),
          "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "calibration" and data["minutes"] == 1.0
    assert data["validation"] == [{"target": "narrow: starts per conversation", "count": 20, "trials": 75,
                                   "observed": 20 / 75, "sim_median": 0.25, "sim_low": 0.2, "sim_high": None,
                                   "inside": True}]


def test_json_with_bad_input_prints_nothing_on_stdout(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n")
    proc = outreach("validate", bad, "--json")
    assert proc.returncode == 2 and proc.stdout == "" and proc.stderr.startswith("error: ")
    proc = outreach("run", NARROW, "--json", "--format", "csv")
    assert proc.returncode == 2 and proc.stdout == "" and "--json: given together with --format csv" in proc.stderr


def test_help_and_completion_load_no_model():
    """Each TAB press runs the program: --help and completion must not import Mesa or pandas."""

    code = ("import sys\nfrom sim.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('mesa', 'pandas', 'sim.model', 'sim.labels') if m in sys.modules), "
            "file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=SCENARIOS.parent, capture_output=True, text=True,
                          timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr
