"""The Rank Draft sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from ..rules.guide import cannot_start_at, rank_draft, rank_draft_notes
from ..rules.scoring import eligibility_of
from .fit import TIER_FILLS
from .layout import AMBER, GREEN, RED, OutputSheet


def rank_draft_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Rank Draft sheet: the list in the applicant's order, with the notes and the fee below it."""
    season = plan.season
    frame = rank_draft(season, plan.fit)
    unranked = int(season.programs["My rank"].isna().sum())
    ranked = season.programs[season.programs["My rank"].notna()].sort_values(["My rank", "Program"], kind="stable")
    reasons = cannot_start_at(plan.fit, ranked.index)
    cannot = ranked.loc[reasons != "", "Program"].tolist()
    starts = eligibility_of(plan.fit, ranked.index).start.tolist()
    notes = rank_draft_notes(len(frame), unranked, season.settings, season.profile.specialty, cannot,
                             season.profile.visa_needed, starts, reasons[reasons != ""].tolist())
    return OutputSheet(
        "Rank Draft", frame, note=f"{len(frame)} program(s) in your order (My rank on the Programs sheet).",
        widths={"#": 5, "Program": 34, "My rank": 8, "Fit": 6, "Tier": 11, "Average rating": 9, "Visa": 13,
                "Flags": 60},
        wrap=("Program", "Flags"),
        fills={"Visa": {"Sponsored": GREEN, "Not needed": GREEN, "Unknown": AMBER,
                        "Not sponsored": RED},
               "Tier": TIER_FILLS},
        number_formats={"Fit": "0", "Average rating": "0.0"},
        footer=[[line] for line in notes],
        landscape=True,
    )
