"""The errors xlresidency raises on purpose.

Every shell (command line, ribbon macro, cell function) catches ``XlresidencyError`` and turns it
into one plain line for the applicant; anything else is a bug and is logged in full.

    XlresidencyError
     ├── InputError        the applicant's input cannot be used (bad argument, bad value)
     │    └── BadValue     one cell value that cannot be used, with how to fix it
     ├── TemplateError     an email template cannot be rendered (syntax error, unknown template)
     ├── NotOurs           a file is in the way that xlresidency did not write: replacing it needs --force
     └── WorkbookError     the file itself: missing, not a workbook, encrypted, locked, unsafe to save
          ├── DamagedPart  one part of the package cannot be unpacked (corrupt data): named, and left out of a copy
          ├── NotASeason   no season tables at all, or a table the season cannot do without is missing
          └── SheetClash   an input table sits on a sheet named like an output sheet: regenerating would replace it
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from .folders import user_cache_dir
from .version import __version__


class XlresidencyError(Exception):
    """Root of every error xlresidency raises on purpose; its message is shown to the applicant."""


class InputError(XlresidencyError):
    """An input value or argument cannot be used."""


class BadValue(InputError):
    """One cell value that cannot be used: what is wrong with it, and how to fix it, in plain words."""

    def __init__(self, problem: str, how_to_fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.how_to_fix = how_to_fix


class TemplateError(XlresidencyError):
    """An email template cannot be rendered."""


class NotOurs(XlresidencyError):
    """A file to be replaced is not one xlresidency wrote (a workbook where a calendar should go, another program's
    file): it is left alone unless the applicant asks for it to be replaced (``--force``)."""


class WorkbookError(XlresidencyError):
    """The workbook file cannot be read or written safely."""


class DamagedPart(WorkbookError):
    """One part (ZIP member) of a workbook package cannot be unpacked: its data is corrupt or cut short."""

    def __init__(self, message: str, part: str) -> None:
        super().__init__(message)
        self.part = part


class NotASeason(WorkbookError):
    """The workbook is not a season workbook, or lacks a table the season cannot be planned without."""


class SheetClash(WorkbookError):
    """An input table is on a sheet named like an output sheet: regenerating would replace the sheet and the table."""


def log_path() -> Path:
    """Where the traceback of an unexpected error is written, by every surface."""
    return user_cache_dir() / "error.log"


def log_unexpected(exc: BaseException, surface: str) -> Path:
    """Append an unexpected error's traceback to the log (``surface``: "command line", "Excel") and say where."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} xlresidency {__version__} ({surface})\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path
