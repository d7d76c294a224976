"""The one XML writer of the package parts: escaping (and reading it back), text a cell can hold, and the ``<c>``
element.

Every part xlresidency writes (the output sheets, the importer's Programs rows, relationships, the add-in's
parts) escapes through ``escape``; every cell it writes is a ``cell_xml``: text always as an inline string (so a
text starting with "=" stays text and the workbook's shared strings are untouched), a date as its serial, a
number as the shortest text that reads back the same.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ..core.notation import date_serial

MAX_TEXT = 32767
"""The most characters an Excel cell holds; longer text is cut."""

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def escape(text: str) -> str:
    """Text made safe for XML content and for double-quoted attribute values."""
    return text.translate(_ESCAPES)


_ENTITY = re.compile(r"&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return chr(code) if 0 < code <= 0x10FFFF else match.group(0)


def unescape(text: str) -> str:
    """XML text as it reads: the five named entities and character references replaced (``escape`` undone)."""
    return _ENTITY.sub(_entity, text) if "&" in text else text


def cell_text(value: str) -> str:
    """Text as a cell can hold it: characters XML cannot carry dropped, cut at ``MAX_TEXT``."""
    text = value if value.isprintable() else _ILLEGAL.sub("", value)  # the common case skips the search
    return text[:MAX_TEXT]


def number_text(value: float) -> str:
    """A number as the package writes it: whole numbers without a point, others as Python's shortest repr."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def cell_xml(reference: str, value: Any, style: int, prefix: str = "", keep_blank: bool = False) -> str:
    """One ``<c>`` element (``prefix``: the sheet's namespace prefix, if it uses one). A blank cell is written only
    when it has a style or ``keep_blank`` says so (the importer keeps a blank it writes over a value)."""
    p, s = prefix, f' s="{style}"' if style else ""
    if value is None:
        return f'<{p}c r="{reference}"{s}/>' if style or keep_blank else ""
    if isinstance(value, bool):
        return f'<{p}c r="{reference}"{s} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, int | float) and math.isfinite(value):
        return f'<{p}c r="{reference}"{s}><{p}v>{number_text(value)}</{p}v></{p}c>'
    if isinstance(value, dt.date | dt.time) and (isinstance(value, dt.time) or value.year >= 1900):
        return f'<{p}c r="{reference}"{s}><{p}v>{number_text(date_serial(value))}</{p}v></{p}c>'
    text = escape(cell_text(value.isoformat() if isinstance(value, dt.date) else str(value)))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
    return f'<{p}c r="{reference}"{s} t="inlineStr"><{p}is><{p}t{space}>{text}</{p}t></{p}is></{p}c>'
