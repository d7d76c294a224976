"""A workbook file as what it is on disk: a ZIP package of parts tied together by relationships (OPC, ECMA-376 Part 2).

Both the reader and the writer start here. The reader needs to know which sheets the workbook lists, which part
holds each, and where its Excel tables are; the writer needs the same to replace the output sheets' parts and to
leave every other part exactly as it was. Nothing here interprets cell values.

Part names are kept as the ZIP stores them (``xl/worksheets/sheet1.xml``, no leading slash); relationship targets
are resolved against the part that holds them. XML is parsed with defusedxml (a workbook is untrusted input).
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from defusedxml import ElementTree as SafeET

from ..core.errors import DamagedPart, WorkbookError
from ..core.notation import range_bounds
from .xmlwriter import escape

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

REL_OFFICE_DOCUMENT = NS_R + "/officeDocument"
REL_WORKSHEET = NS_R + "/worksheet"
REL_TABLE = NS_R + "/table"
REL_DRAWING = NS_R + "/drawing"
REL_CHART = NS_R + "/chart"
REL_HYPERLINK = NS_R + "/hyperlink"
REL_STYLES = NS_R + "/styles"
REL_CALC_CHAIN = NS_R + "/calcChain"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"

# --------------------------------------------------------------------------------------------------
# Reading a part, bounded.
#
# A workbook is untrusted input: a 1 MB file can hold a part that unpacks to gigabytes, and the sizes its ZIP
# directory declares can lie. Every part is unpacked in chunks and the bytes actually produced are counted.

# A 100,000-program season, regenerated, unpacks to 593 MB in all, its largest part to 196 MB (measured;
# 13,000 programs: 57 MB and 19 MB). The bounds leave room above that; a 1 GiB part is refused.
MAX_PART_BYTES = 512 * 1024 * 1024
MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024
_MB = 1024 * 1024
_CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # ZIP local file header (APPNOTE 4.3.7), 30 bytes
_KNOWN_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}  # what Excel writes


def _where(archive: zipfile.ZipFile) -> str:
    return str(archive.filename or "the workbook")


def check_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse, in one line naming the part, a member that is encrypted or packed in a way Excel never writes."""
    if info.flag_bits & 0x1:
        raise WorkbookError(f"{_where(archive)}: its part {info.filename} is encrypted inside the package; open the "
                            "workbook in Excel and save a copy without a password")
    if info.compress_type not in _KNOWN_METHODS:
        raise WorkbookError(f"{_where(archive)}: its part {info.filename} is packed with a compression method Excel "
                            f"does not use (method {info.compress_type}); open the file in Excel and save it again")


def too_large(archive: zipfile.ZipFile, name: str, limit: int) -> WorkbookError:
    return WorkbookError(f"{_where(archive)}: its part {name} unpacks to more than {limit // _MB} MB, far beyond any "
                         "season workbook; refused (is this the right file?)")


def damaged(archive: zipfile.ZipFile, name: str, problem: BaseException) -> DamagedPart:
    return DamagedPart(f"{_where(archive)}: the file is damaged: its part {name} is corrupt ({problem}); let Excel "
                       "repair it (File > Open > Open and Repair) or use your backup copy", name)


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_PART_BYTES) -> bytes:
    """A member's bytes, unpacked in chunks and refused past ``limit``; a corrupt member raises ``DamagedPart``."""
    check_entry(archive, info)
    data = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                data += chunk
                if len(data) > limit:
                    raise too_large(archive, info.filename, limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as problem:
        raise damaged(archive, info.filename, problem) from problem
    return bytes(data)


def inflated_size(handle: BinaryIO, info: zipfile.ZipInfo, limit: int = MAX_PART_BYTES) -> int:
    """How many bytes a member really unpacks to, counted while unpacking (never more than ``limit`` + one chunk
    kept in memory); the sizes the ZIP directory declares are not trusted. Raises ``zlib.error`` or ``EOFError`` for
    data that cannot be unpacked, ``ValueError`` for a header that is not one."""
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise ValueError("no local file header where the directory says")
    fields = _LOCAL_HEADER.unpack(header)
    handle.seek(fields[-2] + fields[-1], 1)  # the name and extra field
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        return left
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    while left > 0 and not inflater.eof:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            raise EOFError("the part is cut short")
        left -= len(chunk)
        pending = chunk
        while pending and not inflater.eof:
            total += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
            if total > limit:
                return total
    return total + len(inflater.flush())


class ZipParts(Mapping[str, bytes]):
    """The parts of an open ZIP package, read when asked for (the reader needs only a few of them), each bounded."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = {info.filename: info for info in archive.infolist() if not info.is_dir()}

    def __getitem__(self, name: str) -> bytes:
        if name not in self.names:
            raise KeyError(name)
        return read_part(self.archive, self.names[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


# --------------------------------------------------------------------------------------------------
# Relationships.


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: its id, its type and the part (or external address) it points at."""

    id: str
    type: str
    target: str  # a part name, or the address itself for an external target
    external: bool = False


def rels_name(part: str) -> str:
    """The relationships part of a part: ``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def source_of(rels: str) -> str:
    """The part a relationships part belongs to (the package itself for ``_rels/.rels``: "")."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def resolve(source: str, target: str) -> str:
    """A relationship target as a part name: relative to the folder of its source part, or absolute."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative(source: str, part: str) -> str:
    """The target to write in ``source``'s relationships for ``part`` (relative, as Excel writes them)."""
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


def relationships(parts: Mapping[str, bytes], part: str) -> list[Relationship]:
    """The relationships of a part (none when it has no relationships part)."""
    name = rels_name(part) if part else ROOT_RELS
    if name not in parts:
        return []
    found = []
    for element in SafeET.fromstring(parts[name]):
        target = element.get("Target", "")
        external = element.get("TargetMode") == "External"
        found.append(Relationship(element.get("Id", ""), element.get("Type", ""),
                                  target if external else resolve(part, target), external))
    return found


def relationships_xml(rels: list[Relationship], source: str) -> bytes:
    """A relationships part holding ``rels`` (targets written relative to ``source``)."""
    lines = []
    for rel in rels:
        target = rel.target if rel.external else relative(source, rel.target)
        mode = ' TargetMode="External"' if rel.external else ""
        lines.append(f'<Relationship Id="{escape(rel.id)}" Type="{rel.type}" Target="{escape(target)}"{mode}/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{NS_PACKAGE_RELS}">{"".join(lines)}</Relationships>').encode()


def main_part(parts: Mapping[str, bytes]) -> str:
    """The workbook part the package's root relationships name (``xl/workbook.xml`` in every file seen)."""
    for rel in relationships(parts, ""):
        if rel.type.endswith("/officeDocument") and not rel.external:
            return rel.target
    raise KeyError("the package names no workbook part")


def reachable(parts: Mapping[str, bytes], starts: list[str], avoid: set[str] | None = None) -> set[str]:
    """Every part reached from ``starts`` through internal relationships, without entering ``avoid``."""
    avoid = avoid or set()
    seen: set[str] = set()
    stack = [s for s in starts if s not in avoid]
    while stack:
        part = stack.pop()
        if part in seen:
            continue
        seen.add(part)
        stack.extend(rel.target for rel in relationships(parts, part)
                     if not rel.external and rel.target not in seen and rel.target not in avoid)
    return seen


# --------------------------------------------------------------------------------------------------
# The workbook's sheets and tables.


@dataclass(frozen=True)
class SheetEntry:
    """A sheet as the workbook lists it."""

    name: str
    sheet_id: int
    rel_id: str
    part: str  # "" when the relationship is missing
    state: str = "visible"
    is_worksheet: bool = True  # False for chart sheets and dialog sheets


def workbook_sheets(parts: Mapping[str, bytes], main: str | None = None) -> list[SheetEntry]:
    """The sheets in workbook order, each with the part that holds it."""
    main = main or main_part(parts)
    rels = {rel.id: rel for rel in relationships(parts, main)}
    root = SafeET.fromstring(parts[main])
    entries = []
    for element in root.iterfind(f"{{{NS_MAIN}}}sheets/{{{NS_MAIN}}}sheet"):
        rel = rels.get(element.get(f"{{{NS_R}}}id", ""))
        entries.append(SheetEntry(
            name=element.get("name", ""),
            sheet_id=int(element.get("sheetId", "0") or 0),
            rel_id=element.get(f"{{{NS_R}}}id", ""),
            part=rel.target if rel is not None and not rel.external else "",
            state=element.get("state", "visible"),
            is_worksheet=rel is not None and rel.type == REL_WORKSHEET,
        ))
    return entries


@dataclass(frozen=True)
class TableDef:
    """An Excel table (ListObject) as its part defines it."""

    name: str
    display_name: str
    bounds: tuple[int, int, int, int]  # first column, first row, last column, last row (1-based)
    header_rows: int
    totals_rows: int
    columns: tuple[str, ...]
    part: str = ""  # the table part (``xl/tables/table1.xml``)


def sheet_tables(parts: Mapping[str, bytes], sheet_part: str) -> list[TableDef]:
    """The Excel tables on a worksheet, from the table parts its relationships name."""
    found = []
    for rel in relationships(parts, sheet_part):
        if rel.type != REL_TABLE or rel.external or rel.target not in parts:
            continue
        root = SafeET.fromstring(parts[rel.target])
        columns = tuple(c.get("name", "") for c in root.iterfind(f"{{{NS_MAIN}}}tableColumns/{{{NS_MAIN}}}tableColumn"))
        found.append(TableDef(
            name=root.get("name", "") or root.get("displayName", ""),
            display_name=root.get("displayName", "") or root.get("name", ""),
            bounds=range_bounds(root.get("ref", "A1")),
            header_rows=int(root.get("headerRowCount", "1") or 1),
            totals_rows=int(root.get("totalsRowCount", "0") or 0),
            columns=columns,
            part=rel.target,
        ))
    return found


# --------------------------------------------------------------------------------------------------
# Reading and writing the ZIP file.


def read_package(path: Path) -> tuple[dict[str, bytes], dict[str, zipfile.ZipInfo], list[str]]:
    """Every part of a package (in the order the file holds them), their ZIP entries, and the parts whose data
    is corrupt (they cannot be carried over). A part past ``MAX_PART_BYTES``, encrypted or packed in a way Excel
    never writes is refused (``WorkbookError`` naming it)."""
    parts: dict[str, bytes] = {}
    infos: dict[str, zipfile.ZipInfo] = {}
    corrupt: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            try:
                parts[info.filename] = read_part(archive, info)
            except DamagedPart as problem:
                corrupt.append(f"{info.filename} ({problem.__cause__})")
                continue
            infos[info.filename] = info
    return parts, infos, corrupt


_NEW_PART_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed time for written parts: the same input gives the same file


def write_package(path: Path, parts: dict[str, bytes], infos: dict[str, zipfile.ZipInfo]) -> None:
    """Write the parts as a ZIP package; a part that came from the original keeps its ZIP entry's details."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            old = infos.get(name)
            info = zipfile.ZipInfo(name, date_time=old.date_time if old is not None else _NEW_PART_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if old is not None:
                info.external_attr = old.external_attr
            archive.writestr(info, data)
