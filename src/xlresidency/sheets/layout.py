"""What an output sheet is, and the style both writers give it: a table, its formatting hints and its layout.

``OutputSheet`` describes one generated sheet completely: the cells (``grid``), the widths, wrapping, fills,
number formats and links of its columns, and its layout (frozen panes, the autofilter, the rows repeated on
every printed page, the orientation). ``workbook/xlsx.py`` and ``excel/book.py`` both write exactly this, so a
sheet looks the same whether it was regenerated from the command line or from Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..core.cells import cell_value
from ..core.notation import column_letter
from ..core.schema import OUTPUT_SHEETS

GENERATED_NOTE = "Rebuilt by xlresidency each time you regenerate: edits on this sheet are replaced."

# Fill colours (hex RGB) shared by the sheets that colour a verdict.
GREEN, AMBER, GREY, RED = "C6EFCE", "FFEB9C", "E7E6E6", "FFC7CE"

# The style both writers give every output sheet.
HEADER_FILL, HEADER_TEXT, NOTE_TEXT = "1F4E78", "FFFFFF", "595959"
DATE_FORMAT = "yyyy-mm-dd"
LINK_TEXT = "Open"  # what a link cell shows; the address itself is the cell's hyperlink


@dataclass(frozen=True)
class LineChart:
    """A native line chart of a small data block written below the sheet's footer, the chart itself between the
    footer and the block (``CHART_ROWS`` rows, inside the printed width of the table).

    ``data``: the first column holds the x values (its header names the x axis), each further column a series;
    a series with a value in only a few rows shows as markers (e.g. the recommended point). ``band``: two columns,
    a base and a width, drawn as a shaded band from base to base + width (the base column is kept out of the
    legend); ``dashed``: series drawn as dashed lines (a target); ``y_max`` and ``y_step``: the value axis from 0
    with round ticks; ``x_step``: a label every this many x values."""

    title: str
    y_title: str
    data: pd.DataFrame
    y_format: str = "0%"
    markers_only: tuple[str, ...] = ()  # series drawn as markers without a line
    band: tuple[str, ...] = ()
    dashed: tuple[str, ...] = ()
    y_max: float | None = None
    y_step: float | None = None
    x_step: int = 1

    @property
    def lines(self) -> list[str]:
        """The series drawn as lines or markers (every column but the x values and the band)."""
        return [str(c) for c in self.data.columns[1:] if str(c) not in self.band]


CHART_ROWS = 20
"""Rows left for the chart between the footer and its data block (about 10 cm at the default row height)."""
CHART_SIZE_CM = (24.0, 10.0)
"""The chart's width and height: narrower than the Applications table's printed width, so nothing is cut."""


@dataclass
class OutputSheet:
    """One generated sheet: a table plus light formatting hints the adapters apply.

    Layout written by both adapters: row 1 the generated-sheet note (``GENERATED_NOTE`` + ``note``), row 2
    the headers of ``frame``, data from row 3, then one blank row and the ``footer`` rows, if any.
    """

    name: str
    frame: pd.DataFrame
    note: str = ""
    widths: dict[str, float] = field(default_factory=dict)  # column -> width in characters
    keep_widths: dict[str, float] = field(default_factory=dict)  # column -> narrowest it may print (else 22)
    wrap: tuple[str, ...] = ()  # columns whose text wraps
    center: tuple[str, ...] = ()  # short columns centred, so neighbouring numbers and words do not run together
    fills: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {cell text: fill colour}
    number_formats: dict[str, str] = field(default_factory=dict)  # column -> Excel number format
    links: tuple[str, ...] = ()  # columns holding URLs (mailto:, file:) written as hyperlinks
    footer: list[list[Any]] = field(default_factory=list)  # rows below the table
    landscape: bool = True  # page set-up for printing: landscape, fit to one page wide
    autofilter: bool = True  # filter buttons on the header row
    chart: LineChart | None = None  # drawn beside its data block, below the footer

    @property
    def header_row(self) -> int:
        """The sheet row (1-based) of the table's headers."""
        return 2

    @property
    def freeze(self) -> tuple[int, int]:
        """Rows and columns kept in view when scrolling: the note and the headers, and on wide sheets the first
        column (the program)."""
        return 2, 1 if len(self.frame.columns) > 3 else 0

    @property
    def freeze_cell(self) -> str:
        """The freeze as the top-left cell that scrolls (Excel's notation: "B3")."""
        rows, columns = self.freeze
        return f"{column_letter(columns + 1)}{rows + 1}"

    @property
    def filter_range(self) -> tuple[int, int, int, int] | None:
        """(first row, first column, last row, last column) of the autofilter, 1-based; None without one."""
        if not self.autofilter or not len(self.frame.columns):
            return None
        return self.header_row, 1, self.header_row + max(len(self.frame), 0), len(self.frame.columns)

    @property
    def print_title_rows(self) -> tuple[int, int]:
        """The rows printed at the top of every page: the headers."""
        return self.header_row, self.header_row

    def __post_init__(self) -> None:
        if self.name not in OUTPUT_SHEETS:
            raise ValueError(f"{self.name!r} is not an output sheet of the workbook contract")

    @property
    def title(self) -> str:
        """The first-row note."""
        return f"{GENERATED_NOTE} {self.note}".strip()

    def width(self, column: str) -> float:
        """The width hint of a column in characters: the hint, else from the header's length (``sizing.fit``
        widens a column whose text needs more)."""
        return self.widths.get(column, max(10, min(40, len(str(column)) + 4)))

    def colours_shown(self, column: str) -> dict[str, str]:
        """The colour of each text a coloured column's cells hold (the colours no cell shows are left out): what
        both writers turn into one conditional format per colour."""
        colours = self.fills.get(column)
        if not colours or column not in self.frame:
            return {}
        held = set(self.frame[column].tolist())
        return {text: colour for text, colour in colours.items() if text in held}

    def footer_fill(self, column: str, value: Any) -> str | None:
        """The colour of a footer cell: a legend's word under a coloured column shows that column's colour for it
        (a swatch beside its meaning); other footer cells have none."""
        colours = self.fills.get(column)
        return colours.get(value) if colours is not None and isinstance(value, str) else None

    def grid(self) -> list[list[Any]]:
        """The sheet's cells as rows of plain Python values, exactly as both adapters write them.

        Blanks (None, NaN, NaT, pd.NA) become None, timestamps become ``datetime.datetime``, numpy scalars
        become Python numbers, so the xlsx and xlwings writers cannot differ in what lands in a cell.
        """
        rows: list[list[Any]] = [[self.title], list(self.frame.columns)]
        rows.extend([cell_value(v) for v in record] for record in self.frame.itertuples(index=False, name=None))
        if self.footer:
            rows.append([])
            rows.extend([cell_value(v) for v in line] for line in self.footer)
        if self.chart is not None:
            rows.append([])
            rows.extend([] for _ in range(CHART_ROWS))
            rows.append(list(self.chart.data.columns))
            rows.extend([cell_value(v) for v in record]
                        for record in self.chart.data.itertuples(index=False, name=None))
        return rows

    @property
    def chart_block(self) -> tuple[int, int, int] | None:
        """(header row, last row, columns) of the chart's data block, 1-based; None without a chart."""
        if self.chart is None:
            return None
        footer = len(self.footer) + 1 if self.footer else 0
        header = 2 + len(self.frame) + footer + 2 + CHART_ROWS
        return header, header + len(self.chart.data), len(self.chart.data.columns)

    @property
    def chart_row(self) -> int | None:
        """The row (1-based) the chart's top edge sits on, at column A: the first row left for it."""
        block = self.chart_block
        return None if block is None else block[0] - CHART_ROWS


def quoted(text: str) -> str:
    """Text as a string constant in an Excel formula: ``"Visit"``, inner quotes doubled."""
    return '"' + text.replace('"', '""') + '"'
