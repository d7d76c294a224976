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
from factories import raw_table
from xlresidency import cli, schema, validation, xlsx

TABLES = [spec.name for spec in schema.INPUT_TABLES]


def build(tmp_path: Path, name: str = "season.xlsx") -> Path:
    return xlsx.new_workbook(tmp_path / name, small_season_rows())


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


def test_a_date_serial_far_beyond_excel_is_named_and_the_original_kept(tmp_path, capsys):
    path = build(tmp_path)
    book = openpyxl.load_workbook(path)
    cell = book["Programs"].cell(row=3, column=[c.value for c in book["Programs"][2]].index("Interview date") + 1)
    cell.value = 3_000_000  # the template formats the column as dates; Excel's last date is 2958465
    book.save(path)
    original = path.read_bytes()
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "3e+06 is not a date in a residency season" in out
    code, out, err = run(capsys, "regenerate", str(path))
    assert code == 0 and path.read_bytes() == original  # openpyxl would save that cell as #VALUE!
    assert "date serial number beyond Excel's last date" in err


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
