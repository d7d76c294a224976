"""Building a new season workbook with openpyxl: the input template (``xlresidency new``), optionally filled with
rows (the demo season), and saving what openpyxl builds atomically with a backup.

This is the only module of the headless path that imports openpyxl: regenerating and checking a workbook never
load it (``xlsx.py`` reads with calamine and writes the package parts itself), so those commands start faster.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..core import schema
from ..core.errors import WorkbookError
from ..core.settings import setting_rows
from ..rules.emails import default_templates
from ..sheets import layout
from .opening import reading
from .xlsx import replace_file

RIBBON_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
)

NOTE_FONT = Font(italic=True, color=layout.NOTE_TEXT)
DATE_FORMAT = layout.DATE_FORMAT
MONEY_FORMAT = '"$"#,##0'
TABLE_STYLE = "TableStyleMedium2"
TEMPLATE_ROWS = 200  # rows of the template's empty input tables that carry dropdowns and formats


# --------------------------------------------------------------------------------------------------
# Writing cells.


def _text_safe(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write one value; text stays text even when it starts with '=' (never becomes a formula)."""
    cell = ws.cell(row=row, column=column)
    value = _text_safe(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


# --------------------------------------------------------------------------------------------------
# Saving: atomic, with a backup, ribbon kept.


def _ribbon_parts(original: Path) -> tuple[list[tuple[str, str, str]], dict[str, bytes]]:
    """Root relationships of ribbon parts (id, type, target) and every customUI part of the original file."""
    with reading(original), zipfile.ZipFile(original) as archive:
        if "_rels/.rels" not in archive.namelist():
            return [], {}
        root = SafeET.fromstring(archive.read("_rels/.rels"))
        rels = [
            (r.get("Id", ""), r.get("Type", ""), r.get("Target", ""))
            for r in root
            if r.get("Type") in RIBBON_RELATIONSHIPS
        ]
        parts = {n: archive.read(n) for n in archive.namelist() if n.lower().startswith("customui/")}
    return rels, parts


def _restore_ribbon(original: Path, saved: Path) -> None:
    """Put back the ribbon (customUI parts and their root relationships) that openpyxl drops on save."""
    rels, parts = _ribbon_parts(original)
    if not rels:
        return
    with zipfile.ZipFile(saved) as archive:
        entries = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    root_xml = entries["_rels/.rels"].decode("utf-8")
    for rel_id, rel_type, target in rels:
        if f'Type="{rel_type}"' in root_xml:
            continue
        used = set(re.findall(r'Id="([^"]+)"', root_xml))
        new_id = (
            rel_id
            if rel_id and rel_id not in used
            else next(f"rIdUI{i}" for i in range(1, 999) if f"rIdUI{i}" not in used)
        )
        root_xml = root_xml.replace(
            "</Relationships>", f'<Relationship Id="{new_id}" Type="{rel_type}" Target="{target}"/></Relationships>'
        )
    entries["_rels/.rels"] = root_xml.encode("utf-8")
    for name, data in parts.items():
        entries.setdefault(name, data)
    types = entries["[Content_Types].xml"].decode("utf-8")
    for ext in sorted({n.rsplit(".", 1)[-1].lower() for n in parts if "." in n.rsplit("/", 1)[-1]}):
        if f'Extension="{ext}"' not in types and ext != "rels":
            mime = {
                "xml": "application/xml",
                "png": "image/png",
                "jpg": "image/jpeg",
                "jpeg": "image/jpeg",
                "gif": "image/gif",
                "bmp": "image/bmp",
            }.get(ext, "application/octet-stream")
            types = types.replace("<Default ", f'<Default Extension="{ext}" ContentType="{mime}"/><Default ', 1)
    entries["[Content_Types].xml"] = types.encode("utf-8")
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def save_atomically(book: Workbook, target: Path, original: Path | None = None) -> Path | None:
    """Save an openpyxl workbook (a new template) atomically with a backup; the ribbon of ``original`` is put back
    (openpyxl drops its relationship)."""

    def write(temp: Path) -> None:
        book.save(temp)
        if original is not None:
            _restore_ribbon(original, temp)

    return replace_file(target, write).backup


# --------------------------------------------------------------------------------------------------
# The template.


def _number_format(kind: schema.Kind) -> str | None:
    return {
        "date": DATE_FORMAT,
        "money": MONEY_FORMAT,
        "integer": "0",
        "year": "0",
        "percent": "0",
        "number": "General",
    }.get(kind)


def _dropdown(col: schema.Column) -> DataValidation | None:
    if not col.dropdown:
        return None
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(col.dropdown) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=col.name,
        error=f"Pick one of: {', '.join(col.dropdown)}",
    )
    return validation


def _add_input_sheet(book: Workbook, spec: schema.InputTable, records: list[dict[str, Any]]) -> Worksheet:
    ws = book.create_sheet(spec.name)
    ws["A1"] = spec.hint
    ws["A1"].font = NOTE_FONT
    headers = [c.name for c in spec.columns]
    extra = [k for r in records for k in r if k not in headers]
    headers += list(dict.fromkeys(extra))
    for c, name in enumerate(headers, start=1):
        put(ws, 2, c, name)
    for r, record in enumerate(records, start=3):
        for c, name in enumerate(headers, start=1):
            value = record.get(name)
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                value = dt.datetime(value.year, value.month, value.day)
            put(ws, r, c, value)
    last_row = max(3, 2 + len(records))
    ref = f"A2:{get_column_letter(len(headers))}{last_row}"
    table = Table(displayName=spec.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    format_rows = range(3, max(last_row, 2 + TEMPLATE_ROWS) + 1)
    for c, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = col.width
        fmt = _number_format(col.kind)
        if fmt and not spec.key_value:
            for r in format_rows:
                ws.cell(row=r, column=c).number_format = fmt
        validation = _dropdown(col)
        if validation is not None and not spec.key_value:
            validation.add(f"{letter}3:{letter}{format_rows[-1]}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "2:2"
    return ws


def _profile_records(values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"Field": f.name, "Value": values.get(f.name, f.default)} for f in schema.PROFILE_FIELDS]


def _settings_records(values: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for row in setting_rows():
        value = values.get(row.label, row.value)
        rows.append({"Setting": row.label, "Value": value if value != "" else None, "Meaning": row.meaning})
    return rows


def _format_key_values(
    ws: Worksheet, records: list[dict[str, Any]], kinds: list[tuple[str, schema.Column | None]]
) -> None:
    """Per-row formats and dropdowns for the Value column of Profile and Settings."""
    for r, (_, col) in enumerate(kinds, start=3):
        if col is None:
            continue
        fmt = _number_format(col.kind)
        if fmt:
            ws.cell(row=r, column=2).number_format = fmt
        validation = _dropdown(col)
        if validation is not None:
            validation.add(f"B{r}")
            ws.add_data_validation(validation)


def new_workbook(path: Path, rows: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """Write the input template (optionally filled with rows per table), atomically; refuse to overwrite."""
    if path.suffix.lower() != ".xlsx":  # a macro workbook needs a VBA project, which the template has not
        raise WorkbookError(f"{path}: choose a name ending in .xlsx")
    if path.exists():
        raise WorkbookError(f"{path}: already exists; choose another name or move the file away")
    rows = rows or {}
    book = Workbook()
    for default_sheet in list(book.worksheets):
        book.remove(default_sheet)
    profile_values = {r["Field"]: r["Value"] for r in rows.get("Profile", [])}
    profile = _profile_records(profile_values)
    ws = _add_input_sheet(book, schema.INPUT_BY_NAME["Profile"], profile)
    _format_key_values(ws, profile, [(f.name, f) for f in schema.PROFILE_FIELDS])
    for name in ("Programs", "Commitments", "Ratings"):
        _add_input_sheet(book, schema.INPUT_BY_NAME[name], rows.get(name, []))
    setting_values = {r["Setting"]: r["Value"] for r in rows.get("Settings", [])}
    settings = _settings_records(setting_values)
    ws = _add_input_sheet(book, schema.INPUT_BY_NAME["Settings"], settings)
    _format_key_values(ws, settings, [(r["Setting"], _setting_column(r["Setting"])) for r in settings])
    templates = rows.get("Templates") or [
        {str(k): v for k, v in record.items()} for record in default_templates().to_dict("records")
    ]
    ws = _add_input_sheet(book, schema.INPUT_BY_NAME["Templates"], templates)
    for r in range(3, 3 + len(templates)):
        for c in (2, 3):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")
    book.active = 0
    save_atomically(book, path)
    return path


def _setting_column(label: str) -> schema.Column | None:
    for row in setting_rows():
        if row.label == label:
            return schema.Column(label, row.kind)
    return None
