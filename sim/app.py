"""The trainer app: outreach dynamics in the browser, for a classroom and a projector.

Every browser tab gets a run of its own: the page's state lives in the page component, which
Solara creates once per connection, and Play stops when its page closes or disconnects. The
model builds the world; the modules beside this one draw it (sim/app_map.py,
sim/app_charts.py) and hold the controls (sim/app_controls.py). Start it with
``outreach app``.
"""

from __future__ import annotations

import logging
import math
import os
import threading
from functools import lru_cache
from types import SimpleNamespace

import solara

from sim.app_about import about_html
from sim.app_charts import band_chart, cost_chart, hours_chart, starts_chart, success_chart
from sim.app_controls import RunButtons, SettingsPanel, fmt_date
from sim.app_labels import LANGS, t, whole
from sim.app_map import dynamic_svg, layout, legend_items, static_svg
from sim.app_model import (
    TrainerModel,
    apply_settings,
    load,
    paired_summary,
    parse_seed,
    run_band,
    scenario_names,
    scenario_settings,
)
from sim.errors import InputError

PLAY_INTERVAL = 0.25  # seconds between steps while playing
CSS = """
.outreach-root { font-size: 18px; }
.outreach-root .v-label, .outreach-root .v-select__selection, .outreach-root input,
.outreach-root .v-list-item__title { font-size: 17px !important; }
.outreach-root .v-btn { font-size: 17px !important; text-transform: none !important; }
.outreach-root .v-card__title { font-size: 20px !important; padding-bottom: 4px; }
.outreach-root .v-tab { font-size: 19px !important; text-transform: none !important; letter-spacing: 0; }
.outreach-root .v-window__container, .outreach-root .v-window-item { transition: none !important; }
.outreach-side { width: 430px; min-width: 430px; max-width: 430px; }
.outreach-main { flex: 1 1 auto; min-width: 0; }
.outreach-head h1 { font-size: 28px; margin: 0; }
.outreach-root .v-select .v-label { font-size: 20px !important; }
.outreach-label { font-size: 18px; margin-top: 6px; }
.outreach-root .v-slider { margin-top: 0; }
.outreach-root .v-input--selection-controls { margin-top: 4px; }
.outreach-note { font-size: 16px; opacity: 0.85; margin: -4px 0 8px 0; }
.outreach-pending { font-size: 17px; font-weight: bold; color: #D55E00; margin: 6px 0; }
.outreach-error { font-size: 17px; font-weight: bold; color: #D55E00; margin: 6px 0; }
.outreach-status { font-size: 22px; }
.outreach-thisweek { font-size: 24px; padding: 6px 0; }
.outreach-thisweek b { font-size: 28px; }
.outreach-tile { border: 2px solid #888; border-radius: 10px; padding: 8px 18px; min-width: 250px; }
.outreach-tile .num { font-size: 46px; font-weight: bold; line-height: 1.1; }
.outreach-tile .lab { font-size: 19px; }
.outreach-tile .hint { font-size: 16px; opacity: 0.8; }
.outreach-legend { display: flex; flex-wrap: wrap; gap: 4px 22px; font-size: 18px; margin: 4px 0 6px 0; }
.outreach-map { position: relative; width: 100%; }
.outreach-charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.outreach-about { font-size: 19px; max-width: 1250px; line-height: 1.45; }
.outreach-about h3 { font-size: 23px; margin: 16px 0 4px 0; }
.outreach-about dd { margin: 0 0 8px 24px; }
.outreach-compare { font-size: 19px; }
"""


# ------------------------------------------------------------------ the session


def _first_scenario() -> str:
    name = os.environ.get("OUTREACH_APP_SCENARIO", "roermond_pilot")
    return name if name in scenario_names() else scenario_names()[0]


def _draft_of(sc) -> dict:
    values = scenario_settings(sc)
    values["seed_text"] = str(values.pop("seed"))
    return values


def _build(sc, draft: dict, days: int) -> TrainerModel:
    seed = parse_seed(draft["seed_text"])
    if seed is None:  # the page applies a draft only once its seed reads as a number
        raise ValueError(f"not a seed: {draft['seed_text']!r}")
    return TrainerModel(apply_settings(sc, draft), seed, days)


def use_session() -> SimpleNamespace:
    """The state of one page: created for each connection, so two tabs never share a run."""
    first = solara.use_memo(lambda: (lambda sc: (sc, _draft_of(sc)))(load(_first_scenario())), [])
    s = SimpleNamespace(
        lang=solara.use_reactive("en"),
        name=solara.use_reactive(_first_scenario()),
        scenario=solara.use_reactive(first[0]),
        draft=solara.use_reactive(first[1]),
        applied=solara.use_reactive(first[1]),
        days=solara.use_reactive(7),
        model=solara.use_reactive(solara.use_memo(lambda: _build(first[0], first[1], 7), [])),
        tick=solara.use_reactive(0),
        playing=solara.use_reactive(False),
        error=solara.use_reactive(None),
        compare=solara.use_reactive(None),
        compare_request=solara.use_reactive(0),
    )

    def restart_with(sc, draft):
        try:
            model = _build(sc, draft, s.days.value)
        except (InputError, ValueError) as exc:  # a value the scenario refuses: one line, no traceback
            s.error.value = str(exc).splitlines()[0]
            return
        s.playing.value = False
        s.error.value = None
        s.applied.value = dict(draft)
        s.model.value = model
        s.tick.value += 1

    def choose(name):
        if name not in scenario_names() or name == s.name.value:
            return
        sc = load(name)
        s.name.value, s.scenario.value = name, sc
        s.draft.value = _draft_of(sc)
        s.compare.value = None
        restart_with(sc, s.draft.value)

    def step():
        model = s.model.value
        if model.running:
            model.step()
            s.tick.value += 1

    def set_days(n):
        s.days.value = int(n)
        s.model.value.days_per_step = int(n)

    s.choose = choose
    s.step = step
    s.set_days = set_days
    s.apply = lambda: (parse_seed(s.draft.value["seed_text"]) is not None
                       and restart_with(s.scenario.value, s.draft.value))
    s.restart = lambda: restart_with(s.scenario.value, s.applied.value)
    return s


def _page_connected(context) -> bool:
    from solara.server.kernel_context import PageStatus

    return context is None or PageStatus.CONNECTED in context.page_status.values()


def use_play(s) -> None:
    """Steps while Play is on; stops when the run ends, the page closes or loses its connection."""
    from solara.server import kernel_context

    def loop(cancel: threading.Event):
        if not s.playing.value:
            return
        try:
            context = kernel_context.get_current_context()
        except Exception:
            context = None
        while not cancel.is_set() and s.playing.value:
            if not _page_connected(context) or (context is not None and context.closed_event.is_set()):
                s.playing.value = False
                return
            s.step()
            if not s.model.value.running:
                s.playing.value = False
                return
            cancel.wait(PLAY_INTERVAL)

    solara.use_thread(loop, dependencies=[s.playing.value, s.model.value], intrusive_cancel=False)


# ------------------------------------------------------------------ what the page shows


def _count(lang: str, n: float, one: str, many: str) -> str:
    n = round(n)
    return f"<b>{n}</b> {t(lang, one) if n == 1 else t(lang, many)}"


def this_step_html(model, lang: str) -> str:
    doors = model.doors_this_step()
    opened = sum(1 for _, ok in doors if ok)
    last = model.last_step
    parts = [f"<b>{len(doors)}</b> {t(lang, 'doors_rung')}", f"<b>{opened}</b> {t(lang, 'opened')}",
             f"<b>{len(doors) - opened}</b> {t(lang, 'nobody_home')}",
             _count(lang, last["conversations"], "conversation_1", "conversations_n"),
             _count(lang, last["names_received"], "name_1", "names_n"),
             _count(lang, last["starts"], "start_1", "starts_n")]
    if last["declined_in_advance"]:
        parts.append(_count(lang, last["declined_in_advance"], "declined_letter_n", "declined_letter_n"))
    return f"{t(lang, 'this_week')}: " + ", ".join(parts)


def tiles(model, lang: str) -> list[tuple[str, str, str]]:
    o = model.outcomes_now
    rate, cost = o["success_rate"], o["cost_per_start"]
    return [
        (t(lang, "starts"), f"{int(o['starts'])}", ""),
        (t(lang, "success"), t(lang, "na") if math.isnan(rate) else f"{rate:.0%}", t(lang, "success_hint")),
        (t(lang, "cost_per_start"), t(lang, "na") if math.isnan(cost) else f"EUR {whole(lang, cost)}",
         t(lang, "cost_hint")),
    ]


def status_line(model, lang: str) -> str:
    weeks = math.ceil(model.end_time / 7)
    week = min(weeks, math.ceil(model.time / 7))
    fee = model.policy.now
    text = (f"<b>{t(lang, 'date')}: {fmt_date(model.date_of(model.time))}</b> &nbsp; {t(lang, 'week')} {week} "
            f"{t(lang, 'of')} {weeks} &nbsp; | &nbsp; {t(lang, 'fee_eur')}: EUR {fee.fee_eur:.0f}; "
            f"{t(lang, 'fee_eur_obligated').split(',')[-1].strip()}: EUR {fee.fee_eur_obligated:.0f}")
    if not model.running:
        text += f" &nbsp; <i>{t(lang, 'finished')}</i>"
    return text


@solara.component
def Results(s):
    _ = s.tick.value  # read, so that the page re-renders after every step
    lang, model = s.lang.value, s.model.value
    dark = solara.lab.use_dark_effective()
    lay = solara.use_memo(lambda: layout(model), [model])
    background = solara.use_memo(lambda: static_svg(lay, dark), [lay, dark])
    solara.HTML(tag="div", unsafe_innerHTML=status_line(model, lang), classes=["outreach-status"],
                attributes={"id": "outreach-status"})
    solara.HTML(tag="div", unsafe_innerHTML=this_step_html(model, lang), classes=["outreach-thisweek"],
                attributes={"id": "outreach-thisweek"})
    with solara.Row(style={"gap": "16px", "flex-wrap": "wrap"}):
        for label, number, hint in tiles(model, lang):
            solara.HTML(tag="div", classes=["outreach-tile"],
                        unsafe_innerHTML=f'<div class="lab">{label}</div><div class="num">{number}</div>'
                                         f'<div class="hint">{hint}</div>')
    legend = "".join(f"<span>{swatch} {t(lang, 'stage').get(key) or t(lang, key)}</span>"
                     for key, swatch in legend_items(dark))
    solara.HTML(tag="div", unsafe_innerHTML=legend, classes=["outreach-legend"])
    with solara.Div(classes=["outreach-map"], attributes={"id": "outreach-map"}):
        solara.HTML(tag="div", unsafe_innerHTML=background)
        solara.HTML(tag="div", unsafe_innerHTML=dynamic_svg(model, lay, model.doors_this_step(), dark))
    with solara.Div(classes=["outreach-charts"]):
        for make in (starts_chart, success_chart, hours_chart, cost_chart):
            solara.FigureEcharts(make(model, lang, dark), attributes={"style": "height: 400px; width: 100%"},
                                 responsive=True)


@solara.component
def Compare(s):
    lang = s.lang.value
    dark = solara.lab.use_dark_effective()
    runs = solara.use_reactive(20)
    busy = solara.use_reactive(False)

    def work(cancel: threading.Event):
        if not s.compare_request.value:
            return
        busy.value = True
        sc, draft = s.scenario.value, dict(s.applied.value)
        seed = parse_seed(draft["seed_text"]) or 0
        seeds = [seed + i for i in range(runs.value)]
        try:
            current = run_band(apply_settings(sc, draft), seeds, cancel.is_set)
            baseline = run_band(sc, seeds, cancel.is_set)
            if current is not None and baseline is not None:
                s.compare.value = (current, baseline, draft, s.name.value)
        finally:
            busy.value = False

    solara.use_thread(work, dependencies=[s.compare_request.value], intrusive_cancel=False)
    with solara.Column(classes=["outreach-compare"]):
        solara.HTML(tag="p", unsafe_innerHTML=t(lang, "compare_intro"))
        with solara.Row(style={"align-items": "center", "gap": "24px"}):
            solara.SliderInt(f"{t(lang, 'compare_runs')}: {runs.value}", value=runs, min=5, max=50, step=5,
                             thumb_label="always")
            solara.Button(t(lang, "compare_go"), color="primary", disabled=busy.value, classes=["outreach-compare-go"],
                          on_click=lambda: s.compare_request.set(s.compare_request.value + 1))
        if s.draft.value != s.applied.value:
            solara.HTML(tag="p", unsafe_innerHTML=t(lang, "compare_pending"), classes=["outreach-pending"])
        if busy.value:
            solara.HTML(tag="p", unsafe_innerHTML=t(lang, "compare_busy").format(n=2 * runs.value))
        if s.compare.value is None:
            return
        current, baseline, draft, name = s.compare.value
        if name == s.name.value and draft == _draft_of(s.scenario.value) | {"seed_text": draft["seed_text"]}:
            solara.HTML(tag="p", unsafe_innerHTML=f"<b>{t(lang, 'compare_same')}</b>")
        if draft != s.applied.value or name != s.name.value:
            solara.HTML(tag="p", unsafe_innerHTML=f"<b>{t(lang, 'compare_stale')}</b>")
        solara.FigureEcharts(band_chart(current, baseline, lang, dark),
                             attributes={"style": "height: 460px; width: 100%"}, responsive=True)
        rows = []
        for key, what, fmt in (("starts", t(lang, "starts"), lambda v: whole(lang, v)),
                               ("success_rate", t(lang, "success"), lambda v: f"{v:.0%}"),
                               ("cost_per_start", t(lang, "cost_per_start"), lambda v: f"EUR {whole(lang, v)}")):
            p = paired_summary(current, baseline, key)
            def f(v, fmt=fmt):
                return t(lang, "na") if math.isnan(v) else fmt(v)

            (cur, cur_lo, cur_hi), (base, base_lo, base_hi) = p["current"], p["baseline"]
            line = t(lang, "compare_row").format(what=f"<b>{what}</b>", cur=f(cur), cur_lo=f(cur_lo), cur_hi=f(cur_hi),
                                                 base=f(base), base_lo=f(base_lo), base_hi=f(base_hi))
            apart = cur_lo > base_hi or base_lo > cur_hi
            verdict = t(lang, "compare_separate" if apart else "compare_overlap")
            line += "; " + t(lang, "compare_pairs").format(**p) + "; " + verdict
            rows.append(f"<li>{line}</li>")
        solara.HTML(tag="ul", unsafe_innerHTML="".join(rows), attributes={"id": "outreach-compare-result"})


@solara.component
def Guarded(lang: str, reset_on=None, children: list | None = None):
    """Whatever goes wrong below shows one line, never a traceback with server paths; a new run
    (Restart, Apply, another scenario) clears it."""
    exc, clear = solara.use_exception()
    solara.use_effect(lambda: clear(), [reset_on])
    if exc is not None:
        logging.getLogger("sim.app").error("trainer app", exc_info=exc)  # the details stay in the server log
        return solara.HTML(tag="div", unsafe_innerHTML=t(lang, "failed").format(what=type(exc).__name__),
                           classes=["outreach-error"])
    return solara.Column(children=children or [], style={"padding": "0", "gap": "0"})


@solara.component
def Page():
    s = use_session()
    use_play(s)
    lang = s.lang.value
    solara.Title(t(lang, "page_title"))
    solara.Style(CSS)
    with solara.Column(classes=["outreach-root"], style={"padding": "12px 20px"}):
        with solara.Row(classes=["outreach-head"], style={"align-items": "center", "gap": "28px"}):
            solara.HTML(tag="h1", unsafe_innerHTML=t(lang, "title"))
            solara.v.Select(label=t(lang, "scenario"), items=_scenario_items(), v_model=s.name.value,
                            on_v_model=s.choose, hide_details=True, style_="max-width: 340px",
                            class_="outreach-scenario")
            solara.v.Select(label=t(lang, "language"), items=[{"text": v, "value": k} for k, v in LANGS.items()],
                            v_model=lang, on_v_model=s.lang.set, hide_details=True, style_="max-width: 170px",
                            class_="outreach-language")
            solara.lab.ThemeToggle()
        with solara.Row(style={"gap": "24px", "align-items": "flex-start", "flex-wrap": "nowrap"}):
            with solara.Column(classes=["outreach-side"]), Guarded(lang, s.model.value):
                RunButtons(s)
                SettingsPanel(s)
            with solara.Column(classes=["outreach-main"]), Guarded(lang, s.model.value), solara.lab.Tabs():
                with solara.lab.Tab(t(lang, "tab_run")):
                    Results(s)
                with solara.lab.Tab(t(lang, "tab_compare")):
                    Compare(s)
                with solara.lab.Tab(t(lang, "tab_about")):
                    solara.HTML(tag="div", unsafe_innerHTML=about_html(lang), classes=["outreach-about"],
                                attributes={"id": "outreach-about"})


@solara.component
def Layout(children: list | None = None):
    """Solara wraps the page in the module's Layout: a plain column, so the page scrolls as a
    whole and no app bar takes room from the map."""
    return solara.Column(children=children or [], style={"padding": "0"})


@lru_cache(maxsize=1)
def _scenario_items() -> list[dict]:
    """Scenarios by their own names (the file's `name:`), not by file names."""
    out = []
    for name in scenario_names():
        try:
            out.append({"text": load(name).name, "value": name})  # read once per server
        except InputError:
            continue
    return out


page = Page
