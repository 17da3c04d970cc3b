"""Build the world a scenario describes: neighbourhoods with streets and households, partner
organisations, key figures and coaches, and the ties between them.

Household attributes are drawn in arrays from the model's generator (one call per attribute)
and kept as one list per attribute for each neighbourhood, which its households read and write
(``Household.rows``): building the world costs little even for a large city.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import chain, groupby
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.agents.bulk import register_many
from sim.agents.coach import Coach
from sim.agents.household import NO_PROBLEMS, Household
from sim.agents.key_figure import KeyFigure
from sim.agents.partner import PartnerOrganisation
from sim.scenario import CitySpec, NeighbourhoodSpec, PartnerSpec, Scenario
from sim.strategies.registry import REGISTRY

if TYPE_CHECKING:
    from sim.model import OutreachModel

# Partners every neighbourhood has when a scenario names none (DESIGN.md; 000:567-585, 000:1045)
DEFAULT_PARTNERS = [
    PartnerSpec(type="primary_school", count=2, clients=80),
    PartnerSpec(type="mother_centre", count=1, clients=60),
    PartnerSpec(type="welfare_organisation", count=1, clients=80),
    PartnerSpec(type="housing_corporation", count=1, clients=120, passes_names=True),
    PartnerSpec(type="migrant_organisation", count=1, clients=80),
    PartnerSpec(type="health_centre", count=1, clients=80),
    PartnerSpec(type="language_provider", count=1, clients=30),
    PartnerSpec(type="home_lesson_provider", count=1, clients=30),
    PartnerSpec(type="wmo_desk", count=1, clients=0, passes_names=False),
    PartnerSpec(type="police", count=1, clients=0, passes_names=False),
    PartnerSpec(type="municipal_inspector", count=1, clients=0, passes_names=False),
]

# Which households a partner type knows best (assumption): a score added to its client draw.
CLIENT_AFFINITY = {
    "primary_school": "school_children",
    "mother_centre": "young_children",
    "welfare_organisation": "multiple_problems",
    "health_centre": "health_problems",
}


@dataclass
class Neighbourhood:
    name: str
    index: int
    households: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    key_figures: list = field(default_factory=list)
    streets: int = 1
    x0: float = 0.0
    traits: dict = field(default_factory=dict)  # household attributes as arrays, for drawing ties
    columns: dict = field(default_factory=dict)  # the households' traits, one list each (``Household.rows``)


class World:
    """The places of a run and their look-ups: neighbourhoods with their households, streets,
    partners and key figures. The model asks it; strategies and agents ask the model."""

    def __init__(self, neighbourhoods: list[Neighbourhood]):
        self.neighbourhoods = neighbourhoods
        self.households = list(chain.from_iterable(n.households for n in neighbourhoods))
        self.partners = [p for n in neighbourhoods for p in n.partners]
        self.key_figures = [k for n in neighbourhoods for k in n.key_figures]
        self._by_name = {n.name: n for n in neighbourhoods}
        self._streets: dict[tuple, list] = {}
        for n in neighbourhoods:  # built in house order along sorted streets: a house number is its index
            streets = n.columns["street"] if n.columns else [h.street for h in n.households]
            first = 0
            for street, houses in groupby(streets):
                last = first + len(list(houses))
                self._streets[(n.name, street)] = n.households[first:last]
                first = last

    def neighbourhood(self, name: str) -> Neighbourhood:
        return self._by_name[name]

    def partner_for(self, household, kind: str):
        """The partner of this kind that the household knows, or else one in its neighbourhood."""
        for p in household.partners:
            if p.kind == kind:
                return p
        for p in self._by_name[household.neighbourhood].partners:
            if p.kind == kind:
                return p
        return None

    def neighbours(self, household, span: int) -> list:
        """Households within ``span`` houses on the same street."""
        street = self._streets.get((household.neighbourhood, household.street), [])
        i = household.house
        return [h for h in street[max(0, i - span) : i + span + 1] if h is not household]

    def add_key_figure(self, key_figure) -> None:
        """A key figure who joins during the run (an ambassador)."""
        self.key_figures.append(key_figure)
        self._by_name[key_figure.neighbourhood].key_figures.append(key_figure)


def scaled_for_city(scenario: Scenario) -> Scenario:
    """A generic city keeps staff and outreach in proportion to its size (``city.scale_staff``)."""
    city = scenario.world.city
    if city is None or not city.scale_staff or city.households == city.reference_households:
        return scenario
    f = city.households / city.reference_households
    sc = scenario.model_copy(deep=True)
    sc.coaches.count = max(1, round(sc.coaches.count * f))
    for s in sc.strategies:
        info = REGISTRY[s.type]
        for key in info.scaled:  # what the strategy's registry entry says grows with the city
            value = getattr(s, key)
            if value is None:
                continue
            setattr(s, key, max(1, round(value * f)) if key in info.scaled_whole else value * f)
        for phase in s.phases:
            if phase.hours_per_week is not None:
                phase.hours_per_week *= f
    sc._source_path = scenario._source_path
    sc._overrides = scenario._overrides
    return sc


def city_neighbourhoods(city: CitySpec) -> list[NeighbourhoodSpec]:
    """Cut a generic city into neighbourhoods of about equal size."""
    n = max(1, round(city.households / city.households_per_neighbourhood))
    sizes = np.full(n, city.households // n)
    sizes[: city.households % n] += 1
    partners = city.partners_per_neighbourhood or DEFAULT_PARTNERS
    out = []
    for i, size in enumerate(sizes):
        out.append(
            NeighbourhoodSpec(
                name=f"Wijk {i + 1}",
                households=int(size),
                bpi_registered=round(int(size) * city.bpi_share),
                earlier_refusers=round(int(size) * city.refuser_share),
                streets=city.streets_per_neighbourhood,
                partners=partners,
                key_figures=city.key_figures_per_neighbourhood,
            )
        )
    return out


def neighbourhood_specs(sc: Scenario) -> list[NeighbourhoodSpec]:
    """The scenario's neighbourhoods: those it lists, or those of its generic city."""
    city = sc.world.city
    return sc.world.neighbourhoods or (city_neighbourhoods(city) if city is not None else [])


def build_world(model: OutreachModel) -> list[Neighbourhood]:
    specs = neighbourhood_specs(model.config)
    hoods = []
    x0 = 0.0
    for i, spec in enumerate(specs):
        hood = Neighbourhood(spec.name, i, streets=spec.streets, x0=x0)
        _households(model, hood, spec)
        _partners(model, hood, spec)
        _key_figures(model, hood, spec)
        hoods.append(hood)
        x0 += _width(spec) + 2.0
    _coaches(model)
    return hoods


def _width(spec: NeighbourhoodSpec) -> float:
    return float(np.ceil(spec.households / spec.streets))


STATUSES = ("voluntary", "refuser", "obligated", "not_in_need")
VOLUNTARY, REFUSER, OBLIGATED, NOT_IN_NEED = range(len(STATUSES))
_STATUS_NAMES = np.array(STATUSES, dtype=object)


def _households(model: OutreachModel, hood: Neighbourhood, spec: NeighbourhoodSpec) -> None:
    w = model.config.world
    d = model.config.behaviour.decision
    rng = model.rng
    n = spec.households
    # the status as a small code (a position in STATUSES), for look-ups
    code = np.zeros(n, dtype=np.intp)  # voluntary
    order = rng.permutation(n)
    n_ref, n_obl = spec.earlier_refusers, spec.bpi_registered
    code[order[:n_ref]] = REFUSER
    code[order[n_ref : n_ref + n_obl]] = OBLIGATED
    # people with Dutch diplomas are among those the register lists as possible voluntary
    # participants; the register cannot tell them apart (000:341-345)
    nin = rng.random(n) < w.not_in_need_share
    code[nin & (code == VOLUNTARY)] = NOT_IN_NEED
    present = np.bincount(code, minlength=len(STATUSES)) > 0
    status = _STATUS_NAMES[code]

    def by_status(table: Mapping[Any, float]) -> np.ndarray:
        # a table needs the statuses present only
        p = np.array([table[k] if here else 0.0 for k, here in zip(STATUSES, present.tolist(), strict=True)])[code]
        return rng.random(n) < p

    newcomer = by_status(w.newcomer_share)
    works = rng.random(n) < w.works_share
    school = rng.random(n) < w.school_children_share
    young = rng.random(n) < w.young_children_share
    health = by_status(w.health_problem_share)
    multiple = by_status(w.multiple_problems_share) | (health & (rng.random(n) < w.health_adds_multiple_problems))
    illiterate = rng.random(n) < w.illiterate_share
    in_course = by_status(w.in_course_share)
    lang_barrier = rng.random(n) < model.config.behaviour.contact.language_barrier_share
    averse = rng.random(n) < d.inburgering_aversion_share
    motivation = rng.beta(*w.motivation_beta, n)
    trust = rng.beta(*w.trust_beta, n)
    fee_sens = rng.random(n)
    childcare = young & (rng.random(n) < d.childcare_barrier_share)
    distance = rng.random(n) < d.distance_barrier_share
    spouse = rng.random(n) < d.spouse_barrier_share
    integrated = by_status(d.integrated_share)
    heavy = by_status(d.too_heavy_share)
    health_barrier = health & (rng.random(n) < d.health_barrier_share)
    problem_kinds = list(d.referral_need)
    problem_p = np.array([d.referral_need[k] for k in problem_kinds])
    problems = rng.random((n, len(problem_kinds))) < problem_p
    # a household with multiple problems has more to refer (000:609-622)
    problems |= multiple[:, None] & (rng.random((n, len(problem_kinds))) < problem_p * w.multiple_problems_extra_need)
    street = np.sort(rng.integers(0, spec.streets, n))
    hood.traits = {"school_children": school, "young_children": young, "multiple_problems": multiple,
                   "health_problems": health}
    # a house number counts along its street (the streets are sorted)
    house = np.arange(n) - np.searchsorted(street, street)
    # plain Python lists: per-element access to NumPy scalars is slow for a large city
    cols: dict[str, list] = {
        "neighbourhood": [hood.name] * n, "street": street.tolist(), "house": house.tolist(),
        "x": (hood.x0 + house).tolist(), "y": street.astype(float).tolist(),
        "newcomer": newcomer.tolist(), "works": works.tolist(), "school_children": school.tolist(),
        "young_children": young.tolist(), "health_problems": health.tolist(),
        "multiple_problems": multiple.tolist(), "literate": (~illiterate).tolist(), "in_course": in_course.tolist(),
        "language_barrier": lang_barrier.tolist(), "averse_to_inburgering": averse.tolist(),
        "motivation": motivation.tolist(), "trust": trust.tolist(),
        "fee_sensitivity": fee_sens.tolist(), "needs_childcare": childcare.tolist(), "distance": distance.tolist(),
        "spouse": spouse.tolist(), "feels_integrated": integrated.tolist(), "too_heavy": heavy.tolist(),
        "health": health_barrier.tolist(),
        "barriers": [None] * n, "partners": [None] * n, "key_figures": [None] * n,
    }
    # households with the same problems share one list of them (read, never changed)
    if problem_kinds:
        masks, which = np.unique(problems @ (1 << np.arange(len(problem_kinds))), return_inverse=True)
        lists = np.empty(len(masks), dtype=object)
        lists[:] = [[k for j, k in enumerate(problem_kinds) if mask >> j & 1] or NO_PROBLEMS for mask in masks.tolist()]
        cols["problems"] = lists[which.reshape(-1)].tolist()
    else:
        cols["problems"] = [NO_PROBLEMS] * n
    hood.columns = cols
    households = Household.rows(model, cols, status.tolist())
    hood.households = households
    register_many(model, households)


def _partners(model: OutreachModel, hood: Neighbourhood, spec: NeighbourhoodSpec) -> None:
    nb = model.config.behaviour.network
    rng = model.rng
    households = hood.households
    n = len(households)
    for pspec in spec.partners or DEFAULT_PARTNERS:
        for _ in range(pspec.count):
            p = PartnerOrganisation(
                model, pspec.type, hood.name, nb.engagement_start, pspec.pickup_probability, pspec.passes_names
            )
            k = min(pspec.clients, n)
            if k:
                attr = CLIENT_AFFINITY.get(pspec.type)
                weights = np.ones(n)
                if attr:
                    weights += model.config.world.partner_client_affinity * hood.traits[attr]
                # Weighted sampling without replacement by random keys (Efraimidis and Spirakis 2006):
                # the k households with the largest log(u) / weight, as if drawn one after another in
                # proportion to their weights, at one uniform each and none of choice()'s retries
                keys = np.log(rng.random(n)) / weights
                idx = np.sort(np.argpartition(keys, n - k)[n - k :]).tolist()
                p.clients = [households[i] for i in idx]
                _tie(hood.columns["partners"], idx, p)
            p.x = hood.x0 + rng.random() * max(_width(spec), 1.0)
            p.y = -1.5
            hood.partners.append(p)


def _key_figures(model: OutreachModel, hood: Neighbourhood, spec: NeighbourhoodSpec) -> None:
    nb = model.config.behaviour.network
    rng = model.rng
    n = len(hood.households)
    for _ in range(spec.key_figures):
        credibility = float(rng.beta(*nb.key_figure_credibility_beta))
        kf = KeyFigure(model, hood.name, nb.engagement_start, credibility=credibility)
        k = min(nb.key_figure_ties, n)
        if k:
            idx = np.sort(rng.choice(n, size=k, replace=False)).tolist()
            kf.clients = [hood.households[i] for i in idx]
            _tie(hood.columns["key_figures"], idx, kf)
        kf.x = hood.x0 + rng.random() * max(_width(spec), 1.0)
        kf.y = spec.streets + 0.5
        hood.key_figures.append(kf)


def _tie(column: list, rows: list[int], agent: object) -> None:
    """Add ``agent`` to the partners (or key figures) of the households in ``rows``."""
    for i in rows:
        known = column[i]
        if known is None:
            column[i] = [agent]
        else:
            known.append(agent)


def _coaches(model: OutreachModel) -> None:
    c = model.config.coaches
    model.coaches = [Coach(model, f"coach {i + 1}", c.fte, c.hours_per_fte_year) for i in range(c.count)]
