"""The one-pass validation that turns raw tables into a Season, every problem collected, none raised.

The adapters hand over each input table as a ``RawTable`` (headers and cell values as found); ``validate``
collects every problem it sees in one pass and returns a ``Season`` with typed DataFrames:

- each input DataFrame has every declared column under its exact SPEC name (extra columns follow, as found);
- its index is the Excel row number of each row (named ``Row``), so problems and outputs can point at cells;
- numbers are floats (NaN when blank or unusable), dates are ``datetime64`` (NaT), text and choices are
  stripped strings with ``""`` for blank; choices are spelled as in the dropdown; lists stay ``;``-separated
  text (use ``schema.split_list``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, cast

import numpy as np
import pandas as pd

from ..core.cells import blank_for, coerce, error_value, fraction_note, is_blank, is_season_date, parse_date
from ..core.columns import closest_headers, missing_column, use_of
from ..core.errors import BadValue, NotASeason, SheetClash
from ..core.records import Located, Place, Problem, Profile, RawTable, Season, new_profile, sort_problems
from ..core.schema import (
    APPLICANT_KINDS,
    ERROR_VALUES,
    INPUT_BY_NAME,
    INPUT_TABLES,
    MAX_GEOGRAPHIC_PREFERENCES,
    NO_PREFERENCE,
    OUTPUT_SHEETS,
    PROFILE_FIELDS,
    US_IMG,
    US_STATES,
    Column,
    InputTable,
    Kind,
    fold,
    fold_choice,
    split_list,
)
from ..core.settings import SettingRow, Settings, per_specialty_label, setting_rows, specialty_key
from ..ground import places


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.missing: list[tuple[str, str]] = []  # (table, column or field) a rule reads, absent: see Season.missing

    def add(self, sheet: str, row: int | None, column: str, problem: str, how_to_fix: str) -> None:
        self.problems.append(Problem(sheet, row, column, problem, how_to_fix))


class _Finder:
    """Each place of the season looked up once (a list repeats its cities); what it found becomes
    ``Season.places``, so nothing after validation looks a place up again."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str], Place | None] = {}

    def __call__(self, city: object, state: object, zip_code: object = "") -> Place | None:
        key = (str(city or ""), str(state or ""), str(zip_code or ""))
        if key not in self.found:
            self.found[key] = places.find_place(*key)
        return self.found[key]


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
    absent = [col for col in spec.columns if col.name not in positions]
    found = [h for i, h in enumerate(raw.headers) if i not in positions.values() and not is_blank(h)]
    offered = closest_headers([col.name for col in absent if not col.new], found)
    for col in absent:
        if col.new and not col.required:
            out.add(spec.name, header_row, col.name, *_new_column(col, spec.name))
        elif col.required or use_of(spec.name, col.name) is not None:  # a column no rule reads may go
            out.add(spec.name, header_row, col.name,
                    *missing_column(spec.name, col.name, col.required, offered.get(col.name)))
            out.missing.append((spec.name, col.name))
    return positions


def _new_column(col: Column, table: str) -> tuple[str, str]:
    """What to say about a column (or Profile field) this version added that an older workbook lacks."""
    what = "field" if table == "Profile" else "column"
    how = (f"Add a row with Field '{col.name}' to the Profile table" if table == "Profile"
           else f"Add a column headed '{col.name}' to the {table} table")
    return (f"The {what} '{col.name}' is new in this version of xlresidency and is not in your workbook; "
            "it was read as blank", f"{how} to use it (a new template has it: xlresidency new).")


def _read_table(raw: RawTable | None, spec: InputTable, out: _Collector) -> pd.DataFrame:
    """A declared table as a typed DataFrame; every bad cell reported, blank rows dropped."""
    if raw is None:
        frame = pd.DataFrame({c.name: pd.Series(dtype=_dtype(c.kind)) for c in spec.columns})
        frame.index = pd.Index([], dtype="int64", name="Row")
        return frame
    positions = _match_headers(raw, spec, out)
    extras = [(i, str(h).strip()) for i, h in enumerate(raw.headers) if i not in positions.values() and not is_blank(h)]
    width = max(len(raw.headers), *(len(r) for r in raw.rows)) if raw.rows else len(raw.headers)
    rows: list[list[Any]] = []
    labels: list[int] = []  # the Excel row number of each row kept
    for offset, cells in enumerate(raw.rows):
        padded = [*cells, *[None] * (width - len(cells))]
        if not all(is_blank(value) for value in padded):
            rows.append(padded)
            labels.append(raw.first_row + offset)
    index = pd.Index(labels, dtype="int64", name="Row")
    columns: dict[str, pd.Series] = {}
    for col in spec.columns:
        pos = positions.get(col.name)
        if pos is None:  # named once as missing: not once more per row as blank
            source, col = [None] * len(rows), replace(col, required=False)
        else:
            source = [row[pos] for row in rows]
        columns[col.name] = _column(source, index, col, spec.name, out)
    for i, header in extras:
        if header not in columns:
            columns[header] = pd.Series([row[i] for row in rows], index=index, dtype=object)
    frame = pd.DataFrame(columns, index=index)
    frame.index.name = "Row"
    return frame


MAX_SECOND_LOOKS_ADVISED = 2
"""The guide: one or two second looks at most; more is allowed, but named on Checks."""

_NUMERIC_KINDS = ("number", "money", "percent", "integer", "year")


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _missing(value: object) -> bool:
    """Whether a cell that is not text is missing, as pandas sees it (None, NaN, NaT, NA)."""
    if value is None:
        return True
    if type(value) is float:
        return value != value
    if type(value) in (int, bool):
        return False
    found = pd.isna(cast(Any, value))
    return isinstance(found, bool | np.bool_) and bool(found)


def _column(raw: list[Any], index: pd.Index, col: Column, sheet: str, out: _Collector) -> pd.Series:
    """One column converted to its kind (``raw``: its cells, one per row of ``index``).

    The common cells are settled here with a quick check each; cells it cannot settle (errors, text in numbers,
    text dates, unknown choices, blanks in a required column) go through ``_cell`` one by one, which reports
    them: the messages live in one place. A table has tens of rows, where a pandas operation per column costs
    more than this one pass over the cells.
    """
    kind = col.kind
    blank_value = blank_for(kind)
    numeric = kind in _NUMERIC_KINDS and kind != "year"
    choices = {fold_choice(c): c for c in col.choices} if kind == "choice" else {}
    values: list[Any] = []
    for row, value in zip(index.tolist(), raw, strict=True):
        is_str = type(value).__name__ == "str"
        text = value.strip() if is_str else value
        if (text == "") if is_str else _missing(value):
            if not col.required:
                values.append(blank_value)
                continue
        elif numeric and type(value).__name__ in ("int", "float") and not (kind == "percent" and 0 < value < 1):
            number = float(value)
            if ((col.minimum is None or number >= col.minimum) and (col.maximum is None or number <= col.maximum)
                    and (kind != "integer" or number % 1 == 0)):
                values.append(number)
                continue
        elif kind == "date" and is_season_date(value):
            values.append(pd.Timestamp(parse_date(value)))
            continue
        elif is_str and kind == "text" and text.upper() not in ERROR_VALUES:
            values.append(text)
            continue
        elif is_str and kind == "state" and text.upper() in US_STATES:
            values.append(text.upper())
            continue
        elif is_str and kind == "email" and _EMAIL.fullmatch(text.upper()):
            values.append(text)
            continue
        elif is_str and kind == "choice" and choices.get(fold_choice(text)) is not None:
            values.append(choices[fold_choice(text)])
            continue
        values.append(_cell(value, col, sheet, _excel_row(row), out))
    return pd.Series(values, index=index, dtype=_dtype(kind))


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
        return blank_for(col.kind)
    error = error_value(value)
    if error:
        out.add(sheet, row, col.name, f"The cell shows the error {error}", "Fix the formula or type the value itself.")
        return blank_for(col.kind)
    try:
        result = coerce(value, col)
    except BadValue as bad:
        out.add(sheet, row, col.name, bad.problem, bad.how_to_fix)
        return blank_for(col.kind)
    if note := fraction_note(col, value, result):
        out.add(sheet, row, col.name, *note)
    if col.kind == "date":
        return pd.Timestamp(result)
    return result


def _key_values(raw: RawTable | None, spec: InputTable, key: str, out: _Collector) -> dict[str, tuple[int, Any]]:
    """A two-column name/value table as {folded name: (Excel row, value)}; duplicates reported."""
    result: dict[str, tuple[int, Any]] = {}
    if raw is None:
        return result
    positions = _match_headers(raw, spec, out)  # names a missing Value column too
    if key not in positions or "Value" not in positions:
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


def _read_profile(raw: RawTable | None, out: _Collector, find: _Finder) -> Profile:
    values = _key_values(raw, INPUT_BY_NAME["Profile"], "Field", out)
    known = {fold(c.name) for c in PROFILE_FIELDS}
    typed = [str(_label(raw, row, "Field")).strip() for name, (row, _) in values.items() if name not in known]
    offered = closest_headers([c.name for c in PROFILE_FIELDS if fold(c.name) not in values and not c.new], typed)
    kwargs: dict[str, Any] = {}
    for col in PROFILE_FIELDS:
        row, value = values.get(fold(col.name), (None, None))
        if row is None and raw is not None and not {("Profile", "Field"), ("Profile", "Value")} & set(out.missing):
            if col.new:
                out.add("Profile", None, "Field", *_new_column(col, "Profile"))
            elif col.required or (values and use_of("Profile", col.name) is not None):  # no rows: Checks says so
                out.add("Profile", None, "Field",
                        *missing_column("Profile", col.name, col.required, offered.get(col.name)))
                out.missing.append(("Profile", col.name))
        if row is None and col.required:
            continue
        if is_blank(value):
            if col.required and row is not None:
                out.add("Profile", row, "Value", f"{col.name} is blank", f"Fill in {col.name}; it is required.")
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
        except BadValue as bad:
            out.add("Profile", row, "Value", f"{col.name}: {bad.problem}", bad.how_to_fix)
            continue
        if note := fraction_note(col, value, kwargs[col.attr]):
            out.add("Profile", row, "Value", *note)
    profile = new_profile(**kwargs)
    if profile.in_us_from and profile.in_us_until and profile.in_us_from > profile.in_us_until:
        out.add(
            "Profile",
            values[fold("In US until")][0],
            "Value",
            "In US until is before In US from",
            "Swap the two dates.",
        )
    _check_current_place(profile, values.get(fold("Current city"), (None, None))[0], out, find)
    _check_model_fields(profile, values, out)
    if profile.max_second_looks > MAX_SECOND_LOOKS_ADVISED:
        out.add(
            "Profile",
            values.get(fold("Max second looks"), (None, None))[0],
            "Value",
            f"Max second looks is {profile.max_second_looks}: more than the guide advises",
            f"The guide advises one or two second looks at most: they rarely change a result and cost time "
            f"and money. Lower it to {MAX_SECOND_LOOKS_ADVISED} or less, or keep it if you have reasons.",
        )
    if profile.home_zip and not find("", "", profile.home_zip):
        out.add("Profile", values[fold("Home ZIP")][0], "Value", f"Home ZIP {profile.home_zip} is not a US ZIP code "
                "this tool knows; trips start from the centre of Current city instead", "Check it, or leave it blank.")
    for city, state in profile.support_cities:
        if not find(city, state):
            out.add(
                "Profile",
                values[fold("Support cities")][0],
                "Value",
                f"Support city '{city}, {state}' is not a US place this tool knows",
                "Check the spelling of the city and the state code.",
            )
    return profile


def _check_current_place(profile: Profile, row: int | None, out: _Collector, find: _Finder) -> None:
    """A current city the tool cannot place is named; when Current country says the US (or is blank), the
    applicant may live abroad without saying so, and trips would start from a guessed US city at no cost."""
    city, state = profile.current_city, profile.current_state
    if not city or (state and find(city, state)):
        return
    abroad_hint = "" if profile.abroad else " If you live outside the US, write your country under Current country."
    country = profile.current_country or "blank"
    if state:
        out.add("Profile", row, "Value", f"'{city}, {state}' is not a US place this tool knows",
                "Check the spelling of the city and the state code." + abroad_hint)
    elif not profile.abroad:
        out.add("Profile", row, "Value",
                f"Current city '{city}' has no state while Current country is {country}: it is not a US place, so "
                "trips cannot start from it",
                "If you live in the US, fill in Current state (2 letters)." + abroad_hint)


def _check_model_fields(profile: Profile, values: dict[str, tuple[int, Any]], out: _Collector) -> None:
    """The application model's Profile fields: a blank Applicant kind without a visa is read as US-citizen IMG and
    named; a geographic preference holds at most three divisions, or No preference alone."""
    kind_row = values.get(fold("Applicant kind"), (None, None))[0]
    if kind_row is not None and not profile.applicant_kind and profile.visa_needed in ("", "None"):
        out.add("Profile", kind_row, "Value",
                f"Applicant kind is blank and you need no visa: read as {US_IMG}",
                f"Say which kind you are ({', '.join(APPLICANT_KINDS)}): base rates and match rates differ by kind.")
    chosen = profile.geographic_preference
    row = values.get(fold("Geographic preference"), (None, None))[0]
    if NO_PREFERENCE in chosen and len(chosen) > 1:
        out.add("Profile", row, "Value", "Geographic preference names divisions and No preference; divisions are used",
                "Keep either up to three divisions or No preference.")
    divisions = [d for d in chosen if d != NO_PREFERENCE]
    if len(divisions) > MAX_GEOGRAPHIC_PREFERENCES:
        out.add("Profile", row, "Value",
                f"Geographic preference names {len(divisions)} divisions; ERAS allows {MAX_GEOGRAPHIC_PREFERENCES}: "
                f"the first {MAX_GEOGRAPHIC_PREFERENCES} are used",
                f"Keep the {MAX_GEOGRAPHIC_PREFERENCES} you chose in ERAS.")


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
    rows = setting_rows()
    known = {fold(r.label): r for r in rows}
    per_specialty: dict[str, dict[str, tuple[str, float]]] = {}  # field -> folded specialty -> (name, value)
    for r in rows:
        if r.specialty:
            per_specialty.setdefault(r.name, {})[specialty_key(r.specialty)] = (r.specialty, float(r.value))
    kwargs: dict[str, Any] = {}
    unknown = [str(_label(raw, row, "Setting")).strip() for name, (row, _) in values.items()
               if name not in known and per_specialty_label(_label(raw, row, "Setting")) is None]
    meant = closest_headers(unknown, [r.label for r in rows if fold(r.label) not in values])
    for name, (row, value) in values.items():
        spec = known.get(name)
        named = per_specialty_label(_label(raw, row, "Setting")) if spec is None else None
        if spec is None and named is None:
            typed = str(_label(raw, row, "Setting")).strip()
            out.add(
                "Settings",
                row,
                "Setting",
                "This setting is not one xlresidency knows; it is ignored",
                f"Did you mean '{meant[typed]}'? Rename it to that." if typed in meant else
                "Check its spelling against the Setting names in a new template (xlresidency new).",
            )
            continue
        if named is not None:  # a per-specialty figure for a specialty the facts file may not have
            field, specialty = named
            meta = field.metadata
            spec = SettingRow(meta["label"] + specialty, None, meta["meaning"], meta["kind"], meta["minimum"],
                              meta["maximum"], field.name, specialty)
        assert spec is not None
        if is_blank(value):
            continue
        col = Column(spec.label, "text" if spec.kind == "text" else spec.kind, minimum=spec.minimum,
                     maximum=spec.maximum)
        error = error_value(value)
        if error:
            out.add(
                "Settings",
                row,
                "Value",
                f"{spec.label} shows the error {error}; the default is used",
                "Fix the formula or type the value itself.",
            )
            continue
        try:
            converted = coerce(value, col)
        except BadValue as bad:
            out.add("Settings", row, "Value", f"{spec.label}: {bad.problem}; the default is used", bad.how_to_fix)
            continue
        if note := fraction_note(col, value, converted):
            out.add("Settings", row, "Value", *note)
        if spec.specialty:  # known specialties are replaced, new ones added
            figures = per_specialty.setdefault(spec.name, {})
            shown = figures.get(specialty_key(spec.specialty), (spec.specialty, 0.0))[0]
            figures[specialty_key(spec.specialty)] = (shown, float(converted))
            continue
        kwargs[spec.name] = int(converted) if spec.kind == "integer" else converted
    for name, figures in per_specialty.items():
        kwargs[name] = tuple(figures.values())
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


def _label(raw: RawTable | None, row: int, key: str) -> object:
    """The name cell (``key``: Field or Setting) of a Profile or Settings row, as typed."""
    if raw is None:
        return ""
    cells = raw.rows[row - raw.first_row]
    position = next((i for i, h in enumerate(raw.headers) if not is_blank(h) and fold(h) == fold(key)), 0)
    return cells[position] if position < len(cells) else ""


def _excel_row(label: object) -> int:
    """A DataFrame index label (the Excel row number) as an int."""
    return int(cast(int, label))


def _check_programs(programs: pd.DataFrame, out: _Collector, find: _Finder) -> pd.DataFrame:
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
    zip_places = [find("", "", z) if z else None for z in zips]
    city_known = [
        bool(z) or not (c and s) or find(c, s) is not None
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


def _located(profile: Profile, programs: pd.DataFrame, commitments: pd.DataFrame, find: _Finder) -> Located:
    """Where every place of the season is: a program by its ZIP when known, else by City + State; a commitment
    with a city; the current city (with a state); the support cities found."""
    program_places = {
        row: (find("", "", z) if z else None) or (find(c, s) if c and s else None)
        for row, c, s, z in zip(programs.index, *(programs[k].astype(str).tolist() for k in ("City", "State", "ZIP")),
                                strict=True)
    }
    with_city = commitments[commitments["City"].astype(str).str.strip() != ""]
    commitment_places = {row: find(c, s) for row, c, s in zip(with_city.index, with_city["City"], with_city["State"],
                                                             strict=True)}
    current = find(profile.current_city, profile.current_state) if profile.current_state else None
    supports = tuple((c, s, p) for c, s in profile.support_cities if (p := find(c, s)) is not None)
    home = find("", "", profile.home_zip) if profile.home_zip else None
    return Located(program_places, commitment_places, current, supports, home)


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


# What a season is read as when a table other than Profile and Programs is missing from the workbook.
_ABSENT_MEANS = {
    "Commitments": "no commitments were considered: second looks may be planned on days you are not free",
    "Ratings": "no ratings were read: Compare and Rank Draft show none",
    "Settings": "every setting has its default value",
    "Templates": "the emails use the packaged wording",
}


def require_season(table_names: Iterable[str], book: str = "") -> None:
    """Refuse a workbook that is not a season, before anything is read further or written: it has none of the
    input tables (someone's budget file, made active when the Regenerate button was pressed), or it lacks a table
    the season cannot be planned without (``InputTable.required``: Profile, Programs). Raises ``NotASeason``;
    ``book`` names the workbook in the message."""
    present = {fold(name) for name in table_names}
    every = ", ".join(spec.name for spec in INPUT_TABLES)
    if not present & {fold(spec.name) for spec in INPUT_TABLES}:
        raise NotASeason(f"{book or 'this workbook'} is not a season workbook: it has none of the tables {every}. "
                         "Open your season workbook, or start one from the template (xlresidency new season.xlsx)")
    for spec in INPUT_TABLES:
        if spec.required and fold(spec.name) not in present:
            raise NotASeason(f"{book or 'this workbook'} has no {spec.name} table (no Excel table and no sheet named "
                             f"{spec.name}): the season cannot be planned without it. Undo the deletion, or copy the "
                             f"{spec.name} sheet from a new template (xlresidency new) and fill it in")


def output_sheet_clashes(table_sheets: Mapping[str, str]) -> list[tuple[str, str]]:
    """(input table, sheet) for each input table on a sheet named like an output sheet, which regenerating would
    replace with the table on it; names are compared ignoring case and spaces, as the writers compare them."""
    outputs = {fold(name) for name in OUTPUT_SHEETS}
    return [(table, sheet) for table, sheet in table_sheets.items() if fold(sheet) in outputs]


def clash_message(table: str, sheet: str) -> str:
    """What to tell the applicant about an input table on an output sheet."""
    return (f"the {table} table is on the sheet '{sheet}', a sheet regenerating replaces; rename that sheet "
            f"(to '{table}', say) and run again")


def require_own_sheets(table_sheets: Mapping[str, str]) -> None:
    """Refuse to write output sheets while an input table sits on one of them (``{table: sheet}`` as read): the
    table would be gone. Raises ``SheetClash``; both writers call this before writing anything."""
    clashes = output_sheet_clashes(table_sheets)
    if clashes:
        message = "; ".join(clash_message(t, s) for t, s in clashes)
        raise SheetClash(message[0].upper() + message[1:])


def validate(tables: dict[str, RawTable], extra_checks: Iterable[Callable[[Season], Iterable[Problem]]] = (),
             whole_workbook: bool = False) -> Season:
    """Every input table checked and typed in one pass; problems collected, never raised.

    ``whole_workbook``: ``tables`` is everything a workbook holds (the adapters say so; cell functions, which get
    only the tables passed to them, do not), so a missing optional table is named on Checks with what it means.
    """
    out = _Collector()
    for table, sheet in output_sheet_clashes({name: raw.sheet for name, raw in tables.items()}):
        message = clash_message(table, sheet)
        out.add("(workbook)", None, "", message[0].upper() + message[1:],
                "Regenerate refuses to run until then, so the table is not replaced.")
    if whole_workbook and tables:
        for name, means in _ABSENT_MEANS.items():
            if name not in tables:
                out.add(name, None, "", f"There is no {name} table (nor a sheet named {name}): {means}",
                        f"Copy the {name} sheet from a new template (xlresidency new) if you want to fill it in.")
    if not any(name in tables for name in INPUT_BY_NAME):
        out.add(
            "(workbook)",
            None,
            "",
            "This workbook has none of the input sheets (Profile, Programs, ...)",
            "Start from the template: xlresidency new season.xlsx, then copy your data into it.",
        )
    for name, raw in tables.items():
        for row in raw.rows_below:
            out.add(
                raw.sheet,
                row,
                "",
                f"Row {row} is outside the {name} table and was not read",
                "Extend the table over it (drag its corner or Table Design > Resize Table).",
            )
        if not raw.is_table:
            out.add(
                name,
                raw.first_row - 1,
                "",
                f"The {name} sheet has no Excel table named {name}; its cells were read",
                f"Select the data and use Insert > Table, then name the table {name} (Table Design > Table Name).",
            )
    find = _Finder()
    profile = _read_profile(tables.get("Profile"), out, find)
    settings = _read_settings(tables.get("Settings"), out)
    programs = _check_programs(_read_table(tables.get("Programs"), INPUT_BY_NAME["Programs"], out), out, find)
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
    season = Season(profile, programs, commitments, ratings, settings, templates, out.problems, out.missing,
                    _located(profile, programs, commitments, find))
    for check in extra_checks:
        season.problems.extend(check(season))
    season.problems = sort_problems(season.problems)
    return season

