"""The Residency ribbon add-in, built from the installed xlwings template and checked part by part."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import olefile
import openpyxl
import pytest
from defusedxml import ElementTree as SafeET

from vba_fakes import UDF_SOURCE, addin_with_vba, template_vba, vba_of, with_functions
from xlresidency.addin import cfb, vbaproject
from xlresidency.addin import xlam as addin
from xlresidency.core.errors import NotOurs, WorkbookError, XlresidencyError
from xlresidency.workbook.package import Relationship, relationships_xml

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
        rels = addin.root_rels(z.read("_rels/.rels"))
        ribbon = [r for r in rels if r.type in addin.RIBBON_RELATIONSHIPS]
        assert len(ribbon) == 1, ribbon
        return ribbon[0].type, SafeET.fromstring(z.read(ribbon[0].target))


def test_named_so_the_callback_runs_xlresidency_main(built: Path) -> None:
    assert built.name == "xlresidency.xlam"
    run_main = vba_modules(built)[addin.RIBBON_MODULE]
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


def test_the_vba_project_has_the_projects_own_names_and_no_trace_of_the_templates(built: Path) -> None:
    vba = vba_of(built)
    project = vbaproject.read_vba_project(vba)
    assert project.name == addin.PROJECT_NAME == "xlresidency"
    assert [m.name for m in project.modules] == ["ThisWorkbook", "Dictionary", "RibbonXlresidency", "Sheet2", "xlwings"]
    assert addin.RIBBON_CALLBACK == "RibbonXlresidency.RunMain"
    streams = cfb.read_compound_file(vba).streams
    readable = {
        "dir": vbaproject.decompress(streams["VBA/dir"]).replace(b"\0", b""),  # UTF-16 names read as ASCII
        "PROJECT": streams["PROJECT"], "PROJECTwm": streams["PROJECTwm"].replace(b"\0", b""),
        **{m.name: m.source for m in project.modules}, **{name: name.encode() for name in streams},
    }
    for where, data in readable.items():
        assert b"myaddin" not in data.lower(), f"the template's name is still in {where}"
    with zipfile.ZipFile(built) as z:
        assert b"myaddin" not in z.read("xl/workbook.xml").lower()


def test_the_build_changes_the_templates_vba_only_where_it_renames(built: Path) -> None:
    template = vbaproject.read_vba_project(template_vba())
    project = vbaproject.read_vba_project(vba_of(built))
    for old, new in zip(template.modules, project.modules, strict=True):
        expected = template.text(old).replace("RibbonMyAddin", "RibbonXlresidency").replace(
            'PROJECT_NAME As String = "myaddin"', 'PROJECT_NAME As String = "xlresidency"')
        assert project.text(new) == expected, new.name
        assert new.declaration == old.declaration.replace("RibbonMyAddin", "RibbonXlresidency")
    assert project.information == tuple(
        vbaproject.Record(r.id, b"xlresidency") if r.id == vbaproject.PROJECTNAME else r for r in template.information)
    assert project.project_text == template.project_text.replace("RibbonMyAddin", "RibbonXlresidency").replace(
        'Name="MyAddin"', 'Name="xlresidency"')
    with olefile_of(built) as ole:  # source only: Office compiles it on first open
        assert ole.openstream("VBA/_VBA_PROJECT").read() == vbaproject.VERSION_INDEPENDENT
        assert not [p for p in ole.listdir() if p[-1].startswith("__SRP_")]


def olefile_of(path: Path) -> olefile.OleFileIO:
    return olefile.OleFileIO(vba_of(path), raise_defects=olefile.DEFECT_INCORRECT)


def test_a_template_whose_vba_lacks_what_the_build_renames_is_refused() -> None:
    project = vbaproject.read_vba_project(template_vba())
    without_ribbon = vbaproject.rename_module(project, "RibbonMyAddin", "Ribbon")
    with pytest.raises(XlresidencyError, match="no VBA module RibbonMyAddin"):
        addin.addin_vba_project(vbaproject.vba_project_bytes(without_ribbon))
    other_constant = vbaproject.edit_source(project, "xlwings", lambda s: s.replace('= "myaddin"', '= "other"'))
    with pytest.raises(XlresidencyError, match="PROJECT_NAME"):
        addin.addin_vba_project(vbaproject.vba_project_bytes(other_constant))
    with pytest.raises(XlresidencyError, match="cannot be read"):
        addin.addin_vba_project(b"not a VBA project")


def test_wellformed_parts(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                SafeET.fromstring(z.read(name))


def test_settings_only_what_is_known() -> None:
    assert addin.addin_settings() == [("UDF Modules", "xlresidency.udfs"), ("ADD_WORKBOOK_TO_PYTHONPATH", "false")]
    assert addin.addin_settings(r"C:\Py\python.exe", "win32")[2] == ("Interpreter_Win", r"C:\Py\python.exe")
    assert addin.addin_settings("/usr/local/bin/python3", "darwin")[2] == ("Interpreter_Mac", "/usr/local/bin/python3")


def test_build_replaces_an_older_build_and_refuses_a_file_as_folder(tmp_path: Path) -> None:
    first = addin.build_addin(tmp_path)
    again = addin.build_addin(tmp_path)
    assert zipfile.is_zipfile(again) and addin.is_our_addin(again)
    assert [p.name for p in tmp_path.iterdir()] == ["xlresidency.xlam"]  # no temporary file left behind
    with pytest.raises(WorkbookError):
        addin.build_addin(again)
    assert first == again


def test_build_refuses_an_add_in_it_did_not_build_unless_forced(tmp_path: Path) -> None:
    other = tmp_path / "xlresidency.xlam"
    other.write_bytes(b"someone else's add-in")
    with pytest.raises(NotOurs, match=r"not an add-in xlresidency built.*--force"):
        addin.build_addin(tmp_path)
    assert other.read_bytes() == b"someone else's add-in"
    addin.build_addin(tmp_path, force=True)
    assert addin.is_our_addin(other)
    assert (tmp_path / "xlresidency.backup.xlam").read_bytes() == b"someone else's add-in"


def test_root_relationships_keep_the_rest_and_pick_a_free_id() -> None:
    rels = relationships_xml(
        [
            Relationship("rId1", "t/officeDocument", "xl/workbook.xml"),
            Relationship("rIdRibbon1", addin.RIBBON_RELATIONSHIPS[0], "customUI/customUI.xml"),
            Relationship("rIdRibbon2", "t/other", "https://example.org/x.xml", external=True),
        ], ""
    )
    result = addin.root_rels(addin.root_relationships(rels))
    assert [(r.id, r.target) for r in result] == [
        ("rId1", "xl/workbook.xml"),
        ("rIdRibbon2", "https://example.org/x.xml"),
        ("rIdRibbon1", "customUI/customUI14.xml"),
    ]
    assert result[1].external


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
    target = addin.install_addin(built, folder=tmp_path / "XLSTART").path
    assert target == tmp_path / "XLSTART" / "xlresidency.xlam"
    assert target.read_bytes() == built.read_bytes()
    renamed = tmp_path / "other.xlam"
    shutil.copyfile(built, renamed)
    with pytest.raises(XlresidencyError, match="must be named"):
        addin.install_addin(renamed, folder=tmp_path / "XLSTART")
    (tmp_path / "XLSTART" / "xlresidency.xlam").write_bytes(b"another add-in of that name")
    with pytest.raises(NotOurs, match="not an add-in xlresidency built"):
        addin.install_addin(built, folder=tmp_path / "XLSTART")
    addin.install_addin(built, folder=tmp_path / "XLSTART", force=True)
    assert target.read_bytes() == built.read_bytes()
    assert (tmp_path / "XLSTART" / "xlresidency.backup.xlam").read_bytes() == b"another add-in of that name"


def test_install_without_a_build_sets_this_python(tmp_path: Path) -> None:
    import sys

    target = addin.install_addin(folder=tmp_path, system="win32").path
    book = openpyxl.load_workbook(_as_xlsx(target, tmp_path))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[:2] == [("UDF Modules", "xlresidency.udfs"), ("ADD_WORKBOOK_TO_PYTHONPATH", "false")]
    python = addin.this_python()
    assert rows[2:] == ([("Conda Path", python.conda_root), ("Conda Env", python.conda_env)] if python.conda_env
                        else [("Interpreter_Win", sys.executable)])
    assert addin.read_settings(target) == dict(rows)


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


def libreoffice_converts(path: Path, to: str, tmp_path: Path) -> Path:
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
            to,
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = tmp_path / "out" / f"{path.stem}.{to}"
    assert converted.exists(), result.stdout + result.stderr
    return converted


@pytest.mark.slow
def test_libreoffice_opens_it(built: Path, tmp_path: Path) -> None:
    converted = libreoffice_converts(built, "xlsx", tmp_path)
    book = openpyxl.load_workbook(converted)
    assert book.sheetnames == ["xlresidency.conf"]
    assert list(book["xlresidency.conf"].iter_rows(values_only=True)) == [
        ("UDF Modules", "xlresidency.udfs"), ("ADD_WORKBOOK_TO_PYTHONPATH", "false")]


@pytest.mark.slow
def test_libreoffice_reads_the_rewritten_vba_project(built: Path, tmp_path: Path) -> None:
    # LibreOffice's own MS-OVBA reader (not oletools) imports the VBA project as Basic modules when converting.
    with_udfs = addin_with_vba(built, tmp_path / "in" / "xlresidency.xlam", with_functions(vba_of(built)))
    with zipfile.ZipFile(libreoffice_converts(with_udfs, "ods", tmp_path)) as ods:
        basic = {name.removeprefix("Basic/xlresidency/").removesuffix(".xml"): ods.read(name).decode("utf-8")
                 for name in ods.namelist() if name.startswith("Basic/xlresidency/")}
    assert set(basic) == {"ThisWorkbook", "Dictionary", "RibbonXlresidency", "Sheet2", "xlwings", "xlwings_udfs",
                          "script-lb"}
    assert "Sub RunMain(control As IRibbonControl)" in basic["RibbonXlresidency"]
    assert "Public Const PROJECT_NAME As String = &quot;xlresidency&quot;" in basic["xlwings"]
    assert basic["xlwings_udfs"].count("XLPy.CallUDF") == 2


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
    target = addin.install_addin(built, system="darwin", home=tmp_path, run=no_excel).path
    assert target.parent == addin.startup_folder("darwin", home=tmp_path)
    scripts = list((tmp_path / "Library/Application Scripts/com.microsoft.Excel").glob("xlwings-*.applescript"))
    import xlwings

    assert [p.name for p in scripts] == [f"xlwings-{xlwings.__version__}.applescript"]


# --------------------------------------------------------------------------------------------------
# Real installs: which Python, which folder, what changed since the build.


def no_excel(*_: object, **__: object) -> subprocess.CompletedProcess[str]:
    raise FileNotFoundError("no Excel here")


def excel_says(answer: str, code: int = 0) -> addin.Runner:
    def run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, code, stdout=answer, stderr="")

    return run


def test_conda_environments_are_written_as_xlwings_expects(tmp_path: Path) -> None:
    root = tmp_path / "miniconda3"
    (root / "condabin").mkdir(parents=True)
    (root / "conda-meta").mkdir()
    env = root / "envs" / "residency"
    (env / "conda-meta").mkdir(parents=True)
    elsewhere = tmp_path / "projects" / "env"
    (elsewhere / "conda-meta").mkdir(parents=True)
    assert addin.conda_of(root) == (str(root), "base")
    assert addin.conda_of(env) == (str(root), "residency")
    assert addin.conda_of(elsewhere, str(root / "bin" / "conda")) == (str(root), str(elsewhere))
    assert addin.conda_of(elsewhere) is None and addin.conda_of(tmp_path) is None
    python = addin.Python(str(env / "python.exe"), "win32", conda_root=str(root), conda_env="residency")
    assert addin.addin_settings(python)[2:] == [("Conda Path", str(root)), ("Conda Env", "residency")]


@pytest.mark.parametrize(
    ("python", "words"),
    [
        (addin.Python("/Users/ana/My Python/bin/python3", "darwin"), "space"),
        (addin.Python(r"C:\Users\ana\AppData\Local\Microsoft\WindowsApps\python.exe", "win32"), "Microsoft Store"),
        (addin.Python("/usr/bin/python3", "darwin", package="/Users/ana/.local/lib/site-packages/xlresidency",
                      user_site="/Users/ana/.local/lib/site-packages"), "--user"),
        (addin.Python(r"C:\Python311-32\python.exe", "win32", bits=32), "32-bit"),
    ],
)
def test_pythons_excel_cannot_start_are_warned_about_with_what_to_do(python: addin.Python, words: str) -> None:
    warnings_found = addin.python_warnings(python)
    assert len(warnings_found) == 1 and words in warnings_found[0]
    assert "addin install" in warnings_found[0]  # what to do instead


def test_a_plain_python_gets_no_warning() -> None:
    assert addin.python_warnings(addin.Python(r"C:\Python311\python.exe", "win32",
                                              package=r"C:\venvs\r\Lib\site-packages\xlresidency",
                                              user_site=r"C:\Users\ana\AppData\Roaming\Python")) == []
    assert addin.python_warnings(addin.Python("/Users/ana/venvs/r/bin/python", "darwin")) == []


def test_excel_is_asked_for_its_startup_folder_and_a_bad_answer_falls_back(tmp_path: Path) -> None:
    asked = tmp_path / "Excel says" / "XLSTART"
    asked.mkdir(parents=True)
    known = addin.startup_folder("win32", appdata=str(tmp_path / "Roaming"))
    assert addin.excel_startup_folder("win32", excel_says(f"{asked}\r\n")) == asked
    for run in (no_excel, excel_says(""), excel_says(str(asked), code=1), excel_says(str(tmp_path / "missing")),
                excel_says("relative\\folder")):
        assert addin.excel_startup_folder("win32", run) is None
    assert addin.excel_startup_folder("linux", excel_says(str(asked))) is None
    mac_known = addin.startup_folder("darwin", home=tmp_path)
    assert addin.startup_folders("darwin", home=tmp_path, run=no_excel) == [mac_known]
    assert addin.startup_folders("darwin", home=tmp_path, run=excel_says(str(asked))) == [asked, mac_known]
    assert known.parts[-1] == "XLSTART"


def test_install_goes_where_excel_says_then_remove_takes_it_out(tmp_path: Path, built: Path) -> None:
    asked = tmp_path / "asked"
    asked.mkdir()
    installed = addin.install_addin(built, system="darwin", home=tmp_path, run=excel_says(str(asked)))
    assert installed.path == asked / addin.ADDIN_NAME and not installed.replaced_functions
    old = addin.startup_folder("darwin", home=tmp_path) / addin.ADDIN_NAME
    old.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, old)  # an earlier install in the known folder
    removed = addin.remove_addin(system="darwin", home=tmp_path, run=excel_says(str(asked)))
    assert removed == [installed.path, old] and not installed.path.exists() and not old.exists()
    assert addin.remove_addin(system="darwin", home=tmp_path, run=no_excel) == []


def test_replacing_an_addin_with_imported_functions_carries_them_over(tmp_path: Path, built: Path) -> None:
    assert not addin.has_imported_functions(built)
    folder = tmp_path / "XLSTART"
    saved = addin_with_vba(built, folder / addin.ADDIN_NAME, with_functions(vba_of(built)))
    assert addin.has_imported_functions(saved)
    installed = addin.install_addin(folder=folder, system="win32")  # builds, carrying the module over
    assert installed.kept_functions and not installed.replaced_functions
    project = vbaproject.read_vba_project(vba_of(installed.path))
    assert project.text(project.module("xlwings_udfs")) == UDF_SOURCE
    assert project.module(addin.RIBBON_MODULE) is not None and project.name == "xlresidency"
    modules = vba_modules(installed.path)
    assert modules["xlwings_udfs"] == UDF_SOURCE and "Public Const PROJECT_NAME" in modules["xlwings"]
    # a prebuilt add-in gets them too; the prebuilt file itself is left alone
    before = built.read_bytes()
    again = addin.install_addin(built, folder=folder)
    assert again.kept_functions and addin.has_imported_functions(again.path) and built.read_bytes() == before
    assert addin.read_settings(again.path) == addin.read_settings(built)


def test_an_old_add_in_whose_vba_cannot_be_read_is_reported_not_carried(tmp_path: Path, built: Path) -> None:
    folder = tmp_path / "XLSTART"
    addin_with_vba(built, folder / addin.ADDIN_NAME, b"garbage " + "xlwings_udfs".encode("utf-16-le"))
    assert addin.has_imported_functions(folder / addin.ADDIN_NAME)
    installed = addin.install_addin(built, folder=folder)
    assert installed.replaced_functions and not installed.kept_functions
    assert not addin.install_addin(built, folder=folder).replaced_functions


def test_rebuilding_in_place_keeps_the_imported_functions_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xlresidency import cli

    first = addin.build_addin(tmp_path)
    saved = addin_with_vba(first, tmp_path / "saved" / "x.xlam", with_functions(vba_of(first),
                                                                             UDF_SOURCE.replace("FIT_SCORE", "FIT")))
    shutil.move(saved, first)  # as Excel saves the add-in after ImportPythonUDFsToAddin
    assert cli.main(["addin", "build", "--out", str(tmp_path)]) == 0
    assert "carried into the new add-in" in capsys.readouterr().out
    project = vbaproject.read_vba_project(vba_of(first))
    assert "Function FIT(programs, profile)" in project.text(project.module("xlwings_udfs"))
    elsewhere = addin.build_addin(tmp_path / "other", functions_from=first)
    assert addin.has_imported_functions(elsewhere)
    assert not addin.has_imported_functions(addin.build_addin(tmp_path / "fresh"))
    assert cli.main(["addin", "build", "--out", str(tmp_path / "fresh")]) == 0
    assert "carried" not in capsys.readouterr().out


def test_the_build_records_its_versions_and_status_finds_an_xlwings_upgrade(tmp_path: Path, built: Path) -> None:
    import xlwings

    assert addin.recorded_versions(built) == {"xlwings": xlwings.__version__, "xlresidency": addin.__version__}
    folder = tmp_path / "XLSTART"
    addin.install_addin(built, folder=folder)
    assert addin.addin_status(folder=folder).problems == []
    older = folder / addin.ADDIN_NAME
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(older, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = data.replace(f"xlwings {xlwings.__version__}".encode(), b"xlwings 0.30.0")
            dst.writestr(info, data)
    problems = addin.addin_status(folder=folder).problems
    assert len(problems) == 1 and "built with xlwings 0.30.0" in problems[0] and "addin install" in problems[0]
    assert "not installed" in addin.addin_status(folder=tmp_path / "empty").problems[0]


def test_status_finds_an_interpreter_that_is_gone(tmp_path: Path) -> None:
    built = addin.build_addin(tmp_path / "b", interpreter=str(tmp_path / "gone" / "python.exe"), system="win32")
    folder = tmp_path / "XLSTART"
    addin.install_addin(built, folder=folder)
    status = addin.addin_status(folder=folder, system="win32")
    assert status.settings["Interpreter_Win"].endswith("python.exe")
    assert len(status.problems) == 1 and "does not exist" in status.problems[0]


def test_build_command_writes_this_python_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from xlresidency import cli

    assert cli.main(["addin", "build", "--out", str(tmp_path)]) == 0
    settings = addin.read_settings(tmp_path / addin.ADDIN_NAME)
    python = addin.this_python()
    if python.conda_env:
        assert settings["Conda Env"] == python.conda_env
    else:
        assert sys.executable in settings.values()
    assert "set to run" in capsys.readouterr().out
