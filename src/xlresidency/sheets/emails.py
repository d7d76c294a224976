"""The Emails sheet."""

from __future__ import annotations

from ..core.records import Problem
from ..plan import SeasonPlan
from ..rules.emails import drafts
from .layout import GREEN, OutputSheet


def emails_sheet(plan: SeasonPlan) -> tuple[OutputSheet, list[Problem]]:
    """The Emails sheet and the problems it found (for Checks)."""
    frame, problems = drafts(plan)
    clean = int((frame["Policy check"] == "OK").sum())
    note = (f"{len(frame)} draft(s), {clean} ready to send. Read each one and make it yours before sending; "
            "the thank-you drafts are for after the visit." if len(frame)
            else "No drafts: no program is marked Visit or Virtual on the Second Look sheet.")
    sheet = OutputSheet(
        "Emails", frame, note=note,
        # the draft itself (program to body) prints on the first page across, the body about 70 characters a line
        widths={"Program": 20, "Kind": 10, "To": 26, "Subject": 24, "Body": 62, "Open in mail": 8,
                "Policy check": 30},
        keep_widths={"Body": 62},
        wrap=("Program", "To", "Subject", "Body", "Policy check"),  # "To": one whole address a line
        fills={"Policy check": {"OK": GREEN}},
        links=("Open in mail",),
    )
    return sheet, problems
