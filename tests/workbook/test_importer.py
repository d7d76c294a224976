"""Importing programs from a program database's export: headers by alias, values checked, nothing typed overwritten."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from conftest import small_season_rows
from factories import BASE_PROGRAM
from xlresidency import cli
from xlresidency.core import schema
from xlresidency.core.resources import resource_text
from xlresidency.workbook import importer, newbook, xlsx

FREIDA_CSV = """\
FREIDA Online export - Internal Medicine - 2027
Program name,ACGME ID,City,ST,Zip code,J1,H-1B visa,% IMG,Average Step 2,Email,PGY-1 positions,Website
Lakeshore Internal Medicine,1401,Chicago,IL,60611,Yes,True,45%,240,pat.lee@example.org,20,https://lakeshore.example
Northgate Medicine,1402,Detroit,MI,48201,Y,No,60%,230,coord@northgate.example,12,
Riverbend Medicine,1403,St. Louis,MO,63110,y,false,25 %,236,,8,
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, [line for line in captured.out.splitlines() if line.strip()], captured.err


def programs_sheet(path: Path) -> Any:
    return openpyxl.load_workbook(path)["Programs"]


def programs(path: Path) -> dict[str, dict[str, Any]]:
    """The Programs table as {program: {column: value}}."""
    ws = programs_sheet(path)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    headers = list(rows[0])
    return {r[0]: dict(zip(headers, r, strict=True)) for r in rows[1:] if r[0] is not None}


def covered(ws: Any, cell: str) -> list[str]:
    """The dropdown lists covering a cell."""
    return [dv.formula1 for dv in ws.data_validations.dataValidation if cell in dv.sqref]


@pytest.fixture
def freida_csv(tmp_path: Path) -> Path:
    path = tmp_path / "freida.csv"
    path.write_text(FREIDA_CSV, encoding="utf-8")
    return path


# --- The alias table ------------------------------------------------------------------------------------------


def test_the_packaged_aliases_name_only_programs_columns() -> None:
    known = importer.parse_aliases(resource_text(importer.ALIASES_FILE))
    assert set(known.values()) <= {c.name for c in schema.PROGRAM_COLUMNS} | {importer.VISAS}
    examples = {
        "Program": ["Program name", "Residency program", "Name"],
        "Program ID": ["ACGME ID", "Program code", "NRMP code"],
        "State": ["ST"],
        "ZIP": ["Zip code", "Postal code"],
        "Sponsors J-1": ["J1", "J-1 visa", "Visa J1"],
        "Sponsors H-1B": ["H1B", "h-1b VISA"],
        "IMG share (%)": ["% IMG", "IMG %", "International graduates (%)", "img share (%)"],
        "Typical Step 2 CK": ["Average Step 2", "Mean Step 2 CK"],
        "Coordinator email": ["Email", "Contact email", "E-mail"],
        "Positions": ["PGY-1 positions", "Positions offered"],
    }
    for column, headers in examples.items():
        for header in headers:
            assert known[schema.fold_choice(header)] == column, header
    for column in schema.PROGRAM_COLUMNS:  # every column is known by its own name
        assert known[schema.fold_choice(column.name)] == column.name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("column,alias\nProgram,Name\nCity,name\n", "already names Program"),
        ("column,alias\nWebsite,URL\n", "not a Programs column"),
        ("name,alias\n", "must have the columns"),
    ],
)
def test_a_malformed_alias_file_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        importer.parse_aliases(text)


# --- Adding programs ------------------------------------------------------------------------------------------


def test_a_csv_with_a_title_line_and_aliases(season_xlsx: Path, freida_csv: Path, capsys) -> None:
    code, lines, err = run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))
    assert code == 0 and err == ""
    assert lines[0].startswith("Added 2 programs, filled 3 blank cells in 1 program, left 3 conflicts; wrote ")
    assert "season.backup.xlsx" in lines[0]
    found = programs(season_xlsx)
    northgate = found["Northgate Medicine"]
    assert northgate["Program ID"] == "1402" and northgate["City"] == "Detroit" and northgate["State"] == "MI"
    assert northgate["ZIP"] == "48201" and northgate["Sponsors J-1"] == "Yes" and northgate["Sponsors H-1B"] == "No"
    assert northgate["IMG share (%)"] == 60 and northgate["Typical Step 2 CK"] == 230
    assert northgate["Coordinator email"] == "coord@northgate.example" and northgate["Positions"] == 12
    assert northgate["Specialty"] is None and northgate["My rank"] is None  # what the file does not give stays blank
    riverbend = found["Riverbend Medicine"]
    assert riverbend["IMG share (%)"] == 25 and riverbend["Sponsors J-1"] == "Yes"
    assert riverbend["Sponsors H-1B"] == "No" and riverbend["Coordinator email"] is None
    assert lines[-1] == "Not used: Website (no Programs column is known by this name)"


def test_an_xlsx_source(season_xlsx: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "explorer.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Export"
    ws.append(["Residency Explorer - saved programs"])
    ws.append([])
    ws.append(["Residency program", "NRMP code", "City", "State", "Visas", "IMG share", "Interview date"])
    ws.append(["Summit Valley Medicine", 1234567890, "Denver", "co", "J-1 only", 0.35, dt.datetime(2027, 1, 12)])
    ws.append(["Bayview Medicine", "1234567891", "Oakland", "CA", "J-1, H-1B", 0.5, "2027-01-19"])
    ws["F4"].number_format = ws["F5"].number_format = "0%"
    book.save(source)
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0 and lines[0].startswith("Added 2 programs,")
    found = programs(season_xlsx)
    summit = found["Summit Valley Medicine"]
    assert summit["Program ID"] == "1234567890" and summit["State"] == "CO" and summit["IMG share (%)"] == 35
    assert summit["Sponsors J-1"] == "Yes" and summit["Sponsors H-1B"] == "No"
    assert summit["Interview date"] == dt.datetime(2027, 1, 12)
    bayview = found["Bayview Medicine"]
    assert bayview["Sponsors J-1"] == bayview["Sponsors H-1B"] == "Yes" and bayview["IMG share (%)"] == 50
    assert bayview["Interview date"] == dt.datetime(2027, 1, 19)
    ws = programs_sheet(season_xlsx)
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "Bayview Medicine")
    assert ws.cell(row, 14).number_format == newbook.DATE_FORMAT  # Interview date shows as a date


def test_fractions_and_semicolons_and_windows_text(season_xlsx: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "shared.csv"
    text = "Program;City;State;IMG share\nHôpital Général Medicine;Boston;MA;0.4\nLake Medicine;Boston;MA;1\n"
    source.write_bytes(text.encode("cp1252"))
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0 and lines[0].startswith("Added 2 programs,")
    found = programs(season_xlsx)
    assert found["Hôpital Général Medicine"]["IMG share (%)"] == 40 and found["Lake Medicine"]["IMG share (%)"] == 100


def test_a_known_program_gets_its_blanks_filled_and_nothing_overwritten(season_xlsx: Path, tmp_path: Path,
                                                                      capsys) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "Program,State,City,Program ID,Coordinator,Notes,Positions,Sponsors J-1\n"
        "lakeshore  internal medicine,IL,Chicago,1401,Someone Else,From the shared list,18,Yes\n",
        encoding="utf-8",
    )
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0
    assert lines[0].startswith("Added no programs, filled 3 blank cells in 1 program, left 1 conflict; wrote ")
    assert lines[1] == ("Conflict: Lakeshore Internal Medicine (Programs row 3), Coordinator: yours 'Pat Lee', "
                        "the file's 'Someone Else' (file row 2); kept yours")
    lakeshore = programs(season_xlsx)["Lakeshore Internal Medicine"]
    assert lakeshore["Coordinator"] == "Pat Lee"  # typed by the applicant: kept
    assert (lakeshore["Program ID"], lakeshore["Notes"], lakeshore["Positions"]) == ("1401", "From the shared list", 18)
    assert len(programs(season_xlsx)) == 3


def test_programs_match_by_id_else_by_name_and_state(tmp_path: Path, capsys) -> None:
    rows = small_season_rows()
    rows["Programs"][0]["Program ID"] = "1401"
    book = newbook.new_workbook(tmp_path / "season.xlsx", rows)
    source = tmp_path / "list.csv"
    source.write_text(
        "Program,Program ID,City,State,Positions\n"
        "Lakeshore IM (renamed),1401,Chicago,IL,20\n"  # the same ID: the same program, whatever its name
        "Prairie Valley Medicine,,Madison,WI,10\n"  # no ID: the same name and state
        "Harbor Point Medicine,,Portland,ME,7\n"  # the same name elsewhere: not added (names are unique)
        ",9999,Nowhere,TX,3\n",
        encoding="utf-8",
    )
    code, lines, _ = run(capsys, "import", str(source), "--into", str(book))
    assert code == 0
    assert lines[0].startswith("Added no programs, filled 2 blank cells in 2 programs, left 1 conflict, "
                               "left out 2 rows; wrote ")
    assert lines[1] == ("Conflict: Lakeshore Internal Medicine (Programs row 3), Program: yours 'Lakeshore Internal "
                        "Medicine', the file's 'Lakeshore IM (renamed)' (file row 2); kept yours")
    assert lines[2].startswith("Not added: Harbor Point Medicine (file row 4): your Programs table has another "
                               "program of that name on row 5")
    assert lines[3] == "Not added: file row 5: no program name"
    found = programs(book)
    assert found["Lakeshore Internal Medicine"]["Positions"] == 20
    assert found["Prairie Valley Medicine"]["Positions"] == 10


def test_conflicts_and_bad_values_are_listed_one_per_line(season_xlsx: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "Program,City,State,IMG share (%),Typical Step 2 CK,ZIP,Sponsors J-1,Interview date\n"
        "Lakeshore Internal Medicine,Chicago,IL,45,235,60611,No,\n"
        "Eastfield Medicine,Newark,NJ,140,#N/A,ABCDE,Perhaps,03/04/2027\n",
        encoding="utf-8",
    )
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0
    assert lines[0].startswith("Added 1 program, filled 1 blank cell in 1 program, left 2 conflicts, "
                               "skipped 5 values; wrote ")
    assert lines[1:] == [
        "Conflict: Lakeshore Internal Medicine (Programs row 3), IMG share (%): yours 40, the file's 45 "
        "(file row 2); kept yours",
        "Conflict: Lakeshore Internal Medicine (Programs row 3), Sponsors J-1: yours 'Yes', the file's 'No' "
        "(file row 2); kept yours",
        "Skipped: Eastfield Medicine (file row 3), IMG share (%): 140 is out of range (0 to 100)",
        "Skipped: Eastfield Medicine (file row 3), Typical Step 2 CK: the file shows the error #N/A",
        "Skipped: Eastfield Medicine (file row 3), ZIP: 'ABCDE' is not a ZIP code",
        "Skipped: Eastfield Medicine (file row 3), Sponsors J-1: 'Perhaps' is not one of the allowed values",
        "Skipped: Eastfield Medicine (file row 3), Interview date: '03/04/2027' could be 3 April or 4 March",
    ]
    eastfield = programs(season_xlsx)["Eastfield Medicine"]
    assert eastfield["City"] == "Newark" and eastfield["IMG share (%)"] is None and eastfield["ZIP"] is None


def test_the_table_grows_with_its_formats_and_dropdowns(tmp_path: Path, capsys) -> None:
    rows = small_season_rows()
    rows["Programs"] = [{**BASE_PROGRAM, "Program": f"Program {i:03}"} for i in range(newbook.TEMPLATE_ROWS)]
    book = newbook.new_workbook(tmp_path / "season.xlsx", rows)
    last = 2 + newbook.TEMPLATE_ROWS  # the template's dropdowns and formats end here
    source = tmp_path / "list.csv"
    source.write_text("Program,City,State,Sponsors J-1,Interview date\n"
                      + "".join(f"New Program {i},Chicago,IL,Yes,2027-01-{10 + i}\n" for i in range(3)),
                      encoding="utf-8")
    code, lines, _ = run(capsys, "import", str(source), "--into", str(book))
    assert code == 0 and lines[0].startswith("Added 3 programs,")
    ws = programs_sheet(book)
    table = ws.tables["Programs"]
    last_column = get_column_letter(len(schema.INPUT_BY_NAME["Programs"].columns))
    assert table.ref == f"A2:{last_column}{last + 3}" and table.autoFilter.ref == table.ref
    assert range_boundaries(table.ref)[3] == last + 3
    for row in range(last + 1, last + 4):
        assert ws.cell(row, 1).value == f"New Program {row - last - 1}"
        assert covered(ws, f"G{row}") == covered(ws, f"G{last}") == ['"Yes,No,Unknown"']  # Sponsors J-1
        assert covered(ws, f"O{row}") == covered(ws, f"O{last}")  # Interview format: no value, still a dropdown
        assert ws.cell(row, 14).number_format == newbook.DATE_FORMAT  # Interview date
        assert ws.cell(row, 9).number_format == ws.cell(last, 9).number_format == "0"  # IMG share (%)
    assert not covered(ws, f"G{last + 4}")
    season = xlsx.read_season(book)
    assert len(season.programs) == newbook.TEMPLATE_ROWS + 3
    assert not [p for p in season.problems if p.sheet == "Programs"]


def test_text_that_looks_like_a_formula_stays_text(season_xlsx: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "list.csv"
    source.write_text('Program,City,State,Notes\n"=HYPERLINK(""http://example.org"")",Boston,MA,=1+1\n',
                      encoding="utf-8")
    code, _, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0
    ws = programs_sheet(season_xlsx)
    cell = ws["A6"]
    assert cell.value == '=HYPERLINK("http://example.org")' and cell.data_type == "s"
    assert ws["AB6"].value == "=1+1" and ws["AB6"].data_type == "s"


def test_the_workbook_still_regenerates(season_xlsx: Path, freida_csv: Path, capsys) -> None:
    assert run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))[0] == 0
    done, result = xlsx.regenerate_file(season_xlsx)
    season, sheets = done.plan.season, done.sheets
    assert result.path == season_xlsx
    names = set(season.programs["Program"])
    assert {"Lakeshore Internal Medicine", "Northgate Medicine", "Riverbend Medicine"} <= names
    fit = next(s.frame for s in sheets if s.name == "Fit")
    assert "Northgate Medicine" in set(fit["Program"])
    assert not [p for p in season.problems if p.sheet == "Programs"]


def test_the_backup_is_the_previous_version(season_xlsx: Path, freida_csv: Path, capsys) -> None:
    before = season_xlsx.read_bytes()
    run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))
    assert xlsx.backup_path(season_xlsx).read_bytes() == before
    assert season_xlsx.read_bytes() != before


def test_nothing_new_leaves_the_workbook_alone(season_xlsx: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Program,City,State\nLakeshore Internal Medicine,Chicago,IL\n", encoding="utf-8")
    before = season_xlsx.read_bytes()
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0 and lines == [f"Added no programs, filled no blank cells, left no conflicts; "
                                   f"{season_xlsx} was not changed"]
    assert season_xlsx.read_bytes() == before and not xlsx.backup_path(season_xlsx).exists()


# --- Files that cannot be used ------------------------------------------------------------------------------


def _workbook_named_csv(path: Path) -> None:
    book = openpyxl.Workbook()
    book.save(path.with_suffix(".tmp.xlsx"))
    path.with_suffix(".tmp.xlsx").rename(path)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("list.csv", None, "no such file"),
        ("list.csv", lambda p: p.write_bytes(b""), "the file is empty"),
        ("list.csv", lambda p: p.write_text("\n\n  \n"), "the file is empty"),
        ("list.txt", lambda p: p.write_text("Program,City\nA,B\n"), "not a CSV file or an Excel workbook"),
        ("list.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "old .xls workbooks are not supported"),
        ("list.csv", lambda p: p.write_text("Website,Region\nx,y\n"), "no headers of a program list"),
        ("list.csv", lambda p: p.write_text("City,State,ZIP\nBoston,MA,02115\n"), "no column names the programs"),
        ("list.csv", lambda p: p.write_bytes(b"Program,City\n\x81\x8d\x8f\x90\x9d,Boston\n"), "cannot read the text"),
        ("list.csv", lambda p: p.write_bytes(b"Program,City\x00\x00\n"), "cannot read the text"),
        ("list.csv", _workbook_named_csv, "is an Excel workbook, not a CSV file"),
        ("list.xlsx", lambda p: p.write_text("Program,City\nA,B\n"), "not a valid Excel workbook"),
        ("list.xlsx", lambda p: zipfile.ZipFile(p, "w").close(), "cannot be read as an Excel workbook"),
        ("folder.csv", lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_a_bad_file_gives_one_line_and_leaves_the_workbook_alone(season_xlsx: Path, tmp_path: Path, capsys, name,
                                                                  make, message) -> None:
    source = tmp_path / name
    if make:
        make(source)
    before = season_xlsx.read_bytes()
    code, lines, err = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 1 and lines == []
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert season_xlsx.read_bytes() == before and not xlsx.backup_path(season_xlsx).exists()


def test_an_xlsx_without_a_program_list(season_xlsx: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Hotel", "Price"])
    book.save(source)
    code, _, err = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 1 and "no headers of a program list" in err


@pytest.mark.parametrize("kind", ["missing", "not a season workbook", "not a workbook"])
def test_the_book_must_be_a_season_workbook(tmp_path: Path, freida_csv: Path, capsys, kind: str) -> None:
    book = tmp_path / "book.xlsx"
    if kind == "not a season workbook":
        openpyxl.Workbook().save(book)
    elif kind == "not a workbook":
        book.write_text("hello")
    before = book.read_bytes() if book.exists() else None
    code, lines, err = run(capsys, "import", str(freida_csv), "--into", str(book))
    assert code == 1 and lines == [] and len(err.strip().splitlines()) == 1
    assert {"missing": "no such file", "not a season workbook": "has no Programs table",
            "not a workbook": "not a valid Excel workbook"}[kind] in err
    assert (book.read_bytes() if book.exists() else None) == before


def test_a_workbook_open_in_excel_is_refused(season_xlsx: Path, freida_csv: Path, capsys) -> None:
    (season_xlsx.parent / ("~$" + season_xlsx.name)).write_bytes(b"x")
    before = season_xlsx.read_bytes()
    code, _, err = run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))
    assert code == 1 and "open in Excel" in err
    assert season_xlsx.read_bytes() == before


def test_the_table_cannot_grow_over_cells_below_it(season_xlsx: Path, freida_csv: Path, capsys) -> None:
    book = openpyxl.load_workbook(season_xlsx)
    book["Programs"]["C7"] = "my own note below the table"
    book.save(season_xlsx)
    before = season_xlsx.read_bytes()
    code, _, err = run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))
    assert code == 1 and "C7, below the Programs table, is not empty" in err
    assert season_xlsx.read_bytes() == before


def test_the_command_needs_into(freida_csv: Path, capsys) -> None:
    code, _, err = run(capsys, "import", str(freida_csv))
    assert code == 1 and "--into" in err


@pytest.mark.parametrize(
    ("cell", "j1", "h1b"),
    [
        ("J-1, H-1B", "Yes", "Yes"),
        ("J1 only", "Yes", "No"),
        ("H1B", None, "Yes"),
        ("None", "No", "No"),
        ("Does not sponsor visas", "No", "No"),
        ("No J-1; H-1B", "skipped", "skipped"),
        ("Maybe", "skipped", "skipped"),
    ],
)
def test_one_visa_column_fills_both(season_xlsx: Path, tmp_path: Path, capsys, cell: str, j1: str | None,
                                    h1b: str | None) -> None:
    source = tmp_path / "list.csv"
    source.write_text(f'Program,City,State,Visa sponsorship\nNew Program,Boston,MA,"{cell}"\n', encoding="utf-8")
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0
    added = programs(season_xlsx)["New Program"]
    if j1 == "skipped":
        assert lines[1].startswith("Skipped: New Program (file row 2), Visas sponsored: ")
        assert added["Sponsors J-1"] is None and added["Sponsors H-1B"] is None
    else:
        assert (added["Sponsors J-1"], added["Sponsors H-1B"]) == (j1, h1b)


def test_a_visa_column_of_its_own_wins_and_a_repeated_header_is_named(season_xlsx: Path, tmp_path: Path,
                                                                       capsys) -> None:
    source = tmp_path / "list.csv"
    source.write_text("Program,City,State,Sponsors H-1B,Visas,Email,Contact email\n"
                      "New Program,Boston,MA,No,\"J-1, H-1B\",a@example.org,b@example.org\n", encoding="utf-8")
    code, lines, _ = run(capsys, "import", str(source), "--into", str(season_xlsx))
    assert code == 0
    added = programs(season_xlsx)["New Program"]
    assert (added["Sponsors J-1"], added["Sponsors H-1B"], added["Coordinator email"]) == ("Yes", "No", "a@example.org")
    assert lines[-1] == "Not used: Contact email (an earlier column of the file gives Coordinator email)"


def test_parts_openpyxl_would_drop_are_kept_and_the_workbook_written_in_place(season_xlsx: Path, freida_csv: Path,
                                                                              capsys) -> None:
    slicer = b"<slicer/>"
    with zipfile.ZipFile(season_xlsx, "a") as archive:  # a slicer part: an openpyxl save would drop it
        archive.writestr("xl/slicers/slicer1.xml", slicer)
    code, lines, err = run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))
    assert code == 0 and f"; wrote {season_xlsx} " in lines[0] and err == ""
    assert not importer.imported_copy_path(season_xlsx).exists()
    with zipfile.ZipFile(season_xlsx) as archive:
        assert archive.read("xl/slicers/slicer1.xml") == slicer
    assert "Northgate Medicine" in programs(season_xlsx)


def test_a_workbook_with_a_damaged_part_gets_a_copy(season_xlsx: Path, freida_csv: Path, capsys) -> None:
    with zipfile.ZipFile(season_xlsx, "a") as archive:  # stored uncompressed, so one changed byte fails its check
        archive.writestr(zipfile.ZipInfo("xl/extra/notes.xml"), b"<notes>" + b"x" * 200 + b"</notes>")
    data = bytearray(season_xlsx.read_bytes())
    data[data.index(b"<notes>") + 50] ^= 0x01
    season_xlsx.write_bytes(bytes(data))
    before = season_xlsx.read_bytes()
    code, lines, err = run(capsys, "import", str(freida_csv), "--into", str(season_xlsx))
    copy_path = importer.imported_copy_path(season_xlsx)
    assert code == 0 and lines[0].endswith(f"; wrote {copy_path}")
    assert "the damaged part xl/extra/notes.xml" in err and "Your original was left unchanged" in err
    assert season_xlsx.read_bytes() == before and "Northgate Medicine" in programs(copy_path)


def test_an_import_during_another_programs_save_goes_beside_it(season_xlsx, monkeypatch, tmp_path, capsys):
    source = tmp_path / "freida.csv"
    source.write_text("Program,City,State\nNew Harbor Medicine,Boston,MA\n", encoding="utf-8")
    real_write_into = importer.ProgramsTable.write_into

    def write_while_excel_saves(self, parts):
        os.utime(season_xlsx, ns=(1, 1))  # a save that kept the bytes still has another modification time
        return real_write_into(self, parts)

    monkeypatch.setattr(importer.ProgramsTable, "write_into", write_while_excel_saves)
    original = season_xlsx.read_bytes()
    assert cli.main(["import", str(source), "--into", str(season_xlsx)]) == 0
    copy = season_xlsx.with_name("season (imported).xlsx")
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "saved by another program" in err and copy.name in err
    assert season_xlsx.read_bytes() == original and season_xlsx.stat().st_mtime_ns == 1
    assert not xlsx.backup_path(season_xlsx).exists()
    assert "New Harbor Medicine" in xlsx.read_season(copy).programs["Program"].tolist()
