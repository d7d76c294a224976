"""The Visit Guide sheet."""

from __future__ import annotations

from ..guide import ON_THE_DAY, OPEN_QUESTIONS, visit_guide
from ..plan import SeasonPlan
from .layout import AMBER, GREEN, OutputSheet


def visit_guide_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Visit Guide sheet: one block of questions per Visit program, with room for notes; prints landscape."""
    frame = visit_guide(plan)
    programs = frame["Program"].nunique()
    note = (f"Questions for {programs} visit(s). Print it, take it along, and write what you learn under Notes; "
            "afterwards, rate the four areas on the Ratings sheet." if programs
            else "No program is marked Visit on the Second Look sheet, so there is nothing to prepare yet.")
    return OutputSheet(
        "Visit Guide", frame, note=note,
        widths={"Program": 24, "Area": 22, "Question": 70, "Notes": 50},
        wrap=("Program", "Area", "Question", "Notes"),
        fills={"Area": {ON_THE_DAY: AMBER, OPEN_QUESTIONS: GREEN}},
        landscape=True,
    )
