"""The building blocks of the scenario schema: quantities with their meaningful ranges, the
closed sets of names (slots, register statuses, partner kinds, start types), and the strict
base model every section uses."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

SEED_MAX = 2**32 - 1  # the seeds the command line and the trainer app take
Seed = Annotated[int, Field(ge=0, le=SEED_MAX)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
PositiveInt = Annotated[int, Field(ge=1)]
NonNegativeInt = Annotated[int, Field(ge=0)]
LogOdds = Annotated[float, Field(ge=-10.0, le=10.0)]  # an effect on the log-odds scale
TaskHours = Annotated[float, Field(ge=0.0, le=24.0)]  # coach hours for one task
WeekHours = Annotated[float, Field(ge=0.0)]  # at most 168 a week per coach: checked by the scenario
Days = Annotated[float, Field(ge=0.0, le=3650.0)]
Weeks = Annotated[float, Field(ge=0.0, le=520.0)]
FeeEur = Annotated[float, Field(ge=0.0, le=100_000.0)]  # a contribution fee: at most EUR 100,000
Eur = Annotated[float, Field(ge=0.0, le=1e9)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
PositiveCount = Annotated[int, Field(ge=1, le=10_000_000)]
BetaShape = Annotated[float, Field(gt=0.0, le=1000.0)]
Rate = Annotated[float, Field(ge=0.0, le=100.0)]  # names or events a week
HOURS_PER_WEEK = 168.0

SLOTS = ("morning", "early_afternoon", "late_afternoon", "evening")
Slot = Literal["morning", "early_afternoon", "late_afternoon", "evening"]
Framing = Literal["inburgering", "taal_en_meedoen"]
STATUSES = ("obligated", "refuser", "voluntary", "not_in_need")
Status = Literal["obligated", "refuser", "voluntary", "not_in_need"]
PartnerType = Literal[
    "primary_school",
    "mother_centre",
    "welfare_organisation",
    "housing_corporation",
    "migrant_organisation",
    "health_centre",
    "language_provider",
    "home_lesson_provider",
    "wmo_desk",
    "police",
    "municipal_inspector",
    "vve_location",
]
PARTNER_TYPES: tuple[PartnerType, ...] = get_args(PartnerType)


def _src(text: str) -> dict:
    return {"description": text}


# Mappings over a closed set of keys (register statuses, partner kinds, start types): a file
# that gives some keys keeps the defaults of the others.
MERGED_MAPPINGS = {
    "newcomer_share", "health_problem_share", "multiple_problems_share", "in_course_share",
    "base_interest", "integrated_share", "referral_need", "duration_days", "too_heavy_share", "selection_weight",
}
StartType = Literal["trajectory", "literacy", "conversation_or_home_lessons", "participation", "starter_course"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _merge_mappings(cls, data):
        if isinstance(data, dict):
            for name in MERGED_MAPPINGS & set(cls.model_fields) & set(data):
                given, field = data[name], cls.model_fields[name]
                if isinstance(given, dict) and field.default_factory is not None:
                    data = {**data, name: {**field.get_default(call_default_factory=True), **given}}
        return data


def check_slots(slots: dict | None) -> None:
    if slots is not None and not any(w > 0 for w in slots.values()):
        raise ValueError("no slot has a positive share; allowed: at least one of morning, early_afternoon, "
                         "late_afternoon, evening with a share > 0")


def refused(loc: tuple, message: str, value: Any) -> ValidationError:
    """A refusal of the value at ``loc`` inside the settings being checked, raised from their
    validator: pydantic puts the settings' own place in front, so the one-line error names the
    key itself (``strategies.2.phases.0.framing``). ``message``: ``what is wrong; allowed: ...``."""
    return ValidationError.from_exception_data(
        "refused", [InitErrorDetails(type=PydanticCustomError("value_error", message), loc=loc, input=value)]
    )
