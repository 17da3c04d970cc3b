"""Write the brief's folder: every file goes to a temporary folder first and is moved into
place when all are written, so an interrupted brief leaves nothing half-written."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sim.atomic import atomic_dir
from sim.brief.build import Brief, lever_runs_table, levers_table, summary_table
from sim.brief.render import render
from sim.errors import InputError
from sim.provenance import provenance
from sim.results import write_csv, write_json

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
PRINT_SECONDS = 180


def find_chromium() -> str | None:
    """Debian's chromium (or another Chromium on the path); OUTREACH_CHROMIUM names one."""
    given = os.environ.get("OUTREACH_CHROMIUM")
    if given is not None:
        return given if given and Path(given).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(chromium: str, html_path: Path, pdf_path: Path) -> None:
    """Print the page with headless Chromium; the page needs no network, so none is allowed."""
    with tempfile.TemporaryDirectory(prefix="outreach-chromium-") as profile:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--no-pdf-header-footer", "--proxy-server=127.0.0.1:9",
               f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=PRINT_SECONDS)
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        raise RuntimeError("Chromium wrote no PDF")


def write_brief(brief: Brief, out: Path, lang: str, quick: bool, command: str, full_replicates: int,
                meta: dict) -> tuple[Path, Path | None, str | None]:
    """Write brief.html, brief.pdf (when Chromium is there), summary.csv, levers.csv, runs.csv,
    lever_runs.csv and metadata.json into ``out``; returns the paths of the HTML and the PDF, and why there is
    no PDF."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "--out", "exists and is not a folder", "give a folder path")
    out.mkdir(parents=True, exist_ok=True)
    page = render(brief, lang, quick, command, full_replicates)
    chromium = find_chromium()
    # the folder may hold other files of the user's: the brief's files go in one by one
    with atomic_dir(out, merge=True) as tmp:
        (tmp / "brief.html").write_text(page, encoding="utf-8")
        write_csv(tmp / "summary.csv", summary_table(brief, lang))
        write_csv(tmp / "levers.csv", levers_table(brief, lang))
        # the runs behind the brief's medians, ranges and counts, to check them by
        write_csv(tmp / "runs.csv", brief.runs)
        write_csv(tmp / "lever_runs.csv", lever_runs_table(brief, lang))
        pdf = None
        problem = None if chromium else "printing the brief needs Chromium (Debian: apt-get install chromium)"
        if chromium:
            try:
                print_pdf(chromium, tmp / "brief.html", tmp / "brief.pdf")
                pdf = out / "brief.pdf"
            except subprocess.CalledProcessError as exc:  # the HTML is the brief; a failed print costs the PDF only
                problem = f"{chromium} could not print it (exit status {exc.returncode})"
            except subprocess.TimeoutExpired:
                problem = f"{chromium} did not finish printing it within {PRINT_SECONDS} s"
            except (OSError, RuntimeError) as exc:
                problem = f"{chromium} could not print it ({exc})"
        names = ["brief.html", "summary.csv", "levers.csv", "runs.csv", "lever_runs.csv"]
        names += ["brief.pdf"] if pdf else []
        if pdf is None:
            (tmp / "brief.pdf").unlink(missing_ok=True)  # a failed print may leave part of one
    if pdf is None:
        (out / "brief.pdf").unlink(missing_ok=True)  # a PDF of an earlier brief would not match this one
    write_json(out / "metadata.json", provenance({"kind": "brief", "files": names, **meta}))
    return out / "brief.html", pdf, problem
