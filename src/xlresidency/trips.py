"""Places, distances and travel: geodata from the installed ``zipcodes`` package, great-circle miles.

Places are looked up offline: by ZIP when one is given, else by City + State (names folded so that
"St. Louis" finds "Saint Louis" and "Winston-Salem" finds "Winston Salem"). A place that cannot be found
is ``None``, never guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import zipcodes

from .settings import Settings

if TYPE_CHECKING:  # schema imports this module for its place checks
    from .schema import Profile, Season

EARTH_RADIUS_MILES = 3958.8

US_STATES = frozenset(
    (
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
        "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "VI", "WA", "WV",
        "WI", "WY", "GU", "AS", "MP",
    )
)

REGIONS: dict[str, frozenset[str]] = {
    # US Census Bureau regions; DC belongs to the South.
    "Northeast": frozenset(
        (
            "CT", "ME", "MA", "NH", "RI", "VT", "NJ", "NY", "PA",
        )
    ),
    "Midwest": frozenset(
        (
            "IL", "IN", "MI", "OH", "WI", "IA", "KS", "MN", "MO", "NE", "ND", "SD",
        )
    ),
    "South": frozenset(
        (
            "DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV", "AL", "KY", "MS", "TN", "AR", "LA", "OK",
            "TX", "PR", "VI",
        )
    ),
    "West": frozenset(
        (
            "AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY", "AK", "CA", "HI", "OR", "WA", "GU", "AS", "MP",
        )
    ),
}

_PREFIXES = {"ST": "SAINT", "STE": "SAINTE", "FT": "FORT", "MT": "MOUNT"}


@dataclass(frozen=True)
class Place:
    """A US place with coordinates."""

    city: str
    state: str
    lat: float
    lon: float


def fold_city(city: object) -> str:
    """A city name folded for matching: upper case, no punctuation, St/Ft/Mt spelled out."""
    words = re.sub(r"[^A-Z0-9 ]+", " ", str(city).upper().replace("-", " ")).split()
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return " ".join(words)


@dataclass(frozen=True)
class _Index:
    by_city: dict[tuple[str, str], Place]
    by_zip: dict[str, Place]


@functools.cache
def _index() -> _Index:
    coords: dict[tuple[str, str], list[tuple[float, float]]] = {}
    names: dict[tuple[str, str], str] = {}
    by_zip: dict[str, Place] = {}
    for entry in zipcodes.list_all():
        lat, lon = float(entry["lat"]), float(entry["long"])
        state = entry["state"]
        by_zip[entry["zip_code"]] = Place(entry["city"], state, lat, lon)
        if entry["zip_code_type"] in ("MILITARY",):
            continue
        for name in [entry["city"], *entry.get("acceptable_cities", [])]:
            key = (fold_city(name), state)
            coords.setdefault(key, []).append((lat, lon))
            names.setdefault(key, entry["city"])
    by_city = {
        key: Place(names[key], key[1], float(np.mean([c[0] for c in pts])), float(np.mean([c[1] for c in pts])))
        for key, pts in coords.items()
    }
    return _Index(by_city, by_zip)


def normalise_zip(value: object) -> str:
    """A ZIP as five digits ('2115' -> '02115', '02115-1234' -> '02115'), or '' when not a ZIP."""
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        text = str(int(float(text))).zfill(5)
    match = re.fullmatch(r"(\d{5})(-\d{4})?", text)
    return match.group(1) if match else ""


def find_place(city: object, state: object, zip_code: object = "") -> Place | None:
    """The place for a ZIP (when given and known) or a City + State; None when unknown."""
    index = _index()
    zip5 = normalise_zip(zip_code) if zip_code not in (None, "") else ""
    if zip5 and zip5 in index.by_zip:
        return index.by_zip[zip5]
    if city is None or state is None or not str(city).strip():
        return None
    return index.by_city.get((fold_city(city), str(state).strip().upper()))


def zip_known(zip_code: object) -> bool:
    """Whether a ZIP exists in the installed geodata."""
    zip5 = normalise_zip(zip_code)
    return bool(zip5) and zip5 in _index().by_zip


def region_of(state: object) -> str:
    """The Census region of a 2-letter state code, or '' when unknown."""
    code = str(state).strip().upper()
    return next((name for name, states in REGIONS.items() if code in states), "")


def locate(
    frame: pd.DataFrame, city: str = "City", state: str = "State", zip_column: str | None = "ZIP"
) -> pd.DataFrame:
    """Latitude and longitude columns (``lat``, ``lon``) for each row; NaN where the place is unknown."""
    zips = frame[zip_column] if zip_column and zip_column in frame else pd.Series("", index=frame.index)
    keys = pd.DataFrame({"c": frame[city].astype(str), "s": frame[state].astype(str), "z": zips.astype(str)})
    # Each distinct place is looked up once: a national list repeats its cities many times.
    unique = keys.drop_duplicates()
    places = [find_place(c, s, z) for c, s, z in unique.itertuples(index=False, name=None)]
    found = unique.assign(
        lat=[p.lat if p else np.nan for p in places], lon=[p.lon if p else np.nan for p in places]
    )
    located = keys.merge(found, on=["c", "s", "z"], how="left")
    return pd.DataFrame(
        {"lat": located["lat"].to_numpy(dtype=float), "lon": located["lon"].to_numpy(dtype=float)}, index=frame.index
    )


def great_circle_miles(lat1: object, lon1: object, lat2: object, lon2: object) -> np.ndarray:
    """Great-circle distance in miles, element-wise over arrays (haversine); NaN where a point is unknown."""
    la1, lo1, la2, lo2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def miles_between(a: Place | None, b: Place | None) -> float:
    """Miles between two places; NaN when either is unknown."""
    if a is None or b is None:
        return float("nan")
    return float(great_circle_miles(a.lat, a.lon, b.lat, b.lon))


# --------------------------------------------------------------------------------------------------
# Where trips start, and what a trip costs.

DAY_TRIP_MILES = 60.0
"""A place this close to the applicant's base is visited in a day, with no hotel night."""


def _dates(value: object) -> dt.date | None:
    """A cell value as a date, or None when blank."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def has_us_stay(profile: Profile) -> bool:
    """Whether the applicant is in the US on some days this season (living there, or In US from/until given)."""
    return not profile.abroad or profile.in_us_from is not None or profile.in_us_until is not None


def home_base(season: Season) -> Place | None:
    """Where the applicant's trips start while in the US; None when there is no US base at all.

    Living in the US: the current city (else the first support city, else the first in-person interview city,
    so that a blank profile city still gives estimates). Living abroad but in the US for part of the season:
    the first support city (family or community, where an applicant usually stays), else the current city if it
    is a US place, else the city of the earliest in-person interview (where the stay in the US begins). Living
    abroad with no US dates: None, and every visit is priced as an international round trip.
    """
    profile = season.profile
    if not has_us_stay(profile):
        return None
    current = find_place(profile.current_city, profile.current_state) if profile.current_state else None
    supports = [find_place(city, state) for city, state in profile.support_cities]
    support = next((p for p in supports if p is not None), None)
    order = [current, support] if not profile.abroad else [support, current]
    found = next((p for p in order if p is not None), None)
    return found or _first_interview_place(season.programs)


def _first_interview_place(programs: pd.DataFrame) -> Place | None:
    in_person = programs[(programs["Interview format"] == "In-person") & programs["Interview date"].notna()]
    for _, row in in_person.sort_values("Interview date", kind="stable").iterrows():
        place = find_place(row["City"], row["State"], row.get("ZIP", ""))
        if place is not None:
            return place
    return None


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


def visit_cost(season: Season, programs: pd.DataFrame) -> pd.Series:
    """The estimated cost (USD) of a second look at each program as a trip of its own; NaN where the place is unknown.

    From the base (``home_base``): there and back (``round_trip_fare``), one hotel night unless the program is
    within ``DAY_TRIP_MILES``, meals and local transport for each day away. An applicant abroad with no US dates
    pays the international round trip instead, and one night. Vectorised over the rows of ``programs``.
    """
    settings = season.settings
    where = locate(programs)
    base = home_base(season)
    known = where["lat"].notna().to_numpy()
    if base is None:
        if has_us_stay(season.profile):
            return pd.Series(np.nan, index=programs.index, dtype=float)
        cost = settings.international_round_trip + stay_cost(settings, 1)
        return pd.Series(np.where(known, cost, np.nan), index=programs.index, dtype=float)
    miles = great_circle_miles(base.lat, base.lon, where["lat"], where["lon"])
    nights = np.where(miles <= DAY_TRIP_MILES, 0.0, 1.0)
    cost = round_trip_fare(settings, miles) + stay_cost(settings, nights)
    return pd.Series(np.where(known, cost, np.nan), index=programs.index, dtype=float)
