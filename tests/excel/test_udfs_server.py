"""Cell functions through xlwings' own call path for custom functions (what Office.js and xlwings Lite send).

``XLWINGS_ON_SERVER`` must be set before ``xlresidency.udfs`` is imported, so the calls run in a fresh Python
process; the rest of the suite keeps the plain decorators.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from factories import BASE_PROFILE, BASE_PROGRAM
from server import CALL_EACH, run_on_server
from xlresidency.core import facts

ERROR = "#xlresidency: "

RUNNER = CALL_EACH + """
import json, sys
from xlwings import server
from xlresidency import udfs

out = {"meta": server.custom_functions_meta(udfs), "results": call_each(json.load(sys.stdin), udfs)}
print(json.dumps(out, default=str))
"""


def serial(day: dt.date) -> float:
    """An Excel serial date, as Office.js sends date cells."""
    return float((day - dt.date(1899, 12, 30)).days)


def table(records: list[dict[str, Any]]) -> list[list[Any]]:
    headers = list(records[0])
    cells = [[serial(v) if isinstance(v, dt.date) else v for v in (r.get(h) for h in headers)] for r in records]
    return [headers, *cells]


PROGRAMS = table(
    [
        {**BASE_PROGRAM, "Program": "Lakeshore IM", "My rank": 1},
        {**BASE_PROGRAM, "Program": "Harbor IM", "City": "Boston", "State": "MA", "My rank": 2, "Sponsors J-1": "No"},
        {**BASE_PROGRAM, "Program": "Desert IM", "City": "Phoenix", "State": "AZ", "My rank": 3},
    ]
)
PROFILE = [["Field", "Value"], *([k, v] for k, v in BASE_PROFILE.items())]
CANDIDATES = table(
    [
        {**BASE_PROGRAM, "Program": "Lakeshore IM", "Interview date": None, "Status": "Considering", "Signal": None},
        {**BASE_PROGRAM, "Program": "Harbor IM", "City": "Boston", "State": "MA", "Interview date": None,
         "Status": "Considering", "Signal": None, "Sponsors J-1": "No"},
        {**BASE_PROGRAM, "Program": "Desert IM", "City": "Phoenix", "State": "AZ", "Interview date": None,
         "Status": "Applied", "Signal": "Gold"},
    ]
)

CALLS: dict[str, tuple[str, list[Any]]] = {
    "fit_score": ("fit_score", [PROGRAMS, PROFILE]),
    "fit_score_null_settings": ("fit_score", [PROGRAMS, PROFILE, [[None]]]),
    "fit_breakdown": ("fit_breakdown", [PROGRAMS, PROFILE]),
    "second_look": ("second_look", [PROGRAMS, PROFILE]),
    "second_look_detail": ("second_look", [PROGRAMS, PROFILE, [[None]], [[None]], [[True]]]),
    "second_look_detail_third": ("second_look", [PROGRAMS, PROFILE, [[True]]]),
    "trip_cost": ("trip_cost", [PROGRAMS, PROFILE]),
    "visa_ok": ("visa_ok", [[["J-1"]], [["Yes"]], [["No"]]]),
    "visa_ok_column": ("visa_ok", [[["J-1"]], [["Yes"], ["No"], ["Unknown"]], [["No"]]]),
    "miles": ("miles", [[["Boston"]], [["MA"]], [["Chicago"]], [["IL"]]]),
    "miles_combined": ("miles", [[["Boston, MA"]], [[None]], [["Chicago, IL"]]]),
    "years_since_grad": ("years_since_grad", [[[2019]], [[serial(dt.date(2027, 1, 15))]]]),
    "eras_fee": ("eras_fee", [[[43], [7]]]),
    "policy_check": ("policy_check", [[["Thanks"]], [["I will rank you first."]]]),
    "policy_check_column": ("policy_check", [[["Thanks"], ["Hi"]], [["I will rank you first."], ["Thank you."]]]),
    "policy_check_whole": ("policy_check", [[["Subject: Thanks\n\nWhere do I stand on your list?"]]]),
    "policy_check_body": ("policy_check", [[["I enjoyed the visit and the residents " * 4]]]),
    "policy_check_whole_column": ("policy_check",
                                  [[["Thanks\n\nYou are my top choice."], ["Dear Pat,\n\nThank you."]]]),
    "email_draft": ("email_draft", [[["Inquiry"]], [["Harbor IM"]], PROGRAMS, PROFILE]),
    "interview_chance": ("interview_chance", [CANDIDATES, PROFILE]),
    "apply_advice": ("apply_advice", [CANDIDATES, PROFILE]),
    "apply_advice_detail": ("apply_advice", [CANDIDATES, PROFILE, [[True]]]),
    "match_chance": ("match_chance", [[[5]], [["Internal Medicine"]]]),
    "match_chance_column": ("match_chance", [[[0], [5], [10]]]),
    "bad_match_chance": ("match_chance", [[["many"]]]),
    # Bad arguments: a short text in the cell, never an exception.
    "bad_table": ("fit_score", [[["just text"]], PROFILE]),
    "headerless_table": ("fit_score", [PROGRAMS[1:], PROFILE]),
    "bad_visa": ("visa_ok", [[["F-1"]], [["Yes"]], [["No"]]]),
    "bad_city": ("miles", [[["Atlantis"]], [["MA"]], [["Chicago"]], [["IL"]]]),
    "bad_year": ("years_since_grad", [[["last year"]]]),
    "bad_fee": ("eras_fee", [[["many"]]]),
    "bad_kind": ("email_draft", [[["Letter"]], [["Harbor IM"]], PROGRAMS, PROFILE]),
    "error_value": ("visa_ok", [[["#N/A"]], [["Yes"]], [["No"]]]),
}


@pytest.fixture(scope="module")
def served() -> dict[str, Any]:
    out = run_on_server(RUNNER, list(CALLS.values()), PYTHONWARNINGS="error")
    return {"meta": out["meta"], **dict(zip(CALLS, out["results"], strict=True))}


def value(served: dict[str, Any], key: str) -> Any:
    result = served[key]
    assert "raised" not in result, result
    return result["value"]


def cells(served: dict[str, Any], key: str) -> list[Any]:
    """A one-column spill as a flat list."""
    grid = value(served, key)
    assert all(len(row) == 1 for row in grid), grid
    return [row[0] for row in grid]


def single(served: dict[str, Any], key: str) -> Any:
    grid = value(served, key)
    assert len(grid) == 1 and len(grid[0]) == 1, grid
    return grid[0][0]


def test_every_function_is_registered_with_its_help(served: dict[str, Any]) -> None:
    functions = {f["name"]: f for f in served["meta"]["functions"]}
    expected = {
        "FIT_SCORE",
        "FIT_BREAKDOWN",
        "SECOND_LOOK",
        "VISA_OK",
        "MILES",
        "YEARS_SINCE_GRAD",
        "TRIP_COST",
        "ERAS_FEE",
        "EMAIL_DRAFT",
        "POLICY_CHECK",
        "INTERVIEW_CHANCE",
        "APPLY_ADVICE",
        "MATCH_CHANCE",
    }
    assert expected <= set(functions)
    for name in expected:
        assert functions[name]["description"], name
        assert all(
            p["description"] and not p["description"].startswith("Positional argument")
            for p in functions[name]["parameters"]
        ), name
    params = {p["name"]: p for p in functions["FIT_SCORE"]["parameters"]}
    assert params["settings"].get("optional") is True and not params["programs"].get("optional")


def test_table_functions_spill_one_value_per_program(served: dict[str, Any]) -> None:
    fits = cells(served, "fit_score")
    assert len(fits) == 3 and all(isinstance(f, int | float) and 0 <= f <= 100 for f in fits)
    assert cells(served, "fit_score_null_settings") == fits
    assert fits[1] < fits[0]  # Harbor does not sponsor the J-1 the applicant needs
    assert set(cells(served, "second_look")) <= {"Visit", "Virtual", "Skip"}
    costs = cells(served, "trip_cost")
    assert all(isinstance(c, int | float) and c >= 0 for c in costs) and costs[0] < costs[2]


def test_breakdown_and_detail_come_with_a_header(served: dict[str, Any]) -> None:
    grid = value(served, "fit_breakdown")
    assert grid[0][:3] == ["Program", "Fit", "Tier"]
    assert [row[0] for row in grid[1:]] == ["Lakeshore IM", "Harbor IM", "Desert IM"]
    assert not any(isinstance(c, dict) for row in grid for c in row)  # no #NUM! for blanks
    detail = value(served, "second_look_detail")
    assert detail[0][:2] == ["Program", "Recommendation"] and len(detail) == 4
    assert value(served, "second_look_detail_third") == detail  # TRUE right after the tables


def test_scalar_functions(served: dict[str, Any]) -> None:
    assert single(served, "visa_ok") == "Sponsored"
    assert cells(served, "visa_ok_column") == ["Sponsored", "Not sponsored", "Unknown"]
    assert 840 < single(served, "miles") < 870
    assert single(served, "miles_combined") == single(served, "miles")
    assert single(served, "years_since_grad") == 8
    assert single(served, "eras_fee") == facts.number("eras.example_fee")
    assert single(served, "policy_check") != "OK"
    verdicts = cells(served, "policy_check_column")
    assert verdicts[0] == single(served, "policy_check") and verdicts[1] == "OK"
    assert single(served, "policy_check_whole").startswith("Asks how the program will rank you")
    assert single(served, "policy_check_body") == "OK"  # one long line alone is a body, not a long subject
    whole = cells(served, "policy_check_whole_column")
    assert whole[0].startswith("Promises a rank") and whole[1] == "OK"
    draft = single(served, "email_draft")
    assert draft.startswith("Subject: ") and "Harbor IM" in draft and "December 10, 2026" in draft


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("bad_table", "Programs"),
        ("headerless_table", "no column"),
        ("bad_visa", "Visa needed"),
        ("bad_city", "Atlantis, MA"),
        ("bad_year", "Graduation year"),
        ("bad_fee", "whole number"),
        ("bad_kind", "kind must be one of"),
        ("bad_match_chance", "interviews"),
        ("error_value", "#N/A"),
    ],
)
def test_bad_arguments_give_a_short_text_in_the_cell(served: dict[str, Any], key: str, words: str) -> None:
    text = single(served, key)
    assert isinstance(text, str) and text.startswith(ERROR) and words in text, text
    assert "Traceback" not in text and len(text) < 200


def test_application_functions_spill_per_program(served: dict[str, Any]) -> None:
    chances = cells(served, "interview_chance")
    assert len(chances) == 3 and chances[1] in ("", None) and 0 < chances[0] < 100 and 0 < chances[2] < 100
    advice = cells(served, "apply_advice")
    assert advice[1] == "Skip" and advice[2] == "Already applied" and advice[0].startswith("Apply")
    detail = value(served, "apply_advice_detail")
    assert detail[0][:2] == ["Program", "Status"] and len(detail) == 4
    assert 0 < single(served, "match_chance") < 100
    column = cells(served, "match_chance_column")
    assert column[0] == 0 and column[0] < column[1] < column[2] < 100


CONVERTERS = """
import json
from xlresidency.excel import udfs
table_names = set(udfs.TABLE_DOCS)
found = {}
for name in udfs.__all__:
    for argument in getattr(udfs, name).__xlfunc__["args"]:
        if argument["name"] in table_names:
            found[f"{name}.{argument['name']}"] = getattr(argument["options"].get("convert"), "__name__", None)
print(json.dumps(found))
"""


def test_every_table_argument_is_read_by_the_one_table_converter() -> None:
    found = run_on_server(CONVERTERS, [])
    assert len(found) >= 30 and "fit_score.programs" in found and "email_draft.templates" in found
    assert set(found.values()) == {"Table"}, found
