"""The errors xlresidency raises on purpose.

Every shell (command line, ribbon macro, cell function) catches ``XlresidencyError`` and turns it
into one plain line for the applicant; anything else is a bug and is logged in full.

    XlresidencyError
     ├── InputError        the applicant's input cannot be used (bad argument, bad value)
     ├── TemplateError     an email template cannot be rendered (syntax error, unknown template)
     └── WorkbookError     the file itself: missing, not a workbook, encrypted, locked, unsafe to save
"""

from __future__ import annotations


class XlresidencyError(Exception):
    """Root of every error xlresidency raises on purpose; its message is shown to the applicant."""


class InputError(XlresidencyError):
    """An input value or argument cannot be used."""


class TemplateError(XlresidencyError):
    """An email template cannot be rendered."""


class WorkbookError(XlresidencyError):
    """The workbook file cannot be read or written safely."""
