"""Build the Residency ribbon add-in (``xlresidency.xlam``) and put it in Excel's startup folder.

The add-in is made from the ribbon add-in template that ships inside the installed xlwings package
(``quickstart_addin_ribbon.xlam``), copied at build time, so its VBA always matches the installed xlwings.
Its VBA project is rewritten with the project's own names, so the add-in does not clash with another add-in made
from the same template (two ``RibbonMyAddin.RunMain`` callbacks, two add-ins reading one ``myaddin.conf``):

- the template's module ``RibbonMyAddin`` becomes ``RibbonXlresidency``, and the VBA project ``MyAddin`` becomes
  ``xlresidency``. The ribbon callback ``RibbonXlresidency.RunMain`` runs ``import <name>;<name>.main()``, where
  ``<name>`` is the add-in's file name without extension: saved as ``xlresidency.xlam`` it runs
  ``xlresidency.main()``;
- the VBA constant ``PROJECT_NAME`` becomes ``"xlresidency"``: settings are read from a sheet named
  ``xlresidency.conf`` (in the active workbook first, then in the add-in), then from ``xlresidency.conf`` beside the
  workbook, then from ``%USERPROFILE%\\.xlresidency\\xlresidency.conf`` (Windows) or
  ``~/Library/Containers/com.microsoft.Excel/Data/xlresidency.conf`` (macOS). The template's sheet is named
  ``_myaddin.conf``, which switches it off; the build names it ``xlresidency.conf`` and writes only the settings it
  knows: ``UDF Modules`` (so ``ImportPythonUDFsToAddin`` imports ``xlresidency.udfs``),
  ``ADD_WORKBOOK_TO_PYTHONPATH`` off (the package is installed, and a workbook on OneDrive has a URL for a folder,
  which breaks that setting) and the Python to run: the interpreter, or for a conda environment ``Conda Path`` and
  ``Conda Env`` as xlwings expects them. Every setting it leaves out can still come from the user's own
  ``xlresidency.conf``.

The rewritten VBA project holds source only (see ``vbaproject``): Office compiles it when it first opens the add-in.
Cell functions imported into an add-in (``ImportPythonUDFsToAddin`` writes them as the VBA module ``xlwings_udfs``)
live only in that file, so a build or install that replaces such an add-in carries the module into the new one.

The add-in's document properties record the xlwings and xlresidency versions it was built with: the template's
VBA calls xlwings' DLL and AppleScript of exactly that xlwings version, so ``addin status`` can say when an
upgrade of xlwings needs a rebuild.

The package is edited as a zip: openpyxl refuses ``.xlam`` files.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import site
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeET

from ..core.errors import WorkbookError, XlresidencyError
from ..core.fileio import atomic_write, check_ours
from ..core.resources import resource_text
from ..core.version import __version__
from ..workbook.package import ROOT_RELS, Relationship, read_part, relationships, relationships_xml
from ..workbook.xmlwriter import escape
from .vbaproject import (
    VbaProject,
    edit_source,
    read_vba_project,
    rename_module,
    rename_project,
    vba_project_bytes,
    with_module,
)

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

# The template's VBA names, and what the build renames them to.
TEMPLATE_RIBBON_MODULE = "RibbonMyAddin"
RIBBON_MODULE = "RibbonXlresidency"
RIBBON_CALLBACK = f"{RIBBON_MODULE}.RunMain"
TEMPLATE_PROJECT_NAME = "myaddin"  # the template's Public Const PROJECT_NAME, in its xlwings module
PROJECT_NAME = "xlresidency"  # the add-in's PROJECT_NAME and its VBA project's name
XLWINGS_VBA_MODULE = "xlwings"
PROJECT_NAME_CONSTANT = re.compile(
    rf'^(\s*Public\s+Const\s+PROJECT_NAME\s+As\s+String\s*=\s*)"{TEMPLATE_PROJECT_NAME}"', re.MULTILINE | re.IGNORECASE
)
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
TEMPLATE_CONFIG_SHEETS = (f"_{TEMPLATE_PROJECT_NAME}.conf", f"{TEMPLATE_PROJECT_NAME}.conf")
UDF_MODULES = "xlresidency.udfs"
UDF_VBA_MODULE = "xlwings_udfs"  # the VBA module ImportPythonUDFsToAddin writes into the add-in

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

_WORKBOOK_PART = "xl/workbook.xml"
_CONFIG_PART = "xl/worksheets/sheet1.xml"
_STRINGS_PART = "xl/sharedStrings.xml"
_CORE_PART = "docProps/core.xml"
_VBA_PART = "xl/vbaProject.bin"


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


def root_relationships(xml: bytes) -> bytes:
    """The package's root relationships with every old ribbon part replaced by the Residency ribbon."""
    kept = [r for r in root_rels(xml) if r.type not in RIBBON_RELATIONSHIPS]
    used = {r.id for r in kept}
    new_id = next(f"rIdRibbon{i}" for i in range(1, len(used) + 2) if f"rIdRibbon{i}" not in used)
    return relationships_xml([*kept, Relationship(new_id, RIBBON_RELATIONSHIP, RIBBON_PART)], "")


def root_rels(xml: bytes) -> list[Relationship]:
    """The package's root relationships (``_rels/.rels``), targets as part names."""
    return relationships({ROOT_RELS: xml}, "")


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
    found = next((name for name in TEMPLATE_CONFIG_SHEETS if f'name="{name}"' in text), None)
    if found is None:
        raise XlresidencyError(
            f"the xlwings add-in template has no {TEMPLATE_CONFIG_SHEETS[0]} sheet; this xlwings is not supported"
        )
    text = text.replace(f'name="{found}"', f'name="{CONFIG_SHEET}"')
    start = text.find("<mc:AlternateContent")
    if start >= 0 and "absPath" in text:
        end = text.find("</mc:AlternateContent>", start) + len("</mc:AlternateContent>")
        text = text[:start] + text[end:]
    SafeET.fromstring(text.encode("utf-8"))  # still well-formed
    return text.encode("utf-8")


@dataclass(frozen=True)
class Python:
    """The Python the add-in is built for, as far as Excel's start of it is concerned."""

    executable: str
    system: str = field(default_factory=lambda: sys.platform)
    bits: int = 64
    conda_root: str | None = None  # the conda installation (the folder holding condabin/)
    conda_env: str | None = None  # its environment: a name, or a path for an environment elsewhere
    package: str | None = None  # where xlresidency is installed
    user_site: str | None = None  # pip install --user's folder


def conda_of(prefix: Path, conda_exe: str | None = None) -> tuple[str, str] | None:
    """(Conda Path, Conda Env) for a conda environment's prefix, or None when the prefix is not conda's."""
    if not (prefix / "conda-meta").is_dir():
        return None
    if (prefix / "condabin").is_dir():
        return str(prefix), "base"
    if prefix.parent.name == "envs" and (prefix.parent.parent / "condabin").is_dir():
        return str(prefix.parent.parent), prefix.name
    if conda_exe:  # an environment made with --prefix: conda activate takes its path
        return str(Path(conda_exe).parent.parent), str(prefix)
    return None


def this_python() -> Python:
    """The running Python: the one ``addin build`` and ``addin install`` write into the add-in."""
    conda = conda_of(Path(sys.prefix), os.environ.get("CONDA_EXE"))
    spec = importlib.util.find_spec("xlresidency")
    return Python(
        executable=sys.executable,
        bits=64 if sys.maxsize > 2**32 else 32,
        conda_root=conda[0] if conda else None,
        conda_env=conda[1] if conda else None,
        package=str(Path(spec.origin).parent) if spec and spec.origin else None,
        user_site=site.getusersitepackages() if site.ENABLE_USER_SITE else None,
    )


def python_warnings(python: Python) -> list[str]:
    """What will stop Excel from starting this Python, each with what to do instead."""
    found = []
    if python.system == "darwin" and " " in python.executable:
        found.append(
            f"the Python path has a space ({python.executable}); the Mac add-in cannot start it. Make a virtual "
            "environment in a folder without spaces (python3 -m venv ~/venvs/xlresidency), install xlresidency "
            "there and run: ~/venvs/xlresidency/bin/python -m xlresidency addin install"
        )
    if python.system.startswith("win") and "WindowsApps" in python.executable:
        found.append(
            f"this is the Microsoft Store Python ({python.executable}); Excel cannot start it from its sandbox. "
            "Install Python from python.org (or use conda), pip install xlresidency there and run: "
            "python -m xlresidency addin install"
        )
    if python.package and python.user_site and Path(python.package).is_relative_to(python.user_site):
        found.append(
            f"xlresidency is installed with pip --user ({python.package}); the Python Excel starts may not see "
            "it. Install it into a virtual environment (python -m venv) or without --user, then run "
            "python -m xlresidency addin install from that Python"
        )
    if python.bits == 32:
        found.append(
            "this Python is 32-bit; it works only with 32-bit Excel, and most Excel installations are 64-bit. "
            "Install 64-bit Python from python.org and run python -m xlresidency addin install from it"
        )
    return found


def addin_settings(interpreter: str | Python | None = None, system: str | None = None) -> list[tuple[str, str]]:
    """The settings written on the add-in's ``xlresidency.conf`` sheet.

    Only settings with a value are written: a blank row on that sheet would hide the same setting in the
    user's ``xlresidency.conf`` file. The interpreter goes under the key of the system it is for; a conda
    environment is written as ``Conda Path`` and ``Conda Env`` (xlwings activates it, then runs its python).
    """
    settings = [("UDF Modules", UDF_MODULES), ("ADD_WORKBOOK_TO_PYTHONPATH", "false")]
    python = Python(interpreter, system or sys.platform) if isinstance(interpreter, str) else interpreter
    if python is not None and python.conda_root and python.conda_env:
        settings += [("Conda Path", python.conda_root), ("Conda Env", python.conda_env)]
    elif python is not None and python.executable:
        key = "Interpreter_Mac" if (system or python.system) == "darwin" else "Interpreter_Win"
        settings.append((key, python.executable))
    return settings


def config_sheet_xml(code_name: str, settings: list[tuple[str, str]]) -> tuple[bytes, bytes]:
    """The ``xlresidency.conf`` sheet (setting names in column A, values in B) and its shared strings."""
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
        f'<sheetPr codeName="{escape(code_name)}"/>'
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


def built_with() -> str:
    """The versions an add-in is built with, as its document keywords record them."""
    return f"xlwings {importlib.metadata.version('xlwings')}; xlresidency {__version__}"


def core_xml(xml: bytes) -> bytes:
    """Document properties naming the add-in and the versions it was built with, dates as in the template."""
    text = xml.decode("utf-8")
    text = text.replace("<dc:title />", "<dc:title>xlresidency</dc:title>")
    text = text.replace("<cp:keywords />", f"<cp:keywords>{escape(built_with())}</cp:keywords>")
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


def _own_project_name(source: str) -> str:
    """The template's xlwings module with ``PROJECT_NAME = "xlresidency"``."""
    renamed, count = PROJECT_NAME_CONSTANT.subn(rf'\1"{PROJECT_NAME}"', source)
    if count != 1:
        raise XlresidencyError(f'the xlwings add-in template does not set PROJECT_NAME = "{TEMPLATE_PROJECT_NAME}" '
                               "once; this xlwings is not supported")
    return renamed


def addin_vba_project(template_vba: bytes, functions_from: VbaProject | None = None) -> bytes:
    """The template's VBA project with the project's own names, and the imported cell functions of
    ``functions_from`` (a replaced add-in's project holding ``xlwings_udfs``) when given."""
    try:
        project = read_vba_project(template_vba)
    except WorkbookError as exc:
        raise XlresidencyError(f"the xlwings add-in template's VBA project cannot be read ({exc}); "
                               "this xlwings is not supported") from exc
    for needed in (TEMPLATE_RIBBON_MODULE, XLWINGS_VBA_MODULE):
        if project.module(needed) is None:
            raise XlresidencyError(f"the xlwings add-in template has no VBA module {needed}; "
                                   "this xlwings is not supported")
    project = rename_module(project, TEMPLATE_RIBBON_MODULE, RIBBON_MODULE)
    if TEMPLATE_PROJECT_NAME in project.name.lower():
        project = rename_project(project, PROJECT_NAME)
    project = edit_source(project, XLWINGS_VBA_MODULE, _own_project_name)
    if functions_from is not None and (functions := functions_from.module(UDF_VBA_MODULE)) is not None:
        project = with_module(project, functions, functions_from.codec)
    return vba_project_bytes(project)


def imported_functions(addin: Path) -> VbaProject | None:
    """The VBA project of an add-in that holds imported cell functions (``xlwings_udfs``), or None: no such
    add-in, no such module, or a project that cannot be read."""
    try:
        with zipfile.ZipFile(addin) as package:
            project = read_vba_project(package.read(_VBA_PART))
    except (OSError, KeyError, zipfile.BadZipFile, WorkbookError):
        return None
    return project if project.module(UDF_VBA_MODULE) is not None else None


def is_our_addin(path: Path) -> bool:
    """Whether a file is an add-in xlresidency built (its document properties, or its ribbon, name xlresidency)."""
    try:
        with zipfile.ZipFile(path) as package:
            found = [read_part(package, package.getinfo(name), 1 << 20)
                     for name in (_CORE_PART, RIBBON_PART) if name in package.namelist()]
    except (zipfile.BadZipFile, KeyError, WorkbookError):
        return False
    return any(b"xlresidency" in part for part in found)


# --------------------------------------------------------------------------------------------------
# Building.


def build_addin(
    out_dir: Path | str, interpreter: str | Python | None = None, system: str | None = None,
    functions_from: Path | None = None, force: bool = False,
) -> Path:
    """Make ``xlresidency.xlam`` in a folder from the installed xlwings ribbon add-in template.

    ``interpreter`` (a path to python.exe / python, or a ``Python``, e.g. ``this_python()``) is written to the
    add-in's settings, so the ribbon runs the Python that has xlresidency installed; without it, the user's
    ``xlresidency.conf`` or ``python`` on the PATH is used. ``system`` (``sys.platform`` style) says which system
    the interpreter is for. Cell functions imported into the add-in it replaces (or into ``functions_from``) are
    carried into the new one. An ``xlresidency.xlam`` already there that xlresidency did not build is replaced only
    with ``force`` (and kept as ``xlresidency.backup.xlam``).
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise WorkbookError(f"{folder}: is a file, not a folder")
    target = folder / ADDIN_NAME
    foreign = check_ours(target, is_our_addin, "an add-in xlresidency built", force)
    folder.mkdir(parents=True, exist_ok=True)
    source = template_path()
    ribbon = ribbon_xml()
    functions = imported_functions(functions_from or target)
    with zipfile.ZipFile(source) as template:
        names = template.namelist()
        for needed in ("_rels/.rels", "[Content_Types].xml", _WORKBOOK_PART, _CONFIG_PART, _VBA_PART):
            if needed not in names:
                raise XlresidencyError(f"the xlwings add-in template has no {needed}; this xlwings is not supported")
        old_ribbons = {r.target for r in root_rels(template.read("_rels/.rels")) if r.type in RIBBON_RELATIONSHIPS}
        sheet, shared = config_sheet_xml(_code_name(template.read(_CONFIG_PART)), addin_settings(interpreter, system))
        rewritten = {
            "_rels/.rels": root_relationships(template.read("_rels/.rels")),
            "[Content_Types].xml": content_types_xml(template.read("[Content_Types].xml")),
            _WORKBOOK_PART: workbook_xml(template.read(_WORKBOOK_PART)),
            _CONFIG_PART: sheet,
            _STRINGS_PART: shared,
            RIBBON_PART: ribbon,
            _VBA_PART: addin_vba_project(template.read(_VBA_PART), functions),
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

        atomic_write(target, write, backup=foreign)
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


EXCEL_STARTUP_QUERY: dict[str, list[str]] = {
    # Excel's own answer, where it can be asked: COM on Windows (Excel started hidden, then quit), AppleScript on
    # macOS. Neither has been run here (no Excel on this machine); a failed or odd answer falls back to the
    # known folder.
    "win32": ["powershell", "-NoProfile", "-NonInteractive", "-Command",
              "$x = New-Object -ComObject Excel.Application; try { $x.StartupPath } finally { $x.Quit() }"],
    "darwin": ["osascript", "-e", 'tell application "Microsoft Excel" to return POSIX path of (startup path as text)'],
}

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


def excel_startup_folder(system: str | None = None, run: Runner = subprocess.run) -> Path | None:
    """The startup folder Excel itself reports, or None when it cannot be asked or gives no existing folder."""
    command = EXCEL_STARTUP_QUERY.get("win32" if (system or sys.platform).startswith("win") else system or sys.platform)
    if command is None:
        return None
    try:
        done = run(command, capture_output=True, text=True, timeout=90, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    answer = (done.stdout or "").strip().splitlines()
    if done.returncode != 0 or not answer or not answer[-1].strip():
        return None
    folder = Path(answer[-1].strip())
    return folder if folder.is_absolute() and folder.is_dir() else None


def startup_folders(system: str | None = None, home: Path | None = None, run: Runner = subprocess.run) -> list[Path]:
    """Where the add-in goes: Excel's own answer first, then the known per-user folder (once each)."""
    known = startup_folder(system, home=home)
    asked = excel_startup_folder(system, run)
    return [asked, known] if asked is not None and asked != known else [known]


def has_imported_functions(addin: Path) -> bool:
    """Whether ``ImportPythonUDFsToAddin`` was run in this add-in (its VBA project holds ``xlwings_udfs``).

    A project this reader cannot parse is searched for the module's name as its stream's name is stored (UTF-16).
    """
    try:
        with zipfile.ZipFile(addin) as package:
            vba = package.read(_VBA_PART)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    try:
        return read_vba_project(vba).module(UDF_VBA_MODULE) is not None
    except WorkbookError:
        return UDF_VBA_MODULE.encode("utf-16-le") in vba


def carry_functions(addin: Path, functions_from: VbaProject, out: Path) -> None:
    """Write ``out``: a copy of ``addin`` whose VBA project also holds the cell functions of ``functions_from``."""
    with zipfile.ZipFile(addin) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == _VBA_PART:
                module = functions_from.module(UDF_VBA_MODULE)
                project = read_vba_project(data)
                if module is not None:
                    project = with_module(project, module, functions_from.codec)
                data = vba_project_bytes(project)
            dst.writestr(info, data)


@dataclass(frozen=True)
class Installed:
    """Where the add-in was put; whether the one it replaced had imported cell functions that are now gone
    (``replaced_functions``) or were carried into the new add-in (``kept_functions``)."""

    path: Path
    replaced_functions: bool
    kept_functions: bool = False


def install_addin(
    source: Path | None = None,
    *,
    system: str | None = None,
    folder: Path | None = None,
    home: Path | None = None,
    run: Runner = subprocess.run,
    force: bool = False,
) -> Installed:
    """Copy the add-in into Excel's startup folder (building it first, set to this Python, when not given).

    The folder is the one Excel reports where it can be asked, else the known per-user folder. On macOS,
    Excel runs Python through an AppleScript that xlwings ships; it is put where Excel may call it (what
    ``xlwings runpython install`` does). Cell functions imported into the add-in it replaces are carried into
    the new one.
    """
    system = system or sys.platform
    destination = folder or startup_folders(system, home=home, run=run)[0]
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / ADDIN_NAME
    foreign = check_ours(target, is_our_addin, "an add-in xlresidency built", force)
    had_functions = has_imported_functions(target)
    with tempfile.TemporaryDirectory() as scratch:
        built = source or build_addin(Path(scratch), interpreter=this_python(), system=system, functions_from=target)
        if built.name != ADDIN_NAME:
            raise XlresidencyError(f"{built}: the add-in must be named {ADDIN_NAME} to run xlresidency.main()")
        functions = imported_functions(target) if source is not None and not has_imported_functions(built) else None
        try:
            if functions is not None:
                atomic_write(target, lambda temp: carry_functions(built, functions, temp), backup=foreign)
            else:
                atomic_write(target, lambda temp: shutil.copyfile(built, temp), backup=foreign)
        except PermissionError as exc:
            raise WorkbookError(f"{target}: cannot be replaced; quit Excel and run again") from exc
    if system == "darwin":
        install_runpython_script(home)
    has_functions = has_imported_functions(target)
    return Installed(target, had_functions and not has_functions, had_functions and has_functions)


def remove_addin(
    *, system: str | None = None, home: Path | None = None, run: Runner = subprocess.run
) -> list[Path]:
    """Delete the add-in from every startup folder it is in; returns the files removed (none: it was not there).

    xlwings' AppleScript stays on macOS: other xlwings add-ins use it too.
    """
    removed = []
    for folder in startup_folders(system, home=home, run=run):
        target = folder / ADDIN_NAME
        if target.is_file():
            try:
                target.unlink()
            except PermissionError as exc:
                raise WorkbookError(f"{target}: cannot be removed while Excel has it open; quit Excel and run again"
                                    ) from exc
            removed.append(target)
    return removed


def read_settings(addin: Path) -> dict[str, str]:
    """The settings on an add-in's config sheet (as ``build_addin`` writes them: shared strings, A and B)."""
    with zipfile.ZipFile(addin) as package:
        strings = [si.findtext(f"{{{MAIN_NS}}}t") or "" for si in SafeET.fromstring(package.read(_STRINGS_PART))]
        sheet = SafeET.fromstring(package.read(_CONFIG_PART))
    cells = {c.get("r", ""): strings[int(c.findtext(f"{{{MAIN_NS}}}v") or 0)]
             for c in sheet.iter(f"{{{MAIN_NS}}}c") if c.get("t") == "s"}
    return {cells[ref]: cells.get("B" + ref[1:], "") for ref in sorted(cells) if ref.startswith("A")}


def recorded_versions(addin: Path) -> dict[str, str]:
    """The versions an add-in records it was built with ({"xlwings": "0.37.8", ...}; empty for an older build)."""
    with zipfile.ZipFile(addin) as package:
        core = package.read(_CORE_PART).decode("utf-8") if _CORE_PART in package.namelist() else ""
    keywords = re.search(r"<cp:keywords>([^<]*)</cp:keywords>", core)
    return dict(re.findall(r"(\w+) ([\w.+-]+)", keywords.group(1))) if keywords else {}


@dataclass(frozen=True)
class Status:
    """What ``addin status`` reports."""

    path: Path | None
    settings: dict[str, str] = field(default_factory=dict)
    built_with: dict[str, str] = field(default_factory=dict)
    functions_imported: bool = False
    problems: list[str] = field(default_factory=list)


def addin_status(
    *, system: str | None = None, home: Path | None = None, run: Runner = subprocess.run,
    folder: Path | None = None,
) -> Status:
    """The installed add-in and what would stop it from working with the Python and xlwings installed now."""
    folders = [folder] if folder else startup_folders(system, home=home, run=run)
    found = next((f / ADDIN_NAME for f in folders if (f / ADDIN_NAME).is_file()), None)
    if found is None:
        return Status(None, problems=["the add-in is not installed; run: python -m xlresidency addin install"])
    settings, versions = read_settings(found), recorded_versions(found)
    problems = []
    xlwings_now = importlib.metadata.version("xlwings")
    if versions.get("xlwings") != xlwings_now:
        problems.append(
            f"the add-in was built with xlwings {versions.get('xlwings', 'of an unknown version')} but xlwings "
            f"{xlwings_now} is installed; its VBA calls the DLL and AppleScript of its own version, so the button "
            "and the cell functions fail: run python -m xlresidency addin install again"
        )
    if versions.get("xlresidency") not in (None, __version__):
        problems.append(f"the add-in was built by xlresidency {versions['xlresidency']}, this is {__version__}; "
                        "install it again to be sure its settings are current")
    for key in ("Interpreter_Win", "Interpreter_Mac"):
        if settings.get(key) and (system or sys.platform).startswith("win" if key.endswith("Win") else "darwin") \
                and not Path(settings[key]).is_file():
            problems.append(f"the add-in runs {settings[key]}, which does not exist; run addin install from the "
                            "Python that has xlresidency installed")
    return Status(found, settings, versions, has_imported_functions(found), problems)


def install_runpython_script(home: Path | None = None) -> Path:
    """Put xlwings' AppleScript where Excel for Mac may run it; RunPython (the Regenerate button) needs it."""
    scripts = sorted(template_path().parent.glob("xlwings-*.applescript"))
    if not scripts:
        raise XlresidencyError("the installed xlwings package has no RunPython AppleScript; reinstall xlwings")
    folder = (home or Path.home()) / "Library" / "Application Scripts" / "com.microsoft.Excel"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(scripts[-1], folder))
