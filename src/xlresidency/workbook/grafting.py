"""Replacing the output sheets inside a workbook package, and nothing else.

The parts regeneration owns: each output sheet's worksheet part with its relationships, drawing and chart; and
the parts that list sheets, relationships, content types and styles (``xl/workbook.xml``, its relationships,
``[Content_Types].xml``, ``xl/styles.xml``), of which only the entries for the output sheets change:

- an output sheet that exists keeps its place, its part name, its sheet id, its relationship id, its state
  (hidden or not) and its tab colour; a missing one is added after the last sheet;
- the print titles and filter ranges (defined names ``_xlnm.Print_Titles`` and ``_xlnm._FilterDatabase``) of
  the output sheets are written again; every other defined name stays as it is;
- styles are appended, never renumbered (``stylesheet.py``);
- the calculation chain is dropped only when an output sheet being replaced held formulas (its entries would
  then point at cells that no longer hold them, which Excel reports as damage; Excel rebuilds the chain).

Every other part is carried over byte for byte: input sheets with their formulas and stored results, user sheets,
shared strings, charts, drawings, pivot tables, custom XML, web extensions, a VBA project, a ribbon. The parts
that list things are edited as text around the entries that change, so what they hold that this module does not
know about (extensions, other namespaces, their order) stays as it was. ``docProps/app.xml`` keeps its list of
sheet titles: Excel rewrites it on its next save and reads nothing from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET

from ..core import schema
from ..core.notation import column_letter, sheet_reference
from ..sheets.layout import OutputSheet
from .package import (
    CONTENT_TYPES,
    CT_CHART,
    CT_DRAWING,
    CT_STYLES,
    CT_WORKSHEET,
    NS_MAIN,
    NS_R,
    REL_CALC_CHAIN,
    REL_CHART,
    REL_DRAWING,
    REL_HYPERLINK,
    REL_STYLES,
    REL_WORKSHEET,
    Relationship,
    SheetEntry,
    main_part,
    reachable,
    relationships,
    relationships_xml,
    rels_name,
    workbook_sheets,
)
from .sheetxml import CHART_REL, DRAWING_REL, SheetParts, filter_reference, link_rel, render
from .stylesheet import StyleSheet
from .xmlwriter import escape

OWNED_NAMES = ("_xlnm.Print_Titles", "_xlnm._FilterDatabase")
# What follows <definedNames> in a workbook part (ECMA-376 Part 1, 18.2.27), to insert the list where it belongs.
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")


@dataclass
class _Placed:
    """Where one output sheet goes in the package."""

    sheet: OutputSheet
    entry: SheetEntry
    tab_color: str = ""
    is_new: bool = False


class _Text:
    """An XML part edited as text, with the namespace prefix its root uses for the main namespace."""

    def __init__(self, data: bytes, root: str) -> None:
        self.text = data.decode("utf-8")
        match = re.search(rf"<(\w+:)?{root}\b", self.text)
        self.prefix = (match[1] or "") if match else ""

    def block(self, name: str) -> re.Match[str] | None:
        """The element of this name (the first), empty or with content."""
        p = re.escape(self.prefix)
        return re.search(rf"<{p}{name}\b[^>]*?(?:/>|>.*?</{p}{name}>)", self.text, re.S)

    def elements(self, name: str, within: str) -> list[str]:
        """Every element of this name inside the ``within`` element, in document order."""
        p = re.escape(self.prefix)
        outer = self.block(within)
        text = outer[0] if outer is not None else ""
        return [m[0] for m in re.finditer(rf"<{p}{name}\b[^>]*?(?:/>|>.*?</{p}{name}>)", text, re.S)]


def _free_name(parts: Mapping[str, bytes], taken: set[str], pattern: str) -> str:
    """The first part name ``pattern.format(n)`` (n = 1, 2, ...) not in use."""
    lowered = {p.lower() for p in parts} | {t.lower() for t in taken}
    number = 1
    while pattern.format(number).lower() in lowered:
        number += 1
    return pattern.format(number)


def _free_id(used: set[str]) -> str:
    number = 1
    while f"rId{number}" in used:
        number += 1
    return f"rId{number}"


def _place(parts: dict[str, bytes], entries: list[SheetEntry], sheets: list[OutputSheet],
           workbook_rels: list[Relationship]) -> list[_Placed]:
    """Each output sheet's entry: the existing sheet of that name (case and spacing aside), or a new one."""
    existing = {schema.fold(e.name): e for e in entries if e.is_worksheet and e.part}
    used_ids = {rel.id for rel in workbook_rels}
    next_sheet_id = max([e.sheet_id for e in entries] + [0]) + 1
    taken: set[str] = set()
    placed = []
    for sheet in sheets:
        old = existing.get(schema.fold(sheet.name))
        if old is not None:
            tab = re.search(rb"<(?:\w+:)?tabColor\b([^>]*?)/?>", parts.get(old.part, b""))
            colour = f"<tabColor{tab[1].decode('utf-8')}/>" if tab else ""
            placed.append(_Placed(sheet, SheetEntry(sheet.name, old.sheet_id, old.rel_id, old.part, old.state),
                                  colour))
            continue
        part = _free_name(parts, taken, "xl/worksheets/sheet{}.xml")
        taken.add(part)
        rel_id = _free_id(used_ids)
        used_ids.add(rel_id)
        placed.append(_Placed(sheet, SheetEntry(sheet.name, next_sheet_id, rel_id, part), is_new=True))
        next_sheet_id += 1
    return placed


def _remove_old(parts: dict[str, bytes], placed: list[_Placed]) -> tuple[set[str], bool]:
    """Remove the parts only the replaced output sheets used; returns them, and whether any old sheet held formulas."""
    old_sheets = [p.entry.part for p in placed if not p.is_new]
    if not old_sheets:
        return set(), False
    formulas = any(re.search(rb"<(?:\w+:)?f[\s/>]", parts.get(part, b"")) for part in old_sheets)
    kept = reachable(parts, [""], avoid=set(old_sheets))
    owned = reachable(parts, old_sheets) - kept
    for part in owned:
        parts.pop(part, None)
        parts.pop(rels_name(part), None)
    return owned, formulas


def _sheets_xml(workbook: _Text, entries: list[SheetEntry], placed: list[_Placed], r: str) -> None:
    """The workbook's list of sheets: the others' elements as they were, the output sheets' written again."""
    p = workbook.prefix
    by_id = {x.entry.rel_id: x for x in placed}
    elements = workbook.elements("sheet", within="sheets")
    written = []
    for element, entry in zip(elements, entries, strict=True):
        mine = by_id.get(entry.rel_id)
        if mine is None:
            written.append(element)
            continue
        state = f' state="{entry.state}"' if entry.state != "visible" else ""
        written.append(f'<{p}sheet name="{escape(mine.sheet.name)}" sheetId="{entry.sheet_id}"{state} '
                       f'{r}:id="{entry.rel_id}"/>')
    written += [f'<{p}sheet name="{escape(x.sheet.name)}" sheetId="{x.entry.sheet_id}" {r}:id="{x.entry.rel_id}"/>'
                for x in placed if x.is_new]
    block = workbook.block("sheets")
    if block is None:
        raise KeyError("the workbook part lists no sheets")
    workbook.text = workbook.text[: block.start()] + f"<{p}sheets>{''.join(written)}</{p}sheets>" + workbook.text[
        block.end():]


def _defined_names(workbook: _Text, positions: dict[int, OutputSheet], title_columns: dict[int, int]) -> None:
    """Drop the output sheets' print titles and filter ranges, then write them from the sheets as they are now
    (the header row on every page down, and on a sheet printed over several pages across, its first column)."""
    p = workbook.prefix
    root = SafeET.fromstring(workbook.text.encode("utf-8"))
    names = list(root.iterfind(f"{{{NS_MAIN}}}definedNames/{{{NS_MAIN}}}definedName"))
    kept = []
    for element, text in zip(names, workbook.elements("definedName", within="definedNames"), strict=True):
        scope = element.get("localSheetId")
        owned = element.get("name") in OWNED_NAMES and scope is not None and scope.isdigit() and int(
            scope) in positions
        if not owned:
            kept.append(text)
    for position, sheet in sorted(positions.items()):
        reference = filter_reference(sheet)
        if reference:
            first, _, last = reference.partition(":")
            absolute = "$" + re.sub(r"(\d+)", r"$\1", first) + ":$" + re.sub(r"(\d+)", r"$\1", last)
            kept.append(f'<{p}definedName name="_xlnm._FilterDatabase" localSheetId="{position}" hidden="1">'
                        f"{escape(sheet_reference(sheet.name, absolute))}</{p}definedName>")
        first_row, last_row = sheet.print_title_rows
        titles = sheet_reference(sheet.name, f"${first_row}:${last_row}")
        if title_columns.get(position):
            columns = sheet_reference(sheet.name, f"$A:${column_letter(title_columns[position])}")
            titles = f"{columns},{titles}"
        kept.append(f'<{p}definedName name="_xlnm.Print_Titles" localSheetId="{position}">'
                    f"{escape(titles)}</{p}definedName>")
    block = workbook.block("definedNames")
    new_block = f"<{p}definedNames>{''.join(kept)}</{p}definedNames>" if kept else ""
    if block is not None:
        workbook.text = workbook.text[: block.start()] + new_block + workbook.text[block.end():]
        return
    for successor in _AFTER_DEFINED_NAMES:
        found = re.search(rf"<{re.escape(p)}{successor}[\s/>]", workbook.text)
        if found:
            workbook.text = workbook.text[: found.start()] + new_block + workbook.text[found.start():]
            return
    workbook.text = re.sub(rf"(</{re.escape(p)}workbook>)", lambda m: new_block + m[1], workbook.text, count=1)


def _relationships_text(data: bytes, add: list[Relationship], remove: set[str], source: str) -> bytes:
    """A relationships part with some relationships dropped (by id) and others added, the rest untouched."""
    text = data.decode("utf-8")
    for rel_id in remove:
        text = re.sub(rf"<(\w+:)?Relationship\b[^>]*\bId=\"{re.escape(rel_id)}\"[^>]*/>", "", text)
    added = relationships_xml(add, source).decode("utf-8")
    inner = added[added.index("<Relationship ") :].removesuffix("</Relationships>") if add else ""
    return re.sub(r"(</(?:\w+:)?Relationships>)", lambda m: inner + m[1], text, count=1).encode("utf-8")


def _content_types(data: bytes, add: dict[str, str], remove: set[str]) -> bytes:
    """``[Content_Types].xml`` with overrides for removed parts dropped and for new parts added (an override that
    already says the right thing stays where it is)."""
    text = data.decode("utf-8")
    wanted = {f"/{part}".lower(): kind for part, kind in add.items()}
    gone = {f"/{part}".lower() for part in remove}
    present: set[str] = set()

    def keep(match: re.Match[str]) -> str:
        name = re.search(r'PartName="([^"]*)"', match[0])
        kind = re.search(r'ContentType="([^"]*)"', match[0])
        part = name[1].lower() if name else ""
        if part in wanted and kind and kind[1] == wanted[part] and part not in present:
            present.add(part)
            return match[0]
        return "" if part in gone or part in wanted else match[0]

    text = re.sub(r"<(?:\w+:)?Override\b[^>]*/>", keep, text)
    new = "".join(f'<Override PartName="/{part}" ContentType="{kind}"/>' for part, kind in add.items()
                  if f"/{part}".lower() not in present)
    return re.sub(r"(</(?:\w+:)?Types>)", lambda m: new + m[1], text, count=1).encode("utf-8")


def _styles(parts: dict[str, bytes], rels: list[Relationship]) -> tuple[str, StyleSheet, list[Relationship]]:
    """The style sheet part (a new one, with its relationship, when the file has none)."""
    for rel in rels:
        if rel.type == REL_STYLES and not rel.external:
            return rel.target, StyleSheet(parts.get(rel.target)), []
    part = "xl/styles.xml" if "xl/styles.xml" not in parts else _free_name(parts, set(), "xl/styles{}.xml")
    used = {rel.id for rel in rels}
    return part, StyleSheet(None), [Relationship(_free_id(used), REL_STYLES, part)]


def _write_sheet(parts: dict[str, bytes], placed: _Placed, rendered: SheetParts, taken: set[str],
                 types: dict[str, str]) -> None:
    """Put one rendered output sheet into the package: its part, its links, its drawing and chart (``types``
    collects the content types of the parts written, ``taken`` the part names given out)."""
    part = placed.entry.part
    parts[part] = rendered.xml
    types[part] = CT_WORKSHEET
    sheet_rels = [Relationship(link_rel(i), REL_HYPERLINK, url, external=True)
                  for i, url in enumerate(rendered.links, start=1)]
    if rendered.drawing is not None and rendered.chart is not None:
        drawing = _free_name(parts, taken, "xl/drawings/drawing{}.xml")
        chart = _free_name(parts, taken | {drawing}, "xl/charts/chart{}.xml")
        taken |= {drawing, chart}
        parts[drawing], parts[chart] = rendered.drawing, rendered.chart
        parts[rels_name(drawing)] = relationships_xml([Relationship(CHART_REL, REL_CHART, chart)], drawing)
        types |= {drawing: CT_DRAWING, chart: CT_CHART}
        sheet_rels.append(Relationship(DRAWING_REL, REL_DRAWING, drawing))
    if sheet_rels:
        parts[rels_name(part)] = relationships_xml(sheet_rels, part)


def graft(parts: dict[str, bytes], sheets: list[OutputSheet]) -> dict[str, bytes]:
    """The package with ``sheets`` written in place of the output sheets of the same names (or added)."""
    main = main_part(parts)
    workbook_rels = relationships(parts, main)
    entries = workbook_sheets(parts, main)
    placed = _place(parts, entries, sheets, workbook_rels)
    removed, had_formulas = _remove_old(parts, placed)
    styles_part, styles, new_rels = _styles(parts, workbook_rels)
    new_rels += [Relationship(x.entry.rel_id, REL_WORKSHEET, x.entry.part) for x in placed if x.is_new]
    workbook = _Text(parts[main], "workbook")
    root = SafeET.fromstring(parts[main])
    view = root.find(f"{{{NS_MAIN}}}bookViews/{{{NS_MAIN}}}workbookView")
    active = int(view.get("activeTab", "0") or 0) if view is not None else 0
    order = [e.rel_id for e in entries] + [x.entry.rel_id for x in placed if x.is_new]
    types: dict[str, str] = {}
    taken: set[str] = set()
    title_columns: dict[int, int] = {}
    for x in placed:
        position = order.index(x.entry.rel_id)
        rendered = render(x.sheet, styles, x.tab_color, selected=position == active)
        title_columns[position] = rendered.title_columns
        _write_sheet(parts, x, rendered, taken, types)
    drop_ids: set[str] = set()
    if had_formulas:
        for rel in workbook_rels:
            if rel.type == REL_CALC_CHAIN:
                parts.pop(rel.target, None)
                removed.add(rel.target)
                drop_ids.add(rel.id)
    r = re.search(rf'xmlns:(\w+)="{re.escape(NS_R)}"', workbook.text)
    if r is None:
        workbook.text = re.sub(r"<((?:\w+:)?workbook\b)", rf'<\1 xmlns:r="{NS_R}"', workbook.text, count=1)
    _sheets_xml(workbook, entries, placed, r[1] if r else "r")
    _defined_names(workbook, {order.index(x.entry.rel_id): x.sheet for x in placed}, title_columns)
    parts[main] = workbook.text.encode("utf-8")
    parts[rels_name(main)] = _relationships_text(parts[rels_name(main)], new_rels, drop_ids, main)
    if styles.changed:
        parts[styles_part] = styles.to_bytes()
        types[styles_part] = CT_STYLES
    parts[CONTENT_TYPES] = _content_types(parts[CONTENT_TYPES], types, removed - set(types))
    return parts

