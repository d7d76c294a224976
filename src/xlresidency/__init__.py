"""xlresidency: second-look triage, trip planning and rule-safe emails inside the applicant's workbook."""

from __future__ import annotations

from .core.errors import InputError, TemplateError, WorkbookError, XlresidencyError
from .core.version import __version__

__all__ = ["InputError", "TemplateError", "WorkbookError", "XlresidencyError", "__version__", "main"]


def main() -> None:
    """The Residency ribbon's Regenerate button: rebuild the planning sheets of the active workbook."""
    from .excel import book as excel

    excel.main()
