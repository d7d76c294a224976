"""Lossless by construction: regenerating rewrites only the parts it owns and copies every other part byte for byte.

The workbooks here hold what real ones do beside our tables (formulas with their stored results, shared strings,
a user sheet with a chart and a pivot table, custom XML, an Office add-in's web extension, a VBA project), built
with openpyxl and then given the parts openpyxl cannot write, the way Excel stores them.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlwings

from conftest import small_season_rows
from test_xlsx import _inject, decorate
from xlresidency.core import schema
from xlresidency.sheets import OutputSheet
from xlresidency.workbook import newbook, package, xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def owned_parts(path: Path) -> set[str]:
    """The parts regeneration may write: the output sheets with what hangs off them, and the lists of parts."""
    parts = members(path)
    main = package.main_part(parts)
    sheets = [e.part for e in package.workbook_sheets(parts) if e.name in schema.OUTPUT_SHEETS]
    mine = package.reachable(parts, sheets)
    styles = [r.target for r in package.relationships(parts, main) if r.type == package.REL_STYLES]
    return mine | {package.rels_name(p) for p in mine} | {main, package.rels_name(main), "[Content_Types].xml",
                                                           *styles}


def assert_valid_package(path: Path) -> None:
    """The OOXML packaging rules Excel enforces that can be checked here without Excel."""
    parts = members(path)
    types = parts["[Content_Types].xml"].decode()
    defaults = {e.lower() for e in re.findall(r'<Default Extension="([^"]+)"', types)}
    overrides = {p.lower() for p in re.findall(r'<Override PartName="([^"]+)"', types)}
    assert len(overrides) == len(re.findall(r"<Override ", types)), "a part has two content types"
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        assert f"/{name}".lower() in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name}: no type"
    for override in overrides:
        assert override.lstrip("/") in {n.lower() for n in parts}, f"{override}: typed but missing"
    for name in parts:
        if name.endswith(".rels"):
            source = package.source_of(name)
            rels = package.relationships(parts, source)
            assert len({r.id for r in rels}) == len(rels), f"{name}: duplicate relationship ids"
            for rel in rels:
                assert rel.external or rel.target in parts, f"{name}: {rel.target} does not exist"
    entries = package.workbook_sheets(parts)
    assert len({e.sheet_id for e in entries}) == len(entries) and len({e.rel_id for e in entries}) == len(entries)
    assert len({e.name.lower() for e in entries}) == len(entries)
    assert all(0 < len(e.name) <= 31 and e.part in parts for e in entries)


# --------------------------------------------------------------------------------------------------
# Building workbooks that hold what openpyxl cannot write.


def _add_parts(path: Path, parts: dict[str, bytes], types: dict[str, str], rels: dict[str, list[tuple]]) -> None:
    """Add parts, their content types and relationships ((id, type, target) per source part) to a package."""
    current = members(path)
    extra = dict(parts)
    content = current["[Content_Types].xml"].decode()
    content = content.replace("</Types>", "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in types.items()) + "</Types>")
    extra["[Content_Types].xml"] = content.encode()
    for source, added in rels.items():
        name = package.rels_name(source) if source else package.ROOT_RELS
        xml = (extra.get(name) or current.get(name) or
               f'<Relationships xmlns="{package.NS_PACKAGE_RELS}"></Relationships>'.encode()).decode()
        xml = xml.replace("</Relationships>", "".join(
            f'<Relationship Id="{i}" Type="{t}" Target="{posixpath.relpath(to, posixpath.dirname(source) or ".")}"/>'
            for i, t, to in added) + "</Relationships>")
        extra[name] = xml.encode()
    _inject(path, extra)


def add_custom_xml_and_web_extension(path: Path) -> None:
    """A custom XML item (as SharePoint and document tools store them) and an Office add-in's task pane with its
    settings (where xlwings Lite keeps its code), with their content types and relationships."""
    _add_parts(
        path,
        {
            "customXml/item1.xml":
                b'<?xml version="1.0"?><season xmlns="urn:example:season"><owner>Amina</owner></season>',
            "customXml/itemProps1.xml": (
                b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6B1A6B1E-0000-'
                b'4000-8000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                b"<ds:schemaRefs/></ds:datastoreItem>"),
            "xl/webextensions/taskpanes.xml": (
                b'<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">'
                b'<wetp:taskpane dockstate="right" visibility="0" width="350" row="4"><wetp:webextensionref '
                b'xmlns:r="' + REL.encode() + b'" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>'),
            "xl/webextensions/webextension1.xml": (
                b'<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" '
                b'id="{0F5A5D9E-0000-4000-8000-000000000002}"><we:reference id="wa200008175" version="1.0.0.0" '
                b'store="en-US" storeType="OMEX"/><we:properties><we:property name="main.py" '
                b'value="&quot;print(1)&quot;"/></we:properties><we:bindings/><we:snapshot/></we:webextension>'),
        },
        {
            "customXml/itemProps1.xml": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
            "xl/webextensions/taskpanes.xml": "application/vnd.ms-office.webextensiontaskpanes+xml",
            "xl/webextensions/webextension1.xml": "application/vnd.ms-office.webextension+xml",
        },
        {
            "customXml/item1.xml": [("rId1", REL + "/customXmlProps", "customXml/itemProps1.xml")],
            "xl/workbook.xml": [("rIdCustom1", REL + "/customXml", "customXml/item1.xml")],
            "": [("rIdTaskpanes", "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
                  "xl/webextensions/taskpanes.xml")],
            "xl/webextensions/taskpanes.xml": [
                ("rId1", "http://schemas.microsoft.com/office/2011/relationships/webextension",
                 "xl/webextensions/webextension1.xml")],
        },
    )


def add_pivot_table(path: Path) -> None:
    """A pivot table on the user's sheet summing its costs, with its cache (definition and records)."""
    parts = members(path)
    sheet = next(e.part for e in package.workbook_sheets(parts) if e.name == "My notes")
    workbook = parts["xl/workbook.xml"].decode()
    workbook = re.sub(r"(<calcPr[^>]*/>)", r'\1<pivotCaches><pivotCache cacheId="7" r:id="rIdPivot1"/></pivotCaches>',
                      workbook)
    items = "".join(f'<s v="{v}"/>' for v in ("Flights", "Hotels", "Food"))
    _add_parts(
        path,
        {
            "xl/workbook.xml": workbook.encode(),
            "xl/pivotCache/pivotCacheDefinition1.xml": (
                f'<pivotCacheDefinition xmlns="{MAIN}" xmlns:r="{REL}" r:id="rId1" refreshOnLoad="1" recordCount="3">'
                '<cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="My notes"/></cacheSource>'
                f'<cacheFields count="2"><cacheField name="Item" numFmtId="0"><sharedItems count="3">{items}'
                '</sharedItems></cacheField><cacheField name="Amount" numFmtId="0"><sharedItems '
                'containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="90" '
                'maxValue="420"/></cacheField>'
                "</cacheFields></pivotCacheDefinition>").encode(),
            "xl/pivotCache/pivotCacheRecords1.xml": (
                f'<pivotCacheRecords xmlns="{MAIN}" count="3"><r><x v="0"/><n v="420"/></r><r><x v="1"/><n v="300"/>'
                '</r><r><x v="2"/><n v="90"/></r></pivotCacheRecords>').encode(),
            "xl/pivotTables/pivotTable1.xml": (
                f'<pivotTableDefinition xmlns="{MAIN}" name="Costs" cacheId="7" dataCaption="Values" '
                'updatedVersion="6" minRefreshableVersion="3" createdVersion="6" outline="1" outlineData="1">'
                '<location ref="H1:I5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2">'
                '<pivotField axis="axisRow" showAll="0"><items count="4"><item x="0"/><item x="1"/><item x="2"/>'
                '<item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>'
                '<rowFields count="1"><field x="0"/></rowFields><rowItems count="4"><i><x/></i><i><x v="1"/></i>'
                '<i><x v="2"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems>'
                '<dataFields count="1"><dataField name="Sum of Amount" fld="1" baseField="0" baseItem="0"/>'
                "</dataFields></pivotTableDefinition>").encode(),
        },
        {
            "xl/pivotCache/pivotCacheDefinition1.xml":
                "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
            "xl/pivotCache/pivotCacheRecords1.xml":
                "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
            "xl/pivotTables/pivotTable1.xml":
                "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
        },
        {
            "xl/workbook.xml": [
                ("rIdPivot1", REL + "/pivotCacheDefinition", "xl/pivotCache/pivotCacheDefinition1.xml")],
            "xl/pivotCache/pivotCacheDefinition1.xml": [
                ("rId1", REL + "/pivotCacheRecords", "xl/pivotCache/pivotCacheRecords1.xml")],
            sheet: [("rIdPivotTable1", REL + "/pivotTable", "xl/pivotTables/pivotTable1.xml")],
            "xl/pivotTables/pivotTable1.xml": [
                ("rId1", REL + "/pivotCacheDefinition", "xl/pivotCache/pivotCacheDefinition1.xml")],
        },
    )


def rank_formulas(path: Path) -> None:
    """``My rank`` typed as formulas, with the results Excel stored when it last computed them."""
    book = openpyxl.load_workbook(path)
    ws = book["Programs"]
    column = [c.value for c in ws[2]].index("My rank") + 1
    letter = openpyxl.utils.get_column_letter(column)
    for row in range(3, ws.max_row + 1):
        if ws.cell(row, column).value is not None:
            ws.cell(row, column).value = f"=ROW()-{2}"
    book.save(path)
    part = next(e.part for e in package.workbook_sheets(members(path)) if e.name == "Programs")
    xml = members(path)[part].decode()
    xml, count = re.subn(rf'<c r="{letter}(\d+)"([^>]*)><f>ROW\(\)-2</f><v\s*/?>(?:</v>)?',
                         lambda m: f'<c r="{letter}{m[1]}"{m[2]}><f>ROW()-2</f><v>{int(m[1]) - 2}</v>', xml)
    assert count == 3
    _inject(path, {part: xml.encode()})


def shared_strings(path: Path, sheet: str) -> None:
    """Store a sheet's text in the shared strings part, as Excel does (openpyxl writes it into the cells)."""
    parts = members(path)
    part = next(e.part for e in package.workbook_sheets(parts) if e.name == sheet)
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(match[3])
        return f'<c r="{match[1]}"{match[2]} t="s"><v>{len(strings) - 1}</v></c>'

    xml = re.sub(r'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', shared, parts[part].decode())
    table = "".join(f"<si><t>{text}</t></si>" for text in strings)
    _add_parts(
        path,
        {part: xml.encode(), "xl/sharedStrings.xml": (
            f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>').encode()},
        {"xl/sharedStrings.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"},
        {"xl/workbook.xml": [("rIdStrings", REL + "/sharedStrings", "xl/sharedStrings.xml")]},
    )


def full_workbook(tmp_path: Path) -> Path:
    """A season workbook holding everything above."""
    path = newbook.new_workbook(tmp_path / "season.xlsx", small_season_rows())
    decorate(path)  # a user sheet with a formula, a chart, a picture; a comment, a name, a conditional format
    rank_formulas(path)
    shared_strings(path, "Ratings")
    add_custom_xml_and_web_extension(path)
    add_pivot_table(path)
    return path


# --------------------------------------------------------------------------------------------------
# Tests.


def test_every_part_regeneration_does_not_own_is_kept_byte_for_byte(tmp_path):
    path = full_workbook(tmp_path)
    before = members(path)
    _, result = xlsx.regenerate_file(path)
    assert result.path == path and result.losses == []
    after = members(path)
    owned = owned_parts(path)
    assert {"customXml/item1.xml", "xl/webextensions/webextension1.xml", "xl/pivotTables/pivotTable1.xml",
            "xl/sharedStrings.xml", "xl/charts/chart1.xml", "xl/media/image1.png"} <= set(before)
    for name, data in before.items():
        if name not in owned:
            assert after.get(name) == data, name
    assert_valid_package(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [*(t.name for t in schema.INPUT_TABLES), "My notes", *schema.OUTPUT_SHEETS]


def test_regenerating_twice_writes_the_same_parts_and_grows_no_styles(tmp_path):
    path = full_workbook(tmp_path)
    xlsx.regenerate_file(path)
    first = members(path)
    xlsx.regenerate_file(path)
    second = members(path)
    assert first == second  # output sheets, styles, workbook part and content types alike


def test_formula_ranks_with_stored_results_decide_as_typed_ranks_do(tmp_path):
    typed = newbook.new_workbook(tmp_path / "typed.xlsx", small_season_rows())
    formulas = newbook.new_workbook(tmp_path / "formulas.xlsx", small_season_rows())
    rank_formulas(formulas)
    programs_part = members(formulas)["xl/worksheets/sheet2.xml"]
    done, _ = xlsx.regenerate_file(formulas)
    season, sheets = done.plan.season, done.sheets
    assert list(season.programs["My rank"]) == [1, 2, 3]
    done, _ = xlsx.regenerate_file(typed)
    _, typed_sheets = done.plan.season, done.sheets
    looks = {s.name: s.frame for s in sheets}
    for sheet in typed_sheets:
        assert looks[sheet.name].equals(sheet.frame), sheet.name
    assert "Visit" in set(looks["Second Look"]["Recommendation"])
    assert members(formulas)["xl/worksheets/sheet2.xml"] == programs_part  # formulas and results as Excel left them
    rank = openpyxl.load_workbook(formulas, data_only=True)["Programs"]["Q3"].value
    assert rank == 1 and openpyxl.load_workbook(formulas)["Programs"]["Q3"].value == "=ROW()-2"


def test_output_sheets_use_inline_strings_and_leave_shared_strings_alone(season_xlsx):
    shared_strings(season_xlsx, "Ratings")
    ratings = xlsx.read_tables(season_xlsx)["Ratings"]
    assert ratings.headers[:3] == ["Program", "Area", "Rating"] and ratings.rows[0][0] == "Lakeshore Internal Medicine"
    shared = members(season_xlsx)["xl/sharedStrings.xml"]
    frame = {"Sheet": ["Programs"], "Row": [3], "Column": ["Notes"], "Problem": ["a new string"], "How to fix": ["x"]}
    xlsx.write_outputs(season_xlsx, [OutputSheet("Checks", pd.DataFrame(frame))])
    after = members(season_xlsx)
    assert after["xl/sharedStrings.xml"] == shared
    checks = next(e.part for e in package.workbook_sheets(after) if e.name == "Checks")
    assert b't="s"' not in after[checks] and b"<is><t>a new string</t></is>" in after[checks]


def test_a_macro_workbook_keeps_every_other_part(tmp_path):
    base = tmp_path / "base.xlsm"
    shutil.copy(Path(xlwings.__file__).parent / "quickstart.xlsm", base)
    book = openpyxl.load_workbook(base, keep_vba=True)
    rows = small_season_rows()
    for spec in schema.INPUT_TABLES:
        if spec.name in rows:
            newbook._add_input_sheet(book, spec, rows[spec.name])
    path = tmp_path / "season.xlsm"
    newbook.save_atomically(book, path, original=base)
    add_custom_xml_and_web_extension(path)
    before = members(path)
    xlsx.regenerate_file(path)
    owned = owned_parts(path)
    after = members(path)
    assert "xl/vbaProject.bin" in before
    assert all(after[name] == data for name, data in before.items() if name not in owned)
    xlsx.regenerate_file(path)
    assert members(path) == after
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in after["[Content_Types].xml"].decode()
    assert_valid_package(path)


def test_an_existing_output_sheet_keeps_its_tab_colour_state_and_place(season_xlsx):
    xlsx.regenerate_file(season_xlsx)
    book = openpyxl.load_workbook(season_xlsx)
    book["Fit"].sheet_properties.tabColor = "00B050"
    book["Compare"].sheet_state = "hidden"
    book.move_sheet("Trips", offset=-5)
    order = book.sheetnames
    book.save(season_xlsx)
    xlsx.regenerate_file(season_xlsx)
    book = openpyxl.load_workbook(season_xlsx)
    assert book.sheetnames == order
    assert book["Fit"].sheet_properties.tabColor.rgb == "0000B050"
    assert book["Compare"].sheet_state == "hidden"
    assert_valid_package(season_xlsx)


def test_styles_are_appended_never_renumbered(season_xlsx):
    before = members(season_xlsx)["xl/styles.xml"].decode()
    xfs_before = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", before, re.S)[1]
    xlsx.regenerate_file(season_xlsx)
    after = members(season_xlsx)["xl/styles.xml"].decode()
    xfs_after = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", after, re.S)[1]
    assert xfs_after.startswith(xfs_before) and len(xfs_after) > len(xfs_before)
    count = int(re.search(r'<cellXfs count="(\d+)"', after)[1])
    assert count == len(re.findall(r"<xf ", xfs_after))


def test_styles_are_found_by_meaning_after_another_program_saved_the_file(season_xlsx):
    xlsx.regenerate_file(season_xlsx)
    openpyxl.load_workbook(season_xlsx).save(season_xlsx)  # writes <b val="1"/>, other colour spellings, ...
    resaved = members(season_xlsx)["xl/styles.xml"]
    xlsx.regenerate_file(season_xlsx)
    assert members(season_xlsx)["xl/styles.xml"] == resaved  # every look found, none appended again


SOFFICE = shutil.which("soffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; scripts/setup.sh test installs it")
def test_libreoffice_opens_a_regenerated_workbook_with_charts(tmp_path):
    path = full_workbook(tmp_path)
    xlsx.regenerate_file(path)
    xlsx.regenerate_file(path)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), str(path)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "pdf" / "season.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) >= len(schema.OUTPUT_SHEETS)
