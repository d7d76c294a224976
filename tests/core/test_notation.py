"""Excel's notations, said once: column letters, A1 references, date serials."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, to_excel

from xlresidency.core import notation


@given(st.integers(min_value=1, max_value=16384))
def test_column_letters_are_excels_and_read_back(number: int) -> None:
    letters = notation.column_letter(number)
    assert letters == get_column_letter(number)
    assert notation.column_number(letters) == number


@pytest.mark.parametrize("reference", ["A1", "$B$3", "xfd1048576", "AA10"])
def test_a_cell_reference_is_its_column_and_row(reference: str) -> None:
    column, row = notation.cell_position(reference)
    assert (column, row, column, row) == range_boundaries(reference.upper().replace("$", ""))


def test_a_range_is_its_bounds_in_any_order() -> None:
    assert notation.range_bounds("F40:A2") == (1, 2, 6, 40) == notation.range_bounds("A2:F40")
    assert notation.range_bounds("C5") == (3, 5, 3, 5)
    with pytest.raises(ValueError, match="not a cell reference"):
        notation.cell_position("Programs")


def test_references_on_a_named_sheet_quote_the_name() -> None:
    assert notation.sheet_reference("Applicant's list", notation.absolute(2, 3)) == "'Applicant''s list'!$B$3"


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31)))
def test_date_serials_are_excels(day: dt.date) -> None:
    assert notation.date_serial(day) == to_excel(day)
    assert notation.serial_date(notation.date_serial(day)) == day == from_excel(to_excel(day)).date()


def test_a_time_of_day_is_a_part_of_a_day() -> None:
    assert notation.date_serial(dt.time(18, 0)) == pytest.approx(0.75)
    assert notation.date_serial(dt.datetime(2027, 1, 28, 12)) == pytest.approx(notation.date_serial(
        dt.date(2027, 1, 28)) + 0.5)
