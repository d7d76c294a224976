"""The workbook contract of SPEC §3 as data, and the one-pass validation that turns raw tables into a Season.

Everything that knows what the workbook looks like reads the declarations here: the template builder
(``xlsx.new_workbook``), both readers, the validation, the docs. The adapters hand over each input table as a
``RawTable`` (headers and cell values as found); ``validate`` collects every problem it sees in one pass and
returns a ``Season`` with typed DataFrames:

- each input DataFrame has every declared column under its exact SPEC name (extra columns follow, as found);
- its index is the Excel row number of each row (named ``Row``), so problems and outputs can point at cells;
- numbers are floats (NaN when blank or unusable), dates are ``datetime64`` (NaT), text and choices are
  stripped strings with ``""`` for blank; choices are spelled as in the dropdown; lists stay ``;``-separated
  text (use ``split_list``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import pandas as pd

from . import trips
from .settings import Settings, setting_fields

Kind = Literal[
    "text",
    "email",
    "number",
    "integer",
    "percent",
    "money",
    "date",
    "year",
    "choice",
    "list",
    "cities",
    "state",
    "zip",
    "step1",
]

ERROR_VALUES = frozenset(
    [
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#BUSY!",
        "#CONNECT!",
        "#PYTHON!",
    ]
)

REGION_NAMES = ("Northeast", "Midwest", "South", "West")
YES_NO_UNKNOWN = ("Yes", "No", "Unknown")


@dataclass(frozen=True)
class Column:
    """One column of an input table (or one field of the Profile table)."""

    name: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""
    width: float = 14
    unique: bool = False
    attr: str = ""  # Profile only: the attribute of ``Profile`` this field fills
    default: Any = None  # Profile only: value used when blank

    @property
    def dropdown(self) -> tuple[str, ...]:
        """The values a dropdown offers (choices; empty for free input)."""
        return self.choices if self.kind == "choice" else ()


@dataclass(frozen=True)
class InputTable:
    """An input sheet holding one Excel table of the same name."""

    name: str
    columns: tuple[Column, ...]
    hint: str
    key_value: bool = False  # Profile and Settings: two-column tables of names and values

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, kind: Kind = "text", **kw: Any) -> Column:
    return Column(name, kind, **kw)


PROFILE_FIELDS: tuple[Column, ...] = (
    _c("Full name", required=True, attr="full_name", hint="As on your ERAS application."),
    _c("Email", "email", attr="email"),
    _c("AAMC ID", attr="aamc_id"),
    _c("ERAS ID", attr="eras_id"),
    _c("Specialty", attr="specialty", hint="e.g. Internal Medicine"),
    _c("Visa needed", "choice", choices=("None", "J-1", "H-1B", "J-1 or H-1B"), attr="visa_needed"),
    _c("Step 1", "step1", attr="step1", hint="Pass, Fail, or a numeric score"),
    _c("Step 2 CK", "number", minimum=1, maximum=300, attr="step2ck"),
    _c("Step 3", "choice", choices=("Passed", "Scheduled", "Not taken"), attr="step3"),
    _c("Step 3 date", "date", attr="step3_date"),
    _c("Graduation year", "year", attr="graduation_year"),
    _c("US clinical experience (months)", "number", minimum=0, maximum=600, attr="usce_months"),
    _c("Current city", attr="current_city"),
    _c("Current state", "state", attr="current_state", hint="2-letter code; blank when abroad"),
    _c("Current country", attr="current_country", default="United States"),
    _c("In US from", "date", attr="in_us_from", hint="First day you are in the US this season"),
    _c("In US until", "date", attr="in_us_until", hint="Last day you are in the US this season"),
    _c("Second look budget", "money", minimum=0, attr="budget"),
    _c("Max second looks", "integer", minimum=0, maximum=20, attr="max_second_looks", default=2),
    _c("Career interests", "list", attr="career_interests", hint="; between items"),
    _c(
        "Preferred regions",
        "list",
        choices=REGION_NAMES,
        attr="preferred_regions",
        hint="Northeast; Midwest; South; West",
    ),
    _c("Support cities", "cities", attr="support_cities", hint="City, ST; City, ST"),
)

PROGRAM_COLUMNS: tuple[Column, ...] = (
    _c("Program", required=True, unique=True, width=34),
    _c("Program ID", width=13),
    _c("Specialty", width=18),
    _c("City", required=True, width=16),
    _c("State", "state", required=True, width=7),
    _c("ZIP", "zip", width=8),
    _c("Sponsors J-1", "choice", choices=YES_NO_UNKNOWN, width=10),
    _c("Sponsors H-1B", "choice", choices=YES_NO_UNKNOWN, width=10),
    _c("IMG share (%)", "percent", minimum=0, maximum=100, width=10),
    _c("Min Step 2 CK", "number", minimum=1, maximum=300, width=10),
    _c("Typical Step 2 CK", "number", minimum=1, maximum=300, width=10),
    _c("Max years since graduation", "number", minimum=0, maximum=60, width=12),
    _c("Min US clinical experience (months)", "number", minimum=0, maximum=600, width=14),
    _c("Interview date", "date", width=12),
    _c("Interview format", "choice", choices=("In-person", "Virtual"), width=11),
    _c("Interview impression", "choice", choices=("Positive", "Neutral", "Negative"), width=12),
    _c("My rank", "integer", minimum=1, maximum=300, width=8),
    _c("Long-term fit", "integer", minimum=1, maximum=5, width=9),
    _c(
        "Second look policy",
        "choice",
        choices=("Offered", "Virtual only", "Discouraged", "Not offered", "Unknown"),
        width=13,
    ),
    _c("Second look from", "date", width=12),
    _c("Second look until", "date", width=12),
    _c("Virtual session date", "date", width=12),
    _c("Unanswered questions", "list", width=36),
    _c("Reasons for interest", width=36),
    _c("Program director", width=20),
    _c("Coordinator", width=18),
    _c("Coordinator email", "email", width=26),
    _c("Notes", width=30),
)

COMMITMENT_COLUMNS: tuple[Column, ...] = (
    _c("What", required=True, width=28),
    _c("Type", "choice", choices=("Exam", "Visa appointment", "Work", "Travel", "Other"), width=16),
    _c("Start", "date", required=True, width=12),
    _c("End", "date", width=12),
    _c("City", width=16),
    _c("State", "state", width=7),
    _c("Can move", "choice", choices=("Yes", "No"), width=10),
)

RATING_AREAS = ("Resident culture", "Training quality", "Visa support", "Quality of life")

RATING_COLUMNS: tuple[Column, ...] = (
    _c("Program", required=True, width=34),
    _c("Area", "choice", required=True, choices=RATING_AREAS, width=18),
    _c("Rating", "integer", required=True, minimum=1, maximum=5, width=8),
    _c("Notes", width=50),
)

SETTING_COLUMNS: tuple[Column, ...] = (
    _c("Setting", required=True, width=34),
    _c("Value", width=14),
    _c("Meaning", width=90),
)

TEMPLATE_COLUMNS: tuple[Column, ...] = (
    _c("Name", required=True, unique=True, width=18),
    _c("Subject", required=True, width=50),
    _c("Body", required=True, width=100),
)

PROFILE_COLUMNS: tuple[Column, ...] = (_c("Field", required=True, width=34), _c("Value", width=40))

INPUT_TABLES: tuple[InputTable, ...] = (
    InputTable(
        "Profile", PROFILE_COLUMNS, "Your profile: one value per field. Dates as dates, money in USD.", key_value=True
    ),
    InputTable(
        "Programs", PROGRAM_COLUMNS, "One row per program you interviewed with. Program, City and State are required."
    ),
    InputTable(
        "Commitments",
        COMMITMENT_COLUMNS,
        "Exams, visa appointments, work and travel that second looks must not clash with.",
    ),
    InputTable("Ratings", RATING_COLUMNS, "Your 1-5 ratings during and after visits, one row per program and area."),
    InputTable(
        "Settings",
        SETTING_COLUMNS,
        "Rule thresholds, fit weights, cost assumptions and public facts. Blank Value = default.",
        key_value=True,
    ),
    InputTable(
        "Templates", TEMPLATE_COLUMNS, "Email templates. Edit the wording; keep {{ placeholders }} you want filled."
    ),
)

OUTPUT_SHEETS: tuple[str, ...] = (
    "Fit",
    "Second Look",
    "Trips",
    "Emails",
    "Visit Guide",
    "Compare",
    "Rank Draft",
    "Checks",
)

INPUT_BY_NAME = {t.name: t for t in INPUT_TABLES}


def fold(text: object) -> str:
    """A header or name folded for matching: case- and space-insensitive."""
    return "".join(str(text).split()).casefold()


def fold_choice(text: object) -> str:
    """A dropdown value folded for matching: case, spaces and punctuation ignored ("j1" is "J-1")."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


def header_row(rows: list[list[Any]], spec: InputTable) -> int | None:
    """Where the headers of a table pasted without Insert > Table are: the first of the top ten rows naming at
    least two of its columns."""
    names = {fold(c.name) for c in spec.columns}
    for i, row in enumerate(rows[:10]):
        if sum(fold(v) in names for v in row if not is_blank(v)) >= 2:
            return i
    return None


def split_list(value: object) -> list[str]:
    """The items of a ``;``-separated cell, stripped, blanks dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [item.strip() for item in str(value).split(";") if item.strip()]


# --------------------------------------------------------------------------------------------------
# What the adapters hand over, and what validation hands on.


@dataclass
class RawTable:
    """An input table as found in a workbook: header cells, cell values, and where it sits."""

    name: str
    sheet: str
    headers: list[Any]
    rows: list[list[Any]]
    first_row: int  # Excel row number of the first data row
    is_table: bool = True  # False when read from a sheet's cells because no Excel table was found


@dataclass(frozen=True)
class Problem:
    """One input problem, as a row of the Checks sheet."""

    sheet: str
    row: int | None
    column: str
    problem: str
    how_to_fix: str


@dataclass(frozen=True)
class Profile:
    """The applicant, from the Profile table."""

    full_name: str = ""
    email: str = ""
    aamc_id: str = ""
    eras_id: str = ""
    specialty: str = ""
    visa_needed: str = "None"
    step1: str = ""
    step2ck: float | None = None
    step3: str = "Not taken"
    step3_date: dt.date | None = None
    graduation_year: int | None = None
    usce_months: float | None = None
    current_city: str = ""
    current_state: str = ""
    current_country: str = "United States"
    in_us_from: dt.date | None = None
    in_us_until: dt.date | None = None
    budget: float | None = None
    max_second_looks: int = 2
    career_interests: tuple[str, ...] = ()
    preferred_regions: tuple[str, ...] = ()
    support_cities: tuple[tuple[str, str], ...] = ()

    @property
    def abroad(self) -> bool:
        """Whether the applicant lives outside the US now."""
        country = fold(self.current_country)
        return bool(country) and country not in {"us", "usa", "unitedstates", "unitedstatesofamerica"}

    def in_us_on(self, day: dt.date) -> bool:
        """Whether the applicant is physically in the US on a day (living there, or within In US from/until)."""
        if not self.abroad and self.in_us_from is None and self.in_us_until is None:
            return True
        if self.in_us_from is None and self.in_us_until is None:
            return False
        start = self.in_us_from or dt.date.min
        end = self.in_us_until or dt.date.max
        return start <= day <= end


@dataclass
class Season:
    """Everything the applicant typed, validated and typed."""

    profile: Profile
    programs: pd.DataFrame
    commitments: pd.DataFrame
    ratings: pd.DataFrame
    settings: Settings
    templates: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Cell values.


class _Bad(Exception):
    """A cell value that cannot be used; the message says why in plain words."""

    def __init__(self, problem: str, how_to_fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.how_to_fix = how_to_fix


_MONTHS = {
    m.lower(): i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def is_blank(value: object) -> bool:
    """Whether a cell is empty (None, NaN, NaT or only spaces)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def error_value(value: object) -> str | None:
    """The Excel error shown in a cell (#N/A, #REF!, ...), or None."""
    if isinstance(value, str) and value.strip().upper() in ERROR_VALUES:
        return value.strip().upper()
    return None


def parse_date(value: object) -> dt.date:
    """A cell as a date: real dates, Excel serial numbers, and text in common formats.

    Text like 03/04/2027, where day and month could be swapped, is refused as ambiguous.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial date, 1954 to 2119
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise _Bad(f"{value:g} is a number, not a date", "Type a date such as 2027-01-28.")
    text = str(value).strip()
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
        if numeric:
            a, b, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
            year += 2000 if year < 100 else 0
            if a > 12 >= b:
                return dt.date(year, b, a)
            if b > 12 >= a or a == b:
                return dt.date(year, a, b)
            raise _Bad(
                f"'{text}' could be {a} {_month_name(b)} or {b} {_month_name(a)}",
                "Type the date as year-month-day (e.g. 2027-01-28) or with the month's name.",
            )
        words = re.findall(r"[A-Za-z]+|\d+", text)
        month = next((_MONTHS[w[:3].lower()] for w in words if w[:3].lower() in _MONTHS), None)
        numbers = [int(w) for w in words if w.isdigit()]
        if month and len(numbers) == 2:
            day, year = numbers if numbers[1] > 31 else numbers[::-1]
            return dt.date(year, month, day)
    except ValueError as exc:
        raise _Bad(f"'{text}' is not a real date ({exc})", "Check the day and month.") from exc
    raise _Bad(f"'{text}' is not a date", "Type a date such as 2027-01-28, or pick it from Excel's date format.")


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)


def parse_number(value: object) -> float:
    """A cell as a number; text like '236', '45%' or '$1,200' is accepted."""
    if isinstance(value, bool):
        raise _Bad(f"{value} is not a number", "Type a number.")
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            raise _Bad("not a number", "Type a number.")
        return float(value)
    text = str(value).strip().replace(",", "").replace("$", "").replace("%", "").strip()
    try:
        return float(text)
    except ValueError:
        raise _Bad(f"'{value}' is text, not a number", "Type a number without words or units.") from None


def _in_range(number: float, col: Column) -> float:
    low, high = col.minimum, col.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        span = (
            f"{low:g} to {high:g}"
            if low is not None and high is not None
            else (f"at least {low:g}" if low is not None else f"at most {high:g}")
        )
        raise _Bad(f"{number:g} is out of range ({span})", f"Type a value from {span}.")
    return number


def _choice(value: object, choices: Iterable[str]) -> str:
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    for option in choices:
        if fold_choice(option) == fold_choice(text):
            return option
    options = ", ".join(choices)
    raise _Bad(f"'{text}' is not one of the allowed values", f"Pick one of: {options}.")


def coerce(value: object, col: Column) -> Any:
    """One non-blank cell value converted to the column's kind; raises ``_Bad`` with the reason."""
    kind = col.kind
    if kind == "date":
        return parse_date(value)
    if kind in ("number", "money", "percent", "integer"):
        number = _in_range(parse_number(value), col)
        if kind == "integer" and not float(number).is_integer():
            raise _Bad(f"{number:g} is not a whole number", "Type a whole number.")
        return number
    if kind == "year":
        number = parse_number(value)
        if not number.is_integer() or not 1950 <= number <= 2035:
            raise _Bad(f"{number:g} is not a graduation year", "Type a four-digit year such as 2019.")
        return int(number)
    if kind == "choice":
        return _choice(value, col.choices)
    if kind == "step1":
        if isinstance(value, str) and fold(value) in ("pass", "passed", "fail", "failed"):
            return "Pass" if fold(value).startswith("pass") else "Fail"
        try:
            number = parse_number(value)
        except _Bad:
            raise _Bad(f"'{value}' is not Pass, Fail or a score", "Type Pass, Fail or a numeric score.") from None
        return f"{_in_range(number, dataclasses.replace(col, minimum=1, maximum=300)):g}"
    if kind == "state":
        code = str(value).strip().upper()
        if code not in trips.US_STATES:
            raise _Bad(f"'{value}' is not a US state code", "Use the 2-letter code, e.g. MA, TX, CA.")
        return code
    if kind == "zip":
        zip5 = trips.normalise_zip(value)
        if not zip5:
            raise _Bad(f"'{value}' is not a ZIP code", "Type the 5-digit ZIP, or leave it blank.")
        return zip5
    if kind == "email":
        text = str(value).strip()
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
            raise _Bad(f"'{text}' is not an email address", "Type an address such as name@example.org.")
        return text
    if kind == "list":
        items = split_list(value)
        if col.choices:
            items = [_choice(item, col.choices) for item in items]
        return "; ".join(items)
    if kind == "cities":
        cities = []
        for item in split_list(value):
            city, _, state = item.rpartition(",")
            if not city.strip() or state.strip().upper() not in trips.US_STATES:
                raise _Bad(f"'{item}' is not written as City, ST", "Write each as City, ST and separate them with ;")
            cities.append(f"{city.strip()}, {state.strip().upper()}")
        return "; ".join(cities)
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text


def _blank_for(kind: Kind) -> Any:
    if kind in ("number", "money", "percent", "integer", "year"):
        return math.nan
    if kind == "date":
        return pd.NaT
    return ""


# --------------------------------------------------------------------------------------------------
# Tables.


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, sheet: str, row: int | None, column: str, problem: str, how_to_fix: str) -> None:
        self.problems.append(Problem(sheet, row, column, problem, how_to_fix))


def _match_headers(raw: RawTable, spec: InputTable, out: _Collector) -> dict[str, int]:
    """Declared column name -> position in the raw table; reports missing required columns."""
    positions: dict[str, int] = {}
    for i, header in enumerate(raw.headers):
        if is_blank(header):
            continue
        key = fold(header)
        for col in spec.columns:
            if fold(col.name) == key and col.name not in positions:
                positions[col.name] = i
    header_row = raw.first_row - 1
    for col in spec.columns:
        if col.required and col.name not in positions:
            out.add(
                spec.name,
                header_row,
                col.name,
                f"Required column '{col.name}' is missing",
                f"Add a column headed '{col.name}' to the {spec.name} table.",
            )
    return positions


def _read_table(raw: RawTable | None, spec: InputTable, out: _Collector) -> pd.DataFrame:
    """A declared table as a typed DataFrame; every bad cell reported, blank rows dropped."""
    if raw is None:
        frame = pd.DataFrame({c.name: pd.Series(dtype=_dtype(c.kind)) for c in spec.columns})
        frame.index = pd.Index([], dtype="int64", name="Row")
        return frame
    positions = _match_headers(raw, spec, out)
    extras = [(i, str(h).strip()) for i, h in enumerate(raw.headers) if i not in positions.values() and not is_blank(h)]
    width = max(len(raw.headers), *(len(r) for r in raw.rows)) if raw.rows else len(raw.headers)
    cells = pd.DataFrame([list(r) + [None] * (width - len(r)) for r in raw.rows], columns=range(width), dtype=object)
    cells.index = pd.Index(range(raw.first_row, raw.first_row + len(cells)), dtype="int64", name="Row")
    cells = cells.loc[~cells.map(is_blank).all(axis=1)] if len(cells) else cells
    columns: dict[str, pd.Series] = {}
    for col in spec.columns:
        pos = positions.get(col.name)
        source = cells[pos] if pos is not None else pd.Series(None, index=cells.index, dtype=object)
        columns[col.name] = _column(source, col, spec.name, out)
    for i, header in extras:
        if header not in columns:
            columns[header] = cells[i].astype(object)
    frame = pd.DataFrame(columns, index=cells.index)
    frame.index.name = "Row"
    return frame


_NUMERIC_KINDS = ("number", "money", "percent", "integer", "year")


def _column(raw: pd.Series, col: Column, sheet: str, out: _Collector) -> pd.Series:
    """One column converted to its kind, in column operations for the common cells.

    Cells the fast path cannot settle (errors, text in numbers, text dates, unknown choices, blanks in a
    required column) go through ``_cell`` one by one, which reports them: the messages live in one place.
    """
    kind = col.kind
    result = pd.Series(_blank_for(kind), index=raw.index, dtype=_dtype(kind))
    types = raw.map(lambda v: type(v).__name__)
    is_str = types.eq("str")
    text = raw.where(~is_str, raw.astype(str).str.strip()) if is_str.any() else raw
    blank = raw.isna() | (is_str & text.eq(""))
    settled = blank & (not col.required)
    if kind in _NUMERIC_KINDS and kind != "year":
        numeric = types.isin(["int", "float"]) & ~blank
        values = raw[numeric].astype(float)
        ok = values.notna()
        if col.minimum is not None:
            ok &= values >= col.minimum
        if col.maximum is not None:
            ok &= values <= col.maximum
        if kind == "integer":
            ok &= values.mod(1).eq(0)
        good = values.index[ok.to_numpy()]
        result.loc[good] = values.loc[good]
        settled.loc[good] = True
    elif kind == "date":
        real = raw.map(lambda v: isinstance(v, dt.date)) & ~blank
        if real.any():
            result.loc[real] = pd.to_datetime(raw[real].map(parse_date))
            settled |= real
    elif kind == "text":
        plain = is_str & ~blank & ~text.str.upper().isin(ERROR_VALUES)
        result.loc[plain] = text[plain]
        settled |= plain
    elif kind in ("state", "email"):
        upper = text[is_str & ~blank].str.upper()
        if kind == "state":
            valid = upper[upper.isin(trips.US_STATES)]
        else:
            valid = text[is_str & ~blank][upper.str.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+")]
        result.loc[valid.index] = valid
        settled.loc[valid.index] = True
    elif kind == "choice":
        lookup = {fold_choice(c): c for c in col.choices}
        mapped = text[is_str & ~blank].map(lambda v: lookup.get(fold_choice(v)))
        known = mapped.dropna()
        result.loc[known.index] = known
        settled.loc[known.index] = True
    slow = raw.index[~settled.to_numpy()]
    if len(slow):
        converted = [_cell(value, col, sheet, _excel_row(row), out) for row, value in raw.loc[slow].items()]
        result.loc[slow] = pd.Series(converted, index=slow, dtype=result.dtype)
    return result


def _dtype(kind: Kind) -> str:
    if kind in ("number", "money", "percent", "integer", "year"):
        return "float64"
    if kind == "date":
        return "datetime64[ns]"
    return "object"


def _cell(value: object, col: Column, sheet: str, row: int, out: _Collector) -> Any:
    if is_blank(value):
        if col.required:
            out.add(sheet, row, col.name, f"{col.name} is blank", f"Fill in {col.name}; it is required.")
        return _blank_for(col.kind)
    error = error_value(value)
    if error:
        out.add(sheet, row, col.name, f"The cell shows the error {error}", "Fix the formula or type the value itself.")
        return _blank_for(col.kind)
    try:
        result = coerce(value, col)
    except _Bad as bad:
        out.add(sheet, row, col.name, bad.problem, bad.how_to_fix)
        return _blank_for(col.kind)
    if col.kind == "date":
        return pd.Timestamp(result)
    return result


def _key_values(raw: RawTable | None, spec: InputTable, key: str, out: _Collector) -> dict[str, tuple[int, Any]]:
    """A two-column name/value table as {folded name: (Excel row, value)}; duplicates reported."""
    result: dict[str, tuple[int, Any]] = {}
    if raw is None:
        return result
    positions = _match_headers(raw, spec, out)
    if key not in positions or "Value" not in positions:
        if "Value" not in positions:
            out.add(
                spec.name,
                raw.first_row - 1,
                "Value",
                "Required column 'Value' is missing",
                f"Add a column headed 'Value' to the {spec.name} table.",
            )
        return result
    for offset, cells in enumerate(raw.rows):
        row = raw.first_row + offset
        name = cells[positions[key]] if positions[key] < len(cells) else None
        value = cells[positions["Value"]] if positions["Value"] < len(cells) else None
        if is_blank(name):
            continue
        folded = fold(name)
        if folded in result:
            out.add(
                spec.name,
                row,
                key,
                f"'{str(name).strip()}' appears twice; the first one is used",
                "Delete the duplicate row.",
            )
            continue
        result[folded] = (row, value)
    return result


def _read_profile(raw: RawTable | None, out: _Collector) -> Profile:
    values = _key_values(raw, INPUT_BY_NAME["Profile"], "Field", out)
    kwargs: dict[str, Any] = {}
    for col in PROFILE_FIELDS:
        row, value = values.get(fold(col.name), (None, None))
        if row is None and raw is not None and col.required:
            out.add(
                "Profile",
                None,
                "Field",
                f"The field '{col.name}' is missing",
                f"Add a row with Field '{col.name}' and fill in its Value.",
            )
            continue
        if is_blank(value):
            if col.required and row is not None:
                out.add("Profile", row, "Value", f"{col.name} is blank", f"Fill in {col.name}; it is required.")
            if col.default is not None:
                kwargs[col.attr] = col.default
            continue
        error = error_value(value)
        if error:
            out.add(
                "Profile",
                row,
                "Value",
                f"{col.name} shows the error {error}",
                "Fix the formula or type the value itself.",
            )
            continue
        try:
            kwargs[col.attr] = _profile_value(coerce(value, col), col)
        except _Bad as bad:
            out.add("Profile", row, "Value", f"{col.name}: {bad.problem}", bad.how_to_fix)
    profile = Profile(**kwargs)
    if profile.in_us_from and profile.in_us_until and profile.in_us_from > profile.in_us_until:
        out.add(
            "Profile",
            values[fold("In US until")][0],
            "Value",
            "In US until is before In US from",
            "Swap the two dates.",
        )
    if (
        profile.current_city
        and profile.current_state
        and not trips.find_place(profile.current_city, profile.current_state)
    ):
        out.add(
            "Profile",
            values.get(fold("Current city"), (None, None))[0],
            "Value",
            f"'{profile.current_city}, {profile.current_state}' is not a US place this tool knows",
            "Check the spelling of the city and the state code.",
        )
    for city, state in profile.support_cities:
        if not trips.find_place(city, state):
            out.add(
                "Profile",
                values[fold("Support cities")][0],
                "Value",
                f"Support city '{city}, {state}' is not a US place this tool knows",
                "Check the spelling of the city and the state code.",
            )
    return profile


def _profile_value(value: Any, col: Column) -> Any:
    if col.kind == "integer":
        return int(value)
    if col.kind in ("number", "money", "percent"):
        return float(value)
    if col.kind == "list":
        return tuple(split_list(value))
    if col.kind == "cities":
        return tuple((c.rpartition(",")[0].strip(), c.rpartition(",")[2].strip()) for c in split_list(value))
    return value


def _read_settings(raw: RawTable | None, out: _Collector) -> Settings:
    values = _key_values(raw, INPUT_BY_NAME["Settings"], "Setting", out)
    known = {fold(f.metadata["label"]): f for f in setting_fields()}
    for name, (row, _) in values.items():
        if name not in known:
            out.add(
                "Settings",
                row,
                "Setting",
                "This setting is not one xlresidency knows; it is ignored",
                "Check its spelling against the Setting names in a new template (xlresidency new).",
            )
    kwargs: dict[str, Any] = {}
    for name, (row, value) in values.items():
        spec = known.get(name)
        if spec is None or is_blank(value):
            continue
        meta = spec.metadata
        col = Column(
            meta["label"],
            "text" if meta["kind"] == "text" else meta["kind"],
            minimum=meta["minimum"],
            maximum=meta["maximum"],
        )
        error = error_value(value)
        if error:
            out.add(
                "Settings",
                row,
                "Value",
                f"{meta['label']} shows the error {error}; the default is used",
                "Fix the formula or type the value itself.",
            )
            continue
        try:
            converted = coerce(value, col)
        except _Bad as bad:
            out.add("Settings", row, "Value", f"{meta['label']}: {bad.problem}; the default is used", bad.how_to_fix)
            continue
        kwargs[spec.name] = int(converted) if meta["kind"] == "integer" else converted
    settings = Settings(**kwargs)
    if settings.top_rank_stretch < settings.top_rank_limit:
        out.add(
            "Settings",
            values.get(fold("Top rank stretch"), (None, None))[0],
            "Value",
            "Top rank stretch is smaller than Top rank limit",
            "Make the stretch at least the limit.",
        )
    if settings.attainable_threshold > settings.likely_threshold:
        out.add(
            "Settings",
            values.get(fold("Attainable fit threshold"), (None, None))[0],
            "Value",
            "Attainable fit threshold is above Likely fit threshold",
            "Make Likely the higher of the two.",
        )
    return settings


def _excel_row(label: object) -> int:
    """A DataFrame index label (the Excel row number) as an int."""
    return int(cast(int, label))


def _check_programs(programs: pd.DataFrame, out: _Collector) -> pd.DataFrame:
    """Cross-row checks on Programs; rows without a usable Program name are dropped (and named)."""
    unnamed = programs["Program"] == ""
    keys = programs["Program"].map(fold)
    duplicate = keys.duplicated(keep="first") & ~unnamed
    for row, name in programs.loc[duplicate, "Program"].items():
        first = int(programs.index[(keys == fold(name)).to_numpy()][0])
        out.add(
            "Programs",
            _excel_row(row),
            "Program",
            f"'{name}' is listed twice (first on row {first}); this row is not used",
            "Give each program its own name, or delete the duplicate row.",
        )
    usable = programs.loc[~unnamed & ~duplicate]
    cities, states, zips = (usable[c].astype(str).tolist() for c in ("City", "State", "ZIP"))
    zip_places = [trips.find_place("", "", z) if z else None for z in zips]
    city_known = [
        bool(z) or not (c and s) or trips.find_place(c, s) is not None
        for c, s, z in zip(cities, states, zips, strict=True)
    ]
    for row, city, state, zip_code, place, known in zip(
        usable.index, cities, states, zips, zip_places, city_known, strict=True
    ):
        if zip_code and place is None:
            out.add(
                "Programs",
                _excel_row(row),
                "ZIP",
                f"ZIP {zip_code} is not a US ZIP code this tool knows",
                "Check the ZIP, or leave it blank to use City and State.",
            )
        elif place is not None and state and place.state != state:
            out.add(
                "Programs", _excel_row(row), "ZIP", f"ZIP {zip_code} is not in {state}", "Check the ZIP and the State."
            )
        if not known:
            out.add(
                "Programs",
                _excel_row(row),
                "City",
                f"'{city}, {state}' is not a US place this tool knows",
                "Check the spelling of the city and the state, or add the ZIP.",
            )
    backwards = (
        usable["Second look from"].notna()
        & usable["Second look until"].notna()
        & (usable["Second look from"] > usable["Second look until"])
    )
    for row in usable.index[backwards.to_numpy()]:
        out.add(
            "Programs",
            _excel_row(row),
            "Second look until",
            "The second-look window ends before it starts",
            "Swap Second look from and Second look until.",
        )
    return programs.loc[~unnamed & ~duplicate]


def _check_ratings(ratings: pd.DataFrame, programs: pd.DataFrame, out: _Collector) -> pd.DataFrame:
    known = set(programs["Program"].map(fold))
    unknown = (ratings["Program"] != "") & ~ratings["Program"].map(fold).isin(known)
    for row, name in ratings.loc[unknown, "Program"].items():
        out.add(
            "Ratings",
            _excel_row(row),
            "Program",
            f"'{name}' is not a program on the Programs sheet",
            "Use the program's name exactly as on the Programs sheet.",
        )
    usable = ~unknown & (ratings["Program"] != "") & (ratings["Area"] != "") & ratings["Rating"].notna()
    return ratings.loc[usable]


def _check_commitments(commitments: pd.DataFrame, out: _Collector) -> pd.DataFrame:
    bad_order = commitments["End"].notna() & commitments["Start"].notna() & (commitments["End"] < commitments["Start"])
    for row in commitments.index[bad_order]:
        out.add("Commitments", _excel_row(row), "End", "End is before Start", "Swap Start and End.")
    return commitments.loc[commitments["Start"].notna() & ~bad_order]


def validate(tables: dict[str, RawTable], extra_checks: Iterable[Callable[[Season], Iterable[Problem]]] = ()) -> Season:
    """Every input table checked and typed in one pass; problems collected, never raised."""
    out = _Collector()
    if not any(name in tables for name in INPUT_BY_NAME):
        out.add(
            "(workbook)",
            None,
            "",
            "This workbook has none of the input sheets (Profile, Programs, ...)",
            "Start from the template: xlresidency new season.xlsx, then copy your data into it.",
        )
    for name, raw in tables.items():
        if not raw.is_table:
            out.add(
                name,
                raw.first_row - 1,
                "",
                f"The {name} sheet has no Excel table named {name}; its cells were read",
                f"Select the data and use Insert > Table, then name the table {name} (Table Design > Table Name).",
            )
    profile = _read_profile(tables.get("Profile"), out)
    settings = _read_settings(tables.get("Settings"), out)
    programs = _check_programs(_read_table(tables.get("Programs"), INPUT_BY_NAME["Programs"], out), out)
    commitments = _check_commitments(_read_table(tables.get("Commitments"), INPUT_BY_NAME["Commitments"], out), out)
    ratings = _check_ratings(_read_table(tables.get("Ratings"), INPUT_BY_NAME["Ratings"], out), programs, out)
    templates = _read_table(tables.get("Templates"), INPUT_BY_NAME["Templates"], out)
    if tables.get("Programs") is not None and programs.empty:
        out.add(
            "Programs",
            None,
            "Program",
            "There are no programs to plan with",
            "Add one row per program you interviewed with.",
        )
    for compare in (settings.compare_a, settings.compare_b):
        if compare and fold(compare) not in set(programs["Program"].map(fold)):
            out.add(
                "Settings",
                None,
                "Value",
                f"Compare program '{compare}' is not on the Programs sheet",
                "Use a program name exactly as on the Programs sheet, or leave it blank.",
            )
    season = Season(profile, programs, commitments, ratings, settings, templates, out.problems)
    for check in extra_checks:
        season.problems.extend(check(season))
    season.problems = sort_problems(season.problems)
    return season


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in workbook order: sheet by sheet as the workbook holds them, then by row (sheet-wide first)."""
    order = {name: i for i, name in enumerate(["(workbook)", *INPUT_BY_NAME])}
    return sorted(problems, key=lambda p: (order.get(p.sheet, len(order)), -1 if p.row is None else p.row))
