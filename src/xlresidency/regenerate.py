"""The one pure pipeline: a validated Season in, one ``Regeneration`` out (the plan, the output sheets, every
problem and what to tell the applicant).

The season is planned once (``plan.plan_season``) and every output sheet is built from that plan. The shells (the
command line, the Excel button, the Lite script) print and decide from the ``Regeneration``; nothing reads a
finished sheet back. Both writers (``workbook/xlsx.py`` headless, ``excel/book.py`` through xlwings) write
``Regeneration.sheets``; nothing here reads or writes a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .core.columns import not_judged
from .core.records import Problem, Season, sort_problems
from .core.schema import OUTPUT_SHEETS
from .plan import SeasonPlan, plan_season
from .rules.second_look import SKIP, VIRTUAL, VISIT
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


def season_problems(plan: SeasonPlan) -> list[Problem]:
    """Every problem of a season, as the Checks sheet lists them: the input checks, then those met planning
    (signals, commitments, email templates)."""
    return sort_problems([*plan.season.problems, *plan.problems])


@dataclass(frozen=True)
class Summary:
    """What a shell tells the applicant after regenerating, taken from the plan."""

    sheets: int
    sent: int | None  # applications sent (None: no application advice)
    recommended: int
    second_looks: dict[str, int]  # Visit, Virtual, Skip: how many programs each
    problems: int

    def lines(self) -> list[str]:
        """The summary in words, one line each: the applications, the second looks, the input problems."""
        lines = []
        if self.sent is not None:
            lines.append(f"Applications: {self.sent} application(s) sent, {self.recommended} more recommended.")
        if self.second_looks:
            lines.append("Second looks: " + ", ".join(f"{n} {kind}" for kind, n in self.second_looks.items()))
        return lines


def summarise(plan: SeasonPlan, sheets: int, problems: int) -> Summary:
    """The ``Summary`` of a plan."""
    advice = plan.applications
    verdicts = plan.decision["Recommendation"].value_counts() if "Recommendation" in plan.decision else None
    counts = {kind: int(verdicts.get(kind, 0)) for kind in (VISIT, VIRTUAL, SKIP)} if verdicts is not None else {}
    return Summary(sheets, None if advice is None else advice.sent, 0 if advice is None else advice.recommended,
                   counts, problems)


@dataclass(frozen=True)
class Regeneration:
    """One regeneration: the season plan, the output sheets in workbook order, every problem (as on Checks) and
    the summary the shells print."""

    plan: SeasonPlan
    sheets: list[OutputSheet]
    problems: list[Problem]

    @property
    def summary(self) -> Summary:
        return summarise(self.plan, len(self.sheets), len(self.problems))

    def sheet(self, name: str) -> OutputSheet:
        """The output sheet of that name."""
        return next(s for s in self.sheets if s.name == name)


def build_sheets(plan: SeasonPlan, problems: list[Problem]) -> list[OutputSheet]:
    """Every output sheet of a plan, in workbook order. A sheet built without a column the rules read
    (``Season.missing``) says in its first-row note which rules could not be judged."""
    sheets = [applications_sheet(plan), fit_sheet(plan), second_look_sheet(plan), trips_sheet(plan),
              calendar_sheet(plan), emails_sheet(plan), visit_guide_sheet(plan), compare_sheet(plan),
              rank_draft_sheet(plan), checks_sheet(problems)]
    unjudged = not_judged(plan.season.missing)
    sheets = [replace(s, note=f"{s.note} {unjudged[s.name]}".strip()) if s.name in unjudged else s for s in sheets]
    order = {name: i for i, name in enumerate(OUTPUT_SHEETS)}
    return sorted(sheets, key=lambda s: order[s.name])


def regenerate(season: Season, progress: Progress | None = None) -> Regeneration:
    """Plan the season once and build every output sheet from the plan."""
    report = progress or (lambda _stage: None)
    report("Planning the season")
    plan = plan_season(season)
    problems = season_problems(plan)
    report("Building the sheets")
    return Regeneration(plan, build_sheets(plan, problems), problems)
