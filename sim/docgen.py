"""Generated blocks in the documentation: a table between two markers, refreshed from code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def refresh(path: Path, begin: str, end: str, block: str) -> bool:
    """Replace what stands between ``begin`` and ``end`` in ``path``; return whether it changed."""
    text = path.read_text(encoding="utf-8")
    start, stop = text.index(begin), text.index(end) + len(end)
    new = text[:start] + block + text[stop:]
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def main(doc: str, begin: str, end: str, markdown: Callable[[], str]) -> None:
    """``python -m MODULE`` prints the block; with ``--write`` it refreshes it in docs/DOC."""
    if "--write" in sys.argv:
        path = DOCS / doc
        print("updated" if refresh(path, begin, end, markdown()) else "up to date", path)
    else:
        print(markdown())
