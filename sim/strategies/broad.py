"""Broad home visits (brede aanpak, 000 chapter 4): an announcement letter with date and time
(people can decline in advance), a broad topic list, referrals of other problems to partners,
and an unannounced aftercare visit two weeks later that builds trust."""

from __future__ import annotations

from sim.agents.household import Context, Stage
from sim.strategies.home_visits import HomeVisits


class BroadVisits(HomeVisits):
    name = "broad"
    announced = True

    def setup(self) -> None:
        spec = self.spec
        first = set(spec.statuses_first)
        targets = set(spec.target_statuses)
        lists = []
        for hood in self.model.neighbourhoods:
            hh = [h for h in hood.households if h.status in targets or h.status == "not_in_need"]
            # the register cannot tell who has diplomas, so they are on the list too (000:343-345)
            hh.sort(key=lambda h: (h.status not in first, h.street, h.house))
            lists.append(hh)
        while any(lists):
            for lst in lists:
                if lst:
                    self.queue.append(lst.pop(0))
        self.letters_sent = 0

    def expected_hours_per_address(self) -> float:
        return super().expected_hours_per_address() + self.model.behaviour.time.letter_hours

    def schedule_contact(self, household, day: int) -> None:
        """Send the letter now; the visit is a week later at the stated time (000:403-409)."""
        spec = self.spec
        if spec.letters is not None and self.letters_sent >= spec.letters:
            self.queue.clear()
            return
        model = self.model
        rec = model.recorder
        self.letters_sent += 1
        rec.count(self.name, "letters")
        rec.count(self.name, "addresses_approached")
        rec.count(self.name, "letter_cost_eur", model.policy.letter_cost_eur)
        model.pick_coaches(False)[0].book("preparation", model.behaviour.time.letter_hours, self.name)
        household.stage = Stage.APPROACHED
        visit_day = day + 7
        if visit_day >= model.end_time:
            return
        if household.declines_letter():
            rec.count(self.name, "declined_in_advance")
            household.stage = Stage.DECLINED
            household.route = household.route or self.name
            return
        slot = self.pick_slot(model.date_of(visit_day))
        model.at(model.slot_time(visit_day, slot), self.visit, household, slot, 1, False)

    # ------------------------------------------------------------------ after the conversation

    def after_conversation(self, household, decision, coaches) -> None:
        if not self.spec.referrals:
            return
        model = self.model
        rec = model.recorder
        picked_up = False
        any_referral = False
        factor = 0.75 if household.multiple_problems else 0.25
        for kind in household.problems:
            if model.rng.random() >= min(1.0, factor):
                continue
            any_referral = True
            rec.count(self.name, "referrals")
            rec.count(self.name, f"referrals_{kind}")
            partner = model.partner_for(household, kind)
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
            c.book("notes_and_second_visits", t.conversation_hours * 0.5, self.name)
        if household.stage >= Stage.INTERESTED:
            return
        ctx = Context(route=self.name, framing=self.setting("framing", model.date_of(model.time)),
                      trained_coach=self.trained(coaches), aftercare=True)
        model.pathway.converse(household, ctx, coaches, self.spec.intake_on_the_spot)
