"""The Second Look sheet."""

from __future__ import annotations

from ..plan import SeasonPlan
from ..rules.second_look import SECOND_LOOK_COLUMNS, SKIP, VIRTUAL, VISIT
from .layout import AMBER, GREEN, GREY, OutputSheet


def second_look_sheet(plan: SeasonPlan) -> OutputSheet:
    """The Second Look sheet: Visits first by Priority, then the rest by My rank; recommendation coloured."""
    decision, season = plan.decision, plan.season
    rank = season.programs["My rank"].reindex(decision.index).astype(float)
    frame = decision.assign(_rank=rank).sort_values(["Priority", "_rank", "Program"], na_position="last",
                                                    kind="stable").drop(columns="_rank")
    counts = frame["Recommendation"].value_counts()
    budget = season.profile.budget
    spend = frame.loc[frame["Recommendation"] == VISIT, "Est. cost"].sum(min_count=1)
    note = f"{counts.get(VISIT, 0)} Visit, {counts.get(VIRTUAL, 0)} Virtual, {counts.get(SKIP, 0)} Skip."
    if spend == spend:
        note += f" Visits cost about ${spend:,.0f}"
        note += f" of your ${budget:,.0f} budget." if budget is not None else "."
    return OutputSheet(
        "Second Look", frame.loc[:, list(SECOND_LOOK_COLUMNS)].reset_index(drop=True), note=note,
        widths={"Program": 34, "Recommendation": 16, "Reason": 40, "Priority": 8, "Criteria met": 11, "Why": 60,
                "Why not": 60, "Plan": 11, "Date": 12, "Est. cost": 10, "Questions to resolve": 44},
        wrap=("Program", "Reason", "Why", "Why not", "Questions to resolve"),
        center=("Priority", "Criteria met", "Plan"),
        fills={"Recommendation": {VISIT: GREEN, VIRTUAL: AMBER, SKIP: GREY}},
        number_formats={"Date": "yyyy-mm-dd", "Est. cost": "$#,##0", "Priority": "0"},
    )
