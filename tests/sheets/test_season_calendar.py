"""The Season Calendar sheet: the season week by week, a coloured word per day and what it holds."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from factories import BASE_PROGRAM, make_season
from xlresidency.plan import plan_season
from xlresidency.sheets import season_calendar as calendar
from xlresidency.sheets.season_calendar import CALENDAR_COLUMNS, DAYS, calendar_sheet

INTERVIEW = dt.date(2027, 1, 21)  # a Thursday
BOSTON = {**BASE_PROGRAM, "Program": "Boston IM", "City": "Boston", "State": "MA", "My rank": 1,
          "Interview format": "In-person", "Interview date": INTERVIEW, "Unanswered questions": "call schedule",
          "Second look from": dt.date(2027, 1, 20), "Second look until": dt.date(2027, 2, 20)}


def day_cells(sheet, day: dt.date) -> tuple[str, str | None]:
    """The kind and the names shown for a day."""
    frame = sheet.frame
    monday = day - dt.timedelta(days=day.weekday())
    at = frame.index[frame["Week of"] == pd.Timestamp(monday)][0]
    column = DAYS[day.weekday()]
    names = frame.at[at + 1, column]
    return frame.at[at, column], None if pd.isna(names) else names


def test_each_week_is_two_rows_from_monday_to_sunday_ending_with_the_deadline() -> None:
    season = make_season(programs=[BOSTON])
    sheet = calendar_sheet(plan_season(season))
    assert list(sheet.frame.columns) == list(CALENDAR_COLUMNS)
    mondays = sheet.frame["Week of"].dropna()
    assert (mondays.dt.day_of_week == 0).all() and len(sheet.frame) == 2 * len(mondays)
    deadline = season.settings.rank_list_deadline
    assert mondays.iloc[-1].date() <= deadline < mondays.iloc[-1].date() + dt.timedelta(days=7)
    assert mondays.iloc[0].date() <= INTERVIEW
    assert day_cells(sheet, deadline)[0] == calendar.DEADLINE


def test_interviews_second_looks_commitments_and_travel_are_on_their_days() -> None:
    exam = {"What": "Step 3 exam", "Type": "Exam", "Start": dt.date(2027, 2, 9), "End": dt.date(2027, 2, 10),
            "City": "Chicago", "State": "IL", "Can move": "No"}
    season = make_season(programs=[BOSTON], commitments=[exam], profile={"Second look budget": 2000})
    plan = plan_season(season)
    sheet = calendar_sheet(plan)
    assert day_cells(sheet, INTERVIEW) == (calendar.INTERVIEW, "Boston IM (Boston)")
    visit = plan.decision.iloc[0]["Date"].date()
    assert day_cells(sheet, visit) == (calendar.SECOND_LOOK, "Boston IM (Boston)")
    assert day_cells(sheet, INTERVIEW - dt.timedelta(days=1))[0] == calendar.TRAVEL  # the evening before
    assert day_cells(sheet, dt.date(2027, 2, 10)) == (calendar.COMMITMENT, "Step 3 exam (Chicago)")
    assert day_cells(sheet, dt.date(2027, 2, 12)) == (calendar.IN_US, None)


def test_every_word_has_its_colour_and_its_meaning_in_the_legend() -> None:
    sheet = calendar_sheet(plan_season(make_season(programs=[BOSTON])))
    shown = {v for day in DAYS for v in sheet.frame[day].dropna()} & set(calendar.KINDS)
    assert shown and all(sheet.fills[day] == calendar.COLOURS for day in DAYS)
    legend = {line[1]: line[2] for line in sheet.footer[1:]}
    assert set(legend) == set(calendar.KINDS) == set(calendar.COLOURS)
    assert len(set(calendar.COLOURS.values())) == len(calendar.COLOURS)


def test_an_applicant_abroad_sees_the_days_out_of_the_us_and_a_virtual_session() -> None:
    virtual = {**BOSTON, "Program": "Virtual IM", "Interview format": "Virtual", "Second look policy": "Virtual only",
               "Virtual session date": dt.date(2027, 2, 3)}
    season = make_season(programs=[virtual], profile={"Current country": "India", "Current city": "Pune",
                                                      "Current state": ""})
    sheet = calendar_sheet(plan_season(season))
    assert day_cells(sheet, dt.date(2027, 2, 3)) == (calendar.VIRTUAL_SESSION, "Virtual IM")
    assert day_cells(sheet, dt.date(2027, 2, 4))[0] == calendar.ABROAD


def test_a_long_season_shows_at_most_half_a_year() -> None:
    early = {**BOSTON, "Interview date": dt.date(2025, 10, 1)}
    sheet = calendar_sheet(plan_season(make_season(programs=[early])))
    assert sheet.frame["Week of"].notna().sum() == calendar.MAX_WEEKS


def test_a_long_commitment_never_hides_the_days_events_and_stays_as_a_second_line() -> None:
    rotation = {"What": "Away rotation", "Type": "Work", "Start": dt.date(2027, 1, 4), "End": dt.date(2027, 2, 26),
                "City": "Chicago", "State": "IL", "Can move": "Yes"}
    virtual = {**BOSTON, "Program": "Virtual IM", "Interview format": "Virtual", "Interview date": INTERVIEW,
               "Second look policy": "Virtual only", "Virtual session date": dt.date(2027, 2, 3)}
    sheet = calendar_sheet(plan_season(make_season(programs=[virtual], commitments=[rotation])))
    assert day_cells(sheet, INTERVIEW) == (calendar.INTERVIEW,
                                           "Virtual IM (virtual)\nCommitment: Away rotation (Chicago)")
    assert day_cells(sheet, dt.date(2027, 2, 3)) == (calendar.VIRTUAL_SESSION,
                                                    "Virtual IM\nCommitment: Away rotation (Chicago)")
    assert day_cells(sheet, dt.date(2027, 2, 4)) == (calendar.COMMITMENT, "Away rotation (Chicago)")
    order = calendar.KINDS
    assert order.index(calendar.VIRTUAL_SESSION) < order.index(calendar.TRAVEL) < order.index(calendar.COMMITMENT) \
        < order.index(calendar.IN_US)
