"""Cell values: blanks, Excel error values, dates, numbers and choices, each converted or refused with a reason.

``coerce`` turns one non-blank cell into the kind its column declares, or raises ``BadValue`` saying what is
wrong and how to fix it; ``cell_value`` turns a computed value back into a plain value a writer can put in a cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .errors import BadValue
from .notation import serial_date
from .schema import ERROR_VALUES, US_STATES, Column, Kind, fold, fold_choice, split_list

_MONTHS = {
    m.lower(): i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
FIRST_DAY = dt.date(1950, 1, 1)  # dates a residency application can hold; pandas holds 1677 to 2262
LAST_DAY = dt.date(2119, 12, 31)
_FIX_YEAR = (f"Check the year (dates from {FIRST_DAY.year} to {LAST_DAY.year} are used): type a date such as "
             "2027-01-28, or leave the cell blank.")


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


def is_season_date(value: object) -> bool:
    """Whether a cell holds a real date (or date and time) from FIRST_DAY to LAST_DAY."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return isinstance(value, dt.date) and FIRST_DAY <= value <= LAST_DAY


def parse_date(value: object) -> dt.date:
    """A cell as a date: real dates, Excel serial numbers, and text in common formats.

    Text like 03/04/2027, where day and month could be swapped, is refused as ambiguous; a date before
    FIRST_DAY or after LAST_DAY (year 1066, Excel's 9999-12-31, a typo like 2300) is refused as outside any
    residency season, so no date that pandas cannot hold gets further.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial date, 1954 to 2119
            return serial_date(value)
        if math.isfinite(value) and abs(value) > 80000:  # a serial number far beyond any season
            raise BadValue(f"{value:g} is not a date in a residency season (as an Excel date serial it is far "
                           "outside them)", _FIX_YEAR)
        raise BadValue(f"{value:g} is a number, not a date", "Type a date such as 2027-01-28.")
    day = _read_date(value)
    if not FIRST_DAY <= day <= LAST_DAY:
        shown = f"'{str(value).strip()}'" if isinstance(value, str) else day.isoformat()
        raise BadValue(f"{shown} is not a date in a residency season", _FIX_YEAR)
    return day


def _read_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
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
            raise BadValue(
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
        raise BadValue(f"'{text}' is not a real date ({exc})", "Check the day and month.") from exc
    raise BadValue(f"'{text}' is not a date", "Type a date such as 2027-01-28, or pick it from Excel's date format.")


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)


def parse_number(value: object) -> float:
    """A cell as a number; text like '236', '45%' or '$1,200' is accepted."""
    if isinstance(value, bool):
        raise BadValue(f"{value} is not a number", "Type a number.")
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            raise BadValue("not a number", "Type a number.")
        return float(value)
    text = str(value).strip().replace(",", "").replace("$", "").replace("%", "").strip()
    try:
        return float(text)
    except ValueError:
        raise BadValue(f"'{value}' is text, not a number", "Type a number without words or units.") from None


def typed_as_fraction(value: object) -> bool:
    """Whether a percent cell holds a fraction typed the Excel way: a number strictly between 0 and 1.

    A cell formatted as a percentage stores 45 % as 0.45, so 0.45 means 45 % (a percent of under one is not a
    figure any percent column or setting of the workbook takes). Text with a % sign ("0.5%") is taken as written.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        if "%" in value:
            return False
        try:
            value = parse_number(value)
        except BadValue:
            return False
    return isinstance(value, int | float) and 0 < float(value) < 1


def percent_number(value: object) -> float:
    """A percent cell as a percent (0-100): a fraction typed the Excel way (``typed_as_fraction``) times 100, any
    other number as it is. The workbook file, the Excel button, the cell functions and Lite all read it so."""
    number = parse_number(value)
    return number * 100 if typed_as_fraction(value) else number


def fraction_note(col: Column, value: object, read: float) -> tuple[str, str] | None:
    """What Checks says of a fraction read as a percent (``typed_as_fraction``), the problem and the how-to-fix;
    None for any other cell."""
    if col.kind != "percent" or not typed_as_fraction(value):
        return None
    typed, name = f"{parse_number(value):g}", col.name
    return (f"{name}: {typed} was read as {read:g} % (a cell formatted as a percentage holds 45 % as 0.45)",
            f"Nothing is wrong if you meant {read:g} %. If you meant {typed} %, type it as text with the sign "
            f"('{typed}%').")


def _in_range(number: float, col: Column) -> float:
    low, high = col.minimum, col.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        span = (
            f"{low:g} to {high:g}"
            if low is not None and high is not None
            else (f"at least {low:g}" if low is not None else f"at most {high:g}")
        )
        raise BadValue(f"{number:g} is out of range ({span})", f"Type a value from {span}.")
    return number


def _choice(value: object, choices: Iterable[str]) -> str:
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    for option in choices:
        if fold_choice(option) == fold_choice(text):
            return option
    options = ", ".join(choices)
    raise BadValue(f"'{text}' is not one of the allowed values", f"Pick one of: {options}.")


def coerce(value: object, col: Column) -> Any:
    """One non-blank cell value converted to the column's kind; raises ``BadValue`` with the reason."""
    kind = col.kind
    if kind == "date":
        return parse_date(value)
    if kind in ("number", "money", "percent", "integer"):
        number = _in_range(percent_number(value) if kind == "percent" else parse_number(value), col)
        if kind == "integer" and not float(number).is_integer():
            raise BadValue(f"{number:g} is not a whole number", "Type a whole number.")
        return number
    if kind == "year":
        number = parse_number(value)
        if not number.is_integer() or not 1950 <= number <= 2035:
            raise BadValue(f"{number:g} is not a graduation year", "Type a four-digit year such as 2019.")
        return int(number)
    if kind == "choice":
        return _choice(value, col.choices)
    if kind == "step1":
        if isinstance(value, str) and fold(value) in ("pass", "passed", "fail", "failed"):
            return "Pass" if fold(value).startswith("pass") else "Fail"
        try:
            number = parse_number(value)
        except BadValue:
            raise BadValue(f"'{value}' is not Pass, Fail or a score", "Type Pass, Fail or a numeric score.") from None
        return f"{_in_range(number, dataclasses.replace(col, minimum=1, maximum=300)):g}"
    if kind == "state":
        code = str(value).strip().upper()
        if code not in US_STATES:
            raise BadValue(f"'{value}' is not a US state code", "Use the 2-letter code, e.g. MA, TX, CA.")
        return code
    if kind == "zip":
        zip5 = normalise_zip(value)
        if not zip5:
            raise BadValue(f"'{value}' is not a ZIP code", "Type the 5-digit ZIP, or leave it blank.")
        return zip5
    if kind == "email":
        text = str(value).strip()
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
            raise BadValue(f"'{text}' is not an email address", "Type an address such as name@example.org.")
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
            if not city.strip() or state.strip().upper() not in US_STATES:
                raise BadValue(f"'{item}' is not written as City, ST",
                               "Write each as City, ST and separate them with ;")
            cities.append(f"{city.strip()}, {state.strip().upper()}")
        return "; ".join(cities)
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text


def blank_for(kind: Kind) -> Any:
    if kind in ("number", "money", "percent", "integer", "year"):
        return math.nan
    if kind == "date":
        return pd.NaT
    return ""



def normalise_zip(value: object) -> str:
    """A ZIP as five digits ('2115' -> '02115', '02115-1234' -> '02115'), or '' when not a ZIP."""
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        text = str(int(float(text))).zfill(5)
    match = re.fullmatch(r"(\d{5})(-\d{4})?", text)
    return match.group(1) if match else ""


def cell_value(value: Any) -> Any:
    """One computed value as a plain cell value: blanks (None, NaN, NaT, pd.NA) become None, timestamps
    ``datetime.datetime``, numpy scalars Python numbers, so every writer puts the same thing in a cell."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        item = value.item()
        return None if isinstance(item, float) and math.isnan(item) else item
    return value
