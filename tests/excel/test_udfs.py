"""Cell functions called directly (on Linux the xlwings decorators leave them plain functions)."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from factories import BASE_PROFILE, BASE_PROGRAM, make_season, raw_table
from xlresidency import regenerate
from xlresidency.core import facts
from xlresidency.core.settings import setting_rows
from xlresidency.excel import udfs
from xlresidency.ground import costs
from xlresidency.plan import plan_season
from xlresidency.rules import applications, emails, scoring
from xlresidency.rules.validation import validate
from xlresidency.workbook import demo

ERROR = udfs.ERROR


def programs_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A Programs table as xlwings hands it over: headers as typed in the workbook, any case and spacing."""
    frame = pd.DataFrame([{**BASE_PROGRAM, **r} for r in rows])
    return frame.rename(columns={"Program": "program", "Sponsors J-1": " SPONSORS  J-1 ", "My rank": "my rank"})


def profile_table(**fields: Any) -> pd.DataFrame:
    values = {**BASE_PROFILE, **fields}
    return pd.DataFrame({"Field": list(values), "Value": list(values.values())})


ROWS = [
    {"Program": "Lakeshore IM", "My rank": 1},
    {"Program": "Harbor IM", "City": "Boston", "State": "MA", "My rank": 2, "Sponsors J-1": "No"},
    {"Program": "Desert IM", "City": "Phoenix", "State": "AZ", "My rank": 3, "IMG share (%)": 2},
]


def season_for(rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    return make_season(programs=rows)


def column_values(result: pd.DataFrame) -> list[Any]:
    assert isinstance(result, pd.DataFrame) and result.shape[1] == 1
    return result.iloc[:, 0].tolist()


# --------------------------------------------------------------------------------------------------
# Table functions: one value per table row, in the table's order, the same numbers the sheets show.


def test_fit_score_matches_the_fit_sheet_numbers() -> None:
    expected = scoring.fit_table(season_for(ROWS))["Fit"].round(0).tolist()
    assert column_values(udfs.fit_score(programs_table(ROWS), profile_table())) == expected
    assert all(0 <= v <= 100 for v in expected)


def test_fit_breakdown_has_a_header_and_one_row_per_program() -> None:
    result = udfs.fit_breakdown(programs_table(ROWS), profile_table())
    assert list(result.columns) == list(scoring.FIT_COLUMNS)
    assert result["Program"].tolist() == ["Lakeshore IM", "Harbor IM", "Desert IM"]
    assert result.loc[1, "Visa"] == "Not sponsored"
    assert not result.isna().any().any()  # blanks are "" (NaN would show as #NUM! in Excel)


def test_settings_table_changes_the_weights() -> None:
    settings = pd.DataFrame({"Setting": ["Weight: Visa"], "Value": [0]})
    plain = column_values(udfs.fit_score(programs_table(ROWS), profile_table()))
    weighted = column_values(udfs.fit_score(programs_table(ROWS), profile_table(), settings))
    assert weighted[1] > plain[1]  # Harbor does not sponsor the J-1: with the visa weight at 0 it scores higher


def test_second_look_verdicts_match_the_decision() -> None:
    expected = plan_season(season_for(ROWS)).decision["Recommendation"].tolist()
    assert column_values(udfs.second_look(programs_table(ROWS), profile_table())) == expected
    assert set(expected) <= {"Visit", "Virtual", "Skip"}


def test_second_look_detail_spills_the_reasons_under_a_header() -> None:
    result = udfs.second_look(programs_table(ROWS), profile_table(), None, None, True)
    assert result.iloc[0].tolist()[:5] == ["Program", "Recommendation", "Reason", "Priority", "Criteria met"]
    assert result.iloc[1:, 0].tolist() == ["Lakeshore IM", "Harbor IM", "Desert IM"]
    assert all(why for why in result.iloc[1:]["Why not"].tolist()[1:])  # Harbor and Desert are ruled out, with reasons


def test_rows_that_cannot_be_used_say_why_and_blank_rows_stay_blank() -> None:
    table = programs_table([*ROWS[:1], {"Program": "", "City": "", "State": ""}, {"Program": "Lakeshore IM"}])
    table.loc[1] = None
    values = column_values(udfs.fit_score(table, profile_table()))
    assert isinstance(values[0], float)
    assert values[1] == ""
    assert values[2].startswith(ERROR) and "listed twice" in values[2]


def test_trip_cost_is_the_trip_models_visit_cost() -> None:
    found = season_for(ROWS)
    expected = costs.visit_cost(found, costs.home_base(found), found.programs).round(0).tolist()
    assert column_values(udfs.trip_cost(programs_table(ROWS), profile_table())) == expected
    assert expected[0] < expected[2]  # Chicago from Chicago costs less than flying to Phoenix


def test_text_dates_and_serial_dates_in_tables_are_read() -> None:
    # Office.js hands dates over as serial numbers; typed text dates are read as the Programs sheet reads them.
    for date in ("2026-12-10", 46366.0, dt.datetime(2026, 12, 10)):
        rows = [{**ROWS[0], "Interview date": date}]
        draft = udfs.email_draft("Inquiry", "Lakeshore IM", programs_table(rows), profile_table())
        assert "December 10, 2026" in draft, date


@pytest.mark.parametrize(
    ("programs", "message"),
    [
        ("Programs", "select the whole Programs table"),
        (None, "select the whole Programs table"),
        (pd.DataFrame({"Program": ["A"], "State": ["IL"]}), "no column City"),
    ],
)
def test_bad_table_arguments_give_a_short_text(programs: Any, message: str) -> None:
    result = udfs.fit_score(programs, profile_table())
    assert isinstance(result, str) and result.startswith(ERROR) and message in result
    assert "Traceback" not in result and "\n" not in result


def test_profile_without_header_row_is_refused() -> None:
    headerless = pd.DataFrame([["Full name", "Amina"]], columns=["Full name", "Amina"])
    result = udfs.second_look(programs_table(ROWS), headerless)
    assert result.startswith(ERROR) and "no column Field" in result


def test_formula_text_stays_text() -> None:
    rows = [{**ROWS[0], "Program": '=HYPERLINK("http://x","y")'}]
    assert udfs.fit_breakdown(programs_table(rows), profile_table())["Program"].tolist() == [rows[0]["Program"]]


# --------------------------------------------------------------------------------------------------
# Scalar functions: a cell in, a value out; a column in, one value per row.


def test_visa_ok_scalar_and_column() -> None:
    assert udfs.visa_ok("J-1", "Yes", "No") == "Sponsored"
    assert udfs.visa_ok("h-1b", "yes", "NO") == "Not sponsored"
    assert udfs.visa_ok("J-1 or H-1B", "", "Yes") == "Sponsored"
    assert udfs.visa_ok(None, "No", "No") == "Not needed"
    assert udfs.visa_ok("J-1", None, "No") == "Unknown"
    result = udfs.visa_ok("J-1", [["Yes"], ["No"], ["perhaps"]], "No")
    values = column_values(result)
    assert values[:2] == ["Sponsored", "Not sponsored"]
    assert values[2].startswith(ERROR) and "perhaps" in values[2]


def test_visa_ok_bad_visa() -> None:
    result = udfs.visa_ok("F-1", "Yes", "Yes")
    assert result.startswith(ERROR) and "Visa needed" in result


def test_miles_between_cities() -> None:
    boston_chicago = udfs.miles("Boston", "MA", "Chicago", "IL")
    assert 840 < boston_chicago < 870  # about 850 miles as the crow flies
    assert udfs.miles("Boston, MA", None, "Chicago, IL") == boston_chicago
    assert udfs.miles("Chicago", "IL", "Chicago", "IL") == 0
    values = column_values(udfs.miles(["Boston", "Atlantis"], ["MA", "MA"], "Chicago", "IL"))
    assert values[0] == boston_chicago
    assert values[1].startswith(ERROR) and "Atlantis, MA" in values[1]


def test_miles_measures_between_city_centres() -> None:
    """MILES reads the shipped index: cities at their centres, not at an average of their ZIP codes."""
    assert 95 < udfs.miles("Indianapolis", "IN", "Cincinnati", "OH") < 103  # about 99; it was about 18
    assert 107 < udfs.miles("Los Angeles", "CA", "San Diego", "CA") < 115  # about 111; it was about 65


def test_miles_bad_arguments() -> None:
    assert udfs.miles("", "MA", "Chicago", "IL") == ERROR + "a city is blank"
    mismatch = udfs.miles(["Boston", "Worcester"], ["MA", "MA", "MA"], "Chicago", "IL")
    assert mismatch.startswith(ERROR) and "equal ranges" in mismatch


def test_miles_is_vectorised_over_a_column() -> None:
    cities = ["Boston", "Chicago", "Phoenix", "Seattle"] * 500
    states = ["MA", "IL", "AZ", "WA"] * 500
    values = column_values(udfs.miles(cities, states, "Denver", "CO"))
    assert len(values) == 2000 and all(isinstance(v, float) for v in values)


def test_years_since_grad() -> None:
    assert udfs.years_since_grad(2019, "2027-01-15") == 8
    assert udfs.years_since_grad(2019.0, dt.datetime(2026, 12, 1)) == 7
    assert udfs.years_since_grad(dt.date.today().year) == 0
    values = column_values(udfs.years_since_grad([[2019], ["abc"], [None]], "2027-01-15"))
    assert values[0] == 8 and values[1].startswith(ERROR) and values[2] == ""
    assert udfs.years_since_grad(1800).startswith(ERROR)
    assert "as_of" in udfs.years_since_grad(2019, "not a date")


def test_eras_fee_follows_the_season_schedule() -> None:
    example = [[n] for n in facts.fact("eras.example_programs").numbers]
    assert udfs.eras_fee(example) == facts.number("eras.example_fee")  # AAMC's own example
    first = int(facts.number("eras.fee_first_programs"))
    low, high = facts.number("eras.fee_first_30"), facts.number("eras.fee_from_31")
    assert udfs.eras_fee(first) == first * low
    assert udfs.eras_fee(first + 1) == first * low + high
    assert udfs.eras_fee(0) == 0
    assert udfs.eras_fee(np.array([[10, 10]])) == 20 * low  # per specialty, not summed first


def test_eras_fee_help_quotes_the_facts() -> None:
    help_text = " ".join((udfs.eras_fee.__doc__ or "").split())
    assert facts.money(facts.number("eras.fee_first_30")) in help_text
    assert facts.money(facts.number("eras.fee_from_31")) in help_text
    assert "{" not in help_text


@pytest.mark.parametrize("bad", ["many", -1, 7.5, None])
def test_eras_fee_bad_counts(bad: Any) -> None:
    result = udfs.eras_fee(bad)
    assert isinstance(result, str) and result.startswith(ERROR)


def test_eras_fee_reads_the_settings_table() -> None:
    label = next(row.label for row in setting_rows() if row.name == "eras_fee_first_30")
    settings = pd.DataFrame({"Setting": [label], "Value": [12]})
    first = int(facts.number("eras.fee_first_programs"))
    assert udfs.eras_fee(first + 1, settings) == first * 12 + facts.number("eras.fee_from_31")


def test_policy_check() -> None:
    assert udfs.policy_check("Thank you", "Thank you for the interview on December 10.") == "OK"
    verdict = udfs.policy_check("Thanks", "I will rank you first.")
    assert verdict != "OK" and "rank" in verdict.lower()
    for subject, body in [("Thanks", "Where will you rank me?"), ("Visit", "{{ visit_dates }}"), ("Hi", "")]:
        assert udfs.policy_check(subject, body or None) == emails.policy_check(subject, body)


def test_policy_check_with_one_argument_reads_the_whole_email() -> None:
    draft = udfs.email_draft("inquiry", "harbor im", programs_table(ROWS), profile_table())
    subject, _, body = draft.partition("\n\n")
    assert udfs.policy_check(draft) == emails.policy_check(subject.removeprefix("Subject: "), body)
    assert udfs.policy_check("Thanks\n\nWhere do I stand on your list?").startswith("Asks")
    assert udfs.policy_check("Dear Pat,\n\nYou are my first choice.").startswith("Promises")  # a greeting, no subject
    assert udfs.policy_check("I would be thrilled to train with you. " * 3) == "OK"
    long_line = "I enjoyed the visit and the residents " * 4
    assert udfs.policy_check(long_line) == "OK"  # a body alone: the subject's length advice does not apply
    assert "Long subject" in udfs.policy_check(f"{long_line}\n\nThank you.")
    assert "Long subject" in udfs.policy_check(long_line, "Thank you.")
    verdicts = column_values(udfs.policy_check([["Thanks\n\nI will rank you first."], ["Hello\n\nThank you."]]))
    assert verdicts[0].startswith("Promises a rank") and verdicts[1] == "OK"


def test_email_draft_renders_the_packaged_inquiry() -> None:
    draft = udfs.email_draft("inquiry", "harbor im", programs_table(ROWS), profile_table())
    subject, _, body = draft.partition("\n\n")
    assert subject.startswith("Subject: ")
    assert "Harbor IM" in body and "Amina Test" in body
    assert emails.policy_findings(subject, body) == [] or "{{" in body  # only unfilled visit dates may remain


def test_email_draft_uses_the_templates_table() -> None:
    templates = pd.DataFrame(
        {"Name": ["Inquiry"], "Subject": ["Visit {{ program }}"], "Body": ["Hi {{ coordinator }}"]}
    )
    draft = udfs.email_draft("Inquiry", "Lakeshore IM", programs_table(ROWS), profile_table(), templates)
    assert draft == "Subject: Visit Lakeshore IM\n\nHi Pat Lee"


@pytest.mark.parametrize(
    ("kind", "program", "message"),
    [("Letter", "Lakeshore IM", "kind must be one of"), ("Inquiry", "Nowhere IM", "not a program")],
)
def test_email_draft_bad_arguments(kind: str, program: str, message: str) -> None:
    result = udfs.email_draft(kind, program, programs_table(ROWS), profile_table())
    assert result.startswith(ERROR) and message in result


def test_policy_check_on_a_column_gives_one_verdict_per_row() -> None:
    subjects = pd.DataFrame({"Subject": ["Thanks", "Thank you", "Visit"]})
    bodies = [["I will rank you first."], ["Thank you for the interview."], ["{{ visit_dates }}"]]
    result = column_values(udfs.policy_check(subjects, bodies))
    assert result == [emails.policy_check(s, b[0]) for s, b in zip(subjects["Subject"], bodies, strict=True)]
    assert result[1] == "OK" and result[0] != "OK"
    assert column_values(udfs.policy_check([["Thanks"], ["You are #1 on my rank list."]]))[1] != "OK"
    assert column_values(udfs.policy_check([["Thanks"], ["Hi"]], [["You are #1 on my rank list."], [None]])) == [
        emails.policy_check("Thanks", "You are #1 on my rank list."), "OK"]
    assert udfs.policy_check(["a", "b"], ["c", "d", "e"]).startswith(ERROR)


@pytest.mark.parametrize("position", [2, 3, 4])
def test_second_look_detail_is_true_right_after_the_tables(position: int) -> None:
    arguments: list[Any] = [programs_table(ROWS), profile_table(), None, None, None][:position]
    detailed = udfs.second_look(*arguments, True)
    assert isinstance(detailed, pd.DataFrame), detailed
    assert detailed.iloc[0, :2].tolist() == ["Program", "Recommendation"] and len(detailed) == len(ROWS) + 1
    verdicts = udfs.second_look(*arguments, False)
    assert column_values(verdicts) == detailed.iloc[1:, 1].tolist()
    assert "TRUE" in udfs.second_look.__doc__ and "after the tables" in udfs.second_look.__doc__


@pytest.mark.parametrize("function", [udfs.fit_score, udfs.fit_breakdown, udfs.second_look, udfs.trip_cost])
def test_a_programs_table_without_rows_is_a_message_not_an_empty_spill(function: Any) -> None:
    headers_only = programs_table(ROWS).iloc[:0]
    assert function(headers_only, profile_table()) == ERROR + "the Programs table has no rows"


def test_rows_are_named_by_their_place_in_the_table() -> None:
    twice = udfs.fit_score(programs_table([{"Program": "Lakeshore IM"}, {"Program": "lakeshore im"}]),
                           profile_table())
    why = "'lakeshore im' is listed twice (first on table row 1); this row is not used"
    assert column_values(twice)[1] == ERROR + why
    templates = pd.DataFrame({"Name": ["Inquiry"], "Subject": ["Visit"], "Body": ["{% if %}"]})
    broken = udfs.email_draft("Inquiry", "Lakeshore IM", programs_table(ROWS), profile_table(), templates)
    assert broken.startswith(ERROR) and "(Templates table row 1)" in broken


@pytest.mark.parametrize("body", ["{{ ''.__class__.__mro__ }}", "{% for x in range(10**9) %}{{ x }}{% endfor %}"])
def test_email_draft_with_a_template_that_fails_while_filling_in(body: str) -> None:
    templates = pd.DataFrame({"Name": ["Inquiry"], "Subject": ["Visit"], "Body": [body]})
    result = udfs.email_draft("Inquiry", "Lakeshore IM", programs_table(ROWS), profile_table(), templates)
    assert result.startswith(ERROR + "Template 'Inquiry' cannot be filled in"), result


def test_email_draft_plans_the_visit_like_the_trips_sheet() -> None:
    templates = pd.DataFrame({"Name": ["Inquiry"], "Subject": ["Visit"],
                              "Body": ["{{ visit_dates }} / {{ highlight }}"]})
    ratings = pd.DataFrame({"Program": ["Lakeshore IM"], "Area": ["Resident culture"], "Rating": [5],
                            "Notes": ["Morning report was lively."]})
    table = programs_table(ROWS)
    season = season_for(ROWS)
    plan = plan_season(season)
    decision = plan.decision
    expected = emails.program_values(plan)["visit_dates"].iloc[0]
    assert decision["Recommendation"].iloc[0] == "Visit" and expected
    draft = udfs.email_draft("Inquiry", "Lakeshore IM", table, profile_table(), templates)
    assert draft == f"Subject: Visit\n\n{expected} / {{{{ highlight }}}}"
    noted = udfs.email_draft("Inquiry", "Lakeshore IM", table, profile_table(), templates, None, None, ratings)
    assert noted == draft  # private rating notes never fill the highlight
    highlighted = programs_table([{**ROWS[0], "Highlight": "morning report was lively"}, *ROWS[1:]])
    shown = udfs.email_draft("Inquiry", "Lakeshore IM", highlighted, profile_table(), templates)
    assert shown == f"Subject: Visit\n\n{expected} / morning report was lively"


def test_an_unexpected_failure_is_named_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(udfs.scoring, "fit_table", broken)
    result = udfs.fit_score(programs_table(ROWS), profile_table())
    assert result == ERROR + "could not compute this (ZeroDivisionError); please report it"


def test_every_cell_function_has_wizard_help() -> None:
    names = [
        "fit_score",
        "fit_breakdown",
        "second_look",
        "visa_ok",
        "miles",
        "years_since_grad",
        "trip_cost",
        "eras_fee",
        "email_draft",
        "policy_check",
    ]
    for name in names:
        doc = getattr(udfs, name).__doc__
        assert doc and len(doc.splitlines()[0]) <= 255, name


def test_help_texts_read_the_same_under_every_python() -> None:
    """Python 3.13+ strips a docstring's indentation when compiling, 3.11 keeps it: the help Excel shows is the
    source's docstring cleaned the same way under both (Lite runs Python 3.14, the add-in often 3.11 or 3.12)."""
    tree = ast.parse(Path(udfs.__file__).read_text(encoding="utf-8"))
    raw = {node.name: ast.get_docstring(node, clean=False) for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert any("\n    " in (raw[name] or "") for name in udfs.__all__)  # indented help: the case that differs
    for name in udfs.__all__:
        assert getattr(udfs, name).__doc__ == inspect.cleandoc(facts.fill(raw[name] or "")), name


def test_second_look_agrees_with_the_sheet_on_the_demo_season(demo_rows, demo_season) -> None:
    rows = demo_rows
    tables = {name: pd.DataFrame(rows[name]) for name in ("Programs", "Profile", "Commitments")}
    verdicts = column_values(udfs.second_look(tables["Programs"], tables["Profile"], tables["Commitments"]))
    sheet = next(s.frame for s in regenerate.regenerate(demo_season).sheets if s.name == "Second Look")
    by_program = dict(zip(sheet["Program"], sheet["Recommendation"], strict=True))
    assert verdicts == [by_program[r["Program"]] for r in rows["Programs"]]
    assert "Visit" in verdicts


# --------------------------------------------------------------------------------------------------
# Per-row forms: one value for one row of the table, for a column inside it.


@pytest.mark.parametrize(
    ("per_row", "spilled"),
    [(udfs.fit_row, udfs.fit_score), (udfs.interview_chance_row, udfs.interview_chance),
     (udfs.trip_cost_row, udfs.trip_cost)],
)
def test_a_row_gives_what_the_spill_gives_for_that_row(per_row: Any, spilled: Any) -> None:
    table = programs_table([{**r, "Status": "Considering", "Interview date": None} for r in ROWS])
    headers = list(table.columns)
    expected = column_values(spilled(table, profile_table()))
    for i, row in enumerate(table.itertuples(index=False)):
        assert per_row(list(row), headers, profile_table()) == expected[i]


def test_a_row_that_cannot_be_used_says_why() -> None:
    table = programs_table(ROWS)
    headers = list(table.columns)
    row = table.iloc[0].tolist()
    assert udfs.fit_row(row[:3], headers, profile_table()).startswith(ERROR + "the row has 3 cells")
    assert udfs.fit_row([None] * len(headers), headers, profile_table()) == ""  # a blank row stays blank
    row[headers.index("program")] = None
    assert udfs.fit_row(row, headers, profile_table()) == ERROR + "Program is blank"


def test_all_lists_every_cell_function() -> None:
    functions = {name for name, f in vars(udfs).items()
                 if callable(f) and getattr(f, "__module__", "") == udfs.__name__ and hasattr(f, "__wrapped__")}
    assert functions == set(udfs.__all__)


def test_the_application_functions_agree_with_the_applications_sheet() -> None:
    """INTERVIEW_CHANCE, APPLY_ADVICE and MATCH_CHANCE (given the tables) give what the sheet shows for the early
    demo season: the chances, the advice, and the central match chance with its range and the chance of no
    interview."""
    rows = demo.demo_rows(early=True)
    programs, profile = pd.DataFrame(rows["Programs"]), pd.DataFrame(rows["Profile"])
    season = validate({name: raw_table(name, table) for name, table in rows.items()})
    advice = applications.advise(season, scoring.fit_table(season))
    expected = advice.table.reindex(season.programs.index)
    chances = column_values(udfs.interview_chance(programs, profile))
    assert chances == ["" if pd.isna(v) else v for v in expected["Interview chance"]]  # not eligible: blank
    assert column_values(udfs.apply_advice(programs, profile)) == expected["Advice"].tolist()
    outlook = dict(udfs.match_chance(programs, profile))
    assert outlook["Estimated match chance (%)"] == round(advice.match_chance * 100, 1)
    assert outlook["Range low, 10th percentile (%)"] < outlook["Estimated match chance (%)"] \
        < outlook["Range high, 90th percentile (%)"]
    assert outlook["Chance of no interview (%)"] == round(advice.no_interview * 100, 2) > 0
    assert outlook["Programs in the list"] == advice.sent + advice.recommended
    assert outlook["IMG fees through ECFMG (USD)"] == 245
    assert udfs.match_chance(programs).startswith(ERROR)  # the outlook needs the Profile table too
