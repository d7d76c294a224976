"""The headless adapter: regenerate a workbook file, write the input template, save what openpyxl builds.

Regenerating never loads the workbook: the input tables are read by ``reader.py`` (stored values, formulas by
their last result), and the output sheets are written into the package by ``grafting.py``, which replaces only
the parts it owns and copies every other part byte for byte (input sheets, user sheets, charts, pivot tables,
custom XML, web extensions, a VBA project, a ribbon). Files are written atomically, with the previous version
kept as a backup, and never while Excel has the workbook open.

openpyxl is used only where a workbook is built rather than carried over: the new template (``new_workbook``).
``replace_file`` is the one atomic replace-with-backup that regenerate, the template and the importer share.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
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

from . import schema
from .emails import default_templates
from .errors import WorkbookError
from .fileio import atomic_write
from .grafting import graft
from .opening import check_not_locked, check_readable, check_writable, reading
from .package import read_package, write_package
from .reader import read_tables
from .records import Season
from .regenerate import regenerate
from .settings import setting_rows
from .sheets import layout as look
from .sheets.layout import OutputSheet
from .validation import require_own_sheets, require_season, validate

RIBBON_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
)

NOTE_FONT = Font(italic=True, color=look.NOTE_TEXT)
DATE_FORMAT = look.DATE_FORMAT
MONEY_FORMAT = '"$"#,##0'
TABLE_STYLE = "TableStyleMedium2"
TEMPLATE_ROWS = 200  # rows of the template's empty input tables that carry dropdowns and formats



# --------------------------------------------------------------------------------------------------
# Reading (``reader.py``).


def read_season(path: Path) -> Season:
    """Read and validate a workbook's inputs; a workbook that is not a season is refused (``require_season``)."""
    tables = read_tables(path)
    require_season(tables, path.name)
    return validate(tables, whole_workbook=True)


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


def backup_path(path: Path) -> Path:
    """Where the previous version of a workbook is kept: ``name.backup.xlsx`` beside it."""
    return path.with_name(f"{path.stem}.backup{path.suffix}")


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


def replace_file(target: Path, write: Callable[[Path], None]) -> Path | None:
    """Let ``write`` fill a temporary file beside ``target``, then replace it; the old ``target`` becomes the backup.

    Returns the backup path (None when ``target`` did not exist). A failed write leaves ``target`` as it was.
    """
    check_writable(target)
    backup = backup_path(target) if target.exists() else None

    def keep_backup() -> None:
        if backup is not None:
            shutil.copy2(target, backup)

    try:
        atomic_write(target, write, before_replace=keep_backup)
    except PermissionError as exc:
        raise WorkbookError(f"{target}: cannot write here ({exc.strerror}); is it open in another program?") from exc
    except OSError as exc:  # a read-only disk, a full disk, a folder that cannot be made
        raise WorkbookError(f"{target}: cannot write here ({exc.strerror or exc})") from exc
    return backup


def save_atomically(book: Workbook, target: Path, original: Path | None = None) -> Path | None:
    """Save an openpyxl workbook (a new template, an import) atomically with a backup; the ribbon of
    ``original`` is put back (openpyxl drops its relationship)."""

    def write(temp: Path) -> None:
        book.save(temp)
        if original is not None:
            _restore_ribbon(original, temp)

    return replace_file(target, write)


@dataclass
class WriteResult:
    """Where a regeneration wrote, and what the applicant should know about it."""

    path: Path
    backup: Path | None = None
    losses: list[str] = field(default_factory=list)  # what the original had that the written copy lacks


def default_copy_path(path: Path) -> Path:
    """Where a regenerated copy goes when the original cannot be overwritten safely."""
    return path.with_name(f"{path.stem} (regenerated){path.suffix}")


def write_outputs(path: Path, sheets: list[OutputSheet], out: Path | None = None) -> WriteResult:
    """Replace the output sheets of ``path`` (or write the result to ``out``), every other part byte for byte.

    Only a damaged file (a part whose data is corrupt) cannot be carried over whole: the result then goes to a
    copy beside it, the original is left as it is, and the parts left out are named.
    """
    check_readable(path)
    check_not_locked(path)
    if out is not None:
        if out.is_dir():
            raise WorkbookError(f"{out}: is a folder; give a file name for the result, such as {out / path.name}")
        if out.suffix.lower() != path.suffix.lower():
            raise WorkbookError(f"{out}: the output must have the same extension as the input ({path.suffix})")
        check_not_locked(out)
    with reading(path):
        parts, infos, corrupt = read_package(path)
        grafted = graft(parts, sheets)
    lost = [f"the damaged part {name}" for name in corrupt]
    target = out or path
    if lost and out is None:
        target = default_copy_path(path)
    backup = replace_file(target, lambda temp: write_package(temp, grafted, infos))
    return WriteResult(target, backup, lost)


def regenerate_file(
    path: Path, out: Path | None = None, progress: Any = None
) -> tuple[Season, list[OutputSheet], WriteResult]:
    """Read, validate, regenerate and write one workbook: the whole headless run."""
    check_readable(path)
    check_not_locked(path)
    report = progress or (lambda _stage: None)
    report("Reading your input tables")
    tables = read_tables(path)
    require_season(tables, path.name)
    require_own_sheets({name: raw.sheet for name, raw in tables.items()})
    season = validate(tables, whole_workbook=True)
    sheets = regenerate(season, progress=report)
    report("Saving")
    result = write_outputs(path, sheets, out=out)
    return season, sheets, result


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
