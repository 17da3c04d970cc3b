"""Plain English and Dutch names for the codes the model uses: strategies (from their registry
entries), start types, partner kinds, coach activities, reasons for not starting, what each
success rate counts per, parameters, visit times and register statuses; the tables of a results
folder, the headers of an export's explanation sheets and the units."""

from __future__ import annotations

from sim.strategies.registry import REGISTRY

STRATEGY_LABELS = {name: (info.label_en[0].upper() + info.label_en[1:], info.label_nl[0].upper() + info.label_nl[1:])
                   for name, info in REGISTRY.items()}

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
    "vve_location": ("pre-school location (VVE)", "vve-locatie"),
}

ACTIVITY_LABELS = {
    "preparation": ("preparation", "voorbereiding"),
    "doors": ("at the door", "aanbellen"),
    "conversations": ("conversations", "gesprekken"),
    "notes_and_second_visits": ("notes, second visits and administration",
                                "briefjes, tweede bezoeken en administratie"),
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

# What a success rate counts, by the outcome it divides starts by (each strategy names its own
# in the registry; 000:1035-1061): the bases differ, so rates are never compared without saying so.
SUCCESS_BASE = {
    "conversations": ("starts per conversation", "starts per gesprek"),
    "names_received": ("starts per name delivered", "starts per aangeleverde naam"),
    "leads": ("starts per lead", "starts per lead"),
}

# Scenario settings and model parameters by their plain names, for notebooks and the brief.
PARAMETER_LABELS = {
    "behaviour.decision.light_offer_uptake": (
        "how often someone kept from a full trajectory takes a lighter offer",
        "hoe vaak iemand die geen volledig traject kan, een lichter aanbod neemt"),
    "policy.fee_eur": ("contribution fee for voluntary participants", "eigen bijdrage voor vrijwilligers"),
    "policy.letter_cost_eur": ("cost of a letter", "kosten per brief"),
    "policy.childcare": ("childcare with the course", "kinderopvang bij de cursus"),
    "policy.waiting_time_weeks": ("weeks of waiting before a course starts", "wachtweken tot de cursus begint"),
    "coaches.hourly_cost_eur": ("cost of a coach hour", "uurtarief trajectcoach"),
    "strategies.campaign.cost_eur": ("campaign budget", "budget mediacampagne"),
    "strategies.narrow.slots": ("time of the home visit", "tijdstip van het huisbezoek"),
    "strategies.narrow.announced": ("visit announced by letter", "bezoek aangekondigd per brief"),
    "strategies.narrow.pairs": ("two coaches per visit", "twee trajectcoaches per bezoek"),
    "strategies.narrow.hours_per_week": ("hours a week for narrow home visits",
                                         "uren per week voor smalle huisbezoeken"),
    "strategies.narrow.register_selection": ("people on the register list", "mensen op de lijst uit het register"),
    "strategies.broad.hours_per_week": ("hours a week for broad home visits", "uren per week voor brede huisbezoeken"),
    "strategies.network.hours_per_week": ("hours a week for network work", "uren per week voor netwerkwerk"),
    "behaviour.home.late_afternoon": ("chance someone is at home late in the afternoon",
                                      "kans dat iemand laat in de middag thuis is"),
    "behaviour.contact.talk_unannounced": ("chance of a conversation at an unannounced visit",
                                           "kans op een gesprek bij een onaangekondigd bezoek"),
    "behaviour.contact.decline_letter": ("chance of declining after an announcement letter",
                                         "kans op afzeggen na een aankondigingsbrief"),
    "behaviour.decision.base_interest.obligated": ("interest of people obliged to integrate",
                                                   "interesse van inburgeringsplichtigen"),
    "behaviour.decision.base_interest.voluntary": ("interest of voluntary candidates", "interesse van vrijwilligers"),
    "behaviour.decision.fee_barrier_share": ("share for whom the fee is too high",
                                             "aandeel voor wie de eigen bijdrage te hoog is"),
    "behaviour.decision.warm_handover_effect": ("effect of a name passed on by a partner (warm handover)",
                                                "effect van een warme overdracht door een partner"),
    "behaviour.network.names_per_week": ("names an engaged partner delivers a week",
                                         "namen die een betrokken partner per week aanlevert"),
    "behaviour.network.engagement_gain_per_hour": ("how fast partners become engaged per coach hour",
                                                   "hoe snel partners betrokken raken per uur trajectcoach"),
}

SLOT_LABELS = {
    "morning": ("morning", "ochtend"),
    "early_afternoon": ("early afternoon", "vroege middag"),
    "late_afternoon": ("late afternoon", "late middag"),
    "evening": ("evening", "avond"),
}

STATUS_LABELS = {
    "obligated": ("obligated to integrate", "inburgeringsplichtig"),
    "refuser": ("refused an earlier offer", "eerdere weigeraar"),
    "voluntary": ("voluntary candidate", "vrijwillige kandidaat"),
    "not_in_need": ("not in need (Dutch diplomas)", "niet nodig (Nederlandse diploma's)"),
}

TABLE_NAMES_NL = {
    "runs": "simulaties", "summary": "samenvatting", "timeseries": "tijdreeks", "starts": "gestarten", "hours": "uren",
    "neighbourhoods": "wijken", "indices": "gevoeligheid", "noise": "ruis", "posterior": "posterior",
    "validation": "validatie", "diagnostics": "diagnostiek", "parameters": "parameters",
    "columns": "kolommen", "provenance": "herkomst",
}

# Headers of the explanation sheets of an export.
SHEET_HEADERS = {
    "table": ("table", "tabel"), "column": ("column", "kolom"), "label": ("label", "label"),
    "unit": ("unit", "eenheid"),
    "meaning": ("meaning", "betekenis"), "key": ("key", "sleutel"), "value": ("value", "waarde"),
}

UNITS_NL = {
    "": "", "0-1": "0-1", "EUR": "EUR", "EUR per start": "EUR per start", "addresses": "adressen",
    "as the outcome": "als de uitkomst", "as the output": "als de uitkomst", "conversations": "gesprekken",
    "date": "datum", "days": "dagen", "decisions": "besluiten", "doors": "deuren", "fraction": "fractie",
    "hours": "uren", "households": "huishoudens", "leads": "leads", "letters": "brieven", "names": "namen",
    "notes": "briefjes", "output squared": "uitkomst in het kwadraat", "people": "personen",
    "points per starter": "punten per starter", "referrals": "doorverwijzingen", "runs": "runs", "visits": "bezoeken",
    "weeks": "weken", "yes/no": "ja/nee", "distance": "afstand", "particles": "deeltjes",
    "as the parameter": "als de parameter", "steps": "stappen",
}
