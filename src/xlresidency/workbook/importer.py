"""Programs from a program database's export or a shared list, added to the Programs table of a season workbook.

``xlresidency import FILE --into BOOK``: FILE is read and merged by ``programlist`` (header aliases, conversions,
append, never overwrite); here BOOK's Programs table is the workbook package's (``programstable.py``).

BOOK is never loaded and saved whole: only the Programs sheet's part and its table's part are written again
(``programstable.py``, ``sheetedit.py``), and every other part is copied byte for byte (formulas with their stored
results, shared strings, custom XML, web extensions, a VBA project, a ribbon). It is written atomically with a
backup, as a regeneration writes it, or not at all.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.fileio import Fingerprint, Written, fingerprint
from .opening import check_not_locked, check_parts, check_readable, reading
from .package import read_package, write_package
from .programlist import ALIASES_FILE as ALIASES_FILE
from .programlist import VISAS as VISAS
from .programlist import ImportResult, merge, read_source
from .programlist import parse_aliases as parse_aliases
from .programstable import ProgramsTable
from .xlsx import replace_file


def imported_copy_path(path: Path) -> Path:
    """Where the result goes when a part of the workbook is damaged and cannot be carried over (the original is
    kept)."""
    return path.with_name(f"{path.stem} (imported){path.suffix}")


def _write(target: Path, parts: dict[str, bytes], infos: dict[str, zipfile.ZipInfo],
           seen: Fingerprint | None) -> Written:
    """Write the package to ``target`` atomically, the previous version kept as its backup; when ``target`` is no
    longer the workbook that was read (``seen``), the result goes beside it as ``NAME (imported).xlsx``."""
    return replace_file(target, lambda temp: write_package(temp, parts, infos), unchanged=seen, why="imported")


def import_file(source_path: Path, book_path: Path) -> ImportResult:
    """``xlresidency import FILE --into BOOK``: read FILE, merge its programs into BOOK's Programs table, write
    BOOK atomically with a backup (or leave it untouched when nothing changes or anything is wrong).

    Only the Programs sheet's part and its table's part are written again; every other part is copied byte for
    byte. A damaged part cannot be carried over: the result then goes to a copy and the original is kept.
    """
    check_readable(book_path)
    check_not_locked(book_path)
    source = read_source(source_path)
    check_parts(book_path)
    seen = fingerprint(book_path)  # another program's save from here on is noticed, never overwritten
    with reading(book_path):
        parts, infos, corrupt = read_package(book_path)
        table = ProgramsTable(parts, book_path)
    lost = [f"the damaged part {name}" for name in corrupt]
    target = imported_copy_path(book_path) if lost else book_path
    result = ImportResult(target, losses=lost)
    merge(table, source, result)
    if result.added or result.filled:
        check_not_locked(target)
        table.write_into(parts)
        written = _write(target, parts, infos, seen if target == book_path else None)
        result.backup, result.written, result.changed_meanwhile = written.backup, True, written.changed_meanwhile
        if written.changed_meanwhile:
            result.path = written.path
    else:
        result.path = book_path
    return result
