"""Reading and writing VBA projects: MS-OVBA compression, the dir stream, renaming, carrying a module over."""

from __future__ import annotations

import dataclasses
import os
import struct
import warnings

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vba_fakes import UDF_SOURCE, module, template_vba, with_functions
from xlresidency.addin import cfb, vbaproject
from xlresidency.addin.vbaproject import compress, decompress
from xlresidency.core.errors import WorkbookError

with warnings.catch_warnings():
    # oletools 0.60 calls pyparsing APIs that newer pyparsing marks deprecated, at import time.
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser, decompress_stream

# [MS-OVBA] §3.2.2, "Normal Compression Example": the string and its compressed form (the online edition).
SPEC_TEXT = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
SPEC_COMPRESSED = bytes.fromhex(
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 6D 6E 6F 70 06 71 02"
    " 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"
)
# The same example as the PDF edition prints it: other copy tokens for the same text.
SPEC_COMPRESSED_PDF = bytes.fromhex(
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 6D 6E 6F 70 06 71 02"
    " 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C"
)


def oletools_decompress(data: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(data)))


def chunks(container: bytes) -> list[tuple[bool, bytes]]:
    """(compressed?, decompressed bytes) of each chunk of a CompressedContainer."""
    found, pos = [], 1
    while pos < len(container):
        (header,) = struct.unpack_from("<H", container, pos)
        end = pos + (header & 0x0FFF) + 3
        found.append((bool(header >> 15), decompress(b"\x01" + container[pos:end])))
        pos = end
    return found


# --------------------------------------------------------------------------------------------------
# Compression.


def test_compression_gives_the_specifications_example_byte_for_byte() -> None:
    assert compress(SPEC_TEXT) == SPEC_COMPRESSED
    assert decompress(SPEC_COMPRESSED) == decompress(SPEC_COMPRESSED_PDF) == SPEC_TEXT


def test_text_without_repeats_is_literals_with_a_flag_byte_per_eight() -> None:
    assert compress(b"abcdefghijklmnopqrstuv.") == b"\x01\x19\xb0\x00abcdefgh\x00ijklmnop\x00qrstuv."


@pytest.mark.parametrize("data", [b"", b"a", b"aaaa" * 3000, b"Sub A()\r\nEnd Sub\r\n" * 700,
                                  os.urandom(4096 * 2) + b"tail " * 50])
def test_round_trip_through_oletools(data: bytes) -> None:
    packed = compress(data)
    assert decompress(packed) == data
    assert oletools_decompress(packed) == data


def test_every_chunk_but_the_last_holds_4096_bytes_and_repeats_become_copy_tokens() -> None:
    source = b"".join(f"    Debug.Print {i}\r\n".encode() for i in range(2000))
    packed = compress(source)
    found = chunks(packed)
    assert [len(data) for _, data in found[:-1]] == [4096] * (len(found) - 1)
    assert all(compressed for compressed, _ in found)
    assert len(packed) < len(source) / 2


def test_an_incompressible_chunk_is_stored_as_it_is() -> None:
    noise = os.urandom(4096)
    found = chunks(compress(noise + b"end"))
    assert found == [(False, noise), (True, b"end")]
    with pytest.raises(ValueError, match="cannot be stored"):
        compress(os.urandom(4000))  # a last chunk that neither compresses nor fills 4096 bytes


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.text(" aAbB'\r\n()", max_size=20_000).map(str.encode)))
def test_any_text_round_trips(data: bytes) -> None:
    packed = compress(data)
    assert decompress(packed) == data == oletools_decompress(packed)


@pytest.mark.parametrize("damaged", [b"", b"\x02\x00\xb0", b"\x01\x00\x00", b"\x01\x03\xb0\x01\x00\x00"])
def test_damaged_compressed_data_is_a_workbook_error(damaged: bytes) -> None:
    with pytest.raises(WorkbookError):
        decompress(damaged)


# --------------------------------------------------------------------------------------------------
# The template's project.


@pytest.fixture(scope="module")
def template() -> vbaproject.VbaProject:
    return vbaproject.read_vba_project(template_vba())


def olevba_modules(vba: bytes) -> dict[str, str]:
    parser = VBA_Parser("vbaProject.bin", data=vba)
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_the_template_is_read_as_olevba_reads_it(template: vbaproject.VbaProject) -> None:
    assert template.name == "MyAddin" and template.codec == "cp1252"
    names = [m.name for m in template.modules]
    assert names == ["ThisWorkbook", "Dictionary", "RibbonMyAddin", "Sheet2", "xlwings"]
    assert [m.declaration for m in template.modules][:3] == [
        "Document=ThisWorkbook/&H00000000", "Class=Dictionary", "Module=RibbonMyAddin"]
    assert olevba_modules(template_vba()) == {m.name: template.text(m) for m in template.modules}


def test_writing_keeps_every_module_and_drops_the_compiled_caches(template: vbaproject.VbaProject) -> None:
    streams = cfb.read_compound_file(template_vba()).streams
    streams["VBA/__SRP_0"] = b"compiled"
    streams["PROJECTlk"] = b"licence data"  # another stream: kept as it is
    old = vbaproject.read_vba_project(cfb.write_compound_file(streams))
    written = vbaproject.vba_project_bytes(old)
    again = vbaproject.read_vba_project(written)
    assert [(m.name, m.declaration, m.source) for m in again.modules] == [
        (m.name, m.declaration, m.source) for m in template.modules]
    assert again.project_text == template.project_text and again.information == template.information
    assert again.other_streams == {"PROJECTlk": b"licence data"}
    with olefile.OleFileIO(written, raise_defects=olefile.DEFECT_INCORRECT) as ole:
        names = {"/".join(p) for p in ole.listdir()}
        assert not any("__SRP_" in n for n in names)
        assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")
        for m in template.modules:  # the source starts each module stream: no p-code before it
            assert ole.openstream(f"VBA/{m.stream}").read() == compress(m.source)
    records = vbaproject.read_records(decompress(cfb.read_compound_file(written).streams["VBA/dir"]))
    assert {r.data for r in records if r.id == vbaproject.MODULEOFFSET} == {bytes(4)}
    assert {r.data for r in records if r.id in (vbaproject.MODULECOOKIE, vbaproject.PROJECTCOOKIE)} == {b"\xff\xff"}
    assert vbaproject.records_bytes(records) == decompress(cfb.read_compound_file(written).streams["VBA/dir"])


def test_renaming_a_module_changes_every_place_its_name_is_kept(template: vbaproject.VbaProject) -> None:
    renamed = vbaproject.rename_module(template, "RibbonMyAddin", "RibbonXlresidency")
    written = vbaproject.vba_project_bytes(renamed)
    streams = cfb.read_compound_file(written).streams
    assert "VBA/RibbonXlresidency" in streams and "VBA/RibbonMyAddin" not in streams
    records = vbaproject.read_records(decompress(streams["VBA/dir"]))
    texts = {r.id: r.data for r in records if r.data.startswith((b"Ribbon", "Ribbon".encode("utf-16-le")))}
    assert texts == {vbaproject.MODULENAME: b"RibbonXlresidency", vbaproject.MODULESTREAMNAME: b"RibbonXlresidency",
                     vbaproject.MODULENAMEUNICODE: "RibbonXlresidency".encode("utf-16-le"),
                     vbaproject.MODULESTREAMNAMEUNICODE: "RibbonXlresidency".encode("utf-16-le")}
    project_text = streams["PROJECT"].decode("cp1252")
    assert "Module=RibbonXlresidency\r\n" in project_text and "\r\nRibbonXlresidency=98, 98," in project_text
    assert "myaddin" not in project_text.lower().replace('name="myaddin"', "")
    assert b"R\0i\0b\0b\0o\0n\0X\0l\0r\0e\0s\0i\0d\0e\0n\0c\0y\0\0\0" in streams["PROJECTwm"]
    code = olevba_modules(written)
    assert code == {m.name: renamed.text(m) for m in renamed.modules}
    assert "RibbonMyAddin" not in code and "Sub RunMain(control As IRibbonControl)" in code["RibbonXlresidency"]
    source = renamed.text(renamed.module("RibbonXlresidency"))
    assert source.startswith('Attribute VB_Name = "RibbonXlresidency"\r\n')
    assert source.replace("RibbonXlresidency", "RibbonMyAddin") == template.text(template.module("RibbonMyAddin"))


def test_a_rename_refuses_a_clash_a_bad_name_and_a_missing_module(template: vbaproject.VbaProject) -> None:
    with pytest.raises(WorkbookError, match="already has"):
        vbaproject.rename_module(template, "RibbonMyAddin", "xlwings")
    with pytest.raises(ValueError):
        vbaproject.rename_module(template, "RibbonMyAddin", "Ribbon Two")
    with pytest.raises(WorkbookError, match="no module"):
        vbaproject.rename_module(template, "Module9", "Ribbon")


def test_renaming_the_project(template: vbaproject.VbaProject) -> None:
    renamed = vbaproject.read_vba_project(vbaproject.vba_project_bytes(vbaproject.rename_project(template,
                                                                                                 "xlresidency")))
    assert renamed.name == "xlresidency"
    assert '\r\nName="xlresidency"\r\n' in renamed.project_text and 'Name="MyAddin"' not in renamed.project_text
    with pytest.raises(ValueError):
        vbaproject.rename_project(template, "two words")


def test_a_module_carried_from_another_project(template: vbaproject.VbaProject) -> None:
    saved = vbaproject.read_vba_project(with_functions(template_vba()))
    functions = saved.module("xlwings_udfs")
    assert functions is not None and saved.text(functions) == UDF_SOURCE
    assert "Module=xlwings_udfs" in saved.project_text
    assert olevba_modules(with_functions(template_vba()))["xlwings_udfs"].count("XLPy.CallUDF") == 2
    # carried into a renamed project, replacing an older copy of itself
    older = vbaproject.with_module(template, module("xlwings_udfs", 'Attribute VB_Name = "xlwings_udfs"\r\n'), "cp1252")
    carried = vbaproject.read_vba_project(vbaproject.vba_project_bytes(
        vbaproject.with_module(vbaproject.rename_module(older, "RibbonMyAddin", "Ribbon"), functions, saved.codec)))
    assert [m.name for m in carried.modules] == ["ThisWorkbook", "Dictionary", "Ribbon", "Sheet2", "xlwings",
                                                 "xlwings_udfs"]
    assert carried.text(carried.module("XLWINGS_UDFS")) == UDF_SOURCE  # VBA names ignore case
    assert carried.project_text.count("Module=xlwings_udfs") == 1


def test_a_module_from_a_project_in_another_code_page_is_converted(template: vbaproject.VbaProject) -> None:
    accented = module("Fonctions", 'Attribute VB_Name = "Fonctions"\r\n\' café\r\n')
    moved = vbaproject.with_module(template, dataclasses.replace(
        accented, source=accented.source.decode("cp1252").encode("mac_roman")), "mac_roman")
    again = vbaproject.read_vba_project(vbaproject.vba_project_bytes(moved))
    assert again.text(again.module("Fonctions")).endswith("' café\r\n")


def test_not_a_vba_project_is_a_workbook_error() -> None:
    with pytest.raises(WorkbookError):
        vbaproject.read_vba_project(b"not a compound file")
    with pytest.raises(WorkbookError, match="no VBA/dir"):
        vbaproject.read_vba_project(cfb.write_compound_file({"PROJECT": b"ID=\"{}\""}))
    streams = cfb.read_compound_file(template_vba()).streams
    broken = {**streams, "PROJECT": b'Name="\x81"'}  # a byte code page 1252 does not define
    dir_records = vbaproject.read_records(decompress(streams["VBA/dir"]))
    short_offset = [vbaproject.Record(r.id, b"\0") if r.id == vbaproject.MODULEOFFSET else r for r in dir_records]
    for damaged in (broken, {**streams, "VBA/dir": compress(vbaproject.records_bytes(short_offset))}):
        with pytest.raises(WorkbookError, match="cannot be read"):
            vbaproject.read_vba_project(cfb.write_compound_file(damaged))
