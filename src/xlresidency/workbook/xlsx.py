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

import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import WorkbookError
from ..core.fileio import Fingerprint, Written, atomic_write, check_ours, fingerprint, real_target
from ..core.fileio import backup_path as backup_path
from ..core.records import Season
from ..regenerate import Regeneration, regenerate
from ..rules.validation import require_own_sheets, require_season, validate
from ..sheets.layout import OutputSheet
from .grafting import graft
from .opening import check_not_locked, check_readable, check_writable, is_season_workbook, reading
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
# Saving: atomic, with a backup, never over another program's save.


def copies(path: Path, why: str) -> Iterator[Path]:
    """Names for a result that cannot replace ``path``: ``NAME (regenerated).xlsx``, ``NAME (regenerated 2).xlsx``..."""
    yield path.with_name(f"{path.stem} ({why}){path.suffix}")
    for number in itertools.count(2):
        yield path.with_name(f"{path.stem} ({why} {number}){path.suffix}")


def replace_file(
    target: Path, write: Callable[[Path], None], unchanged: Fingerprint | None = None, why: str = "regenerated"
) -> Written:
    """Let ``write`` fill a temporary file beside ``target``, then replace it; the old ``target`` becomes the backup.

    With ``unchanged`` (the fingerprint of ``target`` when it was read), a file another program saved meanwhile is
    left as it is and the result goes to the first free ``NAME (why).xlsx``. A failed write leaves ``target`` and
    its backup as they were.
    """
    check_writable(target)
    try:
        return atomic_write(target, write, backup=True, unchanged=unchanged,
                            elsewhere=functools.partial(copies, why=why) if unchanged is not None else None)
    except PermissionError as exc:
        raise WorkbookError(f"{target}: cannot write here ({exc.strerror}); is it open in another program?") from exc
    except OSError as exc:  # a read-only disk, a full disk, a folder that cannot be made
        raise WorkbookError(f"{target}: cannot write here ({exc.strerror or exc})") from exc


@dataclass
class WriteResult:
    """Where a regeneration wrote, and what the applicant should know about it."""

    path: Path
    backup: Path | None = None
    losses: list[str] = field(default_factory=list)  # what the original had that the written copy lacks
    changed_meanwhile: bool = False  # another program saved the workbook during the run: the result is beside it


def default_copy_path(path: Path) -> Path:
    """Where a regenerated copy goes when the original cannot be overwritten safely."""
    return next(copies(path, "regenerated"))


def check_out_path(path: Path, out: Path, force: bool = False) -> None:
    """Refuse an ``--out`` that cannot take the result: a folder, another extension, an open workbook, or an existing
    file that is not a season workbook (unless ``force``)."""
    if out.is_dir():
        raise WorkbookError(f"{out}: is a folder; give a file name for the result, such as {out / path.name}")
    if out.suffix.lower() != path.suffix.lower():
        raise WorkbookError(f"{out}: the output must have the same extension as the input ({path.suffix})")
    check_not_locked(out)
    check_ours(out, is_season_workbook, "a season workbook", force)


def write_outputs(
    path: Path, sheets: list[OutputSheet], out: Path | None = None, seen: Fingerprint | None = None
) -> WriteResult:
    """Replace the output sheets of ``path`` (or write the result to ``out``), every other part byte for byte.

    Only a damaged file (a part whose data is corrupt) cannot be carried over whole: the result then goes to a
    copy beside it, the original is left as it is, and the parts left out are named. ``seen``: the workbook's
    fingerprint when its inputs were read (taken here when not given); if another program saved it since, the
    result goes beside it as ``NAME (regenerated).xlsx`` and the save is left untouched.
    """
    check_readable(path)
    check_not_locked(path)
    if out is not None:
        check_out_path(path, out, force=True)  # the command line checked what --out holds
    seen = seen or fingerprint(path)
    with reading(path):
        parts, infos, corrupt = read_package(path)
        grafted = graft(parts, sheets)
    lost = [f"the damaged part {name}" for name in corrupt]
    target = out or path
    if lost and out is None:
        target = default_copy_path(path)
    written = replace_file(target, lambda temp: write_package(temp, grafted, infos),
                           unchanged=seen if target == path else None)
    shown = target if written.path == real_target(target) else written.path
    return WriteResult(shown, written.backup, lost, written.changed_meanwhile)


def regenerate_file(
    path: Path, out: Path | None = None, progress: Any = None, force: bool = False
) -> tuple[Regeneration, WriteResult]:
    """Read, validate, regenerate and write one workbook: the whole headless run. An existing ``out`` is replaced
    only when it is a season workbook, or with ``force`` (it is kept as its backup either way)."""
    check_readable(path)
    check_not_locked(path)
    if out is not None:
        check_out_path(path, out, force)
    seen = fingerprint(path)  # before reading: any save by another program from here on is noticed
    report = progress or (lambda _stage: None)
    report("Reading your input tables")
    tables = read_tables(path)
    require_season(tables, path.name)
    require_own_sheets({name: raw.sheet for name, raw in tables.items()})
    season = validate(tables, whole_workbook=True)
    done = regenerate(season, progress=report)
    report("Saving")
    return done, write_outputs(path, done.sheets, out=out, seen=seen)
