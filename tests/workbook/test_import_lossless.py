"""Importing programs rewrites only the Programs sheet and its table: every other part stays byte for byte."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from test_grafting import assert_valid_package, full_workbook, members, shared_strings
from test_importer import FREIDA_CSV, programs, run
from test_xlsx import _inject
from xlresidency.core.cells import is_blank
from xlresidency.workbook import newbook, package, xlsx


def programs_parts(path: Path) -> tuple[str, str]:
    """The Programs sheet's part and its table's part."""
    parts = members(path)
    sheet = next(e.part for e in package.workbook_sheets(parts) if e.name == "Programs")
    table = next(t.part for t in package.sheet_tables(parts, sheet) if t.display_name == "Programs")
    return sheet, table


@pytest.fixture
def freida_csv(tmp_path: Path) -> Path:
    path = tmp_path / "freida.csv"
    path.write_text(FREIDA_CSV, encoding="utf-8")
    return path


def test_every_part_but_the_programs_sheet_and_table_is_kept_byte_for_byte(tmp_path, freida_csv, capsys):
    path = full_workbook(tmp_path)  # formula ranks with stored results, custom XML, a web extension, a pivot table
    before = members(path)
    sheet, table = programs_parts(path)
    assert {"customXml/item1.xml", "xl/webextensions/webextension1.xml", "xl/webextensions/taskpanes.xml",
            "xl/pivotTables/pivotTable1.xml", "xl/sharedStrings.xml"} <= set(before)
    code, lines, err = run(capsys, "import", str(freida_csv), "--into", str(path))
    assert code == 0 and err == "" and lines[0].startswith("Added 2 programs, filled 3 blank cells in 1 program")
    after = members(path)
    assert set(after) == set(before)
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {sheet, table}
    assert xlsx.backup_path(path).read_bytes() != path.read_bytes()
    assert_valid_package(path)
    xml = after[sheet].decode()
    for row in (3, 4, 5):  # My rank typed as formulas keeps them, with the results Excel stored
        assert re.search(rf'<c r="Q{row}"[^>]*><f>ROW\(\)-2</f><v>{row - 2}</v></c>', xml), row
    assert openpyxl.load_workbook(path, data_only=True)["Programs"]["Q3"].value == 1


def test_imported_rows_read_back_through_the_reader(tmp_path, freida_csv, capsys):
    path = full_workbook(tmp_path)
    assert run(capsys, "import", str(freida_csv), "--into", str(path))[0] == 0
    season = xlsx.read_season(path)
    assert not [p for p in season.problems if p.sheet == "Programs"]
    found = season.programs.set_index("Program")
    assert list(found.index[:3]) == ["Lakeshore Internal Medicine", "Prairie Valley Medicine", "Harbor Point Medicine"]
    assert list(found["My rank"].iloc[:3]) == [1, 2, 3]  # the formulas' stored results
    northgate = found.loc["Northgate Medicine"]
    assert (northgate["City"], northgate["State"], northgate["ZIP"]) == ("Detroit", "MI", "48201")
    assert (northgate["Sponsors J-1"], northgate["Sponsors H-1B"]) == ("Yes", "No")
    assert northgate["IMG share (%)"] == 60 and northgate["Positions"] == 12
    assert is_blank(found.loc["Riverbend Medicine", "Coordinator email"])  # what the file does not give stays blank
    lakeshore = found.loc["Lakeshore Internal Medicine"]
    assert lakeshore["Program ID"] == "1401" and lakeshore["Coordinator"] == "Pat Lee"  # blank filled, typed kept
    done, result = xlsx.regenerate_file(path)  # and regenerates with the new programs
    sheets = done.sheets
    fit = next(s.frame for s in sheets if s.name == "Fit")
    assert result.losses == [] and "Northgate Medicine" in set(fit["Program"])


def test_a_programs_sheet_with_shared_strings_is_matched_and_filled(season_xlsx, tmp_path, capsys):
    shared_strings(season_xlsx, "Programs")  # as Excel stores the text the applicant typed
    strings = members(season_xlsx)["xl/sharedStrings.xml"]
    source = tmp_path / "list.csv"
    source.write_text("Program,State,City,Program ID,Coordinator\n"
                      "Lakeshore Internal Medicine,IL,Chicago,1401,Someone Else\n", encoding="utf-8")
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0 and lines[0].startswith("Added no programs, filled 1 blank cell in 1 program, left 1 conflict")
    assert "yours 'Pat Lee', the file's 'Someone Else'" in lines[1]
    assert members(season_xlsx)["xl/sharedStrings.xml"] == strings  # new text goes into the cells themselves
    assert programs(season_xlsx)["Lakeshore Internal Medicine"]["Program ID"] == "1401"


def test_a_date_in_a_cell_without_a_date_format_gets_one(season_xlsx, tmp_path, capsys):
    sheet, _ = programs_parts(season_xlsx)
    xml = members(season_xlsx)[sheet].decode()
    _inject(season_xlsx, {sheet: re.sub(r'(<c r="N\d+") s="\d+"', r"\1", xml).encode()})  # no formats in the column
    source = tmp_path / "list.csv"
    source.write_text("Program,City,State,Interview date\nNew Program,Boston,MA,2027-01-14\n", encoding="utf-8")
    assert run(capsys, "import", str(source), "--into", str(season_xlsx))[0] == 0
    ws = openpyxl.load_workbook(season_xlsx)["Programs"]
    assert ws["N6"].value == dt.datetime(2027, 1, 14) and ws["N6"].number_format == newbook.DATE_FORMAT
    season = xlsx.read_season(season_xlsx)
    row = season.programs[season.programs["Program"] == "New Program"].iloc[0]
    assert row["Interview date"] == dt.datetime(2027, 1, 14)
