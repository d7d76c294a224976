"""The one pure pipeline: a validated Season in, the output sheets out (DataFrames with formatting hints).

Both adapters (``xlsx.py`` headless, ``excel.py`` through xlwings) call ``regenerate`` and write what it
returns; nothing here reads or writes a file.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .schema import OUTPUT_SHEETS, Problem, Season, sort_problems

GENERATED_NOTE = "Rebuilt by xlresidency each time you regenerate: edits on this sheet are replaced."

# Fill colours (hex RGB) shared by the sheets that colour a verdict.
GREEN, AMBER, GREY, RED = "C6EFCE", "FFEB9C", "E7E6E6", "FFC7CE"

# The look both adapters give every output sheet.
HEADER_FILL, HEADER_TEXT, NOTE_TEXT = "1F4E78", "FFFFFF", "595959"
DATE_FORMAT = "yyyy-mm-dd"
LINK_TEXT = "Open"  # what a link cell shows; the address itself is the cell's hyperlink


@dataclass
class OutputSheet:
    """One generated sheet: a table plus light formatting hints the adapters apply.

    Layout written by both adapters: row 1 the generated-sheet note (``GENERATED_NOTE`` + ``note``), row 2
    the headers of ``frame``, data from row 3, then one blank row and the ``footer`` rows, if any.
    """

    name: str
    frame: pd.DataFrame
    note: str = ""
    widths: dict[str, float] = field(default_factory=dict)  # column -> width in characters
    wrap: tuple[str, ...] = ()  # columns whose text wraps
    fills: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {cell text: fill colour}
    number_formats: dict[str, str] = field(default_factory=dict)  # column -> Excel number format
    links: tuple[str, ...] = ()  # columns holding URLs (mailto:, file:) written as hyperlinks
    footer: list[list[Any]] = field(default_factory=list)  # rows below the table
    landscape: bool = True  # page set-up for printing: landscape, fit to one page wide

    def __post_init__(self) -> None:
        if self.name not in OUTPUT_SHEETS:
            raise ValueError(f"{self.name!r} is not an output sheet of the workbook contract")

    @property
    def title(self) -> str:
        """The first-row note."""
        return f"{GENERATED_NOTE} {self.note}".strip()

    def width(self, column: str) -> float:
        """The width of a column in characters: the hint, else from the header's length."""
        return self.widths.get(column, max(10, min(40, len(str(column)) + 4)))

    def line_counts(self) -> list[int]:
        """How many text lines each data row needs, from its wrapped columns' text and widths (at least 1).

        Neither openpyxl nor LibreOffice sizes rows to wrapped text on their own, so the adapters set each
        row's height from this.
        """
        lines = pd.Series(1, index=range(len(self.frame)), dtype="int64")
        for column in self.wrap:
            if column not in self.frame:
                continue
            chars_per_line = max(4.0, float(self.widths.get(column, 10)) * 1.25)
            text = self.frame[column].fillna("").astype(str).reset_index(drop=True)
            paragraphs = text.str.split("\n", regex=False).explode()
            wrapped = (paragraphs.str.len() / chars_per_line).apply(np.ceil).clip(lower=1)
            lines = lines.combine(wrapped.groupby(level=0).sum().astype("int64"), max)
        return [int(v) for v in lines]

    def grid(self) -> list[list[Any]]:
        """The sheet's cells as rows of plain Python values, exactly as both adapters write them.

        Blanks (None, NaN, NaT, pd.NA) become None, timestamps become ``datetime.datetime``, numpy scalars
        become Python numbers, so the xlsx and xlwings writers cannot differ in what lands in a cell.
        """
        rows: list[list[Any]] = [[self.title], list(self.frame.columns)]
        rows.extend([cell_value(v) for v in record] for record in self.frame.itertuples(index=False, name=None))
        if self.footer:
            rows.append([])
            rows.extend([cell_value(v) for v in line] for line in self.footer)
        return rows


def cell_value(value: Any) -> Any:
    """One value as a plain cell value (see ``OutputSheet.grid``)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        item = value.item()
        return None if isinstance(item, float) and math.isnan(item) else item
    return value


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


def checks_sheet(problems: list[Problem]) -> OutputSheet:
    """The Checks sheet: every input problem found, in sheet and row order."""
    frame = pd.DataFrame(
        [[p.sheet, p.row, p.column, p.problem, p.how_to_fix] for p in sort_problems(problems)],
        columns=["Sheet", "Row", "Column", "Problem", "How to fix"],
    )
    frame["Row"] = frame["Row"].astype("Int64")
    note = (
        f"{len(frame)} problem(s) found; rows that could not be used are named here."
        if len(frame)
        else "No problems found in your input sheets."
    )
    return OutputSheet(
        "Checks",
        frame,
        note=note,
        widths={"Sheet": 14, "Row": 6, "Column": 24, "Problem": 60, "How to fix": 60},
        wrap=("Problem", "How to fix"),
    )


def regenerate(season: Season, progress: Progress | None = None) -> list[OutputSheet]:
    """All output sheets for a season, in workbook order; problems found on the way end up on Checks."""
    report = progress or (lambda _stage: None)
    sheets: list[OutputSheet] = []
    found: list[Problem] = []  # problems met while building sheets (e.g. a broken email template)
    from . import emails, guide, scoring, second_look, trips  # here, not at the top: they build with OutputSheet

    report("Fit")
    fit = scoring.fit_table(season)
    sheets.append(scoring.fit_sheet(fit))
    report("Second Look")
    decision = second_look.decide(season, fit, placer=trips.place_visits)
    sheets.append(second_look.second_look_sheet(decision, season))
    report("Trips")
    trip_plan = trips.plan_from_decision(season, decision)
    sheets.append(trips.trips_sheet(season, trip_plan))
    found.extend(trips.new_problems(season, trip_plan))
    report("Emails")
    planned = next((s.frame for s in sheets if s.name == "Trips"), None)
    email_sheet, email_problems = emails.emails_sheet(season, decision, planned)
    sheets.append(email_sheet)
    found.extend(email_problems)
    report("Visit Guide")
    sheets.append(guide.visit_guide_sheet(season, decision))
    report("Compare")
    sheets.append(guide.compare_sheet(season, fit))
    report("Rank Draft")
    sheets.append(guide.rank_draft_sheet(season, fit))
    report("Checks")
    sheets.append(checks_sheet([*season.problems, *found]))
    order = {name: i for i, name in enumerate(OUTPUT_SHEETS)}
    return sorted(sheets, key=lambda s: order[s.name])
