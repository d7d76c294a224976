"""An output sheet fitted to its text: column widths, wrapping, row heights and the print set-up.

Neither openpyxl nor LibreOffice sizes a row to its wrapped text when it opens a file, and a sheet printed
"one page wide" shrinks its text until it is unreadable, so both writers take these figures from here:

- **Widths.** A column is at least as wide as its hint and its header's longest word. A column that does not
  wrap grows to its longest text (an email address must show whole) up to ``MAX_AUTO_WIDTH`` characters; text
  longer than that wraps instead.
- **Heights.** Each row is as tall as the most lines any of its wrapped cells needs, the header row included.
  Lines are counted by wrapping the words the way a spreadsheet does, with the advance widths of Calibri (and
  Carlito, its metric twin that LibreOffice uses where Calibri is not installed).
- **Printing.** US Letter, half-inch side margins. A sheet that fits one page wide at ``MIN_PRINT_SCALE`` percent
  or more is printed one page wide. A wider one first narrows its wrapped columns just enough to need as few pages
  across as they can reach, then prints at a fixed scale of at least that, with the program column repeated on
  each page across. At 80 % the default 11-point text prints at 8.8 points (and a 10-point default at 8).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

from .layout import OutputSheet

MIN_PRINT_SCALE = 80
"""The smallest print scale in percent: 11-point text prints at 8.8 points."""
MAX_AUTO_WIDTH = 50.0
"""The widest a column grows to show its text on one line; longer text wraps."""
MIN_WRAP_WIDTH = 22.0
"""The narrowest a column of wrapped text becomes to let its sheet print on fewer pages across."""
MAX_PAGES_ACROSS = 3
"""The most pages across the wrapped columns are narrowed for; a sheet wider still keeps its widths."""
LINE_HEIGHT = 15.0
"""Points per line of 11-point text, as Excel sizes a row."""
MAX_ROW_HEIGHT = 409.0
"""The tallest row Excel allows, in points."""
SIDE_MARGIN = 0.5
"""Left and right page margins, in inches."""
PAGE_WIDTH = {True: 11.0, False: 8.5}
"""US Letter's width in inches, landscape and portrait."""
_SAFETY = 0.97  # share of the printable width planned for: rounding of pixel widths differs between programs

# Advance widths of the printable ASCII characters (space to tilde) in Calibri, in 1/2048 of an em; the digit
# "0" (1038) is the unit a spreadsheet column width counts in.
_REGULAR = (
    463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791, 1038, 1038, 1038, 1038,
    1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949, 1831, 1185, 1114, 1092, 1260, 1000, 941,
    1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356, 1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959,
    628, 791, 628, 1020, 1020, 596, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076,
    1080, 1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 644, 943, 644, 1020,
)
_BOLD = (
    463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880, 1038, 1038, 1038, 1038,
    1038, 1038, 1038, 1038, 1038, 1038, 565, 565, 1020, 1020, 1020, 949, 1840, 1241, 1148, 1084, 1291, 999, 940,
    1305, 1292, 546, 678, 1120, 866, 1790, 1349, 1385, 1090, 1405, 1153, 968, 1014, 1337, 1211, 1856, 1128, 1064,
    979, 665, 880, 665, 1020, 1020, 615, 1011, 1099, 857, 1099, 1031, 648, 971, 1099, 503, 523, 983, 503, 1666,
    1099, 1101, 1099, 1099, 728, 817, 710, 1099, 969, 1526, 941, 970, 814, 704, 973, 704, 1020,
)
_DIGIT = 1038
_OTHER = 1.1  # any other character (accents, dashes, CJK are wider still but rare here), in digit widths
_SPACE = _REGULAR[0] / _DIGIT


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints."""

    landscape: bool
    fit_to_width: bool  # one page wide (the program picks the scale, never below MIN_PRINT_SCALE)
    scale: int  # percent: the scale the sheet prints at (when fitted, what one page wide needs, at most 100)
    pages_wide: int
    title_columns: int  # leading columns repeated on every page across (0 or 1)


@dataclass(frozen=True)
class SizedSheet:
    """One output sheet's widths, wrapping, row heights and print set-up."""

    widths: dict[str, float]  # column -> width in characters
    wrap: frozenset[str]  # columns whose text wraps
    header_height: float | None  # points; None for one line
    row_heights: list[float | None]  # per data row, points; None for one line
    printing: PrintSetup
    blocks: tuple[tuple[int, int, int], ...] = ()  # wrapped text outside the table: (row, first column, last
    # column), 1-based, merged when it spans more than one column (the note, long footer lines)
    heights: dict[int, float] = field(default_factory=dict)  # other rows' heights (the note, the footer), points

    def wraps(self, row: int, column: int) -> bool:
        """Whether a cell outside the table (the note, the footer) starts a block of wrapped text."""
        return any(r == row and first == column for r, first, _ in self.blocks)


def text_width(text: str, bold: bool = False) -> float:
    """The width of one line of text in 11-point Calibri, in column-width characters (widths of "0")."""
    table = _BOLD if bold else _REGULAR
    units = 0
    other = 0
    for character in text:
        code = ord(character) - 32
        if 0 <= code < 95:
            units += table[code]
        else:
            other += 1
    return units / _DIGIT + other * _OTHER


@lru_cache(maxsize=1 << 16)
def _span(word: str) -> float:
    """A word's width followed by a space (words recur across a sheet's cells, so each is measured once)."""
    return text_width(word) + _SPACE


@lru_cache(maxsize=1 << 12)
def _bold_span(word: str) -> float:
    return text_width(word, bold=True) + _SPACE


_WIDEST = max(_BOLD) / _DIGIT  # the widest character: a text this many times shorter than a line fits on it


def line_count(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a wrapping cell ``width`` characters wide: words wrap whole, a word
    longer than a line is broken, and each line break in the text starts a new line."""
    capacity = max(1.0, width - 0.5)  # the cell's padding
    span = _bold_span if bold else _span
    total = 0
    for paragraph in text.split("\n"):
        if len(paragraph) * _WIDEST <= capacity:
            total += 1
            continue
        spans = list(map(span, paragraph.split(" ")))
        if max(spans) - _SPACE > capacity:
            total += _broken_lines([size - _SPACE for size in spans], capacity)
            continue
        # ends[k]: where word k ends when words 0..k are set on one line, each followed by a space
        ends = list(accumulate(spans))
        limit = capacity + _SPACE
        lines, start, reach = 0, 0, 0.0
        while start < len(spans):
            lines += 1
            start = bisect_right(ends, reach + limit, lo=start + 1)
            reach = ends[start - 1]
        total += lines
    return total


def _broken_lines(sizes: list[float], capacity: float) -> int:
    """Lines for words some of which are longer than a line (and broken over as many lines as they need)."""
    lines, used = 1, 0.0
    for size in sizes:
        if used == 0.0:
            used = size
        elif used + _SPACE + size <= capacity:
            used += _SPACE + size
            continue
        else:
            lines += 1
            used = size
        if size > capacity:
            extra = math.ceil(size / capacity) - 1
            lines += extra
            used = size - extra * capacity
    return lines


def _shown(value: Any) -> str:
    """A cell's text as it is shown (blank for None and NaN)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, int | float):
        return f"{value:,.0f}" if abs(value) >= 1000 else str(value)
    return ""


def _height(lines: int) -> float | None:
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines) if lines > 1 else None


def column_points(width: float) -> float:
    """A column of ``width`` characters in points (7 pixels a character and 5 of padding, at 96 pixels an inch)."""
    return (width * 7 + 5) * 0.75


def _printable(landscape: bool) -> float:
    """The width a page holds, in points at 100 %: US Letter less the side margins (and a little to spare)."""
    return (PAGE_WIDTH[landscape] - 2 * SIDE_MARGIN) * 72 * _SAFETY


def _title_columns(sheet: OutputSheet) -> int:
    """The columns repeated on each page across: the program column, where the sheet keeps it in view."""
    return 1 if sheet.freeze[1] else 0


def page_breaks(widths: list[float], scale: int, landscape: bool, title_columns: int) -> list[int]:
    """The columns (0-based) that start a new page across when the columns print at ``scale`` percent, each page
    after the first repeating the title columns; breaks fall between columns."""
    page = _printable(landscape) * 100 / scale
    points = [column_points(w) for w in widths]
    titles = sum(points[:title_columns])
    breaks, used = [], 0.0
    for c, size in enumerate(points):
        if used and used + size > page:
            breaks.append(c)
            used = titles
        used += size
    return breaks


def printing(sheet: OutputSheet, widths: list[float]) -> PrintSetup:
    """The print set-up: one page wide when that keeps the text at ``MIN_PRINT_SCALE`` or more, else a fixed scale
    with the program column repeated: the largest that breaks the columns where ``MIN_PRINT_SCALE`` does."""
    landscape = sheet.landscape
    page = _printable(landscape)
    total = sum(column_points(w) for w in widths) or 1.0
    if total * MIN_PRINT_SCALE / 100 <= page:
        return PrintSetup(landscape, True, min(100, math.floor(100 * page / total)), 1, 0)
    titles = _title_columns(sheet)
    least = page_breaks(widths, MIN_PRINT_SCALE, landscape, titles)
    scale = next(s for s in range(100, MIN_PRINT_SCALE - 1, -1) if page_breaks(widths, s, landscape, titles) == least)
    return PrintSetup(landscape, False, scale, len(least) + 1, titles)


def size_sheet(sheet: OutputSheet) -> SizedSheet:
    """Fit one output sheet to its text (see the module's description)."""
    frame = sheet.frame
    columns = [str(c) for c in frame.columns]
    wrap = set(sheet.wrap) & set(columns)
    widths: dict[str, float] = {}
    values: dict[str, list[str]] = {}
    for name in columns:
        width = float(sheet.width(name))
        longest_word = max((text_width(word, bold=True) for word in name.split()), default=0.0)
        width = max(width, math.ceil(longest_word + 1.5))
        texts = [] if name in sheet.links else [_shown(v) for v in frame[name].tolist()]
        if texts:
            words = max(map(_span, set(" ".join(set(texts)).split())), default=_SPACE) - _SPACE + 1.5
            if name not in wrap:
                needed = max(text_width(line) for text in set(texts) for line in text.split("\n")) + 1.5
                if needed <= MAX_AUTO_WIDTH:
                    width = max(width, float(math.ceil(needed)))
                else:
                    wrap.add(name)
            width = max(width, float(math.ceil(min(words, MAX_AUTO_WIDTH))))
        widths[name] = width
        values[name] = texts
    _narrow(sheet, widths, wrap)
    header_lines = max([line_count(name, widths[name], bold=True) for name in columns] or [1])
    lines = [1] * len(frame)
    for name in columns:
        if name not in wrap:
            continue
        width = widths[name]
        for i, text in enumerate(values[name]):
            if text:
                count = line_count(text, width)
                if count > lines[i]:
                    lines[i] = count
    listed = [widths[name] for name in columns]
    setup = printing(sheet, listed)
    breaks = [] if setup.fit_to_width else page_breaks(listed, setup.scale, setup.landscape, setup.title_columns)
    blocks, heights = _text_blocks(sheet, listed, breaks)
    return SizedSheet(widths, frozenset(wrap), _height(header_lines), [_height(n) for n in lines], setup, tuple(blocks),
                  heights)


def _narrow(sheet: OutputSheet, widths: dict[str, float], wrap: set[str]) -> None:
    """Narrow the wrapped text columns just enough for the sheet to print on as few pages across as they can
    reach at ``MIN_PRINT_SCALE``: one page wide if possible, else two (with the program column repeated), up to
    ``MAX_PAGES_ACROSS``. They narrow in proportion to their width, none below ``MIN_WRAP_WIDTH`` (or the sheet's
    ``keep_widths``); their rows grow taller instead. A sheet that gets nowhere this way keeps its widths."""
    names = list(widths)
    least = {name: sheet.keep_widths.get(name, MIN_WRAP_WIDTH) for name in wrap}
    room = {name: widths[name] - least[name] for name in wrap if widths[name] > least[name]}
    titles = _title_columns(sheet)
    original = dict(widths)
    for pages in range(1, MAX_PAGES_ACROSS + 1):
        for step in range(0, 21):
            trial = {name: float(math.floor(original[name] - room.get(name, 0.0) * step / 20)) if name in room
                     else original[name] for name in names}
            across = len(page_breaks([trial[n] for n in names], MIN_PRINT_SCALE, sheet.landscape,
                                     0 if pages == 1 else titles)) + 1
            if across <= pages:
                widths.update(trial)
                return


def _text_blocks(sheet: OutputSheet, widths: list[float],
                 breaks: list[int]) -> tuple[list[tuple[int, int, int]], dict[int, float]]:
    """The note, the long footer lines and the chart data's headers, each merged across the table's columns it
    would run into and wrapped there: text running past the table's last column would widen the printed page (and
    shrink it), and text running into a filled cell would be cut. A block ends where its printed page does
    (``breaks``: the columns that start a page across), or the page would cut its lines."""
    merges: list[tuple[int, int, int]] = []
    heights: dict[int, float] = {}
    last = len(widths)
    def page_end(column: int) -> int:
        """The last column (0-based) printed on the same page across as ``column``."""
        return next((b for b in breaks if b > column), last) - 1

    if last > 1:
        end = page_end(0)
        merges.append((1, 1, end + 1))
        height = _height(line_count(sheet.title, sum(widths[: end + 1])))
        if height:
            heights[1] = height
    start = 3 + len(sheet.frame) + 1
    lines_below = [(start + i, line) for i, line in enumerate(sheet.footer)]
    if sheet.chart is not None and sheet.chart_block is not None:  # the chart data's headers
        lines_below.append((sheet.chart_block[0], [str(c) for c in sheet.chart.data.columns]))
    for row, line in lines_below:
        cells = list(line[:last]) + [None] * (last - len(line))
        lines = 1
        for c, value in enumerate(cells):
            if not isinstance(value, str) or not value:
                continue
            end = next((k for k in range(c + 1, last) if cells[k] is not None and cells[k] != ""), last) - 1
            chart_header = row >= start + len(sheet.footer)  # each header of the chart's data wraps in its column
            end = c if chart_header else min(end, page_end(c))
            bold = c == 0 or chart_header
            if text_width(value, bold) + 0.5 <= widths[c] and "\n" not in value:
                continue
            merges.append((row, c + 1, end + 1))
            lines = max(lines, line_count(value, sum(widths[c : end + 1]), bold))
        height = _height(lines)
        if height:
            heights[row] = height
    return merges, heights
