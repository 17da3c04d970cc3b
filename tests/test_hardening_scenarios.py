"""Property-based: malformed scenario files are refused cleanly, never with a traceback.

Hypothesis generates mutations of a valid scenario (wrong types, out-of-range values, missing
and unknown keys) and whole files that are not scenarios (empty, binary, non-YAML, YAML tags).
In process, every case must either load or raise an InputError of one line that names the
file and a key and says what is allowed; a sample also goes through the command line (exit 2,
stderr only, nothing written)."""

from __future__ import annotations

import copy
import datetime as dt
import functools
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, examples, key_paths, outreach
from sim.config import read_with_extends
from sim.errors import InputError
from sim.model import OutreachModel
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
BASE = read_with_extends(ROOT / "scenarios" / "roermond_pilot.yaml")
BASE["behaviour"] = {"home": {"morning": 0.3, "evening": 0.7}, "decision": {"base_interest": {"voluntary": 0.3}}}

PATHS = key_paths(BASE)
MAPPINGS = [()] + [p for p in PATHS if isinstance(functools.reduce(lambda n, k: n[k], p, BASE), dict)]

junk_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)


def _set(data, path, value):
    node = data
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value


def _delete(data, path):
    node = data
    for k in path[:-1]:
        node = node[k]
    if isinstance(node, dict):
        del node[path[-1]]
    else:
        node.pop(path[-1])


mutations = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(PATHS), junk_values),
    st.tuples(st.just("delete"), st.sampled_from(PATHS), st.none()),
    st.tuples(st.just("add"), st.sampled_from(MAPPINGS), st.text(min_size=1, max_size=12)),
)


def mutate(ops):
    data = copy.deepcopy(BASE)
    for op, path, arg in ops:
        try:
            if op == "set":
                _set(data, path, arg)
            elif op == "delete":
                _delete(data, path)
            else:
                node = data
                for k in path:
                    node = node[k]
                node[f"x_{arg}"] = 1
        except (KeyError, IndexError, TypeError, AttributeError):
            pass  # an earlier mutation removed or replaced the path
    return data


def check_clean(path: Path):
    try:
        scenario = load_scenario(path)
    except InputError as exc:
        text = f"error: {exc}"
        assert "\n" not in text
        assert str(path) in text
        assert exc.key
        assert exc.allowed, text
        return
    # anything else propagates and fails the test; a file that loads must also run
    households = sum(n.households for n in scenario.world.neighbourhoods) or scenario.world.city.households
    if households <= 20000 and scenario.days <= 4 * 366 and scenario.coaches.count <= 50:
        model = OutreachModel(scenario, 1)
        model.run()
        # whatever a valid file says, the answers stay meaningful
        o = model.recorder.outcomes()
        assert o["cost_eur"] >= 0 and o["fee_income_eur"] >= 0
        assert all(0 <= v <= 1 for k, v in o.items() if k.endswith("success_rate") and v == v), o


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutations, min_size=1, max_size=3))
def test_mutated_scenarios_are_refused_cleanly(tmp_path, ops):
    CASES["scenario files, mutated"] += 1
    path = tmp_path / "mutated.yaml"
    path.write_text(yaml.safe_dump(mutate(ops), sort_keys=False, allow_unicode=True))
    check_clean(path)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")
                                                                         if False else t.encode("utf-8", "ignore"))))
def test_arbitrary_files_are_refused_cleanly(tmp_path, content):
    CASES["scenario files, arbitrary bytes and text"] += 1
    path = tmp_path / "junk.yaml"
    path.write_bytes(content)
    check_clean(path)


TAGGED = [
    "!!python/object/apply:os.system ['echo pwned']\n",
    "name: !!python/name:os.system\n",
    "name: !!binary aGVsbG8=\nstart: 2009-01-01\n",
    "a: &a [*a]\n",
    "name: x\nworld: !custom {}\n",
]


def test_tags_and_cli_sample(tmp_path):
    """A sample of bad files through the command line: exit 2, one line on stderr, nothing written."""
    cases = list(TAGGED)
    for ops in [
        [("set", ("coaches", "count"), "many")],
        [("delete", ("start",), None)],
        [("add", ("policy",), "fee")],
        [("set", ("strategies", 0, "type"), "flyers")],
        [("set", ("policy", "fee_eur"), -1)],
    ]:
        cases.append(yaml.safe_dump(mutate(ops), sort_keys=False))
    for i, text in enumerate(cases):
        CASES["scenario files through the command line"] += 1
        path = tmp_path / f"case{i}.yaml"
        path.write_text(text)
        out = tmp_path / f"out{i}"
        proc = outreach("run", path, "-r", "1", "--out", out)
        assert proc.returncode == 2, (text, proc.stderr)
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in proc.stderr, proc.stderr
        assert not out.exists()
