"""The workbook contract: each validation rule fires on its own fixture, and stays quiet on good input."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from factories import BASE_PROFILE, make_season, raw_table, raw_tables
from xlresidency.core import cells, records, schema
from xlresidency.core.settings import DEFAULT_SETTINGS, setting_rows
from xlresidency.rules import validation


def problems_of(season: records.Season) -> list[tuple[str, int | None, str, str]]:
    return [(p.sheet, p.row, p.column, p.problem) for p in season.problems]


def only_problem(season: records.Season) -> records.Problem:
    assert len(season.problems) == 1, problems_of(season)
    return season.problems[0]


def test_clean_input_has_no_problems_and_typed_columns():
    season = make_season(programs=[{"Program": "Lakeshore IM", "My rank": 1, "ZIP": 60611}])
    assert season.problems == []
    programs = season.programs
    assert list(programs.columns[: len(schema.PROGRAM_COLUMNS)]) == [c.name for c in schema.PROGRAM_COLUMNS]
    assert programs.index.name == "Row" and list(programs.index) == [3]
    assert programs["My rank"].dtype == "float64"
    assert str(programs["Interview date"].dtype).startswith("datetime64")
    assert programs.loc[3, "ZIP"] == "60611"
    assert programs.loc[3, "Notes"] == ""


def test_headers_match_ignoring_case_and_spaces_and_extra_columns_are_kept():
    tables = raw_tables(programs=[{"Program": "A", "My rank": 2}])
    raw = tables["Programs"]
    raw.headers = [" " + str(h).upper().replace(" ", "  ") + " " for h in raw.headers] + ["My own column"]
    raw.rows = [[*row, "kept"] for row in raw.rows]
    season = validation.validate(tables)
    assert season.problems == []
    assert season.programs.loc[3, "My rank"] == 2
    assert season.programs.loc[3, "My own column"] == "kept"


def test_missing_required_column_is_reported_once():
    tables = raw_tables(programs=[{"Program": "A"}])
    raw = tables["Programs"]
    i = raw.headers.index("City")
    raw.headers[i] = "Town"
    season = validation.validate(tables)
    assert ("Programs", 2, "City", "Required column 'City' is missing") in problems_of(season)


def test_missing_required_profile_field():
    tables = raw_tables()
    fields = [{"Field": c.name, "Value": BASE_PROFILE.get(c.name)} for c in schema.PROFILE_FIELDS
              if c.name != "Full name"]
    tables["Profile"] = raw_table("Profile", fields)
    tables["Programs"] = raw_tables(programs=[{"Program": "A"}])["Programs"]
    problem = only_problem(validation.validate(tables))
    assert problem.sheet == "Profile" and "Full name" in problem.problem


def test_blank_required_value():
    problem = only_problem(make_season(programs=[{"Program": "A", "City": None}]))
    assert (problem.sheet, problem.row, problem.column) == ("Programs", 3, "City")
    assert "blank" in problem.problem


def test_text_in_a_number_column():
    season = make_season(programs=[{"Program": "A", "Min Step 2 CK": "two hundred"}])
    problem = only_problem(season)
    assert (problem.column, problem.row) == ("Min Step 2 CK", 3)
    assert "text, not a number" in problem.problem
    assert pd.isna(season.programs.loc[3, "Min Step 2 CK"])


def test_numbers_typed_as_text_are_accepted():
    season = make_season(programs=[{"Program": "A", "Min Step 2 CK": " 221 ", "IMG share (%)": "35%"}])
    assert season.problems == []
    assert season.programs.loc[3, "Min Step 2 CK"] == 221
    assert season.programs.loc[3, "IMG share (%)"] == 35


def test_value_outside_the_dropdown():
    problem = only_problem(make_season(programs=[{"Program": "A", "Sponsors J-1": "Maybe"}]))
    assert problem.column == "Sponsors J-1" and "Yes, No, Unknown" in problem.how_to_fix


def test_dropdown_values_match_ignoring_case():
    season = make_season(programs=[{"Program": "A", "Interview format": "in-PERSON"}])
    assert season.problems == []
    assert season.programs.loc[3, "Interview format"] == "In-person"


@pytest.mark.parametrize(("typed", "column", "meant"), [
    ("j1", "Sponsors J-1", None),
    ("In person", "Interview format", "In-person"),
    ("virtual ", "Interview format", "Virtual"),
    ("NOT offered", "Second look policy", "Not offered"), ("virtual-only", "Second look policy", "Virtual only"),
])
def test_dropdown_values_match_ignoring_punctuation(typed, column, meant):
    season = make_season(programs=[{"Program": "A", column: typed}])
    if meant is None:  # 'j1' is no Yes/No/Unknown: still refused
        assert only_problem(season).column == column
    else:
        assert season.problems == [] and season.programs.loc[3, column] == meant


def test_visa_typed_loosely_in_the_profile():
    season = make_season(profile={"Visa needed": "j1 or h1b"}, programs=[{"Program": "A"}])
    assert season.problems == [] and season.profile.visa_needed == "J-1 or H-1B"


def test_problems_come_in_workbook_order():
    programs = [{"Program": "A", "City": "Gotham"}, {"Program": "A"}, {"Program": "B", "My rank": "x"}]
    season = make_season(programs=programs, profile={"Step 2 CK": 999})
    assert [(p.sheet, p.row) for p in season.problems] == [("Profile", 10), ("Programs", 3), ("Programs", 4),
                                                          ("Programs", 5)]


def test_number_out_of_range():
    problem = only_problem(make_season(profile={"Step 2 CK": 400}, programs=[{"Program": "A"}]))
    assert problem.sheet == "Profile" and "400 is out of range (1 to 300)" in problem.problem


def test_whole_number_required():
    problem = only_problem(make_season(programs=[{"Program": "A", "My rank": 2.5}]))
    assert problem.column == "My rank" and "whole number" in problem.problem


def test_unknown_city_and_state():
    season = make_season(programs=[{"Program": "A", "City": "Gotham", "State": "FL"},
                                   {"Program": "B", "City": "Boston", "State": "ZZ"}])
    found = problems_of(season)
    assert ("Programs", 3, "City", "'Gotham, FL' is not a US place this tool knows") in found
    assert ("Programs", 4, "State", "'ZZ' is not a US state code") in found


def test_city_names_are_matched_loosely():
    season = make_season(programs=[{"Program": "A", "City": "St. Louis", "State": "mo"},
                                   {"Program": "B", "City": "Winston-Salem", "State": "NC"}])
    assert season.problems == []


def test_zip_must_exist_and_match_the_state():
    season = make_season(programs=[{"Program": "A", "ZIP": "00000"}, {"Program": "B", "ZIP": "02115"}])
    found = problems_of(season)
    assert ("Programs", 3, "ZIP", "ZIP 00000 is not a US ZIP code this tool knows") in found
    assert ("Programs", 4, "ZIP", "ZIP 02115 is not in IL") in found


def test_duplicate_programs_keep_the_first():
    season = make_season(programs=[{"Program": "Lakeshore IM"}, {"Program": " lakeshore  IM "}])
    problem = only_problem(season)
    assert problem.row == 4 and "first on row 3" in problem.problem
    assert list(season.programs.index) == [3]


@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!"])
def test_error_values(error):
    season = make_season(programs=[{"Program": "A", "Typical Step 2 CK": error}])
    problem = only_problem(season)
    assert problem.column == "Typical Step 2 CK" and error in problem.problem


def test_empty_workbook():
    problem = only_problem(validation.validate({}))
    assert problem.sheet == "(workbook)" and "none of the input sheets" in problem.problem


def test_no_programs():
    problems = problems_of(make_season(programs=[]))
    assert ("Programs", None, "Program", "There are no programs to plan with") in problems


def test_sheet_without_table_is_read_and_named():
    tables = raw_tables(programs=[{"Program": "A"}])
    tables["Programs"].is_table = False
    problem = only_problem(validation.validate(tables))
    assert problem.sheet == "Programs" and "no Excel table" in problem.problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01-28", dt.date(2027, 1, 28)),
        ("2027/1/8", dt.date(2027, 1, 8)),
        ("1/28/2027", dt.date(2027, 1, 28)),
        ("28/1/2027", dt.date(2027, 1, 28)),
        ("Jan 28, 2027", dt.date(2027, 1, 28)),
        ("28 January 2027", dt.date(2027, 1, 28)),
        ("5/5/27", dt.date(2027, 5, 5)),
        (46415, dt.date(2027, 1, 28)),
        (dt.datetime(2027, 1, 28, 9, 30), dt.date(2027, 1, 28)),
    ],
)
def test_dates_in_common_formats(text, expected):
    assert cells.parse_date(text) == expected


def test_ambiguous_text_date_is_reported():
    season = make_season(programs=[{"Program": "A", "Second look from": "02/03/2027"}])
    problem = only_problem(season)
    assert problem.column == "Second look from"
    assert "could be 2 March or 3 February" in problem.problem
    assert pd.isna(season.programs.loc[3, "Second look from"])


def test_impossible_date_is_reported():
    problem = only_problem(make_season(programs=[{"Program": "A", "Interview date": "2027-02-30"}]))
    assert "not a real date" in problem.problem


def test_window_backwards_and_us_dates_backwards():
    season = make_season(
        profile={"In US from": dt.date(2027, 2, 10), "In US until": dt.date(2027, 1, 10)},
        programs=[{"Program": "A", "Second look from": dt.date(2027, 2, 20), "Second look until": dt.date(2027, 2, 1)}],
    )
    found = {p.problem for p in season.problems}
    assert "The second-look window ends before it starts" in found
    assert "In US until is before In US from" in found


def test_profile_values_are_typed():
    season = make_season(profile={"Support cities": "Houston, tx; Edison, NJ", "Preferred regions": "south; West",
                                  "Step 1": "passed", "Max second looks": "1"}, programs=[{"Program": "A"}])
    p = season.profile
    assert season.problems == []
    assert p.support_cities == (("Houston", "TX"), ("Edison", "NJ"))
    assert p.preferred_regions == ("South", "West")
    assert p.step1 == "Pass" and p.max_second_looks == 1 and p.step2ck == 245.0


def test_bad_list_items_are_reported():
    season = make_season(profile={"Preferred regions": "South; Mars", "Support cities": "Houston TX"})
    found = " ".join(p.problem for p in season.problems)
    assert "'Mars' is not one of the allowed values" in found
    assert "'Houston TX' is not written as City, ST" in found


def test_settings_defaults_overrides_and_unknown_names():
    season = make_season(settings={"Top rank limit": 4, "Nearby radius (miles)": "abc", "Hotel per nite": 90})
    assert season.settings.top_rank_limit == 4
    assert season.settings.nearby_radius_miles == DEFAULT_SETTINGS.nearby_radius_miles
    found = " ".join(p.problem for p in season.problems)
    assert "'abc' is text, not a number; the default is used" in found
    assert "not one xlresidency knows" in found


def test_ratings_for_unknown_programs_are_reported():
    season = make_season(programs=[{"Program": "A"}],
                         ratings=[{"Program": "A", "Area": "Visa support", "Rating": 4},
                                  {"Program": "Z", "Area": "Visa support", "Rating": 4}])
    problem = only_problem(season)
    assert problem.sheet == "Ratings" and problem.row == 4
    assert len(season.ratings) == 1


def test_commitment_end_before_start():
    season = make_season(commitments=[{"What": "Step 3", "Type": "Exam", "Start": dt.date(2027, 2, 3),
                                       "End": dt.date(2027, 2, 2), "Can move": "No"}],
                         programs=[{"Program": "A"}])
    assert only_problem(season).column == "End"
    assert season.commitments.empty


def test_every_problem_is_collected_in_one_pass():
    season = make_season(
        profile={"Step 2 CK": 999, "Visa needed": "Green card"},
        programs=[{"Program": "A", "State": "XX", "IMG share (%)": "lots"}, {"Program": "A"}],
    )
    assert len(season.problems) == 6  # the unreadable visa leaves none needed, so the blank Applicant kind is named


def test_settings_declaration_is_complete():
    labels = [row.label for row in setting_rows()]
    assert len(labels) == len(set(labels))
    for row in setting_rows():
        assert row.meaning.endswith(".") and row.kind
    for required in ("Attainable fit threshold", "Top rank limit", "Top rank stretch", "Long-shot IMG share (%)",
                     "Nearby radius (miles)", "Clustering window (days)", "Rank list deadline", "Hotel per night",
                     "Airfare base", "Airfare per mile", "International round trip", "Compare A", "Compare B"):
        assert required in labels


def test_an_older_workbook_without_the_new_columns_is_read_and_told_once_per_column():
    tables = raw_tables(programs=[{"Program": "A", "My rank": 1}])
    programs = tables["Programs"]
    new = [c.name for c in schema.PROGRAM_COLUMNS if c.new]
    keep = [i for i, h in enumerate(programs.headers) if h not in new]
    programs.headers = [programs.headers[i] for i in keep]
    programs.rows = [[row[i] for i in keep] for row in programs.rows]
    tables["Profile"].rows = [row for row in tables["Profile"].rows
                              if row[0] not in {c.name for c in schema.PROFILE_FIELDS if c.new}]
    season = validation.validate(tables)
    found = problems_of(season)
    assert sorted(p[2] for p in found if p[0] == "Programs") == sorted(new)
    assert all("new in this version" in p[3] for p in found)
    profile_fields = [p for p in found if p[0] == "Profile"]
    assert len(profile_fields) == sum(c.new for c in schema.PROFILE_FIELDS)
    assert season.programs["Status"].tolist() == [""] and season.profile.match_chance_wanted == 80


def test_a_blank_profile_reads_as_the_schema_declares() -> None:
    """The Profile's fields and what each reads as when blank are declared once, in the schema."""
    blank = records.new_profile()
    assert {c.attr for c in schema.PROFILE_FIELDS} == set(blank.__dataclass_fields__)
    assert (blank.visa_needed, blank.step3, blank.max_second_looks, blank.match_chance_wanted) == (
        "None", "Not taken", 2, 80)
    assert blank.support_cities == () and blank.step2ck is None and blank.full_name == ""
    assert records.new_profile(step2ck=240.0).step2ck == 240.0
    with pytest.raises(TypeError, match="no Profile field"):
        records.new_profile(shoe_size=42)
