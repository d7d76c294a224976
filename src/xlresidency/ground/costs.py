"""What travel costs: where trips start (the applicant's base) and the fare, hotel and daily costs of a trip.

Every figure comes from the cost assumptions on Settings; nothing here knows which visits are planned.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.records import Place, Profile, Season
from ..core.settings import Settings
from .places import great_circle_miles, miles_between

DAY_TRIP_MILES = 60.0
"""A place this close to the applicant's base is visited in a day, with no hotel night."""


def is_local(settings: Settings, base: Place | None, place: Place | None) -> bool:
    """Whether a place is within ``Local radius (miles)`` of the base: visited from home, at one day's local
    transport (no hotel night, no fare)."""
    return base is not None and place is not None and miles_between(base, place) <= settings.local_radius_miles


def has_us_stay(profile: Profile) -> bool:
    """Whether the applicant is in the US on some days this season (living there, or In US from/until given)."""
    return not profile.abroad or profile.in_us_from is not None or profile.in_us_until is not None


def home_base(season: Season) -> Place | None:
    """Where the applicant's trips start while in the US; None when there is no US base at all.

    A known ``Home ZIP`` pins it, wherever the applicant lives the rest of the year. Otherwise, living in the US:
    the current city's centre (else the first support city, else the first in-person interview city,
    so that a blank profile city still gives estimates). Living abroad but in the US for part of the season:
    the first support city (family or community, where an applicant usually stays), else the current city if it
    is a US place, else the city of the earliest in-person interview (where the stay in the US begins). Living
    abroad with no US dates: None, and every visit is priced as an international round trip.
    """
    profile, located = season.profile, season.places
    if not has_us_stay(profile):
        return None
    if located.home is not None:
        return located.home
    support = located.supports[0][2] if located.supports else None
    order = [located.current, support] if not profile.abroad else [support, located.current]
    found = next((p for p in order if p is not None), None)
    return found or _first_interview_place(season)


def no_base_advice(profile: Profile) -> str:
    """What to fill in on Profile so that trips have a starting city."""
    if profile.abroad:
        return "add a Support city on Profile (City, ST: where you stay while in the US)"
    return "fill in Current city and Current state on Profile (or a Support city)"


def _first_interview_place(season: Season) -> Place | None:
    programs = season.programs
    in_person = programs[(programs["Interview format"] == "In-person") & programs["Interview date"].notna()]
    places = (season.places.programs.get(row) for row in in_person.sort_values("Interview date", kind="stable").index)
    return next((place for place in places if place is not None), None)


def round_trip_fare(settings: Settings, miles: object) -> np.ndarray:
    """Getting there and back over a one-way distance: driven under ``Drive under (miles)``, else flown.

    Driving costs the per-mile car rate both ways; a flight costs the airfare base plus the per-mile rate on
    the one-way distance. NaN stays NaN.
    """
    d = np.asarray(miles, dtype=float)
    drive = 2 * d * settings.driving_per_mile
    fly = settings.airfare_base + settings.airfare_per_mile * d
    return np.where(d < settings.drive_under_miles, drive, fly)


def stay_cost(settings: Settings, nights: object) -> np.ndarray:
    """Hotel nights plus meals and local transport for each day away (one more day than nights)."""
    n = np.asarray(nights, dtype=float)
    return n * settings.hotel_per_night + (n + 1) * (settings.meals_per_day + settings.local_transport_per_day)


def visit_cost(season: Season, base: Place | None, programs: pd.DataFrame) -> pd.Series:
    """The estimated cost (USD) of a second look at each program as a trip of its own; NaN where the place is unknown.

    From the base (``home_base``, worked out once per season by the caller): there and back (``round_trip_fare``),
    one hotel night unless the program is within ``DAY_TRIP_MILES``, meals and local transport for each day away;
    within ``Local radius (miles)`` of the base, one day's local transport only.
    An applicant abroad with no US dates pays the international round trip instead, and one night. Vectorised over
    the rows of ``programs``.
    """
    settings = season.settings
    where = season.places.coordinates(programs.index)
    known = where["lat"].notna().to_numpy()
    if base is None:
        if has_us_stay(season.profile):
            return pd.Series(np.nan, index=programs.index, dtype=float)
        cost = settings.international_round_trip + stay_cost(settings, 1)
        return pd.Series(np.where(known, cost, np.nan), index=programs.index, dtype=float)
    miles = great_circle_miles(base.lat, base.lon, where["lat"], where["lon"])
    nights = np.where(miles <= DAY_TRIP_MILES, 0.0, 1.0)
    cost = round_trip_fare(settings, miles) + stay_cost(settings, nights)
    cost = np.where(miles <= settings.local_radius_miles, settings.local_transport_per_day, cost)
    return pd.Series(np.where(known, cost, np.nan), index=programs.index, dtype=float)



def trip_fare(settings: Settings, base: Place | None, first: Place, last: Place) -> float:
    """There and back for a trip: international when there is no US base, else driven or flown."""
    if base is None:
        return float(settings.international_round_trip)
    out, back = miles_between(base, first), miles_between(last, base)
    if max(out, back) < settings.drive_under_miles:
        return float((out + back) * settings.driving_per_mile)
    return float(settings.airfare_base + settings.airfare_per_mile * (out + back) / 2)
