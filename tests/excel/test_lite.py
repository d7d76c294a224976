"""xlwings Lite: the generated main.py and requirements.txt, run in a fresh process exactly as Lite calls them
(``custom_functions_call`` for each cell function, ``custom_scripts_call`` for Regenerate on a remote-engine Book
made from the demo workbook), with the package coming from the wheel embedded in main.py."""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.metadata
import io
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw
from openpyxl.utils import range_boundaries

import pyodide_lite
from server import run_on_server
from test_book import actions_on, file_cells, payload_from_file, replay
from test_importer import FREIDA_CSV
from xlresidency import cli
from xlresidency.core.schema import OUTPUT_SHEETS
from xlresidency.excel import lite, udfs
from xlresidency.workbook import demo, newbook, xlsx

SRC = Path(__file__).resolve().parents[2] / "src" / "xlresidency"
PER_ROW = 6
CLI_ONLY = {"click", "rich", "python-calamine", "zipcodes"}
"""The command line's own (compiled or not): never loaded by the Lite path."""

RUNNER = """
import asyncio, json, sys
from lite_job import run_job
print(json.dumps(asyncio.run(run_job(json.load(sys.stdin))), default=str))
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lite")
    lite.write_lite(folder)
    return folder


def table_grid(payload: dict[str, Any], name: str) -> list[list[Any]]:
    """A table of the payload as Office.js hands a ``Table[#All]`` argument over: header row first."""
    for sheet in payload["sheets"]:
        for table in sheet["tables"]:
            if table["name"] == name:
                c1, r1, c2, r2 = range_boundaries(table["range_address"])
                return [row[c1 - 1 : c2] for row in sheet["values"][r1 - 1 : r2]]
    raise KeyError(name)


@pytest.fixture(scope="module")
def demo_payload(demo_inputs: Path) -> dict[str, Any]:
    return payload_from_file(demo_inputs)


def cell_calls(payload: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Every cell function, called on a book's tables as a formula in Excel would call it."""
    programs, profile = table_grid(payload, "Programs"), table_grid(payload, "Profile")
    headers, rows = programs[0], programs[1:]
    calls: list[tuple[str, list[Any]]] = [
        ("fit_score", [programs, profile]),
        ("fit_breakdown", [programs, profile]),
        ("second_look", [programs, profile]),
        ("trip_cost", [programs, profile]),
        ("interview_chance", [programs, profile]),
        ("apply_advice", [programs, profile]),
        ("match_chance", [[[8]], [["Internal Medicine"]]]),
        ("visa_ok", [[["J-1"]], [["Yes"]], [["No"]]]),
        ("miles", [[["Boston, MA"]], [[None]], [["Chicago, IL"]]]),
        ("years_since_grad", [[[2019]], [[46402.0]]]),
        ("eras_fee", [[[43], [7]]]),
        ("policy_check", [[["Thank you"]], [["I will rank you first."]]]),
        ("email_draft", [[["Inquiry"]], [[rows[0][0]]], programs, profile]),
    ]
    for name in ("fit_row", "interview_chance_row", "trip_cost_row"):  # a few rows: each call reads the season
        calls += [(name, [[row], [headers], profile]) for row in rows[:PER_ROW]]
    calls.append(("fit_row", [[rows[0][:3]], [headers], profile]))  # a row narrower than its headers
    return calls


def book_job(payload: dict[str, Any], drop: list[Path] | None = None) -> dict[str, Any]:
    """What the bundle is asked for one book: every cell function, then Regenerate, Export and Import (with
    ``drop`` waiting in the file area's import folder)."""
    return {"payload": payload, "calls": cell_calls(payload), "drop": [str(p) for p in drop or []],
            "scripts": ["regenerate", "export_files", "import_programs"]}


@pytest.fixture(scope="module")
def freida_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dropped") / "freida.csv"
    path.write_text(FREIDA_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ran(generated: Path, demo_payload: dict[str, Any], freida_file: Path,
        tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    scratch = tmp_path_factory.mktemp("pyodide-tmp")
    data = {"folder": str(generated), "area": str(scratch / "files"),
            "books": {"demo": book_job(demo_payload, [freida_file])}}
    out = run_on_server(RUNNER, data, TMPDIR=str(scratch), XDG_CACHE_HOME=str(scratch), PYTHONWARNINGS="error")
    demo = out["books"]["demo"]
    out.update(scratch=str(scratch), calls=data["books"]["demo"]["calls"], results=demo["results"],
               printed=demo["regenerate"]["printed"], actions=demo["regenerate"]["actions"], demo=demo)
    return out


def results(ran: dict[str, Any], name: str) -> list[Any]:
    found = [r for (n, _), r in zip(ran["calls"], ran["results"], strict=True) if n == name]
    assert all("raised" not in r for r in found), found
    return [r["value"] for r in found]


def column(grid: list[list[Any]]) -> list[Any]:
    assert all(len(row) == 1 for row in grid), grid
    return [row[0] for row in grid]


def test_requirements_name_xlwings_and_packages_pyodide_ships(generated: Path) -> None:
    lines = (generated / "requirements.txt").read_text().splitlines()
    pinned = [f"{name}=={importlib.metadata.version(name)}" for name in ("holidays", "icalendar", "openpyxl",
                                                                         "defusedxml")]
    assert lines == [f"xlwings=={xw.__version__}", *pinned, "pandas", "numpy", "jinja2"]


def test_the_package_comes_from_the_embedded_wheel(ran: dict[str, Any]) -> None:
    assert Path(ran["file"]).is_relative_to(ran["scratch"]), ran["file"]
    assert Path(ran["file"]).parent.name == "xlresidency" and str(SRC) not in ran["file"]


def test_every_cell_function_is_registered_with_the_same_help(ran: dict[str, Any]) -> None:
    functions = {f["name"]: f for f in ran["meta"]["functions"]}
    assert set(functions) == {name.upper() for name in udfs.__all__}
    for name in udfs.__all__:
        doc = (getattr(udfs, name).__doc__ or "").strip()
        assert functions[name.upper()]["description"].strip() == doc, name
    assert {s["function_name"]: s["name"] for s in ran["scripts"]} == {
        "regenerate": "Regenerate", "export_files": "Export calendar and emails", "import_programs": "Import programs"}


def test_every_cell_function_answers_on_the_demo_season(ran: dict[str, Any]) -> None:
    for name in ("fit_score", "trip_cost", "second_look", "apply_advice"):
        values = column(results(ran, name)[0])
        assert len(values) >= 20 and not any(str(v).startswith(udfs.ERROR) for v in values), name
    assert results(ran, "fit_breakdown")[0][0][:2] == ["Program", "Fit"]
    assert 0 < results(ran, "match_chance")[0][0][0] < 100
    assert results(ran, "visa_ok")[0] == [["Sponsored"]]
    assert 840 < results(ran, "miles")[0][0][0] < 870
    assert results(ran, "years_since_grad")[0] == [[8]]
    assert results(ran, "eras_fee")[0][0][0] > 0
    assert results(ran, "policy_check")[0][0][0] != "OK"
    assert results(ran, "email_draft")[0][0][0].startswith("Subject: ")


def test_per_row_forms_give_the_spilled_value_of_their_row(ran: dict[str, Any]) -> None:
    for per_row, spilled in (("fit_row", "fit_score"), ("interview_chance_row", "interview_chance"),
                             ("trip_cost_row", "trip_cost")):
        singles = [grid[0][0] for grid in results(ran, per_row)]
        expected = column(results(ran, spilled)[0])[:PER_ROW]
        if per_row == "fit_row":
            singles, narrow = singles[:-1], singles[-1]
            assert narrow.startswith(udfs.ERROR) and "same columns" in narrow
        assert singles == expected, per_row


def test_regenerate_writes_what_the_file_writer_writes(ran: dict[str, Any], demo_payload: dict[str, Any],
                                                        demo_inputs: Path, tmp_path: Path) -> None:
    assert ran["printed"].startswith(f"Rebuilt {len(OUTPUT_SHEETS)} sheets")
    assert actions_on(ran["actions"], "alert")[0]["args"][0] == ran["printed"].strip()
    cells = replay(demo_payload, ran["actions"])
    out = tmp_path / "headless.xlsx"
    xlsx.regenerate_file(demo_inputs, out=out)
    for name in OUTPUT_SHEETS:
        assert cells[name] == file_cells(out, name), name


# --------------------------------------------------------------------------------------------------
# What the Lite path imports.


def wheel_tags(distribution: str) -> list[str]:
    text = importlib.metadata.distribution(distribution).read_text("WHEEL") or ""
    return re.findall(r"^Tag: (\S+)$", text, re.M)


def loaded_distributions(loaded: list[str]) -> set[str]:
    owners = importlib.metadata.packages_distributions()
    return {d for m in loaded for d in owners.get(m.split(".")[0], [])} - {"xlresidency"}


def closure_problems(loaded: list[str]) -> list[str]:
    """Each distribution the Lite path loaded (``loaded``: module names) that Lite cannot have, by name: compiled
    and not built by Pyodide, or the command line's own."""
    problems = []
    for distribution in sorted(loaded_distributions(loaded)):
        tags = wheel_tags(distribution)
        pure = bool(tags) and all(t.endswith("-none-any") for t in tags)
        if not (pure or distribution.lower() in lite.PYODIDE_BUILT | lite.LITE_PROVIDED):
            problems.append(f"{distribution} ({', '.join(tags)}) is neither pure Python nor built in Pyodide")
        if distribution.lower() in CLI_ONLY:
            problems.append(f"{distribution} is the command line's own")
    return problems


def requirement_problems(package: Path, loaded: list[str], requirements: list[str]) -> list[str]:
    """Each third-party distribution that xlresidency's own modules on the Lite path (``loaded``, read from
    ``package``) import and ``requirements`` lacks, and each requirement none of them imports, by name. An import
    inside a function counts, and so do the modules it brings: they are loaded when needed (``holidays`` for a
    year outside the shipped table, Jinja2 for a draft not met before)."""
    owners = importlib.metadata.packages_distributions()
    direct: set[str] = set()

    def source(module: str) -> Path | None:
        parts = module.split(".")[1:]
        path = package.joinpath(*parts).with_suffix(".py")
        path = path if path.is_file() else package.joinpath(*parts, "__init__.py")
        return path if path.is_file() else None

    waiting, seen = [m for m in loaded if m.startswith("xlresidency")], set()
    while waiting:  # xlresidency's modules loaded, and those they import inside a function (``emails.rendering``)
        module = waiting.pop()
        if module in seen or (path := source(module)) is None:
            continue
        seen.add(module)
        base = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                within = ".".join(base.split(".")[: len(base.split(".")) - node.level + 1])
                origin = f"{within}.{node.module}" if node.module else within
                waiting += [origin, *(f"{origin}.{a.name}" for a in node.names)]
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            direct.update(n.split(".")[0] for n in names)
    imported = {d.lower() for top in direct - set(sys.stdlib_module_names) - {"__future__", "xlresidency"}
                for d in owners.get(top, [top])}
    named = {re.split(r"[=<>!~ ;]", r, maxsplit=1)[0].lower() for r in requirements}
    return ([f"{d} is imported on the Lite path but not in requirements.txt" for d in sorted(imported - named)]
            + [f"{d} is in requirements.txt but not imported on the Lite path" for d in sorted(named - imported)])


def test_everything_the_lite_path_imports_is_pure_python_or_in_pyodide(ran: dict[str, Any]) -> None:
    assert {"pandas", "numpy", "xlwings", "icalendar", "openpyxl"} <= loaded_distributions(ran["loaded"])
    assert closure_problems(ran["loaded"]) == []


def test_the_check_knows_a_compiled_wheel() -> None:
    assert not all(t.endswith("-none-any") for t in wheel_tags("pandas"))
    assert all(t.endswith("-none-any") for t in wheel_tags("Jinja2"))


def test_what_xlresidency_imports_itself_is_in_requirements(ran: dict[str, Any], generated: Path) -> None:
    requirements = (generated / "requirements.txt").read_text().splitlines()
    assert requirement_problems(Path(ran["file"]).parent, ran["loaded"], requirements) == []
    assert requirements == lite.requirements()


# --------------------------------------------------------------------------------------------------
# The checks fail where they must: bundles with something wrong.


def broken_bundle(folder: Path, generated: Path, remove: str = "", add: str = "", imports: str = "") -> Path:
    """A copy of the generated bundle with a requirement removed, one added, or ``imports`` (a module) imported by
    the cell functions' module inside the embedded wheel."""
    folder.mkdir(parents=True)
    lines = [line for line in (generated / "requirements.txt").read_text().splitlines()
             if re.split(r"[=<>]", line, maxsplit=1)[0] != remove]
    (folder / "requirements.txt").write_text("".join(f"{line}\n" for line in [*lines, *filter(None, [add])]))
    wheel = embedded_wheel(generated)
    if imports:
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(wheel)) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                data = old.read(info)
                if info.filename == "xlresidency/excel/udfs.py":
                    data += f"\nimport {imports}  # noqa: E402\n".encode()
                new.writestr(info, data)
        wheel = buffer.getvalue()
    (folder / "main.py").write_text(lite.main_py(wheel), encoding="utf-8")
    return folder


def test_a_removed_requirement_is_named(ran: dict[str, Any], generated: Path, tmp_path: Path) -> None:
    bundle = broken_bundle(tmp_path / "bundle", generated, remove="jinja2")
    requirements = (bundle / "requirements.txt").read_text().splitlines()
    assert requirement_problems(Path(ran["file"]).parent, ran["loaded"], requirements) == [
        "jinja2 is imported on the Lite path but not in requirements.txt"]


def test_a_compiled_only_package_in_the_import_closure_is_named(generated: Path, tmp_path: Path) -> None:
    bundle = broken_bundle(tmp_path / "bundle", generated, imports="zipcodes")
    scratch = tmp_path / "scratch"
    out = run_on_server(RUNNER, {"folder": str(bundle), "area": str(scratch), "books": {}}, TMPDIR=str(tmp_path),
                        XDG_CACHE_HOME=str(tmp_path))
    problems = closure_problems(out["loaded"])
    assert problems[0].startswith("zipcodes (cp39-abi3-"), problems
    assert problems[0].endswith("is neither pure Python nor built in Pyodide")
    assert all(p.startswith("zipcodes ") for p in problems)


# --------------------------------------------------------------------------------------------------
# The wheel.


def embedded_wheel(folder: Path) -> bytes:
    text = (folder / "main.py").read_text()
    return base64.b64decode(text.split('WHEEL = """', 1)[1].split('"""', 1)[0])


def test_the_embedded_wheel_is_a_pure_python_wheel_of_the_package(generated: Path) -> None:
    wheel = embedded_wheel(generated)
    assert lite.wheel_bytes() == lite.wheel_bytes()  # the same package gives the same bytes
    with zipfile.ZipFile(io.BytesIO(wheel)) as z:
        names = set(z.namelist())
        assert "Tag: py3-none-any" in z.read(f"{lite.DIST_INFO}/WHEEL").decode()
        modules = {f"xlresidency/{p.relative_to(SRC).as_posix()}" for p in SRC.rglob("*.py")}
        assert modules <= names and "xlresidency/templates/geodata/cities.csv" in names
        for line in z.read(f"{lite.DIST_INFO}/RECORD").decode().splitlines():
            name, digest, size = line.split(",")
            if digest:
                data = z.read(name)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert digest == f"sha256={expected}" and int(size) == len(data), name
        metadata = z.read(f"{lite.DIST_INFO}/METADATA").decode()
    assert re.findall(r"^Requires-Dist: (.+)$", metadata, re.M) == lite.requirements()
    assert not any(n.endswith(".pyc") or "__pycache__" in n for n in names)


def test_the_command_writes_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["lite", "--out", str(tmp_path / "lite")]) == 0
    assert sorted(p.name for p in (tmp_path / "lite").iterdir()) == ["main.py", "requirements.txt"]
    said = capsys.readouterr().out
    assert "main.py" in said and "xlwings Lite" in said
    (tmp_path / "file").write_text("x")
    assert cli.main(["lite", "--out", str(tmp_path / "file")]) == 1
    assert cli.main(["lite", "--out", str(tmp_path / "lite")]) == 0  # its own files are replaced
    assert sorted(p.name for p in (tmp_path / "lite").iterdir()) == ["main.py", "requirements.txt"]


def test_the_command_replaces_only_its_own_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "main.py").write_text("print('my own script')\n")
    (folder / "requirements.txt").write_text("pandas\nrequests==2.32\n")
    assert cli.main(["lite", "--out", str(folder)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "main.py: already exists and is not a file xlresidency lite wrote" in err
    assert (folder / "main.py").read_text() == "print('my own script')\n"
    assert not lite.is_our_requirements(folder / "requirements.txt")
    (folder / "requirements.txt").write_text("xlwings==0.30.0\npandas\n")  # an older xlresidency lite
    assert lite.is_our_requirements(folder / "requirements.txt")
    assert cli.main(["lite", "--out", str(folder), "--force"]) == 0
    assert (folder / "main.backup.py").read_text() == "print('my own script')\n"
    assert lite.is_our_main_py(folder / "main.py") and not (folder / "requirements.backup.txt").exists()


def test_main_py_reads_as_code_before_the_wheel(generated: Path) -> None:
    text = (generated / "main.py").read_text()
    code = text.split('WHEEL = """', 1)[0]
    assert len(code.splitlines()) < 60 and "@script" in code
    ast.parse(text)


@pytest.mark.slow
def test_the_embedded_wheel_installs_with_no_index(generated: Path, tmp_path: Path) -> None:
    wheel = tmp_path / lite.WHEEL_NAME
    wheel.write_bytes(embedded_wheel(generated))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--disable-pip-version-check",
                    str(wheel)], check=True, timeout=300)
    code = ("import importlib.metadata as m, xlresidency\n"
            "from xlresidency.core.resources import resource_bytes, templates_dir\n"
            "print(xlresidency.__file__); print(m.version('xlresidency')); print(templates_dir())\n"
            "print(len(resource_bytes('geodata/cities.csv')))")
    shown = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True, check=True,
                           cwd=tmp_path).stdout.splitlines()
    assert shown[0].startswith(str(env_dir)) and shown[1] == lite.__version__ and shown[2].startswith(str(env_dir))
    assert int(shown[3]) > 100_000
    missing = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True, check=False).stdout
    wanted = sorted(re.split(r"[=<>!~ ]", line)[0].lower() for line in lite.requirements())
    assert sorted(re.findall(r"requires (\S+), which is not installed", missing)) == wanted  # what Lite installs


# --------------------------------------------------------------------------------------------------
# Real Pyodide: the bundle as xlwings Lite runs it, offline, against CPython's answers (pyodide_lite.py).


PYODIDE_ENV = {"XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}  # as for CPython (server.py)


def in_pyodide(bundle: Path, data: dict[str, Any], work: Path) -> dict[str, Any]:
    """The job's answer from real Pyodide; skipped without Node, a failed download reported as one."""
    if shutil.which("node") is None:
        pytest.skip("Node.js is missing (scripts/setup.sh test installs it): the real-Pyodide test cannot run")
    try:
        return pyodide_lite.run(bundle, data, work, env=PYODIDE_ENV)
    except pyodide_lite.DownloadFailed as exc:
        pytest.fail(f"DOWNLOAD FAILED, not a failure of xlresidency: {exc}", pytrace=False)


@pytest.fixture(scope="module")
def season_books(tmp_path_factory: pytest.TempPathFactory, demo_inputs: Path, freida_file: Path) -> dict[str, Any]:
    """The three books the bundle is run on: the demo (regenerated once), the early demo (inputs before interviews)
    and the demo's inputs alone; a program list dropped for each one's import (a CSV, or a workbook)."""
    folder = tmp_path_factory.mktemp("books")
    regenerated = folder / "demo.xlsx"
    xlsx.regenerate_file(demo_inputs, out=regenerated)
    early = newbook.new_workbook(folder / "early.xlsx", demo.demo_rows(early=True))
    listing = openpyxl.Workbook()
    for line in FREIDA_CSV.splitlines()[1:]:
        listing.active.append(line.split(","))
    listing.save(folder / "list.xlsx")
    return {"demo": book_job(payload_from_file(regenerated), [freida_file]),
            "early": book_job(payload_from_file(early), [folder / "list.xlsx"]),
            "inputs": book_job(payload_from_file(demo_inputs), [freida_file, folder / "list.xlsx"])}


@pytest.fixture(scope="module")
def both(generated: Path, season_books: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same job on the same paths, first in CPython on xlwings' remote engine, then in real Pyodide."""
    work = tmp_path_factory.mktemp("pyodide-work")
    books = {name: dict(book) for name, book in season_books.items()}
    for name, book in books.items():  # the dropped files where Pyodide sees them too (the work folder is mounted)
        (work / "drop" / name).mkdir(parents=True)
        book["drop"] = [shutil.copy(path, work / "drop" / name) for path in book["drop"]]
    data = {"folder": str(generated), "area": str(work / "area"), "books": books}
    cpython = run_on_server(RUNNER, data, TMPDIR=str(work), XDG_CACHE_HOME=str(work))
    shutil.rmtree(work / "area")
    return {"cpython": cpython, "pyodide": in_pyodide(generated, data, work)}


@pytest.mark.slow
def test_the_bundle_runs_in_real_pyodide_offline_without_a_warning(both: dict[str, Any]) -> None:
    ran = both["pyodide"]
    assert ran["failure"] is None, ran["failure"]
    assert ran["refused"] == [] and ran["warnings"] == []
    assert ran["python"].startswith("3.14.")
    assert ran["versions"]["xlwings"] == xw.__version__
    assert {ran["versions"][p] for p in ("numpy", "pandas")} == {"2.4.3", "3.0.2"}  # Pyodide 314.0.3's own
    assert set(ran["books"]) == {"demo", "early", "inputs"}


@pytest.mark.slow
def test_every_cell_function_and_script_gives_cpythons_results_in_pyodide(both: dict[str, Any]) -> None:
    cpython, pyodide = both["cpython"], both["pyodide"]
    assert pyodide["meta"] == cpython["meta"]  # the functions, their arguments and help, as Excel registers them
    assert pyodide["scripts"] == cpython["scripts"]
    for name, book in cpython["books"].items():
        there = pyodide["books"][name]
        assert there["results"] == book["results"], name
        assert not any("raised" in r for r in book["results"]), name
        for script in ("regenerate", "export_files", "import_programs"):
            assert there[script] == book[script], (name, script)
        assert there["files"] == book["files"], name
        assert book["regenerate"]["printed"].startswith(f"Rebuilt {len(OUTPUT_SHEETS)} sheets")
        assert "season.ics" in book["files"]
        assert any(f.startswith("emails/") for f in book["files"]) == (name != "early"), name  # no drafts yet early
        assert any(f.startswith("import/done/") for f in book["files"])
        assert actions_on(book["import_programs"]["actions"], "resizeTable"), name


@pytest.mark.slow
def test_in_pyodide_a_removed_requirement_fails_naming_it(generated: Path, tmp_path: Path) -> None:
    # icalendar: imported when the Lite code loads (Jinja2 only when a draft is first written)
    bundle = broken_bundle(tmp_path / "bundle", generated, remove="icalendar")
    ran = in_pyodide(bundle, {"folder": str(bundle), "area": str(tmp_path / "area"), "books": {}},
                     tmp_path / "work")
    assert ran["missing"] == "icalendar" and ran["refused"] == []


@pytest.mark.slow
def test_in_pyodide_a_compiled_only_package_fails_naming_it(generated: Path, tmp_path: Path) -> None:
    unnamed = broken_bundle(tmp_path / "unnamed", generated, imports="zipcodes")
    ran = in_pyodide(unnamed, {"folder": str(unnamed), "area": str(tmp_path / "area"), "books": {}},
                     tmp_path / "work")
    assert ran["missing"] == "zipcodes"
    pinned = f"zipcodes=={importlib.metadata.version('zipcodes')}"  # compiled only (its early releases were pure)
    named = broken_bundle(tmp_path / "named", generated, imports="zipcodes", add=pinned)
    with pytest.raises(pyodide_lite.BundleProblem, match=r"^zipcodes: no wheel that Pyodide can install"):
        in_pyodide(named, {"folder": str(named), "area": str(tmp_path / "area"), "books": {}}, tmp_path / "work2")
