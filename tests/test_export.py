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
from sim.results import write_results


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


def test_json_holds_every_float_exactly(tmp_path):
    """JSON carries the doubles of the results folder digit for digit, as CSV, Parquet and Excel
    do (no rounding to ten decimals); an undefined value is null."""
    awkward = [0.060358128411870715, 2.92e-11, 1 / 3, 0.1 + 0.2, 5e-324, 1.7976931348623157e308,
               -1234567.8901234567, 123456789012.34567, float("nan")]
    folder = write_results(tmp_path / "res", "run",
                           {"timeseries": pd.DataFrame({"week": range(len(awkward)), "mean_engagement": awkward})},
                           {})
    source = read_results(folder)[0]["timeseries"]["mean_engagement"].tolist()
    assert source[:-1] == awkward[:-1]
    for lang, labels, file, column in (("en", "raw", "timeseries", "mean_engagement"),
                                       ("nl", "labelled", "tijdreeks", "Gemiddelde betrokkenheid")):
        dest = export(folder, "json", tmp_path / f"{lang}_{labels}", lang=lang, labels=labels)
        rows = json.loads((dest / f"{file}.json").read_text(encoding="utf-8"))
        back = [row[column] for row in rows]
        assert back[:-1] == awkward[:-1], (lang, labels)
        assert back[-1] is None and [row["week" if labels == "raw" else "Week"] for row in rows] == list(range(9))


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


def test_calibration_columns_are_explained_and_dutch(root, tmp_path):
    """Every column of a calibration's tables is explained with its unit; only the fitted
    parameters (dotted scenario keys) are called scenario parameters; in Dutch the headers,
    the yes/no cells and the kinds of target are Dutch."""
    folder = root / "calibration" / "results" / "roermond"
    tables, _ = read_results(folder)
    fitted = {c for c in tables["posterior"].columns if c != "weight"}
    en = export(folder, "xlsx", tmp_path / "en.xlsx", lang="en")
    cols = pd.read_excel(en, sheet_name="columns", keep_default_na=False)
    called_parameters = set(cols.loc[cols["meaning"].str.contains("scenario parameter"), "column"])
    assert called_parameters == fitted
    assert (cols["label"] != cols["column"]).sum() == len(cols) - len(fitted)  # a label for all others
    units = dict(zip(cols["column"], cols["unit"], strict=False))
    assert units["effective_sample_share"] == "fraction" and units["ess_ok"] == "yes/no"
    assert units["importance_ess"] == units["distinct_particles"] == "particles"
    assert units["move_simulations"] == units["moves_accepted"] == "runs"
    for name in fitted:
        assert units[name] == "as the parameter"

    nl = export(folder, "xlsx", tmp_path / "nl.xlsx", lang="nl")
    for en_sheet, nl_sheet in (("diagnostics", "diagnostiek"), ("validation", "validatie")):
        raw, dutch = tables[en_sheet], pd.read_excel(nl, sheet_name=nl_sheet)
        assert not set(raw.columns) & set(dutch.columns), en_sheet
        numeric = raw.select_dtypes("number").columns
        back = dutch.set_axis(raw.columns, axis=1)
        pd.testing.assert_frame_equal(back[numeric], raw[numeric], check_dtype=False)
    diag = pd.read_excel(nl, sheet_name="diagnostiek")
    assert set(diag["Controle steekproef geslaagd"]) <= {"ja", "nee"}
    validation = pd.read_excel(nl, sheet_name="validatie")
    assert set(validation["Soort doel"]) == {"fractie", "aantal"}
    kolommen = pd.read_excel(nl, sheet_name="kolommen", keep_default_na=False)
    assert not kolommen.loc[kolommen["kolom"].isin(tables["diagnostics"].columns), "betekenis"].str.contains(
        "scenarioparameter").any()


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


def test_the_default_place_differs_for_raw_and_labelled_exports(results):
    labelled = outreach("export", results, "--format", "csv")
    raw = outreach("export", results, "--format", "csv", "--labels", "raw")
    assert labelled.returncode == 0 and raw.returncode == 0, raw.stderr  # neither replaces the other
    assert (results / "exports" / f"{results.name}_en_raw_csv").is_dir()
