"""Dated policy changes: a change replaces what it names and nothing else, and a value the user
set that a change later replaces is reported, however the user set it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sim.errors import OverrideWarning
from sim.model import OutreachModel
from sim.scenario import load_scenario, replaced_overrides

ROOT = Path(__file__).resolve().parents[1]
PILOT = ROOT / "scenarios" / "roermond_pilot.yaml"


def _variant(tmp_path: Path, **data) -> Path:
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump({"extends": str(PILOT), **data}, sort_keys=False))
    return path


def test_a_change_naming_one_offer_leaves_the_others_as_they_were(tmp_path):
    path = _variant(
        tmp_path,
        policy={"offer": {"conversation_classes": False, "home_lessons": False, "starter_courses": False}},
        policy_changes=[{"date": "2010-06-10", "fee_eur": 0},
                        {"date": "2010-09-27", "offer": {"starter_courses": True}}],
    )
    model = OutreachModel(load_scenario(path), 0)
    model.run()
    offer = model.policy.now.offer
    assert offer.starter_courses
    assert not offer.home_lessons and not offer.conversation_classes
    starts = model.recorder.totals.get("starts_conversation_or_home_lessons", 0)
    assert starts == 0


def test_a_change_listing_every_offer_still_replaces_them_all():
    sc = load_scenario(PILOT, overrides={"policy.offer.home_lessons": False})
    with pytest.warns(OverrideWarning, match="policy.offer.home_lessons"):
        model = OutreachModel(sc, 0)
    model.run()
    assert model.policy.now.offer.home_lessons  # the pilot's change of 2010-09-27 lists all six


def test_a_whole_section_set_over_the_file_is_reported_when_a_change_replaces_part_of_it():
    sc = load_scenario(PILOT, overrides={"policy": {"fee_eur": 100}})
    messages = replaced_overrides(sc)
    assert len(messages) == 1 and "policy.fee_eur" in messages[0] and "2010-06-10" in messages[0], messages


def test_an_offer_the_change_does_not_name_is_not_reported(tmp_path):
    path = _variant(tmp_path, policy_changes=[{"date": "2010-09-27", "offer": {"starter_courses": True}}])
    assert replaced_overrides(load_scenario(path, overrides={"policy.offer.home_lessons": False})) == []
    messages = replaced_overrides(load_scenario(path, overrides={"policy.offer.starter_courses": False}))
    assert len(messages) == 1 and "2010-09-27" in messages[0], messages


def test_a_change_set_to_the_same_value_is_not_reported():
    sc = load_scenario(PILOT, overrides={"policy.fee_eur": 100, "policy_changes.0.fee_eur": 100})
    assert replaced_overrides(sc) == []
    model = OutreachModel(sc, 0)
    model.run()
    assert model.policy.now.fee_eur == 100
