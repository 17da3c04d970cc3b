"""The strategies section: what the coaches do with their hours. Each strategy type has its
settings; dated phases change visit settings from a date on."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from sim.config.quantities import (
    HOURS_PER_WEEK,
    Count,
    Days,
    Eur,
    Framing,
    Probability,
    Slot,
    Status,
    Strict,
    TaskHours,
    WeekHours,
    _src,
    check_slots,
)


class StrategyPhase(Strict):
    """From a date on, a strategy uses other visit settings (e.g. later in the afternoon: 000:251-254)."""

    date: dt.date
    slots: dict[Slot, Annotated[float, Field(ge=0.0, le=1000.0)]] | None = None
    framing: Framing | None = None
    hours_per_week: WeekHours | None = None

    @model_validator(mode="after")
    def _slots(self):
        check_slots(self.slots)
        return self


class StrategyBase(Strict):
    start: dt.date
    end: dt.date
    hours_per_week: WeekHours = Field(
        **_src("scenario input (lever): coach hours a week for this strategy, both coaches of a pair counting")
    )
    phases: list[StrategyPhase] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates(self):
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}; allowed: an end on or after the start")
        return self


class VisitSettings(Strict):
    slots: dict[Slot, Annotated[float, Field(ge=0.0, le=1000.0)]] = Field(
        default_factory=lambda: {"late_afternoon": 1.0},
        **_src("scenario input (lever): share of visits per time-of-day slot; later in the afternoon works best (000:248-254)"),
    )
    framing: Framing = Field("taal_en_meedoen", **_src("message at the door (000:281-285)"))
    pairs: bool = Field(True, **_src("two coaches per visit (000:242-243)"))
    intake_on_the_spot: bool = Field(True, **_src("intake during the visit when interested (000:325-328)"))

    @model_validator(mode="after")
    def _slots(self):
        check_slots(self.slots)
        return self


class NarrowStrategy(StrategyBase, VisitSettings):
    type: Literal["narrow"] = "narrow"
    register_selection: Count = Field(
        175, **_src("people selected from the municipal register (GBA) (000:152-156)")
    )
    include_refusers: bool = Field(True, **_src("earlier refusers added to the list (000:157-159)"))
    note_and_second_attempt: bool = Field(True, **_src("a note when nobody is home, then a second visit (000:244-246)"))
    announced: bool = Field(False, **_src("narrow visits were unannounced (000:243-244)"))
    selection_weight: dict[Status, Annotated[float, Field(ge=0.0, le=100.0)]] = Field(
        default_factory=lambda: {"obligated": 3.0, "voluntary": 1.0, "not_in_need": 2.5, "refuser": 0.0},
        **_src("relative chance of a register group to be in the register selection (assumption; 000:152-156 selects "
               "by country of birth and age, so potential obligated people more than others; the register cannot "
               "tell who has Dutch diplomas, 000:341-345, so they are picked like the potential obligated)"),
    )


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
    referrals: bool = Field(True, **_src("other problems referred to partners (000:567-585)"))
    aftercare: bool = Field(True, **_src("unannounced aftercare visit two weeks after a referral (000:639-645)"))
    aftercare_days: Days = Field(14.0, **_src("two weeks (000:639)"))
    statuses_first: list[Status] = Field(
        default_factory=lambda: ["voluntary"], **_src("the broad round visited mostly voluntary oldcomers (000:974)")
    )


class NetworkStrategy(StrategyBase):
    type: Literal["network"] = "network"
    partner_share: Probability = Field(
        0.75, **_src("share of network hours spent at partner meetings, the rest with key figures (assumption)")
    )
    handover_hours: TaskHours = Field(2.0, **_src("one coach, preparation and conversation per name (assumption; 000:975)"))
    pairs: bool = Field(False, **_src("names are followed up by one coach (assumption)"))


class CampaignStrategy(StrategyBase):
    type: Literal["campaign"] = "campaign"
    hours_per_week: WeekHours = Field(0.0, **_src("scenario input (lever): leads are phoned whatever the budget"))
    expected_leads: Annotated[float, Field(ge=0.0, le=1e6)] = Field(20.0, **_src("the billboard action gave 20 serious leads (000:494-503)"))
    cost_eur: Eur = Field(10000.0, **_src("media campaign cost (assumption)"))
    follow_up_days: Days = Field(14.0, **_src("leads phoned within two weeks (000:517-519)"))


class AmbassadorsStrategy(StrategyBase):
    """The guide's method 3 (003:443-475): former participants recruit in the neighbourhood."""

    type: Literal["ambassadors"] = "ambassadors"
    ambassadors: Annotated[int, Field(ge=0, le=10_000)] = Field(6, **_src("ambassadors to recruit (assumption; 23 in Zoetermeer, 003:462)"))
    min_days_since_start: Days = Field(
        270.0, **_src("former participants qualify this long after their start (assumption; 003:452 'afgerond')")
    )
    recruit_hours: Annotated[float, Field(ge=0.0, le=HOURS_PER_WEEK)] = Field(8.0, **_src("coach hours to recruit and train one ambassador (assumption; 003:451-456)"))
    fee_per_month_eur: Annotated[float, Field(ge=0.0, le=10000.0)] = Field(50.0, **_src("small monthly allowance per ambassador (assumption; 003:447)"))
    handover_hours: TaskHours = Field(2.0, **_src("one coach, preparation and conversation per name (assumption)"))
    start_engagement: Probability = Field(0.5, **_src("engagement of a new ambassador (assumption; 003:451-456 trained first)"))
    credibility: Probability = Field(0.8, **_src("credibility of someone who did the course themselves (assumption; 003:445)"))
    street_reach: Annotated[int, Field(ge=0, le=10_000)] = Field(
        10, **_src("houses either side on their street an ambassador reaches (assumption; 003:445)")
    )


# The settings of each strategy type, by the ``type`` a scenario names it with.
STRATEGY_SPECS = {
    cls.model_fields["type"].default: cls
    for cls in (NarrowStrategy, BroadStrategy, NetworkStrategy, CampaignStrategy, AmbassadorsStrategy)
}

StrategySpec = Annotated[
    NarrowStrategy | BroadStrategy | NetworkStrategy | CampaignStrategy | AmbassadorsStrategy,
    Field(discriminator="type"),
]
