"""Places and distances: US cities and ZIP codes with coordinates, Census regions, great-circle miles.

Places are looked up offline: by ZIP when one is given, else by City + State (names folded so that
"St. Louis" finds "Saint Louis" and "Winston-Salem" finds "Winston Salem"). A place that cannot be found
is ``None``, never guessed. The geodata is the packaged index in ``templates/geodata/`` (built from the
``zipcodes`` package by ``scripts/build_geodata.py``; its source and licence are in ``NOTICE`` there), read on
first use in a few tens of milliseconds.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cells import normalise_zip
from .resources import resource_bytes

EARTH_RADIUS_MILES = 3958.8

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

ZIP_TABLE = "geodata/zips.csv.gz"
"""One row per ZIP code: zip, city, state, type (STANDARD, PO BOX, UNIQUE, MILITARY), lat, lon."""
CITY_TABLE = "geodata/cities.csv.gz"
"""One row per folded city name and state: key, state, city, lat, lon (the mean of the city's ZIP codes)."""


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


_Found = tuple[str, str, float, float]
"""A place as the index holds it: city, state, lat, lon (a Place is made only for the places looked up)."""


def _table(name: str, text_columns: tuple[str, ...]) -> pd.DataFrame:
    """One packaged geodata table, text columns as text (a city named "Nan" stays a name)."""
    data = io.BytesIO(resource_bytes(name))
    return pd.read_csv(data, compression="gzip", dtype=dict.fromkeys(text_columns, str), keep_default_na=False)


def _rows(table: pd.DataFrame) -> list[_Found]:
    return list(
        zip(table["city"].tolist(), table["state"].tolist(), table["lat"].tolist(), table["lon"].tolist(), strict=True)
    )


@functools.cache
def _zip_table() -> pd.DataFrame:
    return _table(ZIP_TABLE, ("zip", "city", "state", "type"))


@functools.cache
def _by_zip() -> dict[str, _Found]:
    table = _zip_table()
    return dict(zip(table["zip"].tolist(), _rows(table), strict=True))


@functools.cache
def _by_city() -> dict[tuple[str, str], _Found]:
    table = _table(CITY_TABLE, ("key", "state", "city"))
    keys = zip(table["key"].tolist(), table["state"].tolist(), strict=True)
    return dict(zip(keys, _rows(table), strict=True))


@functools.cache
def _standard_zips() -> dict[tuple[str, str], tuple[str, ...]]:
    table = _zip_table()
    standard = table[table["type"] == "STANDARD"]
    folded = {name: fold_city(name) for name in set(standard["city"].tolist())}
    found: dict[tuple[str, str], list[str]] = {}
    for zip5, city, state in zip(standard["zip"], standard["city"], standard["state"], strict=True):
        found.setdefault((folded[city], state), []).append(zip5)
    return {key: tuple(sorted(zips)) for key, zips in found.items()}


def find_place(city: object, state: object, zip_code: object = "") -> Place | None:
    """The place for a ZIP (when given and known) or a City + State; None when unknown."""
    zip5 = normalise_zip(zip_code) if zip_code not in (None, "") else ""
    found = _by_zip().get(zip5) if zip5 else None
    if found is None:
        if city is None or state is None or not str(city).strip():
            return None
        found = _by_city().get((fold_city(city), str(state).strip().upper()))
    return Place(*found) if found else None


def city_zips(city: object, state: object) -> tuple[str, ...]:
    """The standard (street address) ZIP codes whose city is this one, lowest first; () when there are none."""
    return _standard_zips().get((fold_city(city), str(state).strip().upper()), ())


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

