"""The xlwings adapter: regenerate the workbook open in Excel, the same way ``xlsx.py`` does for files.

Read each input table (an Excel table of the same name, found case-insensitively on any sheet) into a
``RawTable``, validate, run ``regenerate.regenerate`` and write every ``OutputSheet`` with the exact cell
layout of ``OutputSheet.grid()`` and its formatting hints. Only output sheets are touched: an existing one is
cleared and refilled where it stands (so its tab position and colour stay), a missing one is added at the end.
Input sheets, user sheets, charts, names and macros are never written.

Every call into Excel is a round trip (COM on Windows, an action Office.js replays in xlwings Lite), so a sheet
is written in a number of calls that does not depend on its rows: the cells in one block, formats per column,
verdict colours as one conditional format per colour shown, and a column of mail links as one write of HYPERLINK
formulas. The demo season and 1,000 programs both take about 300 calls on xlwings' remote engine (before: 315
and 718, a colour fill per run of rows and a hyperlink per email).

``main()`` is the Residency ribbon's Regenerate button (``xlresidency.main()``): it works on the workbook that
called it and shows problems as a message box, never a traceback. ``regenerate_workbook`` is the same as an
xlwings Server / Lite script.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import xlwings as xw
from xlwings import script

from ..core import schema
from ..core.errors import XlresidencyError, log_unexpected
from ..core.notation import column_letter
from ..core.records import Problem, RawTable, Season
from ..regenerate import Regeneration, regenerate
from ..rules.validation import require_own_sheets, require_season, validate
from ..sheets import layout
from ..sheets.layout import CHART_SIZE_CM, LineChart, OutputSheet, quoted
from ..sheets.sizing import SIDE_MARGIN, PrintSetup, column_points, size_sheet

TITLE = "xlresidency"
HEADER_FILL = "#" + layout.HEADER_FILL
HEADER_FONT = "#" + layout.HEADER_TEXT
NOTE_FONT = "#" + layout.NOTE_TEXT
DATE_FORMAT = layout.DATE_FORMAT
LINK_TEXT = layout.LINK_TEXT
TEXT_MARK = "'"  # Excel's prefix for "this is text": the mark itself is not shown or stored as content
_FORMULA_STARTS = ("=", "+", "-", "@")
MAX_FORMULA_LINK = 255  # the longest link Excel's HYPERLINK function follows


# --------------------------------------------------------------------------------------------------
# Reading.


def all_tables(book: Any) -> dict[str, tuple[Any, Any]]:
    """Folded table name -> (sheet, table) for every Excel table in the workbook."""
    found: dict[str, tuple[Any, Any]] = {}
    for sheet in book.sheets:
        for table in sheet.tables:
            found.setdefault(schema.fold(table.name), (sheet, table))
    return found


def range_rows(rng: Any) -> list[list[Any]]:
    """A range's values as rows (a list per row, whatever its shape)."""
    return [list(r) for r in rng.options(ndim=2).value] if rng is not None else []



def read_tables(book: Any) -> dict[str, RawTable]:
    """Every input table of an xlwings Book as a RawTable of cell values.

    A sheet named like an input table but holding no Excel table is read from its cells (Checks says so), as the
    headless reader does.
    """
    tables = all_tables(book)
    sheets = {schema.fold(s.name): s for s in book.sheets}
    result: dict[str, RawTable] = {}
    for spec in schema.INPUT_TABLES:
        located = tables.get(schema.fold(spec.name))
        if located is not None:
            sheet, table = located
            header = table.header_row_range
            body = table.data_body_range
            headers = range_rows(header)[0] if header is not None else []
            first_row = body.row if body is not None else (header.row + 1 if header is not None else 2)
            result[spec.name] = RawTable(spec.name, sheet.name, headers, range_rows(body), first_row)
            continue
        sheet = sheets.get(schema.fold(spec.name))
        if sheet is None:
            continue
        used = sheet.used_range
        rows = range_rows(used)
        found = schema.header_row(rows, spec)
        if found is not None:
            result[spec.name] = RawTable(
                spec.name, sheet.name, rows[found], rows[found + 1 :], used.row + found + 1, is_table=False
            )
    return result


def read_season(book: Any, changed: Mapping[str, RawTable] | None = None) -> Season:
    """Read and validate the inputs of an xlwings Book; a workbook that is not a season (none of the season's
    tables, or no Profile or Programs) is refused before anything is written (``validation.require_season``):
    Regenerate would otherwise add the output sheets to any workbook.

    ``changed``: input tables as a script has just written them (Excel shows a script's writes only once it
    ends, so they are not read back)."""
    tables = {**read_tables(book), **(changed or {})}
    require_season(tables, book.name)
    return validate(tables, whole_workbook=True)


# --------------------------------------------------------------------------------------------------
# Writing.


def as_text(value: Any) -> Any:
    """A value as written through xlwings: text that Excel would read as a formula is marked as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return TEXT_MARK + value
    return value


def excel_grid(sheet: OutputSheet) -> list[list[Any]]:
    """``OutputSheet.grid()`` as one rectangular block for a single write: link cells show ``LINK_TEXT``."""
    grid = sheet.grid()
    width = max(len(row) for row in grid)
    links = [i for i, name in enumerate(sheet.frame.columns) if name in sheet.links]
    rows = []
    for r, row in enumerate(grid):
        cells = [as_text(v) for v in row] + [None] * (width - len(row))
        if 2 <= r < 2 + len(sheet.frame):
            for i in links:
                if isinstance(row[i], str) and row[i]:
                    cells[i] = LINK_TEXT
        rows.append(cells)
    return rows


def _runs(values: list[Any]) -> Iterator[tuple[int, int, Any]]:
    """(first, last, value) for each run of equal, non-blank values (a colour, a row height): one formatting call
    per run, not per cell."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if values[start]:
                yield start, i - 1, values[start]
            start = i


def _row_runs(by_row: dict[int, Any]) -> Iterator[tuple[int, int, Any]]:
    """``_runs`` over sheet rows: (first row, last row, value) for rows that hold the same value one after the
    other."""
    if by_row:
        top = min(by_row)
        for first, last, value in _runs([by_row.get(row) for row in range(top, max(by_row) + 1)]):
            yield top + first, top + last, value


def colour_cells(data: Any, values: list[Any], shown: dict[str, str]) -> None:
    """Colour a column's cells by their text (``shown``: ``OutputSheet.colours_shown``): one conditional format per
    colour, whatever the number of rows (Excel, Office.js and xlwings Lite alike); an engine without conditional
    formats gets one fill per run."""
    try:
        rules = data.conditional_formats
        for text, colour in shown.items():
            rules.add_cell_value("equal_to", "=" + quoted(text), fill_color="#" + colour)
    except (NotImplementedError, AttributeError):
        per_row = [shown.get(v) if isinstance(v, str) else None for v in values]
        for first, last, colour in _runs(per_row):
            data[first : last + 1, 0].color = "#" + colour


def link_formula(url: str) -> str:
    """A link cell as one HYPERLINK formula, so a whole column of links is one write into Excel.

    Excel's HYPERLINK takes a link of at most 255 characters: a mail link with its body is longer, so it then
    carries the address and subject (the Body column beside it holds the text to paste), or the address alone.
    """
    link = url
    for shorter in (url.split("&body=", 1)[0], url.split("?", 1)[0]):
        if len(link) > MAX_FORMULA_LINK:
            link = shorter
    if len(link) > MAX_FORMULA_LINK:
        return LINK_TEXT
    return f'=HYPERLINK("{link.replace(chr(34), chr(34) * 2)}","{LINK_TEXT}")'


def write_sheet(target: Any, sheet: OutputSheet) -> None:
    """Fill one (empty) worksheet with an output sheet: cells first in one block, then the formatting hints."""
    grid = excel_grid(sheet)
    target["A1"].value = grid
    columns = list(sheet.frame.columns)
    n = len(sheet.frame)
    fitted = size_sheet(sheet)
    target["A1"].font.italic = True
    target["A1"].font.color = NOTE_FONT
    if columns:
        header = target.range((2, 1), (2, len(columns)))
        header.font.bold = True
        header.font.color = HEADER_FONT
        header.color = HEADER_FILL
        header.wrap_text = True
    unit = width_unit(target)
    for c, name in enumerate(columns, start=1):
        target.range((1, c)).column_width = unit(fitted.widths[str(name)])
        if not n:
            continue
        values = sheet.frame.iloc[:, c - 1]
        data = target.range((3, c), (2 + n, c))
        fmt = sheet.number_formats.get(name)
        if fmt is None and any(isinstance(v, dt.datetime | dt.date) for v in (row[c - 1] for row in grid[2 : 2 + n])):
            fmt = DATE_FORMAT
        if fmt:
            data.number_format = fmt
        if name in fitted.wrap:
            data.wrap_text = True
        if name in sheet.center:
            with contextlib.suppress(NotImplementedError, AttributeError):  # an engine without alignment
                data.horizontal_alignment = "center"
        shown = sheet.colours_shown(str(name))
        if shown:
            colour_cells(data, list(values), shown)
        if name in sheet.links:
            data.formula = [[link_formula(url)] if isinstance(url, str) and url else [None] for url in values]
    if sheet.footer:
        first, last = 3 + n + 1, 3 + n + len(sheet.footer)
        target.range((first, 1), (last, 1)).font.bold = True
        for c, name in enumerate(columns, start=1):  # a total under a money column is money too
            if name in sheet.number_formats:
                target.range((first, c), (last, c)).number_format = sheet.number_formats[name]
        for r, line in enumerate(sheet.footer, start=first):  # a legend's swatches: a handful of cells at most
            for c, value in enumerate(line[: len(columns)]):
                swatch = sheet.footer_fill(str(columns[c]), value)
                if swatch:
                    target.range((r, c + 1)).color = "#" + swatch
    if columns:
        # Excel sizes the rows to their wrapped text (the headers' too), so nothing is clipped or overprinted; it
        # does not size merged cells, so the note's and the footer's blocks of text get their heights from the fit
        target.range((1, 1), (len(grid), len(columns))).rows.autofit()
    # one pass per span of columns, in the order the fit lists the blocks: a set here would order Excel's actions
    # by hash, which differs between 64-bit CPython and 32-bit Pyodide (xlwings Lite)
    for span in dict.fromkeys((first, last) for _, first, last in fitted.blocks):
        for top, bottom, (first, last) in _row_runs({row: span for row, *cells in fitted.blocks
                                                     if tuple(cells) == span}):
            block = target.range((top, first), (bottom, last))
            if last > first:
                block.merge(True)  # each row's cells merged on their own
            block.wrap_text = True
    for top, bottom, height in _row_runs(fitted.heights):
        target.range((top, 1), (bottom, 1)).row_height = height
    if sheet.chart is not None:
        add_chart(target, sheet)
    apply_layout(target, sheet, fitted.printing)


def width_unit(target: Any) -> Callable[[float], float]:
    """How a width in characters is written: Office.js (Excel on the web and Mac through xlwings Lite or an
    Office.js add-in) takes column widths in points; the desktop engines take characters."""
    api = target.book.api
    client = api.get("client") if isinstance(api, dict) else None
    return column_points if client == "Office.js" else float


def add_chart(target: Any, sheet: OutputSheet) -> None:
    """The sheet's chart over its data block below the footer, in the rows left for it at column A, where the engine
    can draw charts (Excel, Office.js, xlwings Lite); an engine without charts keeps the data block. Windows Excel
    also gets the band, the dashed target, the marker and the value axis's round ticks through its object model."""
    assert sheet.chart is not None and sheet.chart_block is not None and sheet.chart_row is not None
    header, last, width = sheet.chart_block
    target.range((header, 1), (header, width)).font.bold = True
    target.range((header + 1, 2), (last, width)).number_format = sheet.chart.y_format
    points = 72 / 2.54
    with contextlib.suppress(NotImplementedError, AttributeError):
        source = target.range((header, 1), (last, width))
        chart = target.charts.add(width=CHART_SIZE_CM[0] * points, height=CHART_SIZE_CM[1] * points,
                                  chart_type="line", anchor=target.range((sheet.chart_row, 1)))
        chart.set_source_data(source)
        chart.title = sheet.chart.title
        if sys.platform == "win32":
            with contextlib.suppress(Exception):  # a look Excel refuses must not undo the chart
                _windows_chart(chart.api[1], sheet.chart)


def _windows_chart(api: Any, chart: LineChart) -> None:
    """The chart's looks through Excel's object model, as ``sheetxml.chart_xml`` writes them."""
    names = [str(c) for c in chart.data.columns[1:]]
    for position, name in enumerate(names, start=1):
        series = api.SeriesCollection(position)
        if name in chart.band:
            series.ChartType = 76  # xlAreaStacked
            if name == chart.band[0]:
                series.Format.Fill.Visible = False
                api.Legend.LegendEntries(position).Delete()
            else:
                series.Format.Fill.ForeColor.RGB = 0xEED7BD  # BDD7EE as Excel's BGR
        elif name in chart.markers_only:
            series.ChartType = 65  # xlLineMarkers
            series.Format.Line.Visible = False
            series.MarkerStyle = 8  # xlMarkerStyleCircle
        elif name in chart.dashed:
            series.Format.Line.DashStyle = 4  # msoLineDash
    values = api.Axes(2)  # xlValue
    values.MinimumScale = 0
    if chart.y_max is not None:
        values.MaximumScale = chart.y_max
    if chart.y_step:
        values.MajorUnit = chart.y_step
    categories = api.Axes(1)  # xlCategory
    categories.TickLabelSpacing = max(1, chart.x_step)
    categories.TickMarkSpacing = max(1, chart.x_step)
    api.Legend.Position = -4107  # xlLegendPositionBottom


def frozen_range(sheet: OutputSheet) -> str:
    """The cells kept in view, as xlwings' ``freeze_at`` takes them: "A1:A2" (rows 1-2 and column A) or "1:2"."""
    rows, columns = sheet.freeze
    if columns:
        return f"A1:{column_letter(columns)}{rows}"
    return f"1:{rows}"


def apply_layout(target: Any, sheet: OutputSheet, printing: PrintSetup) -> None:
    """The sheet's layout, as far as the engine can set it: frozen panes everywhere xlwings can freeze them
    (Office.js, xlwings Lite); on Windows Excel also the autofilter, the repeated header row and the page set-up,
    through Excel's own object model. Other engines keep the sheet without them."""
    with contextlib.suppress(NotImplementedError, AttributeError):
        target.freeze_panes.freeze_at(frozen_range(sheet))
        return
    if sys.platform == "win32":  # classic xlwings on Windows: the COM object model
        with contextlib.suppress(Exception):  # a layout Excel refuses must not undo the written sheet
            _windows_layout(target, sheet, printing)


def _windows_layout(target: Any, sheet: OutputSheet, printing: PrintSetup) -> None:
    api = target.api
    setup = api.PageSetup
    setup.PaperSize = 1  # xlPaperLetter
    setup.Orientation = 2 if printing.landscape else 1  # xlLandscape, xlPortrait
    setup.LeftMargin = setup.RightMargin = SIDE_MARGIN * 72
    setup.Order = 2  # xlOverThenDown: a row's columns before the next rows
    if printing.fit_to_width:
        setup.Zoom = False
        setup.FitToPagesWide = 1
        setup.FitToPagesTall = False
    else:
        setup.Zoom = printing.scale
    first, last = sheet.print_title_rows
    setup.PrintTitleRows = f"${first}:${last}"
    if printing.title_columns:
        setup.PrintTitleColumns = f"$A:${column_letter(printing.title_columns)}"
    if sheet.filter_range is not None:
        row1, col1, row2, col2 = sheet.filter_range
        target.range((row1, col1), (row2, col2)).api.AutoFilter()
    target.activate()
    window = target.book.app.api.ActiveWindow
    rows, columns = sheet.freeze
    window.FreezePanes = False
    window.SplitColumn, window.SplitRow = columns, rows
    window.FreezePanes = True


def replace_output_sheets(book: Any, sheets: list[OutputSheet]) -> None:
    """Clear and refill each output sheet where it stands, or add it at the end; nothing else is touched."""
    for sheet in sheets:
        existing = next((s for s in book.sheets if schema.fold(s.name) == schema.fold(sheet.name)), None)
        if existing is None:
            existing = book.sheets.add(sheet.name, after=book.sheets[len(book.sheets) - 1])
        else:
            existing.clear()
            with contextlib.suppress(NotImplementedError, AttributeError):  # the last run's chart goes with it
                for chart in list(existing.charts):
                    chart.delete()
            with contextlib.suppress(NotImplementedError, AttributeError):  # and its colour rules
                existing.cells.conditional_formats.clear()
            if existing.name != sheet.name:
                existing.name = sheet.name
        write_sheet(existing, sheet)


@contextlib.contextmanager
def _quietly(book: Any) -> Iterator[None]:
    """Excel's screen stays still while the sheets are written (where the engine has that setting)."""
    with contextlib.ExitStack() as stack:
        with contextlib.suppress(NotImplementedError, AttributeError):
            stack.enter_context(book.app.properties(screen_updating=False))
        yield


def regenerate_book(
    book: Any, progress: Callable[[str], None] | None = None, changed: Mapping[str, RawTable] | None = None,
    notes: Sequence[Problem] = (),
) -> Regeneration:
    """Read, validate, regenerate and write the output sheets of an xlwings Book.

    ``changed``: input tables a script has just written (``read_season``); ``notes``: lines for Checks beside the
    input problems.
    """
    report = progress or (lambda _stage: None)
    report("Reading your input tables")
    season = read_season(book, changed)
    season.problems.extend(notes)
    located = all_tables(book)  # an input table on a sheet named like an output sheet would be replaced with it
    require_own_sheets({spec.name: located[schema.fold(spec.name)][0].name for spec in schema.INPUT_TABLES
                        if schema.fold(spec.name) in located})
    done = regenerate(season, progress=report)
    report("Writing")
    with _quietly(book):
        replace_output_sheets(book, done.sheets)
    return done


# --------------------------------------------------------------------------------------------------
# The ribbon button and the script.




def run(book: Any) -> str:
    """Regenerate a Book and tell the applicant how it went: a message box, never a traceback.

    Returns the message shown.
    """
    try:
        done = regenerate_book(book)
    except XlresidencyError as exc:
        message, mode = f"Nothing was changed: {exc}", "critical"
    except Exception as exc:  # a bug: the details go to the log, the applicant gets one sentence
        log = log_unexpected(exc, "Excel")
        message = f"Something unexpected went wrong ({type(exc).__name__}). The details are in {log}."
        mode = "critical"
    else:
        summary = done.summary
        message = " ".join([f"Rebuilt {summary.sheets} sheets.", *summary.lines()]) + (
            f" {summary.problems} input problem(s) are listed on the Checks sheet." if summary.problems else ""
        )
        mode = "info"
    with contextlib.suppress(Exception):  # an engine without message boxes still regenerated the book
        book.app.alert(message, title=TITLE, mode=mode)
    return message


def main() -> None:
    """The Residency ribbon's Regenerate button: rebuild the planning sheets of the workbook that called it."""
    run(xw.Book.caller())


@script
def regenerate_workbook(book: xw.Book) -> None:
    """Regenerate the planning sheets (xlwings Server and Lite)."""
    run(book)
