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


def C(en, nl, unit, meaning_en, meaning_nl) -> Column:  # noqa: N802 - a short constructor for the table below
    return Column(en, nl, unit, meaning_en, meaning_nl)


STRATEGY_LABELS = {
    "narrow": ("Narrow home visits", "Smalle huisbezoeken"),
    "broad": ("Broad home visits", "Brede huisbezoeken"),
    "network": ("Network approach", "Netwerkbenadering"),
    "campaign": ("Media campaign", "Mediacampagne"),
    "ambassadors": ("Ambassadors", "Ambassadeurs"),
}

START_LABELS = {
    "trajectory": ("regular trajectory", "regulier inburgeringstraject"),
    "literacy": ("literacy course", "alfabetiseringscursus"),
    "conversation_or_home_lessons": ("conversation class or home lessons", "conversatieles of thuislessen"),
    "participation": ("participation activity", "participatieactiviteit"),
    "starter_course": ("starter course", "instapcursus"),
}

PARTNER_LABELS = {
    "primary_school": ("primary school", "basisschool"),
    "mother_centre": ("mother centre", "moedercentrum"),
    "welfare_organisation": ("welfare organisation", "welzijnsorganisatie"),
    "housing_corporation": ("housing corporation", "woningcorporatie"),
    "migrant_organisation": ("mosque or migrant organisation", "moskee of migrantenorganisatie"),
    "health_centre": ("health centre", "gezondheidscentrum"),
    "language_provider": ("language provider", "taalaanbieder"),
    "home_lesson_provider": ("home-lesson provider", "aanbieder thuislessen"),
    "wmo_desk": ("Wmo desk", "Wmo-loket"),
    "police": ("police", "politie"),
    "municipal_inspector": ("neighbourhood inspector", "wijkopzichter"),
}

ACTIVITY_LABELS = {
    "preparation": ("preparation", "voorbereiding"),
    "doors": ("at the door", "aanbellen"),
    "conversations": ("conversations", "gesprekken"),
    "notes_and_second_visits": ("notes, second visits and administration", "briefjes, tweede bezoeken en administratie"),
    "intake": ("intakes", "intakes"),
    "partner_meetings": ("partner meetings and presence", "overleg en aanwezigheid bij partners"),
    "case_management": ("case management", "casemanagement"),
}

REASON_LABELS = {
    "not_in_need": ("has Dutch diplomas", "heeft Nederlandse diploma's"),
    "already_in_course": ("already in a course", "volgt al een cursus"),
    "feels_integrated": ("feels integrated enough", "vindt zich voldoende ingeburgerd"),
    "not_interested": ("not interested", "geen interesse"),
    "spouse": ("spouse does not consent", "echtgenoot geeft geen toestemming"),
    "fee": ("contribution fee too high", "eigen bijdrage te hoog"),
    "childcare": ("no childcare", "geen kinderopvang"),
    "distance": ("school too far", "afstand naar school te groot"),
    "too_heavy": ("trajectory and exam too heavy", "traject en examen te zwaar"),
    "health": ("health problems", "gezondheidsproblemen"),
    "no_offer": ("no suitable offer", "geen passend aanbod"),
}

# Outcomes of a run, in total; the same names with a strategy prefix hold that strategy's part.
OUTCOMES: dict[str, Column] = {
    "addresses_approached": C("Addresses approached", "Benaderde adressen", "addresses",
                              "doors rung or letters sent (each address once)", "adressen aangebeld of aangeschreven (elk adres een keer)"),
    "letters": C("Letters sent", "Verstuurde brieven", "letters", "announcement letters", "aankondigingsbrieven"),
    "first_visits": C("First visits", "Eerste bezoeken", "visits", "first rings at an address (after the letter, if announced)",
                      "eerste keer aanbellen op een adres (na de brief, als die er was)"),
    "nobody_home_first": C("Nobody home at the first visit", "Niemand thuis bij het eerste bezoek", "visits",
                           "first visits where nobody opened", "eerste bezoeken waarbij niemand opendeed"),
    "morning_visits": C("Morning visits", "Ochtendbezoeken", "visits", "visits around 9:30 (000:248-251)",
                        "bezoeken rond half tien ('s ochtends)"),
    "morning_opened": C("Opened in the morning", "Open in de ochtend", "visits", "morning visits where someone was at home",
                        "ochtendbezoeken waarbij iemand thuis was"),
    "doors_opened": C("Doors opened", "Deur geopend", "doors", "visits where someone was at home", "bezoeken waarbij iemand thuis was"),
    "conversations": C("Conversations", "Gesprekken", "conversations",
                       "conversations held, at the door, by appointment or with a referred name or lead",
                       "gevoerde gesprekken: aan de deur, op afspraak, of met een aangeleverde naam of lead"),
    "declined_in_advance": C("Declined in advance", "Vooraf afgezegd", "households",
                             "declined an announced visit after the letter", "zegden een aangekondigd bezoek af na de brief"),
    "notes_left": C("Notes left", "Briefjes achtergelaten", "notes", "notes left when nobody was at home",
                    "briefjes achtergelaten als niemand thuis was"),
    "second_visits": C("Second visits", "Tweede bezoeken", "visits", "second attempts and appointments after a note",
                       "tweede pogingen en afspraken na een briefje"),
    "names_referred": C("Names referred", "Aangeleverde namen", "names",
                        "names delivered by partners, key figures or ambassadors", "namen aangeleverd door partners, sleutelfiguren of ambassadeurs"),
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
    "callbacks": C("Call-backs", "Teruggebeld", "households", "declined, then called the coach back (and decided again)",
                   "eerst nee, daarna toch de trajectcoach gebeld (en opnieuw beslist)"),
    "waited_for_place": C("Waited for a place", "Gewacht op een plek", "households",
                          "registered while every coach's caseload was full", "aangemeld terwijl alle caseloads vol zaten"),
    "dropouts": C("Drop-outs before the start", "Uitval voor de start", "households",
                  "interested, but did not start (no-show, waiting)", "geïnteresseerd maar niet gestart (niet verschenen, wachttijd)"),
    "waiting_at_end": C("Still waiting at the end", "Wachtend aan het eind", "households",
                        "interested, neither started nor dropped out when the run ended",
                        "geïnteresseerd, aan het eind van de run nog niet gestart of uitgevallen"),
    "aftercare_visits": C("Aftercare visits", "Nazorgbezoeken", "visits", "visits two weeks after a referral",
                          "bezoeken twee weken na een doorverwijzing"),
    "referrals": C("Referrals to partners", "Doorverwijzingen", "referrals", "problems referred to partners at broad visits",
                   "problemen doorverwezen naar partners bij brede huisbezoeken"),
    "ambassadors_recruited": C("Ambassadors recruited", "Geworven ambassadeurs", "people",
                               "former participants recruited as ambassadors", "oud-deelnemers geworven als ambassadeur"),
    "starts": C("Starts", "Gestarte trajecten", "households", "households that started a course or participation activity",
                "huishoudens die met een cursus of participatieactiviteit zijn gestart"),
    "starts_fee_paying": C("Starts paying a fee", "Starts met eigen bijdrage", "households",
                           "trajectory starts while a contribution fee was asked", "gestarte trajecten waarvoor een eigen bijdrage gold"),
    "starts_with_participation": C("Starts with participation", "Starts met participatie", "households",
                                   "started a trajectory and a participation activity beside it",
                                   "gestart met een traject en daarnaast een participatieactiviteit"),
    "coach_hours": C("Coach hours", "Uren trajectcoach", "hours", "all coach hours booked", "alle geboekte uren van trajectcoaches"),
    "letter_cost_eur": C("Letter costs", "Kosten brieven", "EUR", "letters times the cost per letter", "brieven maal de kosten per brief"),
    "campaign_cost_eur": C("Campaign costs", "Kosten campagne", "EUR", "media campaign budget", "budget van de mediacampagne"),
    "ambassador_cost_eur": C("Ambassador allowances", "Vergoedingen ambassadeurs", "EUR", "allowances paid to ambassadors",
                             "vergoedingen betaald aan ambassadeurs"),
    "fee_income_eur": C("Fee income", "Inkomsten eigen bijdragen", "EUR",
                        "contribution fees paid by those who started a trajectory under a fee (not subtracted from cost)",
                        "eigen bijdragen van wie onder een bijdrage met een traject startte (niet van de kosten afgetrokken)"),
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
                  "bruto publieke kosten van het vinden van mensen: trajectcoaches + brieven + campagne + vergoedingen"),
    "cost_per_start": C("Cost per start", "Kosten per start", "EUR per start",
                        "cost of outreach divided by starts (empty when no starts)",
                        "kosten toeleiding gedeeld door het aantal starts (leeg zonder starts)"),
    "success_rate": C("Success rate", "Succespercentage", "fraction",
                      "starts per conversation; per name for the network approach and ambassadors; per lead for the campaign "
                      "(000:1035-1061); in total, starts over the sum of those",
                      "starts per gesprek; per naam bij de netwerkbenadering en ambassadeurs; per lead bij de campagne; "
                      "in totaal starts gedeeld door de som daarvan"),
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
        out[f"referrals_{p}"] = C(f"Referrals: {en}", f"Doorverwijzingen: {nl}", "referrals", f"problems referred to the {en}",
                                  f"problemen doorverwezen naar {nl}")
    for a in ACTIVITIES:
        en, nl = ACTIVITY_LABELS[a]
        out[f"hours_{a}"] = C(f"Hours: {en}", f"Uren: {nl}", "hours", f"coach hours booked to {en}", f"uren trajectcoach voor {nl}")
    for r in DECLINE_REASONS:
        en, nl = REASON_LABELS[r]
        out[f"declined_{r}"] = C(f"No start: {en}", f"Geen start: {nl}", "conversations",
                                 f"conversations without a start because: {en}", f"gesprekken zonder start, reden: {nl}")
    return out


OUTCOMES.update(_pattern_outcomes())

# Columns of the other tables of a results folder.
COLUMNS: dict[str, Column] = {
    "scenario": C("Scenario", "Scenario", "", "label of the scenario (file name) in a comparison", "naam van het scenario in een vergelijking"),
    "replicate": C("Replicate", "Herhaling", "", "replicate number, 0, 1, ...", "nummer van de herhaling"),
    "seed": C("Seed", "Seed", "", "seed of the random numbers of the run", "startwaarde van de toevalsgetallen"),
    "week": C("Week", "Week", "weeks", "weeks since the scenario's start, from 0", "weken sinds de start van het scenario"),
    "week_start": C("Week start", "Begin week", "date", "first day of the week", "eerste dag van de week"),
    "mean_engagement": C("Mean engagement", "Gemiddelde betrokkenheid", "0-1",
                         "mean engagement of partners and key figures at the week's start",
                         "gemiddelde betrokkenheid van partners en sleutelfiguren"),
    "active_clients": C("Active clients", "Actieve cliënten", "households", "households in a course at the week's start",
                        "huishoudens in een cursus aan het begin van de week"),
    "household_id": C("Household", "Huishouden", "", "synthetic household id (no real person)", "synthetisch nummer (geen echte persoon)"),
    "route": C("Route", "Route", "", "the strategy that found the household", "de aanpak die het huishouden vond"),
    "start_type": C("Start type", "Soort start", "", "trajectory, literacy, conversation_or_home_lessons, participation, starter_course",
                    "soort traject"),
    "participation_too": C("With participation", "Met participatie", "yes/no", "also started a participation activity",
                           "ook gestart met een participatieactiviteit"),
    "fee_eur": C("Fee paid", "Betaalde eigen bijdrage", "EUR", "contribution fee paid at the start (trajectories only)",
                 "eigen bijdrage betaald bij de start (alleen trajecten)"),
    "status": C("Register status", "Status", "", "obligated, refuser, voluntary or not_in_need", "inburgeringsplichtig, weigeraar, vrijwillig of niet behoeftig"),
    "neighbourhood": C("Neighbourhood", "Wijk", "", "neighbourhood", "wijk"),
    "day": C("Day", "Dag", "days", "days since the scenario's start", "dagen sinds de start van het scenario"),
    "date": C("Date", "Datum", "date", "date of the start", "datum van de start"),
    "coach": C("Coach", "Trajectcoach", "", "coach name", "naam trajectcoach"),
    "strategy": C("Strategy", "Aanpak", "", "narrow, broad, network, campaign, ambassadors, or pathway for call-backs",
                  "smal, breed, netwerk, campagne, ambassadeurs"),
    "activity": C("Activity", "Activiteit", "", "what the hours were spent on", "waaraan de uren besteed zijn"),
    "hours": C("Hours", "Uren", "hours", "coach hours", "uren trajectcoach"),
    "households": C("Households", "Huishoudens", "households", "target households in the neighbourhood", "huishoudens in de doelgroep"),
    "approached": C("Approached", "Benaderd", "households", "households reached in any way", "op enige manier benaderde huishoudens"),
    "contacted": C("In conversation", "Gesproken", "households", "households with at least one conversation",
                   "huishoudens met minstens een gesprek"),
    "mean_partner_engagement": C("Partner engagement", "Betrokkenheid partners", "0-1",
                                 "mean engagement of the neighbourhood's partners at the end", "gemiddelde betrokkenheid van partners aan het eind"),
    "outcome": C("Outcome", "Uitkomst", "", "outcome name", "naam van de uitkomst"),
    "median": C("Median", "Mediaan", "as the outcome", "median over replicates", "mediaan over de herhalingen"),
    "low": C("5th percentile", "5e percentiel", "as the outcome", "lower end of the 90% interval", "ondergrens van het 90%-interval"),
    "high": C("95th percentile", "95e percentiel", "as the outcome", "upper end of the 90% interval", "bovengrens van het 90%-interval"),
    "mean": C("Mean", "Gemiddelde", "as the outcome", "mean over replicates", "gemiddelde over de herhalingen"),
    "run_id": C("Run", "Run", "", "run number in design order", "nummer van de run"),
    "point": C("Design point", "Ontwerppunt", "", "index of the design point", "nummer van het ontwerppunt"),
    "output": C("Output", "Uitkomst", "", "outcome analysed", "geanalyseerde uitkomst"),
    "parameter": C("Parameter", "Parameter", "", "dotted scenario key", "scenariosleutel"),
    "S1": C("First-order index", "Eerste-orde-index", "fraction", "share of variance due to the parameter alone",
            "deel van de variantie door de parameter alleen"),
    "S1_conf": C("First-order 95% half-width", "Eerste orde 95%-marge", "fraction", "confidence half-width of S1", "betrouwbaarheidsmarge van S1"),
    "ST": C("Total index", "Totale index", "fraction", "share of variance due to the parameter with its interactions",
            "deel van de variantie door de parameter met interacties"),
    "ST_conf": C("Total 95% half-width", "Totaal 95%-marge", "fraction", "confidence half-width of ST", "betrouwbaarheidsmarge van ST"),
    "mu_star": C("mu*", "mu*", "as the output", "Morris: mean absolute elementary effect", "Morris: gemiddeld absoluut effect"),
    "mu_star_conf": C("mu* 95% half-width", "mu* 95%-marge", "as the output", "confidence half-width of mu*", "betrouwbaarheidsmarge van mu*"),
    "sigma": C("sigma", "sigma", "as the output", "Morris: spread of the effects (interactions, non-linearity)",
               "Morris: spreiding van de effecten"),
    "noise_variance": C("Noise variance", "Ruisvariantie", "output squared", "variance between replicates at one point",
                        "variantie tussen herhalingen in een punt"),
    "replicates_per_point": C("Replicates per point", "Herhalingen per punt", "runs", "replicates averaged at each point",
                              "herhalingen per punt"),
    "variance_of_point_means": C("Variance of point means", "Variantie puntgemiddelden", "output squared",
                                 "variance of the point means over the design", "variantie van de puntgemiddelden"),
    "noise_share_of_variance": C("Noise share", "Aandeel ruis", "fraction", "share of the variance of point means that is chance",
                                 "deel van de variantie dat toeval is"),
}

TABLES = {
    "runs": ("one row per run (replicate): its seed and every outcome", "een rij per run met alle uitkomsten"),
    "summary": ("median and 90% interval of each outcome over replicates", "mediaan en 90%-interval per uitkomst"),
    "timeseries": ("weekly counts per replicate", "aantallen per week per herhaling"),
    "starts": ("one row per started household (synthetic ids)", "een rij per gestart huishouden"),
    "hours": ("coach hours by coach, strategy and activity", "uren per trajectcoach, aanpak en activiteit"),
    "neighbourhoods": ("one row per neighbourhood per replicate", "een rij per wijk per herhaling"),
    "indices": ("sensitivity indices per output and parameter", "gevoeligheidsindices"),
    "noise": ("stochastic noise per output", "ruis per uitkomst"),
}

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


def explain(column: str, lang: str = "en") -> tuple[str, str]:
    """(unit, meaning) of a column; parameters of sweeps are scenario keys."""
    d = describe(column)
    if d is None:
        return ("", "scenario parameter varied by the experiment" if lang == "en" else "scenarioparameter die het experiment varieert")
    return (d.unit, d.meaning_en if lang == "en" else d.meaning_nl)


# --------------------------------------------------------------------------- docs/OUTPUTS.md

BEGIN = "<!-- columns:begin (generated by `python -m sim.labels --write`) -->"
END = "<!-- columns:end -->"


def markdown() -> str:
    lines = [BEGIN, "", "### Outcomes (the columns of `runs`; with a prefix `narrow.`, `broad.`, `network.`, `campaign.` "
             "or `ambassadors.` the same for one strategy)", "", "| column | unit | meaning | Dutch label |", "|---|---|---|---|"]
    for name, c in OUTCOMES.items():
        lines.append(f"| `{name}` | {c.unit} | {c.meaning_en} | {c.nl} |")
    lines += ["", "### Other columns", "", "| column | unit | meaning | Dutch label |", "|---|---|---|---|"]
    for name, c in COLUMNS.items():
        lines.append(f"| `{name}` | {c.unit} | {c.meaning_en} | {c.nl} |")
    lines += ["", END]
    return "\n".join(lines)


if __name__ == "__main__":
    from sim.docgen import main

    main("OUTPUTS.md", BEGIN, END, markdown)
