"""What narrow and broad home visits share: a list of addresses, an announcement letter or an
unannounced ring at the door, a note and a second attempt, the conversation, and the hours
each costs (000:242-260, 000:403-409, 000:543-548, 000:603-607)."""

from __future__ import annotations

from collections import deque

from sim.agents.state import Context
from sim.strategies.base import Strategy


class HomeVisits(Strategy):
    """Base for strategies that ring doorbells. Subclasses build the list and may add
    follow-up after the conversation. Whether visits are announced by a letter with a date and
    time is the scenario's ``announced`` setting."""

    def __init__(self, model, spec, index):
        super().__init__(model, spec, index)
        self.queue: deque = deque()
        self._spent = 0.0
        self._addresses = 0
        self.letters_sent = 0
        self._approached = 0

    @property
    def announced(self) -> bool:
        return self.spec.announced

    def queue_in_turn(self, lists: list[list]) -> None:
        """Queue the addresses of several lists (one a neighbourhood) taking one of each in turn."""
        lists = [x for x in lists if x]
        while lists:
            # the rows all lists reach, by slices (a city has thousands of addresses), then the rest
            k, m = len(lists), min(len(x) for x in lists)
            rows: list = [None] * (k * m)
            for j, x in enumerate(lists):
                rows[j::k] = x[:m]
            self.queue.extend(rows)
            lists = [x[m:] for x in lists if len(x) > m]

    def address_cap(self) -> int | None:
        """At most this many addresses (None: as many as the hours allow)."""
        return None

    # ------------------------------------------------------------------ planning

    def expected_hours_per_address(self) -> float:
        """Running mean of the hours an address has cost, starting from the seed's rule
        (1 h a coach without a conversation, 2 h with one; 000:257-259)."""
        t = self.model.behaviour.time
        coaches = 2 if self.spec.pairs else 1
        talk = t.planning_conversation_share
        prior = coaches * (t.prep_hours + t.door_hours + t.admin_hours_per_address + talk * t.conversation_hours
                           + (1.0 - talk) * t.note_hours)
        if self.announced:
            prior += t.letter_hours + self._channel_hours()
        weight = t.planning_prior_addresses
        return (prior * weight + self._spent) / (weight + self._addresses)

    def plan_week(self, t0: float, budget: float) -> None:
        self.balance = min(self.balance + budget, budget * 2)  # unspent hours carry over one week at most
        days = self.days_in_week(t0)
        if not days:
            return
        cost = self.expected_hours_per_address()
        cap = self.address_cap()
        i = 0
        while self.queue and self.balance >= cost * 0.5:
            if cap is not None and self._approached >= cap:
                self.queue.clear()
                return
            household = self.queue.popleft()
            if household.stage.reached:
                continue
            day = days[i % len(days)]
            i += 1
            self.balance -= cost
            self._approached += 1
            self.schedule_contact(household, day)

    def schedule_contact(self, household, day: int) -> None:
        """Unannounced: ring the bell on ``day`` in one of the strategy's slots. Announced: send
        the letter now; the visit is some days later at the stated time (000:403-409)."""
        model = self.model
        if not self.announced:
            slot = self.pick_slot(model.date_of(day))
            model.at(model.slot_time(day, slot), self.visit, household, slot, 1, False)
            return
        rec = model.recorder
        t = model.behaviour.time
        c = model.behaviour.contact
        spec = self.spec
        self.letters_sent += 1
        rec.count(self.name, "letters")
        rec.count(self.name, "addresses_approached")
        rec.count(self.name, "letter_cost_eur", model.policy.now.letter_cost_eur)
        coach = model.pick_coaches(False)[0]
        coach.book("preparation", t.letter_hours, self.name)
        household.approach()
        visit_day = day + int(t.letter_days_ahead)
        if visit_day >= model.end_time:
            return
        # what makes people more often at home at the stated time (002:4348-4377, 002:5370-5378,
        # 004:8246-8270, 004:16873-16899, 004:17849-17855)
        boost, decline = 0.0, 0.0
        if spec.letter_language == "own":
            rec.count(self.name, "translation_cost_eur", model.policy.now.translation_cost_eur)
            boost += c.own_language_effect
        if spec.follow_up != "none":
            phone = spec.follow_up == "phone"
            coach.book("preparation", t.follow_up_call_hours if phone else t.whatsapp_hours, self.name)
            rec.count(self.name, "follow_ups")
            if model.rng.random() < (c.phone_reach if phone else c.whatsapp_reach):
                rec.count(self.name, "follow_ups_reached")
                boost += c.follow_up_home_effect
                decline += c.follow_up_decline_effect
        if household.declines_letter(decline):
            rec.count(self.name, "declined_in_advance")
            household.decline(self.name)
            return
        if spec.reminder:
            coach.book("preparation", t.reminder_hours, self.name)
            rec.count(self.name, "reminders")
            boost += c.reminder_home_effect
        slot = self.pick_slot(model.date_of(visit_day))
        model.at(model.slot_time(visit_day, slot), self.visit, household, slot, 1, False, boost)

    def _channel_hours(self) -> float:
        """Coach hours per address of the follow-up and reminder, for planning."""
        t = self.model.behaviour.time
        spec = self.spec
        hours = {"none": 0.0, "phone": t.follow_up_call_hours, "whatsapp": t.whatsapp_hours}[spec.follow_up]
        return hours + (t.reminder_hours if spec.reminder else 0.0)

    # ------------------------------------------------------------------ the visit

    def visit(self, household, slot: str, attempt: int, appointment: bool, boost: float = 0.0) -> None:
        model = self.model
        rec = model.recorder
        t = model.behaviour.time
        name = self.name
        coaches = model.pick_coaches(self.spec.pairs)
        first = attempt == 1
        announced = self.announced and first  # the letter named the first visit's date and time
        if first and not self.announced:
            rec.count(name, "addresses_approached")
        if first:
            self._addresses += 1
            rec.count(name, "first_visits")
        before = sum(c.total_hours for c in coaches)
        prep_activity = "preparation" if first else "notes_and_second_visits"
        door_activity = "doors" if first else "notes_and_second_visits"
        for c in coaches:
            c.book(prep_activity, t.prep_hours, name)
            if first:
                c.book("notes_and_second_visits", t.admin_hours_per_address, name)
        household.approach()
        if appointment:
            home = model.rng.random() < model.behaviour.home.appointment_home
        else:
            home = household.is_home(slot, announced, model.is_holiday(model.time), boost)
        for c in coaches:
            c.book(door_activity, t.door_hours, name)
        rec.door(household, home, name)
        if slot == "morning":
            rec.count(name, "morning_visits")
            if home:
                rec.count(name, "morning_opened")
        if not home:
            if first:
                rec.count(name, "nobody_home_first")
                if self.spec.note_and_second_attempt:
                    self.leave_note(household, coaches, slot)
            self._spent += sum(c.total_hours for c in coaches) - before
            return
        rec.count(name, "doors_opened")
        if not household.talks(announced or appointment, model.policy.now.interpreter, len(coaches) > 1):
            self._spent += sum(c.total_hours for c in coaches) - before
            return
        rec.count(name, "conversations")
        for c in coaches:
            c.book("conversations", t.conversation_hours, name)
        date = model.date_of(model.time)
        ctx = Context(route=name, framing=self.setting("framing", date), trained_coach=self.trained(coaches))
        decision = model.pathway.converse(household, ctx, coaches, self.spec.intake_on_the_spot)
        self.after_conversation(household, decision, coaches)
        self._spent += sum(c.total_hours for c in coaches) - before

    def leave_note(self, household, coaches, slot: str) -> None:
        """A note asks them to call; without an answer, a second visit follows (000:244-246)."""
        model = self.model
        rec = model.recorder
        rec.count(self.name, "notes_left")
        for c in coaches:
            c.book("notes_and_second_visits", model.behaviour.time.note_hours, self.name)
        day = int(model.time) + int(model.behaviour.time.second_visit_days)
        if day >= model.end_time:
            return
        if household.answers_note():
            # a second visit at the time the household chose (000:254-255)
            chosen = "evening" if model.rng.random() < model.behaviour.home.chosen_evening else "late_afternoon"
            model.at(model.slot_time(day, chosen), self._second_visit, household, chosen, True)
        else:
            model.at(model.slot_time(day, slot), self._second_visit, household, slot, False)

    def _second_visit(self, household, slot: str, appointment: bool) -> None:
        if not household.stage.open:
            return
        self.model.recorder.count(self.name, "second_visits")
        self.visit(household, slot, 2, appointment)

    def after_conversation(self, household, decision, coaches) -> None:
        """Hook for follow-up after a conversation (referrals, aftercare)."""
