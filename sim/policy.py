"""The policy in force during a run: the contribution fee, childcare, the waiting time and the
offers, as the scenario sets them (``policy``) and its dated changes alter them
(``policy_changes``, e.g. the fee abolished on 2010-06-10, 000:458).

The fee is the trajectory's (000:213): obligated participants and earlier refusers pay the
statutory contribution, voluntary ones the fee the municipality asks. The pathway charges it
only on a trajectory start (sim/pathway.py); a household weighs it in its decision
(``Household.decide``, the fee barrier).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.agents.state import Offer

if TYPE_CHECKING:
    from sim.agents.household import Household
    from sim.config.policy import PolicyChange, PolicySpec

# who pays the statutory contribution rather than the fee asked of volunteers (000:213, 000:349-350)
STATUTORY = ("obligated", "refuser")
CHANGEABLE = ("fee_eur", "fee_eur_obligated", "childcare", "waiting_time_weeks", "offer")


class PolicyInForce:
    """The policy as it stands on the current day of a run."""

    def __init__(self, spec: PolicySpec):
        self.now: PolicySpec = spec.model_copy(deep=True)  # a run's changes never reach the scenario

    def apply(self, change: PolicyChange) -> None:
        """A dated change: the values it sets replace those in force from its date on."""
        for key in CHANGEABLE:
            value = getattr(change, key)
            if value is None:
                continue
            if key == "offer":
                # only the offers the change names: the others stay as they are
                value = self.now.offer.model_copy(update={k: getattr(value, k) for k in value.model_fields_set})
            setattr(self.now, key, value)

    def fee_for(self, household: Household) -> float:
        if household.status in STATUTORY:
            return self.now.fee_eur_obligated
        return self.now.fee_eur

    def offer_for(self, household: Household) -> Offer:
        """What a coach can offer this household today."""
        o = self.now.offer
        return Offer(
            fee_eur=self.fee_for(household),
            trajectory=o.trajectory,
            literacy=o.literacy,
            conversation_classes=o.conversation_classes,
            home_lessons=o.home_lessons,
            starter_courses=o.starter_courses,
            participation=o.participation,
            childcare=self.now.childcare,
        )
