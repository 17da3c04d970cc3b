"""The model tells the truth: levers change behaviour, every route to a start goes through the
household's decision, costs add up, overrides that a dated change replaces are reported, and
the count figures of the evaluation are reproduced (medians inside their 90% Jeffreys
intervals)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import yaml
from scipy import stats

from conftest import outreach
from sim import load_scenario, run, run_replicates, runs_table
from sim.config import read_with_extends
from sim.errors import OverrideWarning

SEEDS = range(8)


def paired(scenarios_dir, file, overrides_a, overrides_b, outcome, seeds=SEEDS):
    a = load_scenario(scenarios_dir / file, overrides_a)
    b = load_scenario(scenarios_dir / file, overrides_b)
    return (np.array([run(a, s).outcomes[outcome] for s in seeds]),
            np.array([run(b, s).outcomes[outcome] for s in seeds]))


def jeffreys(count: int, trials: int, level: float = 0.9) -> tuple[float, float]:
    """The Jeffreys interval of a binomial proportion (Beta(k + 1/2, n - k + 1/2) quantiles)."""
    a = (1 - level) / 2
    lo = 0.0 if count == 0 else stats.beta.ppf(a, count + 0.5, trials - count + 0.5)
    hi = 1.0 if count == trials else stats.beta.ppf(1 - a, count + 0.5, trials - count + 0.5)
    return float(lo), float(hi)


# ------------------------------------------------------------------ levers


def test_announced_narrow_visits_differ_from_unannounced(scenarios_dir):
    file = "roermond_narrow_2009.yaml"
    off = {"strategies.narrow.announced": False}
    on = {"strategies.narrow.announced": True}
    declined_off, declined_on = paired(scenarios_dir, file, off, on, "narrow.declined_in_advance")
    assert declined_off.sum() == 0 and (declined_on > 0).all(), (declined_off, declined_on)
    conv_off, conv_on = paired(scenarios_dir, file, off, on, "narrow.conversations")
    assert (conv_off != conv_on).any()
    letters_off, letters_on = paired(scenarios_dir, file, off, on, "narrow.letter_cost_eur")
    assert letters_off.sum() == 0 and (letters_on > 0).all()


def test_unannounced_broad_visits_send_no_letters(scenarios_dir):
    r = run(load_scenario(scenarios_dir / "roermond_broad_2010.yaml", {"strategies.broad.announced": False}), 1)
    assert r.outcomes["broad.letters"] == 0 and r.outcomes["broad.declined_in_advance"] == 0
    assert r.outcomes["broad.addresses_approached"] > 0


NO_OFFER = {"policy.offer": {"trajectory": False, "literacy": False, "conversation_classes": False,
                             "home_lessons": False, "starter_courses": False, "participation": False}}


@pytest.mark.parametrize("file", ["roermond_narrow_2009.yaml", "roermond_broad_2010.yaml", "roermond_pilot.yaml"])
def test_no_offer_no_starts(scenarios_dir, file):
    """Call-backs, aftercare and every other route go through the same decision and offer."""
    overrides = dict(NO_OFFER)
    if file == "roermond_pilot.yaml":
        overrides["policy_changes"] = []
    sc = load_scenario(scenarios_dir / file, overrides)
    for seed in range(6):
        o = run(sc, seed).outcomes
        assert o["starts"] == 0, (seed, o["starts"], o.get("callbacks"))


def test_call_backs_decide_again(scenarios_dir):
    """A call back is a new decision: with the fee blocking everyone, call-backs start nobody."""
    sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml",
                       {"behaviour.decision.fee_barrier_share": 1.0, "behaviour.decision.callback": 1.0,
                        "behaviour.decision.light_offer_uptake": 0.0, "policy.offer.literacy": False,
                        "behaviour.decision.participation_uptake": 0.0})
    o = run(sc, 3).outcomes
    assert o["narrow.callbacks"] > 0
    assert o["narrow.starts"] == 0


# ------------------------------------------------------------------ costs


def test_huge_fee_gives_no_negative_cost(scenarios_dir):
    sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml",
                       {"policy.fee_eur": 100000, "policy.fee_eur_obligated": 100000})
    o = run(sc, 1).outcomes
    assert o["cost_eur"] > 0 and o["narrow.cost_eur"] > 0
    base = run(load_scenario(scenarios_dir / "roermond_narrow_2009.yaml"), 1).outcomes
    # a higher fee never makes a start look cheaper: fewer start at the same outreach cost
    assert o["starts"] <= base["starts"]
    assert o["fee_income_eur"] == 100000 * o["starts_fee_paying"]


def test_fees_only_from_those_who_start_under_a_fee(scenarios_dir):
    sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml")
    r = run(sc, 2)
    o = r.outcomes
    fee_paying = r.starts[r.starts["fee_eur"] > 0]
    assert o["fee_income_eur"] == pytest.approx(fee_paying["fee_eur"].sum())
    assert set(fee_paying["start_type"]) <= {"trajectory", "starter_course"}
    free = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml", {
        "policy.fee_eur": 0, "policy.fee_eur_obligated": 0})
    assert run(free, 2).outcomes["fee_income_eur"] == 0


def test_cost_per_start_ignores_time_after_the_outreach(scenarios_dir):
    short = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml")
    longer = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml", {"end": "2011-12-31"})
    a = np.array([run(short, s).outcomes["cost_per_start"] for s in SEEDS])
    b = np.array([run(longer, s).outcomes["cost_per_start"] for s in SEEDS])
    change = abs(np.nanmedian(b) / np.nanmedian(a) - 1)
    assert change < 0.05, (np.nanmedian(a), np.nanmedian(b))
    o = run(longer, 1).outcomes
    assert o["case_management_cost_eur"] > 0
    assert o["cost_eur"] == pytest.approx(o["outreach_hours"] * 47.0 + o["letter_cost_eur"] + o["campaign_cost_eur"]
                                          + o["ambassador_cost_eur"])


# ------------------------------------------------------------------ overrides replaced later


def test_override_replaced_by_dated_change_warns(scenarios_dir):
    sc = load_scenario(scenarios_dir / "roermond_pilot.yaml", {"policy.fee_eur": 100})
    with pytest.warns(OverrideWarning, match=r"policy\.fee_eur.*2010-06-10"):
        run(sc, 1)
    sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml", {"strategies.narrow.slots": {"evening": 1.0}})
    with pytest.warns(OverrideWarning, match=r"strategies\.narrow\.slots.*2009-08-06"):
        run(sc, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run(load_scenario(scenarios_dir / "roermond_pilot.yaml"), 1)  # no override, no warning
        run(load_scenario(scenarios_dir / "roermond_pilot.yaml", {"policy.fee_eur": 0, "policy_changes": []}), 1)


def test_cli_warns_on_stderr(scenarios_dir, tmp_path):
    proc = outreach("run", scenarios_dir / "roermond_pilot.yaml", "--set", "policy.fee_eur=100", "--replicates", "1")
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning: ")]
    assert lines and "policy.fee_eur" in lines[0] and "2010-06-10" in lines[0], proc.stderr


# ------------------------------------------------------------------ the count figures of the evaluation


@pytest.fixture(scope="module")
def forty(scenarios_dir):
    out = {}
    for name in ("roermond_narrow_2009", "roermond_broad_2010", "roermond_network"):
        out[name] = runs_table(run_replicates(load_scenario(scenarios_dir / f"{name}.yaml"), 40, seed=20261129))
    return out


FIGURES = [
    # scenario, numerator, denominator, count, trials, source
    ("roermond_narrow_2009", "narrow.starts_trajectory", "narrow.starts", 13, 20, "000:193-203 table 1"),
    ("roermond_broad_2010", "broad.starts_trajectory", "broad.starts", 0, 3, "000:553-560 table 3"),
    ("roermond_narrow_2009", "narrow.callbacks", "narrow.declined", 5, 55, "000:185"),
    ("roermond_narrow_2009", "narrow.dropouts", "narrow.interested", 1, 14, "000:333-335"),
    ("roermond_narrow_2009", "narrow.declined_not_in_need", "narrow.conversations", 5, 75, "000:209"),
    ("roermond_network", "network.starts_participation", "network.starts", 3, 70, "000:1031-1033"),
]


@pytest.mark.slow
@pytest.mark.parametrize("scenario,num,den,count,trials,source", FIGURES, ids=[f[1] for f in FIGURES])
def test_count_figures_inside_jeffreys_interval(forty, scenario, num, den, count, trials, source):
    df = forty[scenario]
    rates = (df[num] / df[den]).replace([np.inf], np.nan).dropna()
    median = float(np.median(rates))
    lo, hi = jeffreys(count, trials)
    assert lo <= median <= hi, (f"{num}/{den}: median {median:.3f} outside [{lo:.3f}, {hi:.3f}] "
                                f"of {count}/{trials} ({source})")


@pytest.mark.slow
def test_broad_declines_never_exceed_conversations(forty):
    df = forty["roermond_broad_2010"]
    assert (df["broad.declined"] <= df["broad.conversations"]).all()
    assert (df["broad.interested"] + df["broad.declined"] + df["broad.declined_again"] == df["broad.decisions"]).all()


def test_dropouts_after_the_end_are_counted(scenarios_dir):
    """A household registered near the end still drops out or starts: nothing is lost."""
    sc = load_scenario(scenarios_dir / "roermond_narrow_2009.yaml",
                       {"end": "2009-12-05", "policy.waiting_time_weeks": 26})
    for seed in range(4):
        o = run(sc, seed).outcomes
        assert o["narrow.interested"] == o["narrow.starts"] + o["narrow.dropouts"] + o["narrow.waiting_at_end"]
        assert o["narrow.dropouts"] + o["narrow.waiting_at_end"] > 0


def test_jeffreys_helper_is_not_trivial():
    lo, hi = jeffreys(13, 20)
    assert 0.45 < lo < 0.65 < hi < 0.82
    assert jeffreys(0, 3)[0] == 0.0 and 0.4 < jeffreys(0, 3)[1] < 0.6


# ------------------------------------------------------------------ bounds


@pytest.mark.parametrize("setting,key,words", [
    ("policy.fee_eur=1000000", "policy.fee_eur", "0.0 to 100000.0"),
    ("strategies.narrow.hours_per_week=10000", "strategies.narrow.hours_per_week", "168 hours a week per coach"),
    ("behaviour.home.morning=1.5", "behaviour.home.morning", "a probability in [0, 1]"),
    ("coaches.count=-1", "coaches.count", "1 to 100000"),
    ("behaviour.decision.callback_days=100000", "behaviour.decision.callback_days", "0.0 to 3650.0"),
    ("behaviour.decision.warm_handover_effect=50", "behaviour.decision.warm_handover_effect", "-10.0 to 10.0"),
])
def test_absurd_values_get_the_one_line_error(scenarios_dir, setting, key, words):
    proc = outreach("validate", scenarios_dir / "roermond_narrow_2009.yaml", "--set", setting)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and f": {key}: " in lines[0] and words in lines[0], lines[0]


def test_a_prior_outside_its_parameter_range_is_refused(scenarios_dir, tmp_path):
    data = read_with_extends(scenarios_dir / "roermond_narrow_2009.yaml")
    data["priors"]["behaviour.home.late_afternoon"]["high"] = 1.3
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False))
    proc = outreach("validate", bad)
    assert proc.returncode == 2, proc.stderr
    assert "priors.behaviour.home.late_afternoon" in proc.stderr and "0.0 to 1.0" in proc.stderr, proc.stderr


# ------------------------------------------------------------------ contact channels (002, 004)


@pytest.mark.slow
@pytest.mark.parametrize("setting", [{"strategies.broad.follow_up": "phone"},
                                     {"strategies.broad.letter_language": "own"}])
def test_personal_and_own_language_contact_raise_conversations(scenarios_dir, setting):
    """Personal and own-language contact beats a letter alone (002:4348-4377, 002:5375-5378;
    004:8246-8270, 004:16873-16899): over 30 paired runs of the broad visits, more conversations
    on average, and their cost booked."""
    base, channel = paired(scenarios_dir, "roermond_broad_2010.yaml", {}, setting, "broad.conversations", range(30))
    assert channel.mean() > base.mean(), (base.mean(), channel.mean())
    o = run(load_scenario(scenarios_dir / "roermond_broad_2010.yaml", setting), 1).outcomes
    if "strategies.broad.letter_language" in setting:
        assert o["broad.letters"] > 0 and o["broad.translation_cost_eur"] == pytest.approx(o["broad.letters"] * 2.0)
    else:
        assert 0 < o["broad.follow_ups_reached"] <= o["broad.follow_ups"] <= o["broad.letters"]


def test_channels_need_an_announcement_letter(scenarios_dir):
    proc = outreach(
        "validate", scenarios_dir / "roermond_narrow_2009.yaml", "--set", "strategies.narrow.follow_up=phone")
    assert proc.returncode == 2 and "follow_up" in proc.stderr and "announced: true" in proc.stderr, proc.stderr


# ------------------------------------------------------------------ coach hours and the campaign


def run_counting_hours(sc, seed: int):
    """Run, counting the coach hours each week hands to each strategy."""
    from sim.model import OutreachModel

    model = OutreachModel(sc, seed)
    handed = dict.fromkeys((s.name for s in model.strategies), 0.0)

    def counted(strategy):
        plan = strategy.plan_week

        def plan_week(t0, budget):
            handed[strategy.name] += budget
            plan(t0, budget)
        return plan_week

    for s in model.strategies:
        s.plan_week = counted(s)
    model.run()
    return model, handed


def test_coach_hours_handed_out_are_all_booked(scenarios_dir):
    """Every coach hour a week hands to a strategy is booked to it: none vanish, and the
    campaign, whose leads are phoned whatever the budget, takes none from the others. Booked
    beside the weekly budgets are only case management, intakes and call-backs (set to nothing
    here) and the campaign's lead calls."""
    from sim.runner import collect

    file = scenarios_dir / "roermond_with_ambassadors.yaml"
    kept = ("network", "ambassadors", "campaign")
    strategies = [s.model_dump(mode="json") for s in load_scenario(file).strategies if s.type in kept]
    sc = load_scenario(file, {"strategies": strategies, "behaviour.decision.callback": 0.0,
                              "behaviour.time.intake_hours": 0.0, "behaviour.time.intake_appointment_hours": 0.0})
    for seed in (0, 1):
        model, handed = run_counting_hours(sc, seed)
        booked = dict.fromkeys(handed, 0.0)
        case = 0.0
        for c in model.coaches:
            for (route, activity), hours in c.ledger_by_route.items():
                if activity == "case_management":
                    case += hours
                else:
                    booked[route] += hours
        o = collect(model).outcomes
        assert o["ambassadors.ambassadors_recruited"] > 0 and o["campaign.leads"] > 0
        assert handed["campaign"] == 0
        assert booked["campaign"] == pytest.approx(o["campaign.conversations"] * sc.behaviour.time.lead_call_hours)
        for name in ("network", "ambassadors"):
            assert booked[name] == pytest.approx(handed[name], rel=1e-9), (seed, name, handed, booked)
        total = sum(c.total_hours for c in model.coaches)
        assert total == pytest.approx(case + sum(handed.values()) + booked["campaign"], rel=1e-9)


def lead_call_times(sc, seed: int) -> tuple[list[float], float]:
    """When the campaign's leads are phoned, and the campaign's start day."""
    from sim.model import OutreachModel

    model = OutreachModel(sc, seed)
    campaign = next(s for s in model.strategies if s.name == "campaign")
    calls: list[float] = []
    follow_up = campaign._follow_up

    def record(household):
        calls.append(model.time)
        follow_up(household)

    campaign._follow_up = record
    model.run()
    return calls, campaign.start_day


@pytest.mark.parametrize("end,window", [("2010-06-18", 5.0), ("2010-07-31", 14.0)])
def test_campaign_leads_are_phoned_by_its_end(scenarios_dir, end, window):
    """The campaign launches on its start date; its leads are phoned within follow_up_days and
    by its end date."""
    sc = load_scenario(scenarios_dir / "roermond_pilot.yaml", {"strategies.campaign.end": end})
    calls, start = lead_call_times(sc, 0)
    assert calls and all(start <= t < start + window for t in calls), calls
    assert max(calls) > start + window - 2, calls


# ------------------------------------------------------------------ the ladder


@pytest.mark.parametrize("days", [212, 213, 300])
def test_a_review_interval_beyond_the_run_means_no_review(scenarios_dir, tmp_path, days):
    proc = outreach("run", scenarios_dir / "roermond_broad_2010.yaml", "-r", "1", "--set",
                    f"behaviour.ladder.review_days={days}", "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
