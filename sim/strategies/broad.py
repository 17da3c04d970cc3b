"""Broad home visits (brede aanpak, 000 chapter 4): an announcement letter with date and time
(people can decline in advance), a broad topic list, referrals of other problems to partners,
and an unannounced aftercare visit two weeks later that builds trust."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sim.agents.state import Context
from sim.config.quantities import Count, Days, Status, _src
from sim.config.strategies import StrategyBase, VisitSettings
from sim.strategies.home_visits import HomeVisits
from sim.strategies.registry import StrategyInfo, register


class BroadStrategy(StrategyBase, VisitSettings):
    type: Literal["broad"] = "broad"
    letters: Count | None = Field(
        None, **_src("cap on addresses: the announcement letters sent (42 in Roermond, 000:543), or the addresses "
                     "rung when unannounced; none means as many as hours allow")
    )
    target_statuses: list[Status] = Field(
        default_factory=lambda: ["voluntary", "obligated", "refuser"],
        **_src("mostly voluntary potential participants (000:413-418, 000:974)"),
    )
    announced: bool = Field(True, **_src("announcement letter with date and time (000:403-409)"))
    note_and_second_attempt: bool = Field(False, **_src("no second attempt reported (000:546-548)"))
    refer_problems: bool = Field(True, **_src("other problems referred to partners (000:567-585)"))
    aftercare: bool = Field(True, **_src("unannounced aftercare visit two weeks after a referral (000:639-645)"))
    aftercare_days: Days = Field(14.0, **_src("two weeks (000:639)"))
    statuses_first: list[Status] = Field(
        default_factory=lambda: ["voluntary"], **_src("the broad round visited mostly voluntary oldcomers (000:974)")
    )


class BroadVisits(HomeVisits):
    name = "broad"

    def setup(self) -> None:
        spec = self.spec
        first = set(spec.statuses_first)
        targets = set(spec.target_statuses)
        lists = []
        for hood in self.model.world.neighbourhoods:
            # the register cannot tell who has diplomas, so they are on the list too (000:343-345);
            # the households are in street and house order: those of the first statuses go first, each in that order
            hh = [h for h in hood.households if h.status in targets or h.status == "not_in_need"]
            lists.append([h for h in hh if h.status in first] + [h for h in hh if h.status not in first])
        self.queue_in_turn(lists)

    def address_cap(self) -> int | None:
        return self.spec.letters

    # ------------------------------------------------------------------ after the conversation

    def after_conversation(self, household, decision, coaches) -> None:
        if not self.spec.refer_problems:
            return
        model = self.model
        rec = model.recorder
        picked_up = False
        any_referral = False
        d = model.behaviour.decision
        raised = d.problem_raised_multiple if household.multiple_problems else d.problem_raised
        for kind in household.problems:
            if model.rng.random() >= raised:
                continue
            any_referral = True
            rec.count(self.name, "problem_referrals")
            rec.count(self.name, f"problem_referrals_{kind}")
            partner = model.world.partner_for(household, kind)
            if partner is not None and partner.receive_problem(household):
                picked_up = True
        if any_referral and self.spec.aftercare:
            day = int(model.time + self.spec.aftercare_days)
            if day < model.end_time:
                slot = self.pick_slot(model.date_of(day))
                model.at(model.slot_time(day, slot), self._aftercare, household, slot, picked_up)

    def _aftercare(self, household, slot: str, picked_up: bool) -> None:
        """'I was in the neighbourhood anyway...' (000:639-645): unannounced; trust grows when
        the referral was picked up; language and participation are raised again."""
        model = self.model
        rec = model.recorder
        t = model.behaviour.time
        coaches = model.pick_coaches(self.spec.pairs)
        rec.count(self.name, "aftercare_visits")
        for c in coaches:
            c.book("notes_and_second_visits", t.prep_hours + t.door_hours, self.name)
        if not household.is_home(slot, False, model.is_holiday(model.time)):
            return
        if picked_up:
            household.trust = min(1.0, household.trust + model.behaviour.decision.aftercare_trust_gain)
        for c in coaches:
            c.book("notes_and_second_visits", t.aftercare_conversation_hours, self.name)
        if household.stage.committed:
            return
        ctx = Context(route=self.name, framing=self.setting("framing", model.date_of(model.time)),
                      trained_coach=self.trained(coaches), aftercare=True)
        model.pathway.converse(household, ctx, coaches, self.spec.intake_on_the_spot)


INFO = register(StrategyInfo(
    name="broad", spec=BroadStrategy, runtime=BroadVisits, label_en="broad home visits",
    label_nl="brede huisbezoeken", scaled=("hours_per_week", "letters"), scaled_whole=("letters",),
))
