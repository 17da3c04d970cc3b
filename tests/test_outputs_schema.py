"""docs/OUTPUTS.md and the tables written are in step: every written column is documented,
and every documented outcome is written."""

from __future__ import annotations

import re

import pandas as pd

from conftest import outreach
from sim import labels
from sim.recorder import Recorder


def test_outputs_doc_is_current(root):
    text = (root / "docs" / "OUTPUTS.md").read_text(encoding="utf-8")
    assert labels.markdown() in text, "run: python -m sim.labels --write"


def test_every_written_column_is_documented(tmp_path, scenarios_dir):
    out = tmp_path / "cmp"
    proc = outreach("compare", scenarios_dir / "roermond_pilot.yaml", scenarios_dir / "roermond_with_ambassadors.yaml",
                    "-r", "2", "--out", out)
    assert proc.returncode == 0, proc.stderr
    undocumented = set()
    for csv in out.glob("*.csv"):
        df = pd.read_csv(csv)
        undocumented |= {c for c in df.columns if labels.describe(c) is None}
        if csv.stem == "summary":
            undocumented |= {o for o in df["outcome"] if labels.describe(o) is None}
    assert not undocumented, sorted(undocumented)


def test_every_documented_outcome_is_produced(root):
    text = (root / "docs" / "OUTPUTS.md").read_text(encoding="utf-8")
    section = text.split("### Outcomes")[1].split("### Other columns")[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.M))
    produced = set(Recorder.outcome_names(["narrow", "broad", "network", "campaign", "ambassadors"]))
    totals = {o for o in produced if "." not in o}
    assert documented == totals
