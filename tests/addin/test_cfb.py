"""The compound file writer: olefile reads back every stream byte for byte, and the directory is a valid tree."""

from __future__ import annotations

import os
import struct

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlresidency.addin import cfb
from xlresidency.core.errors import WorkbookError

SIZES = (0, 1, 63, 64, 65, 511, 512, 513, 4095, 4096, 4097, 20_000)


def strict(data: bytes) -> olefile.OleFileIO:
    """olefile with every defect it can find raised, not just logged."""
    return olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)


def test_streams_of_every_size_around_the_sector_limits_read_back_byte_for_byte() -> None:
    streams = {f"S{size}": os.urandom(size) for size in SIZES}
    streams |= {f"Folder/Inner/{size}": bytes([size % 251]) * size for size in SIZES}
    clsid = bytes(range(16))
    data = cfb.write_compound_file(streams, {"Folder": clsid})
    assert data.startswith(cfb.SIGNATURE) and len(data) % cfb.SECTOR == 0
    with strict(data) as ole:
        assert sorted("/".join(p) for p in ole.listdir()) == sorted(streams)
        for path, body in streams.items():
            assert ole.openstream(path).read() == body, path
            assert ole.get_size(path) == len(body)
        assert ole.getclsid("Folder") == "03020100-0504-0706-0809-0A0B0C0D0E0F"
        assert ole.getclsid("Folder/Inner") == ""
    again = cfb.read_compound_file(data)
    assert again.streams == streams
    assert again.clsids == {"": bytes(16), "Folder": clsid, "Folder/Inner": bytes(16)}


def test_small_streams_go_to_the_mini_stream_and_large_ones_to_sectors() -> None:
    data = cfb.write_compound_file({"small": b"x" * 4095, "large": b"y" * 4096})
    with strict(data) as ole:
        entries = {e.name: e for e in ole.direntries if e is not None}
        assert entries["small"].size < ole.minisectorcutoff <= entries["large"].size
        assert ole.minisectorcutoff == cfb.MINI_CUTOFF
        # the root entry holds the mini stream: 4095 bytes in 64 mini sectors
        assert entries["Root Entry"].size == 64 * cfb.MINI_SECTOR


def test_an_empty_file_and_an_empty_stream() -> None:
    with strict(cfb.write_compound_file({})) as ole:
        assert ole.listdir() == []
    with strict(cfb.write_compound_file({"empty": b""})) as ole:
        assert ole.openstream("empty").read() == b""


def test_a_file_needing_several_fat_sectors() -> None:
    body = os.urandom(300_000)  # 586 sectors: 5 FAT sectors
    data = cfb.write_compound_file({"big": body, "small": b"abc"})
    (fat_sectors,) = struct.unpack_from("<I", data, 44)
    assert fat_sectors == 5
    with strict(data) as ole:
        assert ole.openstream("big").read() == body


def test_too_large_for_a_header_only_fat_is_refused() -> None:
    with pytest.raises(ValueError, match="too large"):
        cfb.write_compound_file({"huge": bytes(110 * 128 * cfb.SECTOR)})


@pytest.mark.parametrize("streams", [{"a": b"1", "A": b"2"}, {"x" * 32: b""}, {"a:b": b""}])
def test_names_a_compound_file_cannot_hold_are_refused(streams: dict[str, bytes]) -> None:
    with pytest.raises(ValueError):
        cfb.write_compound_file(streams)


def test_reading_something_else_is_a_workbook_error() -> None:
    with pytest.raises(WorkbookError, match="not a compound file"):
        cfb.read_compound_file(b"PK\x03\x04 a zip file")
    with pytest.raises(WorkbookError, match="cannot be read"):
        cfb.read_compound_file(cfb.SIGNATURE + bytes(600))


def _tree_of(ole: olefile.OleFileIO, sid: int) -> list[int]:
    """The sids of a storage's children in tree order (left, node, right)."""
    if sid == cfb.NOSTREAM:
        return []
    entry = ole.direntries[sid]
    return [*_tree_of(ole, entry.sid_left), sid, *_tree_of(ole, entry.sid_right)]


def _black_height(ole: olefile.OleFileIO, sid: int, parent_red: bool = False) -> int:
    """The black nodes on every path to a leaf; fails on a red node under a red one or unequal paths."""
    if sid == cfb.NOSTREAM:
        return 1
    entry = ole.direntries[sid]
    red = entry.color == cfb.RED
    assert not (red and parent_red), f"red {entry.name} under a red parent"
    left, right = _black_height(ole, entry.sid_left, red), _black_height(ole, entry.sid_right, red)
    assert left == right, f"unequal black heights under {entry.name}"
    return left + (0 if red else 1)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 30, 100])
def test_each_storage_is_a_red_black_search_tree_in_compound_file_order(count: int) -> None:
    names = [f"m{'x' * (i % 7)}{i}" for i in range(count)]
    data = cfb.write_compound_file({f"VBA/{name}": b"." * (i % 3) for i, name in enumerate(names)})
    with strict(data) as ole:
        vba = next(e for e in ole.direntries if e is not None and e.name == "VBA")
        root_of_tree = ole.direntries[vba.sid_child]
        assert root_of_tree.color == cfb.BLACK
        in_order = [ole.direntries[sid].name for sid in _tree_of(ole, vba.sid_child)]
        assert in_order == sorted(names, key=cfb.sort_key)
        _black_height(ole, vba.sid_child)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text("ABCabc_1", min_size=1, max_size=12).map(lambda s: s.upper()),
                       st.binary(max_size=9000), max_size=12))
def test_any_streams_round_trip(streams: dict[str, bytes]) -> None:
    assert cfb.read_compound_file(cfb.write_compound_file(streams)).streams == streams
