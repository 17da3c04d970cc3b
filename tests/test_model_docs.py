"""docs/MODEL.md holds every parameter with a source or the word assumption, and is current."""

from __future__ import annotations

import re

import pytest

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


CITATION = re.compile(r"\b(00[0-4]):(\d+)(?:-(\d+))?")
NUMBER = re.compile(r"(?<![\d:.,-])(\d+(?:[.,]\d+)?)(?![\d:])")


def _seed_lines(root):
    seeds = root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside the repository")
    return {f.name[:3]: f.read_text(encoding="utf-8", errors="replace").splitlines() for f in seeds.glob("*.txt")}


def _cited_text(lines, a: int, b: int) -> str:
    # PDF text wraps figures onto the next line: one line of slack either side
    return " ".join(lines[max(0, a - 2) : b + 1])


def _numbers(text: str) -> set[str]:
    out = set()
    for n in NUMBER.findall(CITATION.sub(" ", text)):
        n = n.replace(",", ".")
        if float(n) >= 2 and not n.endswith(".0"):
            out.add(n.rstrip("0").rstrip(".") if "." in n else n)
    return out


def _plain_numbers(text: str) -> str:
    """1.350 and 1,350 as 1350; 26,7 as 26.7."""
    return re.sub(r"(\d)[.,](\d{3})\b", r"\1\2", text).replace(",", ".")


def citation_problems(description: str, seeds: dict[str, list[str]]) -> list[str]:
    """A citation must point at text, and a figure the description quotes beside it must stand
    in the lines cited (as 7 or 7%, 1,350 or 1.350, 26.7 or 26,7)."""
    problems = []
    for clause in re.split(r";|\)\s*,", description):
        cites = CITATION.findall(clause)
        if not cites:
            continue
        text = ""
        for seed, a, b in cites:
            a, b = int(a), int(b or a)
            lines = seeds[seed]
            if b > len(lines):
                problems.append(f"{seed}:{a} beyond the end of the file")
                continue
            cited = _cited_text(lines, a, b)
            if not "".join(lines[a - 1 : b]).strip():
                problems.append(f"{seed}:{a}-{b} is blank")
            text += " " + cited
        flat = _plain_numbers(text)
        for n in _numbers(_plain_numbers(clause)):
            if not re.search(rf"(?<![\d]){re.escape(n)}(?![\d])", flat):
                problems.append(f"'{n}' not in the cited lines of: {clause.strip()}")
    return problems


def test_citations_say_what_they_claim(root):
    seeds = _seed_lines(root)
    problems = []
    for r in parameters.rows():
        problems += [f"{r['key']}: {p}" for p in citation_problems(r["source"], seeds)]
    assert not problems, "\n".join(problems)


def test_citation_check_can_fail(root):
    seeds = _seed_lines(root)
    assert citation_problems("27 hours per client per year (001:286)", seeds)  # a blank line in seed 001
    assert citation_problems("12 of 23 at home (000:248-251)", seeds)
    assert not citation_problems("4 of 11 and 3 of 12 at home around 9:30 (000:248-251)", seeds)
