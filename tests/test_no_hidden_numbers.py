"""Every behavioural number lives in the scenario schema, with a source or the word
"assumption": the model's code holds no unexplained number. Structural constants are listed
here with the reason each is allowed."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["sim/agents", "sim/strategies", "sim/pathway.py", "sim/world.py"]

# (value, why it is structural, not behavioural)
ALLOWED = {
    0.0: "nothing",
    1.0: "certainty, or one",
    0.5: "the middle of a 0-1 scale (motivation and trust are centred on it), or half of the planned cost",
    7.0: "days in a week",
    52.0: "weeks in a year",
    24.0: "hours in a day",
    2.0: "a street's width between neighbourhoods on the map",
    1.5: "where partners are drawn on the map, below the streets",
    1e-6: "a floor that keeps a weight positive",
    1e-9: "a floor that keeps a probability inside (0, 1)",
}


SCHEMA_BASES = {"Strict", "StrategyBase", "VisitSettings"}  # settings classes: their defaults carry sources


def float_literals(path: Path) -> list[tuple[int, float]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    schema = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
              and any(getattr(b, "id", None) in SCHEMA_BASES for b in n.bases)]
    skip = {id(n) for cls in schema for n in ast.walk(cls)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, float) and id(node) not in skip]


def files() -> list[Path]:
    out = []
    for place in PLACES:
        p = ROOT / place
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out


def test_no_unexplained_float_in_the_model():
    found = [f"{f.relative_to(ROOT)}:{line}: {value!r}" for f in files() for line, value in float_literals(f)
             if value not in ALLOWED]
    assert not found, "numbers that belong in the scenario schema with a source: " + ", ".join(found)


def test_the_scan_finds_a_literal(tmp_path):
    path = tmp_path / "x.py"
    path.write_text("p = 0.75 if a else 0.25\nclass S(StrategyBase):\n    x: float = Field(0.3)\n")
    assert [v for _, v in float_literals(path)] == [0.75, 0.25]
