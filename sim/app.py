"""The trainer app: outreach dynamics in the browser (Mesa's SolaraViz).

The model builds the world; this module only draws it. One press of Step advances a week by
default. Start it with ``outreach app`` (or ``solara run sim.app:page``).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import solara  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from mesa.visualization import SolaraViz  # noqa: E402
from mesa.visualization.utils import update_counter  # noqa: E402

from sim.agents.household import Stage  # noqa: E402
from sim.app_labels import t  # noqa: E402
from sim.model import OutreachModel  # noqa: E402
from sim.scenario import Scenario, load_scenario, with_values  # noqa: E402

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
STAGE_COLOURS = {
    Stage.UNAWARE: "#d9d9d9", Stage.APPROACHED: "#9ecae1", Stage.IN_CONVERSATION: "#6baed6",
    Stage.DECLINED: "#bdbdbd", Stage.INTERESTED: "#fdae6b", Stage.STARTED: "#31a354", Stage.PARTICIPATING: "#006d2c",
}
SLOTS = ["morning", "early_afternoon", "late_afternoon", "evening"]


def scenario_names() -> list[str]:
    return sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


def with_levers(sc: Scenario, fee: float, slot: str, announced: bool, framing: str, pairs: bool, trained: bool,
                hours: dict[str, float]) -> Scenario:
    """The scenario with the trainer's levers: the fee holds throughout; visits use one slot."""
    values: dict = {"policy.fee_eur": float(fee), "policy_changes": [],
                    "coaches.trained_from": sc.start if trained else None}
    for s in sc.strategies:
        if s.type in ("narrow", "broad"):
            values.update({f"strategies.{s.type}.slots": {slot: 1.0}, f"strategies.{s.type}.phases": [],
                           f"strategies.{s.type}.pairs": pairs, f"strategies.{s.type}.framing": framing})
        if s.type == "narrow":
            values["strategies.narrow.announced"] = announced
        if s.type in hours:
            values[f"strategies.{s.type}.hours_per_week"] = float(hours[s.type])
    return with_values(sc, values)


class TrainerModel(OutreachModel):
    """The outreach model with the levers a trainer sets as plain keyword arguments."""

    def __init__(self, scenario_file: str = "roermond_pilot", fee: int = 270, slot: str = "late_afternoon",
                 announced: bool = False, framing: str = "taal_en_meedoen", pairs: bool = True, trained: bool = False,
                 network_hours: float = 24, narrow_hours: float = 30, broad_hours: float = 14,
                 days_per_step: int = 7, language: str = "en", seed: int = 1):
        base = load_scenario(SCENARIOS / f"{scenario_file}.yaml")
        sc = with_levers(base, fee, slot, announced, framing, pairs, trained,
                         {"network": network_hours, "narrow": narrow_hours, "broad": broad_hours})
        super().__init__(sc, int(seed))
        self.language = language
        self.days_per_step = max(1, int(days_per_step))
        self.step = self._advance  # a press of Step: days_per_step days of events

    def _advance(self) -> None:
        if self.time >= self.end_time:
            self.finish()
            self.running = False
            return
        self._advance_time(min(self.time + self.days_per_step, self.end_time))
        if self.time >= self.end_time:
            self.finish()
            self.running = False


# ------------------------------------------------------------------ drawing (no model logic)


def draw_map(model: TrainerModel) -> Figure:
    lang = model.language
    fig = Figure(figsize=(11, 4.6))
    ax = fig.subplots()
    hh = model.households
    xs = np.array([h.x for h in hh])
    ys = np.array([h.y for h in hh])
    stages = [h.stage for h in hh]
    # ties of partners and key figures to their households, faint
    segments = [((r.x, r.y), (c.x, c.y)) for r in model.partners + model.key_figures for c in r.clients]
    if segments:
        ax.add_collection(LineCollection(segments, colors="#9e9ac8", linewidths=0.3, alpha=0.06, zorder=1))
    for stage, colour in STAGE_COLOURS.items():
        mask = np.array([s == stage for s in stages])
        if mask.any():
            ax.scatter(xs[mask], ys[mask], s=9, c=colour, label=t(lang, "stage")[stage.name], zorder=2, linewidths=0)
    since = model.time - model.days_per_step
    by_id = {h.unique_id: h for h in hh}
    opened = [by_id[i] for tm, i, ok, _ in model.recorder.doors if tm > since and ok]
    closed = [by_id[i] for tm, i, ok, _ in model.recorder.doors if tm > since and not ok]
    if opened:
        ax.scatter([h.x for h in opened], [h.y for h in opened], s=60, facecolors="none", edgecolors="#238b45",
                   linewidths=1.5, label=t(lang, "door_open"), zorder=3)
    if closed:
        ax.scatter([h.x for h in closed], [h.y for h in closed], s=40, marker="x", c="#e6550d",
                   label=t(lang, "door_closed"), zorder=3)
    ax.scatter([p.x for p in model.partners], [p.y for p in model.partners], marker="s",
               s=[20 + 120 * p.engagement for p in model.partners], c="#756bb1", label=t(lang, "partner"), zorder=4)
    ax.scatter([k.x for k in model.key_figures], [k.y for k in model.key_figures], marker="^", s=45, c="#dd1c77",
               label=t(lang, "key_figure"), zorder=4)
    for hood in model.neighbourhoods:
        ax.text(hood.x0, hood.streets + 1.6, hood.name, fontsize=10, weight="bold")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_ylim(-3, max(h.streets for h in model.neighbourhoods) + 3)
    ax.set_title(f"{t(lang, 'map')}: {model.date_of(model.time):%d-%m-%Y}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=6, fontsize=7, frameon=False, markerscale=1.2)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.93, bottom=0.14)  # fixed: tight_layout costs a redraw
    return fig


def draw_charts(model: TrainerModel) -> Figure:
    lang = model.language
    o = model.recorder.outcomes()
    names = model.strategy_names
    fig = Figure(figsize=(11, 5.2))
    (a, b), (c, d) = fig.subplots(2, 2)
    rows = model.recorder.weekly_rows
    for s in names:
        cum = np.cumsum([r.get(f"{s}.starts", 0.0) for r in rows]) if rows else []
        a.plot(range(len(cum)), cum, label=t(lang, "strategy")[s])
    a.set_title(t(lang, "starts_by_route"), fontsize=10)
    a.set_xlabel(t(lang, "weeks"))
    if names:
        a.legend(fontsize=7)
    rates = [o.get(f"{s}.success_rate", np.nan) for s in names]
    b.bar([t(lang, "strategy")[s] for s in names], np.nan_to_num(rates), color="#4c72b0")
    b.set_ylim(0, 1)
    b.set_title(t(lang, "success_by_approach"), fontsize=10)
    acts = list(t(lang, "activity"))
    c.barh([t(lang, "activity")[x] for x in acts], [o.get(f"hours_{x}", 0.0) for x in acts], color="#55a868")
    c.set_title(t(lang, "hours_by_activity"), fontsize=10)
    c.tick_params(labelsize=7)
    costs = [o.get(f"{s}.cost_per_start", np.nan) for s in names]
    d.bar([t(lang, "strategy")[s] for s in names], np.nan_to_num(costs), color="#dd8452")
    d.set_title(t(lang, "cost_by_approach"), fontsize=10)
    for ax in (b, d):
        ax.tick_params(axis="x", labelsize=7)
    fig.subplots_adjust(left=0.14, right=0.98, top=0.94, bottom=0.08, hspace=0.45, wspace=0.25)
    return fig


def summary_lines(model: TrainerModel) -> list[str]:
    lang = model.language
    o = model.recorder.outcomes()

    def pct(x):
        return "-" if x != x else f"{x:.0%}"

    lines = [
        f"**{t(lang, 'date')}:** {model.date_of(model.time):%d-%m-%Y} ({t(lang, 'week')} {int(model.time // 7)})",
        f"**{t(lang, 'fee')}:** EUR {model.config.policy.fee_eur:.0f}",
        f"**{t(lang, 'starts')}:** {int(o['starts'])}",
        f"**{t(lang, 'conversations')}:** {int(o['conversations'])}",
        f"**{t(lang, 'addresses')}:** {int(o['addresses_approached'])}; **{t(lang, 'doors')}:** {int(o['doors_opened'])}",
        f"**{t(lang, 'declined_in_advance')}:** {int(o['declined_in_advance'])}",
        f"**{t(lang, 'names')}:** {int(o['names_referred'])}",
        f"**{t(lang, 'coach_hours')}:** {o['coach_hours']:,.0f}",
        f"**{t(lang, 'cost_per_start')}:** " + ("-" if o["cost_per_start"] != o["cost_per_start"] else f"EUR {o['cost_per_start']:,.0f}"),
    ]
    for s in model.strategy_names:
        lines.append(f"{t(lang, 'success')} {t(lang, 'strategy')[s]}: {pct(o[f'{s}.success_rate'])}")
    if not model.running:
        lines.append(f"*{t(lang, 'finished')}*")
    return lines


@solara.component
def MapView(model):
    update_counter.get()
    solara.FigureMatplotlib(draw_map(model), format="png", dpi=90)


@solara.component
def Charts(model):
    update_counter.get()
    solara.FigureMatplotlib(draw_charts(model), format="png", dpi=90)


def _html(line: str) -> str:
    """**bold** and *italic* of a summary line as HTML (solara's Markdown would fetch KaTeX)."""
    import html
    import re

    text = html.escape(line)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


@solara.component
def Summary(model):
    update_counter.get()
    with solara.Card(t(model.language, "summary")):
        solara.HTML(tag="div", unsafe_innerHTML="<br>".join(_html(x) for x in summary_lines(model)),
                    attributes={"id": "outreach-summary"})


MODEL_PARAMS = {
    "scenario_file": {"type": "Select", "value": "roermond_pilot", "values": scenario_names(), "label": "Scenario"},
    "language": {"type": "Select", "value": "en", "values": ["en", "nl"], "label": "Language / Taal"},
    "fee": {"type": "SliderInt", "value": 270, "min": 0, "max": 400, "step": 5, "label": "Fee (EUR) / Eigen bijdrage"},
    "slot": {"type": "Select", "value": "late_afternoon", "values": SLOTS, "label": "Visit slot / Tijdstip bezoek"},
    "announced": {"type": "Checkbox", "value": False, "label": "Announced by letter / Aangekondigd per brief"},
    "framing": {"type": "Select", "value": "taal_en_meedoen", "values": ["taal_en_meedoen", "inburgering"],
                "label": "Message / Boodschap"},
    "pairs": {"type": "Checkbox", "value": True, "label": "Coaches in pairs / Met z'n tweeën"},
    "trained": {"type": "Checkbox", "value": False, "label": "Coaches trained / Getrainde coaches"},
    "network_hours": {"type": "SliderInt", "value": 24, "min": 0, "max": 60, "step": 2, "label": "Network hours/week"},
    "narrow_hours": {"type": "SliderInt", "value": 30, "min": 0, "max": 60, "step": 2, "label": "Narrow visits hours/week"},
    "broad_hours": {"type": "SliderInt", "value": 14, "min": 0, "max": 60, "step": 2, "label": "Broad visits hours/week"},
    "days_per_step": {"type": "SliderInt", "value": 7, "min": 1, "max": 28, "step": 1, "label": "Days per step / Dagen per stap"},
    "seed": {"type": "InputText", "value": 1, "label": "Seed"},
}


def make_page():
    import os

    first = os.environ.get("OUTREACH_APP_SCENARIO", "roermond_pilot")
    MODEL_PARAMS["scenario_file"]["value"] = first
    model = TrainerModel(scenario_file=first)
    return SolaraViz(
        model,
        components=[(Summary, 0), (MapView, 0), (Charts, 0)],
        model_params=MODEL_PARAMS,
        name=t("en", "title"),
        play_interval=150,
    )


page = make_page()
