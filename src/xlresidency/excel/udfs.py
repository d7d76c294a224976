"""Cell functions: xlresidency in a formula (=FIT_SCORE(Programs[#All], Profile[#All]), =MILES(...), ...).

Each function reads its arguments (conversion declared in the decorators), calls one core function and
returns. Table arguments take a whole Excel table with its header row (``Programs[#All]``); headers are matched
case- and space-insensitively and the rows go through the same validation as Regenerate. A table function
spills one value (or one row) per table row, in the table's order, so the result lines up beside the table.
Messages name a row by its place in the table ("table row 1" is the first row under the headers): a formula
does not know where on the sheet its table sits.
Scalar functions also take whole columns and then spill one value per row.

A bad argument never shows a Python traceback: the cell reads ``#xlresidency: <what is wrong>``.

A table cannot hold a spilled result, so the row-independent table functions also come per row, for a column
inside the table:
``=FIT_ROW(Programs[@[Program]:[Highlight]], Programs[[#Headers],[Program]:[Highlight]], Profile[#All])``
(the row and the headers of the input columns only: a range that includes the formula's own column is circular).

Classic xlwings (Excel on Windows) imports these with the add-in's ``UDF Modules`` setting
(``xlresidency.udfs``); xlwings Server and Lite call them through ``xlwings.server`` (the generated Lite
``main.py`` imports ``__all__``).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from xlwings import arg, func, ret
from xlwings.conversion import Converter, Options

from ..core import facts, schema
from ..core.cells import cell_value, coerce, error_value, is_blank, parse_date
from ..core.errors import BadValue, InputError, XlresidencyError
from ..core.records import RawTable, Season
from ..ground import costs, places
from ..plan import plan_season
from ..rules import applications, emails, fees, matching, policy, scoring
from ..rules.validation import validate

__all__ = [  # the cell functions, in the order the Function Wizard lists them
    "apply_advice", "email_draft", "eras_fee", "fit_breakdown", "fit_row", "fit_score", "interview_chance",
    "interview_chance_row", "match_chance", "miles", "policy_check", "second_look", "trip_cost", "trip_cost_row",
    "visa_ok", "years_since_grad",
]

CATEGORY = "xlresidency"
ERROR = "#xlresidency: "

OPTIONAL_TABLES = frozenset({"settings", "commitments", "ratings", "templates"})

_F = TypeVar("_F", bound=Callable[..., Any])


# --------------------------------------------------------------------------------------------------
# The error boundary of every cell function, and argument helpers.


def cell_error(message: str) -> str:
    """The text a cell shows for a bad argument."""
    return ERROR + message.strip().rstrip(".")


def cell_function(f: _F) -> _F:
    """Turn every error into a short text in the cell: the applicant's mistakes in plain words, bugs by name.

    Its help text (the docstring, which xlwings shows in the Function Wizard and Lite registers) is cleaned of its
    indentation here: Python 3.13+ removes it when compiling, 3.11 and 3.12 keep it, and the help must read the same
    under every Python the add-in and Lite run (Lite's Pyodide is Python 3.14)."""

    @functools.wraps(f)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except XlresidencyError as exc:
            return cell_error(str(exc))
        except Exception as exc:  # a bug must not reach the cell as a traceback either
            return cell_error(f"could not compute this ({type(exc).__name__}); please report it")

    guarded.__doc__ = inspect.cleandoc(f.__doc__ or "")
    return guarded  # type: ignore[return-value]


def with_facts(f: _F) -> _F:
    """Fill the public figures a docstring quotes (``{eras.fee_first_30:$}``) from the facts file: the Function
    Wizard help then says what this season's facts say."""
    f.__doc__ = facts.fill(f.__doc__ or "")
    return f


def _blank(value: object) -> bool:
    return is_blank(value) or (isinstance(value, list) and all(_blank(v) for v in value))


def raw_table(value: object, name: str) -> RawTable:
    """A table argument (a DataFrame with headers, or rows with the header first) as the readers hand it over.

    Rows are numbered within the table (1 = the first row under the headers), not as rows of the sheet.
    """
    spec = schema.INPUT_BY_NAME[name]
    if isinstance(value, pd.DataFrame):
        headers = [str(h) for h in value.columns]
        rows = value.astype(object).where(value.notna(), None).to_numpy().tolist()
    elif isinstance(value, list | tuple) and value and all(isinstance(r, list | tuple) for r in value):
        headers, rows = [str(h) for h in value[0]], [list(r) for r in value[1:]]
    else:
        raise InputError(f"{name}: select the whole {name} table with its header row, e.g. {name}[#All]")
    found = {schema.fold(h) for h in headers}
    missing = [c.name for c in spec.columns if c.required and schema.fold(c.name) not in found]
    if missing:
        raise InputError(f"{name} table has no column {', '.join(missing)}; include the header row ({name}[#All])")
    return RawTable(name, name, headers, rows, first_row=1)


def season(**tables: object) -> tuple[Season, dict[str, RawTable]]:
    """A validated Season from the table arguments (an optional table left out or blank is not used)."""
    raw = {
        name.capitalize(): raw_table(value, name.capitalize())
        for name, value in tables.items()
        if name not in OPTIONAL_TABLES or not _blank(value)
    }
    return validate(raw), raw


_SHEET_ROW = re.compile(r"\b(?<!table )row (\d+)")


def table_rows(message: str) -> str:
    """A message about the argument's rows, saying "table row 2": its rows are numbered within the table."""
    return _SHEET_ROW.sub(r"table row \1", message)


def _row_problems(found: Season, raw: RawTable) -> dict[int, str]:
    """Per table row, the first problem that kept the row out (for rows that were dropped)."""
    problems: dict[int, str] = {}
    for problem in found.problems:
        if problem.sheet == raw.name and problem.row is not None:
            problems.setdefault(problem.row, table_rows(problem.problem))
    return problems


def _rows(raw: RawTable) -> pd.Index:
    """The table's rows; a table with none cannot spill anything, so that is an error in the cell."""
    if not raw.rows:
        raise InputError(f"the {raw.name} table has no rows")
    return pd.RangeIndex(raw.first_row, raw.first_row + len(raw.rows))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as plain values Excel can take: blanks as empty text (NaN would show as #NUM!)."""
    plain = frame.astype(object).map(cell_value)
    return plain.where(plain.notna(), "")


def per_row(values: pd.Series, found: Season, raw: RawTable) -> pd.DataFrame:
    """One value per row of the table argument: rows that could not be used say why; blank rows stay blank."""
    rows = _rows(raw)
    out = values.reindex(rows).astype(object)
    dropped = ~rows.isin(values.index)
    why = pd.Series(_row_problems(found, raw), dtype=object).reindex(rows)
    out = out.mask(dropped & why.notna(), ERROR + why.astype(str))
    return _plain(out.to_frame("value"))


def table_per_row(frame: pd.DataFrame, found: Season, raw: RawTable) -> pd.DataFrame:
    """One row per row of the table argument, with a header; a row that could not be used says why."""
    rows = _rows(raw)
    out = frame.reindex(rows).astype(object)
    first = out.columns[0]
    why = pd.Series(_row_problems(found, raw), dtype=object).reindex(rows)
    out[first] = out[first].mask(~rows.isin(frame.index) & why.notna(), ERROR + why.astype(str))
    return _plain(out).reset_index(drop=True)


def column(value: object) -> list[Any]:
    """A scalar or a range (a row, a column or a block) as a flat list of cell values."""
    if isinstance(value, pd.DataFrame | pd.Series | np.ndarray):
        return list(np.asarray(value, dtype=object).ravel())
    if isinstance(value, list | tuple):
        return [cell for item in value for cell in column(item)]
    return [value]


def broadcast(**arguments: object) -> pd.DataFrame:
    """Scalars and equally long ranges side by side, one row per value (a scalar repeats)."""
    columns = {name: column(value) for name, value in arguments.items()}
    length = max(len(values) for values in columns.values())
    for name, values in columns.items():
        if len(values) not in (1, length):
            raise InputError(f"{name} has {len(values)} cells but another argument has {length}; use equal ranges")
    return pd.DataFrame({name: values * (length // len(values)) for name, values in columns.items()}, dtype=object)


def checked(values: pd.Series, col: schema.Column, blank: Any) -> pd.Series:
    """Cells converted to a column's kind; a bad cell becomes its error text."""

    def one(value: object) -> Any:
        if is_blank(value):
            return blank
        error = error_value(value)
        if error:
            return cell_error(f"{col.name} shows the error {error}")
        try:
            return coerce(value, col)
        except BadValue as bad:
            return cell_error(f"{col.name}: {bad.problem}")

    return values.map(one).astype(object)


def _profile_field(name: str) -> schema.Column:
    return next(c for c in schema.PROFILE_FIELDS if c.name == name)


def _is_error(values: pd.Series) -> pd.Series:
    return values.map(lambda v: isinstance(v, str) and v.startswith(ERROR)).astype(bool)


def scalar_or_column(values: pd.Series, scalar: bool) -> Any:
    """A single value when every argument was one cell, else one value per row."""
    if scalar:
        return cell_value(values.iloc[0]) if not pd.isna(values.iloc[0]) else ""
    return _plain(values.to_frame("value"))


def _all_scalar(*values: object) -> bool:
    return all(len(column(v)) == 1 for v in values)


def advice_of(found: Season) -> applications.ApplicationList:
    """The application advice of a season, as the Applications sheet gives it."""
    return applications.advise(found, scoring.fit_table(found))


def own_trip_costs(found: Season) -> pd.Series:
    """The cost of a second look at each program as a trip of its own from the season's base, in whole dollars."""
    return costs.visit_cost(found, costs.home_base(found), found.programs).round(0)


# --------------------------------------------------------------------------------------------------
# The cell functions.

class Table(Converter):
    """An xlwings converter for a table argument: the whole Excel table with its header row (``Programs[#All]``) as
    rows, headers first, whatever its size (a lone cell is a table of one header). ``raw_table`` reads it."""

    @classmethod
    def base_reader(cls, options: Any, base_type: Any = None) -> Any:
        return super().base_reader(Options(options).override(ndim=2), base_type)

    @classmethod
    def read_value(cls, value: Any, options: Any) -> Any:
        return value


TABLE_DOCS = {
    "programs": "The Programs table with its header row: Programs[#All]",
    "profile": "The Profile table with its header row: Profile[#All]",
    "settings": "Optional: the Settings table (Settings[#All])",
    "commitments": "Optional: the Commitments table (Commitments[#All])",
    "ratings": "Optional: the Ratings table (Ratings[#All])",
    "templates": "Optional: the Templates table (Templates[#All]) with your wording",
}


def stacked(*decorators: Callable[[_F], _F]) -> Callable[[_F], _F]:
    """Several decorators as one, applied as if written above the function, top to bottom."""

    def declare(f: _F) -> _F:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return declare


def tables(*names: str, **docs: str) -> Callable[[_F], _F]:
    """Declare a cell function's table arguments (``Table``), each with its Function Wizard help: ``TABLE_DOCS``,
    or the text given by name (``settings="... for your weights"``)."""
    return stacked(*(arg(name, Table, doc=docs.get(name, TABLE_DOCS[name])) for name in [*names, *docs]))


@func(category=CATEGORY)
@tables("programs", "profile", settings="Optional: the Settings table (Settings[#All]) for your weights")
@ret(index=False, header=False)
@cell_function
def fit_score(programs: Any, profile: Any, settings: Any = None) -> Any:
    """Fit (0-100) of each program for you: one number per row of the Programs table."""
    found, raw = season(programs=programs, profile=profile, settings=settings)
    return per_row(scoring.fit_table(found)["Fit"].round(0), found, raw["Programs"])


@func(category=CATEGORY)
@tables("programs", "profile", settings="Optional: the Settings table (Settings[#All]) for your weights")
@ret(index=False, header=True)
@cell_function
def fit_breakdown(programs: Any, profile: Any, settings: Any = None) -> Any:
    """Fit, tier, every component score, visa status and flags: one row per row of the Programs table."""
    found, raw = season(programs=programs, profile=profile, settings=settings)
    fit = scoring.fit_table(found)
    shown = fit.loc[:, list(scoring.FIT_COLUMNS)].copy()
    numbers = ["Fit", *scoring.COMPONENTS]
    shown[numbers] = shown[numbers].round(0)
    return table_per_row(shown, found, raw["Programs"])


@func(category=CATEGORY)
@tables("programs", "profile", "commitments", "settings")
@arg("detail", doc="Optional: TRUE for the whole decision with its reasons, FALSE (default) for the verdict only")
@ret(index=False, header=False)
@cell_function
def second_look(programs: Any, profile: Any, commitments: Any = None, settings: Any = None, detail: Any = False) -> Any:
    """Visit, Virtual or Skip for each program; TRUE after the tables (with priority, criteria, reasons, cost)."""
    # TRUE/FALSE right after the tables given counts as detail: =SECOND_LOOK(Programs[#All], Profile[#All], TRUE)
    if _one_flag(commitments) is not None:
        commitments, detail = None, _one_flag(commitments)
    if _one_flag(settings) is not None:
        settings, detail = None, _one_flag(settings)
    found, raw = season(programs=programs, profile=profile, commitments=commitments, settings=settings)
    decision = plan_season(found).decision  # as the Second Look sheet decides
    wanted = _one_flag(detail)
    if wanted or (wanted is None and isinstance(detail, str) and schema.fold(detail) in ("true", "yes", "1")):
        table = table_per_row(decision, found, raw["Programs"])
        return pd.concat([pd.DataFrame([list(table.columns)], columns=table.columns), table], ignore_index=True)
    return per_row(decision["Recommendation"], found, raw["Programs"])


def _one_flag(value: object) -> bool | None:
    """TRUE or FALSE given as a single cell, however it was handed over, else None.

    A table converter turns a lone cell into a table with that cell as its only header, so look there too.
    """
    cells = [*value.columns, *column(value)] if isinstance(value, pd.DataFrame) else column(value)
    return bool(cells[0]) if len(cells) == 1 and isinstance(cells[0], bool | np.bool_) else None


@func(category=CATEGORY)
@arg("visa_needed", doc="The visa you need: None, J-1, H-1B or J-1 or H-1B (a cell or a column)")
@arg("sponsors_j1", doc="Whether the program sponsors J-1: Yes, No or Unknown (a cell or a column)")
@arg("sponsors_h1b", doc="Whether the program sponsors H-1B: Yes, No or Unknown (a cell or a column)")
@ret(index=False, header=False)
@cell_function
def visa_ok(visa_needed: Any, sponsors_j1: Any, sponsors_h1b: Any) -> Any:
    """Sponsored, Not sponsored or Unknown: does the program sponsor the visa you need? (Not needed without one.)"""
    cells = broadcast(visa_needed=visa_needed, sponsors_j1=sponsors_j1, sponsors_h1b=sponsors_h1b)
    needed = checked(cells["visa_needed"], _profile_field("Visa needed"), "None")
    j1 = checked(cells["sponsors_j1"], schema.INPUT_BY_NAME["Programs"].column("Sponsors J-1"), "Unknown")
    h1b = checked(cells["sponsors_h1b"], schema.INPUT_BY_NAME["Programs"].column("Sponsors H-1B"), "Unknown")
    bad = needed.where(_is_error(needed)).fillna(j1.where(_is_error(j1))).fillna(h1b.where(_is_error(h1b)))
    status = scoring.visa_status(
        needed.where(~_is_error(needed), "None"),
        j1.where(~_is_error(j1), "Unknown"),
        h1b.where(~_is_error(h1b), "Unknown"),
    )
    return scalar_or_column(bad.fillna(status).astype(object), _all_scalar(visa_needed, sponsors_j1, sponsors_h1b))


@func(category=CATEGORY)
@arg("from_city", doc="City you start from, or 'City, ST' (a cell or a column)")
@arg("from_state", doc="Its 2-letter state code (blank when the city cell holds 'City, ST')")
@arg("to_city", doc="City you go to, or 'City, ST' (a cell or a column)")
@arg("to_state", doc="Its 2-letter state code (blank when the city cell holds 'City, ST')")
@ret(index=False, header=False)
@cell_function
def miles(from_city: Any, from_state: Any, to_city: Any, to_state: Any = None) -> Any:
    """Straight-line (great-circle) miles between two US cities, from installed ZIP-code geodata."""
    cells = broadcast(from_city=from_city, from_state=from_state, to_city=to_city, to_state=to_state)
    start, start_bad = _places(cells["from_city"], cells["from_state"])
    end, end_bad = _places(cells["to_city"], cells["to_state"])
    distance = (
        pd.Series(places.great_circle_miles(start["lat"], start["lon"], end["lat"], end["lon"]), index=cells.index)
        .round(1)
        .astype(object)
    )
    result = start_bad.fillna(end_bad).fillna(distance)
    return scalar_or_column(result, _all_scalar(from_city, from_state, to_city, to_state))


def _places(city: pd.Series, state: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Coordinates of City + State cells ('City, ST' in the city cell also works) and, per row, what is wrong."""
    text = city.map(lambda v: "" if is_blank(v) else str(v).strip())
    code = state.map(lambda v: "" if is_blank(v) else str(v).strip().upper())
    combined = (code == "") & text.str.contains(",", regex=False)
    split = text.str.rpartition(",")
    text = text.where(~combined, split[0].str.strip())
    code = code.where(~combined, split[2].str.strip().str.upper())
    frame = pd.DataFrame({"City": text, "State": code})
    located = places.locate(frame, zip_column=None)
    unknown = located["lat"].isna()
    why = pd.Series(
        np.where(
            text == "",
            cell_error("a city is blank"),
            cell_error("") + "'" + text + ", " + code + "' is not a US place this tool knows",
        ),
        index=frame.index,
        dtype=object,
    )
    return located, why.where(unknown)


@func(category=CATEGORY)
@arg("graduation_year", doc="Your graduation year, e.g. 2019 (a cell or a column)")
@arg("as_of", doc="Optional: the date to count to (default: today)")
@ret(index=False, header=False)
@cell_function
def years_since_grad(graduation_year: Any, as_of: Any = None) -> Any:
    """Whole years since graduation, counted in calendar years (programs often cap this at 3 to 5)."""
    today = dt.date.today() if is_blank(as_of) else _date(as_of, "as_of")
    years = checked(pd.Series(column(graduation_year), dtype=object), _profile_field("Graduation year"), np.nan)
    bad = _is_error(years)
    counted = pd.Series(
        scoring.years_since_graduation(pd.to_numeric(years.where(~bad), errors="coerce"), today), index=years.index
    ).astype(object)
    return scalar_or_column(years.where(bad, counted), _all_scalar(graduation_year))


def _date(value: object, name: str) -> dt.date:
    try:
        return parse_date(cell_value(value))
    except BadValue as bad:
        raise InputError(f"{name}: {bad.problem}") from None


@func(category=CATEGORY)
@arg("subject", doc="The email's subject line; alone, the whole email (subject line, blank line, body) or a body")
@arg("body", doc="Optional: the email's body (a cell or a column)")
@ret(index=False, header=False)
@cell_function
def policy_check(subject: Any, body: Any = None) -> Any:
    """OK, or what in the email breaks the NRMP Match rules (rank promises, asking about rank) or is unfilled.

    With one argument it is the whole email: a first line, a blank line and the body (as EMAIL_DRAFT writes it),
    or a body alone; the length advice for a subject applies only to a subject line.
    """
    if body is None:
        cells = broadcast(email=subject)
        parts = [policy.split_email(_text(email)) for email in cells["email"]]
    else:
        cells = broadcast(subject=subject, body=body)
        parts = [(_text(s), _text(b)) for s, b in zip(cells["subject"], cells["body"], strict=True)]
    verdicts = pd.Series([emails.policy_check(s, b) for s, b in parts], index=cells.index, dtype=object)
    return scalar_or_column(verdicts, _all_scalar(subject) if body is None else _all_scalar(subject, body))


def _text(value: object) -> str:
    return "" if is_blank(value) else str(cell_value(value))


@func(category=CATEGORY)
@arg("kind", doc="Inquiry, Thank you or Follow-up")
@arg("program", doc="The program's name as on the Programs table")
@tables("programs", "profile", "templates", "settings", "ratings",
        commitments="Optional: the Commitments table (Commitments[#All]) for visit days")
@cell_function
def email_draft(kind: Any, program: Any, programs: Any, profile: Any, templates: Any = None, commitments: Any = None,
                settings: Any = None, ratings: Any = None) -> Any:
    """A draft email to one program (subject line, blank line, body); unfilled fields stay visible as {{ name }}.

    Visit dates come from the trip plan, as on the Trips sheet (give Commitments and Settings for the same days);
    {{ highlight }} is the program's Highlight cell on Programs, never a private rating note; blank, it stays visible.
    """
    template_kind = {schema.fold(k): k for k in emails.KINDS}.get(schema.fold(_text(kind)))
    if template_kind is None:
        raise InputError(f"kind must be one of {', '.join(emails.KINDS)}")
    found, _ = season(programs=programs, profile=profile, templates=templates, commitments=commitments,
                      settings=settings, ratings=ratings)
    rows = found.programs.index[found.programs["Program"].map(schema.fold) == schema.fold(_text(program))]
    if not len(rows):
        raise InputError(f"'{_text(program)}' is not a program on the Programs table")
    values = emails.program_values(plan_season(found)).loc[rows[0]].to_dict()
    template = emails.workbook_templates(found.templates, "Templates table row")[template_kind]
    draft = emails.render(template, {**emails.applicant_values(found.profile), **values})
    return f"Subject: {draft.subject}\n\n{draft.body}"


@func(category=CATEGORY)
@tables("programs", "profile", settings="Optional: the Settings table (Settings[#All]) for your cost figures")
@ret(index=False, header=False)
@cell_function
def trip_cost(programs: Any, profile: Any, settings: Any = None) -> Any:
    """Estimated cost (USD) of a second look at each program as a trip of its own: fare, hotel, meals, transport."""
    found, raw = season(programs=programs, profile=profile, settings=settings)
    return per_row(own_trip_costs(found), found, raw["Programs"])


@func(category=CATEGORY)
@arg("programs_per_specialty", doc="How many programs you apply to in each specialty: one cell per specialty")
@tables(settings="Optional: the Settings table (Settings[#All]) with this season's fees")
@cell_function
@with_facts
def eras_fee(programs_per_specialty: Any, settings: Any = None) -> Any:
    """ERAS application fee (USD), {eras.fee_first_30:y}: per specialty {eras.fee_first_30:$} each for programs
    1-{eras.fee_first_programs:n}, {eras.fee_from_31:$} each after them."""
    counts = [n for n in column(programs_per_specialty) if not is_blank(n)]
    if not counts:
        raise InputError("give the number of programs in each specialty")
    found, _ = season(settings=settings)
    return fees.eras_fee(counts, found.settings)


@func(category=CATEGORY)
@tables("programs", "profile", settings="Optional: the Settings table (Settings[#All]) with your figures")
@ret(index=False, header=False)
@cell_function
def interview_chance(programs: Any, profile: Any, settings: Any = None) -> Any:
    """Estimated chance (0-100) that each application brings an interview offer, with the advised signal."""
    found, raw = season(programs=programs, profile=profile, settings=settings)
    advice = advice_of(found)
    return per_row(advice.table["Interview chance"], found, raw["Programs"])


@func(category=CATEGORY)
@tables("programs", "profile", settings="Optional: the Settings table (Settings[#All]) with your figures")
@arg("detail", doc="Optional: TRUE for the chance, reasons, order and fee too; FALSE (default) for the advice only")
@ret(index=False, header=False)
@cell_function
def apply_advice(programs: Any, profile: Any, settings: Any = None, detail: Any = False) -> Any:
    """Apply, Apply + gold signal, Apply + silver signal, Already applied or Skip for each program."""
    if _one_flag(settings) is not None:
        settings, detail = None, _one_flag(settings)
    found, raw = season(programs=programs, profile=profile, settings=settings)
    table = advice_of(found).table
    if _one_flag(detail):
        shown = table_per_row(table, found, raw["Programs"])
        return pd.concat([pd.DataFrame([list(shown.columns)], columns=shown.columns), shown], ignore_index=True)
    return per_row(table["Advice"], found, raw["Programs"])


@func(category=CATEGORY)
@arg("interviews", doc="How many interviews (programs you will rank): a cell or a column; or the Programs table "
                       "(Programs[#All]) for your list's outlook")
@arg("specialty", doc="Optional: the specialty, e.g. Internal Medicine (blank: all specialties); with the Programs "
                      "table, the Profile table (Profile[#All])")
@tables(settings="Optional: the Settings table (Settings[#All]) with your figures")
@ret(index=False, header=False)
@cell_function
def match_chance(interviews: Any, specialty: Any = None, settings: Any = None) -> Any:
    """Estimated chance (0-100) of matching with this many interviews (contiguous ranks) in a specialty; given the
    Programs and Profile tables, the recommended list's outlook as on the Applications sheet: central match chance,
    its 10th-90th percentile range, the chance of no interview, expected interviews, length and fees."""
    if _is_programs_table(interviews):
        return list_outlook(interviews, specialty, settings)
    counts = checked(pd.Series(column(interviews), dtype=object),
                     schema.Column("interviews", "integer", minimum=0, maximum=300), np.nan)
    bad = _is_error(counts)
    found, _ = season(settings=settings)
    field = "All" if is_blank(specialty) else str(cell_value(specialty)).strip()
    chance = pd.Series(matching.match_by_interviews(pd.to_numeric(counts.where(~bad), errors="coerce").fillna(0),
                                                   found.settings, field) * 100, index=counts.index).round(1)
    result = counts.where(bad, chance.where(counts.notna(), np.nan)).astype(object)
    return scalar_or_column(result, _all_scalar(interviews))


def _is_programs_table(value: Any) -> bool:
    """Whether a cell-function argument is a whole Programs table (its header row names Program and City)."""
    if isinstance(value, pd.DataFrame):
        headers = [str(c) for c in value.columns]
    elif isinstance(value, list | tuple) and value and isinstance(value[0], list | tuple):
        headers = [str(c) for c in value[0]]
    else:
        return False
    folded = {schema.fold(h) for h in headers}
    return {"program", "city"} <= folded


def list_outlook(programs: Any, profile: Any, settings: Any = None) -> list[list[Any]]:
    """The recommended list's figures as two columns (what, value), the same as the Applications sheet's footer."""
    if _blank(profile):
        raise InputError("give the Profile table after the Programs table: =MATCH_CHANCE(Programs[#All], "
                         "Profile[#All])")
    found, _ = season(programs=programs, profile=profile, settings=settings)
    advice = advice_of(found)
    return [
        ["Estimated match chance (%)", round(advice.match_chance * 100, 1)],
        ["Range low, 10th percentile (%)", round(advice.low * 100, 1)],
        ["Range high, 90th percentile (%)", round(advice.high * 100, 1)],
        ["Chance of no interview (%)", round(advice.no_interview * 100, 2)],
        ["Expected interviews", round(advice.expected_interviews, 1)],
        ["Programs in the list", advice.sent + advice.recommended],
        ["ERAS fee of the list (USD)", advice.fee],
        ["IMG fees through ECFMG (USD)", advice.img_fees],
    ]


# --------------------------------------------------------------------------------------------------
# Per-row forms, for a column inside the Programs table (a table cannot hold a spilled result). Only the
# functions whose answer for a program does not depend on the other programs have one.


def one_row(row: Any, headers: Any) -> list[list[Any]]:
    """A one-row Programs table from a table row and its header row (the same columns, in the same order)."""
    names, cells = column(headers), column(row)
    if len(names) != len(cells):
        raise InputError(f"the row has {len(cells)} cells but the headers {len(names)}; give the same columns, "
                         "e.g. Programs[@[Program]:[Highlight]] and Programs[[#Headers],[Program]:[Highlight]]")
    return [names, cells]


ROW_DOC = "This row of the Programs table, without this column: Programs[@[Program]:[Highlight]]"
HEADERS_DOC = "The same columns' headers: Programs[[#Headers],[Program]:[Highlight]]"


def row_function(settings_doc: str) -> Callable[[_F], _F]:
    """What every per-row cell function is declared with: its category, the row and headers of the Programs table,
    the Profile table, and the optional Settings table (``settings_doc`` says what it is read for)."""
    return stacked(func(category=CATEGORY), arg("row", doc=ROW_DOC), arg("headers", doc=HEADERS_DOC),
                   tables("profile", settings=settings_doc), cell_function)


def row_value(row: Any, headers: Any, profile: Any, settings: Any, column: Callable[[Season], pd.Series]) -> Any:
    """The single value ``column`` gives for one row of the Programs table: the number, or why the row could not
    be used."""
    found, raw = season(programs=one_row(row, headers), profile=profile, settings=settings)
    return per_row(column(found), found, raw["Programs"]).iat[0, 0]


@row_function("Optional: the Settings table (Settings[#All]) for your weights")
def fit_row(row: Any, headers: Any, profile: Any, settings: Any = None) -> Any:
    """Fit (0-100) of the program on this row of the Programs table: FIT_SCORE for a column inside the table."""
    return row_value(row, headers, profile, settings, lambda found: scoring.fit_table(found)["Fit"].round(0))


@row_function("Optional: the Settings table (Settings[#All]) with your figures")
def interview_chance_row(row: Any, headers: Any, profile: Any, settings: Any = None) -> Any:
    """Estimated chance (0-100) of an interview offer from the program on this row: INTERVIEW_CHANCE per row."""
    return row_value(row, headers, profile, settings,
                     lambda found: advice_of(found).table["Interview chance"])


@row_function("Optional: the Settings table (Settings[#All]) for your cost figures")
def trip_cost_row(row: Any, headers: Any, profile: Any, settings: Any = None) -> Any:
    """Estimated cost (USD) of a second look at the program on this row as a trip of its own: TRIP_COST per row."""
    return row_value(row, headers, profile, settings, own_trip_costs)
