"""The season plan: every fact of the season worked out once (places, the day calendar, the trip plan)."""

from __future__ import annotations

from typing import Any

import pytest

from factories import raw_table
from xlresidency import regenerate
from xlresidency.core.records import Season
from xlresidency.ground import days, places
from xlresidency.plan import plan_season
from xlresidency.rules import trips, validation
from xlresidency.workbook import demo


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Every place look-up (``places.find_place``) and every day-calendar build (``days.SeasonDays``)."""
    seen: dict[str, list[Any]] = {"places": [], "calendars": []}
    find, build = places.find_place, days.SeasonDays.__post_init__

    def find_place(*key: object) -> Any:
        seen["places"].append(key)
        return find(*key)

    def post_init(self: days.SeasonDays) -> None:
        seen["calendars"].append(self)
        build(self)

    monkeypatch.setattr(places, "find_place", find_place)
    monkeypatch.setattr(days.SeasonDays, "__post_init__", post_init)
    return seen


def test_each_place_is_looked_up_once_and_the_day_calendar_built_once(counted: dict[str, list[Any]]) -> None:
    rows = demo.demo_rows()
    season = validation.validate({table: raw_table(table, records) for table, records in rows.items()})
    looked_up = list(counted["places"])
    assert len(looked_up) == len(set(looked_up)), "a place was looked up twice while validating"
    programs = season.programs
    assert len(looked_up) <= len(set(zip(programs["City"], programs["State"], strict=True))) + 8
    done = regenerate.regenerate(season)
    assert counted["places"] == looked_up, "a place was looked up again after validation"
    assert len(counted["calendars"]) == 1, f"the day calendar was built {len(counted['calendars'])} times"
    assert done.plan.ground is not None and done.plan.ground.days is counted["calendars"][0]


def test_the_season_keeps_where_each_program_is(demo_season: Season) -> None:
    located = demo_season.places
    assert set(located.programs) == set(demo_season.programs.index)
    for row, place in located.programs.items():
        expected = places.find_place(*(demo_season.programs.at[row, c] for c in ("City", "State", "ZIP")))
        assert place == expected


def test_the_trip_plan_is_the_one_the_decision_placed(demo_season: Season,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The decision's placer returns the trip plan itself, and the plan keeps the last one: the trips are not
    planned again after the decision."""
    made: list[trips.TripPlan] = []
    plan_visits = trips.plan_visits

    def recorded(*args: Any) -> trips.TripPlan:
        made.append(plan_visits(*args))
        return made[-1]

    monkeypatch.setattr(trips, "plan_visits", recorded)
    plan = plan_season(demo_season)
    assert made and plan.trips is made[-1]
    visits = [row for row, v in plan.trips.placements.items() if isinstance(v, trips.Visit)]
    assert visits == list(plan.visits())


def test_every_trip_day_is_priced_by_the_plan(demo_season: Season) -> None:
    """Each trip carries its days with miles, nights, cost and conflicts: the Trips sheet only lays them out."""
    plan = plan_season(demo_season)
    assert plan.trips.trips
    for trip in plan.trips.trips:
        assert trip.days[0].activity == trips.TRAVEL and trip.days[-1].activity == trips.TRAVEL
        assert [line.day for line in trip.days[1:-1]] == [stop.day for stop in trip.stops]
        assert sum(line.cost for line in trip.days) == pytest.approx(trip.cost, abs=0.01 * len(trip.stops))
