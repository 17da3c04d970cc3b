"""Column labels, units and explanations, in English and Dutch.

One dictionary serves the exports (headers and the sheet that explains every column) and
docs/OUTPUTS.md, which is generated from it (``python -m sim.labels --write``), so the
documentation and the tables cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sim.agents.coach import ACTIVITIES
from sim.agents.household import START_TYPES
from sim.recorder import DECLINE_REASONS, STRATEGY_NAMES
from sim.scenario import PARTNER_TYPES

LANGS = ("en", "nl")


@dataclass(frozen=True)
class Column:
    en: str
    nl: str
    unit: str
    meaning_en: str
    meaning_nl: str


def C(en, nl, unit, meaning_en, meaning_nl) -> Column:  # a short constructor for the table below
    return Column(en, nl, unit, meaning_en, meaning_nl)


# Each strategy names itself in its registry entry (sim/strategies/registry.py).
from sim.names import (  # noqa: E402,F401  (the plain names, re-exported)
    ACTIVITY_LABELS,
    PARAMETER_LABELS,
    PARTNER_LABELS,
    REASON_LABELS,
    SHEET_HEADERS,
    SLOT_LABELS,
    START_LABELS,
    STATUS_LABELS,
    STRATEGY_LABELS,
    SUCCESS_BASE,
    TABLE_NAMES_NL,
    UNITS_NL,
)


def plain(key: str, lang: str = "en") -> str:
    """The plain name of a setting, parameter, strategy, slot or outcome; never the code name
    when a label exists."""
    i = LANGS.index(lang)
    for table in (PARAMETER_LABELS, STRATEGY_LABELS, SLOT_LABELS):
        if key in table:
            return table[key][i]
    return label(key, lang)


# Outcomes of a run, in total; the same names with a strategy prefix hold that strategy's part.
OUTCOMES: dict[str, Column] = {
    "addresses_approached": C("Addresses approached", "Benaderde adressen", "addresses",
                              "doors rung or letters sent (each address once)",
                              "adressen aangebeld of aangeschreven (elk adres een keer)"),
    "letters": C("Letters sent", "Verstuurde brieven", "letters", "announcement letters", "aankondigingsbrieven"),
    "first_visits": C("First visits", "Eerste bezoeken", "visits",
                      "first rings at an address (after the letter, if announced)",
                      "eerste keer aanbellen op een adres (na de brief, als die er was)"),
    "nobody_home_first": C("Nobody home at the first visit", "Niemand thuis bij het eerste bezoek", "visits",
                           "first visits where nobody opened", "eerste bezoeken waarbij niemand opendeed"),
    "morning_visits": C("Morning visits", "Ochtendbezoeken", "visits", "visits around 9:30 (000:248-251)",
                        "bezoeken rond half tien ('s ochtends)"),
    "morning_opened": C("Opened in the morning", "Open in de ochtend", "visits",
                        "morning visits where someone was at home",
                        "ochtendbezoeken waarbij iemand thuis was"),
    "doors_opened": C("Doors opened", "Deur geopend", "doors", "visits where someone was at home",
                      "bezoeken waarbij iemand thuis was"),
    "conversations": C("Conversations", "Gesprekken", "conversations",
                       "conversations held, at the door, by appointment or with a name passed on or a lead",
                       "gevoerde gesprekken: aan de deur, op afspraak, of met een aangeleverde naam of lead"),
    "declined_in_advance": C("Declined in advance", "Vooraf afgezegd", "households",
                             "declined an announced visit after the letter",
                             "zegden een aangekondigd bezoek af na de brief"),
    "follow_ups": C("Follow-ups after the letter", "Nabellen na de brief", "addresses",
                    "calls or WhatsApp messages after the announcement letter",
                    "telefoontjes of WhatsApp-berichten na de aankondigingsbrief"),
    "follow_ups_reached": C("Follow-ups that reached", "Nabellen bereikt", "addresses",
                            "follow-ups that reached the household", "nabellen waarbij het huishouden bereikt werd"),
    "reminders": C("Reminders", "Herinneringen", "addresses", "reminders the day before the visit",
                   "herinneringen de dag voor het bezoek"),
    "notes_left": C("Notes left", "Briefjes achtergelaten", "notes", "notes left when nobody was at home",
                    "briefjes achtergelaten als niemand thuis was"),
    "second_visits": C("Second visits", "Tweede bezoeken", "visits", "second attempts and appointments after a note",
                       "tweede pogingen en afspraken na een briefje"),
    "names_received": C("Names received", "Aangeleverde namen", "names",
                        "names passed on by partners, key figures or ambassadors",
                        "namen aangeleverd door partners, sleutelfiguren of ambassadeurs"),
    "leads": C("Campaign leads", "Leads campagne", "leads", "people who came forward after the campaign",
               "mensen die zich na de campagne meldden"),
    "decisions": C("Decisions", "Beslissingen", "decisions",
                   "decisions about an offer: at a conversation, an aftercare visit or a call back",
                   "beslissingen over een aanbod: bij een gesprek, een nazorgbezoek of na terugbellen"),
    "interested": C("Interested", "Geïnteresseerd", "decisions", "decisions that ended in interest in an offer",
                    "beslissingen die eindigden in interesse voor een aanbod"),
    "declined": C("Declined", "Afgewezen", "households", "first decisions without interest (at most one per household)",
                  "eerste beslissingen zonder interesse (hoogstens een per huishouden)"),
    "declined_again": C("Declined again", "Opnieuw afgewezen", "decisions",
                        "later decisions without interest, at an aftercare visit or after a call back",
                        "latere beslissingen zonder interesse, bij een nazorgbezoek of na terugbellen"),
    "callbacks": C("Call-backs", "Teruggebeld", "households",
                   "declined, then called the coach back (and decided again)",
                   "eerst nee, daarna toch de trajectcoach gebeld (en opnieuw beslist)"),
    "waited_for_place": C("Waited for a place", "Gewacht op een plek", "households",
                          "registered while every coach's caseload was full",
                          "aangemeld terwijl alle caseloads vol zaten"),
    "dropouts": C("Drop-outs before the start", "Uitval voor de start", "households",
                  "interested, but did not start (no-show, waiting)",
                  "geïnteresseerd maar niet gestart (niet verschenen, wachttijd)"),
    "waiting_at_end": C("Still waiting at the end", "Wachtend aan het eind", "households",
                        "interested, neither started nor dropped out when the run ended",
                        "geïnteresseerd, aan het eind van de run nog niet gestart of uitgevallen"),
    "aftercare_visits": C("Aftercare visits", "Nazorgbezoeken", "visits", "visits two weeks after a referral",
                          "bezoeken twee weken na een doorverwijzing"),
    "problem_referrals": C("Problems referred to partners", "Doorverwijzingen", "referrals",
                           "problems referred to partners at broad visits",
                           "problemen doorverwezen naar partners bij brede huisbezoeken"),
    "ambassadors_recruited": C("Ambassadors recruited", "Geworven ambassadeurs", "people",
                               "former participants recruited as ambassadors",
                               "oud-deelnemers geworven als ambassadeur"),
    "enrolments": C("Enrolments", "Aanmeldingen", "households",
                    "people who joined a starter course themselves or through a partner",
                    "mensen die zich zelf of via een partner voor een instapcursus aanmeldden"),
    "follow_on_trajectories": C("Went on to a trajectory", "Doorgestroomd naar een traject", "households",
                                "starter-course participants who chose a full trajectory at the end",
                                "deelnemers aan een instapcursus die aan het eind voor een volledig traject kozen"),
    "starts": C("Starts", "Gestarte trajecten", "households",
                "households that started a course or participation activity",
                "huishoudens die met een cursus of participatieactiviteit zijn gestart"),
    "starts_fee_paying": C("Starts paying a fee", "Starts met eigen bijdrage", "households",
                           "trajectory starts while a contribution fee was asked",
                           "gestarte trajecten waarvoor een eigen bijdrage gold"),
    "starts_with_participation": C("Starts with participation", "Starts met participatie", "households",
                                   "started a trajectory and a participation activity beside it",
                                   "gestart met een traject en daarnaast een participatieactiviteit"),
    "coach_hours": C("Coach hours", "Uren trajectcoach", "hours", "all coach hours booked",
                     "alle geboekte uren van trajectcoaches"),
    "letter_cost_eur": C("Letter costs", "Kosten brieven", "EUR", "letters times the cost per letter",
                         "brieven maal de kosten per brief"),
    "translation_cost_eur": C("Translation costs", "Kosten vertaling", "EUR", "letters in the household's own language",
                              "brieven in de eigen taal van het huishouden"),
    "course_cost_eur": C("Starter course costs", "Kosten instapcursussen", "EUR", "course places paid for joiners",
                         "betaalde cursusplaatsen voor deelnemers"),
    "campaign_cost_eur": C("Campaign costs", "Kosten campagne", "EUR", "media campaign budget",
                           "budget van de mediacampagne"),
    "ambassador_cost_eur": C("Ambassador allowances", "Vergoedingen ambassadeurs", "EUR",
                             "allowances paid to ambassadors",
                             "vergoedingen betaald aan ambassadeurs"),
    "fee_income_eur": C("Fee income", "Inkomsten eigen bijdragen", "EUR",
                        "contribution fees paid by those who started a trajectory under a fee "
                        "(not subtracted from cost)",
                        "eigen bijdragen van wie onder een bijdrage met een traject startte "
                        "(niet van de kosten afgetrokken)"),
    "fees_waived_eur": C("Fees waived", "Kwijtgescholden eigen bijdragen", "EUR",
                         "statutory EUR 270 minus the fee asked, for each trajectory start",
                         "wettelijke EUR 270 min de gevraagde bijdrage, per gestart traject"),
    "outreach_hours": C("Outreach hours", "Uren toeleiding", "hours",
                        "coach hours spent finding people: all hours but case management",
                        "uren trajectcoach voor het vinden van mensen: alle uren behalve casemanagement"),
    "coach_cost_eur": C("Coach costs of outreach", "Kosten trajectcoaches voor toeleiding", "EUR",
                        "outreach hours times the hourly cost", "uren toeleiding maal het uurtarief"),
    "case_management_cost_eur": C("Case management cost", "Kosten casemanagement", "EUR",
                                  "case management hours of clients in a course times the hourly cost (not in cost)",
                                  "uren casemanagement van deelnemers maal het uurtarief (niet in de kosten)"),
    "cost_eur": C("Cost of outreach", "Kosten toeleiding", "EUR",
                  "gross public cost of finding people: coach costs of outreach + letters + campaign + allowances",
                  "bruto publieke kosten van het vinden van mensen: trajectcoaches + brieven + campagne + "
                  "vergoedingen"),
    "cost_per_start": C("Cost per start", "Kosten per start", "EUR per start",
                        "cost of outreach divided by starts (empty when no starts)",
                        "kosten toeleiding gedeeld door het aantal starts (leeg zonder starts)"),
    "success_rate": C("Success rate", "Succespercentage", "fraction",
                      "starts per conversation; per name for the network approach and ambassadors; per lead for "
                      "the campaign (000:1035-1061); in total, starts over the sum of those",
                      "starts per gesprek; per naam bij de netwerkbenadering en ambassadeurs; per lead bij de "
                      "campagne; in totaal starts gedeeld door de som daarvan"),
    "ladder_score_mean": C("Participation ladder score", "Score participatieladder", "points per starter",
                           "mean score of starters: 1 point a rung, 5 a pillar (001:188-201)",
                           "gemiddelde score van starters: 1 punt per trede, 5 per pijler"),
}


def _pattern_outcomes() -> dict[str, Column]:
    out = {}
    for t in START_TYPES:
        en, nl = START_LABELS[t]
        out[f"starts_{t}"] = C(f"Starts: {en}", f"Starts: {nl}", "households", f"starts of a {en}", f"starts met {nl}")
    for p in PARTNER_TYPES:
        en, nl = PARTNER_LABELS[p]
        out[f"problem_referrals_{p}"] = C(f"Problems referred: {en}", f"Doorverwijzingen: {nl}", "referrals",
                                          f"problems referred to the {en}", f"problemen doorverwezen naar {nl}")
    for a in ACTIVITIES:
        en, nl = ACTIVITY_LABELS[a]
        out[f"hours_{a}"] = C(f"Hours: {en}", f"Uren: {nl}", "hours", f"coach hours booked to {en}",
                              f"uren trajectcoach voor {nl}")
    for r in DECLINE_REASONS:
        en, nl = REASON_LABELS[r]
        out[f"declined_{r}"] = C(f"No start: {en}", f"Geen start: {nl}", "conversations",
                                 f"conversations without a start because: {en}",
                                 f"gesprekken zonder start, reden: {nl}")
    return out


OUTCOMES.update(_pattern_outcomes())

# Columns of the other tables of a results folder.
COLUMNS: dict[str, Column] = {
    "scenario": C("Scenario", "Scenario", "", "label of the scenario (file name) in a comparison",
                  "naam van het scenario in een vergelijking"),
    "replicate": C("Replicate", "Herhaling", "", "replicate number, 0, 1, ...", "nummer van de herhaling"),
    "seed": C("Seed", "Seed", "", "seed of the random numbers of the run", "startwaarde van de toevalsgetallen"),
    "week": C("Week", "Week", "weeks", "weeks since the scenario's start, from 0",
              "weken sinds de start van het scenario"),
    "week_start": C("Week start", "Begin week", "date", "first day of the week", "eerste dag van de week"),
    "mean_engagement": C("Mean engagement", "Gemiddelde betrokkenheid", "0-1",
                         "mean engagement of partners and key figures at the week's start",
                         "gemiddelde betrokkenheid van partners en sleutelfiguren"),
    "active_clients": C("Active clients", "Actieve cliënten", "households",
                        "households in a course at the week's end",
                        "huishoudens in een cursus aan het eind van de week"),
    "household_id": C("Household", "Huishouden", "", "synthetic household id (no real person)",
                      "synthetisch nummer (geen echte persoon)"),
    "route": C("Route", "Route", "",
               "the strategy that brought the household in (starts) or that the hours served (hours); "
               "pathway: a household that called back without a strategy having found it",
               "de aanpak die het huishouden vond (gestarten) of waarvoor de uren waren (uren); "
               "pathway: zelf teruggebeld"),
    "start_type": C("Start type", "Soort start", "",
                    "trajectory, literacy, conversation_or_home_lessons, participation, starter_course",
                    "soort traject"),
    "participation_too": C("With participation", "Met participatie", "yes/no", "also started a participation activity",
                           "ook gestart met een participatieactiviteit"),
    "fee_eur": C("Fee paid", "Betaalde eigen bijdrage", "EUR", "contribution fee paid at the start (trajectories only)",
                 "eigen bijdrage betaald bij de start (alleen trajecten)"),
    "status": C("Register status", "Status", "", "obligated, refuser, voluntary or not_in_need",
                "inburgeringsplichtig, weigeraar, vrijwillig of niet behoeftig"),
    "neighbourhood": C("Neighbourhood", "Wijk", "", "neighbourhood", "wijk"),
    "day": C("Day", "Dag", "days", "days since the scenario's start", "dagen sinds de start van het scenario"),
    "date": C("Date", "Datum", "date", "date of the start", "datum van de start"),
    "coach": C("Coach", "Trajectcoach", "", "coach name", "naam trajectcoach"),
    "activity": C("Activity", "Activiteit", "", "what the hours were spent on", "waaraan de uren besteed zijn"),
    "hours": C("Hours", "Uren", "hours", "coach hours", "uren trajectcoach"),
    "households": C("Households", "Huishoudens", "households", "target households in the neighbourhood",
                    "huishoudens in de doelgroep"),
    "approached": C("Approached", "Benaderd", "households", "households reached in any way",
                    "op enige manier benaderde huishoudens"),
    "contacted": C("In conversation", "Gesproken", "households", "households with at least one conversation",
                   "huishoudens met minstens een gesprek"),
    "mean_partner_engagement": C("Partner engagement", "Betrokkenheid partners", "0-1",
                                 "mean engagement of the neighbourhood's partners at the end",
                                 "gemiddelde betrokkenheid van partners aan het eind"),
    "outcome": C("Outcome", "Uitkomst", "", "outcome name", "naam van de uitkomst"),
    "median": C("Median", "Mediaan", "as the outcome", "median over replicates", "mediaan over de herhalingen"),
    "low": C("5th percentile", "5e percentiel", "as the outcome", "lower end of the 90% interval",
             "ondergrens van het 90%-interval"),
    "high": C("95th percentile", "95e percentiel", "as the outcome", "upper end of the 90% interval",
              "bovengrens van het 90%-interval"),
    "mean": C("Mean", "Gemiddelde", "as the outcome", "mean over replicates", "gemiddelde over de herhalingen"),
    "run_id": C("Run", "Run", "", "run number in design order", "nummer van de run"),
    "point": C("Design point", "Ontwerppunt", "", "index of the design point", "nummer van het ontwerppunt"),
    "output": C("Output", "Uitkomst", "", "outcome analysed", "geanalyseerde uitkomst"),
    "parameter": C("Parameter", "Parameter", "", "dotted scenario key", "scenariosleutel"),
    "S1": C("First-order index", "Eerste-orde-index", "fraction", "share of variance due to the parameter alone",
            "deel van de variantie door de parameter alleen"),
    "S1_conf": C("First-order 95% half-width", "Eerste orde 95%-marge", "fraction", "confidence half-width of S1",
                 "betrouwbaarheidsmarge van S1"),
    "ST": C("Total index", "Totale index", "fraction", "share of variance due to the parameter with its interactions",
            "deel van de variantie door de parameter met interacties"),
    "ST_conf": C("Total 95% half-width", "Totaal 95%-marge", "fraction", "confidence half-width of ST",
                 "betrouwbaarheidsmarge van ST"),
    "mu_star": C("mu*", "mu*", "as the output", "Morris: mean absolute elementary effect",
                 "Morris: gemiddeld absoluut effect"),
    "mu_star_conf": C("mu* 95% half-width", "mu* 95%-marge", "as the output", "confidence half-width of mu*",
                      "betrouwbaarheidsmarge van mu*"),
    "sigma": C("sigma", "sigma", "as the output", "Morris: spread of the effects (interactions, non-linearity)",
               "Morris: spreiding van de effecten"),
    "noise_variance": C("Noise variance", "Ruisvariantie", "output squared", "variance between replicates at one point",
                        "variantie tussen herhalingen in een punt"),
    "replicates_per_point": C("Replicates per point", "Herhalingen per punt", "runs",
                              "replicates averaged at each point",
                              "herhalingen per punt"),
    "variance_of_point_means": C("Variance of point means", "Variantie puntgemiddelden", "output squared",
                                 "variance of the point means over the design", "variantie van de puntgemiddelden"),
    "noise_share_of_variance": C("Noise share", "Aandeel ruis", "fraction",
                                 "share of the variance of point means that is chance",
                                 "deel van de variantie dat toeval is"),
}

# Columns of a calibration's results folder (docs/CALIBRATION.md).
COLUMNS.update({
    "target": C("Target", "Doel", "", "observed count the model is fitted to",
                "waargenomen aantal waarop het model is gefit"),
    "observed": C("Observed rate", "Waargenomen fractie", "fraction",
                  "observed count over its trials (for a target of kind count: the count itself)",
                  "waargenomen aantal gedeeld door het aantal pogingen (bij een doel van soort aantal: het aantal)"),
    "sim_median": C("Model median", "Mediaan model", "fraction",
                    "median simulated rate under the posterior (kind count: simulated count)",
                    "mediaan van de gesimuleerde fractie onder de posterior (soort aantal: gesimuleerd aantal)"),
    "sim_low": C("Model 5th percentile", "Model 5e percentiel", "fraction",
                 "lower end of the simulated 90% range (kind count: of the simulated count)",
                 "ondergrens van het gesimuleerde 90%-bereik (soort aantal: van het gesimuleerde aantal)"),
    "sim_high": C("Model 95th percentile", "Model 95e percentiel", "fraction",
                  "upper end of the simulated 90% range (kind count: of the simulated count)",
                  "bovengrens van het gesimuleerde 90%-bereik (soort aantal: van het gesimuleerde aantal)"),
    "group": C("Group", "Groep", "", "group of targets (one approach)", "groep van doelen (een aanpak)"),
    "kind": C("Kind of target", "Soort doel", "",
              "rate: an observed count out of trials, compared with the ratio of two model outcomes; "
              "count: an observed count alone, compared with one model outcome",
              "fractie: een waargenomen aantal uit een aantal pogingen, vergeleken met de verhouding van twee "
              "uitkomsten van het model; aantal: een waargenomen aantal alleen, vergeleken met een uitkomst"),
    "count": C("Count", "Aantal", "", "observed count", "waargenomen aantal"),
    "trials": C("Trials", "Pogingen", "", "observed trials (the denominator; empty for kind count)",
                "waargenomen pogingen (de noemer; leeg bij soort aantal)"),
    "inside": C("Inside the range", "Binnen het bereik", "yes/no", "the observed rate lies in the simulated 90% range",
                "de waargenomen fractie ligt in het gesimuleerde 90%-bereik"),
    "source": C("Source", "Bron", "", "where the figure comes from (document:lines)",
                "waar het getal vandaan komt (document:regels)"),
    "generation": C("Generation", "Generatie", "", "ABC-SMC generation, from 0", "generatie van ABC-SMC, vanaf 0"),
    "epsilon": C("Epsilon", "Epsilon", "distance", "acceptance threshold of the generation",
                 "acceptatiedrempel van de generatie"),
    "particles": C("Particles", "Deeltjes", "particles", "accepted particles", "geaccepteerde deeltjes"),
    "simulations": C("Simulations", "Simulaties", "runs", "simulations run in the generation",
                     "simulaties in de generatie"),
    "acceptance_rate": C("Acceptance rate", "Acceptatiegraad", "fraction", "particles over simulations",
                         "deeltjes gedeeld door simulaties"),
    "effective_sample_size": C("Effective sample size", "Effectieve steekproefomvang", "particles",
                               "effective number of particles given their weights",
                               "effectief aantal deeltjes gegeven hun gewichten"),
    "effective_sample_share": C("Effective sample share", "Aandeel effectieve steekproef", "fraction",
                                "effective sample size over particles",
                                "effectieve steekproefomvang gedeeld door het aantal deeltjes"),
    "importance_ess": C("Effective sample size before the moves", "Effectieve steekproefomvang voor verplaatsen",
                        "particles",
                        "effective sample size of the importance weights, before any resampling and moves",
                        "effectieve steekproefomvang van de importance-gewichten, voor herbemonstering en "
                        "verplaatsen"),
    "move_steps": C("Move steps", "Verplaatsingsstappen", "steps",
                    "rounds of ABC-MCMC moves of every particle after resampling (0: the weights were even enough)",
                    "rondes ABC-MCMC-verplaatsingen van elk deeltje na herbemonstering (0: gewichten gelijk genoeg)"),
    "move_simulations": C("Move simulations", "Simulaties voor verplaatsen", "runs",
                          "simulations of proposed moves (those the prior ratio refused are not simulated); "
                          "included in simulations",
                          "simulaties van voorgestelde verplaatsingen (zonder de door de prior-verhouding "
                          "geweigerde); zitten in de simulaties"),
    "moves_accepted": C("Moves accepted", "Geaccepteerde verplaatsingen", "runs",
                        "move simulations within the generation's tolerance, which moved their particle",
                        "simulaties voor verplaatsen binnen de tolerantie van de generatie, die hun deeltje "
                        "verplaatsten"),
    "distinct_particles": C("Distinct particles", "Verschillende deeltjes", "particles",
                            "particles that are not copies of another, after any moves",
                            "deeltjes die geen kopie van een ander zijn, na eventuele verplaatsingen"),
    "ess_ok": C("Sample check passed", "Controle steekproef geslaagd", "yes/no",
                "effective sample size and distinct particles are each at least 30% of the particles",
                "effectieve steekproefomvang en verschillende deeltjes elk minstens 30% van de deeltjes"),
    "prior_low": C("Prior low", "Prior ondergrens", "as the parameter", "lower end of the prior range",
                   "ondergrens van de prior"),
    "prior_high": C("Prior high", "Prior bovengrens", "as the parameter", "upper end of the prior range",
                    "bovengrens van de prior"),
    "posterior_median": C("Posterior median", "Mediaan posterior", "as the parameter",
                          "weighted median of the posterior",
                          "gewogen mediaan van de posterior"),
    "posterior_low": C("Posterior 5th percentile", "Posterior 5e percentiel", "as the parameter",
                       "lower end of the posterior 90% range", "ondergrens van het 90%-bereik van de posterior"),
    "posterior_high": C("Posterior 95th percentile", "Posterior 95e percentiel", "as the parameter",
                        "upper end of the posterior 90% range", "bovengrens van het 90%-bereik van de posterior"),
    "width_ratio": C("Width ratio", "Breedteverhouding", "fraction", "posterior 90% width over the prior width",
                     "breedte van de posterior (90%) gedeeld door die van de prior"),
    "weight": C("Weight", "Gewicht", "fraction", "particle weight (the weights sum to 1)",
                "gewicht van het deeltje (samen 1)"),
})

_ROUTE_LABELS = {**{k: (en.lower(), nl.lower()) for k, (en, nl) in STRATEGY_LABELS.items()},
                 "pathway": ("called back later", "later zelf teruggebeld")}

_YES_NO = {True: ("yes", "ja"), False: ("no", "nee")}

_TARGET_KINDS = {"rate": ("rate", "fractie"), "count": ("count", "aantal")}

# Code names in the cells of a column, with their English and Dutch names.
CATEGORIES: dict[str, dict] = {
    "route": _ROUTE_LABELS,
    "start_type": START_LABELS,
    "status": STATUS_LABELS,
    "activity": ACTIVITY_LABELS,
    "participation_too": _YES_NO,
    "inside": _YES_NO,
    "ess_ok": _YES_NO,
    "kind": _TARGET_KINDS,
}


def unit_label(unit: str, lang: str = "en") -> str:
    return unit if lang == "en" else UNITS_NL.get(unit, unit)


def table_label(name: str, lang: str = "en") -> str:
    return name if lang == "en" else TABLE_NAMES_NL.get(name, name)


def category(column: str, value, lang: str = "en"):
    """The name of a coded cell value (a route, start type, status, activity, or an outcome
    named in a summary); other values as they are."""
    if column in ("outcome", "output") and isinstance(value, str) and describe(value) is not None:
        return label(value, lang)
    if column == "coach" and lang == "nl" and isinstance(value, str) and value.startswith("coach "):
        return "trajectcoach " + value.removeprefix("coach ")  # the model names coaches "coach 1", "coach 2", ...
    names = CATEGORIES.get(column, {}).get(value)
    if names is None:
        return value
    return names[0] if lang == "en" else names[1]


_PREFIX = re.compile(r"^(" + "|".join(STRATEGY_NAMES) + r")\.(.+)$")


def describe(column: str) -> Column | None:
    """The label entry of a column, or None when it is not documented."""
    if column in COLUMNS:
        return COLUMNS[column]
    if column in OUTCOMES:
        return OUTCOMES[column]
    m = _PREFIX.match(column)
    if m and m.group(2) in OUTCOMES:
        s_en, s_nl = STRATEGY_LABELS[m.group(1)]
        base = OUTCOMES[m.group(2)]
        return C(f"{s_en}: {base.en}", f"{s_nl}: {base.nl}", base.unit,
                 f"{base.meaning_en} ({s_en.lower()} only)", f"{base.meaning_nl} ({s_nl.lower()})")
    return None


def label(column: str, lang: str = "en") -> str:
    d = describe(column)
    if d is None:
        return column  # e.g. a parameter of a sweep: its dotted scenario key
    return d.en if lang == "en" else d.nl


# The sections of a scenario a dotted key can lead into (sim/config/scenario.py, sim/config/keys.py).
SCENARIO_SECTIONS = ("world", "coaches", "policy", "policy_changes", "strategies", "behaviour", "holidays")


def is_parameter(column: str) -> bool:
    """Whether a column is a scenario parameter by its dotted key (``policy.fee_eur_obligated``):
    what a sweep or a sensitivity analysis varies and a calibration fits."""
    section, dot, rest = column.partition(".")
    return bool(dot and rest) and section in SCENARIO_SECTIONS and describe(column) is None


def explain(column: str, lang: str = "en") -> tuple[str, str]:
    """(unit, meaning) of a column; parameters of sweeps, sensitivity analyses and calibrations
    are scenario keys, in the parameter's own unit."""
    d = describe(column)
    if d is None and is_parameter(column):
        return (unit_label("as the parameter", lang),
                "scenario parameter varied by the experiment or fitted by the calibration" if lang == "en"
                else "scenarioparameter die het experiment varieert of de kalibratie schat")
    if d is None:
        return ("", "not documented" if lang == "en" else "niet beschreven")
    return (unit_label(d.unit, lang), d.meaning_en if lang == "en" else d.meaning_nl)


# --------------------------------------------------------------------------- docs/OUTPUTS.md

BEGIN = "<!-- columns:begin (generated by `python -m sim.labels --write`) -->"
END = "<!-- columns:end -->"


def markdown() -> str:
    prefixes = ", ".join(f"`{name}.`" for name in STRATEGY_NAMES)
    lines = [BEGIN, "", f"### Outcomes (the columns of `runs`; with a prefix {prefixes} the same for one strategy)", "",
             "| column | unit | meaning | Dutch label |", "|---|---|---|---|"]
    for name, c in OUTCOMES.items():
        lines.append(f"| `{name}` | {c.unit} | {c.meaning_en} | {c.nl} |")
    lines += ["", "### Other columns", "", "| column | unit | meaning | Dutch label |", "|---|---|---|---|"]
    for name, c in COLUMNS.items():
        lines.append(f"| `{name}` | {c.unit} | {c.meaning_en} | {c.nl} |")
    lines += ["", "### Coded values and their names in labelled exports", "",
              "| column | code | English | Dutch |", "|---|---|---|---|"]
    for column, names in CATEGORIES.items():
        for code, (en, nl) in names.items():
            shown = str(code).lower() if isinstance(code, bool) else code
            lines.append(f"| `{column}` | `{shown}` | {en} | {nl} |")
    lines += ["", "Units in Dutch exports: "
              + ", ".join(f"{en} = {nl}" for en, nl in UNITS_NL.items() if en and en != nl) + ".", "", END]
    return "\n".join(lines)


if __name__ == "__main__":
    from sim.docgen import main

    main("OUTPUTS.md", BEGIN, END, markdown)
