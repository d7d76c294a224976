"""Build the packaged geodata index, templates/geodata/, from the ``zipcodes`` package (a development tool).

Run: python scripts/build_geodata.py [FOLDER]   (needs the test extra: pip install -e .[test])

At run time xlresidency reads the two small tables written here instead of the ``zipcodes`` package, so the
first lookup takes milliseconds, not the seconds ``zipcodes`` needs to load its 42,000 records:

- ``zips.csv.gz``: zip, city, state, type, lat, lon — one row per ZIP code, as ``zipcodes`` lists it;
- ``cities.csv.gz``: key, state, city, lat, lon — one row per folded city name (``places.fold_city``) and state,
  at the mean coordinates of the ZIP codes that name that city (as their city or an acceptable city name;
  military ZIP codes are not places to visit), named after the first ZIP code's city;
- ``NOTICE``: where the data comes from, with the ``zipcodes`` licence.

The files are the same byte for byte on every run from the same ``zipcodes`` version: rows sorted, coordinates in
fixed decimals, gzip without a timestamp. ``tests/test_places.py`` rebuilds them and compares. Rows are sorted by
their text as written, so that ``places.py`` finds a ZIP code or a city by bisecting the lines (no index to build
when the package starts).
"""

from __future__ import annotations

import csv
import gzip
import importlib.metadata
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import zipcodes

from xlresidency.ground.places import fold_city

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "geodata"
ZIP_COLUMNS = ("zip", "city", "state", "type", "lat", "lon")
CITY_COLUMNS = ("key", "state", "city", "lat", "lon")
DECIMALS = 5
"""Decimal places kept for a coordinate: a metre or so, and every ZIP code's coordinates exactly (zipcodes gives 4)."""


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


def city_rows(entries: Iterable[dict[str, Any]]) -> list[tuple[str, ...]]:
    """One row per (folded city name, state), sorted by text, at the mean coordinates of its ZIP codes."""
    coords: dict[tuple[str, str], list[tuple[float, float]]] = {}
    names: dict[tuple[str, str], str] = {}
    for entry in entries:
        if entry["zip_code_type"] in ("MILITARY",):
            continue
        lat, lon = float(entry["lat"]), float(entry["long"])
        for name in [entry["city"], *entry.get("acceptable_cities", [])]:
            key = (fold_city(name), entry["state"])
            coords.setdefault(key, []).append((lat, lon))
            names.setdefault(key, entry["city"])
    return by_text(
        (key[0], key[1], names[key], coordinate(float(np.mean([c[0] for c in pts]))),
         coordinate(float(np.mean([c[1] for c in pts]))))
        for key, pts in coords.items()
    )


def gzip_csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A gzip'd CSV (UTF-8, LF line ends) with no timestamp or file name inside, so equal rows give equal bytes."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=packed, mtime=0) as out:
        out.write(text.getvalue().encode("utf-8"))
    return packed.getvalue()


def notice() -> str:
    """Where the geodata comes from, and the licence it is shipped under."""
    source = importlib.metadata.distribution("zipcodes")
    licence = next(
        (f.read_text(encoding="utf-8") for f in source.files or [] if Path(str(f)).name.upper().startswith("LICENSE")),
        None,
    )
    if not licence:
        raise SystemExit("the installed zipcodes package carries no LICENSE file")
    return (
        "The geodata in this folder (zips.csv.gz, cities.csv.gz) is derived from the zipcodes package,\n"
        f"version {source.version} (https://github.com/seanpianka/zipcodes, https://pypi.org/project/zipcodes/),\n"
        "by scripts/build_geodata.py: one row per ZIP code, and the mean coordinates of each city's ZIP codes.\n"
        "The zipcodes package is distributed under the MIT License, reproduced here:\n\n"
        f"{licence.strip()}\n"
    )


def build(folder: Path = FOLDER) -> list[Path]:
    """Write the geodata index into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = zipcodes.list_all()
    files = {
        "zips.csv.gz": gzip_csv(ZIP_COLUMNS, zip_rows(entries)),
        "cities.csv.gz": gzip_csv(CITY_COLUMNS, city_rows(entries)),
        "NOTICE": notice().encode("utf-8"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(path, path.stat().st_size)
