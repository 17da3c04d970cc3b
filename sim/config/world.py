"""The world section: neighbourhoods with their households and register counts, partner
organisations and key figures, or a generic city whose size is one number."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from sim.config.behaviour import DecidingShares, deciding_only
from sim.config.quantities import BetaShape, Count, PartnerType, PositiveCount, Probability, Status, Strict, _src


class PartnerSpec(Strict):
    type: PartnerType
    count: Annotated[int, Field(ge=1, le=1000)] = Field(1, **_src(
        "how many of this kind (scenario input; assumption where the sources name none)"))
    clients: Count = Field(
        60, **_src("target households tied to each partner (assumption)")
    )
    pickup_probability: Probability = Field(
        0.7, **_src("chance a referred problem is picked up when engagement is full (assumption; 000:597-601)")
    )
    passes_names: bool = Field(
        True, **_src("whether this partner passes on names to the coaches (000:1025-1031)")
    )


class NeighbourhoodSpec(Strict):
    name: str = Field(min_length=1)
    households: PositiveCount = Field(
        **_src("target households: households of non-western migrant origin (001:86-87, 001:95-106; see MODEL.md)")
    )
    bpi_registered: Count = Field(
        **_src("potential obligated participants in the BPI register (001:137)")
    )
    earlier_refusers: Count = Field(
        0, **_src("obligated people who refused an earlier offer (000:157-159: 114 city-wide)")
    )
    streets: Annotated[int, Field(ge=1, le=100_000)] = Field(12, **_src(
        "streets, for street-order visiting (000:175-177); count is an assumption"))
    partners: list[PartnerSpec] = Field(default_factory=list)
    key_figures: Annotated[int, Field(ge=0, le=100_000)] = Field(4, **_src(
        "key figures (assumption; 000:53-54, 001:211)"))

    @model_validator(mode="after")
    def _register_fits(self):
        if self.bpi_registered + self.earlier_refusers > self.households:
            raise ValueError(
                f"bpi_registered + earlier_refusers ({self.bpi_registered + self.earlier_refusers}) "
                f"exceeds households ({self.households}); allowed: register counts within the households"
            )
        return self


class CitySpec(Strict):
    """A generic city whose size is one number; neighbourhoods, partners and key figures scale with it."""

    households: Annotated[int, Field(ge=1, le=5_000_000)] = Field(10000, **_src(
        "scenario input: target households in the whole city"))
    households_per_neighbourhood: PositiveCount = Field(800, **_src("assumption"))
    bpi_share: Probability = Field(0.24, **_src("552 in the BPI register in these neighbourhoods (001:137); derived: "
                                                "of about 2,300 target households"))
    refuser_share: Probability = Field(0.04, **_src("114 earlier refusers city-wide (000:157-159); derived: about 92 "
                                                    "in these neighbourhoods of 2,300 households"))
    streets_per_neighbourhood: Annotated[int, Field(ge=1, le=100_000)] = Field(12, **_src("assumption"))
    key_figures_per_neighbourhood: Annotated[int, Field(ge=0, le=100_000)] = Field(4, **_src("assumption; 000:53-54"))
    partners_per_neighbourhood: list[PartnerSpec] = Field(default_factory=list)
    scale_staff: bool = Field(
        True, **_src("scale coaches, strategy hours, letters, leads and list sizes with the city (assumption)")
    )
    reference_households: PositiveCount = Field(
        2380, **_src("the size the staff numbers are written for: the three Roermond neighbourhoods (001:86-106, "
                     "001:137)")
    )


class WorldSpec(Strict):
    neighbourhoods: list[NeighbourhoodSpec] = Field(default_factory=list)
    city: CitySpec | None = None
    not_in_need_share: Probability = Field(
        0.07, **_src("share with Dutch diplomas, not in need of a course (000:209)")
    )
    newcomer_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.5, "refuser": 0.4, "voluntary": 0.05, "not_in_need": 0.1},
        **_src("share of newcomers by register status (assumption; 000:413-418, 000:628-630: voluntary are oldcomers)"),
    )
    works_share: Probability = Field(0.35, **_src("share with paid work (assumption; unemployment 25-40%, 001:83)"))
    school_children_share: Probability = Field(0.5, **_src(
        "households with children at primary school (assumption; 000:252-253)"))
    young_children_share: Probability = Field(0.3, **_src("households with children under four (assumption)"))
    health_problem_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.15, "refuser": 0.25, "voluntary": 0.55, "not_in_need": 0.1},
        **_src("substantial health problems (assumption; 000:631-633 'het grootste gedeelte' of oldcomers)"),
    )
    multiple_problems_share: dict[Status, Probability] = Field(
        default_factory=lambda: {"obligated": 0.25, "refuser": 0.35, "voluntary": 0.65, "not_in_need": 0.1},
        **_src("multiple problems that take priority (assumption; 000:609-622 'de meeste personen')"),
    )
    illiterate_share: Probability = Field(0.06, **_src("not literate in any script (assumption; 000:180: one literacy "
                                                       "start in the narrow round)"))
    in_course_share: dict[Status, Probability] = Field(
        default_factory=lambda: DecidingShares(obligated=0.1, refuser=0.0, voluntary=0.12),
        **_src("already following a language course (assumption; 000:549-551 two in a running trajectory); "
               "households not in need never decide about an offer"),
    )
    health_adds_multiple_problems: Probability = Field(
        0.3, **_src("chance that health problems come with other problems that take priority (assumption; 000:609-633)")
    )
    motivation_beta: tuple[BetaShape, BetaShape] = Field(
        (2.0, 2.0), **_src("Beta shape of intrinsic motivation, mean 0.5 (assumption; 000:310-317)")
    )
    trust_beta: tuple[BetaShape, BetaShape] = Field(
        (3.0, 3.0), **_src("Beta shape of trust in the municipality, mean 0.5 (assumption; 000:597-601)")
    )
    multiple_problems_extra_need: Probability = Field(
        0.5, **_src("relative chance of a further problem to refer for a household with multiple problems (assumption; "
                    "000:609-622)")
    )
    partner_client_affinity: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        3.0, **_src("extra weight of the households a partner kind knows best among its clients (assumption)")
    )

    _deciding_only = field_validator("in_course_share")(deciding_only)

    @model_validator(mode="after")
    def _one_source(self):
        if not self.neighbourhoods and self.city is None:
            raise ValueError("no households; allowed: a list of neighbourhoods or a city section")
        if self.neighbourhoods and self.city is not None:
            raise ValueError("both neighbourhoods and city given; allowed: one of the two")
        return self
