"""Any cell value of any type in any input column: no crash, and no input cell changed by a regeneration."""

from __future__ import annotations

import copy
import datetime as dt
import math
import shutil
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from factories import raw_table
from xlresidency import regenerate
from xlresidency.core import schema
from xlresidency.core.settings import setting_rows
from xlresidency.rules import validation
from xlresidency.workbook import newbook, xlsx

FORMULA_LIKE = ["=HYPERLINK(\"http://x\", \"y\")", "=1+1", "+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0", "'quoted"]
WORDS = ["Yes", "No", "Unknown", "J-1", "In-person", "Virtual", "Positive", "Offered", "Chicago", "IL", "60611",
         "Pass", "2027-02-04", "4 Feb 2027", "35%", "1,200", "Interviewed", "Gold", "Resident culture", "Inquiry",
         "{{ program }}", "{% for i in range(9) %}x{% endfor %}", "Chicago, IL; Boston, MA", "a@b.co", " ", ""]


def texts(file_safe: bool) -> st.SearchStrategy[str]:
    alphabet = st.characters(blacklist_categories=("Cs", "Cc")) if file_safe else st.characters(
        blacklist_categories=("Cs",))
    return st.one_of(st.sampled_from(WORDS + FORMULA_LIKE + sorted(schema.ERROR_VALUES)),
                     st.text(alphabet=alphabet, max_size=40))


def cell_values(file_safe: bool = False) -> st.SearchStrategy[Any]:
    """Every kind of value a cell can hold, odd ones included; ``file_safe``: only what openpyxl can store."""
    low, high = (dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)) if file_safe else (dt.datetime.min,
                                                                                        dt.datetime.max)
    numbers = st.one_of(
        st.integers(min_value=-10**15, max_value=10**15) if file_safe else st.integers(),
        st.floats(allow_nan=not file_safe, allow_infinity=not file_safe),
        st.sampled_from([0, -1, 1, 2.5, 300, 2027, 45000.5, 2958466, 1e308] + ([] if file_safe else [math.nan])),
    )
    return st.one_of(
        st.none(), texts(file_safe), numbers, st.booleans(),
        st.dates(min_value=low.date(), max_value=high.date()),
        st.datetimes(min_value=low, max_value=high), st.times(),
    )


SETTING_LABELS = [row.label for row in setting_rows()]
FIELD_NAMES = [field.name for field in schema.PROFILE_FIELDS]


@st.composite
def table_rows(draw: st.DrawFn, name: str, file_safe: bool = False, max_rows: int = 4) -> list[dict[str, Any]]:
    """Rows of one input table with a drawn value in every declared column (names of Profile fields and Settings
    mostly real, so their values are read)."""
    spec = schema.INPUT_BY_NAME[name]
    values = cell_values(file_safe)
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_rows))):
        row = {col.name: draw(values) for col in spec.columns}
        if name == "Profile":
            row["Field"] = draw(st.one_of(st.sampled_from(FIELD_NAMES), values))
        if name == "Settings":
            row["Setting"] = draw(st.one_of(st.sampled_from(SETTING_LABELS), values))
        rows.append(row)
    return rows


def same(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to itself."""
    return repr(a) == repr(b)


TABLES = [spec.name for spec in schema.INPUT_TABLES]


# No shrinking: a failing example of six tables takes minutes to shrink; the unshrunk one is printed as found.
FOUND = (Phase.explicit, Phase.reuse, Phase.generate)


@settings(max_examples=60, deadline=None, phases=FOUND,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.fixed_dictionaries({name: table_rows(name) for name in TABLES}))
def test_any_value_in_any_column_is_read_and_planned_without_a_crash(rows: dict[str, list[dict[str, Any]]]) -> None:
    tables = {name: raw_table(name, records) for name, records in rows.items()}
    before = copy.deepcopy(tables)
    season = validation.validate(tables, whole_workbook=True)
    sheets = regenerate.regenerate(season).sheets
    assert [sheet.name for sheet in sheets] == list(schema.OUTPUT_SHEETS)
    for name, raw in tables.items():  # what the adapters handed over is read, never changed
        assert same(raw.headers, before[name].headers) and same(raw.rows, before[name].rows)
    for sheet in sheets:
        sheet.grid()  # every cell can be written


@pytest.fixture(scope="module")
def template_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return newbook.new_workbook(tmp_path_factory.mktemp("fuzz") / "template.xlsx")


def input_cells(path: Path) -> dict[str, dict[tuple[int, int], tuple[Any, str]]]:
    """Every cell of every input sheet: its value and type, as the file holds them (a date serial beyond Excel's
    dates as openpyxl shows it, #VALUE!, with its warning silenced: the same before and after)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path)
    return {name: {(c.row, c.column): (c.value, c.data_type) for row in book[name].iter_rows() for c in row
                   if c.value is not None} for name in TABLES}


@settings(max_examples=6, deadline=None, phases=FOUND,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(st.fixed_dictionaries({name: table_rows(name, file_safe=True, max_rows=3) for name in TABLES}))
def test_a_regenerated_file_keeps_every_input_cell(template_book: Path, tmp_path: Path,
                                                   rows: dict[str, list[dict[str, Any]]]) -> None:
    path = tmp_path / f"season-{abs(hash(repr(rows)))}.xlsx"
    shutil.copy(template_book, path)
    book = openpyxl.load_workbook(path)
    for name, records in rows.items():
        ws = book[name]
        headers = [c.name for c in schema.INPUT_BY_NAME[name].columns]
        first = ws.max_row + 1 if name in ("Profile", "Settings") else 3  # below the template's fields and settings
        for r, record in enumerate(records, start=first):
            for c, header in enumerate(headers, start=1):
                newbook.put(ws, r, c, record[header])
        table = ws.tables[name]
        table.ref = f"A2:{openpyxl.utils.get_column_letter(len(headers))}{max(first - 1 + len(records), 3)}"
    book.save(path)
    before = input_cells(path)
    done, result = xlsx.regenerate_file(path)
    _, sheets = done.plan.season, done.sheets
    assert [sheet.name for sheet in sheets] == list(schema.OUTPUT_SHEETS)
    assert input_cells(result.path) == before
    if result.path != path:  # the original was kept as it was, the result written beside it
        assert input_cells(path) == before
