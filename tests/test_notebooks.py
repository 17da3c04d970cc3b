"""The policymaker notebooks run top to bottom in a fresh kernel (quick mode), show figures
and takeaways, and show the reader no code names and no log lines; they are committed
without outputs."""

from __future__ import annotations

import os
import re
import time

import nbformat
import pytest
from nbclient import NotebookClient

HERE = os.path.dirname(__file__)
NOTEBOOKS = sorted(os.path.join(HERE, "..", "notebooks", f) for f in os.listdir(os.path.join(HERE, "..", "notebooks"))
                   if f.endswith(".ipynb"))
IDS = [os.path.basename(p) for p in NOTEBOOKS]

# What a reader must not see: dotted scenario keys, strategy-prefixed outcomes, snake_case
# column names, and the lines a library logs (level names or a logger's "name:" prefix).
CODE_NAMES = re.compile(r"\b(behaviour|policy|strategies|coaches|world)\.[a-z_]+|"
                        r"\b(narrow|broad|network|campaign|ambassadors)\.[a-z_]+|"
                        r"\b[a-z]+_[a-z_]+\b")
LOG_LINES = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b|^[\w.]+ (DEBUG|INFO|WARNING|ERROR|CRITICAL):|"
                       r"^(ABC|pyabc)[.:\w]*:|Warning:", re.MULTILINE)


def outputs_text(nb) -> tuple[str, list[str]]:
    """The text a reader sees in the outputs (plain text and HTML without its tags), and the
    text of every stderr stream."""
    shown, stderr = [], []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                (stderr if o.get("name") == "stderr" else shown).append(o.get("text", ""))
            elif o.get("output_type") == "error":
                stderr.append("\n".join(o.get("traceback", [])))
            data = o.get("data", {})
            if "text/html" in data:
                page = re.sub(r"<style.*?</style>", " ", data["text/html"], flags=re.DOTALL)
                shown.append(re.sub(r"<[^>]+>", " ", page))
            elif "text/plain" in data and "image/png" not in data:
                shown.append(data["text/plain"])
    return "\n".join(shown), stderr


def test_there_are_six():
    assert [os.path.basename(p)[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
    settings = [c for c in nb.cells if "settings" in c.metadata.get("tags", [])]
    assert len(settings) == 1, "one clearly marked cell of settings"
    assert "OUTREACH_QUICK" in settings[0].source


def test_the_checks_find_code_names_and_log_lines():
    for bad in ("behaviour.decision.fee_barrier_share", "policy.fee_eur", "narrow.starts", "cost_per_start"):
        assert CODE_NAMES.search(f"the {bad} matters")
    assert not CODE_NAMES.search("Narrow home visits: cost per start EUR 1,293 (1,100 - 2,000) in 74 of 100 runs")
    for bad in ("INFO:ABC:Calibration sample t=0.", "ABC.Sampler INFO: 30 particles", "UserWarning: x"):
        assert LOG_LINES.search(bad)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_quick_in_plain_words(path, monkeypatch):
    monkeypatch.setenv("OUTREACH_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": os.path.dirname(path)}})
    client.execute()
    print(f"{os.path.basename(path)}: {time.perf_counter() - t0:.0f} s in quick mode")
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if "image/png" in o.get("data", {}))
    shown, stderr = outputs_text(nb)
    assert images >= 1 and "Takeaway" in shown
    assert not stderr, stderr
    assert not CODE_NAMES.search(shown), CODE_NAMES.search(shown)
    assert not LOG_LINES.search(shown), LOG_LINES.search(shown)
