"""The coaches and the policy: fee, childcare, interpreter, waiting time, the offer, letters,
and dated changes of policy."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from sim.config.quantities import HOURS_PER_WEEK, FeeEur, Strict, Weeks, _src


class CoachSpec(Strict):
    count: Annotated[int, Field(ge=1, le=100_000)] = Field(3, **_src("three trajectcoaches (000:874-875)"))
    fte: Annotated[float, Field(gt=0.0, le=1.5)] = Field(0.9, **_src(
        "2.7 extra FTE in total (000:948); spread over 3 coaches"))
    hours_per_fte_year: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK * 52)] = Field(
        1350.0, **_src("1,350 workable hours per FTE per year (001:284)")
    )
    hourly_cost_eur: Annotated[float, Field(ge=0.0, le=1000.0)] = Field(
        47.0, **_src("EUR 512,000, mostly personnel, 2.7 extra FTE (000:944-948); derived: about EUR 47 an hour over 3 "
                     "years")
    )
    max_clients_per_coach: Annotated[int, Field(ge=1, le=1000)] = Field(50, **_src(
        "50 clients per coach per year (001:284-286)"))
    case_hours_per_client_year: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK * 52)] = Field(
        13.5, **_src("case management per client in a course per year (assumption: half of the 27 hours per client "
                     "of 001:284, which cover finding and binding too, booked here as outreach; docs/MODEL.md)")
    )
    trained_from: dt.date | None = Field(
        None, **_src("date of the training 'effectief communiceren en motiveren' (000:424-447)")
    )


class OfferSpec(Strict):
    trajectory: bool = Field(True, **_src("the regular integration trajectory (000:193-194)"))
    literacy: bool = Field(True, **_src("literacy course (000:180)"))
    conversation_classes: bool = Field(True, **_src("mother-centre conversation classes (000:182-184)"))
    home_lessons: bool = Field(True, **_src("STEM home lessons (000:181, 000:230-238)"))
    starter_courses: bool = Field(False, **_src("'instapcursussen inburgering' from week 39 of 2010 (000:525-528)"))
    participation: bool = Field(True, **_src("participation offers in the neighbourhood (000:187-189, 000:549-551)"))


class PolicySpec(Strict):
    fee_eur: FeeEur = Field(270.0, **_src("contribution fee for voluntary participants (000:213, 000:457-460)"))
    fee_eur_obligated: FeeEur = Field(270.0, **_src("statutory contribution for obligated participants (000:213, "
                                                    "000:349-350)"))
    childcare: bool = Field(False, **_src("childcare with the course (000:214: none in the evening)"))
    interpreter: bool = Field(True, **_src("interpreter telephone at the door (000:267-269)"))
    waiting_time_weeks: Weeks = Field(4.0, **_src("weeks from intake to the start of a course (assumption)"))
    offer: OfferSpec = Field(default_factory=OfferSpec)
    letter_cost_eur: Annotated[float, Field(ge=0.0, le=100.0)] = Field(1.5, **_src(
        "printing and postage per letter (assumption)"))
    translation_cost_eur: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        2.0, **_src("translating an announcement letter, per letter (assumption; 'niet eens duur', 002:5375-5377)")
    )
    statutory_fee_eur: FeeEur = Field(
        270.0, **_src("the statutory contribution, the fee at which fee_barrier_share is observed (000:213)")
    )


class PolicyChange(Strict):
    """A dated change of policy, e.g. the fee abolished on 2010-06-10 (000:458)."""

    date: dt.date
    fee_eur: FeeEur | None = None
    fee_eur_obligated: FeeEur | None = None
    childcare: bool | None = None
    waiting_time_weeks: Weeks | None = None
    offer: OfferSpec | None = None
