"""The trainer app's map, drawn as SVG for a projector.

The map has two layers. The static layer (neighbourhoods, streets, every household as a
grey dot, key figures and the ties of partners and key figures) is built once per run; each
Step only rebuilds the small layer on top: the households reached so far, coloured by stage,
the doors rung in this step, ringed, and the partners, sized by their engagement. Building
both layers is string work in Python and drawing is the browser's, so a Step costs a few
milliseconds of server time.

Colours are the Okabe-Ito palette, which stays distinct under the common colour-vision
deficiencies; the legend is HTML at 18 px.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from sim.agents.household import Stage

WIDTH = 1500.0  # viewBox units; the map is drawn at about this many pixels wide at 1920x1080
TARGET_HEIGHT = 540.0
LABEL_ROOM = 30.0  # px above each row of neighbourhoods for their names
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}
STAGE_COLOURS = {
    Stage.APPROACHED: OKABE_ITO["sky"], Stage.IN_CONVERSATION: OKABE_ITO["blue"],
    Stage.DECLINED: OKABE_ITO["vermillion"], Stage.INTERESTED: OKABE_ITO["yellow"],
    Stage.STARTED: OKABE_ITO["green"], Stage.PARTICIPATING: OKABE_ITO["purple"],
}
KEY_FIGURE = OKABE_ITO["orange"]


def theme(dark: bool) -> dict:
    if dark:
        return {"bg": "#1e1e1e", "hood": "#2b2b2b", "edge": "#777", "street": "#444", "dot": "#6a6a6a",
                "ink": "#f0f0f0", "tie": "#bbbbbb", "ring": "#ffffff", "partner": "#ffffff"}
    return {"bg": "#ffffff", "hood": "#f4f4f4", "edge": "#888", "street": "#dddddd", "dot": "#c4c4c4",
            "ink": "#111111", "tie": "#333333", "ring": "#000000", "partner": "#000000"}


@dataclass
class Layout:
    """Where each household, partner and key figure is drawn. Neighbourhoods are laid out in a
    grid; partners and key figures sit inside their neighbourhood, between its streets."""

    height: float
    dot: float
    pos: dict  # household id -> (x, y)
    boxes: list  # (name, x, y, w, h)
    streets: list  # (x0, x1, y)
    partners: list  # (partner, x, y)
    key_figures: list  # (key figure, x, y)


def layout(model) -> Layout:
    hoods = model.world.neighbourhoods
    widths = [max(1, max((h.x for h in n.households), default=n.x0) - n.x0 + 1) for n in hoods]
    rows_of = [n.streets for n in hoods]
    best = None
    for cols in range(len(hoods), 0, -1):  # as few rows as keep the houses at least 6 px apart
        nrows = math.ceil(len(hoods) / cols)
        col_w = [max(widths[i] for i in range(c, len(hoods), cols)) for c in range(cols)]
        sx = WIDTH / (sum(col_w) + 4 * cols)
        # each row: its streets plus a margin, and room above for the neighbourhood's name
        row_streets = [max(rows_of[i] for i in range(r * cols, min(len(hoods), (r + 1) * cols))) + 1.2
                       for r in range(nrows)]
        sy = min(3.0 * sx, (TARGET_HEIGHT - nrows * LABEL_ROOM) / sum(row_streets))
        score = min(sx, sy)
        if best is None or score > best[0] or score >= 6.0:
            best = (score, cols, col_w, row_streets, sx, sy)
        if score >= 6.0:
            break
    assert best is not None  # a world has at least one neighbourhood
    _, cols, col_w, row_streets, sx, sy = best
    row_top = [sum(n * sy + LABEL_ROOM for n in row_streets[:r]) + LABEL_ROOM for r in range(len(row_streets))]
    pos, boxes, streets, partners, kfs = {}, [], [], [], []
    for i, hood in enumerate(hoods):
        c, r = i % cols, i // cols
        bx = sum(col_w[:c]) * sx + 4 * c * sx + 2 * sx
        by = row_top[r] + 0.6 * sy
        for h in hood.households:
            pos[h.unique_id] = (bx + (h.x - hood.x0 + 0.5) * sx, by + (h.y + 0.5) * sy)
        w, hgt = widths[i] * sx, hood.streets * sy
        boxes.append((hood.name, bx - sx, by - 0.6 * sy, w + 2 * sx, hgt + 1.2 * sy))
        streets += [(bx, bx + w, by + (s + 0.5) * sy) for s in range(hood.streets)]
        # partners and key figures spread over the gaps between streets, inside the neighbourhood
        gaps = [by + max(1, round(hood.streets * f)) * sy for f in (1 / 3, 2 / 3)]
        for j, p in enumerate(hood.partners):
            partners.append((p, bx + (j + 0.5) * w / max(1, len(hood.partners)), gaps[j % 2]))
        gaps = [by + max(1, round(hood.streets * f)) * sy for f in (1 / 6, 5 / 6)]
        for j, k in enumerate(hood.key_figures):
            kfs.append((k, bx + (j + 0.5) * w / max(1, len(hood.key_figures)), gaps[j % 2]))
    height = row_top[-1] + row_streets[-1] * sy + 4
    return Layout(height, max(1.6, min(sx, sy) * 0.45), pos, boxes, streets, partners, kfs)


def _svg(lay: Layout, body: str, extra: str = "") -> str:
    return (f'<svg viewBox="0 0 {WIDTH:.0f} {lay.height:.0f}" xmlns="http://www.w3.org/2000/svg" '
            f'preserveAspectRatio="xMidYMin meet" style="width:100%;height:auto;display:block{extra}">{body}</svg>')


def _triangle(x: float, y: float, r: float) -> str:
    return f"{x:.1f},{y - r:.1f} {x - r:.1f},{y + 0.8 * r:.1f} {x + r:.1f},{y + 0.8 * r:.1f}"


def static_svg(lay: Layout, dark: bool) -> str:
    """Neighbourhoods, streets, ties, every household as not reached, and the key figures."""
    th = theme(dark)
    parts = [f'<rect width="100%" height="100%" fill="{th["bg"]}"/>']
    for name, x, y, w, h in lay.boxes:
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="8" fill="{th["hood"]}" '
                     f'stroke="{th["edge"]}" stroke-width="1.5"/>')
        parts.append(f'<text x="{x + 4:.1f}" y="{y - 6:.1f}" font-size="20" font-weight="bold" '
                     f'fill="{th["ink"]}" font-family="sans-serif">{html.escape(name)}</text>')
    parts.append(f'<g stroke="{th["street"]}" stroke-width="1">')
    parts += [f'<line x1="{a:.1f}" x2="{b:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>' for a, b, y in lay.streets]
    parts.append("</g>")
    # ties: visible but quiet, so the households stay readable on top of them
    for who, colour, opacity in ((lay.partners, th["tie"], 0.11), (lay.key_figures, KEY_FIGURE, 0.3)):
        parts.append(f'<g stroke="{colour}" stroke-opacity="{opacity}" stroke-width="1.2">')
        for agent, x, y in who:
            for h in agent.clients:
                hx, hy = lay.pos[h.unique_id]
                parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{hx:.1f}" y2="{hy:.1f}"/>')
        parts.append("</g>")
    parts.append(f'<g fill="{th["dot"]}">')
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{lay.dot * 0.8:.1f}"/>' for x, y in lay.pos.values()]
    parts.append("</g>")
    r = max(7.0, lay.dot * 2.6)
    parts.append(f'<g fill="{KEY_FIGURE}" stroke="{th["ink"]}" stroke-width="1.5">')
    parts += [f'<polygon points="{_triangle(x, y, r)}"/>' for _, x, y in lay.key_figures]
    parts.append("</g>")
    return _svg(lay, "".join(parts))


def dynamic_svg(model, lay: Layout, doors: list[tuple], dark: bool) -> str:
    """What changes in a step: reached households by stage, this step's doors, partners."""
    th = theme(dark)
    by_colour: dict[str, list[str]] = {}
    r = lay.dot * 1.15
    for h in model.world.households:
        stage = h.stage
        if stage.reached:
            x, y = lay.pos[h.unique_id]
            dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            by_colour.setdefault(STAGE_COLOURS[stage], []).append(dot)
    parts = []
    for colour, circles in by_colour.items():
        parts.append(f'<g fill="{colour}" stroke="{th["ink"]}" stroke-width="0.6">{"".join(circles)}</g>')
    ring = max(10.0, lay.dot * 3.2)
    for opened, dash in ((True, ""), (False, ' stroke-dasharray="5 4"')):
        pts = [lay.pos[i] for i, ok in doors if ok is opened]
        if pts:
            parts.append(f'<g fill="none" stroke="{th["ring"]}" stroke-width="3"{dash}>')
            parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{ring:.1f}"/>' for x, y in pts]
            parts.append("</g>")
    parts.append(f'<g fill="{th["partner"]}" stroke="{th["bg"]}" stroke-width="1.5">')
    for p, x, y in lay.partners:
        s = 8.0 + 12.0 * max(0.0, min(1.0, p.engagement))
        parts.append(f'<rect x="{x - s / 2:.1f}" y="{y - s / 2:.1f}" width="{s:.1f}" height="{s:.1f}"/>')
    parts.append("</g>")
    return _svg(lay, "".join(parts), ";position:absolute;top:0;left:0")


def legend_items(dark: bool) -> list[tuple[str, str]]:
    """(key, inline SVG swatch) for the legend; the app puts the words next to them."""
    th = theme(dark)

    def sw(inner: str) -> str:
        return f'<svg width="26" height="26" viewBox="0 0 26 26" style="vertical-align:middle">{inner}</svg>'

    ring = f'<circle cx="13" cy="13" r="10" fill="none" stroke="{th["ring"]}" stroke-width="3"'
    items = [("not_reached", sw(f'<circle cx="13" cy="13" r="5" fill="{th["dot"]}"/>'))]
    for stage, colour in STAGE_COLOURS.items():
        dot = f'<circle cx="13" cy="13" r="8" fill="{colour}" stroke="{th["ink"]}" stroke-width="0.8"/>'
        items.append((stage.name.lower(), sw(dot)))
    triangle = (f'<polygon points="{_triangle(13, 14, 10)}" fill="{KEY_FIGURE}" '
                f'stroke="{th["ink"]}" stroke-width="1.5"/>')
    items += [
        ("door_open", sw(ring + "/>")),
        ("door_closed", sw(ring + ' stroke-dasharray="5 4"/>')),
        ("partner", sw(f'<rect x="5" y="5" width="16" height="16" fill="{th["partner"]}"/>')),
        ("key_figure", sw(triangle)),
        ("ties", sw(f'<line x1="2" y1="22" x2="24" y2="4" stroke="{th["tie"]}" stroke-width="2" stroke-opacity="0.6"/>'
                    f'<line x1="2" y1="4" x2="24" y2="22" stroke="{KEY_FIGURE}" stroke-width="2"/>')),
    ]
    return items
