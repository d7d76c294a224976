"""xlwings Lite's file area (``excel/filearea.py``) on xlwings' remote engine: the Export script writes what
``xlresidency ics`` and ``xlresidency emails`` write; the Import script merges dropped program lists into the open
workbook's Programs table as ``xlresidency import`` merges them into the file, through xlwings actions only."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from test_book import actions_on, open_book, payload_from_file, replay, serial, shown
from test_importer import FREIDA_CSV
from xlresidency import cli
from xlresidency.excel import filearea

pytestmark = pytest.mark.usefixtures("remote_engine")
ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def without_stamps(data: bytes) -> list[str]:
    return [line for line in data.decode().splitlines() if not line.startswith("DTSTAMP")]


def programs_cells(cells: dict[str, dict[tuple[int, int], Any]]) -> dict[tuple[int, int], Any]:
    """The Programs sheet after the actions, a date written as Excel takes it in (an ISO day) as its serial."""
    return {key: serial(dt.datetime.fromisoformat(v)) if isinstance(v, str) and ISO_DAY.fullmatch(v) else v
            for key, v in cells["Programs"].items()}


def file_programs(path: Path) -> dict[tuple[int, int], Any]:
    """The Programs sheet's cells as Office.js hands them to Lite: dates as serial numbers."""
    ws = openpyxl.load_workbook(path, data_only=True)["Programs"]
    return {(c.row, c.column): shown(serial(c.value)) for row in ws.iter_rows() for c in row
            if shown(serial(c.value)) is not None}


@pytest.fixture
def dropped(tmp_path: Path) -> Path:
    """A file area with a FREIDA export waiting in its import folder."""
    area = tmp_path / "area"
    (area / "import").mkdir(parents=True)
    (area / "import" / "freida.csv").write_text(FREIDA_CSV, encoding="utf-8")
    return area


# --------------------------------------------------------------------------------------------------
# Export.


def test_export_writes_the_calendar_and_the_drafts_the_commands_write(demo_inputs: Path, tmp_path: Path) -> None:
    area = tmp_path / "area"
    said = filearea.export_files(open_book(payload_from_file(demo_inputs)), area)
    assert cli.main(["ics", str(demo_inputs), "--out", str(tmp_path / "cli.ics")]) == 0
    assert cli.main(["emails", str(demo_inputs), "--eml-dir", str(tmp_path / "cli-emails")]) == 0
    assert without_stamps((area / "season.ics").read_bytes()) == without_stamps((tmp_path / "cli.ics").read_bytes())
    drafts = sorted(p.name for p in (area / "emails").iterdir())
    assert drafts and drafts == sorted(p.name for p in (tmp_path / "cli-emails").iterdir())
    for name in drafts:
        assert (area / "emails" / name).read_bytes() == (tmp_path / "cli-emails" / name).read_bytes(), name
    events = (area / "season.ics").read_bytes().count(b"BEGIN:VEVENT")
    assert said.splitlines()[0] == (f"Wrote season.ics ({events} events) and {len(drafts)} email draft(s) in emails/ "
                                    f"to {area}.")


def test_a_second_export_leaves_only_this_seasons_drafts_and_your_own_files(demo_inputs: Path, tmp_path: Path) -> None:
    area = tmp_path / "area"
    filearea.export_files(open_book(payload_from_file(demo_inputs)), area)
    first = sorted((area / "emails").iterdir())[0]
    shutil.copy(first, area / "emails" / "99-old-program-visit.eml")  # a draft of an earlier export
    (area / "emails" / "mine.eml").write_text("my own note")
    filearea.export_files(open_book(payload_from_file(demo_inputs)), area)
    names = {p.name for p in (area / "emails").iterdir()}
    assert "99-old-program-visit.eml" not in names and first.name in names
    assert (area / "emails" / "mine.eml").read_text() == "my own note"


def test_the_file_area_is_data_unless_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                 season_xlsx: Path) -> None:
    monkeypatch.delenv(filearea.AREA_VARIABLE, raising=False)
    assert filearea.file_area() == Path("/data/xlresidency")
    monkeypatch.setattr(filearea, "DEFAULT_AREA", Path("/data/not-here-xlresidency-test"))
    said = filearea.import_programs(open_book(payload_from_file(season_xlsx)))
    assert "/data/not-here-xlresidency-test/import (Files > Import/Export)" in said
    monkeypatch.setenv(filearea.AREA_VARIABLE, str(tmp_path))
    assert filearea.file_area() == tmp_path


def test_export_of_a_book_that_is_no_season_says_so_and_writes_nothing(tmp_path: Path) -> None:
    from test_book import book_json, sheet_json

    said = filearea.export_files(open_book(book_json([sheet_json("Sheet1", [["hello"]])])), tmp_path / "area")
    assert said.startswith("Nothing was exported: ")
    assert not (tmp_path / "area").exists()


# --------------------------------------------------------------------------------------------------
# Import.


def test_import_merges_as_the_command_does_and_writes_only_through_excel(season_xlsx: Path, dropped: Path,
                                                                         tmp_path: Path, capsys) -> None:
    before = season_xlsx.read_bytes()
    shutil.copy(dropped / "import" / "freida.csv", tmp_path / "freida.csv")
    payload = payload_from_file(season_xlsx)
    book = open_book(payload)
    said = filearea.import_programs(book, dropped)
    assert season_xlsx.read_bytes() == before  # the workbook file is never written: Excel writes the actions
    actions = book.json()["actions"]
    through_excel = programs_cells(replay(payload, actions))
    by_command = tmp_path / "by-command.xlsx"
    shutil.copy(season_xlsx, by_command)
    assert cli.main(["import", str(tmp_path / "freida.csv"), "--into", str(by_command)]) == 0
    command_said = capsys.readouterr().out.splitlines()
    assert through_excel == file_programs(by_command)
    resized = actions_on(actions, "resizeTable")
    assert resized and resized[-1]["args"][1].endswith(str(max(r for r, _ in through_excel)))
    lines = said.splitlines()
    assert lines[0] == f"freida.csv: {command_said[0].split(';')[0]}."
    assert lines[0].startswith("freida.csv: Added 2 programs, filled 3 blank cells in 1 program")
    assert [line.strip() for line in lines[1:1 + len(command_said) - 1]] == command_said[1:]
    assert "Moved 1 imported file(s)" in said
    assert said.endswith("Rebuilt 10 sheets with the imported programs; Checks lists what the import left out.")
    assert not (dropped / "import" / "freida.csv").exists() and (dropped / "import" / "done" / "freida.csv").exists()
    fit = replay(payload, actions)["Fit"]
    assert "Northgate Medicine" in fit.values()  # the sheets were rebuilt with the new programs


def test_a_file_is_imported_once(season_xlsx: Path, dropped: Path) -> None:
    filearea.import_programs(open_book(payload_from_file(season_xlsx)), dropped)
    said = filearea.import_programs(open_book(payload_from_file(season_xlsx)), dropped)
    assert said.startswith("Nothing to import: put a program list")


def test_what_the_import_leaves_out_is_on_checks(season_xlsx: Path, dropped: Path) -> None:
    (dropped / "import" / "notes.csv").write_text("Hello,World\n1,2\n", encoding="utf-8")
    with_conflict = FREIDA_CSV.replace("Lakeshore Internal Medicine,1401,Chicago", "Lakeshore Internal Medicine,"
                                       "1401,Springfield")
    (dropped / "import" / "again.csv").write_text(with_conflict, encoding="utf-8")
    payload = payload_from_file(season_xlsx)
    book = open_book(payload)
    said = filearea.import_programs(book, dropped)
    checks = replay(payload, book.json()["actions"])["Checks"]
    shown = " ".join(str(v) for v in checks.values())
    assert "Not imported: " in said and "notes.csv" in said and "notes.csv" in shown
    assert (dropped / "import" / "notes.csv").exists()  # not imported: it stays to be corrected
    conflict = next(line for line in said.splitlines() if "Conflict:" in line)
    assert conflict.strip() in shown.replace("Import of again.csv: ", "")
    assert said.endswith("Checks lists what the import left out.")


def test_an_xlsx_program_list_is_read_too(season_xlsx: Path, dropped: Path) -> None:
    (dropped / "import" / "freida.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in FREIDA_CSV.splitlines()[1:]:
        ws.append(line.split(","))
    wb.save(dropped / "import" / "list.xlsx")
    said = filearea.import_programs(open_book(payload_from_file(season_xlsx)), dropped)
    assert said.startswith("list.xlsx: Added 2 programs, filled 3 blank cells in 1 program")


def test_nothing_waiting_says_where_to_put_a_list(season_xlsx: Path, tmp_path: Path) -> None:
    said = filearea.import_programs(open_book(payload_from_file(season_xlsx)), tmp_path / "area")
    assert said.startswith("Nothing to import: ") and str(tmp_path / "area" / "import") in said


def test_a_book_without_programs_table_is_refused(dropped: Path) -> None:
    from test_book import book_json, sheet_json

    said = filearea.import_programs(open_book(book_json([sheet_json("Sheet1", [["hello"]])])), dropped)
    assert said == "Nothing was imported: this workbook has no Programs table; import into a season workbook"
    assert (dropped / "import" / "freida.csv").exists()


def test_the_table_does_not_grow_over_cells_below_it(season_xlsx: Path, dropped: Path) -> None:
    payload = payload_from_file(season_xlsx)
    sheet = next(s for s in payload["sheets"] if s["name"] == "Programs")
    table = next(t for t in sheet["tables"] if t["name"].lower() == "programs")
    below = int(re.findall(r"\d+", table["range_address"])[-1])  # the row under the table (0-based: its last + 1)
    while len(sheet["values"]) <= below:
        sheet["values"].append([None] * len(sheet["values"][0]))
    sheet["values"][below][0] = "my note"
    book = open_book(payload)
    said = filearea.import_programs(book, dropped)
    assert (f"Not imported: freida.csv: row {below + 1} of sheet Programs, below the Programs table, is not empty"
            in said)
    assert not actions_on(book.json()["actions"], "resizeTable")
    assert (dropped / "import" / "freida.csv").exists()
