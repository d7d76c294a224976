"""Compound files ([MS-CFB]), the container of an add-in's ``vbaProject.bin``: read every stream, write a new file.

Reading goes through olefile. olefile can only overwrite a stream with one of the same size, so writing makes a
whole new version 3 file (512-byte sectors): streams of 4096 bytes or more in sectors chained by the FAT, smaller
ones in 64-byte sectors of the mini stream chained by the MiniFAT, and the children of each storage in a
red-black tree (a balanced binary search tree whose deepest level is red). Files need at most 109 FAT sectors
(about 6.8 MB) since no DIFAT sector is written; a VBA project is some tens of KB.
"""

from __future__ import annotations

import io
import math
import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

import olefile

from ..core.errors import WorkbookError

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096  # streams smaller than this live in the mini stream
ENTRY = 128  # bytes per directory entry
HEADER_FAT_SLOTS = 109  # FAT sector locations the header holds (the DIFAT array)

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1

_HEADER = struct.Struct("<8s16sHHHHH6sIIIIIIIII109I")
_ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")


@dataclass(frozen=True)
class CompoundFile:
    """Every stream of a compound file by path (``"VBA/dir"``) and the CLSID of every storage (``""``: the root)."""

    streams: dict[str, bytes]
    clsids: dict[str, bytes] = field(default_factory=dict)


def read_compound_file(data: bytes) -> CompoundFile:
    """All streams and storage CLSIDs of a compound file, read with olefile."""
    if not data.startswith(SIGNATURE):
        raise WorkbookError("the VBA project is not a compound file")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # bytes shorter than 1536 would be taken for a file name
            streams = {"/".join(p): ole.openstream(p).read() for p in ole.listdir(streams=True, storages=False)}
            clsids = {"": _clsid_bytes(ole.root.clsid)}
            for path in ole.listdir(streams=False, storages=True):
                clsids["/".join(path)] = _clsid_bytes(ole.getclsid(path))
    except (OSError, ValueError, IndexError, struct.error) as exc:  # olefile's OleFileError is an OSError
        raise WorkbookError(f"the VBA project cannot be read: {exc}") from exc
    return CompoundFile(streams, clsids)


def _clsid_bytes(text: str) -> bytes:
    """olefile shows a CLSID as text ("" when all zero); the file stores the GUID's little-endian bytes."""
    return uuid.UUID(text).bytes_le if text else bytes(16)


# --------------------------------------------------------------------------------------------------
# Writing.


@dataclass
class _Entry:
    name: str
    kind: int
    clsid: bytes = bytes(16)
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    index: int = 0


def sort_key(name: str) -> tuple[int, str]:
    """How [MS-CFB] orders siblings: shorter names first, then by the upper-cased name."""
    return len(name), name.upper()


def _tree(path_streams: Mapping[str, bytes], clsids: Mapping[str, bytes]) -> _Entry:
    root = _Entry("Root Entry", ROOT, clsids.get("", bytes(16)))
    storages = {"": root}

    def storage(path: str) -> _Entry:
        if path not in storages:
            parent_path, _, name = path.rpartition("/")
            parent = storage(parent_path)
            storages[path] = _Entry(name, STORAGE, clsids.get(path, bytes(16)))
            parent.children.append(storages[path])
        return storages[path]

    for path in clsids:
        if path:
            storage(path)
    for path, data in path_streams.items():
        parent_path, _, name = path.rpartition("/")
        storage(parent_path).children.append(_Entry(name, STREAM, data=bytes(data)))
    for entry in storages.values():
        names = [c.name.upper() for c in entry.children]
        if len(names) != len(set(names)):
            raise ValueError(f"two entries of the same name in storage {entry.name!r}")
        for child in entry.children:
            if not child.name or len(child.name) > 31 or any(c in child.name for c in "/\\:!"):
                raise ValueError(f"{child.name!r} cannot name a compound file entry")
    return root


def _number(root: _Entry) -> list[_Entry]:
    """Directory order: the root first, then each storage's children (depth first)."""
    entries: list[_Entry] = []

    def visit(entry: _Entry) -> None:
        entry.index = len(entries)
        entries.append(entry)
        for child in sorted(entry.children, key=lambda c: sort_key(c.name)):
            visit(child)

    visit(root)
    return entries


def _link_children(storage: _Entry) -> None:
    """Lay a storage's children out as a balanced search tree; nodes on its deepest level are red."""
    ordered = sorted(storage.children, key=lambda c: sort_key(c.name))
    depths: dict[int, int] = {}

    def build(low: int, high: int, depth: int) -> int:
        if low >= high:
            return NOSTREAM
        middle = (low + high) // 2
        node = ordered[middle]
        depths[id(node)] = depth
        node.left = build(low, middle, depth + 1)
        node.right = build(middle + 1, high, depth + 1)
        return node.index

    storage.child = build(0, len(ordered), 0)
    deepest = max(depths.values(), default=0)
    for node in ordered:
        node.color = RED if deepest and depths[id(node)] == deepest else BLACK


def _chain(fat: list[int], start: int, count: int) -> int:
    """Mark ``count`` consecutive sectors from ``start`` as one chain; returns its first sector."""
    for sector in range(start, start + count):
        fat[sector] = sector + 1 if sector + 1 < start + count else ENDOFCHAIN
    return start if count else ENDOFCHAIN


def _padded(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)


def write_compound_file(streams: Mapping[str, bytes], clsids: Mapping[str, bytes] | None = None) -> bytes:
    """A version 3 compound file holding exactly these streams (paths like ``"VBA/dir"``) and storage CLSIDs."""
    root = _tree(streams, clsids or {})
    entries = _number(root)
    for entry in entries:
        if entry.kind != STREAM:
            _link_children(entry)

    small = [e for e in entries if e.kind == STREAM and 0 < len(e.data) < MINI_CUTOFF]
    large = [e for e in entries if e.kind == STREAM and len(e.data) >= MINI_CUTOFF]
    minifat: list[int] = []
    mini_stream = bytearray()
    for entry in small:
        entry.start = _chain_mini(minifat, len(minifat), math.ceil(len(entry.data) / MINI_SECTOR))
        mini_stream += _padded(entry.data, MINI_SECTOR)

    sectors: list[bytes] = []  # the file's sectors after the header, in order
    fat: list[int] = []

    def place(data: bytes) -> int:
        count = math.ceil(len(data) / SECTOR)
        fat.extend([FREESECT] * count)
        first = _chain(fat, len(sectors), count)
        padded = _padded(data, SECTOR)
        sectors.extend(padded[i : i + SECTOR] for i in range(0, len(padded), SECTOR))
        return first

    root.start = place(bytes(mini_stream))
    root.data = bytes(mini_stream)
    for entry in large:
        entry.start = place(entry.data)
    directory_start = place(b"".join(_entry_bytes(e) for e in entries) + _empty_entries(len(entries)))
    minifat += [FREESECT] * (-len(minifat) % (SECTOR // 4))
    minifat_start = place(struct.pack(f"<{len(minifat)}I", *minifat))
    minifat_count = len(minifat) // (SECTOR // 4)

    fat_count = 0
    while fat_count * (SECTOR // 4) < len(sectors) + fat_count:
        fat_count += 1
    if fat_count > HEADER_FAT_SLOTS:
        raise ValueError("the compound file is too large for a header-only FAT list (about 6.8 MB)")
    fat_start = len(sectors)
    fat.extend([FATSECT] * fat_count)
    fat.extend([FREESECT] * (fat_count * (SECTOR // 4) - len(fat)))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(fat_bytes[i : i + SECTOR] for i in range(0, len(fat_bytes), SECTOR))

    difat = [fat_start + i for i in range(fat_count)] + [FREESECT] * (HEADER_FAT_SLOTS - fat_count)
    header = _HEADER.pack(
        SIGNATURE, bytes(16), 0x003E, 0x0003, 0xFFFE, 9, 6, bytes(6),
        0,  # directory sectors: always 0 in a version 3 file
        fat_count, directory_start, 0, MINI_CUTOFF, minifat_start, minifat_count, ENDOFCHAIN, 0, *difat,
    )
    return header + b"".join(sectors)


def _chain_mini(minifat: list[int], start: int, count: int) -> int:
    minifat.extend([FREESECT] * count)
    return _chain(minifat, start, count)


def _entry_bytes(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le")
    size = len(entry.data) if entry.kind != STORAGE else 0
    start = entry.start if entry.kind != STORAGE else 0
    return _ENTRY.pack(name, len(name) + 2, entry.kind, entry.color, entry.left, entry.right, entry.child,
                       entry.clsid, 0, 0, 0, start, size)


def _empty_entries(count: int) -> bytes:
    unused = -count % (SECTOR // ENTRY)
    return _ENTRY.pack(b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, 0, 0, 0, 0) * unused
