"""Exports: round trips in every format (with code names), Dutch and English differ only in
labels, no overwrite without --force, refusal of other folders, and nothing half-written."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import SCENARIOS, outreach
from sim.errors import InputError
from sim.export import export, read_results


def pilot_results(tmp_path_factory):
    """A results folder of three replicates of the Roermond pilot."""
    out = tmp_path_factory.mktemp("res") / "pilot"
    proc = outreach("run", SCENARIOS / "roermond_pilot.yaml", "-r", "3", "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return pilot_results(tmp_path_factory)


def test_csv_and_json_round_trip(results, tmp_path):
    tables, meta = read_results(results)
    for fmt in ("csv", "json"):
        dest = export(results, fmt, tmp_path / fmt, lang="en", labels="raw")
        for name, df in tables.items():
            path = dest / f"{name}.{fmt}"
            back = pd.read_csv(path) if fmt == "csv" else pd.read_json(path, orient="records", dtype=False)
            pd.testing.assert_frame_equal(back.reset_index(drop=True), df.reset_index(drop=True), check_dtype=False,
                                          check_exact=False, rtol=1e-12)
        side = json.loads((dest / "metadata.json").read_text())
        assert side["scenario"]["sha256"] == meta["scenario"]["sha256"] and side["columns"]


def test_parquet_round_trip_with_provenance(results, tmp_path):
    tables, _meta = read_results(results)
    dest = export(results, "parquet", tmp_path / "pq", lang="nl", labels="raw")
    for name, df in tables.items():
        table = pq.read_table(dest / f"{name}.parquet")
        back = table.to_pandas()
        for col in ("week_start", "date"):  # real dates in Parquet, ISO text in the results folder
            if col in back.columns:
                back[col] = back[col].map(lambda d: d.isoformat() if d is not None else None)
        pd.testing.assert_frame_equal(back, df, check_dtype=False)
        prov = json.loads(table.schema.metadata[b"outreach_provenance"])
        assert prov["git_commit"] and prov["versions"]["mesa"] and prov["scenario"]["content"]


def test_excel_round_trip_sheets(results, tmp_path):
    tables, _ = read_results(results)
    dest = export(results, "xlsx", tmp_path / "x.xlsx", lang="en", labels="raw")
    wb = openpyxl.load_workbook(dest, read_only=True)
    assert {"runs", "summary", "timeseries", "starts", "hours", "neighbourhoods", "columns",
            "provenance"} <= set(wb.sheetnames)
    for name, df in tables.items():
        back = pd.read_excel(dest, sheet_name=name, dtype={"seed": str})
        for col in ("week_start", "date"):
            if col in back.columns:
                back[col] = back[col].dt.strftime("%Y-%m-%d")
        if "seed" in back.columns:
            back["seed"] = back["seed"].astype("int64")
        pd.testing.assert_frame_equal(back, df, check_dtype=False, check_exact=False, rtol=1e-9)
    cols = pd.read_excel(dest, sheet_name="columns")
    assert set(cols.columns) == {"table", "column", "label", "unit", "meaning"}
    assert cols["meaning"].notna().all()
    prov = pd.read_excel(dest, sheet_name="provenance")
    assert "scenario.sha256" in set(prov["key"])


def test_dutch_and_english_differ_only_in_labels(results, tmp_path):
    en = export(results, "xlsx", tmp_path / "en.xlsx", lang="en")
    nl = export(results, "xlsx", tmp_path / "nl.xlsx", lang="nl")
    wb_nl = openpyxl.load_workbook(nl, read_only=True)
    assert {"kolommen", "herkomst", "samenvatting", "tijdreeks", "gestarten", "uren", "wijken"} <= set(wb_nl.sheetnames)
    for en_sheet, nl_sheet in (("runs", "simulaties"), ("timeseries", "tijdreeks"), ("hours", "uren")):
        a, b = pd.read_excel(en, sheet_name=en_sheet), pd.read_excel(nl, sheet_name=nl_sheet)
        assert list(a.columns) != list(b.columns)
        numeric = a.select_dtypes("number").columns
        assert a[numeric].equals(b.set_axis(a.columns, axis=1)[numeric])
    assert "Gestarte trajecten" in pd.read_excel(nl, sheet_name="simulaties").columns


def test_no_overwrite_without_force(results, tmp_path):
    dest = tmp_path / "once"
    export(results, "csv", dest)
    with pytest.raises(InputError):
        export(results, "csv", dest)
    proc = outreach("export", results, "--format", "csv", "--to", dest)
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert outreach("export", results, "--format", "csv", "--to", dest, "--force").returncode == 0


def test_not_a_results_folder(tmp_path):
    proc = outreach("export", tmp_path, "--format", "csv")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "not a results folder" in proc.stderr


def test_interrupted_export_leaves_nothing(results, tmp_path, monkeypatch):
    """An exception in the middle of writing: no destination, no temporary file left."""
    calls = {"n": 0}
    original = pd.DataFrame.to_csv

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing)
    with pytest.raises(KeyboardInterrupt):
        export(results, "csv", tmp_path / "half")
    assert not (tmp_path / "half").exists()
    assert list(tmp_path.iterdir()) == []


def test_sweep_folders_export_too(tmp_path, root):
    out = tmp_path / "sweep"
    assert outreach("sweep", root / "experiments" / "smoke.yaml", "--out", out, "--workers", "1").returncode == 0
    dest = export(out, "xlsx", tmp_path / "sweep.xlsx", lang="nl")
    runs = pd.read_excel(dest, sheet_name="simulaties")
    assert "Gestarte trajecten" in runs.columns
    assert len(runs) == 12 and "policy.fee_eur_obligated" in runs.columns


def test_a_folder_with_old_names_is_read_with_the_new_ones(results, tmp_path):
    """A results folder written before names_referred, referrals and the hours' strategy column
    were renamed: read under the new names, the numbers unchanged, with one warning."""
    import shutil
    import warnings

    from sim.errors import OldNamesWarning

    new, _ = read_results(results)
    old = tmp_path / "old"
    shutil.copytree(results, old)

    def back(name: str) -> str:
        return name.replace("names_received", "names_referred").replace("problem_referrals", "referrals")

    for table in ("runs", "timeseries"):
        new[table].rename(columns=back).to_csv(old / f"{table}.csv", index=False)
    new["summary"].assign(outcome=new["summary"]["outcome"].map(back)).to_csv(old / "summary.csv", index=False)
    new["hours"].rename(columns={"route": "strategy"}).to_csv(old / "hours.csv", index=False)
    assert "referrals" in pd.read_csv(old / "runs.csv").columns

    with pytest.warns(OldNamesWarning, match="names_referred as names_received"):
        tables, _ = read_results(old)
    for name, df in new.items():
        pd.testing.assert_frame_equal(tables[name], df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_results(results)  # a current folder gives no warning
    proc = outreach("export", old, "--format", "csv", "--labels", "raw", "--to", tmp_path / "x")
    assert proc.returncode == 0, proc.stderr
    assert "warning:" in proc.stderr and "old names" in proc.stderr
    assert "problem_referrals" in pd.read_csv(tmp_path / "x" / "runs.csv").columns
    assert "route" in pd.read_csv(tmp_path / "x" / "hours.csv").columns
