"""Trip planner: places, the cost model, placement of second looks, the Trips sheet and the calendar."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factories import make_season
from xlresidency import trips
from xlresidency.settings import Settings

ABROAD = {"Current country": "India", "Current city": "Hyderabad", "Current state": ""}


def test_round_trip_fare_drives_short_distances_and_flies_long_ones() -> None:
    settings = Settings()
    fares = trips.round_trip_fare(settings, [100, 249.9, 250, 1000, np.nan])
    assert fares[0] == pytest.approx(2 * 100 * 0.70)
    assert fares[1] == pytest.approx(2 * 249.9 * 0.70)
    assert fares[2] == pytest.approx(120 + 0.14 * 250)
    assert fares[3] == pytest.approx(120 + 0.14 * 1000)
    assert np.isnan(fares[4])


def test_stay_cost_counts_one_more_day_than_nights() -> None:
    settings = Settings(hotel_per_night=100, meals_per_day=30, local_transport_per_day=20)
    assert trips.stay_cost(settings, [0, 1, 3]).tolist() == [50, 200, 500]


def test_visit_cost_figures_from_settings() -> None:
    season = make_season(
        programs=[
            {"Program": "Boston", "City": "Boston", "State": "MA"},
            {"Program": "Evanston", "City": "Evanston", "State": "IL"},
            {"Program": "Milwaukee", "City": "Milwaukee", "State": "WI"},
            {"Program": "Lost", "City": "Atlantisville", "State": "IL"},
        ]
    )
    cost = trips.visit_cost(season, season.programs)
    chicago = trips.find_place("Chicago", "IL")
    miles = {
        name: trips.miles_between(chicago, trips.find_place(city, state))
        for name, city, state in [("Boston", "Boston", "MA"), ("Evanston", "Evanston", "IL"),
                                  ("Milwaukee", "Milwaukee", "WI")]
    }
    assert 800 < miles["Boston"] < 900 and miles["Evanston"] < 60 < miles["Milwaukee"] < 250
    by_name = dict(zip(season.programs["Program"], cost, strict=True))
    # Flown, one night, two days away.
    assert by_name["Boston"] == pytest.approx(120 + 0.14 * miles["Boston"] + 160 + 2 * 80)
    # Driven there and back in a day.
    assert by_name["Evanston"] == pytest.approx(2 * 0.70 * miles["Evanston"] + 80)
    # Driven, with a night.
    assert by_name["Milwaukee"] == pytest.approx(2 * 0.70 * miles["Milwaukee"] + 160 + 2 * 80)
    assert np.isnan(by_name["Lost"])
    assert cost.index.equals(season.programs.index)


def test_visit_cost_follows_the_settings() -> None:
    cheap = make_season(programs=[{"Program": "Boston", "City": "Boston", "State": "MA"}],
                        settings={"Hotel per night": 0, "Airfare base": 0, "Airfare per mile": 0,
                                  "Meals per day": 10, "Local transport per day": 0})
    assert trips.visit_cost(cheap, cheap.programs).iloc[0] == pytest.approx(20)


def test_visit_cost_abroad_without_us_dates_is_an_international_round_trip() -> None:
    season = make_season(profile=ABROAD, programs=[{"Program": "Boston", "City": "Boston", "State": "MA"},
                                                   {"Program": "Lost", "City": "Nowhere Town", "State": "MA"}])
    cost = trips.visit_cost(season, season.programs)
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
    base = trips.home_base(with_support)
    assert base is not None and base.city == "Houston"
    without = make_season(profile=stay, programs=programs)
    base = trips.home_base(without)
    assert base is not None and base.city == "Cleveland"
    # Abroad with a US base: no international fare in a visit's cost.
    assert trips.visit_cost(without, without.programs).max() < 1400
