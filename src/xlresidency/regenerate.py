"""The one pure pipeline: a validated Season in, the output sheets out (``OutputSheet``: tables with their look).

The season is planned once (``plan.plan_season``) and every output sheet is built from that plan. Both adapters
(``xlsx.py`` headless, ``excel.py`` through xlwings) call ``regenerate`` and write what it returns; nothing here
reads or writes a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from .core.columns import not_judged
from .core.records import Problem, Season
from .core.schema import OUTPUT_SHEETS
from .plan import plan_season
from .sheets.applications import applications_sheet
from .sheets.checks import checks_sheet
from .sheets.compare import compare_sheet
from .sheets.emails import emails_sheet
from .sheets.fit import fit_sheet
from .sheets.layout import OutputSheet
from .sheets.rank_draft import rank_draft_sheet
from .sheets.season_calendar import calendar_sheet
from .sheets.second_look import second_look_sheet
from .sheets.trips import trips_sheet
from .sheets.visit_guide import visit_guide_sheet

Progress = Callable[[str], None]


def problems_found(sheets: list[OutputSheet]) -> list[Problem]:
    """Every problem a regeneration put on its Checks sheet: the input checks and those met building sheets."""
    checks = next((s.frame for s in sheets if s.name == "Checks"), None)
    if checks is None:
        return []
    return [
        Problem(str(sheet), None if pd.isna(row) else int(row), str(column), str(problem), str(fix))
        for sheet, row, column, problem, fix in checks.itertuples(index=False, name=None)
    ]


def regenerate(season: Season, progress: Progress | None = None) -> list[OutputSheet]:
    """All output sheets for a season, in workbook order; problems found on the way end up on Checks.

    A sheet built without a column the rules read (``Season.missing``) says in its first-row note which rules
    could not be judged."""
    report = progress or (lambda _stage: None)
    report("Planning the season")
    plan = plan_season(season)
    found: list[Problem] = list(plan.problems)  # problems met while planning and building sheets
    report("Building the sheets")
    email_sheet, email_problems = emails_sheet(plan)
    found.extend(email_problems)
    sheets = [applications_sheet(plan), fit_sheet(plan), second_look_sheet(plan), trips_sheet(plan),
              calendar_sheet(plan), email_sheet,
              visit_guide_sheet(plan), compare_sheet(plan), rank_draft_sheet(plan),
              checks_sheet([*season.problems, *found])]
    unjudged = not_judged(season.missing)
    sheets = [replace(s, note=f"{s.note} {unjudged[s.name]}".strip()) if s.name in unjudged else s for s in sheets]
    order = {name: i for i, name in enumerate(OUTPUT_SHEETS)}
    return sorted(sheets, key=lambda s: order[s.name])
