"""The Fit sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from ..scoring import COMPONENTS, FIT_COLUMNS, LIKELY, NOT_NEEDED, NOT_SPONSORED, REACH, SPONSORED, TARGET, UNKNOWN
from .layout import AMBER, GREEN, GREY, RED, OutputSheet


def fit_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Fit sheet: best fit first, reasons wrapped, tier and visa coloured."""
    frame = plan.fit.loc[:, list(FIT_COLUMNS)].copy()
    frame[["Fit", *COMPONENTS]] = frame[["Fit", *COMPONENTS]].round(0)
    frame = frame.sort_values(["Fit", "Program"], ascending=[False, True], na_position="last", kind="stable")
    counts = frame["Tier"].value_counts()
    note = (", ".join(f"{counts.get(name, 0)} {name}" for name in (LIKELY, TARGET, REACH))
            + ". Fit is the weighted mean of the components that are known (weights on Settings); Notes name "
            "what was unknown and left out, or assumed.")
    return OutputSheet(
        "Fit", frame.reset_index(drop=True), note=note,
        widths={"Program": 34, "Fit": 6, "Tier": 8, **dict.fromkeys(COMPONENTS, 11), "Visa": 13, "Flags": 60,
                "Notes": 50},
        wrap=("Program", "Flags", "Notes"),
        fills={"Tier": {LIKELY: GREEN, TARGET: AMBER, REACH: GREY},
               "Visa": {SPONSORED: GREEN, NOT_NEEDED: GREEN, UNKNOWN: AMBER,
                        NOT_SPONSORED: RED}},
        number_formats=dict.fromkeys(["Fit", *COMPONENTS], "0"),
    )
