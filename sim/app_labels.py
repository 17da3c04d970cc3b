"""Labels of the trainer app, in English and Dutch."""

from __future__ import annotations

LABELS = {
    "en": {
        "title": "outreach-sim: reaching residents who would benefit from learning Dutch",
        "map": "The neighbourhoods", "charts": "How it is going", "summary": "So far",
        "date": "Date", "week": "Week", "addresses": "Addresses approached", "doors": "Doors opened",
        "conversations": "Conversations", "names": "Names from partners", "starts": "Starts",
        "success": "Success rate", "cost_per_start": "Cost per start", "coach_hours": "Coach hours",
        "declined_in_advance": "Declined after the letter",
        "fee": "Fee for voluntary participants",
        "stage": {"UNAWARE": "not reached", "APPROACHED": "approached", "IN_CONVERSATION": "in conversation",
                  "DECLINED": "declined", "INTERESTED": "interested", "STARTED": "started",
                  "PARTICIPATING": "participating"},
        "door_open": "door opened this step", "door_closed": "nobody home this step",
        "partner": "partner organisation (size: engagement)", "key_figure": "key figure",
        "starts_by_route": "Starts by route (cumulative)", "success_by_approach": "Success rate per approach",
        "hours_by_activity": "Coach hours by activity", "cost_by_approach": "Cost per start (EUR)",
        "weeks": "weeks", "hours": "hours",
        "strategy": {"narrow": "narrow visits", "broad": "broad visits", "network": "network",
                     "campaign": "campaign", "ambassadors": "ambassadors"},
        "activity": {"preparation": "preparation", "doors": "doors", "conversations": "conversations",
                     "notes_and_second_visits": "notes, 2nd visits", "intake": "intakes",
                     "partner_meetings": "partners", "case_management": "case management"},
        "finished": "The scenario has ended.",
    },
    "nl": {
        "title": "outreach-sim: bewoners bereiken die baat hebben bij Nederlands leren",
        "map": "De wijken", "charts": "Hoe het gaat", "summary": "Tot nu toe",
        "date": "Datum", "week": "Week", "addresses": "Benaderde adressen", "doors": "Deur geopend",
        "conversations": "Gesprekken", "names": "Namen van partners", "starts": "Gestarte trajecten",
        "success": "Succespercentage", "cost_per_start": "Kosten per start", "coach_hours": "Uren trajectcoach",
        "declined_in_advance": "Afgezegd na de brief",
        "fee": "Eigen bijdrage vrijwillige inburgeraars",
        "stage": {"UNAWARE": "niet bereikt", "APPROACHED": "benaderd", "IN_CONVERSATION": "in gesprek",
                  "DECLINED": "afgewezen", "INTERESTED": "geïnteresseerd", "STARTED": "gestart",
                  "PARTICIPATING": "participeert"},
        "door_open": "deur open deze stap", "door_closed": "niemand thuis deze stap",
        "partner": "partnerorganisatie (grootte: betrokkenheid)", "key_figure": "sleutelfiguur",
        "starts_by_route": "Starts per route (opgeteld)", "success_by_approach": "Succespercentage per aanpak",
        "hours_by_activity": "Uren trajectcoach per activiteit", "cost_by_approach": "Kosten per start (EUR)",
        "weeks": "weken", "hours": "uren",
        "strategy": {"narrow": "smalle huisbezoeken", "broad": "brede huisbezoeken", "network": "netwerk",
                     "campaign": "campagne", "ambassadors": "ambassadeurs"},
        "activity": {"preparation": "voorbereiding", "doors": "aanbellen", "conversations": "gesprekken",
                     "notes_and_second_visits": "briefjes, 2e bezoek", "intake": "intakes",
                     "partner_meetings": "partners", "case_management": "casemanagement"},
        "finished": "Het scenario is afgelopen.",
    },
}


def t(lang: str, key: str):
    return LABELS.get(lang, LABELS["en"])[key]
