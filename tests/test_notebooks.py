"""The policymaker notebooks run top to bottom in a fresh kernel (quick mode) and show figures;
they are committed without outputs."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((os.path.join(os.path.dirname(__file__), "..", "notebooks", f) for f in
                    os.listdir(os.path.join(os.path.dirname(__file__), "..", "notebooks")) if f.endswith(".ipynb")))


def test_there_are_five():
    assert len(NOTEBOOKS) == 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[os.path.basename(p) for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
    settings = [c for c in nb.cells if "settings" in c.metadata.get("tags", [])]
    assert len(settings) == 1, "one clearly marked cell of settings"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[os.path.basename(p) for p in NOTEBOOKS])
def test_runs_and_shows_figures(path, monkeypatch):
    monkeypatch.setenv("OUTREACH_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if "image/png" in o.get("data", {}))
    takeaways = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                    if "Takeaway" in o.get("text", ""))
    assert images >= 1 and takeaways >= 1
