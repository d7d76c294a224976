"""The Checks sheet."""

from __future__ import annotations

import pandas as pd

from ..core.records import Problem, sort_problems
from .layout import OutputSheet


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
