"""The one XML writer of the package parts: escaping and the cell element."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET
from hypothesis import given
from hypothesis import strategies as st

from xlresidency.workbook import xmlwriter

SRC = Path(__file__).resolve().parents[2] / "src" / "xlresidency"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def parsed(xml: str) -> SafeET.Element:
    return SafeET.fromstring(f'<sheetData xmlns="{NS}" xmlns:x="{NS}">{xml}</sheetData>')[0]


def test_text_is_escaped_and_stays_text_even_when_it_looks_like_a_formula() -> None:
    element = parsed(xmlwriter.cell_xml("B2", '=HYPERLINK("x") & <b>', 3))
    assert element.get("t") == "inlineStr" and element.get("s") == "3"
    assert element.findtext(f"{{{NS}}}is/{{{NS}}}t") == '=HYPERLINK("x") & <b>'


def test_text_a_cell_cannot_hold_is_cleaned_and_cut() -> None:
    long = "a\x01b" + "x" * 40000
    text = parsed(xmlwriter.cell_xml("A1", long, 0)).findtext(f"{{{NS}}}is/{{{NS}}}t")
    assert text is not None and text.startswith("ab") and len(text) == xmlwriter.MAX_TEXT


def test_numbers_dates_booleans_and_blanks() -> None:
    assert parsed(xmlwriter.cell_xml("A1", 12.0, 0)).findtext(f"{{{NS}}}v") == "12"
    assert parsed(xmlwriter.cell_xml("A1", 0.1, 0)).findtext(f"{{{NS}}}v") == "0.1"
    assert parsed(xmlwriter.cell_xml("A1", dt.date(2027, 1, 28), 2)).findtext(f"{{{NS}}}v") == "46415"
    assert parsed(xmlwriter.cell_xml("A1", True, 0)).get("t") == "b"
    assert xmlwriter.cell_xml("A1", None, 0) == ""
    assert xmlwriter.cell_xml("A1", None, 4) == '<c r="A1" s="4"/>'
    assert xmlwriter.cell_xml("A1", None, 0, prefix="x:", keep_blank=True) == '<x:c r="A1"/>'
    assert parsed(xmlwriter.cell_xml("C9", "Visit", 0, prefix="x:")).tag == f"{{{NS}}}c"


def test_the_package_parts_are_escaped_in_one_place() -> None:
    """No other module of the package writes its own XML escapes (saxutils, or '&amp;' by hand)."""
    own = re.compile(r"saxutils|&amp;|&lt;|&quot;")
    found = [p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
             if own.search(p.read_text(encoding="utf-8")) and p.name != "xmlwriter.py"]
    assert found == []


@given(st.text())
def test_unescape_reads_back_what_escape_writes(text: str) -> None:
    assert xmlwriter.unescape(xmlwriter.escape(text)) == text


@pytest.mark.parametrize(("written", "read"), [
    ("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", "a & b <c> \"d\" 'e'"),
    ("&#233;t&#xE9; &#x1F600;", "été 😀"),
    ("&nbsp; &amp;amp; &#0; & alone", "&nbsp; &amp; &#0; & alone"),  # not XML's: left as written
])
def test_unescape_knows_xml_entities_and_character_references(written: str, read: str) -> None:
    assert xmlwriter.unescape(written) == read
