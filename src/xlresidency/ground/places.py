"""Places and distances: US cities and ZIP codes with coordinates, Census regions, great-circle miles.

Places are looked up offline: by ZIP when one is given, else by City + State (names folded so that
"St. Louis" finds "Saint Louis" and "Winston-Salem" finds "Winston Salem"). A place that cannot be found
is ``None``, never guessed. A city is at its centre and keeps its own name; a ZIP code is where its area is. The
geodata is the packaged index in ``templates/geodata/`` (built from the ``zipcodes`` package and the GeoNames
gazetteer by ``scripts/build_geodata.py``; sources and licences are in ``NOTICE`` there), read on first use in a few
tens of milliseconds.
"""

from __future__ import annotations

import bisect
import csv
import functools
import math
import re

import numpy as np
import pandas as pd

from ..core.cells import normalise_zip
from ..core.records import Place
from ..core.resources import resource_bytes

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

ZIP_TABLE = "geodata/zips.csv"
"""One row per ZIP code: zip, city, state, type (STANDARD, PO BOX, UNIQUE, MILITARY), lat, lon."""
CITY_TABLE = "geodata/cities.csv"
"""One row per folded city name and state: key, state, city, lat, lon (the city's centre: GeoNames' point, else the
mean of the city's ZIP codes)."""


def fold_city(city: object) -> str:
    """A city name folded for matching: upper case, no punctuation, St/Ft/Mt spelled out."""
    words = re.sub(r"[^A-Z0-9 ]+", " ", str(city).upper().replace("-", " ")).split()
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return " ".join(words)


@functools.cache
def _table(name: str) -> bytes:
    """One packaged geodata table as it is stored: UTF-8 lines sorted by their text, under a header line."""
    return resource_bytes(name)


@functools.cache
def _rows(name: str) -> list[str]:
    """The rows of one packaged geodata table as lines of text, header left out (for a walk over all of them)."""
    return _table(name).decode("utf-8").rstrip("\n").split("\n")[1:]


_NARROW = 4096
"""Bytes of a table below which the lines left are split and bisected as text."""


def _lines_near(data: bytes, key: bytes) -> list[str]:
    """The few lines of a sorted table among which the first line at or after ``key`` is (or would be).

    The bytes are halved around line starts until a few kilobytes are left, so that a lookup reads a dozen lines,
    not the 42,000 of the table; UTF-8 bytes sort as their text does.
    """
    # low: the start of the first line or of one before the key's; high: the start of a line at or after the key's
    low, high = data.index(b"\n") + 1, len(data)
    while high - low > _NARROW:
        middle = data.index(b"\n", (low + high) // 2) + 1
        if middle >= high:
            break
        if data[middle:data.index(b"\n", middle)] < key:
            low = middle
        else:
            high = middle
    end = data.find(b"\n", high) + 1 or len(data)  # the line at ``high`` may be the key's own
    return data[low:end].decode("utf-8").rstrip("\n").split("\n")


def _fields(line: str) -> list[str]:
    """The fields of one line; a field with a comma or a quote in it is quoted, as the csv module writes it."""
    return next(csv.reader([line])) if '"' in line else line.split(",")


def _row(name: str, key: str) -> list[str] | None:
    """The fields of the row whose line starts with ``key`` (its key fields and a comma); None when there is none.

    A key field holds no comma (ZIP codes are digits, folded names letters, digits and spaces), so the lines
    that start with a key are together in the sorted lines, and there is at most one.
    """
    rows = _lines_near(_table(name), key.encode("utf-8"))
    at = bisect.bisect_left(rows, key)
    if at == len(rows) or not rows[at].startswith(key):
        return None
    return _fields(rows[at])


def _zip_row(zip5: str) -> list[str] | None:
    """The ZIP table's row for a ZIP code: zip, city, state, type, lat, lon."""
    return _row(ZIP_TABLE, f"{zip5},")


def _city_row(key: str, state: str) -> list[str] | None:
    """The city table's row for a folded city name and a state: key, state, city, lat, lon."""
    return None if "," in state or '"' in state else _row(CITY_TABLE, f"{key},{state},")


@functools.cache
def _standard_zips() -> dict[tuple[str, str], tuple[str, ...]]:
    found: dict[tuple[str, str], list[str]] = {}
    folded: dict[str, str] = {}
    for line in _rows(ZIP_TABLE):
        zip5, city, state, kind, _, _ = _fields(line)
        if kind != "STANDARD":
            continue
        if city not in folded:
            folded[city] = fold_city(city)
        found.setdefault((folded[city], state), []).append(zip5)
    return {key: tuple(sorted(zips)) for key, zips in found.items()}


def find_place(city: object, state: object, zip_code: object = "") -> Place | None:
    """The place for a ZIP (when given and known) or a City + State; None when unknown."""
    zip5 = normalise_zip(zip_code) if zip_code not in (None, "") else ""
    found = _zip_row(zip5) if zip5 else None
    if found is not None:
        _, city_name, state_code, _, lat, lon = found
        return Place(city_name, state_code, float(lat), float(lon))
    if city is None or state is None or not str(city).strip():
        return None
    found = _city_row(fold_city(city), str(state).strip().upper())
    if found is None:
        return None
    _, state_code, city_name, lat, lon = found
    return Place(city_name, state_code, float(lat), float(lon))


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
    keys = zip(frame[city].astype(str).tolist(), frame[state].astype(str).tolist(), zips.astype(str).tolist(),
               strict=True)
    # Each distinct place is looked up once: a national list repeats its cities many times.
    found: dict[tuple[str, str, str], Place | None] = {}
    lat: list[float] = []
    lon: list[float] = []
    for key in keys:
        place = found[key] if key in found else found.setdefault(key, find_place(*key))
        lat.append(place.lat if place else np.nan)
        lon.append(place.lon if place else np.nan)
    return pd.DataFrame({"lat": np.array(lat, dtype=float), "lon": np.array(lon, dtype=float)}, index=frame.index)


def great_circle_miles(lat1: object, lon1: object, lat2: object, lon2: object) -> np.ndarray:
    """Great-circle distance in miles, element-wise over arrays (haversine); NaN where a point is unknown."""
    la1, lo1, la2, lo2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def miles_between(a: Place | None, b: Place | None) -> float:
    """Miles between two places; NaN when either is unknown (``great_circle_miles`` for two points, in ``math``:
    the trip planner asks for thousands of pairs, where numpy's cost per call outweighs its work)."""
    if a is None or b is None:
        return float("nan")
    la1, lo1, la2, lo2 = (math.radians(v) for v in (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))

