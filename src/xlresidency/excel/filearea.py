"""xlwings Lite's file area: the season calendar and the email drafts written out, program lists taken in.

xlwings Lite cannot reach the applicant's disk; it has a file area instead. Files written under ``/data`` appear in
Files > Import/Export, to download, and files dropped there are readable under ``/data`` (Excel on Windows, Mac and
the web alike). The ``main.py`` that ``xlresidency lite`` writes has a script for each direction:

- **Export** writes ``season.ics`` (what ``xlresidency ics`` writes) and ``emails/NN-program-kind.eml``, one per
  email draft (what ``xlresidency emails`` writes), in ``/data/xlresidency/``. The drafts of the previous export are
  removed first, so the folder holds this season's drafts only; a file that is not one of ours is never replaced.
- **Import** merges each ``.csv``/``.xlsx`` dropped into ``/data/xlresidency/import/`` into the Programs table of the
  open workbook by the rules of ``xlresidency import`` (``workbook.programlist``: header aliases, new programs
  appended, blank cells filled, nothing you typed overwritten, every conflict listed). It writes through xlwings,
  into the workbook open in Excel, never into a file; a file imported is moved to ``import/done/`` so it is not
  imported twice. The planning sheets are then rebuilt with the new programs, and Checks lists what the import left
  out. What it says also goes to Lite's output pane.

Excel does not hand Lite the formulas of a workbook, only their results: in Lite a Programs cell whose formula shows
nothing counts as blank and may be filled (``xlresidency import`` on the file keeps it).

The folder is ``/data/xlresidency`` unless the environment variable ``XLRESIDENCY_FILES`` names another.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from ..core import schema
from ..core.cells import is_blank
from ..core.errors import WorkbookError, XlresidencyError
from ..core.records import Problem, RawTable
from ..exports.eml import is_our_draft, write_eml
from ..exports.ics import season_calendar, write_calendar
from ..plan import plan_season
from ..sheets.layout import DATE_FORMAT
from ..workbook.programlist import COLUMNS, PROGRAMS, ImportResult, ProgramsTarget, merge, read_source
from .book import all_tables, as_text, range_rows, read_season, regenerate_book

AREA_VARIABLE = "XLRESIDENCY_FILES"
DEFAULT_AREA = Path("/data/xlresidency")
IMPORT_SUFFIXES = (".csv", ".xlsx", ".xlsm")
CALENDAR = "season.ics"
EMAILS = "emails"
INBOX = "import"
DONE = "done"
_MERGED = ("grid", "pending", "added", "next_row", "by_id", "by_name")
FIX_FILE = "Correct the file (or remove it) in Files > Import/Export, then run Import programs again."


def file_area() -> Path:
    """The folder the scripts write to and import from."""
    return Path(os.environ.get(AREA_VARIABLE) or DEFAULT_AREA)


def _place(area: Path) -> str:
    """A folder as the applicant finds it: Lite shows what is under /data in Files > Import/Export."""
    return f"{area} (Files > Import/Export)" if area.is_relative_to("/data") else str(area)


# --------------------------------------------------------------------------------------------------
# Export.


def export_files(book: Any, area: Path | None = None) -> str:
    """Write the season calendar and one .eml per email draft of the open workbook to the file area; returns what
    was written, one line each (a draft whose template could not be used is named, not written)."""
    folder = area or file_area()
    try:
        season = read_season(book)
        plan = plan_season(season)
        calendar = season_calendar(plan)
        drafts, _ = plan.drafts
        folder.mkdir(parents=True, exist_ok=True)
        write_calendar(folder / CALENDAR, calendar)
        emails = folder / EMAILS
        for old in emails.glob("*.eml") if emails.is_dir() else []:
            if is_our_draft(old):  # an earlier export's draft; a file of yours there stays
                old.unlink()
        written = write_eml(drafts, emails, sender=season.profile.email)
    except XlresidencyError as exc:
        return f"Nothing was exported: {exc}"
    except OSError as exc:
        return f"Nothing was exported: {folder} cannot be written ({exc.strerror or exc})"
    lines = [f"Wrote {CALENDAR} ({calendar.count(b'BEGIN:VEVENT')} events) and "
             f"{len(written)} email draft(s) in {EMAILS}/ to {_place(folder)}."]
    if not len(drafts):
        lines.append("No email drafts: no program is marked Visit or Virtual on the Second Look sheet.")
    lines += [f"  {path.name}: {check}" for path, check in zip(written, written.checks, strict=True) if check != "OK"]
    lines += [f"  Not written: {why}" for why in written.skipped]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Import: the Programs table of the open workbook.


class BookPrograms(ProgramsTarget):
    """The Programs table of a workbook open in Excel, read once through xlwings; what a merge sets is kept here and
    written back by ``grow``, a column's run of new cells in one call, the table resized over the rows added."""

    def __init__(self, book: Any) -> None:
        super().__init__()
        located = all_tables(book).get(schema.fold(PROGRAMS.name))
        if located is None:
            raise WorkbookError("this workbook has no Programs table; import into a season workbook")
        self.sheet, self.table = located
        header, body = self.table.header_row_range, self.table.data_body_range
        if header is None:
            raise WorkbookError("the Programs table has no header row; turn it on to import")
        self.header_row, self.first_col = header.row, header.column
        headers = range_rows(header)[0]
        self.width = len(headers)
        self.first_row = body.row if body is not None else self.header_row + 1
        self.grid: list[list[Any]] = [row + [None] * (self.width - len(row)) for row in range_rows(body)]
        self.last_row = self.first_row + len(self.grid) - 1  # the table's last row in the sheet
        by_header = {schema.fold(c.name): c.name for c in PROGRAMS.columns}
        for c, name in enumerate(headers, start=self.first_col):
            column = by_header.get(schema.fold(name)) if not is_blank(name) else None
            if column is not None:
                self.columns.setdefault(column, c)
        if "Program" not in self.columns:
            raise WorkbookError("the Programs table has no column headed Program")
        used = self.header_row
        for row in range(self.first_row, self.last_row + 1):
            if any(not is_blank(v) for v in self.grid[row - self.first_row]):
                used = row
                self.index(row)
        self.next_row = used + 1
        self.pending: dict[tuple[int, int], Any] = {}  # (sheet row, sheet column) -> value to write

    def cell(self, row: int, column: int) -> Any:
        i = row - self.first_row
        value = self.grid[i][column - self.first_col] if 0 <= i < len(self.grid) else None
        return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value

    def is_formula(self, row: int, column: str) -> bool:
        return False  # Excel hands Lite the formulas' results only (see the module's description)

    def put(self, row: int, column: str, value: Any) -> None:
        c = self.columns[column]
        self.grid[row - self.first_row][c - self.first_col] = value
        self.pending[(row, c)] = value

    def make_room(self, row: int) -> None:
        if row > self.last_row:
            below = range_rows(self.sheet.range((row, self.first_col), (row, self.first_col + self.width - 1)))
            if any(not is_blank(v) for v in below[0]):
                raise WorkbookError(f"row {row} of sheet {self.sheet.name}, below the Programs table, is not "
                                    "empty; move what is there so the table can grow")
            self.grid.append([None] * self.width)

    def grow(self) -> None:
        """Write what the merge set (each column's runs of rows in one call each) and stretch the table over the
        rows appended."""
        for c in sorted({c for _, c in self.pending}):
            rows = sorted(r for r, col in self.pending if col == c)
            dates = COLUMNS[self._name(c)].kind == "date"
            start = 0
            for i in range(1, len(rows) + 1):
                if i == len(rows) or rows[i] != rows[i - 1] + 1:
                    first, last = rows[start], rows[i - 1]
                    target = self.sheet.range((first, c), (last, c))
                    target.value = [[as_text(self.pending[(r, c)])] for r in range(first, last + 1)]
                    if dates:
                        target.number_format = DATE_FORMAT
                    start = i
        self.pending.clear()
        last = max([self.last_row, *self.added])
        if last > self.last_row:
            self.table.resize(self.sheet.range((self.header_row, self.first_col),
                                               (last, self.first_col + self.width - 1)))
            self.last_row = last

    def checkpoint(self) -> dict[str, Any]:
        """What a merge changes, to be put back by ``rollback`` when the merge stops half-way."""
        return copy.deepcopy({key: getattr(self, key) for key in _MERGED})

    def rollback(self, saved: dict[str, Any]) -> None:
        for key, value in saved.items():
            setattr(self, key, value)

    def _name(self, column: int) -> str:
        return next(name for name, c in self.columns.items() if c == column)

    def raw_table(self) -> RawTable:
        """The table as it reads now, imports included, for the regeneration that follows."""
        headers = range_rows(self.table.header_row_range)[0]
        return RawTable(PROGRAMS.name, self.sheet.name, headers, [list(row) for row in self.grid], self.first_row)


def waiting(area: Path) -> list[Path]:
    """The program lists dropped into the import folder and not imported yet, by name."""
    inbox = area / INBOX
    if not inbox.is_dir():
        return []
    return sorted(p for p in inbox.iterdir()
                  if p.is_file() and p.suffix.lower() in IMPORT_SUFFIXES and not p.name.startswith((".", "~$")))


def _file_away(path: Path) -> Path:
    """Move an imported file to ``done/`` (a name already there gets a number)."""
    done = path.parent / DONE
    done.mkdir(exist_ok=True)
    target, n = done / path.name, 1
    while target.exists():
        n += 1
        target = done / f"{path.stem} ({n}){path.suffix}"
    return path.replace(target)


def import_programs(book: Any, area: Path | None = None) -> str:
    """Import every program list waiting in the file area into the open workbook's Programs table, then rebuild the
    planning sheets with Checks listing what each import left out; returns what happened, one line each."""
    folder = area or file_area()
    files = waiting(folder)
    if not files:
        return (f"Nothing to import: put a program list (.csv or .xlsx, e.g. a FREIDA or Residency Explorer export) "
                f"in {_place(folder / INBOX)} and run Import programs again.")
    try:
        table = BookPrograms(book)
    except XlresidencyError as exc:
        return f"Nothing was imported: {exc}"
    lines: list[str] = []
    notes: list[Problem] = []
    imported: list[Path] = []
    for path in files:
        try:
            source = read_source(path)
        except XlresidencyError as exc:
            lines.append(f"Not imported: {exc}")
            notes.append(Problem(PROGRAMS.name, None, "", f"Not imported: {exc}", FIX_FILE))
            continue
        result = ImportResult(path)
        saved = table.checkpoint()
        try:
            merge(table, source, result)
        except XlresidencyError as exc:
            table.rollback(saved)
            lines.append(f"Not imported: {path.name}: {exc}")
            notes.append(Problem(PROGRAMS.name, None, "", f"Not imported: {path.name}: {exc}", FIX_FILE))
            continue
        lines.append(f"{path.name}: {result.counts}.")
        lines += [f"  {line}" for line in result.details]
        notes += [Problem(PROGRAMS.name, None, "", f"Import of {path.name}: {line}",
                          "Check the program in your Programs table; the import kept what you typed.")
                  for line in result.details]
        imported.append(path)
    for path in imported:
        _file_away(path)
    if imported:
        lines.append(f"Moved {len(imported)} imported file(s) to {_place(folder / INBOX / DONE)}.")
    try:
        done = regenerate_book(book, changed={PROGRAMS.name: table.raw_table()}, notes=notes)
    except XlresidencyError as exc:
        lines.append(f"The planning sheets were not rebuilt: {exc}")
    else:
        lines.append(f"Rebuilt {len(done.sheets)} sheets with the imported programs"
                     + ("; Checks lists what the import left out." if notes else "."))
    return "\n".join(lines)
