"""Reading a package's parts with a bound: the bytes really unpacked are counted, whatever the ZIP claims."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from xlresidency.core.errors import DamagedPart, WorkbookError
from xlresidency.workbook.package import inflated_size, read_package, read_part


def package(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def declare(path: Path, name: str, size: int) -> None:
    """Make the ZIP claim that member ``name`` unpacks to ``size`` bytes (local header and directory alike)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, field in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, at + field, size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def flag(path: Path, name: str, bits: int) -> None:
    """Set general-purpose flag bits of member ``name`` (bit 0: encrypted) in the local header and the directory."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, field, name_offset in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = data.find(signature)
        while at != -1:
            if data[at + name_offset:at + name_offset + len(encoded)] == encoded:
                old = struct.unpack_from("<H", data, at + field)[0]
                struct.pack_into("<H", data, at + field, old | bits)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_what_a_part_really_unpacks_to_is_counted_even_when_the_zip_lies(tmp_path):
    path = package(tmp_path / "a.xlsx", {"a.xml": b"<a/>", "big.xml": b" " * 3_000_000})
    declare(path, "big.xml", 100)
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        assert archive.getinfo("big.xml").file_size == 100  # what the directory claims
        assert inflated_size(handle, archive.getinfo("big.xml"), limit=10_000_000) == 3_000_000
        assert inflated_size(handle, archive.getinfo("big.xml"), limit=1_000_000) <= 2_100_000  # stops early
        assert inflated_size(handle, archive.getinfo("a.xml")) == 4
        with pytest.raises(DamagedPart, match=r"its part big\.xml is corrupt"):
            read_part(archive, archive.getinfo("big.xml"))  # zipfile stops at the claim: the checksum fails


def test_a_part_past_the_bound_is_refused_naming_it(tmp_path):
    path = package(tmp_path / "a.xlsx", {"xl/worksheets/sheet1.xml": b" " * 3_000_000})
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(WorkbookError, match=r"its part xl/worksheets/sheet1\.xml unpacks to more than 1 MB"):
            read_part(archive, archive.getinfo("xl/worksheets/sheet1.xml"), limit=1024 * 1024)
        assert len(read_part(archive, archive.getinfo("xl/worksheets/sheet1.xml"))) == 3_000_000


def test_stored_parts_count_their_stored_bytes(tmp_path):
    path = package(tmp_path / "a.xlsx", {"a.bin": b"x" * 5000}, method=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as archive, path.open("rb") as handle:
        assert inflated_size(handle, archive.getinfo("a.bin")) == 5000


def test_an_encrypted_or_oddly_packed_part_is_refused_in_one_line(tmp_path):
    odd = package(tmp_path / "odd.xlsx", {"xl/styles.xml": b"<styleSheet/>" * 100}, method=zipfile.ZIP_BZIP2)
    with zipfile.ZipFile(odd) as archive, pytest.raises(WorkbookError, match=r"xl/styles\.xml is packed with a "
                                                                             r"compression method .*method 12"):
        read_part(archive, archive.getinfo("xl/styles.xml"))
    locked = package(tmp_path / "locked.xlsx", {"xl/styles.xml": b"<styleSheet/>"})
    flag(locked, "xl/styles.xml", 0x1)
    with pytest.raises(WorkbookError, match=r"its part xl/styles\.xml is encrypted inside the package"):
        read_package(locked)


def test_a_corrupt_part_is_listed_and_the_rest_is_read(tmp_path):
    path = package(tmp_path / "a.xlsx", {"a.xml": b"<a/>", "b.png": b"picture " * 300})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("b.png")
    data[info.header_offset + 30 + len("b.png") + 3] ^= 0xFF
    path.write_bytes(bytes(data))
    parts, infos, corrupt = read_package(path)
    assert parts == {"a.xml": b"<a/>"} and list(infos) == ["a.xml"]
    assert len(corrupt) == 1 and corrupt[0].startswith("b.png (")
