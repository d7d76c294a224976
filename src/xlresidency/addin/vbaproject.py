"""A VBA project (``vbaProject.bin``, [MS-OVBA]) read from source and written back as source only.

What is kept of a project: the ``dir`` stream's records (project information, references, one record group per
module), each module's source text, the ``PROJECT`` stream's text, and any other stream (designers, licences) as it
is. What is dropped: the compiled forms — the p-code cache before each module's source, the ``_VBA_PROJECT``
performance cache (written as its 7-byte version-independent header) and the ``__SRP_`` streams — so Office
compiles the project from its source when it first opens the file, as [MS-OVBA] §1.6 describes for files other
tools write. On that basis modules and the project can be renamed, and a module carried from one project to
another.

Records and streams are as [MS-OVBA] §2.3 lays them out; compression is its §2.4.1 algorithm.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..core.errors import WorkbookError
from .cfb import read_compound_file, write_compound_file

CHUNK = 4096
VERSION_INDEPENDENT = bytes([0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x01, 0x00])  # _VBA_PROJECT: 0x61CC, 0xFFFF, 0x00, 0x0001

# dir stream record ids ([MS-OVBA] §2.3.4.2).
PROJECTCODEPAGE = 0x0003
PROJECTNAME = 0x0004
PROJECTVERSION = 0x0009  # its size field says 4 but 6 bytes follow
PROJECTMODULES = 0x000F
PROJECTCOOKIE = 0x0013
MODULENAME = 0x0019
MODULESTREAMNAME = 0x001A
MODULEOFFSET = 0x0031
MODULESTREAMNAMEUNICODE = 0x0032  # the Reserved id before a stream name's UTF-16 form
MODULECOOKIE = 0x002C
MODULETYPE_PROCEDURAL = 0x0021
MODULETERMINATOR = 0x002B
MODULENAMEUNICODE = 0x0047
DIRTERMINATOR = 0x0010
COOKIE_ON_WRITE = b"\xff\xff"  # PROJECTCOOKIE and MODULECOOKIE: "MUST be 0xFFFF on write"

MODULE_DECLARATIONS = ("Module", "Class", "Document", "BaseClass")  # PROJECT stream keys that declare a module
_CODECS = {10000: "mac_roman", 65001: "utf-8"}


# --------------------------------------------------------------------------------------------------
# Compression ([MS-OVBA] §2.4.1).


def decompress(data: bytes) -> bytes:
    """The bytes a CompressedContainer holds."""
    if not data or data[0] != 0x01:
        raise WorkbookError("a VBA stream is not compressed as MS-OVBA expects")
    out = bytearray()
    pos = 1
    while pos + 2 <= len(data):
        (header,) = struct.unpack_from("<H", data, pos)
        if (header >> 12) & 0b111 != 0b011:
            raise WorkbookError("a VBA stream has a damaged chunk header")
        end = min(pos + (header & 0x0FFF) + 3, len(data))
        pos += 2
        if not header >> 15:
            out += data[pos:end]
            pos = end
            continue
        chunk_start = len(out)
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not (flags >> bit) & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                if pos + 2 > end:
                    raise WorkbookError("a VBA stream ends inside a copy token")
                (token,) = struct.unpack_from("<H", data, pos)
                pos += 2
                bits = _offset_bits(len(out) - chunk_start)
                offset = (token >> (16 - bits)) + 1
                if offset > len(out) - chunk_start:
                    raise WorkbookError("a VBA stream refers to data before its chunk")
                for _ in range((token & (0xFFFF >> bits)) + 3):
                    out.append(out[-offset])
    return bytes(out)


def _offset_bits(difference: int) -> int:
    """Bits of a copy token that hold the offset, after ``difference`` bytes of the chunk (CopyToken Help)."""
    return max((difference - 1).bit_length(), 4)


def compress(data: bytes) -> bytes:
    """A CompressedContainer for ``data``: each 4096-byte chunk as literal and copy tokens."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        body = _compress_chunk(chunk)
        if len(body) <= CHUNK:
            out += struct.pack("<H", 0xB000 | (len(body) - 1)) + body  # size - 3 with the 2-byte header counted
        elif len(chunk) == CHUNK:  # copy tokens did not pay for the flag bytes: the chunk as it is
            out += struct.pack("<H", 0x3FFF) + chunk
        else:
            raise ValueError("the last chunk neither compresses nor fills 4096 bytes; it cannot be stored")
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    starts: dict[bytes, list[int]] = {}  # where each 3-byte sequence starts in the chunk so far
    body = bytearray()
    pos = 0
    while pos < len(chunk):
        flag_at = len(body)
        body.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            length, offset = _longest_match(chunk, pos, starts)
            if length:
                bits = _offset_bits(pos)
                body += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
                body[flag_at] |= 1 << bit
            else:
                length = 1
                body.append(chunk[pos])
            for at in range(pos, pos + length):
                starts.setdefault(chunk[at : at + 3], []).append(at)
            pos += length
    return bytes(body)


def _longest_match(chunk: bytes, pos: int, starts: dict[bytes, list[int]]) -> tuple[int, int]:
    """(length, offset) of the longest earlier match of at least 3 bytes, the nearest among equals; (0, 0) if none."""
    end = len(chunk)
    best, best_at = 0, 0
    for candidate in reversed(starts.get(chunk[pos : pos + 3], ())):
        if best and (pos + best >= end or chunk[candidate + best] != chunk[pos + best]):
            continue  # cannot be longer than the best so far
        length = 3
        while pos + length < end and chunk[candidate + length] == chunk[pos + length]:
            length += 1
        if length > best:
            best, best_at = length, candidate
            if pos + best >= end:
                break
    if best < 3:
        return 0, 0
    return min(best, (0xFFFF >> _offset_bits(pos)) + 3), pos - best_at


# --------------------------------------------------------------------------------------------------
# The dir stream's records.


@dataclass(frozen=True)
class Record:
    """One record of the ``dir`` stream: its id and the bytes after its size field."""

    id: int
    data: bytes = b""


def read_records(data: bytes) -> list[Record]:
    """The records of a decompressed ``dir`` stream, up to and with its terminator."""
    records = []
    pos = 0
    while pos + 6 <= len(data):
        record_id, size = struct.unpack_from("<HI", data, pos)
        if record_id == PROJECTVERSION:
            size = 6
        records.append(Record(record_id, data[pos + 6 : pos + 6 + size]))
        pos += 6 + size
        if record_id == DIRTERMINATOR:
            return records
    raise WorkbookError("the VBA project's dir stream has no terminator")


def records_bytes(records: list[Record]) -> bytes:
    """The ``dir`` stream (before compression) holding these records."""
    return b"".join(struct.pack("<HI", r.id, 4 if r.id == PROJECTVERSION else len(r.data)) + r.data for r in records)


def _data(records: tuple[Record, ...] | list[Record], record_id: int) -> bytes | None:
    return next((r.data for r in records if r.id == record_id), None)


# --------------------------------------------------------------------------------------------------
# The project.


@dataclass(frozen=True)
class Module:
    """One module: its ``dir`` records (from MODULENAME to its terminator), its declaration line, its source."""

    name: str
    stream: str  # the name of its stream in the VBA storage
    records: tuple[Record, ...]
    declaration: str  # the PROJECT stream line that declares it, e.g. "Module=xlwings" or "Document=Sheet1/&H00000000"
    source: bytes  # in the project's code page


@dataclass(frozen=True)
class VbaProject:
    """What a ``vbaProject.bin`` holds, source only."""

    information: tuple[Record, ...]  # the dir stream's project information and references
    modules: tuple[Module, ...]
    project_text: str  # the PROJECT stream
    other_streams: dict[str, bytes] = field(default_factory=dict)
    clsids: dict[str, bytes] = field(default_factory=dict)

    @property
    def codec(self) -> str:
        page = _data(self.information, PROJECTCODEPAGE)
        number = struct.unpack("<H", page)[0] if page else 1252
        name = _CODECS.get(number, f"cp{number}")
        try:
            codecs.lookup(name)
        except LookupError as exc:
            raise WorkbookError(f"the VBA project's code page {number} is not known here") from exc
        return name

    @property
    def name(self) -> str:
        return (_data(self.information, PROJECTNAME) or b"").decode(self.codec)

    def module(self, name: str) -> Module | None:
        """The module of that name (VBA names ignore case), or None."""
        return next((m for m in self.modules if m.name.lower() == name.lower()), None)

    def text(self, module: Module) -> str:
        return module.source.decode(self.codec)


def _find(streams: dict[str, bytes], path: str) -> bytes:
    """A stream by path; compound file names ignore case."""
    found = next((data for name, data in streams.items() if name.lower() == path.lower()), None)
    if found is None:
        raise WorkbookError(f"the VBA project has no {path} stream")
    return found


def read_vba_project(data: bytes) -> VbaProject:
    """The project in a ``vbaProject.bin``."""
    try:
        return _read(data)
    except (UnicodeDecodeError, struct.error) as exc:
        raise WorkbookError(f"the VBA project cannot be read: {exc}") from exc


def _read(data: bytes) -> VbaProject:
    container = read_compound_file(data)
    streams = container.streams
    records = read_records(decompress(_find(streams, "VBA/dir")))
    split = next((i for i, r in enumerate(records) if r.id == PROJECTMODULES), None)
    if split is None:
        raise WorkbookError("the VBA project's dir stream lists no modules")
    information = tuple(records[:split])
    project = VbaProject(information, (), "")
    codec = project.codec
    text = _find(streams, "PROJECT").decode(codec)
    modules: list[Module] = []
    group: list[Record] = []
    for record in records[split + 1 :]:
        if record.id in (PROJECTCOOKIE, DIRTERMINATOR) and not group:
            continue
        group.append(record)
        if record.id == MODULETERMINATOR:
            modules.append(_module(tuple(group), streams, text, codec))
            group = []
    if group:
        raise WorkbookError("the VBA project's dir stream ends inside a module record")
    used = {p.lower() for p in ("PROJECT", "PROJECTwm", "VBA/dir", "VBA/_VBA_PROJECT")}
    used |= {f"vba/{m.stream}".lower() for m in modules}
    others = {path: body for path, body in streams.items()
              if path.lower() not in used and not path.lower().startswith("vba/__srp_")}
    return VbaProject(information, tuple(modules), text, others, container.clsids)


def _module(records: tuple[Record, ...], streams: dict[str, bytes], text: str, codec: str) -> Module:
    unicode = _data(records, MODULENAMEUNICODE)
    name = unicode.decode("utf-16-le") if unicode else (_data(records, MODULENAME) or b"").decode(codec)
    offset_data = _data(records, MODULEOFFSET)
    offset = struct.unpack("<I", offset_data)[0] if offset_data else 0
    stream_unicode = _data(records, MODULESTREAMNAMEUNICODE)
    stream = stream_unicode.decode("utf-16-le") if stream_unicode else (_data(records, MODULESTREAMNAME) or b"").decode(
        codec)
    source = decompress(_find(streams, f"VBA/{stream}")[offset:])
    return Module(name, stream, records, _declaration(text, name, records), source)


def _declaration(text: str, name: str, records: tuple[Record, ...]) -> str:
    for line in _properties(text):
        key, _, value = line.partition("=")
        if key in MODULE_DECLARATIONS and value.split("/")[0].lower() == name.lower():
            return line
    if any(r.id == MODULETYPE_PROCEDURAL for r in records):
        return f"Module={name}"
    raise WorkbookError(f"the VBA project's PROJECT stream does not declare its module {name}")


def _properties(text: str) -> list[str]:
    """The PROJECT stream's lines before its first [section]."""
    lines = text.split("\r\n")
    end = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
    return lines[:end]


def vba_project_bytes(project: VbaProject) -> bytes:
    """The ``vbaProject.bin`` of a project: source only, compiled caches left out."""
    codec = project.codec
    records = [*project.information, Record(PROJECTMODULES, struct.pack("<H", len(project.modules))),
               Record(PROJECTCOOKIE, COOKIE_ON_WRITE)]
    streams = {"PROJECT": _project_text(project).encode(codec), "PROJECTwm": _name_map(project, codec),
               "VBA/_VBA_PROJECT": VERSION_INDEPENDENT}
    for module in project.modules:
        records += [
            Record(r.id, struct.pack("<I", 0)) if r.id == MODULEOFFSET  # the source starts the stream
            else Record(r.id, COOKIE_ON_WRITE) if r.id == MODULECOOKIE else r
            for r in module.records
        ]
        streams[f"VBA/{module.stream}"] = compress(module.source)
    records.append(Record(DIRTERMINATOR))
    streams["VBA/dir"] = compress(records_bytes(records))
    streams.update(project.other_streams)
    return write_compound_file(streams, project.clsids)


def _project_text(project: VbaProject) -> str:
    """The PROJECT stream with one declaration line per module, where the old ones were."""
    lines = project.project_text.split("\r\n")
    properties = len(_properties(project.project_text))
    declarations = [m.declaration for m in project.modules]
    out: list[str] = []
    inserted = False
    for i, line in enumerate(lines):
        if i < properties and line.partition("=")[0] in MODULE_DECLARATIONS:
            if not inserted:
                out += declarations
                inserted = True
            continue
        out.append(line)
    if not inserted:
        out[1:1] = declarations  # the project had no module: after its ID= line
    return "\r\n".join(out)


def _name_map(project: VbaProject, codec: str) -> bytes:
    """The PROJECTwm stream: each module's name in the code page and in UTF-16, then a terminator."""
    return b"".join(m.name.encode(codec) + b"\0" + m.name.encode("utf-16-le") + b"\0\0"
                    for m in project.modules) + b"\0\0"


# --------------------------------------------------------------------------------------------------
# Changes.


def _renamed_records(records: tuple[Record, ...], name: str, codec: str) -> tuple[Record, ...]:
    new = {MODULENAME: name.encode(codec), MODULENAMEUNICODE: name.encode("utf-16-le"),
           MODULESTREAMNAME: name.encode(codec), MODULESTREAMNAMEUNICODE: name.encode("utf-16-le")}
    return tuple(Record(r.id, new.get(r.id, r.data)) for r in records)


def _identifier(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])", re.IGNORECASE)


def rename_module(project: VbaProject, old: str, new: str) -> VbaProject:
    """The project with module ``old`` named ``new``: its records, stream, declaration, workspace line, and every
    whole-word use of the old name in the source of every module (``Attribute VB_Name`` included)."""
    module = project.module(old)
    if module is None:
        raise WorkbookError(f"the VBA project has no module {old}")
    if project.module(new) is not None and new.lower() != old.lower():
        raise WorkbookError(f"the VBA project already has a module {new}")
    if not re.fullmatch(r"[A-Za-z]\w{0,30}", new):
        raise ValueError(f"{new!r} is not a VBA module name")
    codec = project.codec
    pattern = _identifier(module.name)
    key, _, value = module.declaration.partition("=")
    renamed = replace(module, name=new, stream=new, records=_renamed_records(module.records, new, codec),
                      declaration=f"{key}={pattern.sub(new, value, count=1)}")
    modules = tuple(replace(renamed if m is module else m, source=pattern.sub(new, project.text(m)).encode(codec))
                    for m in project.modules)
    lines = project.project_text.split("\r\n")
    workspace = next((i for i, line in enumerate(lines) if line == "[Workspace]"), len(lines))
    for i in range(workspace + 1, len(lines)):
        name, eq, rest = lines[i].partition("=")
        if eq and name.lower() == module.name.lower():
            lines[i] = f"{new}={rest}"
    return replace(project, modules=modules, project_text="\r\n".join(lines))


def rename_project(project: VbaProject, name: str) -> VbaProject:
    """The project named ``name`` (PROJECTNAME and the PROJECT stream's Name=)."""
    if not re.fullmatch(r"[A-Za-z]\w{0,127}", name):
        raise ValueError(f"{name!r} is not a VBA project name")
    information = tuple(Record(r.id, name.encode(project.codec)) if r.id == PROJECTNAME else r
                        for r in project.information)
    text = re.sub(r'(?m)^Name="[^"\r\n]*"', f'Name="{name}"', project.project_text, count=1)
    return replace(project, information=information, project_text=text)


def edit_source(project: VbaProject, module_name: str, edit: Callable[[str], str]) -> VbaProject:
    """The project with one module's source text changed by ``edit``."""
    module = project.module(module_name)
    if module is None:
        raise WorkbookError(f"the VBA project has no module {module_name}")
    source = edit(project.text(module)).encode(project.codec)
    return replace(project, modules=tuple(replace(m, source=source) if m is module else m for m in project.modules))


def with_module(project: VbaProject, module: Module, source_codec: str) -> VbaProject:
    """The project with ``module`` (read from a project in ``source_codec``) added, or replacing its namesake."""
    codec = project.codec
    if codecs.lookup(codec).name != codecs.lookup(source_codec).name:
        module = replace(module, stream=module.name, records=_renamed_records(module.records, module.name, codec),
                         source=module.source.decode(source_codec).encode(codec))
    existing = project.module(module.name)
    if existing is not None:
        modules = tuple(module if m is existing else m for m in project.modules)
    else:
        modules = (*project.modules, module)
    return replace(project, modules=modules)
