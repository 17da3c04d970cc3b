"""The brief as one self-contained HTML page: tables, sentences and figures embedded as PNG
data, so it opens and prints without a network."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
from string import Template

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from sim import compare as cmp
from sim import plots
from sim.brief import words as w
from sim.brief.build import Brief, gains
from sim.brief.template import PAGE


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _pair_of_figures(*figures: str) -> str:
    return '<div class="cols">' + "".join(figures) + "</div>"


def _figure(src: str, caption: str) -> str:
    return (f'<figure><img src="{src}" alt="{html.escape(caption)}"><figcaption>{html.escape(caption)}'
            "</figcaption></figure>")


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"


def _table(header: list[str], rows: list[list[str]], cls: str = "") -> str:
    body = "".join(_row(r) for r in rows)
    return f'<table class="{cls}"><thead>{_row(header, "th")}</thead><tbody>{body}</tbody></table>'


def model_range(brief: Brief, label: str, outcome: str) -> tuple[float, float, float]:
    s = brief.summary
    row = s[(s["scenario"] == label) & (s["outcome"] == outcome)]
    if row.empty:
        return (math.nan, math.nan, math.nan)
    r = row.iloc[0]
    return (float(r["median"]), float(r["low"]), float(r["high"]))


def _has(brief: Brief, outcome: str) -> bool:
    s = brief.summary
    return bool(s[(s["outcome"] == outcome)]["median"].notna().any())


# --------------------------------------------------------------------------- figures


def observed_range(obs) -> tuple[float, float, float]:
    """An observed rate with its 90% binomial sampling range (small counts)."""
    from scipy import stats

    return (obs.rate, stats.binom.ppf(0.05, obs.trials, obs.rate) / obs.trials,
            stats.binom.ppf(0.95, obs.trials, obs.rate) / obs.trials)


def fig_rates(brief: Brief, names: dict, lang: str):
    rows = [(f"{names[k]} ({cmp.success_base(brief.scenarios[k], lang)})", model_range(brief, k, "success_rate"))
            for k in brief.labels]
    observed = {f"{names[k]} ({cmp.success_base(brief.scenarios[k], lang)})": observed_range(o)
                for k, o in brief.observed.items()}
    return plots.ranges(rows, w.t("rate_axis", lang), lambda v: w.percent(v, lang), observed=observed,
                        legend=(w.t("ranges_90", lang), w.t("observed", lang)))


def fig_cost_per_start(brief: Brief, names: dict, lang: str):
    rows = [(names[k], model_range(brief, k, "cost_per_start")) for k in brief.labels]
    return plots.ranges(rows, w.t("eur_per_start", lang), lambda v: w.euros(v, lang))


def fig_over_time(brief: Brief, names: dict, lang: str, column: str, reference: float | None = None, ax=None):
    curves = {names[k]: c[column] for k, c in brief.curves.items()}
    if column == "starts":
        return plots.over_time(curves, w.t("months", lang), w.t("starts_unit", lang), ax=ax)
    # early months, with a start or two, would stretch the axis beyond use
    top = 4 * max(model_range(brief, k, "cost_per_start")[2] for k in brief.labels)
    return plots.over_time(curves, w.t("months", lang), w.t("eur_per_start", lang), lambda v: w.euros(v, lang),
                           reference, top if math.isfinite(top) else None, ax=ax)


def fig_levers(brief: Brief, names: dict, lang: str):
    rows = [(f"{w.pick(w.LEVER_TEXT, lv.key, lang)} ({names[lv.scenario]})", lv.measured.extra_starts)
            for lv in brief.levers]
    return plots.ranges(rows, w.t("col_extra_starts", lang), zero=True, width=7.5)


# --------------------------------------------------------------------------- sections


def headline(brief: Brief, names: dict, lang: str) -> str:
    cols = [w.t(c, lang) for c in ("col_approach", "col_starts", "col_rate", "col_observed", "col_cps", "col_cost")]
    extra = [(o, c) for o, c in (("fee_income_eur", "col_fee_income"), ("case_management_cost_eur", "col_case"))
             if _has(brief, o)]
    cols += [w.t(c, lang) for _, c in extra]
    rows = []
    for k in brief.labels:
        obs = brief.observed.get(k)
        observed = (w.t("observed_of", lang, count=obs.count, trials=obs.trials, rate=w.percent(obs.rate, lang, 1))
                    if obs else w.t("not_observed", lang))
        rate = w.ranged(model_range(brief, k, "success_rate"), w.percent, lang)
        row = [names[k], w.ranged(model_range(brief, k, "starts"), w.whole, lang),
               f"{rate}, {cmp.success_base(brief.scenarios[k], lang)}", observed,
               "EUR " + w.ranged(model_range(brief, k, "cost_per_start"), w.euros, lang),
               "EUR " + w.ranged(model_range(brief, k, "cost_eur"), w.euros, lang)]
        row += ["EUR " + w.ranged(model_range(brief, k, o), w.euros, lang) for o, _ in extra]
        rows.append(row)
    return _table(cols, rows, "headline")


def pair_sentences(brief: Brief, names: dict, lang: str) -> list[str]:
    out = []
    for p in brief.pairs:
        out.append(w.cheaper_sentence(p, names, lang))
    # "cheapest" only where one range lies below every other
    ranges = {k: model_range(brief, k, "cost_per_start") for k in brief.labels}
    cheapest = [k for k in brief.labels if all(ranges[k][2] < ranges[j][1] for j in brief.labels if j != k)]
    if len(brief.labels) > 2 or cheapest:
        out.append(w.t("cheapest", lang, a=names[cheapest[0]]) if cheapest else w.t("no_cheapest", lang))
    return out


def pay_off(brief: Brief, names: dict, lang: str) -> tuple[str, tuple[str, float] | None]:
    network = next((k for k, sc in brief.scenarios.items() if cmp.strategy_types(sc) == ["network"]), None)
    narrow = next((k for k, sc in brief.scenarios.items() if cmp.strategy_types(sc) == ["narrow"]), None)
    if not network or not narrow:
        return "", None
    level = model_range(brief, narrow, "cost_per_start")[0]
    month = cmp.pays_off_month(brief.curves[network]["cost_per_start"], level)
    kw = {"a": names[network], "b": w.mid(names[narrow]), "level": w.euros(level, lang)}
    if month is None:
        return w.t("never_pays", lang, **kw), (narrow, level)
    # the month is the median's; how many runs stay below from then on says how sure it is
    paths = brief.cost_paths[network]
    k = cmp.runs_below_from(paths, level, month)
    return w.t("pays_off", lang, m=w.whole(month, lang), k=k, runs=paths.shape[1], **kw), (narrow, level)


def loses(e) -> bool:
    """A lever gives fewer starts: in 90% of paired runs, or in three quarters of them."""
    return e.extra_starts[2] < 0 or e.fewer_starts >= 0.75 * e.runs


def saves(e) -> bool:
    """A lever costs less in 90% of paired runs."""
    return e.extra_cost[2] < 0


def lever_table(brief: Brief, names: dict, lang: str) -> str:
    cols = [w.t(c, lang) for c in ("col_lever", "col_applies", "col_extra_starts", "col_extra_cost", "col_cpes",
                                    "col_more")]
    rows = []
    for lv in brief.levers:
        e = lv.measured
        cpes = e.cost_per_extra_start
        if math.isfinite(cpes[1]) and gains(e):
            price = "EUR " + w.ranged(cpes, w.euros, lang)
        elif saves(e) and e.extra_starts[2] < 0:
            price = w.t("saves", lang)
        elif saves(e) and loses(e):
            price = w.t("saves_fewer_in", lang, n=e.fewer_starts, runs=e.runs)
        elif saves(e):
            price = w.t("saves_only", lang)
        else:
            price = w.t("no_gain", lang)
        rows.append([w.pick(w.LEVER_TEXT, lv.key, lang), names[lv.scenario],
                     w.ranged(e.extra_starts, w.whole, lang, sign=True),
                     "EUR " + w.ranged(e.extra_cost, w.euros, lang), price, w.runs_of(e.more_starts, e.runs, lang)])
    return _table(cols, rows, "levers")


def _lever_answer(lv, names: dict, lang: str) -> tuple[str, str]:
    e = lv.measured
    where = names[lv.scenario]
    lever = w.pick(w.LEVER_TEXT, lv.key, lang)
    extra = w.ranged(e.extra_starts, w.whole, lang, sign=True)
    up = e.extra_starts[1] > 0
    down = e.extra_starts[2] < 0
    if gains(e):
        key = "more" if math.isfinite(e.cost_per_extra_start[0]) else "more_no_price"
        answer = w.pick(w.ANSWERS, key, lang, lever=lever, extra=extra, where=where,
                        cpes=w.euros(e.cost_per_extra_start[0], lang))
    elif loses(e):
        key = "fewer_cheaper" if saves(e) else "fewer"
        answer = w.pick(w.ANSWERS, key, lang, lever=lever, extra=extra, where=where,
                        saving=w.euros(-e.extra_cost[0], lang))
    else:
        answer = w.pick(w.ANSWERS, "none", lang, lever=lever, where=where)
    if up or down:
        sure = w.t("sure_more" if up else "sure_fewer", lang, n=e.more_starts if up else e.fewer_starts, runs=e.runs)
    elif gains(e) or e.fewer_starts >= 0.75 * e.runs:
        more = gains(e)
        sure = w.t("likely_more" if more else "likely_fewer", lang, n=e.more_starts if more else e.fewer_starts,
                   runs=e.runs)
    else:
        sure = w.t("unclear_both", lang, m=e.more_starts, f=e.fewer_starts, runs=e.runs)
    return answer, sure


def recommendations(brief: Brief, names: dict, lang: str) -> str:
    cols = [w.t(c, lang) for c in ("col_question", "col_answer", "col_sure", "col_caveat")]
    rows = []
    for question in ("fee", "timing", "letter", "alone"):
        levers = [lv for lv in brief.levers if lv.question == question]
        if not levers:
            continue
        answers = [_lever_answer(lv, names, lang) for lv in levers]
        rows.append([w.pick(w.QUESTIONS, question, lang), " ".join(a for a, _ in answers),
                     " / ".join(s for _, s in answers), w.pick(w.CAVEATS, question, lang)])
    network = next((k for k, sc in brief.scenarios.items() if cmp.strategy_types(sc) == ["network"]), None)
    narrow = next((k for k, sc in brief.scenarios.items() if cmp.strategy_types(sc) == ["narrow"]), None)
    if network and narrow:
        p = cmp.paired(brief.runs, "cost_per_start", network, narrow)
        if p.separate:
            answer = w.pick(w.ANSWERS, "split_sep" if p.a_lower > p.a_higher else "split_dearer", lang)
        else:
            answer = w.pick(w.ANSWERS, "split_overlap", lang, n=p.a_lower, runs=p.runs)
        sure = w.how_sure(max(p.a_lower, p.a_higher), p.runs, p.separate, lang)
        rows.append([w.pick(w.QUESTIONS, "split", lang), answer, sure, w.pick(w.CAVEATS, "split", lang)])
    return _table(cols, rows, "recs")


def caveats(brief: Brief, lang: str) -> str:
    broad = next((k for k, sc in brief.scenarios.items() if "broad" in cmp.strategy_types(sc)), None)
    referrals = ""
    if broad:
        referrals = w.REFERRALS[w.LANGS.index(lang)].format(
            n=w.ranged(model_range(brief, broad, "problem_referrals"), w.whole, lang))
    items = [c[w.LANGS.index(lang)].format(referrals=referrals) for c in w.GENERAL_CAVEATS]
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def render(brief: Brief, lang: str, quick: bool, command: str, full_replicates: int) -> str:
    names = {k: cmp.approach_label(sc, lang) for k, sc in brief.scenarios.items()}
    bases = sorted({cmp.success_base(sc, lang) for sc in brief.scenarios.values()})
    notes = [w.t("made", lang, date=dt.date.today().isoformat(), runs=brief.replicates, seed=brief.seed),
             w.t("with_posterior", lang, n=brief.particles) if brief.posterior else w.t("without_posterior", lang),
             w.t("range_note", lang)]
    if quick:
        notes.append(w.t("quick", lang, n=brief.lever_replicates, full=full_replicates))
    sentence, reference = pay_off(brief, names, lang)
    refs = ", ".join(f"{o.count}/{o.trials}: {o.source}" for o in brief.observed.values())
    parts = {
        "lang": lang,
        "title": html.escape(w.t("title", lang)),
        "subtitle": html.escape(w.t("subtitle", lang)),
        "notes": "".join(f"<p class=\"note{' quick' if quick and i == 3 else ''}\">{html.escape(n)}</p>"
                         for i, n in enumerate(notes)),
        "h_headline": html.escape(w.t("h_headline", lang)),
        "headline": headline(brief, names, lang),
        "headline_notes": "".join(f"<p>{html.escape(x)}</p>" for x in (
            w.t("bases", lang, bases="; ".join(bases)) if len(bases) > 1 else "", w.t("periods", lang)) if x),
        "figs_headline": _pair_of_figures(_figure(_png(fig_rates(brief, names, lang)), w.t("fig_rate", lang)),
                                          _figure(_png(fig_cost_per_start(brief, names, lang)), w.t("fig_cps", lang))),
        "h_pairs": html.escape(w.t("h_pairs", lang)),
        "pairs": "<p>" + html.escape(w.t("pairs_intro", lang)) + "</p><ul>" + "".join(
            f"<li>{html.escape(s)}</li>" for s in pair_sentences(brief, names, lang)) + "</ul>",
        "h_time": html.escape(w.t("h_time", lang)),
        "time": f"<p>{html.escape(w.t('time_intro', lang))} {html.escape(sentence)}</p>",
        "figs_time": _pair_of_figures(
            _figure(_png(fig_over_time(brief, names, lang, "starts")), w.t("fig_starts_time", lang)),
            _figure(_png(fig_over_time(brief, names, lang, "cost_per_start", reference[1] if reference else None)),
                    w.t("fig_cps_time", lang, b=names[reference[0]]) if reference
                    else w.t("fig_cps_time_plain", lang))),
        "h_levers": html.escape(w.t("h_levers", lang)),
        "levers": (f"<p>{html.escape(w.t('levers_intro', lang, net=_net(brief, lang)))}</p>"
                   + lever_table(brief, names, lang)
                   + _figure(_png(fig_levers(brief, names, lang)), w.t("fig_levers", lang))) if brief.levers else "",
        "h_recs": html.escape(w.t("h_recs", lang)),
        "recs": recommendations(brief, names, lang),
        "h_caveats": html.escape(w.t("h_caveats", lang)),
        "caveats": caveats(brief, lang),
        "h_method": html.escape(w.t("h_method", lang)),
        "method": html.escape(method_text(brief, lang, command)) + (
            " " + html.escape(w.t("source", lang, refs=refs)) if refs else ""),
    }
    return Template(PAGE).substitute(parts)


def method_text(brief: Brief, lang: str, command: str) -> str:
    """How the brief was made: the model, what its behavioural numbers come from, the command."""
    if brief.posterior is None:
        fit = w.t("no_fit", lang)
    elif brief.targets:
        fit = w.t("fit", lang, n=brief.targets, particles=brief.particles)
    else:
        fit = w.t("fit_unknown", lang, particles=brief.particles)
    return w.t("method", lang, fit=fit, command=command)


def _net(brief: Brief, lang: str) -> str:
    net = w.t("net_fee", lang) if _has(brief, "fee_income_eur") else ""
    return net + (w.t("net_case", lang) if _has(brief, "case_management_cost_eur") else "")
