"""What finding people costs the municipality, in one place.

The cost of a run (``cost_eur``) is the gross public cost of outreach: the coaches' hours spent
finding people and taking them in (every hour but the case management of clients in a course)
at the hourly cost, plus the money spent as it is spent: letters, translation, the campaign,
ambassadors' allowances and starter-course places. Fee income and case management are outcomes
of their own, so the cost is never negative and does not grow after the outreach ends
(docs/MODEL.md, 3.3 "Time and money").
"""

from __future__ import annotations

from collections.abc import Mapping

# Money counted as it is spent (EUR), each booked by the strategy that spent it.
SPENDING = ("letter_cost_eur", "translation_cost_eur", "campaign_cost_eur", "ambassador_cost_eur", "course_cost_eur")
# Money counted as it is received or forgone (EUR): outcomes, not part of the cost.
FEES = ("fee_income_eur", "fees_waived_eur")


def outreach_hours(counts: Mapping[str, float]) -> float:
    """Coach hours spent finding people: everything but the case management of clients."""
    return counts.get("coach_hours", 0.0) - counts.get("hours_case_management", 0.0)


def case_management_cost(counts: Mapping[str, float], hourly: float) -> float:
    """Coach hours of case management for clients in a course, reported beside the cost."""
    return counts.get("hours_case_management", 0.0) * hourly


def public_cost(counts: Mapping[str, float], hourly: float) -> float:
    """The gross public cost of finding people (see the module's text)."""
    cost = outreach_hours(counts) * hourly
    for spent in SPENDING:  # added in this order, one after another
        cost += counts.get(spent, 0.0)
    return cost
