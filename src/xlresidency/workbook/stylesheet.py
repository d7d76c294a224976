"""The workbook's style sheet (``xl/styles.xml``), grown by the cell styles the output sheets need and nothing else.

Cells point at a cell format by its position in ``cellXfs``, and a cell format points at fonts, fills and number
formats by position too; the applicant's cells use those positions, so an existing entry is never moved or
rewritten. A cell style the sheets need is first searched among the existing entries by meaning (Excel re-saves the
file in its own spelling), and only appended when missing: regenerating twice leaves the style sheet as the first
run left it. Everything else in the part (borders, named styles, the applicant's differential formats, table
styles, colours, extensions) stays as it is, byte for byte, because the part is edited as text around the five
lists it grows (the fifth: the differential formats the output sheets' conditional formats fill cells with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET

from .package import NS_MAIN
from .xmlwriter import escape

# Excel's built-in number formats that need no entry of their own.
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}
FIRST_CUSTOM_FORMAT = 164
# The children of <styleSheet>, in the order the schema requires.
_BLOCK_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                "tableStyles", "colors", "extLst")
# What a style sheet must hold for cell format 0 to exist, when a file comes without one of these lists.
_DEFAULT_CHILDREN = {
    "fonts": ('<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>', 1),
    "fills": ('<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>', 2),
    "borders": ("<border><left/><right/><top/><bottom/><diagonal/></border>", 1),
    "cellStyleXfs": ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>', 1),
    "cellXfs": ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', 1),
}
_ENTRY = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "cellXfs": "xf", "dxfs": "dxf"}
EMPTY_STYLESHEET = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{NS_MAIN}"/>'.encode()


@dataclass(frozen=True)
class Font:
    """A font change against the workbook's default font (size and name are the default's)."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: str | None = None  # hex RGB


@dataclass(frozen=True)
class CellStyle:
    """Everything a cell of an output sheet can look like: one cell format."""

    font: Font | None = None
    fill: str | None = None  # hex RGB of a solid fill
    number_format: str | None = None
    wrap: bool = False
    top: bool = False
    center: bool = False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# Attribute values that say what leaving the attribute out says (<b val="1"/> is <b/>, <u val="single"/> is <u/>).
_DEFAULT_VALUES = {("b", "val"): {"1", "TRUE"}, ("i", "val"): {"1", "TRUE"}, ("strike", "val"): {"1", "TRUE"},
                   ("u", "val"): {"SINGLE"}}


def _canonical(element: Element, skip: frozenset[str] = frozenset()) -> tuple:
    """What an XML element means, independent of attribute and child order, namespace prefixes, the spelling of
    defaults and the alpha byte of colours (which Excel ignores)."""
    tag = _local(element.tag)
    attributes = []
    for key, value in element.attrib.items():
        name, value = _local(key), value.upper()
        if name in skip or value in _DEFAULT_VALUES.get((tag, name), ()):
            continue
        attributes.append((name, value[-6:] if name == "rgb" else value))
    children = tuple(sorted(_canonical(child, skip) for child in element))
    return tag, tuple(sorted(attributes)), children


# Attributes that say nothing about how a cell looks (Excel adds or drops them when it saves).
_XF_NOISE = frozenset({"applyNumberFormat", "applyFont", "applyFill", "applyBorder", "applyAlignment",
                       "applyProtection", "quotePrefix", "pivotButton"})


class StyleSheet:
    """``xl/styles.xml`` as text, with the output sheets' cell styles found or appended (``xf``)."""

    def __init__(self, xml: bytes | None) -> None:
        self.text = (xml or EMPTY_STYLESHEET).decode("utf-8")
        root = SafeET.fromstring(self.text.encode("utf-8"))
        match = re.search(r"<(\w+:)?styleSheet\b", self.text)
        self.prefix = match[1] or "" if match else ""
        self.changed = xml is None
        for name in _BLOCK_ORDER[1:6]:
            if root.find(f"{{{NS_MAIN}}}{name}") is None:
                self._insert_block(name, *_DEFAULT_CHILDREN[name])
        root = SafeET.fromstring(self.text.encode("utf-8"))
        self.formats = {e.get("formatCode", ""): int(e.get("numFmtId", "0"))
                        for e in root.iterfind(f"{{{NS_MAIN}}}numFmts/{{{NS_MAIN}}}numFmt")}
        self.fonts = [_canonical(e) for e in root.iterfind(f"{{{NS_MAIN}}}fonts/{{{NS_MAIN}}}font")]
        self.fills = [_canonical(e) for e in root.iterfind(f"{{{NS_MAIN}}}fills/{{{NS_MAIN}}}fill")]
        self.xfs = [_canonical(e, _XF_NOISE) for e in root.iterfind(f"{{{NS_MAIN}}}cellXfs/{{{NS_MAIN}}}xf")]
        self.dxfs = [_canonical(e) for e in root.iterfind(f"{{{NS_MAIN}}}dxfs/{{{NS_MAIN}}}dxf")]
        first_font = root.find(f"{{{NS_MAIN}}}fonts/{{{NS_MAIN}}}font")
        self.base_font = _font_basics(first_font) if first_font is not None else {}
        self.known: dict[CellStyle, int] = {}

    # ---- the lists, as text ------------------------------------------------------------------------------

    def _prefixed(self, xml: str) -> str:
        """Entries written in the prefix the file uses for the spreadsheet namespace (usually none)."""
        return re.sub(r"<(/?)(?=[a-zA-Z])", rf"<\1{self.prefix}", xml) if self.prefix else xml

    def _insert_block(self, name: str, children: str, count: int) -> None:
        """Add a missing list where the schema puts it among the style sheet's children."""
        p = self.prefix
        block = f'<{p}{name} count="{count}">{self._prefixed(children)}</{p}{name}>'
        for successor in _BLOCK_ORDER[_BLOCK_ORDER.index(name) + 1 :]:
            found = re.search(rf"<{p}{successor}[\s/>]", self.text)
            if found:
                self.text = self.text[: found.start()] + block + self.text[found.start() :]
                break
        else:
            empty = re.search(rf"<{p}styleSheet\b([^>]*?)\s*/>", self.text)
            if empty:  # <styleSheet/>: open it up
                opened = f"<{p}styleSheet{empty[1]}>{block}</{p}styleSheet>"
                self.text = self.text[: empty.start()] + opened + self.text[empty.end() :]
            else:
                self.text = self.text.replace(f"</{p}styleSheet>", block + f"</{p}styleSheet>", 1)
        self.changed = True

    def _append(self, name: str, child: str) -> None:
        """Add one entry at the end of a list and count it (a missing list of number formats is created)."""
        p = self.prefix
        empty = re.search(rf"<{p}{name}\b([^>]*?)\s*/>", self.text)
        if empty:
            self.text = self.text[: empty.start()] + f"<{p}{name}{empty[1]}></{p}{name}>" + self.text[empty.end() :]
        pattern = re.compile(rf"<{p}{name}\b([^>]*)>(.*?)</{p}{name}>", re.S)
        block = pattern.search(self.text)
        if block is None:
            self._insert_block(name, "", 0)
            block = pattern.search(self.text)
            assert block is not None
        content = block[2] + self._prefixed(child)
        count = len(re.findall(rf"<{p}{_ENTRY[name]}[\s/>]", content))
        attributes = re.sub(r'\s*count="[^"]*"', "", block[1])
        replaced = f'<{p}{name} count="{count}"{attributes}>{content}</{p}{name}>'
        self.text = self.text[: block.start()] + replaced + self.text[block.end() :]
        self.changed = True

    def _number_format(self, code: str | None) -> int:
        if not code:
            return 0
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        if code not in self.formats:
            number = max([FIRST_CUSTOM_FORMAT - 1, *self.formats.values()]) + 1
            self._append("numFmts", f'<numFmt numFmtId="{number}" formatCode="{escape(code)}"/>')
            self.formats[code] = number
        return self.formats[code]

    def _font(self, font: Font | None) -> int:
        if font is None:
            return 0
        base = self.base_font
        colour = f'<color rgb="FF{font.color}"/>' if font.color else base.get("color", "")
        xml = ("<font>" + ("<b/>" if font.bold else "") + ("<i/>" if font.italic else "")
               + ("<u/>" if font.underline else "") + base.get("sz", "") + colour
               + "".join(base.get(name, "") for name in ("name", "family", "charset", "scheme")) + "</font>")
        return self._find_or_add("fonts", self.fonts, xml)

    def _fill(self, colour: str | None) -> int:
        if colour is None:
            return 0
        xml = (f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour}"/><bgColor indexed="64"/>'
               "</patternFill></fill>")
        return self._find_or_add("fills", self.fills, xml)

    def _find_or_add(self, name: str, known: list[tuple], xml: str) -> int:
        key = _canonical(SafeET.fromstring(f'<{name} xmlns="{NS_MAIN}">{xml}</{name}>')[0])
        if key in known:
            return known.index(key)
        self._append(name, xml)
        known.append(key)
        return len(known) - 1

    def xf(self, style: CellStyle) -> int:
        """The position in ``cellXfs`` of a cell format with this style: an existing one, or one appended."""
        if style in self.known:
            return self.known[style]
        number, font, fill = self._number_format(style.number_format), self._font(style.font), self._fill(style.fill)
        alignment = ""
        if style.wrap or style.top or style.center:
            alignment = "<alignment" + (' horizontal="center"' if style.center else "") + (
                ' vertical="top"' if style.top else "") + (' wrapText="1"' if style.wrap else "") + "/>"
        xml = (f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
               + (' applyNumberFormat="1"' if number else "") + (' applyFont="1"' if font else "")
               + (' applyFill="1"' if fill else "") + (' applyAlignment="1"' if alignment else "")
               + (f">{alignment}</xf>" if alignment else "/>"))
        key = _canonical(SafeET.fromstring(f'<cellXfs xmlns="{NS_MAIN}">{xml}</cellXfs>')[0], _XF_NOISE)
        if key in self.xfs:
            index = self.xfs.index(key)
        else:
            self._append("cellXfs", xml)
            self.xfs.append(key)
            index = len(self.xfs) - 1
        self.known[style] = index
        return index

    def dxf(self, colour: str) -> int:
        """The position in ``dxfs`` of the differential format a conditional format uses to fill a cell with
        ``colour``: an existing one, or one appended after the applicant's (theirs keep their numbers)."""
        xml = (f'<dxf><fill><patternFill patternType="solid"><fgColor rgb="FF{colour}"/><bgColor rgb="FF{colour}"/>'
               "</patternFill></fill></dxf>")
        return self._find_or_add("dxfs", self.dxfs, xml)

    def to_bytes(self) -> bytes:
        return self.text.encode("utf-8")


def _font_basics(font: Element) -> dict[str, str]:
    """The size, colour, name and family of the workbook's default font, as elements to copy into a new font."""
    found = {}
    for child in font:
        name = _local(child.tag)
        if name in ("sz", "color", "name", "family", "charset", "scheme"):
            attributes = "".join(f' {_local(k)}="{escape(v)}"' for k, v in child.attrib.items())
            found[name] = f"<{name}{attributes}/>"
    return found
