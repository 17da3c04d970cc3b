"""docs/OUTPUTS.md and the tables written are in step: every written column is documented,
in the column list and in its table's row, and every documented outcome is written."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import outreach
from sim import labels
from sim.agents.coach import ACTIVITIES
from sim.export import read_results
from sim.recorder import STRATEGY_NAMES, Recorder


@pytest.fixture(scope="module")
def compared(tmp_path_factory, scenarios_dir):
    """A comparison of two scenarios: every table of run and compare, with a scenario column."""
    out = tmp_path_factory.mktemp("cmp") / "cmp"
    proc = outreach("compare", scenarios_dir / "roermond_pilot.yaml", scenarios_dir / "roermond_with_ambassadors.yaml",
                    "-r", "2", "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory, root):
    """A small calibration on a rate and a count target: every table of calibrate."""
    out = tmp_path_factory.mktemp("cal") / "cal"
    proc = outreach("calibrate", root / "calibration" / "roermond.yaml", "--only", "network", "--population", "10",
                    "--generations", "2", "--out", out)
    assert proc.returncode in (0, 1), proc.stderr  # 1: the check failed; every output is written all the same
    return out


def test_outputs_doc_is_current(root):
    text = (root / "docs" / "OUTPUTS.md").read_text(encoding="utf-8")
    assert labels.markdown() in text, "run: python -m sim.labels --write"


def test_every_written_column_is_documented(compared):
    undocumented = set()
    for csv in compared.glob("*.csv"):
        df = pd.read_csv(csv)
        undocumented |= {c for c in df.columns if labels.describe(c) is None}
        if csv.stem == "summary":
            undocumented |= {o for o in df["outcome"] if labels.describe(o) is None}
    assert not undocumented, sorted(undocumented)


def test_every_column_of_a_calibration_is_documented(calibrated):
    """Every column of every table of a calibration has a label, a unit and a meaning; the only
    columns without one are the fitted parameters, by their dotted scenario key."""
    tables, meta = read_results(calibrated)
    assert set(tables) == {"posterior", "validation", "diagnostics", "parameters"} == set(meta["tables"])
    fitted = set(tables["parameters"]["parameter"])
    undocumented = {(name, c) for name, df in tables.items() for c in df.columns
                    if labels.describe(c) is None and c not in fitted}
    assert not undocumented, sorted(undocumented)
    assert {c for c in tables["posterior"].columns if labels.describe(c) is None} == fitted
    assert all(labels.is_parameter(c) for c in fitted)
    assert set(tables["validation"]["kind"]) == {"rate", "count"}
    for value in tables["validation"]["kind"]:
        assert labels.category("kind", value, "nl") != value


def test_only_scenario_keys_are_called_parameters():
    parameter = labels.explain("policy.fee_eur_obligated")
    assert parameter == ("as the parameter", "scenario parameter varied by the experiment or fitted by the calibration")
    for key in ("strategies.narrow.slots", "behaviour.home.late_afternoon",
                "world.neighbourhoods.Donderberg.households"):
        assert labels.is_parameter(key) and labels.explain(key) == parameter
    for column in ("no_such_column", "narrow.no_such_outcome", "policy", "weights.policy"):
        assert not labels.is_parameter(column)
        unit, meaning = labels.explain(column)
        assert "parameter" not in meaning and unit == "", column


def _table_lists(text: str) -> dict[str, str]:
    """The columns cell of each table's row in the table lists of docs/OUTPUTS.md."""
    rows = {}
    for section in re.findall(r"^## Tables of .*?(?=^## )", text, flags=re.M | re.S):
        for name, cell in re.findall(r"^\| `(\w+)` \| [^|]+ \| (.+) \|$", section, flags=re.M):
            rows[name] = cell
    return rows


PLACEHOLDERS = {"strategy": "|".join(STRATEGY_NAMES), "activity": "|".join(ACTIVITIES)}


def _listed(column: str, table: str, cell: str) -> bool:
    """Whether the columns cell of a table names ``column``: by name, through a placeholder
    (`hours_<activity>`), with a strategy prefix (`<strategy>.` before a listed column), or, in
    `runs`, as one of the outcomes."""
    names = re.findall(r"`([^`]+)`", cell)
    if column in names:
        return True
    for name in names:
        parts = re.split(r"<(\w+)>", name)  # literal text and placeholders in turn
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?:{PLACEHOLDERS.get(p, '[a-z_]+')})"
                          for i, p in enumerate(parts))
        if len(parts) > 1 and re.fullmatch(pattern, column):
            return True
    prefix, _, rest = column.partition(".")
    if prefix in STRATEGY_NAMES and "<strategy>." in names and rest in names:
        return True
    return table == "runs" and "every outcome" in cell and labels.describe(column) is not None


def test_every_column_is_in_its_table_list(root, compared, calibrated):
    """The table lists of docs/OUTPUTS.md name every column each table of run, compare and
    calibrate has."""
    text = (root / "docs" / "OUTPUTS.md").read_text(encoding="utf-8")
    rows = _table_lists(text)
    assert "the same, each with a `scenario` column" in text  # every table of a comparison
    missing = set()
    for folder, everywhere in ((compared, {"scenario"}), (calibrated, set())):
        tables, _ = read_results(folder)
        fitted = set(tables["parameters"]["parameter"]) if "parameters" in tables else set()
        for name, df in tables.items():
            assert name in rows, f"no row for the table {name}"
            missing |= {(name, c) for c in df.columns
                        if c not in fitted | everywhere and not _listed(c, name, rows[name])}
    assert not missing, sorted(missing)


def test_every_documented_outcome_is_produced(root):
    text = (root / "docs" / "OUTPUTS.md").read_text(encoding="utf-8")
    section = text.split("### Outcomes")[1].split("### Other columns")[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.M))
    produced = set(Recorder.outcome_names(["narrow", "broad", "network", "campaign", "ambassadors"]))
    totals = {o for o in produced if "." not in o}
    assert documented == totals
