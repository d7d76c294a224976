"""The Fit sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from ..rules.scoring import (
    COMPONENTS,
    FIT_COLUMNS,
    LIKELY,
    NOT_ELIGIBLE,
    NOT_NEEDED,
    NOT_SPONSORED,
    REACH,
    SPONSORED,
    TARGET,
    TIERS,
    UNKNOWN,
    fit_note,
)
from .layout import AMBER, GREEN, GREY, RED, OutputSheet

TIER_FILLS = {LIKELY: GREEN, TARGET: AMBER, REACH: GREY, NOT_ELIGIBLE: RED}
"""The colour of each tier, on every sheet that shows one."""


def fit_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Fit sheet: best fit first, reasons wrapped, tier and visa coloured; what every J-1 program needs of
    the applicant said once in the note."""
    frame = plan.fit.loc[:, list(FIT_COLUMNS)].copy()
    frame[["Fit", *COMPONENTS]] = frame[["Fit", *COMPONENTS]].round(0)
    frame = frame.sort_values(["Fit", "Program"], ascending=[False, True], na_position="last", kind="stable")
    counts = frame["Tier"].value_counts()
    note = (", ".join(f"{counts.get(name, 0)} {name}" for name in TIERS)
            + ". Fit is the weighted mean of the components that are known (weights on Settings); Notes name "
            "what was unknown and left out, or assumed. Not eligible: the program cannot sponsor the visa you need.")
    j1 = fit_note(plan.fit, plan.season.programs, plan.season.profile)
    return OutputSheet(
        "Fit", frame.reset_index(drop=True), note=f"{note} {j1}".strip(),
        widths={"Program": 34, "Fit": 6, "Tier": 11, **dict.fromkeys(COMPONENTS, 11), "Visa": 13, "Flags": 60,
                "Notes": 50},
        wrap=("Program", "Flags", "Notes"),
        fills={"Tier": TIER_FILLS,
               "Visa": {SPONSORED: GREEN, NOT_NEEDED: GREEN, UNKNOWN: AMBER,
                        NOT_SPONSORED: RED}},
        number_formats=dict.fromkeys(["Fit", *COMPONENTS], "0"),
    )
