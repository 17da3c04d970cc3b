"""The trainer app's model side, map and charts, without a browser."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import statistics
import time

import pytest

from sim.app_about import ABOUT, GLOSSARY, about_html
from sim.app_charts import cost_chart, hours_chart, starts_chart, success_chart, week_marks
from sim.app_labels import LABELS, whole
from sim.app_map import dynamic_svg, layout, static_svg
from sim.app_model import (
    AS_SCENARIO,
    TrainerModel,
    apply_settings,
    levers,
    load,
    paired_summary,
    parse_seed,
    run_band,
    scenario_settings,
)


def model(name="roermond_pilot", seed=1, days=7, **changes):
    sc = load(name)
    return TrainerModel(apply_settings(sc, scenario_settings(sc) | changes), seed, days)


def test_controls_show_the_scenarios_own_values_and_only_those_that_apply():
    broad = scenario_settings(load("roermond_broad_2010"))
    assert broad["fee_eur"] == 270 and broad["broad.hours"] == 14 and broad["broad.announced"] is True
    assert not any(k.startswith(("narrow.", "network.")) for k in broad)
    narrow = scenario_settings(load("roermond_narrow_2009"))
    assert narrow["narrow.hours"] == 30 and narrow["narrow.framing"] == AS_SCENARIO and not any(
        k.startswith("broad.") for k in narrow)
    amb = {lv.key for lv in levers(load("roermond_with_ambassadors"))}
    assert "ambassadors.hours" in amb and "broad.hours" not in amb
    assert {"fee_eur", "fee_eur_obligated"} <= {lv.key for lv in levers(load("roermond_narrow_2009"))}
    assert scenario_settings(load("synthetic_city"))["fee_eur"] == 0


def test_untouched_settings_leave_the_scenario_as_written():
    for name in ("roermond_pilot", "roermond_narrow_2009", "roermond_broad_2010", "synthetic_city"):
        sc = load(name)
        assert apply_settings(sc, scenario_settings(sc)) is sc
    m = model("roermond_broad_2010")
    while m.time < 14:
        m.step()
    assert m.policy.now.fee_eur == 0  # the file abolishes the fee on 10 June 2010


def test_a_fee_the_trainer_sets_holds_throughout_and_other_dated_changes_stay():
    sc = load("roermond_pilot")
    new = apply_settings(sc, scenario_settings(sc) | {"fee_eur": 100, "fee_eur_obligated": 0})
    assert new.policy.fee_eur == 100 and new.policy.fee_eur_obligated == 0
    assert all(c.fee_eur is None and c.fee_eur_obligated is None for c in new.policy_changes)
    assert [c.date for c in new.policy_changes] == [dt.date(2010, 9, 27)]  # starter courses still come
    assert new.policy_changes[0].offer.starter_courses


def test_visit_settings_replace_the_phases_they_override_only():
    sc = load("roermond_narrow_2009")
    new = apply_settings(sc, scenario_settings(sc) | {"narrow.slot": "evening", "narrow.pairs": False,
                                                      "narrow.announced": True, "narrow.hours": 12})
    s = new.strategies[0]
    assert s.slots == {"evening": 1.0} and s.pairs is False and s.announced is True and s.hours_per_week == 12
    assert [(p.date, p.framing) for p in s.phases] == [(dt.date(2009, 9, 1), "taal_en_meedoen")]
    framed = apply_settings(sc, scenario_settings(sc) | {"narrow.framing": "taal_en_meedoen"}).strategies[0]
    assert framed.framing == "taal_en_meedoen" and [p.slots for p in framed.phases] == [
        {"early_afternoon": 1.0}, {"late_afternoon": 1.0}]
    pilot = load("roermond_pilot")
    assert apply_settings(pilot, scenario_settings(pilot) | {"trained": "start"}).coaches.trained_from == pilot.start
    assert apply_settings(pilot, scenario_settings(pilot) | {"trained": "never"}).coaches.trained_from is None


@pytest.mark.parametrize("text", ["abc", "1.5", "-3", "", " ", "1e3", str(2**32), "<b>1</b>", "٣"])
def test_a_seed_is_a_whole_number_or_refused(text):
    assert parse_seed(text) is None


def test_a_seed_in_range_is_read():
    assert parse_seed(" 42 ") == 42 and parse_seed("0") == 0 and parse_seed(str(2**32 - 1)) == 2**32 - 1


def test_a_step_is_days_per_step_and_reports_this_step():
    m = model(days=7)
    for _ in range(20):
        m.step()
    assert m.time == 140
    doors = m.doors_this_step()
    assert all(m.step_start < tm <= m.time for tm, *_ in m.recorder.doors[-len(doors):]) if doors else True
    assert len(doors) == sum(1 for tm, *_ in m.recorder.doors if tm > m.step_start)
    assert m.last_step["starts"] == m.recorder.weekly_rows[-1]["starts"]
    m.days_per_step = 28
    while m.running:
        m.step()
    assert m.finished and m.time == m.end_time


def test_same_settings_and_seed_same_run():
    a, b = model(seed=5), model(seed=5)
    for _ in range(30):
        a.step()
        b.step()
    assert a.outcomes_now == b.outcomes_now or all(
        (math.isnan(x) and math.isnan(b.outcomes_now[k])) or x == b.outcomes_now[k] for k, x in a.outcomes_now.items())


def test_the_map_places_everyone_inside_their_neighbourhood_and_rings_this_steps_doors():
    m = model()
    lay = layout(m)
    boxes = {name: (x, y, w, h) for name, x, y, w, h in lay.boxes}
    for agent, x, y in lay.partners + lay.key_figures:
        bx, by, bw, bh = boxes[agent.neighbourhood]
        assert bx < x < bx + bw and by < y < by + bh
    assert min(x for x, _ in lay.pos.values()) >= 0 and max(x for x, _ in lay.pos.values()) <= 1500
    static = static_svg(lay, dark=False)
    assert static.count("<circle") == len(m.households)
    assert static.count("<line") >= sum(len(a.clients) for a, *_ in lay.partners + lay.key_figures)
    for _ in range(20):
        m.step()
    doors = m.doors_this_step()
    assert doors
    dyn = dynamic_svg(m, lay, doors, dark=False)
    reached = sum(1 for h in m.households if h.stage.reached)
    rings = len(re.findall(r'<circle[^>]*r="10\.0"', dyn)) if lay.dot * 3.2 <= 10 else None
    assert dyn.count("<circle") == reached + len(doors)
    assert rings is None or rings == len(doors)
    assert "#000000" in dyn and "#ffffff" in dynamic_svg(m, lay, doors, dark=True)


def test_a_large_city_keeps_houses_apart():
    m = TrainerModel(load("synthetic_city"), 1)
    lay = layout(m)
    xs = sorted({round(x, 1) for x, _ in lay.pos.values()})
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 4.0
    assert lay.height < 1500


def test_charts_say_na_not_zero_use_percent_and_mark_the_fee():
    m = model()
    for _ in range(10):
        m.step()
    succ = success_chart(m, "en", False)
    assert succ["yAxis"]["axisLabel"]["formatter"] == "{value}%" and succ["yAxis"]["max"] == 100
    bars = dict(zip(succ["xAxis"]["data"], succ["series"][0]["data"], strict=True))
    assert bars["broad visits"]["label"]["formatter"] == "n/a"  # no broad conversations yet
    assert "n/a" not in str(bars["narrow visits"])
    assert cost_chart(m, "nl", True)["backgroundColor"] == "#1e1e1e"
    areas, lines = week_marks(m, "en")
    assert [ln["name"] for ln in lines] == ["fee abolished"]
    assert lines[0]["xAxis"] == round((dt.date(2010, 6, 10) - dt.date(2009, 7, 1)).days / 7, 1)
    assert len(areas) == 3  # narrow, broad and campaign run part of the time; the network throughout
    for opt in (starts_chart(m, "en", False), succ, hours_chart(m, "en", False)):
        sizes = [v for k, v in _walk(opt) if k == "fontSize"]
        assert sizes and min(sizes) >= 16  # 12 pt


def _walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_compare_pairs_runs_by_seed():
    sc = load("roermond_broad_2010")
    cheap = apply_settings(sc, scenario_settings(sc) | {"fee_eur": 0, "fee_eur_obligated": 0})
    a, b = run_band(cheap, [1, 2, 3, 4]), run_band(sc, [1, 2, 3, 4])
    assert a.starts.shape[0] == 4 and (a.starts[:, -1] == a.finals["starts"]).all()
    summary = paired_summary(a, b, "starts")
    assert summary["pairs"] == 4 and summary["higher"] + summary["lower"] <= 4
    assert run_band(sc, [1, 2, 3, 4]).finals["starts"].tolist() == b.finals["starts"].tolist()
    assert run_band(sc, [1], cancelled=lambda: True) is None


def test_labels_and_about_are_complete_in_both_languages():
    assert set(LABELS["en"]) == set(LABELS["nl"])
    for key in ("slot_choices", "framing_choices", "trained_choices", "stage", "strategy", "activity"):
        assert set(LABELS["en"][key]) == set(LABELS["nl"][key])
    assert LABELS["nl"]["slot_choices"] == {"morning": "ochtend", "early_afternoon": "vroege middag",
                                            "late_afternoon": "late middag", "evening": "avond"}
    assert [len(x) for x in ABOUT["en"]] == [len(x) for x in ABOUT["nl"]] and len(ABOUT["en"]) == 5
    assert len(GLOSSARY["en"][1]) == len(GLOSSARY["nl"][1])
    assert "Over" not in about_html("en") and "Wat is het?" in about_html("nl")
    assert whole("nl", 1402.4) == "1.402" and whole("en", 1402.4) == "1,402"


def test_server_time_of_a_step():
    """Prints the server-side work of one Step on the Roermond pilot: the model's step, the
    map's changing layer and the four charts (the page's widgets add to it; the browser test
    prints the time seen in the browser)."""
    m = model()
    lay = layout(m)
    static_svg(lay, False)
    for _ in range(15):
        m.step()
    times = []
    for _ in range(6):
        t0 = time.perf_counter()
        m.step()
        dynamic_svg(m, lay, m.doors_this_step(), False)
        for chart in (starts_chart, success_chart, hours_chart, cost_chart):
            chart(m, "en", False)
        times.append(time.perf_counter() - t0)
    print(f"\nserver work per Step (roermond_pilot, median of 6): {1000 * statistics.median(times):.1f} ms")


def test_an_error_while_drawing_shows_one_line_without_server_paths():
    import solara

    from sim.app import Guarded

    @solara.component
    def Broken():
        raise ValueError("/srv/outreach/sim/secret.py line 3")

    @solara.component
    def Root():
        with solara.Column(), Guarded("nl", 1):
            Broken()

    _, rc = solara.render(Root(), handle_error=False)
    text = rc.find(solara.widgets.HTML).widget.unsafe_innerHTML
    assert text.startswith("Dit deel van de pagina kon niet worden getekend (ValueError)")
    assert "/srv" not in text and "Traceback" not in text


@pytest.mark.parametrize("name", ["roermond_pilot", "roermond_narrow_2009", "roermond_broad_2010", "roermond_network",
                                  "roermond_with_ambassadors", "synthetic_city", "roermond_all_methods",
                                  "present_day_channels"])
def test_every_control_at_its_ends_runs_and_draws(name):
    """Each control a scenario shows, at its lowest and highest value or each choice, gives a
    run that steps and draws: no value a trainer can pick ends in an error."""
    from sim.app import status_line, this_step_html, tiles

    sc = load(name)
    own = scenario_settings(sc)
    variants = []
    for pick in (0, -1):
        values = dict(own)
        for lv in levers(sc):
            if lv.kind == "fee":
                values[lv.key] = (0, 400)[pick]
            elif lv.kind == "hours":
                values[lv.key] = (0, max(60, 2 * int(own[lv.key])))[pick]
            elif lv.kind == "choice":
                values[lv.key] = lv.choices[pick]
            else:
                values[lv.key] = bool(pick)
        variants.append(values)
    for values in variants:
        m = TrainerModel(apply_settings(sc, values), 3, 28)
        lay = layout(m)
        static_svg(lay, True)
        for _ in range(4):
            m.step()
        dynamic_svg(m, lay, m.doors_this_step(), True)
        for chart in (starts_chart, success_chart, hours_chart, cost_chart):
            chart(m, "nl", True)
        assert this_step_html(m, "nl") and tiles(m, "en") and status_line(m, "nl")


@pytest.mark.parametrize("seed", [2**32, 2**63 - 1])
def test_a_scenario_seed_the_app_cannot_take_is_refused_when_the_file_is_read(tmp_path, scenarios_dir, seed):
    from sim.errors import InputError
    from sim.scenario import load_scenario

    path = tmp_path / "big_seed.yaml"
    path.write_text(f"extends: {scenarios_dir / 'roermond_pilot.yaml'}\nseed: {seed}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and ": seed: " in message and str(2**32 - 1) in message


def test_the_largest_scenario_seed_is_one_the_app_reads(tmp_path, scenarios_dir):
    from sim.scenario import load_scenario

    path = tmp_path / "largest_seed.yaml"
    path.write_text(f"extends: {scenarios_dir / 'roermond_pilot.yaml'}\nseed: {2**32 - 1}\n", encoding="utf-8")
    assert parse_seed(str(scenario_settings(load_scenario(path))["seed"])) == 2**32 - 1


def test_a_fee_no_household_of_the_scenario_pays_is_not_offered():
    """The 42 letters of the broad round go to voluntary households first: obligated ones are
    never reached, so their fee would change nothing."""
    assert "fee_eur_obligated" not in {lv.key for lv in levers(load("roermond_broad_2010"))}
    assert "fee_eur_obligated" in {lv.key for lv in levers(load("roermond_pilot"))}
    from sim.runner import outcomes
    from sim.scenario import with_values

    sc = load("roermond_broad_2010")
    for seed in range(3):
        assert outcomes(sc, seed) == outcomes(with_values(sc, {"policy": {"fee_eur_obligated": 0.0}}), seed)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_cost_per_start_is_explained_as_it_is_counted(lang):
    """The cost is the gross public cost; fee income is an outcome of its own (sim/costs.py)."""
    hint = LABELS[lang]["cost_hint"]
    glossary = " ".join(text for _term, text in GLOSSARY[lang][1])
    for text in (hint, glossary):
        assert "minus" not in text and " min " not in text, text
