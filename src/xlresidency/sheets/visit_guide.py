"""The Visit Guide sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from ..rules.guide import ON_THE_CALL, ON_THE_DAY, OPEN_QUESTIONS, visit_guide
from .layout import AMBER, GREEN, OutputSheet


def visit_guide_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Visit Guide sheet: one block of questions per Visit program, then a shorter one per Virtual program (a
    video call), with room for notes; prints landscape."""
    frame = visit_guide(plan)
    visits = frame.loc[frame["Area"] == ON_THE_DAY, "Program"].nunique()
    calls = frame.loc[frame["Area"] == ON_THE_CALL, "Program"].nunique()
    parts = [f"{visits} visit(s)"] * bool(visits) + [f"{calls} virtual session(s)"] * bool(calls)
    note = (f"Questions for {' and '.join(parts)}. Print it, take it along, and write what you learn under Notes; "
            "afterwards, rate the four areas on the Ratings sheet." if parts
            else "No program is marked Visit or Virtual on the Second Look sheet, so there is nothing to prepare yet.")
    return OutputSheet(
        "Visit Guide", frame, note=note,
        widths={"Program": 24, "Area": 22, "Question": 70, "Notes": 50},
        wrap=("Program", "Area", "Question", "Notes"),
        fills={"Area": {ON_THE_DAY: AMBER, ON_THE_CALL: AMBER, OPEN_QUESTIONS: GREEN}},
        landscape=True,
    )
