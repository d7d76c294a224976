"""The Residency ribbon add-in, built from the installed xlwings template and checked part by part."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree as SafeET

from xlresidency import addin
from xlresidency.errors import WorkbookError, XlresidencyError

with warnings.catch_warnings():
    # oletools 0.60 calls pyparsing APIs that newer pyparsing marks deprecated, at import time.
    warnings.simplefilter("ignore", DeprecationWarning)
    from oletools.olevba import VBA_Parser

CUSTOMUI = f"{{{addin.RIBBON_NAMESPACE}}}"
SUB = re.compile(r"^\s*(Public\s+|Private\s+)?Sub\s+(\w+)\s*\(([^)]*)\)", re.M | re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return addin.build_addin(tmp_path_factory.mktemp("addin"))


def vba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def ribbon_root(path: Path) -> tuple[str, SafeET.Element]:
    with zipfile.ZipFile(path) as z:
        rels = addin.read_relationships(z.read("_rels/.rels"))
        ribbon = [r for r in rels if r.type in addin.RIBBON_RELATIONSHIPS]
        assert len(ribbon) == 1, ribbon
        return ribbon[0].type, SafeET.fromstring(z.read(ribbon[0].target.lstrip("/")))


def test_named_so_the_callback_runs_xlresidency_main(built: Path) -> None:
    assert built.name == "xlresidency.xlam"
    run_main = vba_modules(built)["RibbonMyAddin"]
    # RunMain imports the module named like the add-in file and calls its main().
    assert "ThisWorkbook.Name" in run_main
    assert re.search(r'RunPython "import " & mymodule & ";" & mymodule & "\.main\(\)"', run_main)


def test_ribbon_has_the_residency_tab_and_regenerate_button(built: Path) -> None:
    _, root = ribbon_root(built)
    tabs = root.findall(f"{CUSTOMUI}ribbon/{CUSTOMUI}tabs/{CUSTOMUI}tab")
    assert [t.get("label") for t in tabs] == ["Residency"]
    groups = tabs[0].findall(f"{CUSTOMUI}group")
    assert len(groups) == 1 and groups[0].get("label")
    buttons = groups[0].findall(f"{CUSTOMUI}button")
    assert [b.get("label") for b in buttons] == ["Regenerate"]
    assert buttons[0].get("imageMso") and buttons[0].get("size") == "large"
    assert buttons[0].get("onAction") == addin.RIBBON_CALLBACK


def test_namespace_part_and_relationship_type_agree(built: Path) -> None:
    rel_type, root = ribbon_root(built)
    # Office 2010+ ribbons: customUI14.xml, 2009/07 namespace, 2007 relationship type.
    assert rel_type == "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
    assert root.tag == f"{CUSTOMUI}customUI"
    with zipfile.ZipFile(built) as z:
        names = z.namelist()
    assert "customUI/customUI14.xml" in names
    assert "customUI/customUI.xml" not in names  # the template's MyAddin tab is gone


def test_every_on_action_names_a_ribbon_macro_in_the_vba_project(built: Path) -> None:
    modules = vba_modules(built)
    _, root = ribbon_root(built)
    actions = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    assert actions
    for action in actions:
        module, _, macro = action.partition(".")
        assert module in modules, f"no VBA module {module}"
        subs = {m.group(2): (m.group(1), m.group(3)) for m in SUB.finditer(modules[module])}
        assert macro in subs, f"no Sub {macro} in {module}"
        scope, params = subs[macro]
        assert (scope or "").strip().lower() != "private"
        assert re.fullmatch(r"\w+\s+As\s+IRibbonControl", params.strip(), re.I), params


def test_every_id_in_the_ribbon_is_unique(built: Path) -> None:
    _, root = ribbon_root(built)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 3


def test_content_type_is_a_macro_enabled_addin(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        types = SafeET.fromstring(z.read("[Content_Types].xml"))
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{ns}Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{ns}Default")}
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    assert defaults["xml"] == "application/xml"  # covers the ribbon part


def test_config_sheet_matches_the_vba_project_name(built: Path) -> None:
    xlwings_module = vba_modules(built)["xlwings"]
    project = re.search(r'Public Const PROJECT_NAME As String = "(\w+)"', xlwings_module)
    assert project and project.group(1) == addin.PROJECT_NAME
    with zipfile.ZipFile(built) as z:
        workbook = SafeET.fromstring(z.read("xl/workbook.xml"))
        main = f"{{{addin.MAIN_NS}}}"
        sheets = [s.get("name") for s in workbook.iter(f"{main}sheet")]
        views = [v.get("visibility") for v in workbook.iter(f"{main}workbookView")]
        assert b"absPath" not in z.read("xl/workbook.xml")
    # The VBA reads settings from a sheet named PROJECT_NAME & ".conf"; the leading "_" would switch it off.
    assert sheets == [f"{project.group(1)}.conf"]
    assert views == ["hidden"]


def test_wellformed_parts(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                SafeET.fromstring(z.read(name))


def test_settings_only_what_is_known() -> None:
    assert addin.addin_settings() == [("UDF Modules", "xlresidency.udfs")]
    assert addin.addin_settings(r"C:\Py\python.exe", "win32")[1] == ("Interpreter_Win", r"C:\Py\python.exe")
    assert addin.addin_settings("/usr/local/bin/python3", "darwin")[1] == ("Interpreter_Mac", "/usr/local/bin/python3")


def test_build_replaces_an_older_build_and_refuses_a_file_as_folder(tmp_path: Path) -> None:
    first = addin.build_addin(tmp_path)
    first.write_bytes(b"stale")
    again = addin.build_addin(tmp_path)
    assert zipfile.is_zipfile(again)
    assert [p.name for p in tmp_path.iterdir()] == ["xlresidency.xlam"]  # no temporary file left behind
    with pytest.raises(WorkbookError):
        addin.build_addin(again)


def test_root_relationships_keep_the_rest_and_pick_a_free_id() -> None:
    rels = addin.relationships_xml(
        [
            addin.Relationship("rId1", "t/officeDocument", "xl/workbook.xml"),
            addin.Relationship("rIdRibbon1", addin.RIBBON_RELATIONSHIPS[0], "customUI/customUI.xml"),
            addin.Relationship("rIdRibbon2", "t/other", "x.xml", "External"),
        ]
    )
    result = addin.read_relationships(addin.root_relationships(rels))
    assert [(r.id, r.target) for r in result] == [
        ("rId1", "xl/workbook.xml"),
        ("rIdRibbon2", "x.xml"),
        ("rIdRibbon1", "customUI/customUI14.xml"),
    ]
    assert result[1].target_mode == "External"


def test_startup_folder_per_system(tmp_path: Path) -> None:
    assert addin.startup_folder("win32", appdata=r"C:\Users\ana\AppData\Roaming").parts[-3:] == (
        "Microsoft",
        "Excel",
        "XLSTART",
    )
    mac = addin.startup_folder("darwin", home=tmp_path)
    assert mac == tmp_path / "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
    with pytest.raises(XlresidencyError, match="Windows or macOS"):
        addin.startup_folder("linux")


def test_install_copies_into_the_startup_folder(tmp_path: Path, built: Path) -> None:
    target = addin.install_addin(built, folder=tmp_path / "XLSTART")
    assert target == tmp_path / "XLSTART" / "xlresidency.xlam"
    assert target.read_bytes() == built.read_bytes()
    renamed = tmp_path / "other.xlam"
    shutil.copyfile(built, renamed)
    with pytest.raises(XlresidencyError, match="must be named"):
        addin.install_addin(renamed, folder=tmp_path / "XLSTART")


def test_install_without_a_build_sets_this_python(tmp_path: Path) -> None:
    import sys

    target = addin.install_addin(folder=tmp_path, system="win32")
    book = openpyxl.load_workbook(_as_xlsx(target, tmp_path))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows == [("UDF Modules", "xlresidency.udfs"), ("Interpreter_Win", sys.executable)]


def test_install_refuses_other_systems() -> None:
    with pytest.raises(XlresidencyError, match="command line"):
        addin.install_addin(system="linux")


def _as_xlsx(path: Path, folder: Path) -> Path:
    """A copy of the add-in's package as a plain workbook, so openpyxl can read its cells."""
    copy = folder / "as_workbook.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    addin.ADDIN_CONTENT_TYPE.encode(),
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                )
            if info.filename != "xl/vbaProject.bin":
                dst.writestr(info.filename, data)
    return copy


@pytest.mark.slow
def test_libreoffice_opens_it(built: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--infilter=Calc MS Excel 2007 XML",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(built),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "out" / "xlresidency.xlsx"
    assert converted.exists(), result.stdout + result.stderr
    book = openpyxl.load_workbook(converted)
    assert book.sheetnames == ["myaddin.conf"]
    assert list(book["myaddin.conf"].iter_rows(values_only=True)) == [("UDF Modules", "xlresidency.udfs")]


def test_command_line_builds_and_refuses_to_install_here(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from xlresidency import cli

    assert cli.main(["addin", "build", "--out", str(tmp_path / "addin")]) == 0
    assert zipfile.is_zipfile(tmp_path / "addin" / "xlresidency.xlam")
    assert "xlresidency.xlam" in capsys.readouterr().out
    if addin.sys.platform.startswith(("win", "darwin")):
        pytest.skip("this system has an Excel startup folder")
    assert cli.main(["addin", "install"]) == 1
    message = capsys.readouterr().err
    assert "Windows or macOS" in message and "Traceback" not in message


def test_install_on_macos_also_enables_runpython(tmp_path: Path, built: Path) -> None:
    target = addin.install_addin(built, system="darwin", home=tmp_path)
    assert target.parent == addin.startup_folder("darwin", home=tmp_path)
    scripts = list((tmp_path / "Library/Application Scripts/com.microsoft.Excel").glob("xlwings-*.applescript"))
    import xlwings

    assert [p.name for p in scripts] == [f"xlwings-{xlwings.__version__}.applescript"]
