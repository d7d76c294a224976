"""The headless adapter on real files: template, reading, writing, and keeping everything else."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlwings
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

from xlresidency.core import schema
from xlresidency.core.errors import WorkbookError
from xlresidency.core.settings import setting_rows
from xlresidency.sheets import GENERATED_NOTE, OutputSheet
from xlresidency.workbook import newbook, xlsx

INPUTS = [t.name for t in schema.INPUT_TABLES]


def cells(ws) -> dict[str, tuple]:
    """Every cell of a sheet with its value, type, number format and fill."""
    return {c.coordinate: (c.value, c.data_type, c.number_format, c.fill.fgColor.rgb)
            for row in ws.iter_rows() for c in row if c.value is not None or c.has_style}


def sheet_values(path: Path, name: str) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return [tuple(r) for r in book[name].iter_rows(values_only=True)]


# ---- the template ---------------------------------------------------------------------------------------


def test_template_matches_the_schema(tmp_path):
    path = newbook.new_workbook(tmp_path / "new.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == INPUTS
    for spec in schema.INPUT_TABLES:
        ws = book[spec.name]
        assert spec.name in ws.tables, spec.name
        table = ws.tables[spec.name]
        header = [c.value for c in next(iter(ws[table.ref]))]
        assert header == [c.name for c in spec.columns]
        assert ws["A1"].value == spec.hint
        assert ws.freeze_panes == "A3"
        for i, col in enumerate(spec.columns, start=1):
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width == col.width
        if not spec.key_value:
            lists = {str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in ws.data_validations.dataValidation}
            for i, col in enumerate(spec.columns, start=1):
                letter = openpyxl.utils.get_column_letter(i)
                if col.dropdown:
                    assert lists[letter] == '"' + ",".join(col.dropdown) + '"'
                else:
                    assert letter not in lists
                if col.kind == "date":
                    assert ws.cell(row=3, column=i).number_format == "yyyy-mm-dd"
    profile = book["Profile"]
    assert [profile.cell(row=r, column=1).value for r in range(3, 3 + len(schema.PROFILE_FIELDS))] == [
        f.name for f in schema.PROFILE_FIELDS]
    visa_row = 3 + [f.name for f in schema.PROFILE_FIELDS].index("Visa needed")
    assert any(f"B{visa_row}" in str(dv.sqref) and "J-1 or H-1B" in dv.formula1
               for dv in profile.data_validations.dataValidation)
    settings = book["Settings"]
    rows = list(settings.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == [row.label for row in setting_rows()]
    assert all(r[2] for r in rows)
    templates = book["Templates"]
    assert templates.max_row >= 5  # the packaged email templates


def test_template_reads_back_with_only_the_expected_problems(tmp_path):
    season = xlsx.read_season(newbook.new_workbook(tmp_path / "new.xlsx"))
    found = {(p.sheet, p.problem) for p in season.problems}
    assert found == {("Profile", "Full name is blank"), ("Programs", "There are no programs to plan with"),
                     ("Profile", "Applicant kind is blank and you need no visa: read as US-citizen IMG")}
    assert season.settings == type(season.settings)()
    assert len(season.templates) >= 3


def test_new_refuses_to_overwrite(season_xlsx):
    with pytest.raises(WorkbookError, match="already exists"):
        newbook.new_workbook(season_xlsx)


# ---- reading ------------------------------------------------------------------------------------------


def test_round_trip_read(season_xlsx):
    season = xlsx.read_season(season_xlsx)
    assert season.problems == []
    assert list(season.programs["Program"]) == ["Lakeshore Internal Medicine", "Prairie Valley Medicine",
                                                "Harbor Point Medicine"]
    assert list(season.programs.index) == [3, 4, 5]
    assert season.programs.loc[4, "Interview date"] == pd.Timestamp("2027-01-26")
    assert season.profile.full_name == "Amina Test"
    assert season.commitments.loc[3, "Can move"] == "No"


def _sheet_part(path: Path, title: str) -> str:
    book = openpyxl.load_workbook(path)
    return f"xl/worksheets/sheet{book.sheetnames.index(title) + 1}.xml"


def test_formulas_in_inputs_are_read_by_their_computed_value(season_xlsx):
    book = openpyxl.load_workbook(season_xlsx)
    ws = book["Programs"]
    ws["Q3"] = "=3+4"  # My rank computed by a formula
    ws["Z3"] = '="Dr. "&"Rivera"'  # Coordinator computed by a formula
    book.save(season_xlsx)
    part = _sheet_part(season_xlsx, "Programs")
    with zipfile.ZipFile(season_xlsx) as archive:
        xml = archive.read(part).decode()
    # what Excel stores after computing: the formula and its last value
    xml = re.sub(r'(<c r="Q3"[^>]*>)<f>3\+4</f><v ?/>', r"\1<f>3+4</f><v>7</v>", xml)
    xml = re.sub(r'<c r="Z3"([^>]*)><f>(.*?)</f><v ?/>', r'<c r="Z3"\1 t="str"><f>\2</f><v>Dr. Rivera</v>', xml)
    assert "<v>7</v>" in xml and "<v>Dr. Rivera</v>" in xml
    _inject(season_xlsx, {part: xml.encode()})
    season = xlsx.read_season(season_xlsx)
    assert season.programs.loc[3, "My rank"] == 7
    assert season.programs.loc[3, "Coordinator"] == "Dr. Rivera"
    xlsx.regenerate_file(season_xlsx)
    assert openpyxl.load_workbook(season_xlsx)["Programs"]["Q3"].value == "=3+4"  # the formula itself is kept


def test_error_values_are_read_as_errors_and_named(season_xlsx):
    part = _sheet_part(season_xlsx, "Programs")
    with zipfile.ZipFile(season_xlsx) as archive:
        xml = archive.read(part).decode()
    column = openpyxl.load_workbook(season_xlsx)["Programs"]["K2"].value
    xml, count = re.subn(r'<c r="K4"([^>]*?)(?: t="\w+")?(?:/>|>.*?</c>)',
                         r'<c r="K4"\1 t="e"><f>VLOOKUP(A4,Other!A:B,2,FALSE)</f><v>#N/A</v></c>', xml, count=1)
    assert count == 1
    _inject(season_xlsx, {part: xml.encode()})
    raw = xlsx.read_tables(season_xlsx)["Programs"]
    assert raw.rows[1][raw.headers.index(column)] == "#N/A"
    season = xlsx.read_season(season_xlsx)
    assert any(p.row == 4 and p.column == column and "#N/A" in p.problem for p in season.problems)


def test_a_date_cell_beyond_any_calendar_is_read_as_its_number(season_xlsx):
    book = openpyxl.load_workbook(season_xlsx)
    ws = book["Programs"]
    column = [c.value for c in ws[2]].index("Interview date") + 1
    ws.cell(row=3, column=column).value = -1e12  # date-formatted: calamine's date conversion panics on it
    book.save(season_xlsx)
    raw = xlsx.read_tables(season_xlsx)["Programs"]
    assert raw.rows[0][column - 1] == -1e12 and raw.rows[1][column - 1] == 46413  # that sheet read from its XML
    season = xlsx.read_season(season_xlsx)
    assert any(p.row == 3 and p.column == "Interview date" and "not a date" in p.problem for p in season.problems)


def test_pasted_data_without_a_table_is_read(tmp_path, season_xlsx):
    book = openpyxl.load_workbook(season_xlsx)
    ws = book["Ratings"]
    del ws.tables["Ratings"]
    book.save(season_xlsx)
    season = xlsx.read_season(season_xlsx)
    assert len(season.ratings) == 1
    assert any("no Excel table" in p.problem for p in season.problems)


# ---- writing ------------------------------------------------------------------------------------------


def test_regenerate_writes_output_sheets_after_the_inputs(season_xlsx):
    done, result = xlsx.regenerate_file(season_xlsx)
    _, sheets = done.plan.season, done.sheets
    book = openpyxl.load_workbook(season_xlsx)
    assert book.sheetnames == INPUTS + [s.name for s in sheets]
    checks = book["Checks"]
    assert checks["A1"].value.startswith(GENERATED_NOTE)
    assert [c.value for c in checks[2]] == ["Sheet", "Row", "Column", "Problem", "How to fix"]
    assert result.backup == season_xlsx.with_name("season.backup.xlsx") and result.backup.exists()


def test_inputs_are_unchanged_cell_by_cell(season_xlsx):
    before = openpyxl.load_workbook(season_xlsx)
    xlsx.regenerate_file(season_xlsx)
    xlsx.regenerate_file(season_xlsx)
    after = openpyxl.load_workbook(season_xlsx)
    for name in INPUTS:
        assert cells(after[name]) == cells(before[name]), name
        assert dict(after[name].tables.items()) == dict(before[name].tables.items())
        assert [(str(dv.sqref), dv.formula1) for dv in after[name].data_validations.dataValidation] == [
            (str(dv.sqref), dv.formula1) for dv in before[name].data_validations.dataValidation]


def test_regenerating_twice_gives_identical_sheets(season_xlsx, tmp_path):
    done, _ = xlsx.regenerate_file(season_xlsx)
    _, sheets = done.plan.season, done.sheets
    first = {s.name: sheet_values(season_xlsx, s.name) for s in sheets}
    xlsx.regenerate_file(season_xlsx)
    second = {s.name: sheet_values(season_xlsx, s.name) for s in sheets}
    assert first == second


def test_out_writes_elsewhere_and_leaves_the_original(season_xlsx, tmp_path):
    original = season_xlsx.read_bytes()
    out = tmp_path / "sub" / "result.xlsx"
    _, result = xlsx.regenerate_file(season_xlsx, out=out)
    assert result.path == out and out.exists()
    assert season_xlsx.read_bytes() == original
    assert "Checks" in openpyxl.load_workbook(out).sheetnames


def test_out_must_keep_the_extension(season_xlsx, tmp_path):
    with pytest.raises(WorkbookError, match="same extension"):
        xlsx.regenerate_file(season_xlsx, out=tmp_path / "result.csv")


def test_a_failed_save_leaves_the_file_and_no_temporary_files(season_xlsx, monkeypatch):
    original = season_xlsx.read_bytes()
    real_writestr = zipfile.ZipFile.writestr
    written: list[str] = []

    def disk_fills_up(self, info, data, *args, **kwargs):
        if len(written) == 3:
            raise OSError("disk full")
        written.append(str(info))
        return real_writestr(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_fills_up)
    with pytest.raises(WorkbookError, match=r"cannot write here \(disk full\)"):
        xlsx.regenerate_file(season_xlsx)
    assert written  # the new file was being written when the disk filled up
    assert season_xlsx.read_bytes() == original
    assert sorted(p.name for p in season_xlsx.parent.iterdir()) == ["season.xlsx"]


def test_backup_holds_the_previous_version(season_xlsx):
    xlsx.regenerate_file(season_xlsx)
    first = season_xlsx.read_bytes()
    xlsx.regenerate_file(season_xlsx)
    assert xlsx.backup_path(season_xlsx).read_bytes() == first


@pytest.mark.parametrize("lock_name", ["~$season.xlsx", "~$ason.xlsx"])
def test_refuses_a_workbook_open_in_excel(season_xlsx, lock_name):
    (season_xlsx.parent / lock_name).write_bytes(b"owner")
    original = season_xlsx.read_bytes()
    with pytest.raises(WorkbookError, match="open in Excel"):
        xlsx.regenerate_file(season_xlsx)
    assert season_xlsx.read_bytes() == original
    assert not xlsx.backup_path(season_xlsx).exists()


def test_formula_looking_text_stays_text(season_xlsx):
    sneaky = '=HYPERLINK("http://example.org","click")'
    frame = pd.DataFrame({"Sheet": ["Programs"], "Row": [3], "Column": ["Notes"], "Problem": [sneaky],
                          "How to fix": ["=1+1"]})
    xlsx.write_outputs(season_xlsx, [OutputSheet("Checks", frame)])
    ws = openpyxl.load_workbook(season_xlsx)["Checks"]
    assert ws["D3"].value == sneaky and ws["D3"].data_type == "s"
    assert ws["E3"].value == "=1+1" and ws["E3"].data_type == "s"
    with zipfile.ZipFile(season_xlsx) as archive:
        sheet_xml = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in xml for xml in sheet_xml)


def test_program_named_like_a_formula_is_read_as_text(season_xlsx):
    book = openpyxl.load_workbook(season_xlsx)
    cell = book["Programs"]["A3"]
    cell.value = '=HYPERLINK("http://example.org")'
    cell.data_type = "s"
    book.save(season_xlsx)
    done, _ = xlsx.regenerate_file(season_xlsx)
    season, _ = done.plan.season, done.sheets
    assert season.programs.loc[3, "Program"] == '=HYPERLINK("http://example.org")'


# ---- keeping everything else --------------------------------------------------------------------------


def decorate(path: Path) -> None:
    """Add what a real applicant's workbook holds beside our tables."""
    book = openpyxl.load_workbook(path)
    mine = book.create_sheet("My notes")
    for r, (label, amount) in enumerate([("Flights", 420), ("Hotels", 300), ("Food", 90)], start=1):
        mine.cell(row=r, column=1, value=label)
        mine.cell(row=r, column=2, value=amount)
    mine["B4"] = "=SUM(B1:B3)"
    chart = BarChart()
    chart.title = "Costs"
    chart.add_data(Reference(mine, min_col=2, min_row=1, max_row=3))
    mine.add_chart(chart, "D2")
    picture = io.BytesIO()
    PILImage.new("RGB", (40, 20), "navy").save(picture, format="PNG")
    mine.add_image(Image(picture), "D20")
    book["Programs"]["A3"].comment = Comment("my first choice", "Amina")
    book.defined_names["Budget"] = DefinedName("Budget", attr_text="'My notes'!$B$4")
    book["Programs"].conditional_formatting.add(
        "Q3:Q200", CellIsRule(operator="lessThan", formula=["4"], fill=PatternFill("solid", fgColor="FFFF00")))
    extra = DataValidation(type="whole", operator="between", formula1="0", formula2="10")
    extra.add("C1:C10")
    mine.add_data_validation(extra)
    book.save(path)


def test_everything_else_is_kept(season_xlsx):
    decorate(season_xlsx)
    _, result = xlsx.regenerate_file(season_xlsx)
    assert result.losses == []
    book = openpyxl.load_workbook(season_xlsx)
    mine = book["My notes"]
    assert mine["B4"].value == "=SUM(B1:B3)"
    assert len(mine._charts) == 1 and len(mine._images) == 1
    assert book["Programs"]["A3"].comment.text == "my first choice"
    assert book.defined_names["Budget"].attr_text == "'My notes'!$B$4"
    rules = book["Programs"].conditional_formatting
    assert [str(r.sqref) for r in rules] == ["Q3:Q200"]
    assert [(str(dv.sqref), dv.formula2) for dv in mine.data_validations.dataValidation] == [("C1:C10", "10")]
    with zipfile.ZipFile(season_xlsx) as archive:
        assert any(n.startswith("xl/media/") for n in archive.namelist())
        assert any(n.startswith("xl/charts/") for n in archive.namelist())


def test_output_sheet_keeps_its_place_among_user_sheets(season_xlsx):
    xlsx.regenerate_file(season_xlsx)
    book = openpyxl.load_workbook(season_xlsx)
    book.move_sheet("Checks", offset=-len(book.sheetnames) + 1)
    book.create_sheet("Mine", 1)
    book.save(season_xlsx)
    xlsx.regenerate_file(season_xlsx)
    names = openpyxl.load_workbook(season_xlsx).sheetnames
    assert names[:2] == ["Checks", "Mine"]


def _inject(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    entries.update(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def test_parts_openpyxl_would_drop_are_carried_over_and_the_file_regenerated_in_place(season_xlsx):
    slicer = b'<slicers xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"/>'
    _inject(season_xlsx, {"xl/slicers/slicer1.xml": slicer})
    _, result = xlsx.regenerate_file(season_xlsx)
    assert result.losses == [] and result.path == season_xlsx
    with zipfile.ZipFile(season_xlsx) as archive:
        assert archive.read("xl/slicers/slicer1.xml") == slicer
    assert not season_xlsx.with_name("season (regenerated).xlsx").exists()


def test_a_damaged_part_is_named_and_the_original_is_not_overwritten(season_xlsx):
    _inject(season_xlsx, {"xl/media/image1.png": b"\x89PNG" + b"picture data " * 200})
    data = bytearray(season_xlsx.read_bytes())
    with zipfile.ZipFile(season_xlsx) as archive:
        info = archive.getinfo("xl/media/image1.png")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF  # the picture's bytes no longer match their checksum
    season_xlsx.write_bytes(bytes(data))
    original = season_xlsx.read_bytes()
    _, result = xlsx.regenerate_file(season_xlsx)
    assert len(result.losses) == 1 and "xl/media/image1.png" in result.losses[0]
    assert result.path == season_xlsx.with_name("season (regenerated).xlsx") and result.path.exists()
    assert season_xlsx.read_bytes() == original
    assert "Checks" in openpyxl.load_workbook(result.path).sheetnames


def _macro_workbook_with_ribbon(tmp_path: Path) -> Path:
    """A real .xlsm with a VBA project (from xlwings' quickstart) and a ribbon part, plus our input tables."""
    package = Path(xlwings.__file__).parent
    base = tmp_path / "base.xlsm"
    shutil.copy(package / "quickstart.xlsm", base)
    with zipfile.ZipFile(package / "quickstart_addin_ribbon.xlam") as addin:
        ribbon = addin.read("customUI/customUI.xml")
    _inject(base, {"customUI/customUI.xml": ribbon})
    with zipfile.ZipFile(base) as archive:
        rels = archive.read("_rels/.rels").replace(
            b"</Relationships>",
            b'<Relationship Id="rIdRibbon" Type="http://schemas.microsoft.com/office/2007/relationships/ui/'
            b'extensibility" Target="customUI/customUI.xml"/></Relationships>')
    _inject(base, {"_rels/.rels": rels})
    book = openpyxl.load_workbook(base, keep_vba=True)
    from conftest import small_season_rows

    rows = small_season_rows()
    for spec in schema.INPUT_TABLES:
        if spec.name in ("Programs", "Commitments", "Ratings"):
            newbook._add_input_sheet(book, spec, rows[spec.name])
        elif spec.name == "Profile":
            newbook._add_input_sheet(book, spec, rows["Profile"])
    path = tmp_path / "season.xlsm"
    newbook.save_atomically(book, path, original=base)
    return path


def test_macro_workbook_keeps_vba_and_ribbon(tmp_path):
    path = _macro_workbook_with_ribbon(tmp_path)
    with zipfile.ZipFile(path) as archive:
        vba = archive.read("xl/vbaProject.bin")
    xlsx.regenerate_file(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert archive.read("xl/vbaProject.bin") == vba
        assert "customUI/customUI.xml" in names
        rels = archive.read("_rels/.rels").decode()
        assert "relationships/ui/extensibility" in rels and 'Target="customUI/customUI.xml"' in rels
        types = archive.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert "Checks" in openpyxl.load_workbook(path, keep_vba=True).sheetnames


# ---- bad files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b""), "the file is empty"),
        (lambda p: p.write_text("Program,City\nA,Boston\n"), "not a valid Excel workbook"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "password-protected"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path, make, message):
    path = tmp_path / "season.xlsx"
    make(path)
    with pytest.raises(WorkbookError, match=message):
        xlsx.regenerate_file(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "season.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(WorkbookError, match="cannot be read as an Excel workbook"):
        xlsx.regenerate_file(path)


@pytest.mark.parametrize("name", ["season.xls", "season.csv"])
def test_other_extensions(tmp_path, name):
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(WorkbookError):
        xlsx.regenerate_file(path)


def test_a_workbook_made_before_the_application_columns_still_regenerates(season_xlsx: Path) -> None:
    book = openpyxl.load_workbook(season_xlsx)
    ws = book["Programs"]
    table = ws.tables["Programs"]
    new = [c.name for c in schema.PROGRAM_COLUMNS if c.new]
    first = len(schema.PROGRAM_COLUMNS) - len(new) + 1
    ws.delete_cols(first, len(new))
    _, min_row, _, max_row = openpyxl.utils.range_boundaries(table.ref)
    table.ref = f"A{min_row}:{openpyxl.utils.get_column_letter(first - 1)}{max_row}"
    table.tableColumns = table.tableColumns[: first - 1]
    table.autoFilter.ref = table.ref
    profile = book["Profile"]
    for row in range(profile.max_row, 2, -1):
        if profile.cell(row=row, column=1).value in {c.name for c in schema.PROFILE_FIELDS if c.new}:
            profile.delete_rows(row)
    profile.tables["Profile"].ref = f"A2:B{profile.max_row}"
    profile.tables["Profile"].autoFilter.ref = profile.tables["Profile"].ref
    book.save(season_xlsx)
    done, _ = xlsx.regenerate_file(season_xlsx)
    _, sheets = done.plan.season, done.sheets
    checks = next(s.frame for s in sheets if s.name == "Checks")
    named = checks[checks["Problem"].str.contains("new in this version")]
    assert sorted(named.loc[named["Sheet"] == "Programs", "Column"]) == sorted(new)
    assert (named["Sheet"] == "Profile").sum() == sum(c.new for c in schema.PROFILE_FIELDS)
    applications = next(s.frame for s in sheets if s.name == "Applications")
    assert len(applications) == 3


# ---- nothing lost: links, another program's save, crashes and full disks ------------------------------------


def test_a_workbook_given_through_a_link_is_written_where_the_link_points(season_xlsx, tmp_path):
    (tmp_path / "Dropbox").mkdir()
    real = tmp_path / "Dropbox" / "season.xlsx"
    season_xlsx.rename(real)
    season_xlsx.symlink_to(real)
    original = real.read_bytes()
    _, result = xlsx.regenerate_file(season_xlsx)
    assert season_xlsx.is_symlink() and result.path == season_xlsx
    assert "Checks" in openpyxl.load_workbook(real).sheetnames
    assert result.backup == tmp_path / "Dropbox" / "season.backup.xlsx" and result.backup.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dropbox", "season.xlsx"]


def _saved_meanwhile(season_xlsx, monkeypatch, saves: list[bytes]) -> None:
    """Let another program save the workbook (a valid workbook with other bytes) while the run works."""
    real_graft = xlsx.graft

    def graft_while_excel_saves(parts, sheets):
        book = openpyxl.load_workbook(season_xlsx)
        book["Programs"]["A1"] = f"edited in Excel {len(saves)}"
        book.save(season_xlsx)
        saves.append(season_xlsx.read_bytes())
        return real_graft(parts, sheets)

    monkeypatch.setattr(xlsx, "graft", graft_while_excel_saves)


def test_a_save_by_another_program_during_the_run_is_kept_and_the_result_goes_beside_it(season_xlsx, monkeypatch,
                                                                                           capsys):
    from xlresidency import cli

    xlsx.regenerate_file(season_xlsx)
    backup = xlsx.backup_path(season_xlsx).read_bytes()
    saves: list[bytes] = []
    _saved_meanwhile(season_xlsx, monkeypatch, saves)
    assert cli.main(["regenerate", str(season_xlsx)]) == 0
    first = season_xlsx.with_name("season (regenerated).xlsx")
    assert season_xlsx.read_bytes() == saves[-1] and xlsx.backup_path(season_xlsx).read_bytes() == backup
    assert "Checks" in openpyxl.load_workbook(first).sheetnames
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "saved by another program" in err and "(regenerated)" in err
    assert cli.main(["regenerate", str(season_xlsx)]) == 0
    assert season_xlsx.with_name("season (regenerated 2).xlsx").exists() and first.exists()
    assert season_xlsx.read_bytes() == saves[-1]
    assert not [p for p in season_xlsx.parent.iterdir() if p.name.endswith(".partial")]


def _complete(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    return path.read_bytes()


@pytest.mark.parametrize(("step", "replaced"), [("writing", False), (("replace", 2), False), (("fsync", 2), True)])
def test_a_regeneration_killed_at_any_step_leaves_a_complete_workbook_and_backup(season_xlsx, step, replaced):
    import faults

    xlsx.regenerate_file(season_xlsx)
    before, backup = season_xlsx.read_bytes(), xlsx.backup_path(season_xlsx).read_bytes()

    def run():
        if step == "writing":
            xlsx.write_package = faults.half_then(xlsx.write_package, "kill")
        else:
            from xlresidency.core import fileio

            fileio.os = faults.FaultyOS({step: "kill"})
        xlsx.regenerate_file(season_xlsx)

    assert faults.killed(run) == -9
    assert _complete(season_xlsx) == before  # regenerating twice gives the same bytes
    assert _complete(xlsx.backup_path(season_xlsx)) == (before if replaced or step == ("replace", 2) else backup)
    assert bool(faults.leftovers(season_xlsx.parent)) is not replaced  # the killed run's new file, named for it
    xlsx.regenerate_file(season_xlsx)  # the next run cleans up after the killed one
    assert faults.leftovers(season_xlsx.parent) == []
    assert sorted(p.name for p in season_xlsx.parent.iterdir()) == ["season.backup.xlsx", "season.xlsx"]


def test_a_full_disk_while_the_workbook_is_written_is_one_line_and_loses_nothing(season_xlsx, monkeypatch, capsys):
    import faults
    from xlresidency import cli

    xlsx.regenerate_file(season_xlsx)
    before, backup = season_xlsx.read_bytes(), xlsx.backup_path(season_xlsx).read_bytes()
    monkeypatch.setattr(xlsx, "write_package", faults.half_then(xlsx.write_package, "enospc"))
    assert cli.main(["regenerate", str(season_xlsx)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "No space left on device" in err
    assert season_xlsx.read_bytes() == before and xlsx.backup_path(season_xlsx).read_bytes() == backup
    assert faults.leftovers(season_xlsx.parent) == []


def test_out_replaces_only_a_season_workbook_unless_forced(season_xlsx, tmp_path, capsys):
    from xlresidency import cli

    other = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "rent"
    book.save(other)
    before = other.read_bytes()
    assert cli.main(["regenerate", str(season_xlsx), "--out", str(other)]) == 1
    assert "budget.xlsx: already exists and is not a season workbook" in capsys.readouterr().err
    assert other.read_bytes() == before
    assert cli.main(["regenerate", str(season_xlsx), "--out", str(other), "--force"]) == 0
    assert xlsx.backup_path(other).read_bytes() == before and "Checks" in openpyxl.load_workbook(other).sheetnames
    assert cli.main(["regenerate", str(season_xlsx), "--out", str(other)]) == 0  # now a season workbook


def test_a_real_full_disk_loses_nothing(season_xlsx, small_disk, capsys):
    import faults
    from xlresidency import cli

    path = small_disk / "season.xlsx"
    shutil.copy(season_xlsx, path)
    xlsx.regenerate_file(path)
    before, backup = path.read_bytes(), xlsx.backup_path(path).read_bytes()
    filler = faults.fill(small_disk)
    assert cli.main(["regenerate", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "No space left on device" in err
    assert path.read_bytes() == before and xlsx.backup_path(path).read_bytes() == backup
    assert faults.leftovers(small_disk) == []
    filler.unlink()
    assert cli.main(["regenerate", str(path)]) == 0
    assert sorted(p.name for p in small_disk.iterdir()) == ["season.backup.xlsx", "season.xlsx"]
