"""Export a results folder to CSV, Parquet, Excel or JSON, with provenance and labels.

Every export is written to a temporary location beside its destination and renamed into
place, so an interrupted export leaves nothing half-written; an existing export is only
replaced with ``force``. Labels are English or Dutch; the data are the same in both.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sim.errors import InputError
from sim.labels import LANGS, explain, label
from sim.results import METADATA

FORMATS = ("csv", "parquet", "xlsx", "json")
EXCEL_MAX_ROWS = 1_048_575  # one header row
SHEET = {"columns": {"en": "columns", "nl": "kolommen"}, "provenance": {"en": "provenance", "nl": "herkomst"}}


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
        raise InputError(str(meta_path), "metadata.json", "is not valid JSON", "a results folder as written by outreach") from None
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
            df = pd.concat([pq.read_table(f).to_pandas() for f in files], ignore_index=True) if files else pd.DataFrame()
            tables[name] = df.sort_values("run_id").reset_index(drop=True) if "run_id" in df.columns else df
    if not tables:
        raise InputError(str(folder), "tables", "holds no tables", "a results folder as written by outreach")
    return tables, meta


def column_sheet(tables: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    rows = []
    for table, df in tables.items():
        for col in df.columns:
            unit, meaning = explain(col, lang)
            rows.append({"table": table, "column": col, "label": label(col, lang), "unit": unit, "meaning": meaning})
    return pd.DataFrame(rows)


def provenance_rows(meta: dict) -> pd.DataFrame:
    """Metadata flattened to key/value rows (for a sheet)."""
    rows = []

    def walk(prefix, value):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(value, list) and len(value) > 20:
            rows.append({"key": prefix, "value": json.dumps(value)})
        else:
            rows.append({"key": prefix, "value": value if isinstance(value, str) else json.dumps(value, default=str)})

    walk("", meta)
    return pd.DataFrame(rows)


def labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.rename(columns={c: label(c, lang) for c in df.columns})


def default_destination(folder: Path, fmt: str, lang: str) -> Path:
    name = f"{folder.name}_{lang}"
    return folder / "exports" / (f"{name}.xlsx" if fmt == "xlsx" else f"{name}_{fmt}")


def export(folder: str | Path, fmt: str, to: str | Path | None = None, lang: str = "en", force: bool = False) -> Path:
    """Export every table of ``folder``; returns the path written."""
    folder = Path(folder)
    if fmt not in FORMATS:
        raise InputError("command line", "--format", f"unknown format {fmt!r}", f"allowed: {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise InputError("command line", "--lang", f"unknown language {lang!r}", f"allowed: {', '.join(LANGS)}")
    tables, meta = read_results(folder)
    dest = Path(to) if to is not None else default_destination(folder, fmt, lang)
    if dest.exists() and not force:
        raise InputError(str(dest), "--to", "already exists", "use --force to replace it, or another --to")
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = {**meta, "export": {"format": fmt, "language": lang, "source": str(folder)}}
    columns = column_sheet(tables, lang)
    if fmt == "xlsx":
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp.xlsx", dir=dest.parent)
        os.close(fd)
        try:
            _write_xlsx(Path(tmp), tables, columns, meta, lang)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return dest
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        for name, df in tables.items():
            out = labelled(df, lang)
            if fmt == "csv":
                out.to_csv(tmp_dir / f"{name}.csv", index=False)
            elif fmt == "json":
                out.to_json(tmp_dir / f"{name}.json", orient="records", date_format="iso", indent=1, force_ascii=False)
            else:
                table = pa.Table.from_pandas(out, preserve_index=False)
                extra = {
                    b"outreach_provenance": json.dumps(meta, default=str).encode(),
                    b"outreach_columns": columns[columns["table"] == name].to_json(orient="records").encode(),
                }
                pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **extra}), tmp_dir / f"{name}.parquet")
        if fmt in ("csv", "json"):
            (tmp_dir / "metadata.json").write_text(
                json.dumps({**meta, "columns": columns.to_dict(orient="records")}, indent=2, default=str, ensure_ascii=False),
                encoding="utf-8",
            )
        _replace_dir(tmp_dir, dest)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    return dest


def _replace_dir(tmp_dir: Path, dest: Path) -> None:
    """Move a finished folder into place; an old one is removed only after the new one is in."""
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(dest, old)
        os.replace(tmp_dir, dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp_dir, dest)


def _sheet_names(tables: dict[str, pd.DataFrame]) -> dict[str, list[tuple[str, pd.DataFrame]]]:
    """Excel allows 31 characters and about a million rows a sheet: long tables continue."""
    out = {}
    for name, df in tables.items():
        parts = [df.iloc[i : i + EXCEL_MAX_ROWS] for i in range(0, max(len(df), 1), EXCEL_MAX_ROWS)]
        out[name] = [(name[:31] if i == 0 else f"{name[:26]} ({i + 1})", part) for i, part in enumerate(parts)]
    return out


def _write_xlsx(path: Path, tables, columns: pd.DataFrame, meta: dict, lang: str) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, parts in _sheet_names(tables).items():
            for sheet, part in parts:
                labelled(part, lang).to_excel(xl, sheet_name=sheet, index=False)
        columns.to_excel(xl, sheet_name=SHEET["columns"][lang], index=False)
        provenance_rows(meta).to_excel(xl, sheet_name=SHEET["provenance"][lang], index=False)
