"""Build the Residency ribbon add-in (``xlresidency.xlam``) and put it in Excel's startup folder.

The add-in is made from the ribbon add-in template that ships inside the installed xlwings package
(``quickstart_addin_ribbon.xlam``), copied at build time, so its VBA always matches the installed xlwings.
Nothing here can write VBA, so the add-in keeps the template's VBA project as it is and uses what it offers:

- the ribbon callback ``RibbonMyAddin.RunMain`` runs ``import <name>;<name>.main()``, where ``<name>`` is the
  add-in's file name without extension: saved as ``xlresidency.xlam`` it runs ``xlresidency.main()``;
- the VBA constant ``PROJECT_NAME`` is ``"myaddin"``: settings are read from a sheet named ``myaddin.conf``
  (in the active workbook first, then in the add-in), then from ``myaddin.conf`` beside the workbook, then from
  ``%USERPROFILE%\\.myaddin\\myaddin.conf`` (Windows) or ``~/Library/Containers/com.microsoft.Excel/Data/myaddin.conf``
  (macOS). The template's sheet is named ``_myaddin.conf``, which switches it off; the build renames it to
  ``myaddin.conf`` and writes only the settings it knows: ``UDF Modules`` (so ``ImportPythonUDFsToAddin``
  imports ``xlresidency.udfs``) and, when given, the Python interpreter. Every setting it leaves out can still
  come from the user's own ``myaddin.conf``.

The package is edited as a zip: openpyxl refuses ``.xlam`` files.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from defusedxml import ElementTree as SafeET

from .errors import WorkbookError, XlresidencyError
from .fileio import atomic_write
from .resources import resource_text

ADDIN_NAME = "xlresidency.xlam"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"

RIBBON_TEMPLATE = "ribbon/customUI14.xml"  # in the project's templates/ folder
RIBBON_PART = "customUI/customUI14.xml"
RIBBON_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
RIBBON_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    RIBBON_RELATIONSHIP,
)
ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
RIBBON_CALLBACK = "RibbonMyAddin.RunMain"

PROJECT_NAME = "myaddin"  # fixed by the template's VBA (Public Const PROJECT_NAME)
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
UDF_MODULES = "xlresidency.udfs"

PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

_WORKBOOK_PART = "xl/workbook.xml"
_CONFIG_PART = "xl/worksheets/sheet1.xml"
_STRINGS_PART = "xl/sharedStrings.xml"
_CORE_PART = "docProps/core.xml"


# --------------------------------------------------------------------------------------------------
# The template.


def template_path() -> Path:
    """The ribbon add-in template inside the installed xlwings package."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise XlresidencyError("xlwings is not installed; install it with: pip install xlwings")
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / TEMPLATE_NAME
        if candidate.is_file():
            return candidate
    raise XlresidencyError(f"the installed xlwings package has no {TEMPLATE_NAME}; reinstall xlwings")


# --------------------------------------------------------------------------------------------------
# The parts the build rewrites.


@dataclass(frozen=True)
class Relationship:
    """One package relationship."""

    id: str
    type: str
    target: str
    target_mode: str = ""


def read_relationships(xml: bytes) -> list[Relationship]:
    """The relationships of a ``.rels`` part."""
    root = SafeET.fromstring(xml)
    return [
        Relationship(r.get("Id", ""), r.get("Type", ""), r.get("Target", ""), r.get("TargetMode", ""))
        for r in root
        if r.tag == f"{{{PKG_RELS_NS}}}Relationship"
    ]


def relationships_xml(relationships: list[Relationship]) -> bytes:
    """A ``.rels`` part holding exactly these relationships."""
    lines = [f'<Relationships xmlns="{PKG_RELS_NS}">']
    for r in relationships:
        mode = f" TargetMode={quoteattr(r.target_mode)}" if r.target_mode else ""
        lines.append(
            f"<Relationship Id={quoteattr(r.id)} Type={quoteattr(r.type)} Target={quoteattr(r.target)}{mode}/>"
        )
    lines.append("</Relationships>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + "".join(lines)).encode("utf-8")


def root_relationships(xml: bytes) -> bytes:
    """The package's root relationships with every old ribbon part replaced by the Residency ribbon."""
    kept = [r for r in read_relationships(xml) if r.type not in RIBBON_RELATIONSHIPS]
    used = {r.id for r in kept}
    new_id = next(f"rIdRibbon{i}" for i in range(1, len(used) + 2) if f"rIdRibbon{i}" not in used)
    return relationships_xml([*kept, Relationship(new_id, RIBBON_RELATIONSHIP, RIBBON_PART)])


def ribbon_xml() -> bytes:
    """The Residency tab, checked to be well-formed and in the namespace its relationship type expects."""
    text = resource_text(RIBBON_TEMPLATE)
    root = SafeET.fromstring(text.encode("utf-8"))
    if root.tag != f"{{{RIBBON_NAMESPACE}}}customUI":
        raise XlresidencyError(f"{RIBBON_TEMPLATE}: the root must be customUI in the {RIBBON_NAMESPACE} namespace")
    return text.encode("utf-8")


def workbook_xml(xml: bytes) -> bytes:
    """The add-in's workbook part: the config sheet switched on, the template author's folder left out."""
    text = xml.decode("utf-8")
    switched_off = f'name="_{CONFIG_SHEET}"'
    if switched_off not in text and f'name="{CONFIG_SHEET}"' not in text:
        raise XlresidencyError(
            f"the xlwings add-in template has no {CONFIG_SHEET} sheet; this xlwings is not supported"
        )
    text = text.replace(switched_off, f'name="{CONFIG_SHEET}"')
    start = text.find("<mc:AlternateContent")
    if start >= 0 and "absPath" in text:
        end = text.find("</mc:AlternateContent>", start) + len("</mc:AlternateContent>")
        text = text[:start] + text[end:]
    SafeET.fromstring(text.encode("utf-8"))  # still well-formed
    return text.encode("utf-8")


def addin_settings(interpreter: str | None = None, system: str | None = None) -> list[tuple[str, str]]:
    """The settings written on the add-in's ``myaddin.conf`` sheet.

    Only settings with a value are written: a blank row on that sheet would hide the same setting in the
    user's ``myaddin.conf`` file. The interpreter goes under the key of the system it is for.
    """
    settings = [("UDF Modules", UDF_MODULES)]
    if interpreter:
        key = "Interpreter_Mac" if (system or sys.platform) == "darwin" else "Interpreter_Win"
        settings.append((key, interpreter))
    return settings


def config_sheet_xml(code_name: str, settings: list[tuple[str, str]]) -> tuple[bytes, bytes]:
    """The ``myaddin.conf`` sheet (setting names in column A, values in B) and its shared strings."""
    strings: list[str] = []
    rows = []
    for r, (name, value) in enumerate(settings, start=1):
        cells = []
        for column, text in (("A", name), ("B", value)):
            strings.append(text)
            cells.append(f'<c r="{column}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}">'
        f"<sheetPr codeName={quoteattr(code_name)}/>"
        f'<dimension ref="A1:B{max(1, len(settings))}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="18" customWidth="1"/>'
        '<col min="2" max="2" width="60" customWidth="1"/></cols>'
        f"<sheetData>{''.join(rows)}</sheetData>"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="{MAIN_NS}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        + "</sst>"
    )
    return sheet.encode("utf-8"), shared.encode("utf-8")


def _code_name(sheet_xml: bytes) -> str:
    """The VBA code name of the config sheet (its VBA module is named after it)."""
    root = SafeET.fromstring(sheet_xml)
    pr = root.find(f"{{{MAIN_NS}}}sheetPr")
    return (pr.get("codeName") if pr is not None else None) or "Sheet2"


def core_xml(xml: bytes) -> bytes:
    """Document properties naming the add-in, dates as in the template."""
    text = xml.decode("utf-8")
    text = text.replace("<dc:title />", "<dc:title>xlresidency</dc:title>")
    text = text.replace(
        "<dc:description />",
        "<dc:description>The Residency ribbon: Regenerate rebuilds the planning sheets of the active workbook."
        "</dc:description>",
    )
    for tag in ("dc:creator", "cp:lastModifiedBy"):
        start, end = text.find(f"<{tag}>"), text.find(f"</{tag}>")
        if 0 <= start < end:
            text = text[: start + len(tag) + 2] + "xlresidency" + text[end:]
    SafeET.fromstring(text.encode("utf-8"))
    return text.encode("utf-8")


def content_types_xml(xml: bytes) -> bytes:
    """The content types, checked: the workbook part must be a macro-enabled add-in."""
    root = SafeET.fromstring(xml)
    overrides = {o.get("PartName"): o.get("ContentType") for o in root if o.tag == f"{{{CT_NS}}}Override"}
    if overrides.get("/" + _WORKBOOK_PART) != ADDIN_CONTENT_TYPE:
        raise XlresidencyError(
            "the xlwings add-in template is not a macro-enabled add-in; this xlwings is not supported"
        )
    defaults = {d.get("Extension") for d in root if d.tag == f"{{{CT_NS}}}Default"}
    if "xml" not in defaults and "/" + RIBBON_PART not in overrides:
        text = xml.decode("utf-8").replace(
            "</Types>", f'<Override PartName="/{RIBBON_PART}" ContentType="application/xml"/></Types>'
        )
        return text.encode("utf-8")
    return xml


# --------------------------------------------------------------------------------------------------
# Building.


def build_addin(out_dir: Path | str, interpreter: str | None = None, system: str | None = None) -> Path:
    """Make ``xlresidency.xlam`` in a folder from the installed xlwings ribbon add-in template.

    ``interpreter`` (a path to python.exe / python) is written to the add-in's settings, so the ribbon
    runs the Python that has xlresidency installed; without it, the user's ``myaddin.conf`` or ``python``
    on the PATH is used. ``system`` (``sys.platform`` style) says which system the interpreter is for.
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise WorkbookError(f"{folder}: is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ADDIN_NAME
    source = template_path()
    ribbon = ribbon_xml()
    with zipfile.ZipFile(source) as template:
        names = template.namelist()
        for needed in ("_rels/.rels", "[Content_Types].xml", _WORKBOOK_PART, _CONFIG_PART, "xl/vbaProject.bin"):
            if needed not in names:
                raise XlresidencyError(f"the xlwings add-in template has no {needed}; this xlwings is not supported")
        old_ribbons = {
            r.target.lstrip("/")
            for r in read_relationships(template.read("_rels/.rels"))
            if r.type in RIBBON_RELATIONSHIPS
        }
        sheet, shared = config_sheet_xml(_code_name(template.read(_CONFIG_PART)), addin_settings(interpreter, system))
        rewritten = {
            "_rels/.rels": root_relationships(template.read("_rels/.rels")),
            "[Content_Types].xml": content_types_xml(template.read("[Content_Types].xml")),
            _WORKBOOK_PART: workbook_xml(template.read(_WORKBOOK_PART)),
            _CONFIG_PART: sheet,
            _STRINGS_PART: shared,
            RIBBON_PART: ribbon,
        }
        if _CORE_PART in names:
            rewritten[_CORE_PART] = core_xml(template.read(_CORE_PART))

        def write(temp: Path) -> None:
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
                for info in template.infolist():
                    if info.filename in old_ribbons and info.filename != RIBBON_PART:
                        continue
                    data = rewritten.pop(info.filename, None)
                    entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(entry, data if data is not None else template.read(info.filename))
                for name, data in rewritten.items():  # parts the template did not have (the ribbon, shared strings)
                    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(entry, data)

        atomic_write(target, write)
    return target


# --------------------------------------------------------------------------------------------------
# Installing.


def startup_folder(system: str | None = None, home: Path | None = None, appdata: str | None = None) -> Path:
    """Excel's per-user startup folder (XLSTART): every add-in in it opens when Excel starts."""
    system = system or sys.platform
    home = home or Path.home()
    if system.startswith("win"):
        base = appdata or os.environ.get("APPDATA") or str(home / "AppData" / "Roaming")
        return Path(base) / "Microsoft" / "Excel" / "XLSTART"
    if system == "darwin":
        office = home / "Library" / "Group Containers" / "UBF8T346G9.Office"
        for content, startup in (("User Content.localized", "Startup.localized"), ("User Content", "Startup")):
            if (office / content).is_dir():
                return office / content / startup / "Excel"
        return office / "User Content.localized" / "Startup.localized" / "Excel"
    raise XlresidencyError(
        "the Residency ribbon needs Excel for Windows or macOS; on this system use the command line: "
        "xlresidency regenerate BOOK.xlsx"
    )


def install_addin(
    source: Path | None = None, *, system: str | None = None, folder: Path | None = None, home: Path | None = None
) -> Path:
    """Copy the add-in into Excel's startup folder (building it first, set to this Python, when not given).

    On macOS, Excel runs Python through an AppleScript that xlwings ships; it is put where Excel may call it
    (what ``xlwings runpython install`` does).
    """
    system = system or sys.platform
    destination = folder or startup_folder(system, home=home)
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / ADDIN_NAME
    with tempfile.TemporaryDirectory() as scratch:
        built = source or build_addin(Path(scratch), interpreter=sys.executable, system=system)
        if built.name != ADDIN_NAME:
            raise XlresidencyError(f"{built}: the add-in must be named {ADDIN_NAME} to run xlresidency.main()")
        try:
            shutil.copyfile(built, target)
        except PermissionError as exc:
            raise WorkbookError(f"{target}: cannot be replaced; quit Excel and run again") from exc
    if system == "darwin":
        install_runpython_script(home)
    return target


def install_runpython_script(home: Path | None = None) -> Path:
    """Put xlwings' AppleScript where Excel for Mac may run it; RunPython (the Regenerate button) needs it."""
    scripts = sorted(template_path().parent.glob("xlwings-*.applescript"))
    if not scripts:
        raise XlresidencyError("the installed xlwings package has no RunPython AppleScript; reinstall xlwings")
    folder = (home or Path.home()) / "Library" / "Application Scripts" / "com.microsoft.Excel"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(scripts[-1], folder))
