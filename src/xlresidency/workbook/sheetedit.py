"""Setting cells of an existing worksheet part, and growing its table part, with the rest of the XML as it was.

``xlresidency import`` changes a few cells of the Programs sheet; everything else in that sheet (other cells,
formulas with their stored results, conditional formats, dropdowns, extensions) must stay as Excel left it. So the
part is edited as text: only the rows that get a cell are written again, each keeping its other cells byte for
byte and every cell its style (``s``); new rows go in their place in ``sheetData``. Text goes in as an inline
string (``t="inlineStr"``), never a formula and never through the shared strings part; numbers and dates as
numbers (a date as Excel's serial number, shown by the cell's date format).
"""

from __future__ import annotations

import re
from typing import Any

from defusedxml import ElementTree as SafeET

from ..core.notation import cell_position, column_letter, range_bounds
from .package import NS_MAIN
from .xmlwriter import cell_xml

BUILTIN_DATE_FORMATS = frozenset({*range(14, 23), *range(45, 48)})  # Excel's built-in date and time formats
_REFERENCE = re.compile(r'\br="\$?([A-Za-z]{1,3})\$?(\d+)"')
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_STYLE = re.compile(r'\bs="(\d+)"')
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')  # literal text and [colours] in a number format code


def date_styles(styles_xml: bytes | None) -> set[int]:
    """The cell formats (positions in ``cellXfs``) whose number format shows a date."""
    if not styles_xml:
        return set()
    root = SafeET.fromstring(styles_xml)
    custom = {int(e.get("numFmtId", "0")): e.get("formatCode", "")
              for e in root.iterfind(f"{{{NS_MAIN}}}numFmts/{{{NS_MAIN}}}numFmt")}
    found = set()
    for i, xf in enumerate(root.iterfind(f"{{{NS_MAIN}}}cellXfs/{{{NS_MAIN}}}xf")):
        number = int(xf.get("numFmtId", "0") or 0)
        code = _QUOTED.sub("", custom.get(number, "")).lower()
        if number in BUILTIN_DATE_FORMATS or (number in custom and re.search(r"[dy]|mmm", code)):
            found.add(i)
    return found


class SheetEdit:
    """A worksheet part being changed cell by cell; ``to_bytes`` gives it back with only those rows rewritten."""

    def __init__(self, xml: bytes) -> None:
        self.text = xml.decode("utf-8")
        match = re.search(r"<(\w+:)?worksheet\b", self.text)
        self.prefix = (match[1] or "") if match else ""
        p = re.escape(self.prefix)
        self._row_pattern = re.compile(rf"<{p}row\b([^>]*?)(?:/>|>(.*?)</{p}row>)", re.S)
        self._cell_pattern = re.compile(rf"<{p}c\b([^>]*?)(?:/>|>(.*?)</{p}c>)", re.S)
        data = re.search(rf"<{p}sheetData\b[^>]*?(?:/>|>(.*?)</{p}sheetData>)", self.text, re.S)
        if data is None:
            raise KeyError("the worksheet part has no sheetData")
        self.data = data
        self.rows: dict[int, re.Match[str]] = {}  # row number -> its element in the sheetData text
        self._cells: dict[int, dict[int, str]] = {}  # row number -> column -> <c> element, parsed when asked
        self.changes: dict[int, dict[int, tuple[Any, int | None]]] = {}  # row -> column -> (value, style)
        number = 0
        for row in self._row_pattern.finditer(data[1] or ""):
            found = _ROW_NUMBER.search(row[1])
            number = int(found[1]) if found else number + 1
            self.rows[number] = row

    def cells(self, row: int) -> dict[int, str]:
        """Column -> ``<c>`` element of a row as the part holds it (none for a row it does not hold)."""
        if row not in self._cells:
            found: dict[int, str] = {}
            element = self.rows.get(row)
            column = 0
            for c in self._cell_pattern.finditer(element[2] or "" if element is not None else ""):
                reference = _REFERENCE.search(c[1])
                column = cell_position(reference[1] + reference[2])[0] if reference else column + 1
                found[column] = c[0]
            self._cells[row] = found
        return self._cells[row]

    def style(self, row: int, column: int) -> int | None:
        """The cell format a cell has (None when the part holds no such cell)."""
        element = self.cells(row).get(column)
        if element is None:
            return None
        found = _STYLE.search(element[: element.index(">")])
        return int(found[1]) if found else 0

    def is_formula(self, row: int, column: int) -> bool:
        element = self.cells(row).get(column, "")
        return re.search(rf"<{re.escape(self.prefix)}f[\s/>]", element) is not None

    def set(self, row: int, column: int, value: Any, style: int | None = None) -> None:
        """Give a cell a value; ``style`` None keeps the cell's own format (none for a cell not there yet)."""
        self.changes.setdefault(row, {})[column] = (value, style)

    # ---- writing -------------------------------------------------------------------------------------------

    def _row_xml(self, row: int) -> str:
        p = self.prefix
        cells = dict(self.cells(row))
        for column, (value, style) in self.changes[row].items():
            keep = self.style(row, column) if style is None else style
            cells[column] = cell_xml(f"{column_letter(column)}{row}", value, keep or 0, prefix=p, keep_blank=True)
        written = []
        for column in sorted(cells):
            element = cells[column]
            if not _REFERENCE.search(element[: element.index(">")]):  # a cell placed by position: name it now
                element = re.sub(rf"^<{re.escape(p)}c\b", f'<{p}c r="{column_letter(column)}{row}"', element)
            written.append(element)
        old = self.rows.get(row)
        attributes = re.sub(r'\s*\bspans="[^"]*"', "", old[1]).rstrip() if old is not None else f' r="{row}"'
        if not _ROW_NUMBER.search(attributes):
            attributes = f' r="{row}"' + attributes
        return f"<{p}row{attributes}>{''.join(written)}</{p}row>"

    def _sheet_data(self) -> str:
        body = self.data[1] or ""
        new = sorted(r for r in self.changes if r not in self.rows)
        pieces, position = [], 0
        for number, element in self.rows.items():
            while new and new[0] < number:
                pieces.append(self._row_xml(new.pop(0)))
            pieces.append(body[position: element.start()])
            pieces.append(self._row_xml(number) if number in self.changes else element[0])
            position = element.end()
        pieces.append(body[position:])
        pieces.extend(self._row_xml(r) for r in new)
        p = self.prefix
        opening = re.match(rf"<{re.escape(p)}sheetData\b([^>]*?)/?>", self.data[0])
        attributes = opening[1].rstrip() if opening else ""
        return f"<{p}sheetData{attributes}>{''.join(pieces)}</{p}sheetData>"

    def _dimension(self, text: str) -> str:
        found = re.search(rf'(<{re.escape(self.prefix)}dimension\b[^>]*\bref=")([^"]*)(")', text)
        if found is None or not self.changes:
            return text
        try:
            c1, r1, c2, r2 = range_bounds(found[2])
        except ValueError:
            return text
        columns = [c for changed in self.changes.values() for c in changed]
        c1, r1 = min(c1, *columns), min(r1, *self.changes)
        c2, r2 = max(c2, *columns), max(r2, *self.changes)
        reference = f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"
        return text[: found.start(2)] + reference + text[found.end(2):]

    def extend_validations(self, first_col: int, last_col: int, model: int, last: int) -> None:
        """Stretch down to ``last`` every dropdown range within these columns that covers the ``model`` row and
        ends above ``last`` (as Excel does when a table grows)."""
        p = re.escape(self.prefix)

        def stretch(reference: str) -> str:
            try:
                c1, r1, c2, r2 = range_bounds(reference)
            except ValueError:
                return reference
            if first_col <= c1 and c2 <= last_col and r1 <= model <= r2 < last:
                return f"{column_letter(c1)}{r1}:{column_letter(c2)}{last}"
            return reference

        def opening(tag: re.Match[str]) -> str:
            return re.sub(r'(\bsqref=")([^"]*)(")',
                          lambda m: m[1] + " ".join(stretch(r) for r in m[2].split()) + m[3], tag[0], count=1)

        block = re.search(rf"<{p}dataValidations\b.*?</{p}dataValidations>", self.text, re.S)
        if block is not None:
            inner = re.sub(rf"<{p}dataValidation\b[^>]*>", opening, block[0])
            self.text = self.text[: block.start()] + inner + self.text[block.end():]
            data = re.search(rf"<{p}sheetData\b[^>]*?(?:/>|>(.*?)</{p}sheetData>)", self.text, re.S)
            assert data is not None
            self.data = data

    def to_bytes(self) -> bytes:
        """The part with the cells set (unchanged text when nothing was set)."""
        if not self.changes:
            return self.text.encode("utf-8")
        text = self.text[: self.data.start()] + self._sheet_data() + self.text[self.data.end():]
        return self._dimension(text).encode("utf-8")


def grow_table(xml: bytes, reference: str) -> bytes:
    """A table part whose range (and its filter's) is ``reference``; the rest of the part as it was."""
    text = xml.decode("utf-8")
    text = re.sub(r'(<(?:\w+:)?table\b[^>]*?\sref=")[^"]*(")', lambda m: m[1] + reference + m[2], text, count=1)
    text = re.sub(r'(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]*(")', lambda m: m[1] + reference + m[2], text, count=1)
    return text.encode("utf-8")
