"""docs/MODEL.md holds every parameter with a source or the word assumption, and is current."""

from __future__ import annotations

from sim import parameters


def test_every_parameter_has_a_source():
    missing = [r["key"] for r in parameters.rows() if not parameters.SOURCE.search(r["source"])]
    assert not missing, f"parameters without a seed line or 'assumption': {missing}"


def test_model_doc_table_is_current(root):
    text = (root / "docs" / "MODEL.md").read_text(encoding="utf-8")
    assert parameters.markdown() in text, "run: python -m sim.parameters --write"


def test_cited_lines_exist(root):
    """A citation like 000:248 points at a line the seed file has."""
    import re

    seeds = root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        import pytest

        pytest.skip("shared/seeds is not beside the repository")
    lengths = {}
    for f in seeds.glob("*.txt"):
        lengths[f.name[:3]] = sum(1 for _ in f.open(encoding="utf-8", errors="replace"))
    text = (root / "docs" / "MODEL.md").read_text(encoding="utf-8")
    for seed, line in re.findall(r"\b(00[0-4]):(\d+)", text):
        assert int(line) <= lengths[seed], f"{seed}:{line} beyond the end of the file"
