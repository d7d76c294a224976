"""The headless adapter: regenerate a workbook file, replace a file atomically with a backup.

Regenerating never loads the workbook: the input tables are read by ``reader.py`` (stored values, formulas by
their last result), and the output sheets are written into the package by ``grafting.py``, which replaces only
the parts it owns and copies every other part byte for byte (input sheets, user sheets, charts, pivot tables,
custom XML, web extensions, a VBA project, a ribbon). Files are written atomically, with the previous version
kept as a backup, and never while Excel has the workbook open.

openpyxl is used only where a workbook is built rather than carried over: the new template, in ``newbook.py``;
this module never imports it, so regenerating and checking start without it. ``replace_file`` is the one atomic
replace-with-backup that regenerate, the template and the importer share.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import WorkbookError
from ..core.fileio import atomic_write
from ..core.records import Season
from ..regenerate import Regeneration, regenerate
from ..rules.validation import require_own_sheets, require_season, validate
from ..sheets.layout import OutputSheet
from .grafting import graft
from .opening import check_not_locked, check_readable, check_writable, reading
from .package import read_package, write_package
from .reader import read_tables

# --------------------------------------------------------------------------------------------------
# Reading (``reader.py``).


def read_season(path: Path) -> Season:
    """Read and validate a workbook's inputs; a workbook that is not a season is refused (``require_season``)."""
    tables = read_tables(path)
    require_season(tables, path.name)
    return validate(tables, whole_workbook=True)


# --------------------------------------------------------------------------------------------------
# Saving: atomic, with a backup.


def backup_path(path: Path) -> Path:
    """Where the previous version of a workbook is kept: ``name.backup.xlsx`` beside it."""
    return path.with_name(f"{path.stem}.backup{path.suffix}")


def replace_file(target: Path, write: Callable[[Path], None]) -> Path | None:
    """Let ``write`` fill a temporary file beside ``target``, then replace it; the old ``target`` becomes the backup.

    Returns the backup path (None when ``target`` did not exist). A failed write leaves ``target`` as it was.
    """
    check_writable(target)
    backup = backup_path(target) if target.exists() else None

    def keep_backup() -> None:
        if backup is not None:
            shutil.copy2(target, backup)

    try:
        atomic_write(target, write, before_replace=keep_backup)
    except PermissionError as exc:
        raise WorkbookError(f"{target}: cannot write here ({exc.strerror}); is it open in another program?") from exc
    except OSError as exc:  # a read-only disk, a full disk, a folder that cannot be made
        raise WorkbookError(f"{target}: cannot write here ({exc.strerror or exc})") from exc
    return backup


@dataclass
class WriteResult:
    """Where a regeneration wrote, and what the applicant should know about it."""

    path: Path
    backup: Path | None = None
    losses: list[str] = field(default_factory=list)  # what the original had that the written copy lacks


def default_copy_path(path: Path) -> Path:
    """Where a regenerated copy goes when the original cannot be overwritten safely."""
    return path.with_name(f"{path.stem} (regenerated){path.suffix}")


def write_outputs(path: Path, sheets: list[OutputSheet], out: Path | None = None) -> WriteResult:
    """Replace the output sheets of ``path`` (or write the result to ``out``), every other part byte for byte.

    Only a damaged file (a part whose data is corrupt) cannot be carried over whole: the result then goes to a
    copy beside it, the original is left as it is, and the parts left out are named.
    """
    check_readable(path)
    check_not_locked(path)
    if out is not None:
        if out.is_dir():
            raise WorkbookError(f"{out}: is a folder; give a file name for the result, such as {out / path.name}")
        if out.suffix.lower() != path.suffix.lower():
            raise WorkbookError(f"{out}: the output must have the same extension as the input ({path.suffix})")
        check_not_locked(out)
    with reading(path):
        parts, infos, corrupt = read_package(path)
        grafted = graft(parts, sheets)
    lost = [f"the damaged part {name}" for name in corrupt]
    target = out or path
    if lost and out is None:
        target = default_copy_path(path)
    backup = replace_file(target, lambda temp: write_package(temp, grafted, infos))
    return WriteResult(target, backup, lost)


def regenerate_file(
    path: Path, out: Path | None = None, progress: Any = None
) -> tuple[Regeneration, WriteResult]:
    """Read, validate, regenerate and write one workbook: the whole headless run."""
    check_readable(path)
    check_not_locked(path)
    report = progress or (lambda _stage: None)
    report("Reading your input tables")
    tables = read_tables(path)
    require_season(tables, path.name)
    require_own_sheets({name: raw.sheet for name, raw in tables.items()})
    season = validate(tables, whole_workbook=True)
    done = regenerate(season, progress=report)
    report("Saving")
    return done, write_outputs(path, done.sheets, out=out)
