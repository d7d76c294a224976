"""The Compare sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from ..rules.guide import NOT_RATED, compare
from ..rules.scoring import NOT_ELIGIBLE
from .layout import GREEN, GREY, RED, OutputSheet


def compare_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Compare sheet: the two programs side by side, the reading below."""
    frame, reading = compare(plan.season, plan.fit)
    chosen = ("Programs from Settings Compare A / Compare B, or your top two by My rank. Ratings are your "
              "1-5 averages from the Ratings sheet.")
    return OutputSheet(
        "Compare", frame, note=chosen,
        widths={"Factor": 26, **{c: 34 for c in frame.columns if c != "Factor"}},
        wrap=tuple(c for c in frame.columns if c != "Factor"),
        footer=[["Reading", reading]],
        fills={c: {NOT_RATED: GREY, "Not sponsored": RED, "Sponsored": GREEN, NOT_ELIGIBLE: RED}
               for c in frame.columns if c != "Factor"},
        landscape=False,
    )
