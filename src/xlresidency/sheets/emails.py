"""The Emails sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from .layout import GREEN, OutputSheet


def emails_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Emails sheet: the plan's drafts, laid out (the template problems met writing them are the plan's)."""
    frame = plan.drafts[0]
    clean = int((frame["Policy check"] == "OK").sum())
    note = (f"{len(frame)} draft(s), {clean} ready to send. Read each one and make it yours before sending; "
            "the thank-you drafts are for after the visit." if len(frame)
            else "No drafts: no program is marked Visit or Virtual on the Second Look sheet.")
    return OutputSheet(
        "Emails", frame, note=note,
        # the draft itself (program to body) prints on the first page across, the body about 70 characters a line
        widths={"Program": 20, "Kind": 10, "To": 26, "Subject": 24, "Body": 62, "Open in mail": 8,
                "Policy check": 30},
        keep_widths={"Body": 62},
        wrap=("Program", "To", "Subject", "Body", "Policy check"),  # "To": one whole address a line
        fills={"Policy check": {"OK": GREEN}},
        links=("Open in mail",),
    )
