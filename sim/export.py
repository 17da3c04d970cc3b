"""Export a results folder to CSV, Parquet, Excel or JSON, with provenance and labels.

Every export is written to a temporary location beside its destination and renamed into
place, so an interrupted export leaves nothing half-written; an existing export is only
replaced with ``force``. Labels are English or Dutch; the data are the same in both.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.atomic import atomic_dir, atomic_write
from sim.errors import InputError, OldNamesWarning
from sim.labels import CATEGORIES, LANGS, SHEET_HEADERS, category, explain, label, table_label
from sim.renamed import new_outcome, old_columns
from sim.results import METADATA

FORMATS = ("csv", "parquet", "xlsx", "json")
LABEL_MODES = ("labelled", "raw")
EXCEL_MAX_ROWS = 1_048_575  # one header row


def read_results(folder: str | Path) -> tuple[dict[str, pd.DataFrame], dict]:
    """The tables of a results folder and its metadata."""
    folder = Path(folder)
    meta_path = folder / METADATA
    if not folder.is_dir() or not meta_path.is_file():
        raise InputError(str(folder), "RESULTS_DIR", "is not a results folder (no metadata.json)",
                         "a folder written by outreach run, compare, sweep, sensitivity or calibrate")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InputError(str(meta_path), "metadata.json", "is not valid JSON",
                         "a results folder as written by outreach") from None
    names = meta.get("tables") or sorted({p.stem for p in folder.iterdir() if p.suffix in (".csv", ".parquet")})
    tables = {}
    for name in names:
        csv, parquet, dataset = folder / f"{name}.csv", folder / f"{name}.parquet", folder / name
        if csv.is_file():
            tables[name] = pd.read_csv(csv)
        elif parquet.is_file():
            tables[name] = pd.read_parquet(parquet)
        elif dataset.is_dir():
            files = sorted(dataset.glob("*.parquet"))
            if not files:
                continue  # a sweep that has not written a row yet
            df = pd.concat([pq.read_table(f).to_pandas() for f in files], ignore_index=True)
            tables[name] = df.sort_values("run_id").reset_index(drop=True) if "run_id" in df.columns else df
    if not tables:
        raise InputError(str(folder), "tables", "holds no tables", "a results folder as written by outreach")
    return _with_new_names(tables, str(folder)), meta


def _with_new_names(tables: dict[str, pd.DataFrame], folder: str) -> dict[str, pd.DataFrame]:
    """Tables of a folder written before columns and outcomes were renamed, under the new
    names (sim/renamed.py), with one warning that lists what was read as what."""
    seen: dict[str, str] = {}
    for name, df in tables.items():
        renames = old_columns(name, list(df.columns))
        if renames:
            df = df.rename(columns=renames)
            seen.update(renames)
        for col in ("outcome", "output"):  # the outcome names in the rows of summaries and indices
            if col in df.columns and df[col].map(lambda v: isinstance(v, str) and new_outcome(v) is not None).any():
                old = df[col]
                df = df.assign(**{col: old.map(lambda v: (new_outcome(v) or v) if isinstance(v, str) else v)})
                seen.update({v: new for v in old if isinstance(v, str) and (new := new_outcome(v))})
        tables[name] = df
    if seen:
        shown = ", ".join(f"{a} as {b}" for a, b in list(seen.items())[:4]) + (", ..." if len(seen) > 4 else "")
        warnings.warn(f"{folder}: written with old names, read with the new ones ({len(seen)}: {shown})",
                      OldNamesWarning, stacklevel=3)
    return tables


def column_sheet(tables: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    rows = []
    for table, df in tables.items():
        for col in df.columns:
            unit, meaning = explain(col, lang)
            rows.append({"table": table_label(table, lang), "column": col, "label": label(col, lang), "unit": unit,
                         "meaning": meaning})
    return pd.DataFrame(rows, columns=["table", "column", "label", "unit", "meaning"])


PROVENANCE_NL = {
    "kind": "soort", "tables": "tabellen", "created_utc": "gemaakt_utc", "command_line": "opdrachtregel",
    "git_commit": "git_commit", "versions": "versies", "platform": "platform", "scenario": "scenario",
    "scenarios": "scenarios", "name": "naam", "source_file": "bronbestand", "content": "inhoud", "seed": "seed",
    "replicates": "herhalingen", "replicate_seeds": "seeds_herhalingen", "overrides": "gewijzigde_waarden",
    "posterior": "posterior", "file": "bestand", "export": "export", "format": "formaat", "language": "taal",
    "labels": "labels", "source": "bron", "experiment": "experiment", "runs_planned": "geplande_runs",
    "runs_done": "gedane_runs", "parameters": "parameters", "outcomes": "uitkomsten", "schema": "schema",
    "complete": "compleet", "method": "methode", "n": "n", "points": "punten", "plots": "grafieken",
    "label": "label", "second_order": "tweede_orde",
}


def provenance_rows(meta: dict, lang: str = "en") -> pd.DataFrame:
    """Metadata flattened to key/value rows (for a sheet); in Dutch the keys are Dutch."""
    rows = []

    def name(k: str) -> str:
        return PROVENANCE_NL.get(k, k) if lang == "nl" else k

    def walk(prefix, value):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{name(k)}" if prefix else name(k), v)
        elif isinstance(value, list) and len(value) > 20:
            rows.append({"key": prefix, "value": json.dumps(value)})
        else:
            rows.append({"key": prefix, "value": value if isinstance(value, str) else json.dumps(value, default=str)})

    walk("", meta)
    return pd.DataFrame(rows, columns=["key", "value"])


def _headers(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The explanation sheets' own headers in the export's language."""
    return df.rename(columns={c: SHEET_HEADERS[c][0 if lang == "en" else 1] for c in df.columns})


def labelled(df: pd.DataFrame, lang: str, labels: str = "labelled") -> pd.DataFrame:
    """Headers and coded cells (routes, start types, statuses, activities, outcome names) in
    ``lang``; with ``labels="raw"`` the code names as they are in the results folder."""
    if labels == "raw":
        return df
    df = df.copy()
    for col in df.columns:
        if col in CATEGORIES or col in ("outcome", "output", "coach"):
            df[col] = df[col].map(lambda v, c=col: category(c, v, lang))
    return df.rename(columns={c: label(c, lang) for c in df.columns})


DATE_COLUMNS = ("week_start", "date")
EXACT_LIMIT = 2**53  # Excel keeps 15 significant digits: larger integers change


def _with_dates(df: pd.DataFrame) -> pd.DataFrame:
    """Date columns as dates (they are ISO text in CSV results folders)."""
    cols = [c for c in DATE_COLUMNS if c in df.columns]
    if not cols:
        return df
    df = df.copy()
    for c in cols:
        df[c] = pd.to_datetime(df[c], errors="coerce").dt.date
    return df


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Seeds and other integers Excel cannot hold exactly become text, digit for digit."""
    out = df
    for c in df.columns:
        s = df[c]
        big = pd.api.types.is_integer_dtype(s) and len(s) and s.abs().max() >= EXACT_LIMIT
        if c == "seed" or big:
            out = out.copy() if out is df else out
            out[c] = s.map(lambda v: str(v) if pd.notna(v) else None)
    return out


def json_records(df: pd.DataFrame) -> list[dict]:
    """The rows of a table as JSON records, every number exactly as in the table: a float is
    written as the shortest decimal that reads back as the same double (CSV does the same),
    not rounded to a number of decimals. NaN, infinities and missing cells are null; dates
    are ISO text."""
    return [plain_json(row) for row in df.to_dict(orient="records")]


def plain_json(v):
    """``v`` as plain JSON values: NumPy values as Python ones, NaN, infinities and missing
    values as null (JSON has none of them), dates as ISO text, keys as text."""
    if isinstance(v, np.generic | np.ndarray):
        v = v.tolist()
    if isinstance(v, list | tuple):
        return [plain_json(x) for x in v]
    if isinstance(v, dict):
        return {str(k): plain_json(x) for k, x in v.items()}
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, dt.date):  # datetime, date and pandas Timestamp
        return v.isoformat()
    return v


def default_destination(folder: Path, fmt: str, lang: str, labels: str = "labelled") -> Path:
    """``exports/`` in the results folder, named by language, labels and format, so that one
    export does not replace another of other options."""
    name = f"{folder.name}_{lang}" + ("_raw" if labels == "raw" else "")
    return folder / "exports" / (f"{name}.xlsx" if fmt == "xlsx" else f"{name}_{fmt}")


def export(folder: str | Path, fmt: str, to: str | Path | None = None, lang: str = "en", force: bool = False,
           labels: str = "labelled") -> Path:
    """Export every table of ``folder``; returns the path written."""
    folder = Path(folder)
    if fmt not in FORMATS:
        raise InputError("command line", "--format", f"unknown format {fmt!r}", f"allowed: {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise InputError("command line", "--lang", f"unknown language {lang!r}", f"allowed: {', '.join(LANGS)}")
    if labels not in LABEL_MODES:
        raise InputError("command line", "--labels", f"unknown choice {labels!r}", f"allowed: {', '.join(LABEL_MODES)}")
    tables, meta = read_results(folder)
    dest = Path(to) if to is not None else default_destination(folder, fmt, lang, labels)
    if dest.exists() and not force:
        raise InputError(str(dest), "--to", "already exists", "use --force to replace it, or another --to")
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = {**meta, "export": {"format": fmt, "language": lang, "labels": labels, "source": str(folder)}}
    columns = column_sheet(tables, lang)

    def name_of(table: str) -> str:
        return table if labels == "raw" else table_label(table, lang)

    if fmt == "xlsx":
        sheets = {name_of(n): labelled(_excel_safe(_with_dates(df)), lang, labels) for n, df in tables.items()}
        atomic_write(dest, lambda tmp: _write_xlsx(tmp, sheets, columns, meta, lang), suffix=".tmp.xlsx")
        return dest
    with atomic_dir(dest) as tmp_dir:
        for name, df in tables.items():
            target = tmp_dir / name_of(name)
            if fmt == "csv":
                out = labelled(df, lang, labels)
                if lang == "nl":  # what Dutch Excel opens as it is: ; between fields, decimal comma, a BOM
                    text = "\ufeff" + out.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
                else:
                    text = out.to_csv(index=False, lineterminator="\n")
                target.with_suffix(".csv").write_text(text, encoding="utf-8", newline="")
            elif fmt == "json":
                out = labelled(df, lang, labels)
                target.with_suffix(".json").write_text(
                    json.dumps(json_records(out), indent=1, ensure_ascii=False, allow_nan=False,
                               default=str), encoding="utf-8")
            else:
                out = labelled(_with_dates(df), lang, labels)
                table = pa.Table.from_pandas(out, preserve_index=False)
                extra = {
                    b"outreach_provenance": json.dumps(meta, default=str).encode(),
                    b"outreach_columns": columns[columns["column"].isin(df.columns)
                                                 & (columns["table"] == table_label(name, lang))]
                    .to_json(orient="records").encode(),
                }
                pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **extra}),
                               target.with_suffix(".parquet"))
        if fmt in ("csv", "json"):
            (tmp_dir / "metadata.json").write_text(
                json.dumps({**meta, "columns": columns.to_dict(orient="records")}, indent=2, default=str,
                           ensure_ascii=False),
                encoding="utf-8",
            )
    return dest


def _sheet_names(tables: dict[str, pd.DataFrame]) -> dict[str, list[tuple[str, pd.DataFrame]]]:
    """Excel allows 31 characters and about a million rows a sheet: long tables continue."""
    out = {}
    for name, df in tables.items():
        parts = [df.iloc[i : i + EXCEL_MAX_ROWS] for i in range(0, max(len(df), 1), EXCEL_MAX_ROWS)]
        out[name] = [(name[:31] if i == 0 else f"{name[:26]} ({i + 1})", part) for i, part in enumerate(parts)]
    return out


def _write_xlsx(path: Path, sheets: dict[str, pd.DataFrame], columns: pd.DataFrame, meta: dict, lang: str) -> None:
    # date cells show as dates; text cells (seeds) stay text
    with pd.ExcelWriter(path, engine="openpyxl", date_format="YYYY-MM-DD") as xl:
        for parts in _sheet_names(sheets).values():
            for sheet, part in parts:
                part.to_excel(xl, sheet_name=sheet, index=False)
        _headers(columns, lang).to_excel(xl, sheet_name=table_label("columns", lang), index=False)
        _headers(provenance_rows(meta, lang), lang).to_excel(xl, sheet_name=table_label("provenance", lang),
                                                             index=False)
