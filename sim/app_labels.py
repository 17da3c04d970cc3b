"""Labels of the trainer app, in English and Dutch. Every word a visitor sees comes from here
(or from sim.labels for the names of routes and activities), so Dutch is complete."""

from __future__ import annotations

from sim.labels import ACTIVITY_LABELS, STRATEGY_LABELS

LANGS = {"en": "English", "nl": "Nederlands"}


def _pick(table: dict, i: int) -> dict:
    return {k: v[i] for k, v in table.items()}


LABELS = {
    "en": {
        "title": "outreach-sim: reaching residents who would benefit from learning Dutch",
        "page_title": "outreach-sim trainer",
        "tab_run": "Simulation", "tab_compare": "Compare", "tab_about": "About this model",
        "scenario": "Scenario", "language": "Language", "dark": "Dark theme",
        "step": "Step", "play": "Play", "pause": "Pause", "reset": "Restart",
        "days_per_step": "Days per step", "days": "days",
        "apply": "Apply and restart", "pending": "Changed settings are not in the run yet: press 'Apply and restart'.",
        "in_effect": "The run uses these settings.",
        "seed": "Random seed (whole number)", "seed_error": "The seed must be a whole number from 0 to 4294967295.",
        "levers": "Settings", "policy": "Policy and coaches",
        "fee_eur": "Fee, voluntary participants", "fee_eur_obligated": "Fee, obligated participants",
        "fee_eur_name": "fee for voluntary participants", "fee_eur_obligated_name": "fee for obligated participants",
        "routes_shaded": "shaded: weeks in which a route runs",
        "fee_change_note": "In this scenario the {fee} changes to EUR {value:.0f} on {date}.",
        "fee_held_note": "You set the {fee}: it holds throughout; the scenario's change on {date} is dropped.",
        "trained": "Coaches trained in motivating conversations",
        "trained_choices": {"scenario": "as in the scenario", "start": "from the start", "never": "not trained"},
        "trained_from": "from {date}",
        "hours": "Coach hours per week", "slot": "Time of the visits", "framing": "Message at the door",
        "pairs": "Coaches visit in pairs",
        "announced": "Letter with date and time before the visit",
        "announced_note": ("A letter with date and time goes out a few days before: people can decline in advance "
                           "and are more often at home; each letter costs time and postage."),
        "slot_choices": {"morning": "morning", "early_afternoon": "early afternoon", "late_afternoon": "late afternoon",
                         "evening": "evening"},
        "framing_choices": {"inburgering": "'inburgering' (civic integration)",
                            "taal_en_meedoen": "'taal en meedoen' (language and taking part)"},
        "as_scenario": "as in the scenario", "in_scenario": "In the scenario", "from": "from",
        "date": "Date", "week": "Week", "of": "of", "finished": "The scenario has ended.",
        "this_week": "This step", "tiles": "So far",
        "doors_rung": "doors", "opened": "opened", "nobody_home": "nobody home", "conversations_n": "conversations",
        "conversation_1": "conversation", "names_n": "names received", "name_1": "name received",
        "starts_n": "starts", "start_1": "start", "declined_letter_n": "declined after the letter",
        "starts": "Starts", "success": "Success rate", "cost_per_start": "Cost per start",
        "success_hint": "per conversation, or per name for the network",
        "cost_hint": "coach hours and spending on letters, campaign and more; fees apart",
        "na": "n/a",
        "stage": {"not_reached": "not reached yet", "approached": "approached", "in_conversation": "in conversation",
                  "declined": "declined", "interested": "interested", "started": "started a course",
                  "participating": "taking part in the neighbourhood"},
        "door_open": "door rung this step: opened", "door_closed": "door rung this step: nobody home",
        "partner": "partner organisation (bigger: more engaged)", "key_figure": "key figure",
        "ties": "ties to households (grey: partner, orange: key figure)",
        "map": "The neighbourhoods",
        "starts_by_route": "Starts by route (cumulative)", "success_by_approach": "Success rate per route",
        "hours_by_activity": "Coach hours by activity", "cost_by_approach": "Cost per start per route",
        "week_axis": "week of the scenario", "starts_axis": "starts", "success_axis": "success rate (%)",
        "cost_axis": "EUR per start", "hours_axis": "hours",
        "route_starts": "starts", "route_stops": "stops",
        "fee_abolished": "fee abolished", "fee_changes": "fee changes",
        "route_short": {"narrow": "narrow visits", "broad": "broad visits", "network": "network\n(per name)",
                        "campaign": "campaign\n(per lead)", "ambassadors": "ambassadors\n(per name)",
                        "vve": "pre-schools\n(per name)", "starter_courses": "starter courses\n(per enrolment)"},
        "compare_intro": ("Compare runs the current settings and the scenario as written (the baseline) with the same "
                          "seeds to the end, so one lucky or unlucky run does not hide the effect of a setting."),
        "compare_runs": "Runs per side", "compare_go": "Compare", "compare_busy": "Running {n} paired runs...",
        "compare_same": "The current settings are the scenario's own: change a setting first to see its effect.",
        "compare_chart": "Starts over time: median and 90% range", "baseline": "scenario as written",
        "current": "current settings", "range90": "(90% range)",
        "compare_row": ("{what}: current {cur} (90% range {cur_lo} to {cur_hi}); "
                        "scenario {base} ({base_lo} to {base_hi})"),
        "compare_pairs": "higher with the current settings in {higher} of {pairs} paired runs, lower in {lower}",
        "compare_separate": "the 90% ranges do not overlap",
        "compare_overlap": "the 90% ranges overlap: the difference may be noise",
        "compare_stale": "These results are for settings that have since changed.",
        "compare_pending": "Compare uses the settings of the run: press 'Apply and restart' to include your changes.",
        "about": "About this model",
        "failed": "This part of the page could not be drawn ({what}); press Restart or choose a scenario.",
    },
    "nl": {
        "title": "outreach-sim: bewoners bereiken die baat hebben bij Nederlands leren",
        "page_title": "outreach-sim voor trainers",
        "tab_run": "Simulatie", "tab_compare": "Vergelijken", "tab_about": "Over dit model",
        "scenario": "Scenario", "language": "Taal", "dark": "Donker thema",
        "step": "Stap", "play": "Afspelen", "pause": "Pauze", "reset": "Opnieuw",
        "days_per_step": "Dagen per stap", "days": "dagen",
        "apply": "Toepassen en opnieuw starten",
        "pending": "Gewijzigde instellingen zitten nog niet in de simulatie: druk op 'Toepassen en opnieuw starten'.",
        "in_effect": "De simulatie gebruikt deze instellingen.",
        "seed": "Startgetal toeval (heel getal)",
        "seed_error": "Het startgetal moet een heel getal van 0 tot 4294967295 zijn.",
        "levers": "Instellingen", "policy": "Beleid en coaches",
        "fee_eur": "Eigen bijdrage, vrijwillige inburgeraars",
        "fee_eur_obligated": "Eigen bijdrage, inburgeringsplichtigen",
        "fee_eur_name": "eigen bijdrage voor vrijwilligers",
        "fee_eur_obligated_name": "eigen bijdrage voor inburgeringsplichtigen",
        "routes_shaded": "gekleurd: weken waarin een route loopt",
        "fee_change_note": "In dit scenario wordt de {fee} op {date} EUR {value:.0f}.",
        "fee_held_note": "U stelt de {fee} zelf in: die geldt de hele periode; de wijziging van {date} vervalt.",
        "trained": "Coaches getraind in motiverende gesprekken",
        "trained_choices": {"scenario": "zoals in het scenario", "start": "vanaf het begin", "never": "niet getraind"},
        "trained_from": "vanaf {date}",
        "hours": "Uren coach per week", "slot": "Tijdstip van de bezoeken", "framing": "Boodschap aan de deur",
        "pairs": "Coaches gaan met z'n tweeën",
        "announced": "Brief met datum en tijd voor het bezoek",
        "announced_note": ("Een paar dagen vooraf gaat een brief met datum en tijd: mensen kunnen vooraf afzeggen "
                           "en zijn vaker thuis; elke brief kost tijd en porto."),
        "slot_choices": {"morning": "ochtend", "early_afternoon": "vroege middag", "late_afternoon": "late middag",
                         "evening": "avond"},
        "framing_choices": {"inburgering": "'inburgering'", "taal_en_meedoen": "'taal en meedoen'"},
        "as_scenario": "zoals in het scenario", "in_scenario": "In het scenario", "from": "vanaf",
        "date": "Datum", "week": "Week", "of": "van", "finished": "Het scenario is afgelopen.",
        "this_week": "Deze stap", "tiles": "Tot nu toe",
        "doors_rung": "deuren", "opened": "open", "nobody_home": "niemand thuis", "conversations_n": "gesprekken",
        "conversation_1": "gesprek", "names_n": "aangeleverde namen", "name_1": "aangeleverde naam",
        "starts_n": "starts", "start_1": "start", "declined_letter_n": "afgezegd na de brief",
        "starts": "Gestarte trajecten", "success": "Succespercentage", "cost_per_start": "Kosten per start",
        "success_hint": "per gesprek, of per naam bij het netwerk",
        "cost_hint": "uren coach en uitgaven aan brieven, campagne en meer; eigen bijdragen apart",
        "na": "n.v.t.",
        "stage": {"not_reached": "nog niet bereikt", "approached": "benaderd", "in_conversation": "in gesprek",
                  "declined": "afgewezen", "interested": "geïnteresseerd", "started": "gestart met een cursus",
                  "participating": "doet mee in de wijk"},
        "door_open": "deze stap aangebeld: open", "door_closed": "deze stap aangebeld: niemand thuis",
        "partner": "partnerorganisatie (groter: meer betrokken)", "key_figure": "sleutelfiguur",
        "ties": "banden met huishoudens (grijs: partner, oranje: sleutelfiguur)",
        "map": "De wijken",
        "starts_by_route": "Starts per route (opgeteld)", "success_by_approach": "Succespercentage per route",
        "hours_by_activity": "Uren coach per activiteit", "cost_by_approach": "Kosten per start per route",
        "week_axis": "week van het scenario", "starts_axis": "starts", "success_axis": "succespercentage (%)",
        "cost_axis": "EUR per start", "hours_axis": "uren",
        "route_starts": "start", "route_stops": "stopt",
        "fee_abolished": "eigen bijdrage afgeschaft", "fee_changes": "eigen bijdrage wijzigt",
        "route_short": {"narrow": "smalle bezoeken", "broad": "brede bezoeken", "network": "netwerk\n(per naam)",
                        "campaign": "campagne\n(per aanmelding)", "ambassadors": "ambassadeurs\n(per naam)",
                        "vve": "vve\n(per naam)", "starter_courses": "instapcursussen\n(per inschrijving)"},
        "compare_intro": ("Vergelijken draait de huidige instellingen en het scenario zoals het is (de basis) met "
                          "dezelfde startgetallen tot het eind, zodat één gelukkige of ongelukkige run het effect "
                          "van een instelling niet verbergt."),
        "compare_runs": "Runs per kant", "compare_go": "Vergelijken", "compare_busy": "{n} gepaarde runs bezig...",
        "compare_same": ("De huidige instellingen zijn die van het scenario: wijzig eerst een instelling om het effect "
                         "ervan te zien."),
        "compare_chart": "Starts in de tijd: mediaan en 90%-bereik", "baseline": "scenario zoals het is",
        "current": "huidige instellingen", "range90": "(90%-bereik)",
        "compare_row": ("{what}: huidig {cur} (90%-bereik {cur_lo} tot {cur_hi}); "
                        "scenario {base} ({base_lo} tot {base_hi})"),
        "compare_pairs": "hoger met de huidige instellingen in {higher} van {pairs} gepaarde runs, lager in {lower}",
        "compare_separate": "de 90%-bereiken overlappen niet",
        "compare_overlap": "de 90%-bereiken overlappen: het verschil kan toeval zijn",
        "compare_stale": "Deze uitkomsten horen bij instellingen die sindsdien zijn gewijzigd.",
        "compare_pending": ("Vergelijken gebruikt de instellingen van de simulatie: druk op 'Toepassen en opnieuw "
                            "starten' om uw wijzigingen mee te nemen."),
        "about": "Over dit model",
        "failed": "Dit deel van de pagina kon niet worden getekend ({what}); druk op Opnieuw of kies een scenario.",
    },
}
LABELS["en"]["strategy"] = _pick(STRATEGY_LABELS, 0)
LABELS["nl"]["strategy"] = _pick(STRATEGY_LABELS, 1)
LABELS["en"]["activity"] = _pick(ACTIVITY_LABELS, 0)
LABELS["nl"]["activity"] = _pick(ACTIVITY_LABELS, 1)


def whole(lang: str, value: float) -> str:
    """A whole number with the language's thousands separator: 1,402 or 1.402."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def t(lang: str, key: str):
    return LABELS.get(lang, LABELS["en"])[key]
