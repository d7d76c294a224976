"""Mistakes applicants make with their workbook file: each is named in one line or on Checks, never a crash."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import struct
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from conftest import small_season_rows
from factories import raw_table, raw_tables
from xlresidency import cli, regenerate
from xlresidency.core import columns, errors, schema
from xlresidency.rules import validation
from xlresidency.workbook import newbook, xlsx

TABLES = [spec.name for spec in schema.INPUT_TABLES]


def build(tmp_path: Path, name: str = "season.xlsx") -> Path:
    return newbook.new_workbook(tmp_path / name, small_season_rows())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def table_end(ws: Any, name: str) -> tuple[int, int, int]:
    """First column, last column and last row of a table."""
    min_col, _, max_col, max_row = range_boundaries(str(ws.tables[name].ref))
    return int(min_col or 1), int(max_col or 1), int(max_row or 1)


# ---- 1. Excel's Total Row ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_a_total_row_is_not_read_as_data(tmp_path, name):
    path = build(tmp_path)
    before = xlsx.read_tables(path)[name]
    book = openpyxl.load_workbook(path)
    ws = book[name]
    table = ws.tables[name]
    min_col, max_col, max_row = table_end(ws, name)
    ws.cell(row=max_row + 1, column=min_col, value="Total")
    ws.cell(row=max_row + 1, column=max_col, value=3)
    table.ref = f"{get_column_letter(min_col)}2:{get_column_letter(max_col)}{max_row + 1}"
    table.totalsRowCount = 1
    table.totalsRowShown = True
    book.save(path)
    after = xlsx.read_tables(path)[name]
    assert after.rows == before.rows and after.rows_below == []
    season = xlsx.read_season(path)
    assert "Total" not in set(season.programs["Program"])
    assert not any("Total" in p.problem for p in season.problems)


# ---- 2. Rows typed just below a table ------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_rows_typed_below_a_table_are_named(tmp_path, name):
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book[name]
    min_col, _, max_row = table_end(ws, name)
    ws.cell(row=max_row + 1, column=min_col, value="Typed below 1")
    ws.cell(row=max_row + 2, column=min_col + 1, value="Typed below 2")
    ws.cell(row=max_row + 4, column=min_col, value="A note further down")  # after a blank row: not the table's
    book.save(path)
    assert xlsx.read_tables(path)[name].rows_below == [max_row + 1, max_row + 2]
    problems = [p for p in xlsx.read_season(path).problems if "outside the" in p.problem]
    assert [(p.sheet, p.row) for p in problems] == [(name, max_row + 1), (name, max_row + 2)]
    assert problems[0].problem == f"Row {max_row + 1} is outside the {name} table and was not read"
    assert "Resize Table" in problems[0].how_to_fix


def test_rows_below_are_listed_by_check(tmp_path, capsys):
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Programs"]["A6"] = "Lakeside Family Medicine"
    book.save(path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "Programs row 6: Row 6 is outside the Programs table and was not read" in out


# ---- 3. Dates outside any season -----------------------------------------------------------------------

FAR_DATES: list[Any] = [
    "0001-01-01", "1066-10-14", "2300-01-01", "9999-12-31", "14 October 1066",
    dt.datetime(1066, 10, 14), dt.datetime(2300, 1, 1), dt.datetime(9999, 12, 31), dt.date(1, 1, 1),
]


@pytest.mark.parametrize("value", FAR_DATES)
def test_far_dates_in_profile_are_named(value):
    rows = small_season_rows()
    profile = [{"Field": "In US from", "Value": value} if r["Field"] == "In US from" else r for r in rows["Profile"]]
    if not any(r["Field"] == "In US from" for r in profile):
        profile.append({"Field": "In US from", "Value": value})
    tables = {"Profile": raw_table("Profile", profile), "Programs": raw_table("Programs", rows["Programs"])}
    season = validation.validate(tables)
    assert season.profile.in_us_from is None
    assert any("is not a date in a residency season" in p.problem and p.sheet == "Profile" for p in season.problems)


DATE_COLUMNS = [(spec.name, col.name) for spec in schema.INPUT_TABLES for col in spec.columns if col.kind == "date"]


@pytest.mark.parametrize(("table", "column"), DATE_COLUMNS)
@pytest.mark.parametrize("value", ["1066-10-14", dt.datetime(9999, 12, 31), dt.datetime(2300, 1, 1)])
def test_far_dates_in_every_date_column_are_named_and_the_row_kept(tmp_path, capsys, table, column, value):
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book[table]
    headers = [c.value for c in ws[2]]
    ws.cell(row=3, column=headers.index(column) + 1, value=value)
    book.save(path)
    season = xlsx.read_season(path)
    named = [p for p in season.problems if p.column == column and p.row == 3]
    assert named and "is not a date in a residency season" in named[0].problem
    assert "Check the year" in named[0].how_to_fix
    if table == "Programs":
        assert 3 in season.programs.index and season.programs.loc[3, column] is not None
    code, _, err = run(capsys, "regenerate", str(path))
    assert code == 0, err


def test_a_date_serial_far_beyond_excel_is_named_and_kept(tmp_path, capsys):
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    cell = book["Programs"].cell(row=3, column=[c.value for c in book["Programs"][2]].index("Interview date") + 1)
    cell.value = 3_000_000  # the template formats the column as dates; Excel's last date is 2958465
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        programs = archive.read("xl/worksheets/sheet2.xml")
    assert b"<v>3000000</v>" in programs
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "3e+06 is not a date in a residency season" in out
    code, out, err = run(capsys, "regenerate", str(path))
    assert code == 0 and err == ""  # regenerated in place: the cell is carried over, not saved by openpyxl
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/worksheets/sheet2.xml") == programs  # the number as it was, not #VALUE!
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, xlsx.backup_path(path).name])


@pytest.mark.parametrize("value", [3_000_000, -5_000_000, 100_000])
def test_serial_numbers_far_out_of_range_are_refused(value):
    rows = small_season_rows()
    rows["Programs"][0]["Interview date"] = value
    season = validation.validate({"Programs": raw_table("Programs", rows["Programs"])})
    assert any("is not a date in a residency season" in p.problem for p in season.problems)


# ---- 4. Damaged files ----------------------------------------------------------------------------------


def _rewrite(source: Path, target: Path, part: str, change: Any) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, change(data) if info.filename == part else data)


def cut_short(path: Path) -> None:
    _rewrite(build(path.parent, "good.xlsx"), path, "xl/worksheets/sheet2.xml", lambda d: d[: len(d) // 2])


def corrupt_member(path: Path) -> None:
    shutil.copy(build(path.parent, "good.xlsx"), path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 20, start + 60):
        data[k] ^= 0x55
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [cut_short, corrupt_member])
@pytest.mark.parametrize("command", ["regenerate", "check"])
def test_damaged_files_give_one_line(tmp_path, capsys, damage, command):
    path = tmp_path / "season.xlsx"
    damage(path)
    original = path.read_bytes()
    code, out, err = run(capsys, command, str(path))
    assert code == 1 and out == ""
    assert "the file is damaged: " in err and "xl/worksheets/sheet2.xml" in err and len(err.strip().splitlines()) <= 3
    assert path.read_bytes() == original and not xlsx.backup_path(path).exists()


# ---- 5. OLE files that are not encrypted workbooks -----------------------------------------------------


def ole_file(streams: list[str]) -> bytes:
    """A minimal compound file (MS-CFB, 512-byte sectors) whose directory holds these empty streams."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIII", header, 44, 1, 1, 0, 4096, end)  # one FAT sector; directory at sector 1
    struct.pack_into("<IIII", header, 60, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        record = bytearray(128)
        record[: len(encoded)] = encoded
        struct.pack_into("<HBB", record, 64, len(encoded), kind, 1)
        struct.pack_into("<III", record, 68, free, right, child)
        struct.pack_into("<IQ", record, 116, end, 0)
        return bytes(record)

    entries = [entry("Root Entry", 5, child=1)]
    entries += [entry(name, 2, right=i + 2 if i + 1 < len(streams) else free) for i, name in enumerate(streams)]
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


@pytest.mark.parametrize(
    ("streams", "message"),
    [
        (["Workbook", "\x05SummaryInformation"],
         "an old Excel 97-2003 .xls workbook: open it in Excel and Save As .xlsx"),
        (["Book"], "an old Excel 97-2003 .xls workbook"),
        (["WordDocument", "1Table"], "a Word document"),
        (["Something"], "an Office file of another kind"),
        (["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"], "password-protected"),
    ],
)
@pytest.mark.parametrize("command", ["regenerate", "check"])
def test_ole_files_are_told_apart(tmp_path, capsys, streams, message, command):
    path = tmp_path / "season.xlsx"
    path.write_bytes(ole_file(streams))
    code, out, err = run(capsys, command, str(path))
    assert code == 1 and out == "" and message in err
    if "EncryptionInfo" not in streams:
        assert "password" not in err


def test_the_ole_reader_agrees_with_olefile(tmp_path):
    olefile = pytest.importorskip("olefile")
    path = tmp_path / "old.xls"
    path.write_bytes(ole_file(["Workbook", "\x05SummaryInformation"]))
    assert olefile.isOleFile(str(path))
    with olefile.OleFileIO(str(path)) as ole:
        assert {"/".join(p) for p in ole.listdir()} == {"Workbook", "\x05SummaryInformation"}


# ---- 6. Read-only workbooks ----------------------------------------------------------------------------


def test_a_read_only_workbook_is_not_replaced(tmp_path, capsys):
    path = build(tmp_path)
    original = path.read_bytes()
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        code, _, err = run(capsys, "regenerate", str(path))
        assert code == 1 and "the file is read-only; " in err and len(err.strip().splitlines()) <= 3
        assert path.read_bytes() == original and not xlsx.backup_path(path).exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left either
        code, _, _ = run(capsys, "regenerate", str(path), "--out", str(tmp_path / "copy.xlsx"))
        assert code == 0 and path.read_bytes() == original
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


# ---- 7. Columns the rules read, renamed or deleted -----------------------------------------------------


def rename_header(path: Path, table: str, old: str, new: str) -> None:
    """Rename a column of an input table as Excel does: the header cell and the table's column name."""
    book = openpyxl.load_workbook(path)
    ws = book[table]
    for cell in ws[2]:
        if cell.value == old:
            cell.value = new
    for column in ws.tables[table].tableColumns:
        if column.name == old:
            column.name = new
    book.save(path)


def season_tables() -> dict[str, Any]:
    """Raw tables with a row in every table, as a template-made workbook has them."""
    return raw_tables(programs=[{"Program": "Lakeshore IM", "My rank": 1}],
                      commitments=[{"What": "Step 3", "Start": dt.date(2027, 2, 4), "Can move": "No"}],
                      ratings=[{"Program": "Lakeshore IM", "Area": "Resident culture", "Rating": 4}],
                      templates=[{"Name": "Inquiry", "Subject": "Visit", "Body": "Dear {{ coordinator }}"}])


RULE_COLUMNS = [(spec.name, col.name) for spec in schema.INPUT_TABLES for col in spec.columns
                if columns.use_of(spec.name, col.name) is not None]
PROFILE_RULE_FIELDS = [f.name for f in schema.PROFILE_FIELDS if columns.use_of("Profile", f.name) is not None]


def test_every_table_has_columns_the_rules_read():
    assert {table for table, _ in RULE_COLUMNS} == set(TABLES)
    assert ("Programs", "My rank") in RULE_COLUMNS and ("Commitments", "Can move") in RULE_COLUMNS
    for table, uses in columns.USES.items():  # the dependency names only declared columns, sheets and fields
        names = {c.name for c in schema.INPUT_BY_NAME[table].columns}
        if table == "Profile":
            names |= {f.name for f in schema.PROFILE_FIELDS}
        assert set(uses) <= names, table
        assert all(set(use.sheets) <= set(schema.OUTPUT_SHEETS) for use in uses.values())


@pytest.mark.parametrize(("table", "column"), RULE_COLUMNS)
def test_a_renamed_rule_column_is_named_with_the_header_meant(table, column):
    tables = season_tables()
    raw = tables[table]
    raw.headers = [f"{h}s" if h == column else h for h in raw.headers]  # "My rank" -> "My ranks"
    season = validation.validate(tables)
    named = [p for p in season.problems if (p.sheet, p.column) == (table, column) and p.row == raw.first_row - 1]
    assert len(named) == 1, season.problems  # once, on the header row
    assert "is missing" in named[0].problem
    assert named[0].how_to_fix.startswith(f"Did you mean '{column}s'? Rename that header to '{column}'")
    assert (table, column) in season.missing


@pytest.mark.parametrize("table", TABLES)
def test_each_sheet_says_which_rules_were_not_judged(table):
    tables = season_tables()
    raw = tables[table]
    lost = [c for t, c in RULE_COLUMNS if t == table]
    raw.headers = [f"{h} (old)" if h in lost else h for h in raw.headers]
    season = validation.validate(tables)
    notes = {sheet.name: sheet.note for sheet in regenerate.regenerate(season).sheets}
    for column in lost:
        use = columns.use_of(table, column)
        assert use is not None
        for sheet in use.sheets:
            assert f"{column} column missing from {table}: {use.rules} not judged" in notes[sheet], (sheet, column)
    untouched = set(schema.OUTPUT_SHEETS) - {s for c in lost for s in columns.use_of(table, c).sheets}  # type: ignore
    assert not any("Not judged" in notes[sheet] for sheet in untouched)


@pytest.mark.parametrize("field", PROFILE_RULE_FIELDS)
def test_a_renamed_profile_field_is_named_with_the_field_meant(field):
    tables = season_tables()
    raw = tables["Profile"]
    raw.rows = [[f"{row[0]} (mine)" if row[0] == field else row[0], *row[1:]] for row in raw.rows]
    season = validation.validate(tables)
    named = [p for p in season.problems if p.sheet == "Profile" and f"'{field}' is missing" in p.problem]
    assert len(named) == 1, season.problems
    assert named[0].how_to_fix.startswith(f"Did you mean '{field} (mine)'? Rename that Field to '{field}'")
    assert ("Profile", field) in season.missing


def test_the_workbook_that_said_no_problems_now_names_both_columns(tmp_path, capsys):
    path = build(tmp_path)
    rename_header(path, "Programs", "Sponsors J-1", "J1 sponsor")
    rename_header(path, "Programs", "My rank", "Rank")
    original = path.read_bytes()
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and path.read_bytes() == original
    assert ("Programs row 2, Sponsors J-1: The column 'Sponsors J-1' is missing from the Programs table and was read "
            "as blank: visa sponsorship") in out
    assert "Did you mean 'J1 sponsor'? Rename that header to 'Sponsors J-1'" in out
    assert "Did you mean 'Rank'? Rename that header to 'My rank'" in out
    code, out, _ = run(capsys, "regenerate", str(path))
    assert code == 0 and "Checks: 2 problem(s)" in out
    book = openpyxl.load_workbook(path, read_only=True)
    note = book["Second Look"]["A1"].value
    assert "My rank column missing from Programs: the rank-based rules" in note and "not judged" in note
    assert "Sponsors J-1 column missing from Programs" in book["Fit"]["A1"].value
    assert "Not judged" not in book["Trips"]["A1"].value


def test_one_header_is_offered_for_one_column_only():
    tables = season_tables()
    raw = tables["Programs"]
    raw.headers = ["J1 sponsor" if h == "Sponsors J-1" else "H1B?" if h == "Sponsors H-1B" else h
                   for h in raw.headers]
    raw.headers[raw.headers.index("H1B?")] = "Visa notes"
    season = validation.validate(tables)
    how = {p.column: p.how_to_fix for p in season.problems}
    assert how["Sponsors J-1"].startswith("Did you mean 'J1 sponsor'?")
    assert how["Sponsors H-1B"].startswith("Add a column headed 'Sponsors H-1B'")
    assert columns.closest_headers(["Sponsors J-1", "Sponsors H-1B"], ["J1 sponsor"]) == {"Sponsors J-1": "J1 sponsor"}
    assert columns.closest_headers(["My rank"], ["My own column", "Town"]) == {}


def test_a_column_no_rule_reads_may_go_and_new_columns_keep_their_own_message():
    tables = season_tables()
    raw = tables["Programs"]
    keep = [i for i, h in enumerate(raw.headers) if h not in ("Notes", "Program ID", "Status")]
    raw.headers = [raw.headers[i] for i in keep]
    raw.rows = [[row[i] for i in keep] for row in raw.rows]
    season = validation.validate(tables)
    assert [(p.column, "is new in this version" in p.problem) for p in season.problems] == [("Status", True)]
    assert season.missing == []


def test_a_required_column_renamed_offers_the_header_too():
    tables = season_tables()
    tables["Programs"].headers = ["Town" if h == "City" else "Program name" if h == "Program" else h
                                  for h in tables["Programs"].headers]
    season = validation.validate(tables)
    how = {p.column: p.how_to_fix for p in season.problems if p.row == 2}
    assert how["Program"].startswith("Did you mean 'Program name'?")
    assert how["City"] == "Add a column headed 'City' to the Programs table (a new template has it: xlresidency new)."


def test_a_misspelt_setting_is_offered_its_name():
    season = validation.validate({**season_tables(), "Settings": raw_table("Settings", [
        {"Setting": "Top rank limt", "Value": 4}, {"Setting": "Hotel per night", "Value": 150}])})
    problem = next(p for p in season.problems if p.sheet == "Settings")
    assert problem.problem == "This setting is not one xlresidency knows; it is ignored"
    assert problem.how_to_fix == "Did you mean 'Top rank limit'? Rename it to that."


def test_cell_functions_and_partial_tables_are_not_told_about_absent_tables():
    tables = season_tables()
    partial = {name: tables[name] for name in ("Profile", "Programs")}
    assert validation.validate(partial).problems == []
    named = validation.validate(partial, whole_workbook=True).problems
    assert [(p.sheet, p.row) for p in named] == [("Commitments", None), ("Ratings", None), ("Settings", None),
                                                  ("Templates", None)]
    assert "second looks may be planned on days you are not free" in named[0].problem


# ---- 8. Missing tables and workbooks that are not a season ---------------------------------------------


def delete_sheet(path: Path, title: str) -> None:
    book = openpyxl.load_workbook(path)
    del book[title]
    book.save(path)


@pytest.mark.parametrize("table", ["Programs", "Profile"])
@pytest.mark.parametrize("command", ["regenerate", "check"])
def test_a_deleted_required_table_is_one_line_and_nothing_is_written(tmp_path, capsys, table, command):
    path = build(tmp_path)
    delete_sheet(path, table)
    original = path.read_bytes()
    code, out, err = run(capsys, command, str(path))
    assert code == 1 and out == ""
    assert f"season.xlsx has no {table} table (no Excel table and no sheet named {table})" in err
    assert len(err.strip().splitlines()) <= 3
    assert path.read_bytes() == original and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_table_deleted_from_a_sheet_that_stays_is_read_from_its_cells(tmp_path, capsys):
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    del book["Programs"].tables["Programs"]
    book.save(path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "The Programs sheet has no Excel table named Programs; its cells were read" in out


@pytest.mark.parametrize("command", ["regenerate", "check"])
def test_a_workbook_that_is_not_a_season_is_refused_and_left_alone(tmp_path, capsys, command):
    path = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    book.active.append(["Rent", 1200])
    book.save(path)
    original = path.read_bytes()
    code, out, err = run(capsys, command, str(path))
    assert code == 1 and out == ""
    assert "budget.xlsx is not a season workbook: it has none of the tables Profile, Programs" in err
    assert path.read_bytes() == original and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_deleted_optional_table_is_named_on_checks_and_the_run_goes_on(tmp_path, capsys):
    path = build(tmp_path)
    delete_sheet(path, "Commitments")
    code, _, _ = run(capsys, "regenerate", str(path))
    assert code == 0
    checks = [row for row in openpyxl.load_workbook(path, read_only=True)["Checks"].iter_rows(values_only=True)]
    assert any(row[0] == "Commitments" and "There is no Commitments table" in str(row[3]) for row in checks)


def test_require_season_decides_from_table_names_alone():
    validation.require_season(["programs", "PROFILE"])
    with pytest.raises(errors.NotASeason, match=r"^this workbook is not a season workbook"):
        validation.require_season([])
    with pytest.raises(errors.NotASeason, match=r"^book\.xlsx has no Programs table"):
        validation.require_season(["Profile", "Ratings"], "book.xlsx")
    assert issubclass(errors.NotASeason, errors.WorkbookError)


# ---- 9. An input table on a sheet named like an output sheet -------------------------------------------


def move_table_to(path: Path, table: str, title: str) -> None:
    book = openpyxl.load_workbook(path)
    book[table].title = title
    book.save(path)


@pytest.mark.parametrize(("table", "title"), list(zip(TABLES, ["Trips", "Fit", "second  look", "CHECKS",
                                                               "Emails", "Rank Draft"], strict=True)))
def test_an_input_table_on_an_output_sheet_is_never_replaced(tmp_path, capsys, table, title):
    path = build(tmp_path)
    move_table_to(path, table, title)
    original = path.read_bytes()
    code, out, err = run(capsys, "regenerate", str(path))
    assert code == 1 and out == ""
    assert f"The {table} table is on the sheet '{title}', a sheet regenerating replaces; rename that sheet" in err
    assert path.read_bytes() == original and sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and out.startswith(f"(workbook): The {table} table is on the sheet '{title}'")


def test_output_sheet_clashes_are_found_ignoring_case_and_spaces():
    found = validation.output_sheet_clashes({"Commitments": "trips", "Programs": "Programs", "Ratings": "Rank  draft"})
    assert found == [("Commitments", "trips"), ("Ratings", "Rank  draft")]
    with pytest.raises(errors.SheetClash, match=r"^The Commitments table is on the sheet 'trips'"):
        validation.require_own_sheets({"Commitments": "trips"})
    validation.require_own_sheets({"Commitments": "Commitments", "Programs": "My programs"})
