"""The headless adapter, and the only openpyxl user: read input tables, write output sheets, keep the rest.

Reading hands each input table to ``validation.validate`` as a ``RawTable`` of cached cell values. Writing
replaces only the output sheets the pipeline owns, at the place they had, and keeps everything else the
file holds that openpyxl can keep: input sheets cell for cell, user sheets, charts, images, comments,
defined names, data validations, conditional formats, a VBA project and a ribbon part. What openpyxl
would drop (shapes, form controls, slicers, ...) is found before anything is written, and then the
original is never overwritten. Files are written atomically, with the previous version kept as a backup.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import re
import shutil
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.chart
from defusedxml import ElementTree as SafeET
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from . import schema
from .cells import is_blank
from .emails import default_templates
from .errors import WorkbookError
from .fileio import atomic_write
from .opening import check_not_locked, check_readable, check_writable, load_for_update, reading
from .records import RawTable, Season
from .regenerate import regenerate
from .settings import setting_rows
from .sheets import layout as look
from .sheets.layout import OutputSheet
from .validation import validate

RIBBON_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
)

HEADER_FILL = PatternFill("solid", fgColor=look.HEADER_FILL)
HEADER_FONT = Font(bold=True, color=look.HEADER_TEXT)
NOTE_FONT = Font(italic=True, color=look.NOTE_TEXT)
DATE_FORMAT = look.DATE_FORMAT
MONEY_FORMAT = '"$"#,##0'
TABLE_STYLE = "TableStyleMedium2"
TEMPLATE_ROWS = 200  # rows of the template's empty input tables that carry dropdowns and formats

# Parts openpyxl cannot carry through a save, by where they live in the package.
_DROPPED_PARTS = {
    "xl/threadedComments/": "threaded comments (they would turn into plain notes)",
    "xl/ctrlProps/": "form controls (buttons, check boxes, drop-down controls)",
    "xl/activeX/": "ActiveX controls",
    "xl/slicers/": "slicers",
    "xl/timelines/": "timelines",
    "xl/diagrams/": "SmartArt graphics",
    "xl/embeddings/": "embedded objects",
    "xl/model/": "a data model",
}
_SHAPE_TAGS = re.compile(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp|graphicFrame)[ >]")
_CHART_FRAME = re.compile(rb"<(?:\w+:)?graphicFrame[ >].*?</(?:\w+:)?graphicFrame>", re.S)


# --------------------------------------------------------------------------------------------------
# Reading.


def _find_tables(book: Workbook) -> dict[str, tuple[str, Table]]:
    """Folded table name -> (sheet title, table) for every Excel table in the workbook."""
    found: dict[str, tuple[str, Table]] = {}
    for ws in book.worksheets:
        for name in ws.tables:
            found.setdefault(schema.fold(name), (ws.title, ws.tables[name]))
    return found


def _data_bounds(table: Table) -> tuple[int, int, int, int]:
    """The header and data rows of a table, without its Total Row (as Excel's structured references read it)."""
    min_col, min_row, max_col, max_row = (int(v or 1) for v in range_boundaries(str(table.ref)))
    return min_col, min_row, max_col, max(min_row, max_row - int(table.totalsRowCount or 0))


def _rows_below(ws: Worksheet, table: Table) -> list[int]:
    """Excel rows typed directly below a table (Excel did not extend it): the block of non-blank rows there."""
    min_col, _, max_col, max_row = (int(v or 1) for v in range_boundaries(str(table.ref)))
    others = [range_boundaries(str(t.ref)) for t in ws.tables.values() if t is not table]
    found: list[int] = []
    for row, values in enumerate(
        ws.iter_rows(min_row=max_row + 1, max_row=ws.max_row, min_col=min_col, max_col=max_col, values_only=True),
        start=max_row + 1,
    ):
        in_other = any(
            (b[1] or 0) <= row <= (b[3] or 0) and (b[0] or 0) <= max_col and (b[2] or 0) >= min_col for b in others
        )
        if in_other or all(is_blank(v) for v in values):
            break
        found.append(row)
    return found


def _cells(ws: Any, bounds: tuple[int, int, int, int] | None = None) -> tuple[list[list[Any]], bool]:
    """A block of cell values, and whether any of those cells holds a formula."""
    if bounds is None:
        rows = ws.iter_rows()
    else:
        min_col, min_row, max_col, max_row = bounds
        rows = ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col)
    values: list[list[Any]] = []
    formulas = False
    for row in rows:
        values.append([c.value for c in row])
        formulas = formulas or any(c.data_type == "f" for c in row)
    return values, formulas


_DATE_SERIAL_WARNING = re.compile(r"Cell ([A-Z]+\d+) is marked as a date but the serial value (\S+) is outside")


def _date_serials(load_warnings: list[str]) -> dict[str, float]:
    """Cells openpyxl turned into #VALUE! because their date serial number is beyond Excel's dates: cell -> number."""
    found: dict[str, float] = {}
    for message in load_warnings:
        match = _DATE_SERIAL_WARNING.match(message)
        if match:
            with contextlib.suppress(ValueError):
                found[match[1]] = float(match[2])
    return found


def _put_back_serials(rows: list[list[Any]], first_col: int, first_row: int, serials: dict[str, float]) -> None:
    """Give cells openpyxl read as #VALUE! their date serial number back, so Checks can say what is wrong."""
    for r, values in enumerate(rows, start=first_row):
        for c, value in enumerate(values, start=first_col):
            if value == "#VALUE!":
                values[c - first_col] = serials.get(f"{get_column_letter(c)}{r}", value)


def read_tables(
    path: Path, book: Workbook | None = None, load_warnings: list[str] | None = None
) -> dict[str, RawTable]:
    """Every input table of a workbook as a RawTable of cell values; a formula gives its last computed result.

    A table's Total Row is not read, and rows typed just below it are named (``RawTable.rows_below``). A sheet
    named like an input table but holding no Excel table is read from its cells, so data pasted without
    Insert > Table is not ignored (Checks says so).
    """
    check_readable(path)
    if book is None:
        book, load_warnings = load_for_update(path)
    serials = _date_serials(load_warnings or [])
    tables = _find_tables(book)
    sheets = {schema.fold(ws.title): ws.title for ws in book.worksheets}
    cached: list[Workbook] = []  # the file's last computed values, read only when an input cell holds a formula

    def computed(title: str, bounds: tuple[int, int, int, int] | None) -> list[list[Any]]:
        values, formulas = _cells(book[title], bounds)
        if formulas:
            if not cached:
                with reading(path), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    cached.append(openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False))
            ws = cached[0][title]
            if bounds is None:
                values = [list(r) for r in ws.iter_rows(values_only=True)]
            else:
                min_col, min_row, max_col, max_row = bounds
                values = [list(r) for r in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                                        max_col=max_col, values_only=True)]
        if serials:
            _put_back_serials(values, *(bounds[:2] if bounds else (1, 1)), serials)
        return values

    result: dict[str, RawTable] = {}
    try:
        for spec in schema.INPUT_TABLES:
            located = tables.get(schema.fold(spec.name))
            if located is not None:
                sheet, table = located
                bounds = _data_bounds(table)
                rows = computed(sheet, bounds)
                if rows:
                    result[spec.name] = RawTable(spec.name, sheet, rows[0], rows[1:], bounds[1] + 1,
                                                 rows_below=_rows_below(book[sheet], table))
                continue
            title = sheets.get(schema.fold(spec.name))
            if title is None:
                continue
            rows = computed(title, None)
            header = schema.header_row(rows, spec)
            if header is not None:
                result[spec.name] = RawTable(
                    spec.name, title, rows[header], rows[header + 1 :], header + 2, is_table=False
                )
    finally:
        for workbook in cached:
            workbook.close()
    return result


def read_season(path: Path) -> Season:
    """Read and validate a workbook's inputs."""
    return validate(read_tables(path))


# --------------------------------------------------------------------------------------------------
# What a save would lose.


def losses(path: Path, load_warnings: list[str] | None = None) -> list[str]:
    """What the file holds that openpyxl would drop on saving it, in plain words (empty: nothing)."""
    found: list[str] = []
    with reading(path), zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for prefix, what in _DROPPED_PARTS.items():
            if any(n.startswith(prefix) for n in names):
                found.append(what)
        for name in names:
            if re.fullmatch(r"xl/drawings/drawing\d+\.xml", name):
                xml = _CHART_FRAME.sub(b"", archive.read(name))
                if _SHAPE_TAGS.search(xml):
                    found.append("shapes or text boxes")
                    break
        for name in names:
            if name.startswith("xl/drawings/") and name.endswith(".vml"):
                kinds = set(re.findall(rb'ObjectType="(\w+)"', archive.read(name)))
                if kinds - {b"Note"}:
                    found.append("form controls (buttons, check boxes, drop-down controls)")
                    break
    for message in load_warnings or []:
        serial = _DATE_SERIAL_WARNING.match(message)
        if serial:  # openpyxl would save the cell as #VALUE!
            found.append(f"a date serial number beyond Excel's last date in cell {serial[1]}")
        elif any(word in message for word in ("will be removed", "will be lost", "dropped", "discarded")):
            found.append(
                message.rstrip(".").replace(
                    "extension is not supported and will be removed",
                    "features (an Excel extension openpyxl cannot keep)",
                )
            )
    return sorted(set(found))


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


def _fill_sheet(ws: Worksheet, sheet: OutputSheet) -> None:
    grid = sheet.grid()
    columns = list(sheet.frame.columns)
    n_data = len(sheet.frame)
    for r, values in enumerate(grid, start=1):
        ws.append([_text_safe(v) for v in values])
        for c, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                ws.cell(row=r, column=c).data_type = "s"  # text stays text, never a formula
    ws["A1"].font = NOTE_FONT
    for c in range(1, len(columns) + 1):
        cell = ws.cell(row=2, column=c)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    fills = {
        col: {k: PatternFill("solid", fgColor=v) for k, v in colours.items()} for col, colours in sheet.fills.items()
    }
    for c, name in enumerate(columns, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = sheet.width(name)
        fmt = sheet.number_formats.get(name)
        is_link = name in sheet.links
        colour = fills.get(name)
        is_wrap = name in sheet.wrap
        # Cells of a column share a handful of looks: style the first cell of each look through openpyxl,
        # then give the others a copy of its style record (assigning style objects cell by cell costs seconds
        # at 13,000 rows).
        looks: dict[tuple[bool, str | None], Any] = {}
        for r in range(3, 3 + n_data):
            target: Any = ws.cell(row=r, column=c)
            value = target.value
            if is_link and isinstance(value, str) and value:
                target.hyperlink = value
                target.value = look.LINK_TEXT
                target.style = "Hyperlink"
                continue
            shade = value if colour is not None and isinstance(value, str) and value in colour else None
            key = (isinstance(value, dt.datetime), shade)
            shared = looks.get(key)
            if shared is not None:
                target._style = copy.copy(shared)
                continue
            target.alignment = wrap if is_wrap else top
            if fmt:
                target.number_format = fmt
            elif key[0]:
                target.number_format = DATE_FORMAT
            if shade is not None and colour is not None:
                target.fill = colour[shade]
            looks[key] = copy.copy(target._style)
    for r, lines in enumerate(sheet.line_counts(), start=3):
        if lines > 1:
            ws.row_dimensions[r].height = min(409, 15 * lines)
    footer_start = 3 + n_data + 1
    for r in range(footer_start, footer_start + len(sheet.footer)):
        ws.cell(row=r, column=1).font = Font(bold=True)
        for c, name in enumerate(columns, start=1):  # a total under a money column is money too
            cell = ws.cell(row=r, column=c)
            if name in sheet.number_formats and isinstance(cell.value, int | float):
                cell.number_format = sheet.number_formats[name]
    if sheet.chart is not None:
        _add_chart(ws, sheet)
    if columns:
        ws.freeze_panes = sheet.freeze_cell
    if sheet.filter_range is not None:
        first_row, first_col, last_row, last_col = sheet.filter_range
        ws.auto_filter.ref = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "{}:{}".format(*sheet.print_title_rows)


def _add_chart(ws: Worksheet, sheet: OutputSheet) -> None:
    """The sheet's line chart, native to Excel, over its data block below the footer; placed beside the block."""
    assert sheet.chart is not None and sheet.chart_block is not None
    header, last, width = sheet.chart_block
    ws.cell(row=header, column=1).font = Font(bold=True)
    for c in range(2, width + 1):
        ws.cell(row=header, column=c).font = Font(bold=True)
        for r in range(header + 1, last + 1):
            ws.cell(row=r, column=c).number_format = sheet.chart.y_format
    chart = openpyxl.chart.LineChart()
    chart.title = sheet.chart.title
    chart.y_axis.title = sheet.chart.y_title
    chart.x_axis.title = str(sheet.chart.data.columns[0])
    chart.y_axis.number_format = sheet.chart.y_format
    chart.y_axis.scaling.min = 0
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.add_data(Reference(ws, min_col=2, max_col=width, min_row=header, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header + 1, max_row=last))
    names = list(sheet.chart.data.columns[1:])
    for series, name in zip(chart.series, names, strict=True):
        series.smooth = False
        if name in sheet.chart.markers_only:
            series.marker.symbol = "circle"
            series.marker.size = 10
            series.marker.graphicalProperties = GraphicalProperties(solidFill="C00000")
            series.marker.graphicalProperties.line.solidFill = "C00000"
            series.graphicalProperties.line.noFill = True
        else:
            series.marker.symbol = "none"
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, f"{get_column_letter(width + 2)}{header}")


def replace_output_sheets(book: Workbook, sheets: list[OutputSheet]) -> None:
    """Put each generated sheet where its previous version stood (or at the end), leaving all else alone."""
    existing = {schema.fold(ws.title): ws for ws in book.worksheets}
    for sheet in sheets:
        old = existing.get(schema.fold(sheet.name))
        index = book.worksheets.index(old) if old is not None else len(book.worksheets)
        fresh = book.create_sheet(title=f"{sheet.name}~new", index=index)
        if old is not None:
            fresh.sheet_properties.tabColor = old.sheet_properties.tabColor
            fresh.sheet_state = old.sheet_state
            book.remove(old)
        fresh.title = sheet.name
        _fill_sheet(fresh, sheet)


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


def save_atomically(book: Workbook, target: Path, original: Path | None = None) -> Path | None:
    """Save to a temporary file beside ``target``, then replace it; the old ``target`` becomes the backup.

    Returns the backup path (None when ``target`` did not exist). A failed save leaves ``target`` as it was.
    """
    check_writable(target)
    backup = backup_path(target) if target.exists() else None

    def write(temp: Path) -> None:
        book.save(temp)
        if original is not None:
            _restore_ribbon(original, temp)

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


@dataclass
class WriteResult:
    """Where a regeneration wrote, and what the applicant should know about it."""

    path: Path
    backup: Path | None = None
    losses: list[str] = field(default_factory=list)  # what the original had that the written copy lacks


def default_copy_path(path: Path) -> Path:
    """Where a regenerated copy goes when the original cannot be overwritten safely."""
    return path.with_name(f"{path.stem} (regenerated){path.suffix}")


def write_outputs(
    path: Path,
    sheets: list[OutputSheet],
    out: Path | None = None,
    book: Workbook | None = None,
    load_warnings: list[str] | None = None,
) -> WriteResult:
    """Replace the output sheets of ``path`` (or write the result to ``out``), keeping everything else."""
    check_readable(path)
    check_not_locked(path)
    if out is not None:
        if out.is_dir():
            raise WorkbookError(f"{out}: is a folder; give a file name for the result, such as {out / path.name}")
        if out.suffix.lower() != path.suffix.lower():
            raise WorkbookError(f"{out}: the output must have the same extension as the input ({path.suffix})")
        check_not_locked(out)
    if book is None:
        book, load_warnings = load_for_update(path)
    lost = losses(path, load_warnings)
    target = out or path
    if lost and out is None:
        target = default_copy_path(path)
    replace_output_sheets(book, sheets)
    backup = save_atomically(book, target, original=path)
    return WriteResult(target, backup, lost)


def regenerate_file(
    path: Path, out: Path | None = None, progress: Any = None
) -> tuple[Season, list[OutputSheet], WriteResult]:
    """Read, validate, regenerate and write one workbook: the whole headless run."""
    check_readable(path)
    check_not_locked(path)
    report = progress or (lambda _stage: None)
    report("Opening the workbook")
    book, load_warnings = load_for_update(path)
    report("Reading your input tables")
    season = validate(read_tables(path, book, load_warnings))
    sheets = regenerate(season, progress=report)
    report("Saving")
    result = write_outputs(path, sheets, out=out, book=book, load_warnings=load_warnings)
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
