"""Reading the input tables (rules/validation.py): percents typed the Excel way and the Profile's Home ZIP, the same
through the workbook file, the Excel button (xlwings' remote engine), the cell functions and Lite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import xlwings as xw

from conftest import small_season_rows
from factories import BASE_PROFILE, BASE_PROGRAM, make_season, raw_tables
from test_book import small_payload
from xlresidency import udfs
from xlresidency.core.cells import percent_number, typed_as_fraction
from xlresidency.core.records import Season
from xlresidency.excel import book as excel
from xlresidency.ground.costs import home_base
from xlresidency.rules.validation import validate
from xlresidency.workbook import newbook, reader


def _season(programs: list[dict[str, Any]], **profile: Any) -> Season:
    return validate(raw_tables(programs=programs, profile={**BASE_PROFILE, **profile}))


def _notes(season: Season, word: str = "was read as") -> list[str]:
    return [p.problem for p in season.problems if word in p.problem]


@pytest.mark.parametrize(("typed", "read", "noted"), [
    (0.45, 45.0, True),  # Excel stores 45% as 0.45
    ("0.45", 45.0, True),
    (0.005, 0.5, True),
    (45, 45.0, False),
    (1, 1.0, False),  # 1 and above are percents as before
    ("45%", 45.0, False),
    ("0.5%", 0.5, False),  # text with the sign is taken as written
    (0, 0.0, False),
])
def test_a_fraction_in_a_percent_column_is_read_as_a_percent(typed: object, read: float, noted: bool) -> None:
    assert typed_as_fraction(typed) is noted and percent_number(typed) == read
    season = _season([{**BASE_PROGRAM, "Program": "Lakeshore IM", "IMG share (%)": typed}])
    assert season.programs["IMG share (%)"].tolist() == [read]
    notes = [p for p in season.problems if p.column == "IMG share (%)"]
    assert bool(notes) is noted
    if noted:
        assert notes[0].problem.startswith(f"IMG share (%): {float(str(typed)):g} was read as {read:g} %")
        assert notes[0].how_to_fix.startswith(f"Nothing is wrong if you meant {read:g} %")


def test_a_program_typed_as_45_percent_is_no_long_shot() -> None:
    fraction = _season([{**BASE_PROGRAM, "Program": "Lakeshore IM", "IMG share (%)": 0.45}])
    whole = _season([{**BASE_PROGRAM, "Program": "Lakeshore IM", "IMG share (%)": 45}])
    assert fraction.programs["IMG share (%)"].equals(whole.programs["IMG share (%)"])
    assert _notes(fraction) and not _notes(whole)


def test_match_chance_wanted_typed_as_90_percent_is_90() -> None:
    season = _season([{**BASE_PROGRAM, "Program": "Lakeshore IM"}], **{"Match chance wanted": 0.9})
    assert season.profile.match_chance_wanted == 90
    assert not [p for p in season.problems if "out of range" in p.problem]
    assert _notes(season) == ["Match chance wanted: 0.9 was read as 90 % (a cell formatted as a percentage holds "
                              "45 % as 0.45)"]


def test_a_percent_setting_typed_as_a_fraction_is_read_as_a_percent() -> None:
    tables = raw_tables(programs=[{**BASE_PROGRAM, "Program": "Lakeshore IM"}],
                        settings={"Long-shot IMG share (%)": 0.08})
    season = validate(tables)
    assert season.settings.long_shot_img_share == pytest.approx(8)
    assert _notes(season) and _notes(season)[0].startswith("Long-shot IMG share (%): 0.08 was read as 8 %")


# --- the same on every surface ----------------------------------------------------------------------


def _typed_as_fractions() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    programs = [{**BASE_PROGRAM, "Program": "Lakeshore IM", "IMG share (%)": 0.45, "My rank": 1},
                {**BASE_PROGRAM, "Program": "Harbor IM", "City": "Boston", "State": "MA", "IMG share (%)": 0.03,
                 "My rank": 2}]
    return programs, {**BASE_PROFILE, "Match chance wanted": 0.9}


@pytest.mark.usefixtures("remote_engine")
def test_the_file_the_excel_button_the_cell_functions_and_lite_read_a_fraction_alike(tmp_path: Path) -> None:
    programs, profile = _typed_as_fractions()
    rows = {**small_season_rows(), "Programs": programs,
            "Profile": [{"Field": k, "Value": v} for k, v in profile.items()]}
    path = newbook.new_workbook(tmp_path / "season.xlsx", rows)
    from_file = validate(reader.read_tables(path), whole_workbook=True)
    # The Excel button and Lite's Regenerate script both read through excel/book.py (Lite's main.py calls
    # excel.run); the remote engine stands in for Excel.
    from_excel = excel.read_season(xw.Book(json=small_payload(programs)))
    for season in (from_file, from_excel):
        assert season.programs["IMG share (%)"].tolist() == [45.0, 3.0]
        assert len([p for p in season.problems if p.column == "IMG share (%)"]) == 2
    assert from_file.profile.match_chance_wanted == 90
    frame = pd.DataFrame(programs)
    typed = pd.DataFrame({"Field": list(profile), "Value": list(profile.values())})
    as_percents = frame.assign(**{"IMG share (%)": [45, 3]})
    assert udfs.fit_score(frame, typed).equals(udfs.fit_score(as_percents, typed))


# --- Home ZIP ---------------------------------------------------------------------------------------


def test_home_zip_pins_where_trips_start() -> None:
    pinned = make_season(profile={**BASE_PROFILE, "Home ZIP": "60637"})  # Hyde Park, Chicago
    centre = make_season(profile=BASE_PROFILE)
    assert home_base(pinned) is not None and home_base(pinned).city == "Chicago"
    assert (home_base(pinned).lat, home_base(pinned).lon) != (home_base(centre).lat, home_base(centre).lon)
    assert pinned.places.home == home_base(pinned)


def test_an_unknown_home_zip_is_named_and_the_city_centre_used() -> None:
    season = make_season(profile={**BASE_PROFILE, "Home ZIP": "00000"})
    assert season.places.home is None
    named = [p for p in season.problems if "Home ZIP" in p.problem]
    assert named and "centre of Current city" in named[0].problem
    assert home_base(season) == season.places.current
