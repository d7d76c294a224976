"""A program list (a program database's export or a shared list) read and merged into a Programs table.

The headers of the file (a CSV file or a workbook exported from FREIDA, Residency Explorer or a shared
spreadsheet) are matched to Programs columns by the aliases in ``templates/program_aliases.csv``; each value is
converted as its column declares (``cells.coerce``) or left out and listed. ``merge`` then adds the file's programs
to a Programs table, wherever it is held: a program the table lacks is appended; a program it has (the same Program
ID when both have one, else the same name and State) only gets its blank cells filled: nothing the applicant typed
is overwritten (a formula neither), a differing value is listed as a conflict.

Two tables take a merge: the workbook file's (``programstable.ProgramsTable``, for ``xlresidency import``) and the
open workbook's in Excel (``excel.programs.BookPrograms``, for xlwings Lite's Import script). This module reads the
file with openpyxl only, so the Lite path, which has no compiled file reader, can import it.
"""

from __future__ import annotations

import abc
import contextlib
import csv
import datetime as dt
import functools
import io
import itertools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from ..core import schema
from ..core.cells import coerce, error_value, is_blank, parse_date, parse_number
from ..core.errors import BadValue, InputError, WorkbookError
from ..core.resources import resource_text
from .opening import check_parts, check_readable, reading

ALIASES_FILE = "program_aliases.csv"
PROGRAMS = schema.INPUT_BY_NAME["Programs"]
COLUMNS = {c.name: c for c in PROGRAMS.columns}
J1, H1B = "Sponsors J-1", "Sponsors H-1B"
VISAS = "Visas sponsored"
"""A column some lists have instead of the two visa columns ("J-1, H-1B", "None"): it fills both."""
SOURCE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
HEADER_SEARCH = 10  # rows searched for the headers, below a title line or two
DELIMITERS = (",", ";", "\t")  # Excel writes ";" where the decimal mark is a comma
_NOT_GIVEN = frozenset({"", "na", "nr", "notreported", "notavailable", "unavailable"})  # folded "-", "N/A", ...
_YES = frozenset({"yes", "y", "true", "t", "1", "x"})
_NO = frozenset({"no", "n", "false", "f", "0"})
_NEGATION = re.compile(r"\b(?:no|not|none|without|doesn't|does not|cannot)\b", re.IGNORECASE)


# --------------------------------------------------------------------------------------------------
# Headers: which column of the file fills which Programs column.


def parse_aliases(text: str) -> dict[str, str]:
    """Folded header -> Programs column (or ``VISAS``), each column known by its own name too; a malformed alias
    file (an unknown column, one alias for two columns) raises ``ValueError`` naming the line."""
    known = {schema.fold_choice(c.name): c.name for c in PROGRAMS.columns}
    known[schema.fold_choice(VISAS)] = VISAS
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != ("column", "alias"):
        raise ValueError(f"{ALIASES_FILE} must have the columns column, alias")
    for line, row in enumerate(reader, start=2):
        column, alias = (row["column"] or "").strip(), (row["alias"] or "").strip()
        if column not in COLUMNS and column != VISAS:
            raise ValueError(f"{ALIASES_FILE} line {line}: '{column}' is not a Programs column")
        key = schema.fold_choice(alias)
        if not key or known.setdefault(key, column) != column:
            raise ValueError(f"{ALIASES_FILE} line {line}: '{alias}' is empty or already names {known.get(key)}")
    return known


@functools.cache
def aliases() -> dict[str, str]:
    """The packaged aliases: folded header -> Programs column."""
    return parse_aliases(resource_text(ALIASES_FILE))


def match_headers(row: Iterable[Any]) -> dict[int, str]:
    """Position -> Programs column for the cells of a row that name one (case, spaces and punctuation ignored);
    when two cells name the same column, the first is used."""
    found: dict[int, str] = {}
    for i, cell in enumerate(row):
        column = aliases().get(schema.fold_choice(cell)) if not is_blank(cell) else None
        if column is not None and column not in found.values():
            found[i] = column
    return found


def find_header(rows: list[list[Any]]) -> tuple[int, dict[int, str]] | None:
    """Where the headers are: the first of the top rows naming the Program column and at least one other."""
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        columns = match_headers(row)
        if "Program" in columns.values() and len(columns) >= 2:
            return i, columns
    return None


def _no_header(path: Path, grids: Iterable[list[list[Any]]]) -> InputError:
    named = {c for rows in grids for row in rows[:HEADER_SEARCH] for c in match_headers(row).values()}
    if named and "Program" not in named:
        return InputError(
            f"{path}: no column names the programs; head it Program (or Program name, Residency program, Name)"
        )
    return InputError(
        f"{path}: no headers of a program list in its first {HEADER_SEARCH} rows "
        "(it needs a Program column and at least one other, such as City or State)"
    )


# --------------------------------------------------------------------------------------------------
# Reading the file.


def _text(path: Path) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte-order mark), UTF-16 with one, else Windows-1252."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise WorkbookError(f"{path}: the file is empty")
    if data.startswith(b"PK\x03\x04"):
        raise WorkbookError(f"{path}: is an Excel workbook, not a CSV file; give it the extension .xlsx")
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\0" in text:
            break
        return text
    raise WorkbookError(f"{path}: cannot read the text (not UTF-8 or Windows-1252); save it as 'CSV UTF-8' first")


def _csv_rows(path: Path) -> list[list[Any]]:
    """The records of a CSV file, split by the delimiter that shows the headers (an Excel "sep=" line wins)."""
    text = _text(path)
    first, _, rest = text.partition("\n")
    declared = re.fullmatch(r"\s*sep=(.)\s*", first)
    candidates: tuple[str, ...] = DELIMITERS
    if declared:
        text, candidates = rest, (declared[1],)

    def records(delimiter: str, limit: int | None = None) -> list[list[Any]]:
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            return [list(r) for r in itertools.islice(reader, limit)]
        except csv.Error as exc:
            raise WorkbookError(f"{path}: cannot be read as CSV ({exc})") from exc

    def seen(delimiter: str) -> tuple[bool, int]:
        top = records(delimiter, HEADER_SEARCH)
        return find_header(top) is not None, max((len(match_headers(r)) for r in top), default=0)

    best = max(candidates, key=seen)  # the first of the best: "," unless another shows more
    return records(best)


def _workbook_rows(path: Path) -> list[list[Any]]:
    """The rows of the sheet holding the program list: a sheet named Programs first, else the first with headers.

    Values are the last computed ones; a number formatted as a percentage is read as it shows ("45%").
    """
    check_readable(path)
    check_parts(path)  # openpyxl unpacks parts itself: none may unpack past the bound
    with reading(path):  # a damaged part, met while loading or while reading rows, is named
        return _rows_of(path)


def _rows_of(path: Path) -> list[list[Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        sheets = sorted(book.worksheets, key=lambda ws: schema.fold(ws.title) != "programs")
        tops: list[list[list[Any]]] = []
        for ws in sheets:
            ws.reset_dimensions()  # exporters often write a wrong used range; read to the real end
            top = [[_as_shown(c) for c in row] for row in ws.iter_rows(max_row=HEADER_SEARCH)]
            if find_header(top) is not None:
                return [[_as_shown(c) for c in row] for row in ws.iter_rows()]
            tops.append(top)
    finally:
        book.close()
    raise _no_header(path, tops)


def _as_shown(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return f"{round(value * 100, 6):g}%"
    return value


def _label(name: object, row: int) -> str:
    return f"{str(name).strip()} (file row {row})" if not is_blank(name) else f"file row {row}"


@dataclass
class SourceRow:
    """One program of the file: its row there, and its values converted to the Programs columns' kinds."""

    row: int
    values: dict[str, Any]

    @property
    def label(self) -> str:
        """'Lakeshore Internal Medicine (file row 7)', for messages."""
        return _label(self.values.get("Program"), self.row)


@dataclass
class Source:
    """A program list as read from a file: its programs, and what was left out of it, one line each."""

    path: Path
    rows: list[SourceRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # values that could not be used
    unused: list[str] = field(default_factory=list)  # headers no Programs column is known by
    repeated: list[str] = field(default_factory=list)  # headers of a column an earlier header already gives


def read_source(path: Path) -> Source:
    """The programs of a CSV file or workbook; a file that cannot be used raises one clear error."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (*SOURCE_SUFFIXES, ".xls"):
        rows = _workbook_rows(path)  # check_readable explains .xls
    else:
        raise WorkbookError(f"{path}: not a CSV file or an Excel workbook (expected .csv, .xlsx or .xlsm)")
    found = find_header(rows)
    if found is None:
        raise _no_header(path, [rows])
    header, columns = found
    source = Source(path)
    for i, cell in enumerate(rows[header]):
        if i not in columns and not is_blank(cell):
            known = aliases().get(schema.fold_choice(cell))
            (source.repeated if known else source.unused).append(str(cell).strip())
    fractions = _fraction_columns(rows[header + 1 :], columns)
    program = next(i for i, c in columns.items() if c == "Program")
    for number, cells in enumerate(rows[header + 1 :], start=header + 2):
        if all(is_blank(v) for v in cells):
            continue
        label = _label(cells[program] if program < len(cells) else None, number)
        values: dict[str, Any] = {}
        for i, column in columns.items():
            try:
                converted = _convert(cells[i] if i < len(cells) else None, column, column in fractions)
            except BadValue as bad:
                source.skipped.append(f"Skipped: {label}, {column}: {bad.problem}")
                continue
            for key, value in converted.items():  # a visa column of its own beats the combined one
                if not (isinstance(value, _FromVisas) and key in values):
                    values[key] = value
        source.rows.append(SourceRow(number, {k: _plain(v) for k, v in values.items()}))
    return source


def _fraction_columns(rows: list[list[Any]], columns: dict[int, str]) -> set[str]:
    """Percent columns written as fractions (every value from 0 to 1, some between, none with a % sign)."""
    found = set()
    for i, column in columns.items():
        if column not in COLUMNS or COLUMNS[column].kind != "percent":
            continue
        values = [r[i] for r in rows if i < len(r) and not is_blank(r[i]) and not _not_given(r[i])]
        if not values or any(isinstance(v, str) and "%" in v for v in values):
            continue
        try:
            numbers = [parse_number(v) for v in values]
        except BadValue:
            continue
        if all(0 <= n <= 1 for n in numbers) and any(0 < n < 1 for n in numbers):
            found.add(column)
    return found


class _FromVisas(str):
    """A visa column's value read from the combined column (so a column of its own can take precedence)."""


def _not_given(value: object) -> bool:
    return isinstance(value, str) and schema.fold_choice(value) in _NOT_GIVEN


def _convert(value: object, column: str, fraction: bool = False) -> dict[str, Any]:
    """One value of the file as the Programs values it gives (none when blank); raises ``BadValue``.

    ``fraction``: the value is a share written as a fraction (0.45 for 45%).
    """
    error = error_value(value)
    if error:
        raise BadValue(f"the file shows the error {error}", "")
    if is_blank(value) or _not_given(value):
        return {}
    if fraction:
        value = round(parse_number(value) * 100, 6)
    if column == VISAS:
        return _visas(str(value))
    col = COLUMNS[column]
    if col.kind == "choice" and "Yes" in col.choices and "No" in col.choices:
        value = _yes_no(value)
    return {column: coerce(value, col)}


def _yes_no(value: object) -> object:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    key = schema.fold_choice(int(value) if isinstance(value, float) and value.is_integer() else value)
    return "Yes" if key in _YES else "No" if key in _NO else value


def _visas(text: str) -> dict[str, Any]:
    """Sponsors J-1 and H-1B from one cell such as "J-1, H-1B", "J-1 only" or "None"; a visa not named stays
    blank (Unknown never rules a program out, a wrong No would)."""
    key = schema.fold_choice(text)
    j1, h1b = "j1" in key, "h1" in key  # "H1" is often written for H-1B
    negated = bool(_NEGATION.search(text))
    if negated and (j1 or h1b):
        raise BadValue(f"'{text}' does not say clearly which visas are sponsored", "")
    if negated:
        return {J1: _FromVisas("No"), H1B: _FromVisas("No")}
    if not (j1 or h1b):
        raise BadValue(f"'{text}' names neither J-1 nor H-1B", "")
    only = "only" in text.casefold()
    found: dict[str, Any] = {}
    for column, named in ((J1, j1), (H1B, h1b)):
        if named or only:
            found[column] = _FromVisas("Yes" if named else "No")
    return found


def _plain(value: Any) -> Any:
    """A converted value as it goes in a cell: whole numbers as int, dates as datetime, plain str."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return str(value)
    return value


# --------------------------------------------------------------------------------------------------
# The Programs table of the workbook: which programs it holds, how it is filled and how it grows.


def _shown_value(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:g}"
    return f"'{value}'" if isinstance(value, str) else str(value)


def _same(mine: object, theirs: object, col: schema.Column) -> bool:
    """Whether a cell of the workbook already says what the file says (in the column's kind)."""
    with contextlib.suppress(BadValue):
        mine = coerce(mine, col)
    if isinstance(mine, dt.datetime):
        mine = mine.date()
    if isinstance(theirs, dt.datetime):
        theirs = theirs.date()
    if isinstance(mine, int | float) and isinstance(theirs, int | float):
        return abs(float(mine) - float(theirs)) < 1e-9
    if isinstance(mine, str) and isinstance(theirs, str):
        return schema.fold(mine) == schema.fold(theirs)
    return bool(mine == theirs)


# --------------------------------------------------------------------------------------------------
# The import.


def _count(n: int, what: str) -> str:
    return f"{n or 'no'} {what}{'' if n == 1 else 's'}"


@dataclass
class ImportResult:
    """What an import did, for the summary line and the lines under it."""

    path: Path  # where the workbook was written: BOOK, or a copy when a part of BOOK is damaged
    added: list[str] = field(default_factory=list)  # programs appended
    filled: dict[int, int] = field(default_factory=dict)  # Programs row -> blank cells filled
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # values left out
    left_out: list[str] = field(default_factory=list)  # rows of the file not used
    notes: list[str] = field(default_factory=list)  # columns of the file not used
    written: bool = False
    backup: Path | None = None
    losses: list[str] = field(default_factory=list)  # damaged parts the written copy lacks
    changed_meanwhile: bool = False  # another program saved BOOK during the import: the result is beside it

    @property
    def counts(self) -> str:
        """'Added 12 programs, filled 7 blank cells in 3 programs, left 2 conflicts'."""
        cells = sum(self.filled.values())
        parts = [
            f"Added {_count(len(self.added), 'program')}",
            f"filled {_count(cells, 'blank cell')}" + (f" in {_count(len(self.filled), 'program')}" if cells else ""),
            f"left {_count(len(self.conflicts), 'conflict')}",
        ]
        if self.skipped:
            parts.append(f"skipped {_count(len(self.skipped), 'value')}")
        if self.left_out:
            parts.append(f"left out {_count(len(self.left_out), 'row')}")
        return ", ".join(parts)

    @property
    def summary(self) -> str:
        """``counts``, then where the workbook was written: '...; wrote season.xlsx (previous version: ...)'."""
        if not self.written:
            return self.counts + f"; {self.path} was not changed"
        return self.counts + f"; wrote {self.path}" + (
            f" (previous version: {self.backup})" if self.backup else "")

    @property
    def details(self) -> list[str]:
        """One line per conflict, row left out, value skipped and column not used."""
        return [*self.conflicts, *self.left_out, *self.skipped, *self.notes]


# --------------------------------------------------------------------------------------------------
# A Programs table taking a merge.


def program_key(value: object) -> str:
    """A Program ID or name folded for matching (an ID typed as a number matches the same ID as text)."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return schema.fold(value)


class ProgramsTarget(abc.ABC):
    """A Programs table a merge writes into: which columns it has (``columns``: Programs column -> its place), the
    programs it holds, indexed by ``index`` as its rows are read, and how a cell is read, set and a row appended."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}
        self.by_id: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.next_row = 0  # the first free row at the end of the table, once its rows are read
        self.added: list[int] = []

    @abc.abstractmethod
    def cell(self, row: int, column: int) -> Any:
        """A cell's value as the table holds it (a formula by its result), or as this import set it."""

    def value(self, row: int, column: str) -> Any:
        """A cell's value (None when the table lacks the column); a date column's serial numbers as dates."""
        c = self.columns.get(column)
        value = None if c is None else self.cell(row, c)
        if COLUMNS[column].kind == "date" and isinstance(value, int | float) and not isinstance(value, bool):
            with contextlib.suppress(BadValue):
                return dt.datetime.combine(parse_date(value), dt.time())
        return value

    @abc.abstractmethod
    def is_formula(self, row: int, column: str) -> bool:
        """Whether the cell holds a formula (which a merge never replaces)."""

    @abc.abstractmethod
    def put(self, row: int, column: str, value: Any) -> None:
        """Set one cell of a program the table holds."""

    @abc.abstractmethod
    def make_room(self, row: int) -> None:
        """Ready ``row``, the first free row at the end of the table, for a new program (``WorkbookError`` when the
        table cannot grow there)."""

    def append(self, values: dict[str, Any]) -> int:
        """Add a new program in the first free row at the end of the table; returns its row."""
        row = self.next_row
        self.make_room(row)
        for column, value in values.items():
            if column in self.columns:
                self.put(row, column, value)
        self.next_row += 1
        self.added.append(row)
        self.index(row)
        return row

    @abc.abstractmethod
    def grow(self) -> None:
        """Once every program is in: make the table span the rows appended."""

    def index(self, row: int) -> None:
        """Know the program on ``row`` by its Program ID and its name."""
        program_id, name = program_key(self.value(row, "Program ID")), program_key(self.value(row, "Program"))
        if program_id:
            self.by_id.setdefault(program_id, row)
        if name:
            self.by_name.setdefault(name, []).append(row)

    def find(self, values: dict[str, Any]) -> tuple[int | None, int | None]:
        """(the row of the same program, else the row of another program of the same name, which blocks adding
        it): the same Program ID when both have one, else the same name and State."""
        program_id, state = program_key(values.get("Program ID")), program_key(values.get("State"))
        if program_id and program_id in self.by_id:
            return self.by_id[program_id], None
        rows = self.by_name.get(program_key(values["Program"]), [])
        for row in rows:
            mine_id, mine_state = program_key(self.value(row, "Program ID")), program_key(self.value(row, "State"))
            if (program_id and mine_id) or (state and mine_state and state != mine_state):
                continue
            return row, None
        return None, rows[0] if rows else None


def merge(table: ProgramsTarget, source: Source, result: ImportResult) -> None:
    """Add the file's programs to the table: new ones appended, blank cells of known ones filled, conflicts
    and everything left out listed in ``result``."""
    result.skipped.extend(source.skipped)
    if source.unused:
        result.notes.append(f"Not used: {', '.join(source.unused)} (no Programs column is known by "
                            f"{'this name' if len(source.unused) == 1 else 'these names'})")
    for header in source.repeated:
        column = aliases()[schema.fold_choice(header)]
        result.notes.append(f"Not used: {header} (an earlier column of the file gives {column})")
    missing: dict[str, int] = {}
    for entry in source.rows:
        values = entry.values
        for column in values:
            if column not in table.columns:
                missing[column] = missing.get(column, 0) + 1
        if not values.get("Program"):
            result.left_out.append(f"Not added: {entry.label}: no program name")
            continue
        row, other = table.find(values)
        if row is None and other is not None:
            result.left_out.append(
                f"Not added: {entry.label}: your Programs table has another program of that name on row {other} "
                "(Program ID or State differ); rename one of them to add it")
            continue
        if row is None:
            table.append(values)
            result.added.append(str(values["Program"]))
            continue
        name = table.value(row, "Program")
        for column, theirs in values.items():
            if column not in table.columns:
                continue
            mine = table.value(row, column)
            if is_blank(mine) and not table.is_formula(row, column):  # a formula stays, whatever it shows
                table.put(row, column, theirs)
                result.filled[row] = result.filled.get(row, 0) + 1
            elif not table.is_formula(row, column) and not _same(mine, theirs, COLUMNS[column]):
                result.conflicts.append(
                    f"Conflict: {name} (Programs row {row}), {column}: yours {_shown_value(mine)}, "
                    f"the file's {_shown_value(theirs)} (file row {entry.row}); kept yours")
    for column, count in missing.items():
        result.notes.append(f"Not used: {column} ({_count(count, 'value')}); your Programs table has no such "
                            f"column; add a column headed {column} to import it")
    table.grow()
