"""The xlwings adapter against xlwings' remote engine (``xw.Book(json=...)``): reads from the payload, writes
become actions (``book.json()["actions"]``), which the tests replay into cells."""

from __future__ import annotations

import collections
import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw
from openpyxl.utils import get_column_letter, range_boundaries

from conftest import small_season_rows
from factories import BASE_PROFILE, BASE_PROGRAM
from server import run_on_server
from xlresidency.core import errors
from xlresidency.core.schema import OUTPUT_SHEETS, PROFILE_FIELDS, PROGRAM_COLUMNS
from xlresidency.excel import book as excel
from xlresidency.rules import validation
from xlresidency.sheets import sizing
from xlresidency.sheets.sizing import column_points
from xlresidency.workbook import demo, newbook, xlsx

DEMO = Path(__file__).resolve().parents[2] / "workbook" / "demo.xlsx"


pytestmark = pytest.mark.usefixtures("remote_engine")


# --------------------------------------------------------------------------------------------------
# Payloads: what an Office.js client sends for a workbook.


def serial(value: Any) -> Any:
    """Dates as Office.js sends them: Excel serial numbers."""
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(value, dt.date):
        return float((value - dt.date(1899, 12, 30)).days)
    return value


def table_json(name: str, ref: str) -> dict[str, Any]:
    c1, r1, c2, r2 = (int(v or 1) for v in range_boundaries(ref))
    col1, col2 = get_column_letter(c1), get_column_letter(c2)
    return {
        "name": name,
        "range_address": ref,
        "header_row_range_address": f"{col1}{r1}:{col2}{r1}",
        "data_body_range_address": f"{col1}{r1 + 1}:{col2}{r2}",
        "total_row_range_address": None,
        "show_headers": True,
        "show_totals": False,
        "table_style": "TableStyleMedium2",
        "show_autofilter": True,
    }


def sheet_json(name: str, values: list[list[Any]], tables: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    width = max((len(r) for r in values), default=1) or 1
    rows = [[serial(v) for v in r] + [None] * (width - len(r)) for r in values] or [[None]]
    return {"name": name, "values": rows, "pictures": [], "charts": [], "tables": tables or []}


def payload_from_file(path: Path) -> dict[str, Any]:
    """A JSON book holding a workbook's cell values and tables."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheets = [
        sheet_json(
            ws.title,
            [list(r) for r in ws.iter_rows(values_only=True)],
            [table_json(name, str(ref)) for name, ref in ws.tables.items()],
        )
        for ws in book.worksheets
    ]
    return book_json(sheets)


def book_json(sheets: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "book": {"name": "season.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def small_payload(programs: list[dict[str, Any]] | None = None, extra: list[dict[str, Any]] | None = None) -> dict:
    """Profile and Programs tables (header on row 1), with odd header spelling and table-name case."""
    fields = {**{c.name: None for c in PROFILE_FIELDS}, **BASE_PROFILE}
    profile = [["field", "VALUE"], *([k, v] for k, v in fields.items())]
    records = programs or [{**BASE_PROGRAM, "Program": "Lakeshore IM", "My rank": 1}]
    headers = [*records[0], *(c.name for c in PROGRAM_COLUMNS if c.name not in records[0])]
    grid = [[h.upper() if h == "City" else h for h in headers], *([r.get(h) for h in headers] for r in records)]
    return book_json(
        [
            sheet_json("Profile", profile, [table_json("PROFILE", f"A1:B{len(profile)}")]),
            sheet_json("Programs", grid, [table_json("programs", f"A1:{get_column_letter(len(headers))}{len(grid)}")]),
            *(extra or []),
        ]
    )


def open_book(payload: dict[str, Any]) -> xw.Book:
    return xw.Book(json=copy.deepcopy(payload))


# --------------------------------------------------------------------------------------------------
# Replaying the actions into cells.


def shown(value: Any) -> Any:
    """A cell as the applicant sees it: blanks alike, Excel's text mark dropped, dates as ISO days."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.startswith(excel.TEXT_MARK):
        return value[1:]
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    return value


LINK_FORMULA = re.compile(r'=HYPERLINK\("(mailto:[^"]{1,255})","(Open)"\)')


def replay(payload: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, dict[tuple[int, int], Any]]:
    """Per sheet name, the non-blank cells (1-based row, column) after the actions ran."""
    names = [s["name"] for s in payload["sheets"]]
    cells: dict[str, dict[tuple[int, int], Any]] = {
        s["name"]: {
            (r + 1, c + 1): shown(v) for r, row in enumerate(s["values"]) for c, v in enumerate(row) if shown(v)
        }
        for s in payload["sheets"]
    }
    for action in actions:
        func, pos = action["func"], action["sheet_position"]
        if func == "addSheet":
            index, name = action["args"]
            names.insert(index, name)
            cells[name] = {}
        elif func == "setSheetName":
            old = names[pos]
            names[pos] = action["args"][0]
            cells[names[pos]] = cells.pop(old)
        elif func == "sheetClear":
            cells[names[pos]] = {}
        elif func == "sheetDelete":
            cells.pop(names.pop(pos))
        elif func == "setValues":
            target = cells[names[pos]]
            for r, row in enumerate(action["values"]):
                for c, v in enumerate(row):
                    key = (action["start_row"] + r + 1, action["start_column"] + c + 1)
                    target.pop(key, None)
                    if shown(v) is not None:
                        target[key] = shown(v)
        elif func == "addHyperlink":
            cells[names[pos]][(action["start_row"] + 1, action["start_column"] + 1)] = action["args"][1]
        elif func == "setFormula":  # only the link column's HYPERLINK formulas: shown as their friendly name
            target = cells[names[pos]]
            for r, row in enumerate(action["values"]):
                for c, formula in enumerate(row):
                    key = (action["start_row"] + r + 1, action["start_column"] + c + 1)
                    if formula is None:
                        continue
                    link = LINK_FORMULA.fullmatch(formula)
                    if link is None:
                        raise AssertionError(f"a formula other than a mail link was written: {formula!r}")
                    target[key] = link[2]
    return {name: cells[name] for name in names}


def file_cells(path: Path, sheet: str) -> dict[tuple[int, int], Any]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {(c.row, c.column): shown(c.value) for row in ws.iter_rows() for c in row if shown(c.value) is not None}


def actions_on(actions: list[dict[str, Any]], func: str, position: int | None = None) -> list[dict[str, Any]]:
    return [a for a in actions if a["func"] == func and (position is None or a["sheet_position"] == position)]


# --------------------------------------------------------------------------------------------------
# Reading.


def test_reads_tables_case_insensitively_with_their_rows() -> None:
    tables = excel.read_tables(open_book(small_payload()))
    assert set(tables) == {"Profile", "Programs"}
    programs = tables["Programs"]
    assert programs.first_row == 2 and programs.is_table
    assert programs.rows[0][programs.headers.index("Program")] == "Lakeshore IM"
    season = validation.validate(tables)
    assert season.programs["City"].tolist() == ["Chicago"]  # header "CITY" matched
    assert season.programs["Interview date"].tolist() == [dt.datetime(2026, 12, 10)]  # serial date read as a date
    assert season.profile.full_name == "Amina Test"


def test_a_sheet_without_a_table_is_read_from_its_cells() -> None:
    settings = sheet_json("settings", [["Your settings"], ["Setting", "Value"], ["Max years since graduation", 3]])
    tables = excel.read_tables(open_book(small_payload(extra=[settings])))
    raw = tables["Settings"]
    assert not raw.is_table and raw.first_row == 3 and raw.headers[:2] == ["Setting", "Value"]
    problems = validation.validate(tables).problems
    assert any(p.sheet == "Settings" and "no Excel table" in p.problem for p in problems)


def test_a_one_row_table_is_still_rows() -> None:
    tables = excel.read_tables(open_book(small_payload()))
    assert isinstance(tables["Programs"].rows[0], list) and len(tables["Programs"].rows) == 1


# --------------------------------------------------------------------------------------------------
# Writing.


def test_only_output_sheets_are_written() -> None:
    payload = small_payload(extra=[sheet_json("My notes", [["keep me"]])])
    book = open_book(payload)
    excel.regenerate_book(book)
    actions = book.json()["actions"]
    cells = replay(payload, actions)
    assert list(cells)[:3] == ["Profile", "Programs", "My notes"]
    assert list(cells)[3:] == list(OUTPUT_SHEETS)
    for position in range(3):  # no action of any kind on an input or user sheet
        assert not [a for a in actions if a["sheet_position"] == position]
    assert cells["My notes"] == {(1, 1): "keep me"}


def test_an_existing_output_sheet_is_cleared_and_refilled_where_it_stands() -> None:
    old = sheet_json("fit", [["stale"], ["old", "values", "here"]])
    payload = small_payload(extra=[old])
    book = open_book(payload)
    excel.regenerate_book(book)
    actions = book.json()["actions"]
    assert actions_on(actions, "sheetClear") == actions_on(actions, "sheetClear", 2)
    assert [a["args"] for a in actions_on(actions, "setSheetName", 2)] == [["Fit"]]
    assert "Fit" not in [a["args"][1] for a in actions_on(actions, "addSheet")]
    cells = replay(payload, actions)
    assert list(cells)[2] == "Fit" and "stale" not in cells["Fit"].values()
    assert cells["Fit"][(3, 1)] == "Lakeshore IM"


def test_text_that_looks_like_a_formula_lands_as_text() -> None:
    evil = '=HYPERLINK("http://example.org","click")'
    payload = small_payload([{**BASE_PROGRAM, "Program": evil, "My rank": 1, "Notes": "+1 555"}])
    book = open_book(payload)
    excel.regenerate_book(book)
    actions = book.json()["actions"]
    formulas = [f for a in actions_on(actions, "setFormula") for row in a["values"] for f in row if f is not None]
    assert all(LINK_FORMULA.fullmatch(f) for f in formulas)  # only the mail links the Emails sheet writes
    written = [v for a in actions_on(actions, "setValues") for row in a["values"] for v in row]
    assert excel.TEXT_MARK + evil in written
    assert not [v for v in written if isinstance(v, str) and v.startswith("=")]
    assert replay(payload, actions)["Fit"][(3, 1)] == evil


def test_formatting_hints_become_formatting_actions() -> None:
    payload = small_payload()
    book = open_book(payload)
    sheets = excel.regenerate_book(book).sheets
    actions = book.json()["actions"]
    fit = next(s for s in sheets if s.name == "Fit")
    position = 2 + list(OUTPUT_SHEETS).index("Fit")
    fonts = {(a["args"][0], a["start_row"]) for a in actions_on(actions, "setFontProperty", position)}
    assert ("bold", 1) in fonts and ("italic", 0) in fonts
    assert {a["args"][0] for a in actions_on(actions, "setRangeColor", position) if a["start_row"] == 1} == {
        excel.HEADER_FILL
    }
    widths = [a["args"][0] for a in actions_on(actions, "setColumnWidth", position)]
    # Office.js takes widths in points: the fitted width in characters, converted
    program_width = column_points(sizing.size_sheet(fit).widths["Program"])
    assert len(widths) == len(fit.frame.columns) and widths[0] == program_width
    tier = list(fit.frame.columns).index("Tier")
    rules = [a for a in actions_on(actions, "addConditionalFormat", position) if a["start_column"] == tier]
    assert rules and all(a["start_row"] >= 2 for a in rules)
    assert "#" + fit.fills["Tier"][fit.frame["Tier"].iloc[0]] in {a["args"][0]["fill_color"].upper() for a in rules}
    assert fit.wrap and actions_on(actions, "setAutofit", position)  # rows grow to their wrapped text


def test_runs_of_one_colour_are_coloured_at_once() -> None:
    assert list(excel._runs(["A", "A", None, "B", "B", "B", "A"])) == [(0, 1, "A"), (3, 5, "B"), (6, 6, "A")]
    assert list(excel._runs([])) == []


def test_links_show_open_and_point_to_the_address(tmp_path: Path) -> None:
    path = newbook.new_workbook(tmp_path / "small.xlsx", small_season_rows())
    payload = payload_from_file(path)
    book = open_book(payload)
    sheets = excel.regenerate_book(book).sheets
    emails = next(s for s in sheets if s.name == "Emails")
    formulas = actions_on(book.json()["actions"], "setFormula")
    assert len(formulas) == 1 and formulas[0]["row_count"] == len(emails.frame) > 0  # the column in one write
    names = [s["name"] for s in payload["sheets"]] + list(OUTPUT_SHEETS)
    assert formulas[0]["sheet_position"] == names.index("Emails")
    urls = list(emails.frame["Open in mail"])
    for (formula,), url in zip(formulas[0]["values"], urls, strict=True):
        link = LINK_FORMULA.fullmatch(formula)
        assert link is not None and url.startswith(link[1].split("?")[0])
        assert link[1] == url if len(url) <= excel.MAX_FORMULA_LINK else "&body=" not in link[1]


def test_a_link_formula_fits_excels_limit_and_quotes_its_quotes() -> None:
    short = "mailto:pd@example.org?subject=Hello"
    assert excel.link_formula(short) == f'=HYPERLINK("{short}","Open")'
    long = "mailto:pd@example.org?subject=Hello&body=" + "x" * 400
    assert excel.link_formula(long) == '=HYPERLINK("mailto:pd@example.org?subject=Hello","Open")'
    huge = "mailto:pd@example.org?subject=" + "y" * 300
    assert excel.link_formula(huge) == '=HYPERLINK("mailto:pd@example.org","Open")'
    assert excel.link_formula('mailto:a@b.org?subject="x"') == '=HYPERLINK("mailto:a@b.org?subject=""x""","Open")'


def programs_payload(tmp_path: Path, count: int) -> dict[str, Any]:
    """The demo season as an Office.js payload, with its programs repeated up to ``count`` (0: as it is)."""
    rows = demo.demo_rows()
    if count:
        base = rows["Programs"]
        rows["Programs"] = [{**base[i % len(base)], "Program": f"{base[i % len(base)]['Program']} {i:04d}",
                             "My rank": i + 1 if i < 40 else None} for i in range(count)]
    return payload_from_file(newbook.new_workbook(tmp_path / f"season-{count}.xlsx", rows))


def test_calls_into_excel_grow_with_the_sheets_not_the_rows(tmp_path: Path) -> None:
    counts = {}
    for count in (0, 1000):
        book = open_book(programs_payload(tmp_path, count))
        sheets = excel.regenerate_book(book).sheets
        actions = book.json()["actions"]
        counts[count] = collections.Counter(a["func"] for a in actions)
        assert len(next(s for s in sheets if s.name == "Fit").frame) >= (count or 40)
    demo_calls, national_calls = sum(counts[0].values()), sum(counts[1000].values())
    colour_rules = sum(len(fills) for s in sheets for fills in s.fills.values())  # one per colour shown at most
    assert abs(national_calls - demo_calls) <= colour_rules, (counts[0], counts[1000])
    print(f"calls into Excel: demo {demo_calls}, 1,000 programs {national_calls}")
    assert not counts[1000]["addHyperlink"] and not counts[1000]["setRangeColor"] - counts[0]["setRangeColor"]


def test_colours_are_one_rule_per_colour_shown() -> None:
    programs = [{**BASE_PROGRAM, "Program": f"Program {i}", "My rank": i + 1} for i in range(12)]
    book = open_book(small_payload(programs))
    sheets = excel.regenerate_book(book).sheets
    fit = next(s for s in sheets if s.name == "Fit")
    position = 2 + list(OUTPUT_SHEETS).index("Fit")
    tier = list(fit.frame.columns).index("Tier")
    rules = [a for a in actions_on(book.json()["actions"], "addConditionalFormat", position)
             if a["start_column"] == tier]
    shown = {v for v in fit.frame["Tier"] if v in fit.fills["Tier"]}
    assert sorted(a["args"][0]["formula1"] for a in rules) == sorted(f'="{v}"' for v in shown)
    assert all(a["args"][0]["fill_color"].upper() == "#" + fit.fills["Tier"][a["args"][0]["formula1"][2:-1]]
               for a in rules)
    assert all(a["start_row"] == 2 and a["row_count"] == len(fit.frame) for a in rules)


# --------------------------------------------------------------------------------------------------
# The ribbon button: messages, never tracebacks.


def test_main_regenerates_the_calling_book_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_book(small_payload())
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: book))
    import xlresidency

    xlresidency.main()
    actions = book.json()["actions"]
    alert = actions_on(actions, "alert")
    assert len(alert) == 1 and alert[0]["args"][0].startswith(f"Rebuilt {len(OUTPUT_SHEETS)} sheets")
    assert len(actions_on(actions, "addSheet")) == len(OUTPUT_SHEETS)


def test_an_expected_error_is_a_message_and_nothing_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any) -> Any:
        raise errors.InputError("the Programs table is protected")

    monkeypatch.setattr(excel, "read_season", refuse)
    book = open_book(small_payload())
    message = excel.run(book)
    actions = book.json()["actions"]
    assert message == "Nothing was changed: the Programs table is protected"
    assert [a["func"] for a in actions] == ["alert"] and actions[0]["args"][0] == message


def test_a_bug_is_logged_and_named_in_one_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def crash(*_: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(excel, "read_season", crash)
    message = excel.run(open_book(small_payload()))
    log = tmp_path / "cache" / "xlresidency" / "error.log"
    assert message == f"Something unexpected went wrong (KeyError). The details are in {log}."
    assert "Traceback" in log.read_text() and "Traceback" not in message


def test_problems_are_counted_in_the_message() -> None:
    programs = [{**BASE_PROGRAM, "Program": "A", "My rank": 1}, {**BASE_PROGRAM, "Program": "A", "My rank": 2}]
    message = excel.run(open_book(small_payload(programs)))
    # the duplicate, and the four tables this small book lacks (Commitments, Ratings, Settings, Templates)
    assert "5 input problem(s) are listed on the Checks sheet" in message


# --------------------------------------------------------------------------------------------------
# Parity: the xlwings path writes the same cells as the headless path, sheet by sheet.


@pytest.fixture(scope="module")
def demo_file(demo_inputs: Path) -> Path:
    return DEMO if DEMO.exists() else demo_inputs


def test_parity_with_the_headless_writer(demo_file: Path, tmp_path: Path) -> None:
    payload = payload_from_file(demo_file)
    book = open_book(payload)
    sheets = excel.regenerate_book(book).sheets
    through_xlwings = replay(payload, book.json()["actions"])
    out = tmp_path / "headless.xlsx"
    xlsx.regenerate_file(demo_file, out=out)
    assert len(sheets) == len(OUTPUT_SHEETS)
    for name in OUTPUT_SHEETS:
        headless = file_cells(out, name)
        assert through_xlwings[name] == headless, name
    programs = next(s for s in sheets if s.name == "Fit").frame
    assert len(programs) >= 20  # a real season went through, not an empty one


def test_parity_on_inputs_with_problems(tmp_path: Path) -> None:
    rows = small_season_rows()
    rows["Programs"].append({**BASE_PROGRAM, "Program": "Lakeshore Internal Medicine", "State": "Illinois"})
    rows["Programs"].append({**BASE_PROGRAM, "Program": "=1+1", "Interview date": "03/04/2027"})
    path = newbook.new_workbook(tmp_path / "problems.xlsx", rows)
    payload = payload_from_file(path)
    book = open_book(payload)
    season = excel.regenerate_book(book).plan.season
    assert len(season.problems) >= 2
    out = tmp_path / "headless.xlsx"
    xlsx.regenerate_file(path, out=out)
    through_xlwings = replay(payload, book.json()["actions"])
    for name in OUTPUT_SHEETS:
        assert through_xlwings[name] == file_cells(out, name), name


SCRIPT_RUNNER = """
import asyncio, json, sys
import xlwings as xw
from xlwings import server
from xlresidency.excel import book as excel

book = xw.Book(json=json.load(sys.stdin))
names = [s["function_name"] for s in server.custom_scripts_meta(excel)]
asyncio.run(server.custom_scripts_call(excel, "regenerate_workbook", typehint_to_value={xw.Book: book}))
print(json.dumps({"scripts": names, "actions": book.json()["actions"]}, default=str))
"""


def test_the_same_run_as_an_xlwings_server_script(tmp_path: Path) -> None:
    payload = small_payload()
    result = run_on_server(SCRIPT_RUNNER, payload, XDG_CACHE_HOME=str(tmp_path))
    assert result["scripts"] == ["regenerate_workbook"]
    cells = replay(payload, result["actions"])
    assert list(cells)[2:] == list(OUTPUT_SHEETS) and cells["Fit"][(3, 1)] == "Lakeshore IM"
    assert actions_on(result["actions"], "alert")[0]["args"][0].startswith(f"Rebuilt {len(OUTPUT_SHEETS)} sheets")


def test_both_writers_give_each_sheet_its_layout(tmp_path: Path) -> None:
    """Frozen panes come from the sheet description in both writers; the file writer also sets the autofilter,
    the repeated header row and the orientation (the remote engine has no actions for those)."""
    payload = small_payload()
    book = open_book(payload)
    sheets = excel.regenerate_book(book).sheets
    actions = book.json()["actions"]
    for sheet in sheets:
        position = 2 + list(OUTPUT_SHEETS).index(sheet.name)
        frozen = [a["args"] for a in actions_on(actions, "freezePaneAtRange", position)]
        assert frozen == [[excel.frozen_range(sheet)]], sheet.name
    written = tmp_path / "season.xlsx"
    newbook.new_workbook(written, small_season_rows())
    done, _ = xlsx.regenerate_file(written)
    _, file_sheets = done.plan.season, done.sheets
    saved = openpyxl.load_workbook(written)
    for sheet in file_sheets:
        ws = saved[sheet.name]
        assert ws.freeze_panes == sheet.freeze_cell
        assert ws.print_title_rows == "${}:${}".format(*sheet.print_title_rows)
        assert ws.page_setup.orientation == ("landscape" if sheet.landscape else "portrait")
        if sheet.filter_range is not None:
            first_row, first_col, last_row, last_col = sheet.filter_range
            ref = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            assert ws.auto_filter.ref == ref


def test_merges_come_in_the_order_of_the_fit_on_every_platform(demo_file: Path) -> None:
    """The merged text blocks are written span by span in the order the fit lists them, not in a set's hash order
    (which differs between 64-bit CPython and 32-bit Pyodide): the same actions everywhere."""
    payload = payload_from_file(demo_file)
    book = open_book(payload)
    sheets = excel.regenerate_book(book).sheets
    actions = book.json()["actions"]
    positions = {s["name"]: i for i, s in enumerate(payload["sheets"])}
    checked = 0
    for sheet in sheets:
        position = positions.get(sheet.name, len(positions))
        merged = [(a["start_row"] + 1 + r, a["start_column"] + 1, a["start_column"] + a["column_count"])
                  for a in actions_on(actions, "rangeMerge") if a["sheet_position"] == position
                  for r in range(a["row_count"])]
        blocks = [b for b in sizing.size_sheet(sheet).blocks if b[2] > b[1]]
        spans = list(dict.fromkeys((first, last) for _, first, last in blocks))
        assert merged == [(row, first, last) for span in spans for row, first, last in blocks
                          if (first, last) == span], sheet.name
        checked += len(spans) > 1
    assert checked >= 1  # a sheet with blocks of two spans: an order to get wrong


def test_frozen_ranges_name_rows_and_the_program_column() -> None:
    wide = next(s for s in regenerate_sheets() if s.name == "Fit")
    narrow = next(s for s in regenerate_sheets() if s.name == "Compare")
    assert excel.frozen_range(wide) == "A1:A2" and wide.freeze_cell == "B3"
    assert narrow.freeze == (2, 0) and excel.frozen_range(narrow) == "1:2" and narrow.freeze_cell == "A3"


def regenerate_sheets() -> list[Any]:
    sheets = excel.regenerate_book(open_book(small_payload())).sheets
    return sheets


def test_the_applications_chart_is_drawn_over_its_data_block() -> None:
    programs = [{**BASE_PROGRAM, "Program": f"Candidate {i}", "Interview date": None, "Status": "Considering"}
                for i in range(6)]
    book = open_book(small_payload(programs))
    sheets = excel.regenerate_book(book).sheets
    sheet = next(s for s in sheets if s.name == "Applications")
    assert sheet.chart is not None and sheet.chart_block is not None
    position = list(OUTPUT_SHEETS).index("Applications") + 2
    added = actions_on(book.json()["actions"], "addChart", position)
    assert len(added) == 1
    header, last, width = sheet.chart_block
    assert f"$A${header}:${get_column_letter(width)}${last}" in added[0]["args"]
