"""The days of a season: the federal holidays a second look avoids, from the shipped table or the package."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import holidays
import pytest

from xlresidency.core.resources import resource_text
from xlresidency.ground import days

ROOT = Path(__file__).resolve().parents[2]
BUILD = runpy.run_path(str(ROOT / "scripts" / "build_holidays.py"))


def test_rebuilding_the_holiday_table_gives_the_shipped_file() -> None:
    assert BUILD["table_text"]() == resource_text(days.HOLIDAY_TABLE), \
        "templates/holidays/us_federal.csv is stale: run python scripts/build_holidays.py"


@pytest.mark.parametrize("year", [BUILD["FIRST"], 2021, 2026, 2027, 2033, BUILD["LAST"]])
def test_a_year_in_the_table_has_the_package_s_holidays(year: int) -> None:
    expected = {day.toordinal(): str(name) for day, name in holidays.country_holidays("US", years=year).items()}
    assert {d: n for d, n in days.federal_holidays(year).items() if dt.date.fromordinal(d).year == year} == expected


@pytest.mark.parametrize("year", [BUILD["FIRST"] - 1, BUILD["LAST"] + 1, 2099])
def test_a_year_outside_the_table_comes_from_the_package(year: int) -> None:
    expected = {day.toordinal() for day in holidays.country_holidays("US", years=year)}
    assert set(days.federal_holidays(year)) >= expected
    new_year = dt.date(year, 1, 1)
    assert days.is_working_day(new_year) is False


@pytest.mark.parametrize(("day", "working"), [
    (dt.date(2027, 1, 18), False),  # Martin Luther King Jr. Day
    (dt.date(2027, 2, 15), False),  # Washington's Birthday
    (dt.date(2027, 1, 19), True),  # the Tuesday after
    (dt.date(2027, 1, 23), False),  # a Saturday
    (dt.date(2021, 6, 18), False),  # Juneteenth observed on its first year (19 June 2021 was a Saturday)
    (dt.date(2020, 6, 19), True),  # before it was a federal holiday
    (dt.date(2026, 12, 25), False),
])
def test_working_days(day: dt.date, working: bool) -> None:
    assert days.is_working_day(day) is working
