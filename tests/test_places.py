"""The packaged geodata index: rebuilt byte for byte from ``zipcodes``, the same places as the old run-time index,
fast to load, and ``zipcodes`` never imported at run time."""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import math
import os
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import zipcodes

from xlresidency.core.cells import normalise_zip
from xlresidency.core.resources import resource_bytes, resource_text
from xlresidency.ground import places
from xlresidency.ground.places import Place, fold_city

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "templates" / "geodata"
TOLERANCE = 1e-5


@dataclass(frozen=True)
class Reference:
    by_city: dict[tuple[str, str], Place]
    by_zip: dict[str, Place]
    standard_zips: dict[tuple[str, str], list[str]]


@pytest.fixture(scope="module")
def reference() -> Reference:
    """The index as places.py computed it from ``zipcodes`` at run time before the packaged index."""
    coords: dict[tuple[str, str], list[tuple[float, float]]] = {}
    names: dict[tuple[str, str], str] = {}
    by_zip: dict[str, Place] = {}
    standard: dict[tuple[str, str], list[str]] = {}
    for entry in zipcodes.list_all():
        lat, lon = float(entry["lat"]), float(entry["long"])
        state = entry["state"]
        by_zip[entry["zip_code"]] = Place(entry["city"], state, lat, lon)
        if entry["zip_code_type"] == "STANDARD":
            standard.setdefault((fold_city(entry["city"]), state), []).append(entry["zip_code"])
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
    return Reference(by_city, by_zip, {key: sorted(zips) for key, zips in standard.items()})


def same_place(found: Place | None, expected: Place) -> bool:
    return (
        found is not None
        and (found.city, found.state) == (expected.city, expected.state)
        and math.isclose(found.lat, expected.lat, abs_tol=TOLERANCE)
        and math.isclose(found.lon, expected.lon, abs_tol=TOLERANCE)
    )


def fresh_python(code: str) -> str:
    """Run code in a new interpreter (the tests' and the package's folders on its path); its standard output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "src")])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- the data files ---------------------------------------------------------------------------------


def test_rebuilding_the_index_gives_the_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    build = runpy.run_path(str(ROOT / "scripts" / "build_geodata.py"))["build"]
    written = build(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SHIPPED.iterdir())
    for path in written:
        shipped = (SHIPPED / path.name).read_bytes()
        if path.suffix == ".gz":  # the rows first, for a readable failure; then the bytes
            assert gzip.decompress(path.read_bytes()) == gzip.decompress(shipped), (
                f"{path.name} is stale: run python scripts/build_geodata.py"
            )
        assert path.read_bytes() == shipped, f"{path.name} differs: run python scripts/build_geodata.py"


def test_the_notice_names_the_source_version_and_its_licence() -> None:
    notice = resource_text("geodata/NOTICE")
    assert f"zipcodes package,\nversion {importlib.metadata.version('zipcodes')}" in notice
    assert "MIT License" in notice and "THE SOFTWARE IS PROVIDED \"AS IS\"" in notice


def test_the_data_files_are_small_gzip_files() -> None:
    for name in ("zips.csv.gz", "cities.csv.gz"):
        data = resource_bytes(f"geodata/{name}")
        assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0"  # gzip, no timestamp
        assert len(data) < 1_000_000


# --- the same places as before ----------------------------------------------------------------------


def test_the_rows_are_in_the_order_of_their_text() -> None:
    """A place is found by bisecting the lines of its table for its key: they must be sorted as text."""
    for table in (places.ZIP_TABLE, places.CITY_TABLE):
        rows = places._rows(table)
        assert rows == sorted(rows) and len(set(rows)) == len(rows) and all(rows), table


def test_every_zip_code_finds_the_same_place(reference: Reference) -> None:
    assert {row.split(",", 1)[0] for row in places._rows(places.ZIP_TABLE)} == set(reference.by_zip)
    wrong = [z for z, expected in reference.by_zip.items() if not same_place(places.find_place("", "", z), expected)]
    assert not wrong, wrong[:10]


def test_every_city_finds_the_same_place(reference: Reference) -> None:
    assert {tuple(row.split(",", 2)[:2]) for row in places._rows(places.CITY_TABLE)} == set(reference.by_city)
    wrong = [key for key, expected in reference.by_city.items() if not same_place(places.find_place(*key), expected)]
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("city", "state", "zip_code", "expected"),
    [
        ("St. Louis", "MO", "", "Saint Louis"),
        ("Winston-Salem", " nc ", None, "Winston Salem"),
        ("Ft Lauderdale", "FL", "", "Fort Lauderdale"),
        ("Anywhere", "XX", "10001", "New York"),  # a known ZIP wins over the city
        ("Boston", "MA", "99999", "Boston"),  # an unknown ZIP falls back to the city
        ("Boston", "MA", 2108, "Boston"),  # a ZIP typed as a number loses its leading zero
    ],
)
def test_lookups_as_the_sheets_make_them(reference: Reference, city: object, state: object, zip_code: object,
                                         expected: str) -> None:
    found = places.find_place(city, state, zip_code)
    assert found is not None and found.city == expected
    zip5 = normalise_zip(zip_code) if zip_code not in (None, "") else ""
    want = reference.by_zip.get(zip5) or reference.by_city[(fold_city(city), str(state).strip().upper())]
    assert same_place(found, want)


@pytest.mark.parametrize(("city", "state", "zip_code"), [("Nowhere", "ZZ", ""), ("", "MA", ""), (None, "MA", "")])
def test_an_unknown_place_is_none(city: object, state: object, zip_code: object) -> None:
    assert places.find_place(city, state, zip_code) is None


def test_the_zip_codes_of_every_city_are_its_standard_zip_codes(reference: Reference) -> None:
    for key, zips in reference.standard_zips.items():
        assert places.city_zips(*key) == tuple(zips), key
    assert places.city_zips("St Louis", "mo")[0] == min(reference.standard_zips[("SAINT LOUIS", "MO")])
    assert places.city_zips("Nowhere", "ZZ") == ()


# --- fast, and without zipcodes at run time ---------------------------------------------------------


def test_a_fresh_process_loads_the_index_well_under_a_second() -> None:
    code = """
import json, time
from xlresidency.ground import places
from xlresidency.core.cells import normalise_zip
start = time.perf_counter()
places.find_place("Boston", "MA", "02108")
by_zip = time.perf_counter()
places.find_place("St. Louis", "MO")
print(json.dumps({"zip": by_zip - start, "both": time.perf_counter() - start}))
"""
    seconds = json.loads(fresh_python(code))
    print(f"first ZIP lookup {seconds['zip']:.3f} s, ZIP and city tables {seconds['both']:.3f} s")
    assert seconds["both"] < 1.0


def test_the_first_fit_score_call_in_a_fresh_process_is_under_a_second() -> None:
    code = """
import json, time
import pandas as pd
from factories import BASE_PROFILE, BASE_PROGRAM
from xlresidency import udfs
rows = [{"Program": "Lakeshore IM", "My rank": 1},
        {"Program": "Harbor IM", "City": "Boston", "State": "MA", "My rank": 2},
        {"Program": "Desert IM", "City": "Phoenix", "State": "AZ", "ZIP": "85004", "My rank": 3}]
programs = pd.DataFrame([{**BASE_PROGRAM, **r} for r in rows])
profile = pd.DataFrame({"Field": list(BASE_PROFILE), "Value": list(BASE_PROFILE.values())})
start = time.perf_counter()
first = udfs.fit_score(programs, profile)
first_s = time.perf_counter() - start
start = time.perf_counter()
udfs.fit_score(programs, profile)
print(json.dumps({"first": first_s, "second": time.perf_counter() - start, "fits": first.iloc[:, 0].tolist()}))
"""
    seconds = json.loads(fresh_python(code))
    print(f"first FIT_SCORE {seconds['first']:.3f} s, second {seconds['second']:.3f} s")
    assert all(isinstance(fit, float) and 0 <= fit <= 100 for fit in seconds["fits"]), seconds["fits"]
    assert seconds["first"] < 1.0


def test_no_run_time_module_imports_zipcodes() -> None:
    code = """
import sys
import xlresidency.cli, xlresidency.workbook.demo, xlresidency.regenerate, xlresidency.udfs
from xlresidency.ground import places
from xlresidency.core.cells import normalise_zip
places.find_place("St. Louis", "MO"), places.find_place("", "", "10001"), places.city_zips("Boston", "MA")
print("zipcodes" in sys.modules)
"""
    assert fresh_python(code).strip() == "False"
