"""Excel's own notations, said once: column letters, A1 cell and range references, references on a named sheet,
and date serials (days since 1899-12-30). The file writer, the package reader, the importer's cell edits, the
xlwings adapter and the reading of typed cells all use these."""

from __future__ import annotations

import datetime as dt
import re

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
"""Day 0 of Excel's date serials (the 1900 date system, as every workbook here uses)."""

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def column_letter(number: int) -> str:
    """A 1-based column number as Excel names it: 1 -> "A", 27 -> "AA"."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A column's letters as its 1-based number: "A" -> 1, "AA" -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def cell_position(reference: str) -> tuple[int, int]:
    """(column, row), 1-based, of a reference such as ``B3`` or ``$B$3``."""
    match = _CELL.fullmatch(reference.strip())
    if match is None:
        raise ValueError(f"not a cell reference: {reference!r}")
    return column_number(match[1]), int(match[2])


def range_bounds(reference: str) -> tuple[int, int, int, int]:
    """(first column, first row, last column, last row) of ``A2:F40`` (or of one cell)."""
    first, _, last = reference.partition(":")
    c1, r1 = cell_position(first)
    c2, r2 = cell_position(last or first)
    return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)


def absolute(column: int, row: int) -> str:
    """``$B$3``: a cell that stays put when a formula is copied."""
    return f"${column_letter(column)}${row}"


def sheet_reference(name: str, reference: str) -> str:
    """``'Second Look'!$A$2:$J$9``: a range on a named sheet, as formulas and defined names write it."""
    return "'" + name.replace("'", "''") + "'!" + reference


def date_serial(value: dt.datetime | dt.date | dt.time) -> float:
    """Excel's number for a date, a moment or a time of day (days since 1899-12-30; a time is a part of a day)."""
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value.replace(tzinfo=None) - EXCEL_EPOCH).total_seconds() / 86400


def serial_date(serial: float) -> dt.date:
    """The day of an Excel date serial (its whole part)."""
    return (EXCEL_EPOCH + dt.timedelta(days=int(serial))).date()
