"""The Programs table of a workbook package, changed in place by ``xlresidency import``.

The table is found through the package's own parts (the sheet that holds a table named Programs); its cells are
read as the package stores them (a formula by the result Excel last computed, ``reader.stored_values``) and set
through ``sheetedit.SheetEdit``, so only the Programs sheet's part and the table's part change, and the style
sheet only when a date lands in a cell without a date format. A new program goes in the first free row at the
end of the table: a row the sheet already holds (the template formats 200 empty rows) keeps each cell's format;
a row it lacks takes the formats of the row above, as Excel does when a table grows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..core import schema
from ..core.cells import is_blank
from ..core.errors import WorkbookError
from ..core.notation import column_letter
from ..sheets.layout import DATE_FORMAT
from .package import REL_STYLES, TableDef, main_part, relationships, sheet_tables, workbook_sheets
from .programlist import ProgramsTarget
from .reader import stored_values
from .sheetedit import SheetEdit, date_styles, grow_table
from .stylesheet import CellStyle, StyleSheet

PROGRAMS = schema.INPUT_BY_NAME["Programs"]
COLUMNS = {c.name: c for c in PROGRAMS.columns}


class ProgramsTable(ProgramsTarget):
    """The Programs table of a workbook package being changed: where its columns are, which programs it holds,
    and how a new program is appended. Only the Programs sheet's part and the table's part change (and the style
    sheet, only when a date lands in a cell without a date format)."""

    def __init__(self, parts: dict[str, bytes], path: Path) -> None:
        super().__init__()
        self.parts, self.path = parts, path
        found = _programs_part(parts)
        if found is None:
            raise WorkbookError(
                f"{path}: has no Programs table; import into a season workbook (make one with: xlresidency new)"
            )
        self.part, self.table = found
        if self.table.totals_rows or not self.table.header_rows:
            raise WorkbookError(
                f"{path}: the Programs table has a totals row or no header row; turn it off to import"
            )
        self.first_col, self.header, self.last_col, self.last_row = self.table.bounds
        self.sheet = SheetEdit(parts[self.part])
        self.stored = stored_values(parts, self.part)  # formulas by their last result, as Excel stored it
        self.written: dict[tuple[int, int], Any] = {}
        # self.columns: Programs column -> sheet column number
        by_header = {schema.fold(c.name): c.name for c in PROGRAMS.columns}
        for c in range(self.first_col, self.last_col + 1):
            name = by_header.get(schema.fold(self.cell(self.header, c)))
            if name is not None:
                self.columns.setdefault(name, c)
        if "Program" not in self.columns:
            raise WorkbookError(f"{path}: the Programs table has no column headed Program")
        self.model: int | None = None  # the row whose cell formats new rows take where the sheet has none
        self.styles_part = next((r.target for r in relationships(parts, main_part(parts))
                                 if r.type == REL_STYLES and not r.external and r.target in parts), "")
        self.styles: StyleSheet | None = None
        self.dates: set[int] | None = None
        used = self.header
        for r in range(self.header + 1, self.last_row + 1):
            if any(not is_blank(self.cell(r, c)) for c in range(self.first_col, self.last_col + 1)):
                used = r
                self.index(r)
        self.next_row = used + 1

    def cell(self, row: int, column: int) -> Any:
        """A cell's value as the package stores it (a formula by its result), or as this import set it."""
        if (row, column) in self.written:
            return self.written[(row, column)]
        values = self.stored[row - 1] if row <= len(self.stored) else []
        value = values[column - 1] if column <= len(values) else None
        return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value

    def is_formula(self, row: int, column: str) -> bool:
        c = self.columns[column]
        return (row, c) not in self.written and self.sheet.is_formula(row, c)

    def _date_style(self, style: int) -> int:
        """A cell format that shows a date: the cell's own when it does, else one with the date format."""
        if not self.styles_part:
            return style
        if self.dates is None:
            self.dates = date_styles(self.parts[self.styles_part])
        if style in self.dates:
            return style
        if self.styles is None:
            self.styles = StyleSheet(self.parts[self.styles_part])
        found = self.styles.xf(CellStyle(number_format=DATE_FORMAT))
        self.dates.add(found)
        return found

    def put(self, row: int, column: str, value: Any) -> None:
        """Write one value (text stays text: '=' never makes a formula) in the cell's own format, or for a cell
        the sheet lacks, in the format of the model row's cell; a date gets a date format."""
        c = self.columns[column]
        own = self.sheet.style(row, c)
        style = own if own is not None else (self.sheet.style(self.model, c) or 0) if self.model else 0
        if isinstance(value, dt.date):
            style = self._date_style(style)
        self.sheet.set(row, c, value, style)
        self.written[(row, c)] = value

    def make_room(self, row: int) -> None:
        """A row below the table must be empty; a row the sheet lacks takes the formats of the row above."""
        if row > self.last_row:
            for c in range(self.first_col, self.last_col + 1):
                if not is_blank(self.cell(row, c)) or self.sheet.is_formula(row, c):
                    raise WorkbookError(
                        f"{self.path}: {column_letter(c)}{row}, below the Programs table, is not empty; "
                        "move what is there so the table can grow"
                    )
        if self.model is None and row - 1 > self.header:
            self.model = row - 1
        if row not in self.sheet.rows and self.model is not None:
            # A row the sheet lacks takes the formats of the row above (as Excel does when a table grows).
            for c, _ in self.sheet.cells(self.model).items():
                style = self.sheet.style(self.model, c)
                if style and self.first_col <= c <= self.last_col:
                    self.sheet.set(row, c, None, style)

    def grow(self) -> None:
        """Stretch the table's range, and every dropdown of its columns that reached the row above the new
        programs, over the rows appended."""
        if not self.added:
            return
        last = max(self.last_row, *self.added)
        ref = f"{column_letter(self.first_col)}{self.header}:{column_letter(self.last_col)}{last}"
        self.parts[self.table.part] = grow_table(self.parts[self.table.part], ref)
        first = min(self.added)
        model = first - 1 if first - 1 > self.header else first
        self.sheet.extend_validations(self.first_col, self.last_col, model, last)

    def write_into(self, parts: dict[str, bytes]) -> None:
        """Put the changed parts in the package (the table part is changed in place by ``grow``)."""
        parts[self.part] = self.sheet.to_bytes()
        if self.styles is not None and self.styles.changed:
            parts[self.styles_part] = self.styles.to_bytes()


def _programs_part(parts: dict[str, bytes]) -> tuple[str, TableDef] | None:
    """The worksheet part holding the Programs table, and the table."""
    for entry in workbook_sheets(parts):
        if entry.is_worksheet and entry.part in parts:
            for table in sheet_tables(parts, entry.part):
                if schema.fold(table.display_name) == "programs":
                    return entry.part, table
    return None

