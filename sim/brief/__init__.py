"""``outreach brief``: a policy brief a reader without Python can forward. It writes
``brief.html`` (self-contained), ``brief.pdf`` (printed from the HTML by Chromium),
``summary.csv`` and ``levers.csv`` (the numbers of the brief), ``runs.csv`` and
``lever_runs.csv`` (the runs behind them) and ``metadata.json``."""

from sim.brief.build import DEFAULT_SCENARIOS, FULL_REPLICATES, QUICK_LEVER_REPLICATES, Brief, build
from sim.brief.output import find_chromium, write_brief

__all__ = ["DEFAULT_SCENARIOS", "FULL_REPLICATES", "QUICK_LEVER_REPLICATES", "Brief", "build", "find_chromium",
           "write_brief"]
