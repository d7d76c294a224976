"""Opening workbook files safely: what a file is, whether it can be read or replaced, and why not, in one line.

Before a reader (calamine, openpyxl) or the package writer sees a file it is checked here: a folder, an empty
file, an old Excel 97-2003 workbook or another Office file in a compound (OLE) container, a password-protected
workbook (whose OLE container holds an ``EncryptionInfo`` stream), a file that is not a ZIP package. While
reading, a part that is cut short or a ZIP member whose data is corrupt is named as damage. A workbook saved as
Strict Open XML is named as such. Before calamine or openpyxl unpack anything, ``check_parts`` counts what every
part really unpacks to and refuses a part past ``MAX_PART_BYTES`` (a 1 MB file can unpack to gigabytes). Every
refusal is a ``WorkbookError`` in one line.
"""

from __future__ import annotations

import contextlib
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from defusedxml import ElementTree as SafeET

from ..core import schema
from ..core.errors import WorkbookError
from .package import (
    MAX_PACKAGE_BYTES,
    MAX_PART_BYTES,
    ZipParts,
    check_entry,
    inflated_size,
    read_part,
    too_large,
    workbook_sheets,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
MACRO_SUFFIXES = (".xlsm", ".xltm")

class DamagedData(Exception):
    """What a reader raises for data it finds damaged in its own words (the calamine reader turns its errors into
    this), so this module names the damage without loading that reader: the Lite import checks files here too."""


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_SECTOR = 0xFFFFFFFA  # sector numbers from here up are markers (end of chain, free, FAT, DIFAT)
# What the streams of an OLE container say it is (an encrypted .xlsx is checked first).
_OLE_KINDS = (
    ({"Workbook", "Book"}, "an old Excel 97-2003 .xls workbook: open it in Excel and Save As .xlsx"),
    ({"WordDocument"}, "a Word document, not an Excel workbook: open the workbook itself (.xlsx)"),
    ({"PowerPoint Document"}, "a PowerPoint presentation, not an Excel workbook: open the workbook itself (.xlsx)"),
)
# What a damaged package raises while it is read: a ZIP member that fails its check or cannot be
# decompressed, or XML that is cut short (ParseError is a SyntaxError; a reader's own errors as DamagedData).
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError, DamagedData)


def ole_stream_names(path: Path) -> set[str] | None:
    """The stream and storage names in an OLE compound file's directory; None when it cannot be read.

    Only the header, the sector allocation table and the directory chain are read (MS-CFB 2.2-2.6).
    """
    data = path.read_bytes()
    if len(data) < 512 or not data.startswith(_OLE_MAGIC):
        return None
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        return None
    size = 1 << shift
    per_sector = size // 4

    def sector(number: int) -> tuple[int, ...] | None:
        chunk = data[(number + 1) * size : (number + 2) * size]
        return struct.unpack(f"<{per_sector}I", chunk) if len(chunk) == size else None

    fat_sectors = list(struct.unpack("<109I", data[76:512]))
    difat, seen = int.from_bytes(data[68:72], "little"), set()
    while difat < _LAST_SECTOR and difat not in seen:
        seen.add(difat)
        entries = sector(difat)
        if entries is None:
            return None
        fat_sectors += entries[:-1]
        difat = entries[-1]
    fat: list[int] = []
    for number in fat_sectors:
        if number < _LAST_SECTOR:
            entries = sector(number)
            if entries is None:
                return None
            fat += entries
    names: set[str] = set()
    current, visited = int.from_bytes(data[48:52], "little"), set()
    while current < _LAST_SECTOR and current not in visited:
        visited.add(current)
        chunk = data[(current + 1) * size : (current + 2) * size]
        if len(chunk) != size:
            return None
        for offset in range(0, size, 128):
            entry = chunk[offset : offset + 128]
            length = int.from_bytes(entry[64:66], "little")
            if entry[66] in (1, 2, 5) and 2 <= length <= 64 and length % 2 == 0:
                names.add(entry[: length - 2].decode("utf-16-le", "replace"))
        current = fat[current] if current < len(fat) else _LAST_SECTOR
    return names or None


def _ole_refusal(path: Path) -> str:
    """What an OLE compound file is, and what to do with it, in one line."""
    names = ole_stream_names(path)
    if names is None:
        return f"{path}: the workbook is password-protected (encrypted) or damaged; save a copy without a password"
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        return f"{path}: the workbook is password-protected (encrypted); save a copy without a password"
    for streams, what in _OLE_KINDS:
        if streams & names:
            return f"{path}: the file is {what}"
    return f"{path}: the file is an Office file of another kind, not an Excel workbook (.xlsx or .xlsm)"


def check_readable(path: Path) -> None:
    """Refuse, with one clear line, anything that is not an Excel workbook openpyxl can open."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if path.is_dir():
        raise WorkbookError(f"{path}: is a folder, not a workbook")
    if path.suffix.lower() == ".xls":
        raise WorkbookError(f"{path}: old .xls workbooks are not supported; save it as .xlsx in Excel first")
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise WorkbookError(f"{path}: not an Excel workbook (expected .xlsx or .xlsm)")
    if path.stat().st_size == 0:
        raise WorkbookError(f"{path}: the file is empty")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC[:4]):
        raise WorkbookError(_ole_refusal(path))
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{path}: not a valid Excel workbook (the file is damaged or of another kind)")
    if is_strict(path):
        raise WorkbookError(f"{path}: the workbook is saved as Strict Open XML Spreadsheet, which xlresidency cannot "
                            "read; in Excel, File > Save As and save it as Excel Workbook (.xlsx)")


_STRICT = b"http://purl.oclc.org/ooxml/"  # Strict Open XML (ISO/IEC 29500 Strict) namespaces start so


def is_strict(path: Path) -> bool:
    """Whether a package is a Strict Open XML document (its root relationships use the Strict namespaces)."""
    with contextlib.suppress(zipfile.BadZipFile, KeyError, WorkbookError, OSError), zipfile.ZipFile(path) as archive:
        return _STRICT in read_part(archive, archive.getinfo("_rels/.rels"), limit=1024 * 1024)
    return False


def check_parts(path: Path, limit: int = MAX_PART_BYTES, total_limit: int = MAX_PACKAGE_BYTES) -> None:
    """Refuse a package with a part that really unpacks to more than ``limit`` bytes, or that is encrypted or packed
    in a way Excel never writes, in one line naming the part (or whose parts unpack to more than ``total_limit`` in
    all); nothing is kept in memory while counting.

    Data that cannot be unpacked is left for the reader, which names it as damage (a damaged part that the season
    does not need is left out of a regenerated copy).
    """
    total = 0
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        for info in archive.infolist():
            if info.is_dir():
                continue
            check_entry(archive, info)
            try:
                size = inflated_size(handle, info, limit)
            except (zlib.error, EOFError, ValueError):
                continue
            if size > limit:
                raise too_large(archive, info.filename, limit)
            total += size
            if total > total_limit:
                raise WorkbookError(f"{path}: its parts unpack to more than {total_limit // 2**20:,} MB in all, far "
                                    "beyond any season workbook; refused (is this the right file?)")


def is_season_workbook(path: Path) -> bool:
    """Whether a file is a workbook holding a season (a sheet named like an input table): one xlresidency may
    replace with a regenerated season."""
    try:
        check_readable(path)
        with zipfile.ZipFile(path) as archive:
            names = {schema.fold(entry.name) for entry in workbook_sheets(ZipParts(archive))}
    except (WorkbookError, KeyError, *_DAMAGE, OSError):
        return False
    return bool(names & {schema.fold(table.name) for table in schema.INPUT_TABLES})


def check_writable(path: Path) -> None:
    """Refuse to replace a file its owner marked read-only (a rename would replace it all the same)."""
    if not path.exists():
        return
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WorkbookError(
            f"{path}: the file is read-only; allow changes to it (file Properties, untick Read-only) "
            "or write the result to another file (--out)"
        )


def lock_file(path: Path) -> Path | None:
    """Excel's owner file beside a workbook open in Excel (``~$name.xlsx``), if there is one."""
    for name in ("~$" + path.name, "~$" + path.name[2:]):
        candidate = path.with_name(name)
        if len(name) > 2 and candidate.exists():
            return candidate
    return None


def check_not_locked(path: Path) -> None:
    """Refuse to touch a workbook that is open in Excel."""
    if lock_file(path) is not None:
        raise WorkbookError(f"{path}: the workbook is open in Excel; close it there and run again")


def damage(path: Path, error: BaseException) -> str:
    """Which part of a damaged package is at fault, in plain words (the error itself when none is found)."""
    with contextlib.suppress(*_DAMAGE, OSError), zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            try:
                data = read_part(archive, info)
            except WorkbookError as bad:
                return f"its part {info.filename} is corrupt ({bad.__cause__ or bad})"
            if info.filename.endswith((".xml", ".rels", ".vml")):
                try:
                    SafeET.fromstring(data)
                except SyntaxError as bad:
                    return f"its part {info.filename} is cut short or malformed ({bad})"
                except ValueError:
                    continue  # XML that defusedxml refuses on purpose is not damage
    return f"{error.__class__.__name__}: {error}"


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn what reading a bad or damaged package raises into one clear ``WorkbookError``."""
    try:
        yield
    except WorkbookError:
        raise
    except _DAMAGE as exc:
        raise WorkbookError(
            f"{path}: the file is damaged: {damage(path, exc)}; let Excel repair it (File > Open > Open and "
            "Repair) or use your backup copy"
        ) from exc
    except (KeyError, ValueError, TypeError, OSError) as exc:
        raise WorkbookError(f"{path}: cannot be read as an Excel workbook ({exc.__class__.__name__})") from exc

