"""The trainer app's model side: the levers a scenario offers, the run a trainer steps, and
paired runs for compare mode. Nothing here draws; nothing here knows about the browser.

A lever left at the scenario's value is not overridden, so the scenario's dated phases and
policy changes stay as written; a lever the trainer changes replaces them (and the app says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sim.config.quantities import SEED_MAX
from sim.model import OutreachModel
from sim.scenario import Scenario, load_scenario, with_values
from sim.strategies.broad import BroadStrategy
from sim.strategies.narrow import NarrowStrategy
from sim.summary import interval, intervals

SCENARIOS = Path(__file__).resolve().parent / "data" / "scenarios"
SLOTS = ("morning", "early_afternoon", "late_afternoon", "evening")
FRAMINGS = ("inburgering", "taal_en_meedoen")
VISITS = ("narrow", "broad")  # strategies that ring doorbells
AS_SCENARIO = "scenario"  # a choice that keeps what the scenario file says, phases included
TRAINED = (AS_SCENARIO, "start", "never")
STATUSES = ("obligated", "refuser", "voluntary", "not_in_need")


def scenario_names() -> list[str]:
    return sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


def load(name: str) -> Scenario:
    if name not in scenario_names():
        raise ValueError(f"unknown scenario {name!r}")
    return load_scenario(SCENARIOS / f"{name}.yaml")


@dataclass(frozen=True)
class Lever:
    """One control: its key in the settings, its kind and, for selects, its choices."""

    key: str
    kind: str  # "fee", "hours", "choice", "flag"
    strategy: str | None = None
    choices: tuple = ()


def _strategy(sc: Scenario, kind: str):
    return next((s for s in sc.strategies if s.type == kind), None)


def reached_statuses(sc: Scenario) -> set[str]:
    """Who the scenario's strategies can reach: decides which of the two fees applies."""
    out: set[str] = set()
    for s in sc.strategies:
        if isinstance(s, NarrowStrategy):
            out |= {k for k, w in s.selection_weight.items() if w > 0} | ({"refuser"} if s.include_refusers else set())
        elif isinstance(s, BroadStrategy):
            out |= set(s.target_statuses) & _broad_reach(sc, s)
        else:  # names from partners, key figures, ambassadors and campaign leads can be anyone
            out |= set(STATUSES)
    return out


def _broad_reach(sc: Scenario, s: BroadStrategy) -> set[str]:
    """The statuses broad visits reach: the first statuses only, when the letters run out while
    every neighbourhood still has, by a wide margin, households of those statuses to visit (each
    neighbourhood's list puts them first, and the neighbourhoods are visited in turn)."""
    from sim.world import neighbourhood_specs

    everyone = set(STATUSES)
    if s.letters is None or "voluntary" not in s.statuses_first:
        return everyone
    hoods = neighbourhood_specs(sc)
    if not hoods:
        return everyone
    # the voluntary households a neighbourhood holds, expected, with half of them to spare
    fewest = min((h.households - h.bpi_registered - h.earlier_refusers) * (1 - sc.world.not_in_need_share)
                 for h in hoods)
    if 0.5 * fewest * len(hoods) >= s.letters:
        return set(s.statuses_first)
    return everyone


def levers(sc: Scenario) -> list[Lever]:
    """The controls that apply to this scenario, in the order the app shows them."""
    reached = reached_statuses(sc)
    out = []
    if reached & {"voluntary"}:
        out.append(Lever("fee_eur", "fee"))
    if reached & {"obligated", "refuser"}:
        out.append(Lever("fee_eur_obligated", "fee"))
    out.append(Lever("trained", "choice", choices=TRAINED))
    for s in sc.strategies:
        if s.type == "campaign":
            continue  # leads are phoned whatever the hours: nothing for a trainer to set
        out.append(Lever(f"{s.type}.hours", "hours", s.type))
        if s.type in VISITS:
            out += [Lever(f"{s.type}.slot", "choice", s.type, (AS_SCENARIO, *SLOTS)),
                    Lever(f"{s.type}.framing", "choice", s.type, (AS_SCENARIO, *FRAMINGS)),
                    Lever(f"{s.type}.pairs", "flag", s.type),
                    Lever(f"{s.type}.announced", "flag", s.type)]
    return out


def scenario_settings(sc: Scenario) -> dict:
    """The scenario's own values for every lever that applies (what the controls show first)."""
    values: dict = {"fee_eur": sc.policy.fee_eur, "fee_eur_obligated": sc.policy.fee_eur_obligated,
                    "trained": AS_SCENARIO, "seed": sc.seed}
    for s in sc.strategies:
        values[f"{s.type}.hours"] = s.hours_per_week
        if isinstance(s, NarrowStrategy | BroadStrategy):  # the strategies of VISITS
            values[f"{s.type}.slot"] = AS_SCENARIO
            values[f"{s.type}.framing"] = AS_SCENARIO
            values[f"{s.type}.pairs"] = s.pairs
            values[f"{s.type}.announced"] = s.announced
    return {k: v for k, v in values.items() if k == "seed" or k in {lv.key for lv in levers(sc)}}


def fee_changes(sc: Scenario) -> list[tuple]:
    """The scenario's dated fee changes: (date, which fee, new value)."""
    return [(c.date, key, getattr(c, key)) for c in sc.policy_changes
            for key in ("fee_eur", "fee_eur_obligated") if getattr(c, key) is not None]


def phases_of(sc: Scenario, kind: str, what: str) -> list[tuple]:
    """A visit strategy's own value of ``what`` ("slots" or "framing") and its dated changes."""
    s = _strategy(sc, kind)
    first = [(s.start, getattr(s, what))]
    return first + [(p.date, getattr(p, what)) for p in s.phases if getattr(p, what) is not None]


def apply_settings(sc: Scenario, settings: dict) -> Scenario:
    """The scenario with the levers that differ from its own values set; validated like a file."""
    own = scenario_settings(sc)
    changed = {k: v for k, v in settings.items() if k in own and k != "seed" and v != own[k]}
    values: dict = {}
    changes = [c.model_dump(mode="python") for c in sc.policy_changes]
    for fee in ("fee_eur", "fee_eur_obligated"):
        if fee in changed:  # a fee the trainer sets holds throughout: dated changes of it go
            values[f"policy.{fee}"] = float(changed[fee])
            for c in changes:
                c[fee] = None
    if changes != [c.model_dump(mode="python") for c in sc.policy_changes]:
        values["policy_changes"] = [c for c in changes if any(v is not None for k, v in c.items() if k != "date")]
    trained = changed.get("trained")
    if trained is not None:
        values["coaches.trained_from"] = sc.start if trained == "start" else None
    for i, s in enumerate(sc.strategies):
        if s.type == "campaign":
            continue
        key = f"strategies.{i}"
        if f"{s.type}.hours" in changed:
            values[f"{key}.hours_per_week"] = float(changed[f"{s.type}.hours"])
            values[f"{key}.phases"] = [p.model_dump(mode="python") | {"hours_per_week": None} for p in s.phases]
        if s.type not in VISITS:
            continue
        phases = values.get(f"{key}.phases") or [p.model_dump(mode="python") for p in s.phases]
        if f"{s.type}.slot" in changed:
            values[f"{key}.slots"] = {changed[f"{s.type}.slot"]: 1.0}
            phases = [p | {"slots": None} for p in phases]
        if f"{s.type}.framing" in changed:
            values[f"{key}.framing"] = changed[f"{s.type}.framing"]
            phases = [p | {"framing": None} for p in phases]
        phases = [p for p in phases if any(v is not None for k, v in p.items() if k != "date")]
        if phases != [p.model_dump(mode="python") for p in s.phases]:
            values[f"{key}.phases"] = phases
        for flag in ("pairs", "announced"):
            if f"{s.type}.{flag}" in changed:
                values[f"{key}.{flag}"] = bool(changed[f"{s.type}.{flag}"])
        if changed.get(f"{s.type}.announced") is False:
            # without the letter, what comes with it goes too: the call after it, the reminder, its language
            values |= {f"{key}.follow_up": "none", f"{key}.reminder": False, f"{key}.letter_language": "dutch"}
    return with_values(sc, values, file="trainer app") if values else sc


def parse_seed(text) -> int | None:
    """A whole number from 0 to 2**32 - 1, or None."""
    s = str(text).strip()
    if not s.isascii() or not s.isdigit():  # ASCII digits only: int() would also read other scripts
        return None
    n = int(s)
    return n if n <= SEED_MAX else None


THIS_STEP = ("addresses_approached", "doors_opened", "conversations", "names_received", "starts", "declined_in_advance")


class TrainerModel(OutreachModel):
    """The outreach model stepped by a trainer: the model's own step (``days_per_step`` days),
    with what happened in that step kept for the page."""

    def __init__(self, scenario: Scenario, seed: int, days_per_step: int = 7):
        super().__init__(scenario, int(seed), days_per_step=days_per_step)
        self.step_start = 0.0
        self.last_step: dict[str, float] = dict.fromkeys(THIS_STEP, 0.0)
        self.outcomes_now = self.recorder.outcomes()
        self._model_step = self.step
        self.step = self._press

    def _press(self) -> None:
        if not self.running:
            return
        before = {k: self.recorder.totals.get(k, 0.0) for k in THIS_STEP}
        self.step_start = self.time
        self._model_step()
        self.last_step = {k: self.recorder.totals.get(k, 0.0) - before[k] for k in THIS_STEP}
        self.outcomes_now = self.recorder.outcomes()

    def doors_this_step(self) -> list[tuple]:
        """(household, opened) for every door rung in the last step."""
        out = []
        for tm, i, ok, _ in reversed(self.recorder.doors):  # newest first: stop at the step's start
            if tm <= self.step_start:
                break
            out.append((i, ok))
        return out


# ------------------------------------------------------------------ compare mode


@dataclass
class Band:
    """Weekly cumulative starts of several seeds, and each seed's final outcomes."""

    weeks: np.ndarray
    starts: np.ndarray  # seeds x weeks
    finals: dict[str, np.ndarray] = field(default_factory=dict)

    def quantiles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Low, median and high of each week over the seeds."""
        band = intervals(pd.DataFrame(self.starts))
        return band["low"].to_numpy(), band["median"].to_numpy(), band["high"].to_numpy()


FINALS = ("starts", "success_rate", "cost_per_start")


def run_band(sc: Scenario, seeds: list[int], cancelled=lambda: False) -> Band | None:
    rows: list[np.ndarray] = []
    finals: dict[str, list[float]] = {k: [] for k in FINALS}
    for seed in seeds:
        if cancelled():
            return None
        m = OutreachModel(sc, seed)
        m.run()
        rows.append(np.cumsum([r.get("starts", 0.0) for r in m.recorder.weekly_rows]))
        o = m.recorder.outcomes()
        for k in FINALS:
            finals[k].append(o[k])
    width = min(len(r) for r in rows)
    return Band(np.arange(width), np.array([r[:width] for r in rows]), {k: np.array(v) for k, v in finals.items()})


def paired_summary(current: Band, baseline: Band, key: str) -> dict:
    """Medians with 90% ranges, and in how many paired runs (same seed) the current is higher."""
    a, b = current.finals[key], baseline.finals[key]
    ok = ~(np.isnan(a) | np.isnan(b))
    return {"current": interval(a), "baseline": interval(b), "higher": int((a[ok] > b[ok]).sum()),
            "lower": int((a[ok] < b[ok]).sum()), "pairs": int(ok.sum())}
