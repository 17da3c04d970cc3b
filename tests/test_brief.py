"""``outreach brief``: its numbers are those of ``outreach compare`` for the same seeds and
posterior; it renders in Chromium without a network, every figure loaded, in plain English
and in Dutch; bad input is refused before anything is written."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import outreach

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = [ROOT / "scenarios" / f"{n}.yaml"
             for n in ("roermond_narrow_2009", "roermond_broad_2010", "roermond_network")]
POSTERIOR = ROOT / "calibration" / "results" / "roermond" / "posterior.parquet"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
NO_CHROMIUM = {"OUTREACH_CHROMIUM": ""}  # the HTML only: printing is tested once, below
# code names a reader must never see: dotted keys, strategy-prefixed outcomes, snake_case columns
CODE_NAMES = re.compile(r"\b(behaviour|policy|strategies|coaches|world)\.[a-z_]+|"
                        r"\b(narrow|broad|network|campaign|ambassadors)\.[a-z_]+|"
                        r"\b[a-z]+_[a-z_]+\b")


def visible_text(html: str) -> str:
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    html = re.sub(r'src="data:[^"]+"', "", html)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.slow
def test_brief_numbers_equal_outreach_compare(tmp_path):
    """The same seed, replicates and posterior give the same medians and ranges as compare."""
    common = ["--seed", "5", "--replicates", "8", "--posterior", str(POSTERIOR)]
    done = outreach("compare", *SCENARIOS, *common, "--out", tmp_path / "compare")
    assert done.returncode == 0, done.stderr
    done = outreach("brief", *SCENARIOS, *common, "--quick", "--out", tmp_path / "brief", env=NO_CHROMIUM)
    assert done.returncode == 0, done.stderr
    expected = pd.read_csv(tmp_path / "compare" / "summary.csv").set_index(["scenario", "outcome"])
    got = pd.read_csv(tmp_path / "brief" / "summary.csv").set_index(["scenario", "outcome"])
    assert {"starts", "success_rate", "cost_per_start", "cost_eur"} <= set(got.index.get_level_values("outcome"))
    for key, row in got.iterrows():
        for col in ("median", "low", "high"):
            assert row[col] == pytest.approx(expected.loc[key, col], rel=1e-12), (key, col)
    # the runs behind them are written too, and give the same medians and the levers' counts
    runs = pd.read_csv(tmp_path / "brief" / "runs.csv")
    for (label, outcome), row in got.iterrows():
        if outcome in runs.columns:
            assert runs.loc[runs["scenario"] == label, outcome].median() == pytest.approx(row["median"], rel=1e-9)
    levers = pd.read_csv(tmp_path / "brief" / "levers.csv")
    paired = pd.read_csv(tmp_path / "brief" / "lever_runs.csv")
    for _, lv in levers.iterrows():
        mine = paired[(paired["lever"] == lv["lever"]) & (paired["scenario"] == lv["scenario"])]
        gain = mine["starts_with_lever"] - mine["starts_as_run"]
        assert (len(mine), (gain > 0).sum(), (gain < 0).sum()) == (
            lv["runs"], lv["runs_with_more_starts"], lv["runs_with_fewer_starts"])
    # and the page shows them, in whole euros
    page = (tmp_path / "brief" / "brief.html").read_text()
    for label in ("roermond_narrow_2009", "roermond_network"):
        cps = expected.loc[(label, "cost_per_start")]
        assert f"EUR {round(cps['median']):,} ({round(cps['low']):,} – {round(cps['high']):,})" in page


@pytest.mark.slow
def test_same_seed_same_brief_numbers(tmp_path):
    args = ["--seed", "3", "--replicates", "4", "--no-posterior", "--quick"]
    for name in ("a", "b"):
        done = outreach("brief", *args, "--out", tmp_path / name, env=NO_CHROMIUM)
        assert done.returncode == 0, done.stderr
    for table in ("summary.csv", "levers.csv"):
        assert (tmp_path / "a" / table).read_text() == (tmp_path / "b" / table).read_text()


def test_without_chromium_the_html_is_written_and_stderr_says_why(tmp_path):
    done = outreach("brief", "--replicates", "3", "--quick", "--no-posterior", "--out", tmp_path, env=NO_CHROMIUM)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "brief.html").is_file() and (tmp_path / "summary.csv").is_file()
    assert not (tmp_path / "brief.pdf").exists()
    assert "chromium" in done.stderr.lower()


def test_a_browser_that_fails_to_print_costs_the_pdf_only(tmp_path):
    done = outreach("brief", "--replicates", "3", "--quick", "--no-posterior", "--out", tmp_path,
                    env={"OUTREACH_CHROMIUM": "/bin/false"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "brief.html").is_file() and not (tmp_path / "brief.pdf").exists()
    assert "could not print it" in done.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left


@pytest.mark.parametrize("args, key", [
    (["--lang", "fr"], "--lang"),
    (["--replicates", "0"], "--replicates"),
    (["--posterior", "missing.parquet"], "--posterior"),
    (["--posterior", str(POSTERIOR), "--no-posterior"], "--no-posterior"),
    (["does_not_exist.yaml"], "does_not_exist.yaml"),
])
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, args, key):
    out = tmp_path / "out"
    done = outreach("brief", *args, "--out", out, env=NO_CHROMIUM)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ") and key in lines[-1] and "; " in lines[-1], done.stderr
    assert not out.exists() or not any(out.iterdir())


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    """The quick brief in English and Dutch, with the shipped calibration, printed to PDF."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    out = {}
    for lang in ("en", "nl"):
        folder = tmp_path_factory.mktemp(f"brief_{lang}")
        done = outreach("brief", "--quick", "--lang", lang, "--out", folder)
        assert done.returncode == 0, done.stderr
        out[lang] = folder
    return out


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_brief_renders_offline_with_every_figure(briefs, lang):
    from playwright.sync_api import sync_playwright

    folder = briefs[lang]
    pdf = folder / "brief.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000
    requested: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(offline=True)
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.goto((folder / "brief.html").as_uri())
        page.wait_for_load_state("load")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth])")
        tables = page.locator("table").count()
        text = page.inner_text("body")
        browser.close()
    assert len(images) >= 3 and all(done and width > 0 for done, width in images), images
    assert tables >= 2
    assert all(u.startswith(("file:", "data:")) for u in requested), requested
    assert not CODE_NAMES.search(text), CODE_NAMES.search(text)
    if lang == "en":
        assert "26.7%" in text and "60.9%" in text and "20 of 75" in text and "70 of 115" in text
        assert re.search(r"in \d+ of 100 paired runs", text)
        assert "Recommendations" in text
    else:
        assert "26,7%" in text and "60,9%" in text and "20 van 75" in text and "70 van 115" in text
        assert re.search(r"in \d+ van de 100 gepaarde runs", text)
        assert "Aanbevelingen" in text and "Kanttekeningen" in text and "Recommendations" not in text


def test_plain_text_has_no_code_names():
    """The check above can fail: it finds the names a brief must not show."""
    for bad in ("behaviour.decision.fee_barrier_share", "narrow.starts", "cost_per_start", "fee_eur"):
        assert CODE_NAMES.search(visible_text(f"<p>{bad}</p>"))
    assert not CODE_NAMES.search("Cost per start: EUR 1,293 (1,100 – 2,000), starts per conversation")


def test_two_scenario_files_of_one_name_are_refused(tmp_path):
    """The brief labels each approach by its file name, as ``outreach compare`` does: two files
    of one name in different folders would have their observed rates matched to the wrong file."""
    for folder in ("a", "b"):
        shutil.copytree(ROOT / "scenarios", tmp_path / folder)
    second = tmp_path / "b" / "roermond_network.yaml"
    out = tmp_path / "out"
    done = outreach("brief", tmp_path / "a" / "roermond_network.yaml", second, "--no-posterior", "--replicates", "1",
                    "--out", out, env=NO_CHROMIUM)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == (f"error: {second}: SCENARIO: a second scenario file named 'roermond_network'; "
                         "allowed: files with different names"), done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_every_approach_gets_its_own_curve_over_time():
    """A brief of many approaches draws a curve for each, each told apart by colour or dash."""
    import matplotlib

    matplotlib.use("Agg")
    from sim import plots

    months = pd.Series(range(12))
    curves = {f"approach {i}": pd.DataFrame({"month": months, "median": months * i, "low": months * i - 1,
                                             "high": months * i + 1}) for i in range(9)}
    fig = plots.over_time(curves, "months", "starts")
    lines = fig.axes[0].get_lines()
    assert [line.get_label() for line in lines] == list(curves)
    looks = {(line.get_color(), line.get_linestyle()) for line in lines}
    assert len(looks) == len(curves)


def test_how_many_runs_stay_below_from_a_month_on():
    from sim import compare as cmp

    months = [0.0, 1.0, 2.0, 3.0]
    paths = pd.DataFrame({0: [900, 700, 600, 500], 1: [900, 900, 600, 700], 2: [500, 500, 500, 650]}, index=months)
    assert cmp.runs_below_from(paths, 680, 2.0) == 2  # run 1 rises above again at month 3
    assert cmp.runs_below_from(paths, 680, 0.0) == 1


def _lever(extra_starts, extra_cost, more, fewer, runs=20):
    from types import SimpleNamespace

    from sim.brief.build import Lever
    from sim.compare import LeverEffect

    lever = Lever("letter", "letter", "broad", "b", {})
    lever.effect = LeverEffect(extra_starts, extra_cost, more, fewer, runs, (math.nan, math.nan, math.nan))
    return lever, SimpleNamespace(levers=[lever])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_lever_that_saves_money_for_fewer_starts_is_a_trade_off_not_a_loss(lang):
    from sim.brief import render

    lever, brief = _lever((-2, -4, 7), (-4798, -9616, -915), more=5, fewer=15)
    answer, sure = render._lever_answer(lever, {"b": "broad visits"}, lang)
    assert ("does not pay" not in answer and "loont niet" not in answer), answer
    assert ("saving" in answer) if lang == "en" else ("besparing" in answer), answer
    assert "15" in sure
    # the starts range holds gains too: the table says how often there are fewer
    table = render.lever_table(brief, {"b": "broad visits"}, lang)
    assert ("fewer starts in 15 of 20 runs" in table) if lang == "en" else ("minder starts in 15 van 20 runs" in table)


def test_a_lever_that_loses_starts_and_saves_nothing_does_not_pay():
    from sim.brief import render

    lever, _ = _lever((-3, -6, -1), (200, -300, 900), more=0, fewer=20)
    answer, _sure = render._lever_answer(lever, {"b": "broad visits"}, "en")
    assert "does not pay" in answer


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_method_says_how_many_counts_the_calibration_used(lang):
    from types import SimpleNamespace

    from sim.brief import render

    text = render.method_text(SimpleNamespace(targets=16, particles=30, posterior=POSTERIOR), lang, "outreach brief")
    assert "16" in text and "seven" not in text and "zeven" not in text, text
    plain = render.method_text(SimpleNamespace(targets=None, particles=0, posterior=None), lang, "outreach brief")
    assert ("calibration" not in plain or "no calibration" in plain) if lang == "en" else "zonder kalibratie" in plain
