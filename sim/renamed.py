"""Names that changed. "Referral" meant both names coming in and problems going out; now
partners pass on names that the project receives, broad visits refer problems, and the
strategy that served a household or an hour is its route. Input with an old name is refused
with the new one; results folders written before are read with the new column names."""

from __future__ import annotations

from sim.config.quantities import PARTNER_TYPES
from sim.strategies.registry import REGISTRY

# Outcomes (columns of runs and timeseries, calibration numerators, experiment outcomes).
OUTCOMES = {"names_referred": "names_received", "referrals": "problem_referrals"}
OUTCOMES.update({f"referrals_{p}": f"problem_referrals_{p}" for p in PARTNER_TYPES})

# Scenario settings by (section, last part of the key): list elements are named by index,
# type or name, so the parts between say nothing certain.
SETTINGS = {
    ("strategies", "referrals"): "refer_problems",  # broad home visits
    ("behaviour", "referral_selectivity"): "name_selectivity",
    ("behaviour", "referral_misjudgement"): "name_misjudgement",
    ("world", "refers_names"): "passes_names",  # partners
}

# Columns of other tables of a results folder.
TABLE_COLUMNS = {"hours": {"strategy": "route"}}


def new_outcome(name: str) -> str | None:
    """The new name of an old outcome name, with or without a strategy prefix; else None."""
    prefix, dot, base = name.rpartition(".")
    new = OUTCOMES.get(base)
    if new is None or (prefix and prefix not in REGISTRY):  # a sweep's parameter column is no outcome
        return None
    return f"{prefix}{dot}{new}"


def new_key(key) -> str | None:
    """A scenario key (dotted, or a location as parts) with its old last part renamed; else None."""
    parts = [str(p) for p in key] if isinstance(key, (tuple, list)) else str(key).split(".")
    new = SETTINGS.get((parts[0], parts[-1])) if parts else None
    return ".".join([*parts[:-1], new]) if new else None


def old_columns(table: str, columns) -> dict[str, str]:
    """Old column names of a table of a results folder, with their new names."""
    renames = TABLE_COLUMNS.get(table, {})
    out = {}
    for c in columns:
        new = renames.get(c) or (new_outcome(c) if isinstance(c, str) else None)
        if new and new not in columns:
            out[c] = new
    return out
