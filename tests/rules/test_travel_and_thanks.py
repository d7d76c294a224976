"""Scenarios from trying real seasons (SPEC §2 "How the rules are read"): the budget against the placement the
planner makes, commitments as places on the trips, stops in the order of least travel, an applicant abroad who
left Current country as the US, and thank-you notes for everyone met on a visit. Each runs through the workbook
where the point is what the applicant sees."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import BASE_PROFILE, BASE_PROGRAM, make_season
from xlresidency.core import schema
from xlresidency.ground import places
from xlresidency.ground.season import SeasonGround
from xlresidency.plan import plan_season
from xlresidency.rules import emails, second_look, trips
from xlresidency.sheets.trips import trip_rows
from xlresidency.workbook import newbook, xlsx

INTERVIEW_DAY = dt.date(2027, 1, 26)  # a Tuesday: the days after it are working days
BOSTON = {**BASE_PROGRAM, "Program": "Boston IM", "City": "Boston", "State": "MA", "My rank": 1,
          "Interview format": "In-person", "Interview date": INTERVIEW_DAY, "Unanswered questions": "call schedule",
          "Second look from": dt.date(2027, 1, 20), "Second look until": dt.date(2027, 2, 20)}


def workbook(tmp_path: Path, programs: list[dict[str, Any]], commitments: list[dict[str, Any]] | None = None,
             **profile: Any) -> Path:
    """A season workbook built from rows and regenerated headless, as the applicant would run it."""
    rows = {"Profile": [{"Field": k, "Value": v} for k, v in {**BASE_PROFILE, **profile}.items()],
            "Programs": programs, "Commitments": commitments or []}
    path = newbook.new_workbook(tmp_path / "season.xlsx", rows)
    xlsx.regenerate_file(path)
    return path


def sheet_rows(path: Path, name: str) -> list[dict[str, Any]]:
    """An output sheet's table as dicts (header on row 2, below the note), up to the first blank row."""
    ws = openpyxl.load_workbook(path, data_only=True)[name]
    values = list(ws.iter_rows(min_row=2, values_only=True))
    header = [str(h) for h in values[0]]
    found = []
    for row in values[1:]:
        if all(v is None for v in row):
            break
        found.append(dict(zip(header, row, strict=False)))
    return found


# --- The budget is weighed against the placement the planner can make --------------------------------------


def test_a_budget_below_a_flight_still_buys_the_extra_day_after_an_in_person_interview(tmp_path: Path) -> None:
    path = workbook(tmp_path, [BOSTON], **{"Second look budget": 400})
    look = {r["Program"]: r for r in sheet_rows(path, "Second Look")}["Boston IM"]
    extra_day = 120 + 75 + 45  # hotel night + meals + local transport (Settings defaults)
    assert look["Recommendation"] == "Visit" and look["Plan"] == "B"
    assert look["Est. cost"] == pytest.approx(extra_day, abs=1)
    assert "about $240 of your $400 budget" in look["Why"]
    standalone = second_look.estimated_cost(SeasonGround.of(make_season(programs=[BOSTON]))).iloc[0]
    assert standalone > 400  # a separate round trip would not have fitted


def test_a_budget_below_the_placement_names_the_placements_cost() -> None:
    season = make_season(programs=[BOSTON], profile={"Second look budget": 200})
    row = plan_season(season).decision.iloc[0]
    assert row["Recommendation"] != "Visit"
    assert "estimated cost $240 is over your $200 budget" in row["Why not"]
    assert row["Why not"].count("$240") == 1  # said once, not again by the budget allocation


def test_visits_placed_together_stay_within_the_budget() -> None:
    cambridge = {**BOSTON, "Program": "Cambridge IM", "City": "Cambridge", "My rank": 2,
                 "Interview date": INTERVIEW_DAY + dt.timedelta(days=9)}
    season = make_season(programs=[BOSTON, cambridge], profile={"Second look budget": 300})
    decision = plan_season(season).decision.set_index("Program")
    assert list(decision["Recommendation"]) == ["Visit", "Skip"]
    assert decision.loc["Boston IM", "Est. cost"] <= 300
    assert "left of your" in decision.loc["Cambridge IM", "Why not"]


# --- Commitments with a city are places the applicant must be --------------------------------------------


VISA_APPOINTMENT = {"What": "Visa appointment", "Type": "Visa appointment",
                    "Start": INTERVIEW_DAY + dt.timedelta(days=1), "End": INTERVIEW_DAY + dt.timedelta(days=1),
                    "City": "Chicago", "State": "IL", "Can move": "No"}
CHICAGO = {**BOSTON, "Program": "Chicago IM", "City": "Chicago", "State": "IL"}


def test_a_commitment_in_the_interview_city_joins_the_trip_and_a_second_look_joins_both(tmp_path: Path) -> None:
    path = workbook(tmp_path, [CHICAGO], [VISA_APPOINTMENT], **{"Current city": "Boston", "Current state": "MA"})
    rows = sheet_rows(path, "Trips")
    trip_of = {(r["Activity"], r["Program"]): r["Trip"] for r in rows if r["Activity"] != "Travel"}
    assert trip_of[("Commitment", "Visa appointment")] == trip_of[("Interview", "Chicago IM")]
    assert trip_of[("Second look", "Chicago IM")] == trip_of[("Interview", "Chicago IM")]
    assert len({r["Trip"] for r in rows if r["Trip"]}) == 1  # one journey from Boston, not two
    commitment = next(r for r in rows if r["Activity"] == "Commitment")
    assert commitment["City"] == "Chicago" and not commitment["Conflicts"]
    look = {r["Program"]: r for r in sheet_rows(path, "Second Look")}["Chicago IM"]
    assert look["Plan"] == "A"  # the day after the interview is the appointment: the visit comes a day later
    assert look["Date"].date() == INTERVIEW_DAY + dt.timedelta(days=2)


def test_a_commitment_elsewhere_on_an_interview_day_is_a_named_conflict() -> None:
    clash = {**VISA_APPOINTMENT, "Start": INTERVIEW_DAY, "End": INTERVIEW_DAY, "City": "New York", "State": "NY"}
    season = make_season(programs=[BOSTON], commitments=[clash])
    plan = plan_season(season)
    rows = trip_rows(plan.trips)
    interview = rows[rows["Activity"] == trips.INTERVIEW].iloc[0]
    assert "Visa appointment in New York, NY (cannot move)" in interview["Conflicts"]
    commitment = rows[rows["Activity"] == trips.COMMITMENT].iloc[0]
    assert "same day as Boston IM" in commitment["Conflicts"]


def test_a_commitment_at_home_is_no_trip() -> None:
    at_home = {**VISA_APPOINTMENT, "City": "Evanston"}  # the applicant lives in Chicago
    season = make_season(programs=[BOSTON], commitments=[at_home])
    rows = trip_rows(plan_season(season).trips)
    assert trips.COMMITMENT not in set(rows["Activity"])


def test_a_long_commitment_is_one_trip_with_its_first_and_last_day() -> None:
    course = {**VISA_APPOINTMENT, "What": "Board review course", "Type": "Other", "City": "Boston", "State": "MA",
              "Start": dt.date(2027, 2, 1), "End": dt.date(2027, 2, 10), "Can move": "No"}
    season = make_season(programs=[{**BOSTON, "Interview format": "Virtual"}], commitments=[course])
    plan = plan_season(season)
    course_trips = {t.number for t in plan.trips.trips for s in t.stops if s.activity == trips.COMMITMENT}
    assert len(course_trips) == 1
    days = [s.day for t in plan.trips.trips for s in t.stops if s.activity == trips.COMMITMENT]
    assert days == [dt.date(2027, 2, 1), dt.date(2027, 2, 10)]
    visit = plan.decision.iloc[0]
    assert visit["Plan"] == "A" and visit["Date"].date() in (dt.date(2027, 1, 31), dt.date(2027, 2, 11))


# --- Stops in the order of least travel -----------------------------------------------------------------


CITIES = [("Boston", "MA"), ("Cambridge", "MA"), ("Worcester", "MA"), ("Providence", "RI"), ("Hartford", "CT"),
          ("New Haven", "CT"), ("Springfield", "MA")]


def _stop(i: int, day: int, city: tuple[str, str]) -> trips.Stop:
    place = places.find_place(*city)
    assert place is not None
    return trips.Stop(dt.date(2027, 2, 1) + dt.timedelta(days=day), place, trips.SECOND_LOOK, f"P{i}", i)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(CITIES)), min_size=1, max_size=6),
       st.sampled_from([None, ("Chicago", "IL"), ("Albany", "NY")]))
def test_least_travel_matches_brute_force(spec: list[tuple[int, tuple[str, str]]],
                                          home: tuple[str, str] | None) -> None:
    stops = [_stop(i, day, city) for i, (day, city) in enumerate(spec)]
    base = places.find_place(*home) if home else None
    ordered = trips.least_travel(stops, base)
    assert sorted(s.row for s in ordered) == list(range(len(stops)))
    assert [s.day for s in ordered] == sorted(s.day for s in stops)  # days are never reordered
    best = min(trips.route_miles(list(order), base) for order in itertools.permutations(stops)
               if all(a.day <= b.day for a, b in itertools.pairwise(order)))
    assert math.isclose(trips.route_miles(ordered, base), best, abs_tol=1e-6)


def test_a_planned_trip_goes_in_the_order_of_least_travel() -> None:
    near = [{**BOSTON, "Program": f"{city} IM", "City": city, "State": state, "My rank": i + 1,
             "Interview format": "Virtual"} for i, (city, state) in enumerate(CITIES[:3])]
    season = make_season(programs=near, profile={"Max second looks": 3, "Second look budget": 5000})
    plan = plan_season(season)
    cluster = [t for t in plan.trips.trips if len(t.stops) == 3]
    assert cluster, [t.stops for t in plan.trips.trips]
    stops = cluster[0].stops
    span = [s.day for s in stops]
    best = min(trips.route_miles([trips.Stop(d, s.place, s.activity, s.program, s.row)
                                  for d, s in zip(span, order, strict=True)], plan.trips.base)
               for order in itertools.permutations(stops))
    assert math.isclose(trips.route_miles(stops, plan.trips.base), best, abs_tol=1e-6)


# --- An applicant abroad -----------------------------------------------------------------------------------


def test_the_template_leaves_current_country_blank(tmp_path: Path) -> None:
    path = newbook.new_workbook(tmp_path / "new.xlsx")
    ws = openpyxl.load_workbook(path)["Profile"]
    values = {row[0]: row[1] for row in ws.iter_rows(min_row=3, values_only=True) if row[0]}
    assert "Current country" in values and values["Current country"] in (None, "")
    assert next(c for c in schema.PROFILE_FIELDS if c.name == "Current country").default in (None, "")


@pytest.mark.parametrize("country", ["United States", "", "USA"])
def test_a_city_abroad_with_country_us_or_blank_is_named_on_checks(tmp_path: Path, country: str) -> None:
    path = workbook(tmp_path, [BOSTON], **{"Current city": "Lagos", "Current state": "", "Current country": country})
    checks = sheet_rows(path, "Checks")
    named = [r for r in checks if "Lagos" in str(r["Problem"])]
    assert len(named) == 1 and "Current country" in named[0]["How to fix"]


def test_a_city_abroad_with_its_country_is_no_problem() -> None:
    season = make_season(programs=[BOSTON], profile={"Current city": "Lagos", "Current state": "",
                                                      "Current country": "Nigeria"})
    assert season.profile.abroad and not [p for p in season.problems if "Lagos" in p.problem]


def test_a_misspelt_us_city_suggests_the_country_only_when_the_country_is_the_us() -> None:
    season = make_season(programs=[BOSTON], profile={"Current city": "Chicgo", "Current state": "IL"})
    problem = next(p for p in season.problems if "Chicgo" in p.problem)
    assert "Current country" in problem.how_to_fix


# --- Thank-you notes for everyone met ----------------------------------------------------------------------


PEOPLE = "Dr. Ana Ruiz (program director) <ana.ruiz@example.org>; Sam Lee (chief resident)"


def test_people_met_are_read_with_role_and_address_in_any_order() -> None:
    found = emails.people_met("Sam Lee (chief resident); <jo@example.org> Jo Park; Dr. Ana Ruiz <ana@example.org> "
                              "(program director)")
    assert found == [emails.Person("Sam Lee", "chief resident", ""), emails.Person("Jo Park", "", "jo@example.org"),
                     emails.Person("Dr. Ana Ruiz", "program director", "ana@example.org")]
    assert emails.people_met(None) == [] and emails.people_met("  ;  ") == []


def test_everyone_met_gets_a_thank_you_addressed_to_them(tmp_path: Path) -> None:
    program = {**BOSTON, "Highlight": "the morning report", "People met": PEOPLE}
    path = workbook(tmp_path, [program], **{"Second look budget": 2000})
    rows = [r for r in sheet_rows(path, "Emails") if r["Kind"] == "Thank you"]
    assert [r["To"] or "" for r in rows] == ["pat.lee@example.org", "ana.ruiz@example.org", ""]
    coordinator, director, resident = (r["Body"] for r in rows)
    assert coordinator.startswith("Dear Pat Lee,") and director.startswith("Dear Dr. Ana Ruiz,")
    assert resident.startswith("Dear Sam Lee,")
    assert "time you set aside for me" in director and "time you set aside" not in coordinator
    assert "Please pass my thanks" in coordinator and "Please pass my thanks" not in director
    assert rows[1]["Policy check"] == "OK"
    assert "No address for Sam Lee" in rows[2]["Policy check"]


def test_an_old_thank_you_template_without_the_recipient_is_named() -> None:
    old = "Dear {{ coordinator }},\n\nThanks for the visit to {{ program }}: {{ highlight }}.\n\n{{ applicant_name }}"
    season = make_season(programs=[{**BOSTON, "Highlight": "rounds", "People met": PEOPLE}],
                         templates=[{"Name": "Thank you", "Subject": "Thanks", "Body": old}])
    frame, _ = emails.drafts(plan_season(season))
    met = frame[(frame["Kind"] == emails.THANK_YOU) & (frame["To"] == "ana.ruiz@example.org")].iloc[0]
    assert "{{ recipient }}" in met["Policy check"] and "Dr. Ana Ruiz" in met["Policy check"]


# --- The decision at a glance -------------------------------------------------------------------------------


def test_second_look_leads_with_a_one_line_reason() -> None:
    negative = {**BOSTON, "Program": "Negative IM", "My rank": 2, "Interview impression": "Negative"}
    virtual = {**BOSTON, "Program": "Virtual IM", "My rank": 3, "Second look policy": "Virtual only",
               "Virtual session date": dt.date(2027, 2, 2)}
    season = make_season(programs=[BOSTON, negative, virtual], profile={"Second look budget": 2000})
    decision = plan_season(season).decision.set_index("Program")
    assert list(decision.columns[:2]) == ["Recommendation", "Reason"]
    assert decision.loc["Boston IM", "Reason"].startswith("4 of 4 criteria hold; plan B on 27 Jan 2027, about $")
    assert decision.loc["Negative IM", "Reason"] == "Your interview impression was negative"
    assert decision.loc["Virtual IM", "Reason"] == "A virtual session instead: no in-person second looks there"
    assert all("\n" not in text and len(text) <= 80 for text in decision["Reason"])
