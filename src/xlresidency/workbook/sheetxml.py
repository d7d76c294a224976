"""One output sheet as the parts Excel reads: the worksheet XML, and the drawing and chart of its line chart.

The XML is written directly from ``OutputSheet`` rather than through a spreadsheet library: the sheets are plain
(values, a handful of cell styles, a frozen header, a filter, links, one chart), and a library would write a whole
workbook that would then have to be taken apart again. Measured on the demo season: XlsxWriter needed as long to
write the sheets into a scratch workbook (about 0.15 s) as this module and ``grafting.py`` need for the whole job,
before its parts, styles and shared strings would even have been remapped into the applicant's package.

Text goes into the cells as inline strings (``t="inlineStr"``), so the applicant's shared strings part is never
touched; text that starts with "=" is text like any other, never a formula. Elements follow the order ECMA-376
Part 1 (18.3.1.99) requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..core.notation import absolute, column_letter, sheet_reference
from ..sheets import layout
from ..sheets.layout import OutputSheet, quoted
from ..sheets.sizing import SIDE_MARGIN, SizedSheet, size_sheet
from .package import NS_MAIN, NS_R
from .stylesheet import CellStyle, Font, StyleSheet
from .xmlwriter import cell_xml, escape

NS_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"

DRAWING_REL = "rIdDrawing1"  # the sheet's relationship to its drawing
CHART_REL = "rIdChart1"  # the drawing's relationship to its chart
CHART_SIZE_EMU = (int(layout.CHART_SIZE_CM[0] * 360000), int(layout.CHART_SIZE_CM[1] * 360000))

NOTE = CellStyle(font=Font(italic=True, color=layout.NOTE_TEXT))
NOTE_WRAPPED = CellStyle(font=Font(italic=True, color=layout.NOTE_TEXT), wrap=True, top=True)
HEADER = CellStyle(font=Font(bold=True, color=layout.HEADER_TEXT), fill=layout.HEADER_FILL, wrap=True, top=True)
LINK = CellStyle(font=Font(underline=True, color="0563C1"), top=True)
BOLD = Font(bold=True)


@dataclass
class SheetParts:
    """What one output sheet adds to the package."""

    xml: bytes
    links: list[str] = field(default_factory=list)  # hyperlink addresses, relationship ids rIdLink1, rIdLink2, ...
    drawing: bytes | None = None  # the drawing holding the chart (relationship DRAWING_REL from the sheet)
    chart: bytes | None = None  # the chart (relationship CHART_REL from the drawing)
    title_columns: int = 0  # leading columns printed on every page across (the print titles' columns)


def link_rel(number: int) -> str:
    """The relationship id of the sheet's n-th hyperlink (1-based)."""
    return f"rIdLink{number}"


# --------------------------------------------------------------------------------------------------
# Cells.


def cell(reference: str, value: Any, style: int) -> str:
    """One ``<c>`` element of an output sheet (``xmlwriter.cell_xml``)."""
    return cell_xml(reference, value, style)


# --------------------------------------------------------------------------------------------------
# The sheet.


class _Styler:
    """The cell format of each kind of cell on one sheet, from the shared style sheet."""

    def __init__(self, sheet: OutputSheet, styles: StyleSheet, wrap: frozenset[str]) -> None:
        self.sheet = sheet
        self.wrap = wrap
        self.styles = styles
        self.note = styles.xf(NOTE)
        self.header = styles.xf(HEADER)
        self.link = styles.xf(LINK)
        self.data: dict[tuple[str, bool], int] = {}

    def data_cell(self, column: str, value: Any) -> int:
        """The cell style of a data cell: its column's number format (dates get one) and wrapping; colours are
        conditional formats (``conditional_formats``), so they follow the row when the table is sorted."""
        is_date = isinstance(value, dt.date)
        key = (column, is_date)
        found = self.data.get(key)
        if found is None:
            fmt = self.sheet.number_formats.get(column) or (layout.DATE_FORMAT if is_date else None)
            found = self.data[key] = self.styles.xf(CellStyle(number_format=fmt, wrap=column in self.wrap, top=True,
                                                         center=column in self.sheet.center))
        return found

    def plain(self, bold: bool = False, number_format: str | None = None, fill: str | None = None,
              wrap: bool = False) -> int:
        return self.styles.xf(CellStyle(font=BOLD if bold else None, number_format=number_format, fill=fill, wrap=wrap,
                                   top=wrap))


def _row(number: int, cells: list[str], height: float | None = None) -> str:
    extra = f' ht="{height:g}" customHeight="1"' if height else ""
    return f'<row r="{number}"{extra}>{"".join(cells)}</row>'


def _sheet_data(sheet: OutputSheet, grid: list[list[Any]], styler: _Styler, letters: list[str],
                links: list[str], fitted: SizedSheet) -> list[str]:
    """The ``<row>`` elements: the note, the headers, the data, the footer and the chart's data block."""
    columns = [str(c) for c in sheet.frame.columns]
    n = len(sheet.frame)
    heights = fitted.row_heights
    link_columns = {i for i, name in enumerate(columns) if name in sheet.links}
    note = styler.styles.xf(NOTE_WRAPPED) if fitted.wraps(1, 1) else styler.note
    rows = [_row(1, [cell("A1", grid[0][0], note)], fitted.heights.get(1)),
            _row(2, [cell(f"{letters[c]}2", v, styler.header) for c, v in enumerate(grid[1])],
                 fitted.header_height)]
    for r in range(n):
        number = r + 3
        cells = []
        for c, value in enumerate(grid[r + 2]):
            reference = f"{letters[c]}{number}"
            if c in link_columns and isinstance(value, str) and value:
                links.append(value)
                cells.append(cell(reference, layout.LINK_TEXT, styler.link))
            elif value is not None:
                cells.append(cell(reference, value, styler.data_cell(columns[c], value)))
        rows.append(_row(number, cells, heights[r] if r < len(heights) else None))
    footer_start = 3 + n + 1
    for i in range(len(sheet.footer)):
        number = footer_start + i
        cells = []
        for c, value in enumerate(grid[number - 1]):
            name = columns[c] if c < len(columns) else ""
            money = sheet.number_formats.get(name) if isinstance(value, int | float) else None
            swatch = sheet.footer_fill(name, value)
            if value is not None or c == 0:
                cells.append(cell(f"{letters[c]}{number}", value, styler.plain(
                    bold=c == 0, number_format=money, fill=swatch, wrap=fitted.wraps(number, c + 1))))
        rows.append(_row(number, cells, fitted.heights.get(number)))
    if sheet.chart is not None and sheet.chart_block is not None:
        header, last, width = sheet.chart_block
        rows.append(_row(header, [cell(f"{letters[c]}{header}", v, styler.plain(bold=True,
                                                                              wrap=fitted.wraps(header, c + 1)))
                                  for c, v in enumerate(grid[header - 1])], fitted.heights.get(header)))
        y_format = styler.plain(number_format=sheet.chart.y_format)
        for number in range(header + 1, last + 1):
            rows.append(_row(number, [cell(f"{letters[c]}{number}", v, y_format if 0 < c < width else 0)
                                      for c, v in enumerate(grid[number - 1])]))
    return rows


def _views(sheet: OutputSheet, selected: bool) -> str:
    tab = ' tabSelected="1"' if selected else ""
    rows, columns = sheet.freeze
    if not len(sheet.frame.columns):
        return f'<sheetViews><sheetView workbookViewId="0"{tab}/></sheetViews>'
    top_left = sheet.freeze_cell
    if columns:
        pane = (f'<pane xSplit="{columns}" ySplit="{rows}" topLeftCell="{top_left}" activePane="bottomRight" '
                f'state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/>'
                f'<selection pane="bottomRight" activeCell="{top_left}" sqref="{top_left}"/>')
    else:
        pane = (f'<pane ySplit="{rows}" topLeftCell="{top_left}" activePane="bottomLeft" state="frozen"/>'
                f'<selection pane="bottomLeft" activeCell="{top_left}" sqref="{top_left}"/>')
    return f'<sheetViews><sheetView workbookViewId="0"{tab}>{pane}</sheetView></sheetViews>'


def filter_reference(sheet: OutputSheet) -> str | None:
    """The autofilter's range (``A2:J42``), or None."""
    if sheet.filter_range is None:
        return None
    first_row, first_col, last_row, last_col = sheet.filter_range
    return f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"


def conditional_formats(sheet: OutputSheet, styles: StyleSheet, letters: list[str]) -> list[str]:
    """The colour of each coloured column as conditional formats, one rule per colour its cells show: the colour
    follows the row when the applicant sorts or filters, and the word stays in the cell."""
    n = len(sheet.frame)
    blocks = []
    priority = 0
    for c, name in enumerate(str(column) for column in sheet.frame.columns):
        rules = []
        for text, colour in sheet.colours_shown(name).items():
            priority += 1
            formula = escape(quoted(text))
            rules.append(f'<cfRule type="cellIs" dxfId="{styles.dxf(colour)}" priority="{priority}" '
                         f'operator="equal"><formula>{formula}</formula></cfRule>')
        if rules:
            blocks.append(f'<conditionalFormatting sqref="{letters[c]}3:{letters[c]}{2 + n}">{"".join(rules)}'
                          "</conditionalFormatting>")
    return blocks


def render(sheet: OutputSheet, styles: StyleSheet, tab_color: str = "", selected: bool = False) -> SheetParts:
    """The parts of one output sheet; ``tab_color`` is the previous version's ``<tabColor .../>`` element."""
    grid = sheet.grid()
    width = max([len(row) for row in grid] + [1])
    letters = [column_letter(c) for c in range(1, width + 1)]
    fitted = size_sheet(sheet)
    styler = _Styler(sheet, styles, fitted.wrap)
    links: list[str] = []
    rows = _sheet_data(sheet, grid, styler, letters, links, fitted)
    columns = [str(c) for c in sheet.frame.columns]
    cols = "".join(f'<col min="{c}" max="{c}" width="{fitted.widths[name]:g}" customWidth="1"/>'
                   for c, name in enumerate(columns, start=1))
    setup = fitted.printing
    fit_to_page = '<pageSetUpPr fitToPage="1"/>' if setup.fit_to_width else ""
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">',
        f"<sheetPr>{tab_color}{fit_to_page}</sheetPr>" if tab_color or fit_to_page else "",
        f'<dimension ref="A1:{letters[-1]}{len(grid)}"/>',
        _views(sheet, selected),
        '<sheetFormatPr defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>", *rows, "</sheetData>",
    ]
    reference = filter_reference(sheet)
    if reference:
        parts.append(f'<autoFilter ref="{reference}"/>')
    merged = [f'<mergeCell ref="{letters[first - 1]}{row}:{letters[last - 1]}{row}"/>'
              for row, first, last in fitted.blocks if last > first]
    if merged:
        parts.append(f'<mergeCells count="{len(merged)}">{"".join(merged)}</mergeCells>')
    parts.extend(conditional_formats(sheet, styles, letters))
    if links:
        link_cells = [i for i, name in enumerate(columns) if name in sheet.links]
        found = [(f"{letters[c]}{r + 3}") for r in range(len(sheet.frame)) for c in link_cells
                 if isinstance(grid[r + 2][c], str) and grid[r + 2][c]]
        parts.append("<hyperlinks>" + "".join(f'<hyperlink ref="{ref}" r:id="{link_rel(i)}"/>'
                                              for i, ref in enumerate(found, start=1)) + "</hyperlinks>")
    parts.append(f'<pageMargins left="{SIDE_MARGIN:g}" right="{SIDE_MARGIN:g}" top="0.6" bottom="0.6" '
                 'header="0.3" footer="0.3"/>')
    orientation = "landscape" if setup.landscape else "portrait"
    size = 'fitToWidth="1" fitToHeight="0"' if setup.fit_to_width else f'scale="{setup.scale}"'
    parts.append(f'<pageSetup paperSize="1" {size} pageOrder="overThenDown" orientation="{orientation}"/>')
    result = SheetParts(b"", links, title_columns=setup.title_columns)
    if sheet.chart is not None and sheet.chart_block is not None:
        parts.append(f'<drawing r:id="{DRAWING_REL}"/>')
        result.drawing = drawing_xml(sheet)
        result.chart = chart_xml(sheet)
    parts.append("</worksheet>")
    result.xml = "".join(parts).encode("utf-8")
    return result


# --------------------------------------------------------------------------------------------------
# The chart.


def drawing_xml(sheet: OutputSheet) -> bytes:
    """The drawing that places the chart below the footer, at column A, in the rows left for it."""
    assert sheet.chart_row is not None
    cx, cy = CHART_SIZE_EMU
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{NS_DRAWING}" xmlns:a="{NS_A}"><xdr:oneCellAnchor>'
        f"<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{sheet.chart_row - 1}</xdr:row>"
        f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{cx}" cy="{cy}"/>'
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/>'
        '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
        f'<a:graphicData uri="{NS_CHART}"><c:chart xmlns:c="{NS_CHART}" xmlns:r="{NS_R}" r:id="{CHART_REL}"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"
    ).encode()


def _title(text: str) -> str:
    return (f"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>"
            '<c:overlay val="0"/></c:title>')


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


SERIES_COLOURS = ("1F4E78", "C00000", "7F7F7F", "548235")
"""Line colours in series order: the central figure dark blue, then red, grey, green."""
BAND_COLOUR = "BDD7EE"


def _series(sheet: OutputSheet, index: int, name: str, column: int, look_xml: str) -> str:
    assert sheet.chart_block is not None
    header, last, _ = sheet.chart_block
    categories = sheet_reference(sheet.name, f"{absolute(1, header + 1)}:{absolute(1, last)}")
    values = sheet_reference(sheet.name, f"{absolute(column, header + 1)}:{absolute(column, last)}")
    title = sheet_reference(sheet.name, absolute(column, header))
    return (f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/><c:tx><c:strRef><c:f>{escape(title)}</c:f>'
            f"</c:strRef></c:tx>{look_xml}<c:cat><c:numRef><c:f>{escape(categories)}</c:f></c:numRef></c:cat>"
            f"<c:val><c:numRef><c:f>{escape(values)}</c:f></c:numRef></c:val>"
            + ('<c:smooth val="0"/>' if "c:marker" in look_xml else "") + "</c:ser>")


def _line_look(chart: Any, name: str, position: int) -> str:
    if name in chart.markers_only:
        red = _fill("C00000")
        return (f'<c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="9"/>'
                f"<c:spPr>{red}<a:ln>{red}</a:ln></c:spPr></c:marker>")
    colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
    dash = '<a:prstDash val="dash"/>' if name in chart.dashed else ""
    return (f'<c:spPr><a:ln w="22225">{_fill(colour)}{dash}</a:ln></c:spPr>'
            '<c:marker><c:symbol val="none"/></c:marker>')


def chart_xml(sheet: OutputSheet) -> bytes:
    """A native chart over the data block below the footer: x from its first column; the band (when given) as a
    stacked area whose base is invisible; every other column a line (or markers); a value axis from 0 with round
    ticks; an x label every ``x_step`` values."""
    chart = sheet.chart
    assert chart is not None
    names = [str(c) for c in chart.data.columns]
    column_of = {name: i + 1 for i, name in enumerate(names)}
    index = 0
    area = ""
    hidden: list[int] = []
    if chart.band:
        base, width = chart.band
        area = ("<c:areaChart><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>"
                + _series(sheet, 0, base, column_of[base], '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
                + _series(sheet, 1, width, column_of[width],
                          f'<c:spPr>{_fill(BAND_COLOUR)}<a:ln><a:noFill/></a:ln></c:spPr>')
                + '<c:axId val="500000001"/><c:axId val="500000002"/></c:areaChart>')
        hidden.append(0)
        index = 2
    lines = "".join(_series(sheet, index + i, name, column_of[name], _line_look(chart, name, i))
                    for i, name in enumerate(chart.lines))
    skip = max(1, int(chart.x_step))
    scaling = '<c:orientation val="minMax"/>' + (f'<c:max val="{chart.y_max:g}"/>' if chart.y_max is not None
                                                  else "") + '<c:min val="0"/>'
    unit = f'<c:majorUnit val="{chart.y_step:g}"/>' if chart.y_step else ""
    axes = (
        '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="b"/>{_title(names[0])}<c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        f'<c:lblOffset val="100"/><c:tickLblSkip val="{skip}"/><c:tickMarkSkip val="{skip}"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="500000002"/><c:scaling>{scaling}</c:scaling>'
        f'<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>{_title(chart.y_title)}'
        f'<c:numFmt formatCode="{escape(chart.y_format)}" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/>'
        f'<c:crosses val="autoZero"/><c:crossBetween val="midCat"/>{unit}</c:valAx>'
    )
    legend_entries = "".join(f'<c:legendEntry><c:idx val="{i}"/><c:delete val="1"/></c:legendEntry>' for i in hidden)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{NS_CHART}" xmlns:a="{NS_A}" xmlns:r="{NS_R}"><c:roundedCorners val="0"/>'
        f'<c:chart>{_title(chart.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>{area}<c:lineChart>'
        f'<c:grouping val="standard"/><c:varyColors val="0"/>{lines}<c:marker val="1"/>'
        f'<c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>{axes}</c:plotArea>'
        f'<c:legend><c:legendPos val="b"/>{legend_entries}<c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    ).encode()
