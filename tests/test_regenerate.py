"""The pipeline: one season plan, every output sheet built from it, the Why of a visit agreeing with its plan."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from factories import make_season
from xlresidency import regenerate
from xlresidency.core.records import Season
from xlresidency.core.schema import OUTPUT_SHEETS
from xlresidency.ground.days import day_text
from xlresidency.ground.season import SeasonGround
from xlresidency.plan import SeasonPlan, plan_season
from xlresidency.rules import second_look

FREE_ON = re.compile(r"Feasible: in the US and free on (\d{1,2} \w{3} \d{4}),.*?about \$([\d,]+)")

NEAR_INTERVIEW = {
    "programs": [
        {"Program": "Lakeshore IM", "My rank": 1, "Unanswered questions": "night float",
         "Second look from": dt.date(2027, 1, 25), "Second look until": dt.date(2027, 2, 19)},
        {"Program": "Milwaukee Interview IM", "City": "Milwaukee", "State": "WI", "My rank": 8,
         "Interview format": "In-person", "Interview date": dt.date(2027, 1, 27)},
        {"Program": "Boston IM", "City": "Boston", "State": "MA", "My rank": 2, "Unanswered questions": "housing"},
    ],
    "profile": {"Current city": "Denver", "Current state": "CO"},
}


def feasible_words(why: str) -> tuple[str, str] | None:
    found = FREE_ON.search(why)
    return (found.group(1), found.group(2)) if found else None


def visits_agree(plan: SeasonPlan) -> int:
    """Assert that each Visit's Why quotes its Date and Est. cost; returns how many were checked."""
    visits = plan.decision[plan.decision["Recommendation"] == second_look.VISIT]
    for _, row in visits.iterrows():
        quoted = feasible_words(row["Why"])
        assert quoted is not None, row["Why"]
        assert quoted == (day_text(pd.Timestamp(row["Date"]).date()), f"{row['Est. cost']:,.0f}"), row["Program"]
    return len(visits)


def test_the_sheets_come_in_workbook_order(demo_season: Season) -> None:
    assert [sheet.name for sheet in regenerate.regenerate(demo_season).sheets] == list(OUTPUT_SHEETS)


def test_why_names_the_day_and_cost_of_the_placement_on_the_demo(demo_plan: SeasonPlan) -> None:
    assert visits_agree(demo_plan) == 2
    assert set(demo_plan.decision.loc[demo_plan.visits(), "Plan"]) <= {"A", "B", "C", "Standalone"}


def test_why_names_the_day_and_cost_beside_an_interview_trip() -> None:
    plan = plan_season(make_season(**NEAR_INTERVIEW))
    assert visits_agree(plan) == 2
    lakeshore = plan.decision.set_index("Program").loc["Lakeshore IM"]
    assert lakeshore["Plan"] == "A"  # beside the Milwaukee interview: cheaper than a trip of its own
    assert lakeshore["Est. cost"] < second_look.estimated_cost(SeasonGround.of(plan.season)).loc[plan.visits()[0]]


def test_the_free_day_quoted_is_one_the_planner_could_use(demo_plan: SeasonPlan) -> None:
    """Feasible counts the planner's free days: never an interview day, never on or before the program's own
    interview, never a commitment that cannot move."""
    programs = demo_plan.season.programs
    interview_days = {pd.Timestamp(d).date() for d in programs["Interview date"].dropna()}
    fixed = demo_plan.season.commitments[demo_plan.season.commitments["Can move"] == "No"]
    held = {day.date() for start, end in zip(fixed["Start"], fixed["End"].fillna(fixed["Start"]), strict=True)
            for day in pd.date_range(start, end)}
    checked = 0
    for row, why in demo_plan.decision["Why"].items():
        quoted = feasible_words(str(why))
        if quoted is None:
            continue
        day = dt.datetime.strptime(quoted[0], "%d %b %Y").date()
        assert day not in interview_days and day not in held, why
        own = programs.at[row, "Interview date"]
        assert pd.isna(own) or day > pd.Timestamp(own).date(), why
        checked += 1
    assert checked >= 3


def test_the_sheets_are_built_from_the_plan(demo_season: Season, demo_plan: SeasonPlan) -> None:
    sheets = {sheet.name: sheet for sheet in regenerate.regenerate(demo_season).sheets}
    look = sheets["Second Look"].frame.set_index("Program")
    decided = demo_plan.decision.set_index("Program")
    assert look["Recommendation"].to_dict() == decided["Recommendation"].to_dict()
    assert look["Why"].to_dict() == decided["Why"].to_dict()
    trips = sheets["Trips"].frame
    for row, visit in demo_plan.trips.placements.items():
        if isinstance(visit, str):
            continue
        on_sheet = trips[(trips["Activity"] == "Second look") & (trips["Program"] == visit.program)]
        assert on_sheet["Date"].dt.date.tolist() == [visit.day]
        assert demo_plan.decision.at[row, "Date"] == pd.Timestamp(visit.day)
    fit = sheets["Fit"].frame.set_index("Program")["Fit"]
    assert fit.to_dict() == demo_plan.fit.set_index("Program")["Fit"].round(0).to_dict()


def test_regenerate_twice_gives_the_same_sheets(demo_season: Season) -> None:
    first = [sheet.grid() for sheet in regenerate.regenerate(demo_season).sheets]
    second = [sheet.grid() for sheet in regenerate.regenerate(demo_season).sheets]
    assert first == second


def test_problems_met_while_planning_reach_checks() -> None:
    season = make_season(programs=[{"Program": "Nowhere IM", "City": "Atlantis", "State": "IL", "My rank": 1,
                                    "Interview format": "In-person", "Interview date": dt.date(2027, 1, 26),
                                    "Unanswered questions": "call"}])
    done = regenerate.regenerate(season)
    found = done.problems
    assert len(done.sheet("Checks").frame) == len(found)
    assert any("Atlantis" in p.problem for p in found)
    assert len({(p.sheet, p.row, p.column) for p in found}) == len(found)  # a place named once


@pytest.mark.parametrize("stage", ["Planning the season", "Building the sheets"])
def test_progress_names_each_stage(stage: str) -> None:
    seen: list[str] = []
    regenerate.regenerate(make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1}]), progress=seen.append)
    assert stage in seen


def test_the_summary_is_taken_from_the_plan(demo_season: Season) -> None:
    done = regenerate.regenerate(demo_season)
    summary = done.summary
    verdicts = done.plan.decision["Recommendation"].value_counts()
    assert summary.second_looks == {kind: int(verdicts.get(kind, 0)) for kind in ("Visit", "Virtual", "Skip")}
    assert sum(summary.second_looks.values()) == len(demo_season.programs)
    advice = done.plan.applications
    assert advice is not None and (summary.sent, summary.recommended) == (advice.sent, advice.recommended)
    assert summary.problems == len(done.problems) == len(done.sheet("Checks").frame)
    assert summary.lines() == [
        f"Applications: {advice.sent} application(s) sent, {advice.recommended} more recommended.",
        "Second looks: " + ", ".join(f"{n} {kind}" for kind, n in summary.second_looks.items()),
    ]


def test_every_problem_of_the_plan_is_on_checks_once() -> None:
    """Template problems met writing the drafts, signal and commitment problems: the plan's, listed with the
    input checks, in workbook order."""
    season = make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1, "Unanswered questions": "call"}],
                         templates=[{"Name": "inquiry", "Subject": "Visit", "Body": "{{ unclosed"}])
    done = regenerate.regenerate(season)
    assert any(p.sheet == "Templates" for p in done.problems)
    assert done.problems == regenerate.season_problems(done.plan)
    checks = done.sheet("Checks").frame
    assert list(zip(checks["Sheet"], checks["Problem"], strict=True)) == [(p.sheet, p.problem) for p in done.problems]
