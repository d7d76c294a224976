"""Sheets fitted to their text: widths, wrapping, row heights, print scale, colours that follow the row, and the
same look from the Excel path (on xlwings' remote engine)."""

from __future__ import annotations

import re
import zipfile

import pandas as pd
import pytest
import xlwings as xw
from openpyxl import load_workbook

from xlresidency.excel import book as excel
from xlresidency.regenerate import regenerate
from xlresidency.sheets import season_calendar as calendar
from xlresidency.sheets import sizing
from xlresidency.sheets.layout import GREEN, GREY, OutputSheet
from xlresidency.sheets.sizing import MIN_PRINT_SCALE, column_points, line_count, size_sheet, text_width
from xlresidency.workbook import newbook, xlsx
from xlresidency.workbook.stylesheet import StyleSheet


def test_text_is_measured_in_column_characters() -> None:
    assert text_width("0" * 12) == pytest.approx(12)
    assert text_width("illicit") < len("illicit") < text_width("WOMBAT" + "W")
    assert text_width("Recommendation", bold=True) > text_width("Recommendation")


def test_lines_wrap_whole_words_and_keep_line_breaks() -> None:
    assert line_count("Short text", 20) == 1
    # "aaaa" is 3.8 characters wide, a space 0.45: two words fit in 8.5, three need 12.2
    assert line_count("aaaa aaaa aaaa", 9) == 2 and line_count("aaaa aaaa aaaa", 13) == 1
    assert line_count("aaaa aaaa aaaa aaaa aaaa", 9) == 3
    assert line_count("first\nsecond\n\nfourth", 30) == 4
    assert line_count("x" * 50, 10.5) == 5  # a word longer than the cell is broken over lines
    words = " ".join(["residency"] * 40)
    assert line_count(words, 30) > line_count(words, 60) > 1


def sheet_of(frame: pd.DataFrame, **kwargs) -> OutputSheet:
    return OutputSheet("Emails", frame, **kwargs)


def test_a_column_grows_to_show_its_text_whole_and_long_text_wraps() -> None:
    address = "irene.marsh@kettlewick.example.org"
    long_text = "A sentence that is far too long for one line of any sensible column width, so it wraps. " * 2
    fitted = size_sheet(sheet_of(pd.DataFrame({"To": [address, "a@b.org"], "Notes": ["short", long_text]}),
                          widths={"To": 20, "Notes": 20}))
    assert fitted.widths["To"] >= text_width(address) + 1 and "To" not in fitted.wrap
    assert "Notes" in fitted.wrap and fitted.widths["Notes"] <= sizing.MAX_AUTO_WIDTH
    lines = line_count(long_text, fitted.widths["Notes"])
    assert fitted.row_heights == [None, sizing.LINE_HEIGHT * lines]


def test_a_wrapped_header_gets_the_height_of_its_lines() -> None:
    fitted = size_sheet(sheet_of(pd.DataFrame({"Interview chance of this program": [0.5]}),
                          widths={"Interview chance of this program": 10}))
    lines = line_count("Interview chance of this program", fitted.widths["Interview chance of this program"], True)
    assert lines > 1 and fitted.header_height == sizing.LINE_HEIGHT * lines


def test_a_wide_sheet_prints_over_pages_at_a_readable_scale_with_the_program_repeated() -> None:
    columns = {f"Column {i}": ["x"] for i in range(30)}
    fitted = size_sheet(OutputSheet("Fit", pd.DataFrame({"Program": ["A"], **columns}),
                             widths=dict.fromkeys(columns, 12)))
    setup = fitted.printing
    assert not setup.fit_to_width and setup.scale >= MIN_PRINT_SCALE and setup.pages_wide > 1
    assert setup.title_columns == 1
    # the note is wrapped on the first page only, never cut by a page edge
    assert fitted.blocks[0][:2] == (1, 1) and fitted.blocks[0][2] < 31


def test_every_demo_sheet_prints_at_80_percent_or_more(demo_plan) -> None:
    for sheet in regenerate(demo_plan.season).sheets:
        fitted = size_sheet(sheet)
        assert fitted.printing.scale >= MIN_PRINT_SCALE, sheet.name
        assert not any(h is not None and h > sizing.MAX_ROW_HEIGHT for h in fitted.row_heights), sheet.name


def test_the_second_look_sheet_narrows_its_text_columns_to_two_pages_across(demo_plan) -> None:
    sheet = next(s for s in regenerate(demo_plan.season).sheets if s.name == "Second Look")
    fitted = size_sheet(sheet)
    assert fitted.printing.pages_wide == 2
    assert fitted.widths["Why"] < sheet.widths["Why"] and fitted.widths["Why"] >= sizing.MIN_WRAP_WIDTH


def test_emails_keep_a_comfortable_body_and_whole_addresses(demo_plan) -> None:
    sheet = next(s for s in regenerate(demo_plan.season).sheets if s.name == "Emails")
    fitted = size_sheet(sheet)
    assert fitted.widths["Body"] >= 60
    longest = max(text_width(a) for text in sheet.frame["To"] for a in str(text).split())
    assert fitted.widths["To"] >= longest
    # the draft (program to body) is on the first page across
    breaks = sizing.page_breaks(list(fitted.widths.values()), fitted.printing.scale, True, 1)
    assert breaks and breaks[0] > list(sheet.frame.columns).index("Body")


# --------------------------------------------------------------------------------------------------
# The file writer.


@pytest.fixture(scope="module")
def written(tmp_path_factory, demo_rows):
    path = newbook.new_workbook(tmp_path_factory.mktemp("readable") / "season.xlsx", demo_rows)
    xlsx.regenerate_file(path)
    return path


def sheet_xml(path, name: str) -> str:
    book = load_workbook(path, read_only=True)
    position = book.sheetnames.index(name)
    book.close()
    with zipfile.ZipFile(path) as package:
        workbook = package.read("xl/workbook.xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
        rel = re.findall(r'<sheet [^>]*r:id="([^"]+)"', workbook)[position]
        target = re.search(rf'Id="{rel}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{rel}"', rels)
        assert target
        return package.read("xl/" + target[1].lstrip("/").removeprefix("xl/")).decode()


def test_verdict_colours_are_conditional_formats_that_follow_the_row(written) -> None:
    xml = sheet_xml(written, "Second Look")
    assert ('<conditionalFormatting sqref="B3:B' in xml and "<formula>&quot;Visit&quot;</formula>" in xml) or \
        '<formula>"Visit"</formula>' in xml
    with zipfile.ZipFile(written) as package:
        styles = StyleSheet(package.read("xl/styles.xml"))
    dxf_ids = {int(i) for i in re.findall(r'dxfId="(\d+)"', xml)}
    assert dxf_ids and max(dxf_ids) < len(styles.dxfs)
    assert styles.dxf(GREEN) in dxf_ids and styles.dxf(GREY) in dxf_ids  # found, not added again
    ws = load_workbook(written)["Second Look"]
    assert ws["B3"].value == "Visit" and ws["B3"].fill.fgColor.rgb in ("00000000", None)  # no fixed fill


def test_the_calendar_legend_shows_each_colour_beside_its_word(written) -> None:
    ws = load_workbook(written)["Season Calendar"]
    legend = {ws.cell(r, 2).value: ws.cell(r, 2).fill.fgColor.rgb for r in range(1, ws.max_row + 1)
              if ws.cell(r, 2).value in calendar.KINDS and ws.cell(r, 3).value in calendar.MEANINGS.values()}
    assert set(legend) == set(calendar.KINDS)
    assert all(rgb[-6:] == calendar.COLOURS[kind] for kind, rgb in legend.items())


def test_note_and_long_footer_lines_wrap_inside_the_table_width(written) -> None:
    ws = load_workbook(written)["Rank Draft"]
    merged = [str(r) for r in ws.merged_cells.ranges]
    assert any(m.startswith("A1:") for m in merged) and ws["A1"].alignment.wrap_text
    footer = [r for r in ws.merged_cells.ranges if r.min_row > 2]
    assert footer and all(r.max_col <= ws.max_column for r in footer)
    assert all(ws.cell(r.min_row, r.min_col).alignment.wrap_text for r in footer)
    tall = [r.min_row for r in footer if ws.row_dimensions[r.min_row].height]
    assert tall and all(ws.row_dimensions[row].height >= 2 * sizing.LINE_HEIGHT for row in tall)


def test_rows_and_headers_get_the_heights_of_their_text(written, demo_plan) -> None:
    ws = load_workbook(written)["Second Look"]
    sheet = next(s for s in regenerate(demo_plan.season).sheets if s.name == "Second Look")
    fitted = size_sheet(sheet)
    assert ws.row_dimensions[2].height == fitted.header_height or fitted.header_height is None
    tall = [r for r, h in enumerate(fitted.row_heights, start=3) if h]
    assert tall and all(ws.row_dimensions[r].height == fitted.row_heights[r - 3] for r in tall)
    assert ws.column_dimensions["F"].width == fitted.widths["Why"]


def test_print_set_up_and_titles(written) -> None:
    book = load_workbook(written)
    second = book["Second Look"]
    assert second.page_setup.scale and int(second.page_setup.scale) >= MIN_PRINT_SCALE
    assert second.print_title_cols == "$A:$A" and second.print_title_rows == "$2:$2"
    assert str(second.page_setup.paperSize) == "1" and second.page_setup.orientation == "landscape"
    trips = book["Trips"]
    assert trips.sheet_properties.pageSetUpPr.fitToPage and trips.print_title_cols is None


def test_the_applicants_own_differential_formats_keep_their_numbers() -> None:
    own = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dxfs count="1"><dxf>'
           b'<font><b/></font></dxf></dxfs></styleSheet>')
    styles = StyleSheet(own)
    assert styles.dxf("C6EFCE") == 1 and styles.dxf("C6EFCE") == 1
    assert "<font><b/></font></dxf>" in styles.to_bytes().decode().split("<dxf>")[1]


# --------------------------------------------------------------------------------------------------
# The Excel path.


@pytest.mark.usefixtures("remote_engine")
def test_office_js_widths_are_points_and_text_blocks_are_sized(demo_rows, tmp_path) -> None:
    from test_book import actions_on, book_json  # the remote-engine helpers of the Excel adapter's tests

    sheet = next(s for s in regenerate(excel_season(demo_rows)).sheets if s.name == "Season Calendar")
    book = xw.Book(json=book_json([{"name": "Season Calendar", "values": [[None]], "pictures": [], "charts": [],
                                    "tables": []}]))
    excel.write_sheet(book.sheets[0], sheet)
    actions = book.json()["actions"]
    fitted = size_sheet(sheet)
    widths = [a["args"][0] for a in actions_on(actions, "setColumnWidth")]
    assert widths[1] == column_points(fitted.widths["Mon"])
    assert any(a["start_row"] == 0 for a in actions_on(actions, "rangeMerge"))  # the note
    heights = {a["start_row"] + 1: a["args"][0] for a in actions_on(actions, "setRowHeight")}
    assert all(heights.get(row) == height for row, height in fitted.heights.items())
    swatches = {a["args"][0].upper() for a in actions_on(actions, "setRangeColor") if a["start_row"] > 2}
    assert {"#" + c for c in calendar.COLOURS.values()} <= swatches


def excel_season(rows):
    from factories import raw_table
    from xlresidency.rules import validation

    return validation.validate({name: raw_table(name, table) for name, table in rows.items()})


def test_short_columns_are_centred_so_neighbours_do_not_run_together(written) -> None:
    ws = load_workbook(written)["Second Look"]
    headers = [c.value for c in ws[2]]
    for name in ("Priority", "Criteria met"):
        assert ws.cell(3, headers.index(name) + 1).alignment.horizontal == "center"
    assert ws.cell(3, headers.index("Reason") + 1).alignment.horizontal in (None, "general")


@pytest.mark.usefixtures("remote_engine")
def test_office_js_centres_the_short_columns(demo_rows) -> None:
    from test_book import actions_on, book_json

    sheet = next(s for s in regenerate(excel_season(demo_rows)).sheets if s.name == "Second Look")
    book = xw.Book(json=book_json([{"name": "Second Look", "values": [[None]], "pictures": [], "charts": [],
                                    "tables": []}]))
    excel.write_sheet(book.sheets[0], sheet)
    centred = {a["start_column"] for a in actions_on(book.json()["actions"], "setHorizontalAlignment")}
    assert centred == {list(sheet.frame.columns).index(name) for name in sheet.center}
