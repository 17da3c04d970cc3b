"""The trainer app's charts, as ECharts options (drawn in the browser, served from the local
copy solara-assets installs). Fonts are 16 px (12 pt) or more, rates are in %, a rate or a
cost with nothing to divide by is shown as "n/a" rather than as a bar of 0, and the weekly
chart marks where the routes start and stop and where a fee changes.
"""

from __future__ import annotations

import math

from sim.app_labels import t, whole
from sim.app_map import OKABE_ITO

FONT = 16
ROUTE_COLOURS = {"narrow": OKABE_ITO["blue"], "broad": OKABE_ITO["vermillion"], "network": OKABE_ITO["green"],
                 "campaign": OKABE_ITO["purple"], "ambassadors": OKABE_ITO["orange"]}


def _ink(dark: bool) -> str:
    return "#f0f0f0" if dark else "#111111"


def _base(title: str, dark: bool) -> dict:
    ink = _ink(dark)
    return {
        "backgroundColor": "#1e1e1e" if dark else "#ffffff",
        "textStyle": {"fontSize": FONT, "color": ink},
        "title": {"text": title, "left": 8, "top": 4,
                  "textStyle": {"fontSize": 19, "color": ink, "fontWeight": "bold"}},
        "animation": False,  # a Step should show at once, not after a transition
        "grid": {"left": 86, "right": 28, "top": 58, "bottom": 80, "containLabel": False},
    }


def _axis(name: str, dark: bool, **extra) -> dict:
    ink = _ink(dark)
    grid = "#444444" if dark else "#dddddd"
    return {"name": name, "nameLocation": "middle", "nameGap": 40, "nameTextStyle": {"fontSize": FONT, "color": ink},
            "axisLabel": {"fontSize": FONT, "color": ink, "hideOverlap": True},
            "axisLine": {"lineStyle": {"color": ink}}, "splitLine": {"lineStyle": {"color": grid}}, **extra}


def _na_bar(value: float, fmt: str, colour: str, dark: bool, lang: str) -> dict:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return {"value": 0, "itemStyle": {"color": "transparent"},
                "label": {"show": True, "formatter": "n/a", "position": "insideBottom", "fontSize": FONT + 2,
                          "color": _ink(dark)}}
    return {"value": round(value, 1), "itemStyle": {"color": colour},
            "label": {"show": True, "position": "top", "formatter": fmt.replace("{v}", whole(lang, value)),
                      "fontSize": FONT, "color": _ink(dark)}}


def week_axis(lang: str, dark: bool, weeks: int) -> dict:
    """Whole weeks from 0 to the scenario's last week."""
    return _axis(t(lang, "week_axis"), dark, type="value", min=0, max=weeks, minInterval=1, splitLine={"show": False})


def week_marks(model, lang: str) -> tuple[list, list]:
    """Shaded weeks where each route runs (those that do not run throughout), and a line at
    each dated fee change."""
    sc = model.config
    areas, lines = [], []
    for s in sc.strategies:
        if s.start > sc.start or s.end < sc.end:
            shade = {"color": ROUTE_COLOURS.get(s.type, "#777"), "opacity": 0.13}
            areas.append([{"xAxis": (s.start - sc.start).days / 7, "itemStyle": shade},
                          {"xAxis": (s.end - sc.start).days / 7}])
    for c in sc.policy_changes:
        if c.fee_eur is not None or c.fee_eur_obligated is not None:
            fee = c.fee_eur if c.fee_eur is not None else c.fee_eur_obligated
            lines.append({"xAxis": round((c.date - sc.start).days / 7, 1),
                          "name": t(lang, "fee_abolished") if fee == 0 else t(lang, "fee_changes")})
    return areas, lines


def starts_chart(model, lang: str, dark: bool) -> dict:
    rows = model.recorder.weekly_rows
    weeks = math.ceil(model.end_time / 7)
    opt = _base(t(lang, "starts_by_route"), dark)
    opt["title"].update({"subtext": t(lang, "routes_shaded"), "subtextStyle": {"fontSize": 16, "color": _ink(dark)}})
    opt["legend"] = {"bottom": 0, "left": 10, "textStyle": {"fontSize": FONT, "color": _ink(dark)}}
    opt["grid"].update({"top": 84, "bottom": 118})
    opt["xAxis"] = week_axis(lang, dark, weeks)
    opt["yAxis"] = _axis(t(lang, "starts_axis"), dark, type="value", minInterval=1, nameGap=52)
    series = []
    for s in model.strategy_names:
        total, data = 0.0, [[0, 0]]
        for r in rows:
            total += r.get(f"{s}.starts", 0.0)
            data.append([int(r["week"]) + 1, total])
        series.append({"type": "line", "name": t(lang, "strategy")[s], "data": data, "showSymbol": False,
                       "lineStyle": {"width": 4}, "color": ROUTE_COLOURS.get(s, OKABE_ITO["black"])})
    areas, lines = week_marks(model, lang)
    if series:
        series[0]["markArea"] = {"silent": True, "data": areas}
        series[0]["markLine"] = {
            "symbol": "none", "silent": True, "data": lines,
            "lineStyle": {"color": _ink(dark), "type": "dashed", "width": 2},
            "label": {"formatter": "{b}", "fontSize": FONT, "color": _ink(dark), "position": "end"},
        }
    opt["series"] = series
    return opt


def _route_bars(model, lang: str, dark: bool, title: str, axis: str, key: str, scale: float, fmt: str) -> dict:
    o = model.outcomes_now
    names = model.strategy_names
    opt = _base(title, dark)
    opt["xAxis"] = _axis("", dark, type="category", data=[t(lang, "route_short")[s] for s in names],
                         axisLabel={"fontSize": FONT, "color": _ink(dark), "interval": 0})
    opt["yAxis"] = _axis(axis, dark, type="value", nameGap=60, min=0)
    if scale == 100:
        opt["yAxis"]["max"] = 100
        opt["yAxis"]["axisLabel"]["formatter"] = "{value}%"
    opt["grid"]["left"] = 96
    opt["xAxis"]["axisLabel"].update({"margin": 12, "verticalAlign": "top", "lineHeight": 20})
    data = [_na_bar(o.get(f"{s}.{key}", math.nan) * scale, fmt, ROUTE_COLOURS.get(s, "#777"), dark, lang)
            for s in names]
    opt["series"] = [{"type": "bar", "data": data, "barMaxWidth": 90}]
    return opt


def success_chart(model, lang: str, dark: bool) -> dict:
    return _route_bars(model, lang, dark, t(lang, "success_by_approach"), t(lang, "success_axis"),
                       "success_rate", 100, "{v}%")


def cost_chart(model, lang: str, dark: bool) -> dict:
    return _route_bars(model, lang, dark, t(lang, "cost_by_approach"), t(lang, "cost_axis"),
                       "cost_per_start", 1, "EUR {v}")


def hours_chart(model, lang: str, dark: bool) -> dict:
    o = model.outcomes_now
    acts = list(t(lang, "activity"))
    opt = _base(t(lang, "hours_by_activity"), dark)
    opt["grid"].update({"left": 12, "right": 70, "bottom": 70, "containLabel": True})
    opt["yAxis"] = _axis("", dark, type="category", data=[t(lang, "activity")[a] for a in acts], inverse=True,
                         axisLabel={"fontSize": FONT, "color": _ink(dark), "interval": 0})
    # few ticks: the labels of thousands of hours run into each other in a narrow panel
    opt["xAxis"] = _axis(t(lang, "hours_axis"), dark, type="value", min=0, minInterval=1, splitNumber=3)
    opt["series"] = [{"type": "bar", "data": [round(o.get(f"hours_{a}", 0.0)) for a in acts],
                      "itemStyle": {"color": OKABE_ITO["sky"]},
                      "label": {"show": True, "position": "right", "fontSize": FONT, "color": _ink(dark)}}]
    return opt


def band_chart(current, baseline, lang: str, dark: bool) -> dict:
    """Cumulative starts of the current settings beside the baseline: median and 90% band."""
    opt = _base(t(lang, "compare_chart"), dark)
    opt["legend"] = {"top": 30, "right": 10, "textStyle": {"fontSize": FONT, "color": _ink(dark)}}
    opt["grid"]["top"] = 76
    weeks = int(max(current.weeks.max(initial=0), baseline.weeks.max(initial=0))) + 1
    opt["xAxis"] = week_axis(lang, dark, weeks)
    opt["yAxis"] = _axis(t(lang, "starts_axis"), dark, type="value", minInterval=1, nameGap=52)
    series = []
    for band, name, colour in ((baseline, t(lang, "baseline"), OKABE_ITO["vermillion"]),
                               (current, t(lang, "current"), OKABE_ITO["blue"])):
        lo, mid, hi = band.quantiles()
        wk = [int(w) + 1 for w in band.weeks]
        series.append({"type": "line", "name": name, "data": [[w, round(v, 2)] for w, v in zip(wk, mid, strict=True)],
                       "showSymbol": False, "lineStyle": {"width": 4, "color": colour}, "color": colour})
        for edge in (lo, hi):  # the 90% range as two thin dashed lines of the same colour
            series.append({"type": "line", "name": f"{name} {t(lang, 'range90')}", "showSymbol": False,
                           "data": [[w, round(v, 2)] for w, v in zip(wk, edge, strict=True)], "color": colour,
                           "lineStyle": {"width": 2, "type": "dashed", "color": colour}})
    opt["series"] = series
    return opt
