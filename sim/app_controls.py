"""The trainer app's controls: the run buttons and the settings a scenario offers.

Settings are edited as a draft; the run keeps the applied settings until the trainer presses
"Apply and restart", and the panel says when the two differ. Choosing a scenario loads its
own values and shows only the settings that apply to its strategies.
"""

from __future__ import annotations

import solara

from sim.app_labels import t
from sim.app_model import AS_SCENARIO, Lever, fee_changes, levers, parse_seed, phases_of, scenario_settings


def fmt_date(d) -> str:
    return f"{d:%d-%m-%Y}"


def _slots_text(lang: str, slots: dict) -> str:
    names = t(lang, "slot_choices")
    if len(slots) == 1:
        return names[next(iter(slots))]
    total = sum(slots.values()) or 1.0
    return ", ".join(f"{100 * w / total:.0f}% {names[k]}" for k, w in slots.items() if w > 0)


def scenario_text(lang: str, sc, lever: Lever) -> str:
    """'In the scenario: ...' with the scenario's value and its dated changes."""
    what = lever.key.split(".")[-1]
    if lever.key == "trained":
        d = sc.coaches.trained_from
        value = t(lang, "trained_from").format(date=fmt_date(d)) if d else t(lang, "trained_choices")["never"]
        return f"{t(lang, 'in_scenario')}: {value}"
    assert lever.strategy is not None  # slot and framing belong to a strategy
    steps = phases_of(sc, lever.strategy, "slots" if what == "slot" else "framing")
    words = [_slots_text(lang, v) if what == "slot" else t(lang, "framing_choices")[v] for _, v in steps]
    text = words[0] + "".join(f", {t(lang, 'from')} {fmt_date(d)} {w}"
                              for (d, _), w in zip(steps[1:], words[1:], strict=True))
    return f"{t(lang, 'in_scenario')}: {text}"  # shown under the select


def choice_items(lang: str, sc, lever: Lever) -> list[dict]:
    if lever.key == "trained":
        names = t(lang, "trained_choices")
    elif lever.key.endswith(".slot"):
        names = t(lang, "slot_choices")
    else:
        names = t(lang, "framing_choices")
    return [{"text": t(lang, "as_scenario") if c == AS_SCENARIO else names[c], "value": c} for c in lever.choices]


def fee_note(lang: str, sc, key: str, value: float) -> str | None:
    own = scenario_settings(sc)
    for date, fee, new in fee_changes(sc):
        if fee == key:
            name = t(lang, f"{key}_name")
            if value != own[key]:
                return t(lang, "fee_held_note").format(fee=name, date=fmt_date(date))
            return t(lang, "fee_change_note").format(fee=name, date=fmt_date(date), value=new)
    return None


@solara.component
def Note(text: str, kind: str = "note"):
    solara.HTML(tag="div", unsafe_innerHTML=text, classes=[f"outreach-{kind}"])


@solara.component
def Label(text: str):
    solara.HTML(tag="div", unsafe_innerHTML=text, classes=["outreach-label"])


@solara.component
def LeverControl(lever: Lever, lang: str, sc, draft: solara.Reactive):
    value = draft.value.get(lever.key)

    def set_value(v):
        draft.value = {**draft.value, lever.key: v}

    if lever.kind == "fee":
        Label(f"{t(lang, lever.key)}: <b>EUR {value:.0f}</b>")
        with solara.Div(classes=[f"outreach-{lever.key}"]):
            solara.SliderInt("", value=int(value), min=0, max=400, step=5, on_value=set_value, thumb_label=True)
        note = fee_note(lang, sc, lever.key, value)
        if note:
            Note(note)
    elif lever.kind == "hours":
        Label(f"{t(lang, 'hours')}: <b>{value:.0f}</b>")
        with solara.Div(classes=[f"outreach-{lever.key.replace('.', '-')}"]):
            top = max(60, 2 * int(scenario_settings(sc)[lever.key]))  # room above the scenario's own hours
            solara.SliderInt("", value=round(value), min=0, max=top, step=1, on_value=set_value, thumb_label=True)
    elif lever.kind == "choice":
        label = t(lang, lever.key.split(".")[-1])
        solara.v.Select(label=label, items=choice_items(lang, sc, lever), v_model=value, on_v_model=set_value,
                        hide_details=True, class_="outreach-select")
        if value == AS_SCENARIO:  # what the scenario does, with its dated changes
            Note(scenario_text(lang, sc, lever))
    else:
        name = lever.key.split(".")[-1]
        solara.Checkbox(label=t(lang, name), value=bool(value), on_value=set_value)
        if name == "announced":
            Note(t(lang, "announced_note"))


@solara.component
def SettingsPanel(s):
    """The settings of the chosen scenario, grouped by policy and by strategy."""
    lang, sc = s.lang.value, s.scenario.value
    solara.HTML(tag="span", attributes={"data-scenario": s.name.value, "class": "outreach-loaded"})
    groups: dict = {}
    for lever in levers(sc):
        groups.setdefault(lever.strategy, []).append(lever)
    for strategy, group in groups.items():
        title = t(lang, "policy") if strategy is None else t(lang, "strategy")[strategy]
        with solara.Card(title, classes=["outreach-card"]):
            for lever in group:
                LeverControl(lever, lang, sc, s.draft)
    seed_text = s.draft.value.get("seed_text", "")
    bad = parse_seed(seed_text) is None
    solara.InputText(t(lang, "seed"), value=seed_text, continuous_update=True,
                     on_value=lambda v: s.draft.set({**s.draft.value, "seed_text": v}),
                     error=t(lang, "seed_error") if bad else False)
    pending = s.draft.value != s.applied.value
    with solara.Row(classes=["outreach-apply-row"]):
        solara.Button(t(lang, "apply"), on_click=s.apply, disabled=bad or not pending, color="primary",
                      classes=["outreach-apply"])
    if pending:
        Note(t(lang, "pending"), "pending")
    else:
        Note(t(lang, "in_effect"), "note")
    if s.error.value:
        Note(s.error.value, "error")


@solara.component
def RunButtons(s):
    _ = s.tick.value  # read, so that Step is disabled once the run has ended
    lang = s.lang.value
    model = s.model.value
    playing = s.playing.value
    with solara.Row(classes=["outreach-run-row"]):
        solara.Button(t(lang, "step"), on_click=s.step, disabled=playing or not model.running, color="primary",
                      classes=["outreach-step"])
        solara.Button(t(lang, "pause") if playing else t(lang, "play"), on_click=lambda: s.playing.set(not playing),
                      disabled=not model.running and not playing, classes=["outreach-play"])
        solara.Button(t(lang, "reset"), on_click=s.restart, classes=["outreach-reset"])
    days = s.days.value
    Label(f"{t(lang, 'days_per_step')}: <b>{days}</b>")
    solara.SliderInt("", value=days, min=1, max=28, step=1, on_value=s.set_days, thumb_label=True)
