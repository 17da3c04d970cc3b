"""The command line for scripts and shells: JSON and CSV on stdout and nothing else there,
whole tables when piped, choices and conventional names in --help, shell completion, and a
results folder that is not overwritten without --force."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from conftest import SCENARIOS, SMOKE, outreach

NARROW = SCENARIOS / "roermond_narrow_2009.yaml"
BROAD = SCENARIOS / "roermond_broad_2010.yaml"
TARGETS = SCENARIOS.parent / "calibration" / "roermond.yaml"


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


CHECK = pd.DataFrame({"target": ["narrow: starts per conversation"], "count": [20], "trials": [75],
                      "observed": [20 / 75], "sim_median": [0.25], "sim_low": [0.2], "sim_high": [float("nan")],
                      "inside": [True]})


def test_calibrate_json(tmp_path, monkeypatch, capsys):
    """The printing of calibrate, on a stand-in for the (minutes-long) fit itself."""
    import sim.calibration.run as calibration_run
    from sim.cli import main

    monkeypatch.setattr(calibration_run, "run_calibration", lambda *a, **k: {"validation": CHECK, "seconds": 60.0,
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


# --------------------------------------------------------------------------- where results go


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    """The results folder of a one-replicate run."""
    folder = tmp_path_factory.mktemp("run") / "res"
    proc = outreach("run", NARROW, "-r", "1", "--out", folder)
    assert proc.returncode == 0, proc.stderr
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"" for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("args", [
    ["run", NARROW, "-r", "1", "--out", "afile.txt/sub"],
    ["compare", NARROW, BROAD, "-r", "1", "--out", "afile.txt/sub"],
    ["brief", NARROW, BROAD, "-r", "1", "--no-posterior", "--quick", "--out", "afile.txt/sub"],
    ["calibrate", TARGETS, "--quick", "--out", "afile.txt/sub"],
    ["calibrate", TARGETS, "--quick", "--out", "afile.txt"],
    ["sweep", SMOKE, "--workers", "1", "--out", "afile.txt/sub/deeper"],
    ["export", "RUN", "-f", "csv", "--to", "afile.txt/sub"],
    ["export", "RUN", "-f", "xlsx", "--to", "afile.txt/sub.xlsx"],
], ids=["run", "compare", "brief", "calibrate", "calibrate-file", "sweep", "export-csv", "export-xlsx"])
def test_an_out_path_through_a_file_is_one_line_exit_2_nothing_written(tmp_path, run_folder, args):
    """A results path inside a file (or a file where a folder goes) is refused up front with one
    line naming the option, not with an error from the file system once the runs are done."""
    (tmp_path / "afile.txt").write_text("notes\n")
    args = [run_folder if a == "RUN" else a for a in args]
    before = _files(tmp_path)
    proc = outreach(*args, cwd=tmp_path)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and proc.stdout == "", proc.stderr
    option = args[args.index("--to" if "--to" in args else "--out")]
    assert lines[0].startswith(f"error: {args[args.index(option) + 1]}: {option}: "), lines[0]
    assert "afile.txt" in lines[0] and "not a folder" in lines[0], lines[0]
    assert _files(tmp_path) == before


def test_the_error_for_a_path_through_a_file(tmp_path):
    (tmp_path / "afile.txt").write_text("notes\n")
    proc = outreach("run", NARROW, "-r", "1", "--out", "afile.txt/sub", cwd=tmp_path)
    assert proc.stderr == ("error: afile.txt/sub: --out: afile.txt is a file, not a folder; "
                           "give a path inside a folder\n")


@pytest.fixture
def fake_calibration(monkeypatch):
    """calibrate with a stand-in for the fit, which records the folders it was given and writes
    what a calibration's folder holds."""
    import sim.calibration.run as calibration_run

    calls: list[Path] = []

    def fit(targets, out, settings, progress=None):
        calls.append(Path(out))
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "calibration.json").write_text("{}")
        (Path(out) / "metadata.json").write_text(json.dumps({"kind": "calibration"}))
        return {"validation": CHECK, "seconds": 60.0, "ess_failures": []}

    monkeypatch.setattr(calibration_run, "run_calibration", fit)
    return calls


def _refused_and_untouched(proc, other: Path, before, holds: str, own: str) -> None:
    """One line naming what the folder does not hold and the way out, exit 2, nothing written."""
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and proc.stdout == "", proc.stderr
    assert lines[0] == (f"error: {other}: --out: is not empty and holds no {holds}; give a new or empty folder, "
                        f"{own}, or --force to write into it")
    assert _files(other) == before


def test_calibrate_refuses_other_results_but_continues_its_own(tmp_path, run_folder, fake_calibration):
    """calibrate writes into a folder holding something else only with --force, and continues
    its own calibration without it: a folder with its settings, a finished one, or one holding
    only what a calibration killed at start-up left (a temporary file)."""
    other = tmp_path / "run"
    shutil.copytree(run_folder, other)
    before = _files(other)
    proc = outreach("calibrate", TARGETS, "--quick", "--out", other, "--json")
    _refused_and_untouched(proc, other, before, "calibration", "a calibration's folder to continue it")
    assert fake_calibration == []

    started = tmp_path / "started"
    started.mkdir()
    (started / ".calibration.json.x1y2z3.tmp").write_text("{")
    finished = tmp_path / "finished"
    finished.mkdir()
    (finished / "metadata.json").write_text(json.dumps({"kind": "calibration"}))
    (finished / "posterior.parquet").write_bytes(b"")
    for out in (started, started, finished):
        proc = outreach("calibrate", TARGETS, "--quick", "--out", out, "--json")
        assert proc.returncode == 0, proc.stderr
    assert outreach("calibrate", TARGETS, "--quick", "--out", other, "--force", "--json").returncode == 0
    assert fake_calibration == [started, started, finished, other]


@pytest.fixture
def fake_brief(monkeypatch):
    """brief with stand-ins for the runs and the writing, which record the folders written."""
    import sim.brief

    calls: list[Path] = []

    def write(brief, out, lang, quick, command, full, meta):
        calls.append(Path(out))
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "brief.html").write_text("<html></html>")
        (Path(out) / "metadata.json").write_text(json.dumps({"kind": "brief"}))
        return Path(out) / "brief.html", None, "no Chromium here"

    monkeypatch.setattr(sim.brief, "build", lambda *a, **k: SimpleNamespace(scenarios={}, seed=1, posterior=None))
    monkeypatch.setattr(sim.brief, "write_brief", write)
    return calls


def test_brief_refuses_other_results_but_replaces_its_own(tmp_path, run_folder, fake_brief):
    other = tmp_path / "run"
    shutil.copytree(run_folder, other)
    before = _files(other)
    proc = outreach("brief", NARROW, BROAD, "-r", "1", "--no-posterior", "--out", other)
    _refused_and_untouched(proc, other, before, "brief", "a brief's folder to replace it")
    assert fake_brief == []

    own = tmp_path / "brief"
    interrupted = tmp_path / "interrupted"  # the brief's files moved in, its metadata.json not yet
    interrupted.mkdir()
    for name in ("brief.html", "levers.csv"):
        (interrupted / name).write_text("")
    for out in (own, own, interrupted):
        proc = outreach("brief", NARROW, BROAD, "-r", "1", "--no-posterior", "--out", out)
        assert proc.returncode == 0, proc.stderr
    assert outreach("brief", NARROW, BROAD, "-r", "1", "--no-posterior", "--out", other, "--force").returncode == 0
    assert fake_brief == [own, own, interrupted, other]


def test_export_force_replaces_a_file_or_folder_and_leaves_nothing_behind(tmp_path, run_folder):
    target = tmp_path / "afile.txt"
    target.write_text("notes\n")
    proc = outreach("export", run_folder, "-f", "csv", "--to", target, "--force")
    assert proc.returncode == 0, proc.stderr
    assert (target / "metadata.json").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["afile.txt"]
    # a file left where the old export is moved aside is no obstacle either
    (tmp_path / ".afile.txt.old").write_text("")
    proc = outreach("export", run_folder, "-f", "csv", "--to", target, "--force")
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["afile.txt"] and (target / "metadata.json").is_file()
