"""Trip planner: places, the cost model, placement of second looks, the Trips sheet and the calendar."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from factories import make_season, with_trips
from strategies import home_area_inputs, season_inputs
from xlresidency.core import records
from xlresidency.core.settings import Settings
from xlresidency.exports.ics import season_calendar
from xlresidency.ground import costs, days, places
from xlresidency.ground.season import SeasonGround
from xlresidency.rules import second_look, trips
from xlresidency.sheets.layout import OutputSheet
from xlresidency.sheets.trips import TRIP_COLUMNS, trip_rows, trips_sheet

ABROAD = {"Current country": "India", "Current city": "Hyderabad", "Current state": ""}


def test_round_trip_fare_drives_short_distances_and_flies_long_ones() -> None:
    settings = Settings()
    fares = costs.round_trip_fare(settings, [100, 249.9, 250, 1000, np.nan])
    assert fares[0] == pytest.approx(2 * 100 * 0.70)
    assert fares[1] == pytest.approx(2 * 249.9 * 0.70)
    assert fares[2] == pytest.approx(120 + 0.14 * 250)
    assert fares[3] == pytest.approx(120 + 0.14 * 1000)
    assert np.isnan(fares[4])


def test_stay_cost_counts_one_more_day_than_nights() -> None:
    settings = Settings(hotel_per_night=100, meals_per_day=30, local_transport_per_day=20)
    assert costs.stay_cost(settings, [0, 1, 3]).tolist() == [50, 200, 500]


def test_visit_cost_figures_from_settings() -> None:
    season = make_season(
        programs=[
            {"Program": "Boston", "City": "Boston", "State": "MA"},
            {"Program": "Evanston", "City": "Evanston", "State": "IL"},
            {"Program": "Aurora", "City": "Aurora", "State": "IL"},
            {"Program": "Milwaukee", "City": "Milwaukee", "State": "WI"},
            {"Program": "Lost", "City": "Atlantisville", "State": "IL"},
        ]
    )
    cost = costs.visit_cost(season, costs.home_base(season), season.programs)
    chicago = places.find_place("Chicago", "IL")
    miles = {
        name: places.miles_between(chicago, places.find_place(name, state))
        for name, state in [("Boston", "MA"), ("Evanston", "IL"), ("Aurora", "IL"), ("Milwaukee", "WI")]
    }
    local = season.settings.local_radius_miles
    assert 800 < miles["Boston"] < 900 and miles["Evanston"] < local < miles["Aurora"] < 60 < miles["Milwaukee"] < 250
    by_name = dict(zip(season.programs["Program"], cost, strict=True))
    # Flown, one night, two days away.
    assert by_name["Boston"] == pytest.approx(120 + 0.14 * miles["Boston"] + 160 + 2 * 80)
    # Within the local radius: visited from home, one day's local transport only (no night, no fare).
    assert by_name["Evanston"] == 35
    # Driven there and back in a day.
    assert by_name["Aurora"] == pytest.approx(2 * 0.70 * miles["Aurora"] + 80)
    # Driven, with a night.
    assert by_name["Milwaukee"] == pytest.approx(2 * 0.70 * miles["Milwaukee"] + 160 + 2 * 80)
    assert np.isnan(by_name["Lost"])
    assert cost.index.equals(season.programs.index)


def test_visit_cost_follows_the_settings() -> None:
    cheap = make_season(programs=[{"Program": "Boston", "City": "Boston", "State": "MA"}],
                        settings={"Hotel per night": 0, "Airfare base": 0, "Airfare per mile": 0,
                                  "Meals per day": 10, "Local transport per day": 0})
    assert costs.visit_cost(cheap, costs.home_base(cheap), cheap.programs).iloc[0] == pytest.approx(20)


def test_visit_cost_abroad_without_us_dates_is_an_international_round_trip() -> None:
    season = make_season(profile=ABROAD, programs=[{"Program": "Boston", "City": "Boston", "State": "MA"},
                                                   {"Program": "Lost", "City": "Nowhere Town", "State": "MA"}])
    cost = costs.visit_cost(season, costs.home_base(season), season.programs)
    assert cost.iloc[0] == pytest.approx(1400 + 160 + 2 * 80)
    assert np.isnan(cost.iloc[1])


def test_home_base_abroad_with_us_dates_prefers_support_city_then_first_interview() -> None:
    stay = {**ABROAD, "In US from": dt.date(2027, 1, 5), "In US until": dt.date(2027, 2, 25)}
    programs = [
        {"Program": "Later", "City": "Boston", "State": "MA", "Interview format": "In-person",
         "Interview date": dt.date(2027, 1, 20)},
        {"Program": "Earlier", "City": "Cleveland", "State": "OH", "Interview format": "In-person",
         "Interview date": dt.date(2027, 1, 10)},
    ]
    with_support = make_season(profile={**stay, "Support cities": "Houston, TX"}, programs=programs)
    base = costs.home_base(with_support)
    assert base is not None and base.city == "Houston"
    without = make_season(profile=stay, programs=programs)
    base = costs.home_base(without)
    assert base is not None and base.city == "Cleveland"
    # Abroad with a US base: no international fare in a visit's cost.
    assert costs.visit_cost(without, costs.home_base(without), without.programs).max() < 1400


# --------------------------------------------------------------------------------------------------
# Placement.

WINDOW = {"Second look from": dt.date(2027, 1, 20), "Second look until": dt.date(2027, 2, 20)}


def _visit(name: str, city: str, state: str, **extra: object) -> dict[str, object]:
    return {"Program": name, "City": city, "State": state, "Interview format": "Virtual", **WINDOW, **extra}


def _interview(name: str, city: str, state: str, day: dt.date) -> dict[str, object]:
    return {"Program": name, "City": city, "State": state, "Interview format": "In-person", "Interview date": day}


def _exam(day: dt.date, can_move: str = "No") -> dict[str, object]:
    return {"What": "Step 3 exam", "Type": "Exam", "Start": day, "End": day, "City": "Chicago", "State": "IL",
            "Can move": can_move}


def _plan(season, names: list[str]) -> trips.TripPlan:  # type: ignore[no-untyped-def]
    programs = season.programs.set_index("Program", drop=False)
    rows = [season.programs.index[season.programs["Program"] == n][0] for n in names]
    assert len(programs) == len(season.programs)
    return trips.plan_visits(SeasonGround.of(season), season.programs.loc[rows])


def _placed(plan: trips.TripPlan) -> dict[str, trips.Visit]:
    return {v.program: v for v in plan.placements.values() if isinstance(v, trips.Visit)}


def test_plan_a_lands_the_day_after_a_nearby_interview_and_never_on_an_exam_day() -> None:
    interview = dt.date(2027, 2, 1)
    season = make_season(
        programs=[_visit("Boston Visit", "Boston", "MA"),
                  _interview("Cambridge Interview", "Cambridge", "MA", interview)],
        commitments=[_exam(interview - dt.timedelta(days=1))],
    )
    plan = _plan(season, ["Boston Visit"])
    visit = _placed(plan)["Boston Visit"]
    assert visit.plan == "A"
    assert visit.day == interview + dt.timedelta(days=1)
    # One hotel night and one more day, plus the short drive: far cheaper than a trip of its own.
    assert visit.cost < 260 < costs.visit_cost(season, costs.home_base(season), season.programs).iloc[0]
    trip = next(t for t in plan.trips if t.number == visit.trip)
    assert [s.activity for s in trip.stops] == ["Interview", "Second look"]


def test_a_movable_commitment_does_not_block_but_is_named_on_the_sheet() -> None:
    interview = dt.date(2027, 2, 3)  # a Wednesday: the day before is a working day
    season = make_season(
        programs=[_visit("Boston Visit", "Boston", "MA"),
                  _interview("Cambridge Interview", "Cambridge", "MA", interview)],
        commitments=[_exam(interview - dt.timedelta(days=1), can_move="Yes")],
    )
    plan = _plan(season, ["Boston Visit"])
    visit = _placed(plan)["Boston Visit"]
    assert visit.day == interview - dt.timedelta(days=1)  # the earlier of two equally cheap days
    rows = trip_rows(plan)
    look = rows[rows["Activity"] == "Second look"].iloc[0]
    assert "Step 3 exam in Chicago, IL (can move)" in look["Conflicts"]


@pytest.mark.parametrize("seed", range(12))
def test_no_second_look_ever_falls_on_an_exam_or_an_interview_day(seed: int) -> None:
    rng = np.random.default_rng(seed)
    start = dt.date(2027, 1, 20)
    exams = sorted({start + dt.timedelta(days=int(d)) for d in rng.integers(0, 12, size=6)})
    season = make_season(
        programs=[
            _visit("Boston Visit", "Boston", "MA", **{"Second look until": start + dt.timedelta(days=11)}),
            _visit("Worcester Visit", "Worcester", "MA", **{"Second look until": start + dt.timedelta(days=11)}),
            _interview("Cambridge Interview", "Cambridge", "MA", start + dt.timedelta(days=int(rng.integers(0, 12)))),
        ],
        commitments=[_exam(d) for d in exams],
    )
    plan = _plan(season, ["Boston Visit", "Worcester Visit"])
    interview_day = season.programs["Interview date"].dropna().iloc[0].date()
    for placed in plan.placements.values():
        if isinstance(placed, trips.Visit):
            assert placed.day not in exams and placed.day != interview_day
            assert start <= placed.day <= start + dt.timedelta(days=11)
        else:
            assert "taken" in placed


def test_plan_b_is_the_day_after_the_programs_own_interview() -> None:
    interview = dt.date(2027, 1, 25)
    season = make_season(programs=[
        {**_interview("Boston Own", "Boston", "MA", interview), **WINDOW},
    ])
    visit = _placed(_plan(season, ["Boston Own"]))["Boston Own"]
    assert (visit.plan, visit.day) == ("B", interview + dt.timedelta(days=1))


def test_a_visit_days_after_its_own_interview_is_plan_a_not_b() -> None:
    interview = dt.date(2027, 1, 25)
    # The day after is another program's virtual interview: no visit that day, but it can be spent away.
    season = make_season(programs=[{**_interview("Boston Own", "Boston", "MA", interview), **WINDOW},
                                   {**_visit("Zoom", "Denver", "CO"), "Interview date": interview + dt.timedelta(1)}])
    visit = _placed(_plan(season, ["Boston Own"]))["Boston Own"]
    assert visit.day == interview + dt.timedelta(days=2)
    assert visit.plan == "A"


def test_plan_c_two_nearby_programs_share_one_trip_on_consecutive_days() -> None:
    season = make_season(programs=[_visit("Cleveland Visit", "Cleveland", "OH"), _visit("Akron Visit", "Akron", "OH")])
    plan = _plan(season, ["Cleveland Visit", "Akron Visit"])
    placed = _placed(plan)
    assert {v.plan for v in placed.values()} == {"C"}
    assert placed["Cleveland Visit"].trip == placed["Akron Visit"].trip
    assert abs((placed["Cleveland Visit"].day - placed["Akron Visit"].day).days) == 1
    assert len(plan.trips) == 1
    alone = costs.visit_cost(season, costs.home_base(season), season.programs).sum()
    assert plan.second_look_total < alone


def test_far_apart_programs_do_not_share_a_trip() -> None:
    season = make_season(programs=[_visit("Boston Visit", "Boston", "MA"), _visit("Denver Visit", "Denver", "CO")])
    placed = _placed(_plan(season, ["Boston Visit", "Denver Visit"]))
    assert {v.plan for v in placed.values()} == {"Standalone"}
    assert placed["Boston Visit"].trip != placed["Denver Visit"].trip


def test_clustering_window_decides_whether_an_interview_trip_can_be_stretched() -> None:
    interview = dt.date(2027, 2, 3)  # a Wednesday: two days before and after are working days
    programs = [_visit("Boston Visit", "Boston", "MA"), _interview("Cambridge Interview", "Cambridge", "MA", interview)]
    blocked = [_exam(interview - dt.timedelta(days=1)), _exam(interview + dt.timedelta(days=1))]
    two = make_season(programs=programs, commitments=blocked)
    assert _placed(_plan(two, ["Boston Visit"]))["Boston Visit"].plan == "A"  # two days away still shares the trip
    one = make_season(programs=programs, commitments=blocked, settings={"Clustering window (days)": 1})
    assert _placed(_plan(one, ["Boston Visit"]))["Boston Visit"].plan == "Standalone"


def test_an_abroad_applicant_with_no_us_dates_gets_no_trip() -> None:
    season = make_season(profile=ABROAD, programs=[_visit("Boston Visit", "Boston", "MA")])
    plan = _plan(season, ["Boston Visit"])
    assert plan.trips == []
    reason = plan.placements[season.programs.index[0]]
    assert isinstance(reason, str) and "not in the US" in reason


def test_an_abroad_applicant_is_placed_only_inside_the_us_stay() -> None:
    stay = {**ABROAD, "In US from": dt.date(2027, 2, 10), "In US until": dt.date(2027, 2, 14)}
    season = make_season(profile=stay, programs=[
        _visit("Boston Visit", "Boston", "MA"),
        _interview("Cambridge Interview", "Cambridge", "MA", dt.date(2027, 2, 12)),
    ])
    visit = _placed(_plan(season, ["Boston Visit"]))["Boston Visit"]
    assert dt.date(2027, 2, 10) <= visit.day <= dt.date(2027, 2, 14)


def test_no_day_before_the_deadline_gives_a_reason() -> None:
    season = make_season(programs=[_visit("Late", "Boston", "MA", **{"Second look from": dt.date(2027, 3, 5),
                                                                     "Second look until": dt.date(2027, 3, 9)})])
    reason = _plan(season, ["Late"]).placements[season.programs.index[0]]
    assert isinstance(reason, str) and "deadline" in reason


def test_when_two_visits_need_the_same_only_day_the_first_keeps_it() -> None:
    day = {"Second look from": dt.date(2027, 2, 3), "Second look until": dt.date(2027, 2, 3)}
    season = make_season(programs=[_visit("First", "Boston", "MA", **day), _visit("Second", "Denver", "CO", **day)])
    plan = _plan(season, ["First", "Second"])
    assert list(_placed(plan)) == ["First"]
    assert isinstance(plan.placements[season.programs.index[1]], str)


def test_unknown_place_is_a_problem_not_a_guess() -> None:
    season = make_season(programs=[_visit("Lost", "Atlantisville", "MA")])
    plan = _plan(season, ["Lost"])
    assert plan.trips == []
    assert "not one this tool knows" in str(plan.placements[season.programs.index[0]])
    assert any(p.sheet == "Programs" and p.column == "City" for p in plan.problems)
    # The input checks already name the place itself: the plan adds no second line for the same cell.
    assert any("Atlantisville" in p.problem for p in season.problems)
    assert trips.new_problems(season, plan) == []
    # An interview whose place is unknown is named too.
    other = make_season(programs=[_interview("Lost Interview", "Atlantisville", "MA", dt.date(2027, 1, 25))])
    assert any("interview" in p.problem for p in _plan(other, []).problems)


# --------------------------------------------------------------------------------------------------
# The search is exact: brute force over every day and every grouping on small seasons.

OHIO_AREA = [("Cleveland", "OH"), ("Akron", "OH"), ("Canton", "OH"), ("Toledo", "OH"), ("Columbus", "OH"),
             ("Pittsburgh", "PA"), ("Detroit", "MI"), ("Milwaukee", "WI")]


def _partitions(items: list[int]) -> list[list[list[int]]]:
    if not items:
        return [[]]
    first, rest = items[0], items[1:]
    found = []
    for part in _partitions(rest):
        found.append([[first], *part])
        for i in range(len(part)):
            found.append([*part[:i], [first, *part[i]], *part[i + 1:]])
    return found


def _brute_force_cost(sites: list[places.Place], allowed: list[list[dt.date]], window: int,
                      fixed: list[dt.date]) -> float:
    """The cheapest way to visit every program, priced from first principles; inf when there is none.
    No day of a trip (travel the evening before, days away) may fall on a ``fixed`` day."""
    base = places.find_place("Chicago", "IL")
    best = float("inf")
    for picked in itertools.product(*allowed):
        if len(set(picked)) < len(picked):
            continue
        for partition in _partitions(list(range(len(sites)))):
            total, held, ok = 0.0, set(), True
            for group in partition:
                group = sorted(group, key=lambda i: picked[i])
                seq = [picked[i] for i in group]
                stops = [sites[i] for i in group]
                if any((b - a).days > window for a, b in itertools.pairwise(seq)) or any(
                        places.miles_between(a, b) > 150 for a in stops for b in stops):
                    ok = False
                    break
                out, back = places.miles_between(base, stops[0]), places.miles_between(stops[-1], base)
                fare = (out + back) * 0.70 if max(out, back) < 250 else 120 + 0.14 * (out + back) / 2
                legs = sum(places.miles_between(a, b) for a, b in itertools.pairwise(stops)) * 0.70
                nights = (seq[-1] - seq[0]).days + (1 if out > 60 else 0)
                total += fare + legs + nights * 160 + (nights + 1) * 80
                arrive = seq[0] - dt.timedelta(days=1 if out > 60 else 0)
                span = {arrive + dt.timedelta(days=k) for k in range((seq[-1] - arrive).days + 1)}
                if span & held or span & set(fixed):
                    ok = False
                    break
                held |= span
            if ok:
                best = min(best, total)
    return best


@pytest.mark.parametrize("seed", range(15))
def test_the_chosen_placement_costs_no_more_than_any_other(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    start = dt.date(2027, 2, 1)
    count = int(rng.integers(2, 4))
    picks = rng.choice(len(OHIO_AREA), size=count, replace=False)
    window = int(rng.integers(1, 3))
    programs = []
    for n, i in enumerate(picks):
        first = start + dt.timedelta(days=int(rng.integers(0, 3)))
        programs.append(_visit(f"P{n}", *OHIO_AREA[i], **{"Second look from": first,
                                                           "Second look until": first + dt.timedelta(days=3)}))
    exams = sorted({start + dt.timedelta(days=int(d)) for d in rng.integers(0, 7, size=2)})
    season = make_season(programs=programs, commitments=[_exam(d) for d in exams],
                         settings={"Clustering window (days)": window})
    plan = _plan(season, [p["Program"] for p in programs])
    free = [[d for d in (p["Second look from"] + dt.timedelta(days=k) for k in range(4)) if d not in exams]
            for p in programs]
    # Working days (Monday to Friday, not a federal holiday) where the window has a free one.
    allowed = [[d for d in window_free if days.is_working_day(d)] or window_free for window_free in free]
    sites = [places.find_place(p["City"], p["State"]) for p in programs]
    expected = _brute_force_cost(sites, allowed, window, exams)  # type: ignore[arg-type]
    placed = _placed(plan)
    if expected == float("inf"):
        assert len(placed) < count
    else:
        assert len(placed) == count
        assert plan.second_look_total == pytest.approx(expected, abs=0.05)
        trip_total = trip_rows(plan)["Est. cost"].sum()
        assert trip_total == pytest.approx(expected, abs=0.05)


# --------------------------------------------------------------------------------------------------
# The calendar.


def test_the_calendar_parses_back_with_the_right_events() -> None:
    import icalendar

    interview = dt.date(2027, 2, 1)
    season = make_season(
        programs=[
            _visit("Boston Visit", "Boston", "MA", **{"Virtual session date": dt.date(2027, 1, 28)}),
            _interview("Cambridge Interview", "Cambridge", "MA", interview),
            {**_visit("Zoom Only", "Denver", "CO"), "Interview date": dt.date(2027, 1, 5)},
        ],
        commitments=[{"What": "Step 3 exam", "Type": "Exam", "Start": dt.date(2027, 1, 30),
                      "End": dt.date(2027, 1, 31), "Can move": "No"}],
    )
    plan = _plan(season, ["Boston Visit"])
    stamp = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    data = season_calendar(with_trips(season, plan), stamp=stamp)
    assert data == season_calendar(with_trips(season, plan), stamp=stamp)  # stable
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Interview (in person): Cambridge Interview",
        "Interview (virtual): Boston Visit",  # every interview, a virtual one too
        "Interview (virtual): Zoom Only",
        "Virtual session: Boston Visit",
        "Second look: Boston Visit",
        "Step 3 exam",
    }
    assert str(events["Interview (virtual): Zoom Only"]["location"]) == "Online"
    look = events["Second look: Boston Visit"]
    assert look.decoded("dtstart") == interview + dt.timedelta(days=1)
    assert str(look["location"]) == "Boston, MA"
    exam = events["Step 3 exam"]
    assert exam.decoded("dtstart") == dt.date(2027, 1, 30)
    assert exam.decoded("dtend") == dt.date(2027, 2, 1)  # all-day events end the day after
    assert "cannot move" in str(exam["description"])
    assert len({str(e["uid"]) for e in events.values()}) == 6  # one UID per event


def test_the_trips_sheet_shows_the_total_beside_the_budget() -> None:
    season = make_season(programs=[_visit("Cleveland Visit", "Cleveland", "OH"), _visit("Akron Visit", "Akron", "OH")])
    plan = _plan(season, ["Cleveland Visit", "Akron Visit"])
    sheet = trips_sheet_of(season, plan)
    assert list(sheet.frame.columns) == list(TRIP_COLUMNS)
    assert sheet.frame["Activity"].tolist() == ["Travel", "Second look", "Second look", "Travel"]
    assert sheet.frame["Nights"].sum() == 2  # the night before the first visit and the one between
    footer = {row[5]: row[8] for row in sheet.footer}
    assert footer["Second looks, estimated total"] == pytest.approx(plan.second_look_total, abs=0.01)
    assert footer["Second look budget"] == 1500
    assert footer["Left in the budget"] == pytest.approx(1500 - plan.second_look_total, abs=0.01)


def test_visits_beyond_the_exact_search_are_still_placed_on_free_days() -> None:
    cities = [("Cleveland", "OH"), ("Akron", "OH"), ("Canton", "OH"), ("Boston", "MA"), ("Denver", "CO"),
              ("Houston", "TX"), ("Seattle", "WA")]
    assert len(cities) > trips.EXACT_SEARCH_LIMIT
    season = make_season(programs=[_visit(f"V{i}", c, s) for i, (c, s) in enumerate(cities)])
    plan = _plan(season, [f"V{i}" for i in range(len(cities))])
    placed = _placed(plan)
    assert len(placed) == len(cities)
    days = [v.day for v in placed.values()]
    assert len(set(days)) == len(days)
    rows = trip_rows(plan)
    assert (rows["Activity"] == "Second look").sum() == len(cities)
    assert rows["Est. cost"].sum() == pytest.approx(plan.second_look_total, abs=0.05)


def test_ics_command_writes_the_calendar_and_says_where(season_xlsx, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import icalendar

    from xlresidency import cli

    target = tmp_path / "season-calendar.ics"
    assert cli.main(["ics", str(season_xlsx), "--out", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    summaries = {str(e["summary"]) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert "Interview (in person): Prairie Valley Medicine" in summaries
    assert "Virtual session: Harbor Point Medicine" in summaries
    assert "Step 3 exam" in summaries
    assert cli.main(["ics", str(season_xlsx)]) == 0
    assert season_xlsx.with_suffix(".ics").exists()
    assert cli.main(["ics", str(tmp_path / "missing.xlsx")]) == 1


# --------------------------------------------------------------------------------------------------
# The window, commitments that cannot move, costs that add up, and what to do when no trip can start.


def _season_rows(season, plan: trips.TripPlan):  # type: ignore[no-untyped-def]
    rows = trip_rows(plan)
    return {trip.number: rows[rows["Trip"] == f"Trip {trip.number}"] for trip in plan.trips}


def _days(day: dt.date, first: int, last: int) -> dict[str, dt.date]:
    """A second-look window from ``first`` to ``last`` days after ``day``."""
    return {"Second look from": day + dt.timedelta(first), "Second look until": day + dt.timedelta(last)}


def test_a_program_that_gives_no_dates_is_visited_in_the_usual_weeks_after_its_own_interview() -> None:

    blank = {"Second look from": None, "Second look until": None}
    season = make_season(programs=[
        # Interviewed on 10 Dec: the usual weeks, not the day after the interview.
        {**_visit("Boston Visit", "Boston", "MA"), **blank},
        # Interviewed in person inside the usual weeks: after that interview, still within them.
        {**_interview("Denver Own", "Denver", "CO", dt.date(2027, 2, 1)), **blank},
    ])
    plan = _plan(season, ["Boston Visit", "Denver Own"])
    placed = _placed(plan)
    start, end = days.window(season.programs, season.settings)
    for row, name in season.programs["Program"].items():
        assert start[row].date() <= placed[name].day <= end[row].date()
    assert placed["Boston Visit"].day == dt.date(2027, 1, 20)
    assert placed["Denver Own"].day > dt.date(2027, 2, 1)


def test_no_travel_day_or_day_away_falls_on_a_commitment_that_cannot_move() -> None:
    exam = dt.date(2027, 1, 26)
    interview = dt.date(2027, 1, 25)
    seasons = [
        # The evening-before travel day of a trip of its own.
        make_season(programs=[_visit("Boston Visit", "Boston", "MA", **_days(exam, 1, 3))],
                    commitments=[_exam(exam)]),
        # A day added between an interview and a second look on the same trip.
        make_season(programs=[_interview("Boston Interview", "Boston", "MA", interview),
                              _visit("Providence Visit", "Providence", "RI", **_days(exam, 1, 2))],
                    commitments=[_exam(exam)]),
        # Two nearby programs either side of the exam: no trip to either spans it.
        make_season(programs=[_visit("Cleveland Visit", "Cleveland", "OH", **_days(exam, -1, -1)),
                              _visit("Akron Visit", "Akron", "OH", **_days(exam, 1, 3))],
                    commitments=[_exam(exam)]),
    ]
    for season in seasons:
        names = [n for n in season.programs["Program"] if "Visit" in n]
        plan = _plan(season, names)
        assert set(_placed(plan)) == set(names)
        for trip, rows in _season_rows(season, plan).items():
            if any(s.activity == "Second look" for s in plan.trips[trip - 1].stops):
                first, last = rows["Date"].min().date(), rows["Date"].max().date()
                assert not first <= exam <= last, rows


def test_a_visit_whose_every_trip_needs_a_day_that_cannot_move_says_so() -> None:
    exam = dt.date(2027, 2, 1)
    season = make_season(programs=[_visit("Boston Visit", "Boston", "MA", **_days(exam, 1, 1))],
                         commitments=[_exam(exam)])
    reason = _plan(season, ["Boston Visit"]).placements[season.programs.index[0]]
    assert isinstance(reason, str) and "Step 3 exam" in reason


def test_trip_rows_add_up_to_each_trips_cost(demo_plan) -> None:
    same_day = make_season(programs=[
        _interview("Boston Interview", "Boston", "MA", dt.date(2027, 1, 25)),
        _interview("Cambridge Interview", "Cambridge", "MA", dt.date(2027, 1, 25)),
        _visit("Providence Visit", "Providence", "RI"),
    ])
    checked = 0
    for season, plan in [(same_day, _plan(same_day, ["Providence Visit"])),
                         (demo_plan.season, demo_plan.trips)]:
        for number, rows in _season_rows(season, plan).items():
            trip = plan.trips[number - 1]
            assert rows["Est. cost"].sum() == pytest.approx(trip.cost, abs=0.05), rows
            checked += 1
    assert checked >= 3


def test_interview_travel_in_the_footer_is_what_the_interview_trips_cost() -> None:
    season = make_season(profile={"Max second looks": 3, "Second look budget": 5000},
                         programs=[_visit("Providence Visit", "Providence", "RI"),
                                   _visit("Worcester Visit", "Worcester", "MA"),
                                   _visit("Boston Visit", "Boston", "MA")])
    plan = _plan(season, ["Providence Visit", "Worcester Visit", "Boston Visit"])
    footer = {row[5]: row[8] for row in trips_sheet_of(season, plan).footer}
    assert footer["Interview and commitment travel (not from the budget)"] == 0
    with_interview = make_season(programs=[_interview("Boston Interview", "Boston", "MA", dt.date(2027, 1, 25)),
                                           _visit("Providence Visit", "Providence", "RI")])
    plan = _plan(with_interview, ["Providence Visit"])
    footer = {row[5]: row[8] for row in trips_sheet_of(with_interview, plan).footer}
    interview_cost = sum(t.cost - t.second_look_cost for t in plan.trips)
    assert interview_cost > 0
    assert footer["Interview and commitment travel (not from the budget)"] == pytest.approx(interview_cost, abs=0.01)


def test_with_no_starting_city_the_applicant_is_told_what_to_fill_in() -> None:
    abroad = {**ABROAD, "In US from": dt.date(2027, 1, 15), "In US until": dt.date(2027, 2, 10)}
    away = make_season(profile=abroad, programs=[_visit("Providence Visit", "Providence", "RI")])
    plan = _plan(away, ["Providence Visit"])
    reason = plan.placements[away.programs.index[0]]
    assert isinstance(reason, str) and "Support city" in reason and "Current state" not in reason
    note = trips_sheet_of(away, plan).note
    assert "international" not in note and "Support city" in note

    home = make_season(profile={"Current city": "", "Current state": ""},
                       programs=[_visit("Providence Visit", "Providence", "RI")])
    plan = _plan(home, ["Providence Visit"])
    reason = plan.placements[home.programs.index[0]]
    assert isinstance(reason, str) and "Current city" in reason
    note = trips_sheet_of(home, plan).note
    assert "international" not in note and "Current city" in note

    # Abroad all season: there is no US base, and a trip would indeed start abroad.
    note = trips_sheet_of(make_season(profile=ABROAD), _plan(make_season(profile=ABROAD), [])).note
    assert "international round trip" in note


def trips_sheet_of(season: records.Season, plan: trips.TripPlan) -> OutputSheet:
    """The Trips sheet of a season whose visits were placed by ``plan``."""
    return trips_sheet(with_trips(season, plan))


# --- invariants over generated seasons ---------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=season_inputs(max_programs=5))
def test_no_second_look_falls_on_a_weekend_or_holiday_unless_its_window_has_no_working_day(
        inputs: dict[str, Any]) -> None:
    season = make_season(**inputs)
    ground = SeasonGround.of(season)
    plan = trips.plan_visits(ground, season.programs)
    cal = second_look.window_days(season, ground.days)
    no_working_day = dict(zip(season.programs.index, cal.no_working_day, strict=True))
    for row, visit in plan.placements.items():
        if isinstance(visit, trips.Visit):
            assert days.is_working_day(visit.day) or no_working_day[row], (visit, season.programs.loc[row])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=home_area_inputs())
def test_a_visit_within_the_local_radius_of_home_has_no_night_and_no_fare(inputs: dict[str, Any]) -> None:
    season = make_season(**inputs)
    ground = SeasonGround.of(season)
    plan = trips.plan_visits(ground, season.programs)
    local, transport = season.settings.local_radius_miles, season.settings.local_transport_per_day
    by_number = {trip.number: trip for trip in plan.trips}
    for row, visit in plan.placements.items():
        place = season.places.programs.get(row)
        if not isinstance(visit, trips.Visit) or places.miles_between(ground.base, place) > local:
            continue
        assert visit.cost == transport and visit.plan == trips.PLAN_STANDALONE
        trip = by_number[visit.trip]
        assert [line.activity for line in trip.days] == [trips.SECOND_LOOK]  # no Travel line: no fare
        assert trip.days[0].nights == 0 and trip.days[0].cost == transport
        alone = costs.visit_cost(season, ground.base, season.programs.loc[[row]]).iloc[0]
        assert visit.cost <= alone  # on a trip or not, never dearer than on its own


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=season_inputs(max_programs=4))
def test_joining_a_trip_never_makes_a_visit_dearer_than_on_its_own(inputs: dict[str, Any]) -> None:
    season = make_season(**inputs)
    ground = SeasonGround.of(season)
    plan = trips.plan_visits(ground, season.programs)
    for row, visit in plan.placements.items():
        if isinstance(visit, trips.Visit) and visit.plan in (trips.PLAN_NEARBY, trips.PLAN_OWN):
            alone = trips._Planner(ground, season.programs.loc[[row]])
            assert visit.cost <= alone._alone(alone.candidates[0]) + 0.01, visit


def test_a_home_city_visit_beside_an_interview_trip_costs_a_day_of_local_transport() -> None:
    """The issue's case: a second look in the applicant's own city cost a night and a Travel leg joined to an
    interview trip ($165), more than on its own ($89)."""
    season = make_season(programs=[_visit("Home IM", "Chicago", "IL"),
                                   _interview("Evanston Interview", "Evanston", "IL", dt.date(2027, 2, 3)),
                                   _interview("Milwaukee Interview", "Milwaukee", "WI", dt.date(2027, 2, 4))])
    plan = _plan(season, ["Home IM"])
    visit = _placed(plan)["Home IM"]
    assert visit.plan == trips.PLAN_STANDALONE and visit.cost == season.settings.local_transport_per_day
    trip = next(t for t in plan.trips if t.number == visit.trip)
    assert [(line.activity, line.nights, line.cost) for line in trip.days] == [(trips.SECOND_LOOK, 0, 35)]
