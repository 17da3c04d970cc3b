"""``outreach scenarios``: what ships with the package, by the names every command accepts."""

from __future__ import annotations

from sim.cli.common import Format, FormatOption, JsonOption, app, chosen_format, print_json


def _summary(path) -> str:
    """The first sentence of a file's opening comment: what it represents."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("# ").strip()
        if not text and words:
            break
        words.append(text)
    return " ".join(w for w in words if w)


@app.command("scenarios")
def scenarios_cmd(fmt: FormatOption = Format.table, as_json: JsonOption = False) -> None:
    """List the shipped scenarios, experiments and calibration targets; give a command one of
    these names (``outreach run roermond_pilot``) or the path of a file of your own."""
    from sim.config.load import shipped

    fmt = chosen_format(fmt, as_json)
    rows = [{"kind": kind, "name": p.stem, "about": _summary(p)}
            for kind in ("scenario", "experiment", "targets") for p in shipped(kind)]
    if fmt is Format.json:
        print_json(rows)
        return
    if fmt is Format.csv:
        import csv
        import sys

        writer = csv.DictWriter(sys.stdout, fieldnames=["kind", "name", "about"])
        writer.writeheader()
        writer.writerows(rows)
        return
    for r in rows:
        print(f"{r['kind']:<10} {r['name']:<28} {r['about']}")
