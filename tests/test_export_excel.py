"""Exports as analysts open them: every seed exact in Excel, real date cells, a fully Dutch
workbook and a CSV Dutch Excel splits right, code names on request, and the modes any new
file gets."""

from __future__ import annotations

import datetime as dt
import os

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import outreach
from sim.export import export
from sim.labels import START_LABELS, STRATEGY_LABELS, UNITS_NL
from sim.results import write_results
from test_export import pilot_results


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return pilot_results(tmp_path_factory)


def _column(ws, header: str) -> list:
    rows = ws.iter_rows(values_only=True)
    headers = list(next(rows))
    i = headers.index(header)
    return [r[i] for r in rows]


def test_excel_holds_every_seed_exactly(results, tmp_path):
    seeds = pd.read_csv(results / "runs.csv", dtype={"seed": str})["seed"].tolist()
    assert any(int(s) > 2**53 for s in seeds)  # seeds Excel would round if they were numbers
    for lang, sheet in (("en", "runs"), ("nl", "simulaties")):
        dest = export(results, "xlsx", tmp_path / f"{lang}.xlsx", lang=lang)
        ws = openpyxl.load_workbook(dest)[sheet]
        assert _column(ws, "Seed") == seeds


def test_dates_are_date_cells(results, tmp_path):
    dest = export(results, "xlsx", tmp_path / "x.xlsx", lang="nl")
    wb = openpyxl.load_workbook(dest)
    for sheet, header in (("tijdreeks", "Begin week"), ("gestarten", "Datum")):
        ws = wb[sheet]
        col = list(next(ws.iter_rows(max_row=1, values_only=True))).index(header) + 1
        cell = ws.cell(row=2, column=col)
        assert cell.is_date and isinstance(cell.value, dt.datetime), (sheet, cell.value)
        assert cell.number_format.upper() == "YYYY-MM-DD"


def test_dutch_workbook_is_dutch_throughout(results, tmp_path):
    dest = export(results, "xlsx", tmp_path / "nl.xlsx", lang="nl")
    wb = openpyxl.load_workbook(dest)
    assert not {"runs", "summary", "timeseries", "starts", "hours", "neighbourhoods", "columns",
                "provenance"} & set(wb.sheetnames)
    cols = pd.read_excel(dest, sheet_name="kolommen")
    assert list(cols.columns) == ["tabel", "kolom", "label", "eenheid", "betekenis"]
    english_units = set(UNITS_NL) - set(UNITS_NL.values())
    assert not english_units & set(cols["eenheid"].dropna()) and "huishoudens" in set(cols["eenheid"])
    assert "gestarten" in set(cols["tabel"])
    prov = pd.read_excel(dest, sheet_name="herkomst")
    assert list(prov.columns) == ["sleutel", "waarde"] and "scenario.inhoud" in set(prov["sleutel"])
    starts = pd.read_excel(dest, sheet_name="gestarten")
    assert set(starts["Route"]) <= {nl.lower() for _, nl in STRATEGY_LABELS.values()} | {"later zelf teruggebeld"}
    assert set(starts["Soort start"]) <= {nl for _, nl in START_LABELS.values()}
    assert set(starts["Met participatie"]) <= {"ja", "nee"}
    coaches = set(pd.read_excel(dest, sheet_name="uren")["Trajectcoach"])
    assert coaches == {"trajectcoach 1", "trajectcoach 2", "trajectcoach 3"}
    summary = pd.read_excel(dest, sheet_name="samenvatting")
    assert "Gestarte trajecten" in set(summary["Uitkomst"]) and "starts" not in set(summary["Uitkomst"])


def test_dutch_csv_opens_in_dutch_excel(results, tmp_path):
    dest = export(results, "csv", tmp_path / "nl_csv", lang="nl")
    raw = (dest / "simulaties.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    runs = pd.read_csv(results / "runs.csv")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert len(header.split(";")) == len(runs.columns)
    back = pd.read_csv(dest / "simulaties.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Succespercentage"].tolist() == pytest.approx(runs["success_rate"].tolist(), rel=1e-12)
    assert back["Seed"].tolist() == runs["seed"].tolist()
    assert any("," in line for line in raw.decode("utf-8-sig").splitlines()[1:])  # decimal commas
    en = export(results, "csv", tmp_path / "en_csv", lang="en")
    assert not (en / "runs.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_raw_labels_keep_code_names(results, tmp_path):
    dest = tmp_path / "raw"
    proc = outreach("export", results, "--format", "parquet", "--lang", "nl", "--labels", "raw", "--to", dest)
    assert proc.returncode == 0, proc.stderr
    starts = pq.read_table(dest / "starts.parquet").to_pandas()
    assert {"route", "start_type", "household_id"} <= set(starts.columns)
    assert set(starts["route"]) <= {*STRATEGY_LABELS, "pathway"}


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o027, 0o640)])
def test_files_respect_the_umask(results, tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        xlsx = export(results, "xlsx", tmp_path / "x.xlsx")
        folder = export(results, "csv", tmp_path / "c")
        written = write_results(tmp_path / "res", "run", {"runs": pd.DataFrame({"seed": [1]})}, {})
    finally:
        os.umask(old)
    assert xlsx.stat().st_mode & 0o777 == mode
    assert folder.stat().st_mode & 0o777 == 0o777 & ~mask
    for f in [*folder.iterdir(), *written.iterdir()]:
        assert f.stat().st_mode & 0o777 == mode, f


def test_every_unit_and_column_has_a_dutch_name():
    from sim.labels import COLUMNS, OUTCOMES

    for name, column in {**OUTCOMES, **COLUMNS}.items():
        assert column.unit in UNITS_NL, (name, column.unit)
        assert column.nl and column.meaning_nl, name
