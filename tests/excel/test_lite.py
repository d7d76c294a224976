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
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from openpyxl.utils import range_boundaries
from test_book import actions_on, file_cells, payload_from_file, replay

from server import CALL_EACH, run_on_server
from xlresidency import cli
from xlresidency.core.schema import OUTPUT_SHEETS
from xlresidency.excel import lite, udfs
from xlresidency.workbook import xlsx

SRC = Path(__file__).resolve().parents[2] / "src" / "xlresidency"
PER_ROW = 6
CLI_ONLY = {"click", "rich", "icalendar", "openpyxl", "et-xmlfile", "zipcodes"}

RUNNER = CALL_EACH + """
import asyncio, contextlib, io, json, sys
data = json.load(sys.stdin)
sys.path.insert(0, data["folder"])
before = set(sys.modules)
import main
loaded = sorted(set(sys.modules) - before)
import xlresidency
import xlwings as xw
from xlwings import server

out = {"file": xlresidency.__file__, "loaded": loaded, "meta": server.custom_functions_meta(main),
       "scripts": server.custom_scripts_meta(main), "results": call_each(data["calls"], main)}
book = xw.Book(json=data["book"])
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    asyncio.run(server.custom_scripts_call(main, "regenerate", typehint_to_value={xw.Book: book}))
out["printed"] = printed.getvalue()
out["actions"] = book.json()["actions"]
print(json.dumps(out, default=str))
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


@pytest.fixture(scope="module")
def ran(generated: Path, demo_payload: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    programs, profile = table_grid(demo_payload, "Programs"), table_grid(demo_payload, "Profile")
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
    data = {"folder": str(generated), "calls": calls, "book": demo_payload}
    scratch = tmp_path_factory.mktemp("pyodide-tmp")
    out = run_on_server(RUNNER, data, TMPDIR=str(scratch), XDG_CACHE_HOME=str(scratch), PYTHONWARNINGS="error")
    out["scratch"] = str(scratch)
    out["calls"] = calls
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
    holidays = importlib.metadata.version("holidays")  # pure Python, from PyPI: micropip installs it
    assert lines == [f"xlwings=={xw.__version__}", f"holidays=={holidays}", "pandas", "numpy", "jinja2"]


def test_the_package_comes_from_the_embedded_wheel(ran: dict[str, Any]) -> None:
    assert Path(ran["file"]).is_relative_to(ran["scratch"]), ran["file"]
    assert Path(ran["file"]).parent.name == "xlresidency" and str(SRC) not in ran["file"]


def test_every_cell_function_is_registered_with_the_same_help(ran: dict[str, Any]) -> None:
    functions = {f["name"]: f for f in ran["meta"]["functions"]}
    assert set(functions) == {name.upper() for name in udfs.__all__}
    for name in udfs.__all__:
        doc = (getattr(udfs, name).__doc__ or "").strip()
        assert functions[name.upper()]["description"].strip() == doc, name
    assert [s["function_name"] for s in ran["scripts"]] == ["regenerate"]
    assert ran["scripts"][0]["name"] == "Regenerate"


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


def test_everything_the_lite_path_imports_is_pure_python_or_in_pyodide(ran: dict[str, Any]) -> None:
    owners = importlib.metadata.packages_distributions()
    loaded = {d for m in ran["loaded"] for d in owners.get(m.split(".")[0], [])} - {"xlresidency"}
    assert {"pandas", "numpy", "xlwings"} <= loaded  # the closure was really taken
    for distribution in sorted(loaded):
        tags = wheel_tags(distribution)
        pure = bool(tags) and all(t.endswith("-none-any") for t in tags)
        known = distribution.lower() in lite.PYODIDE_BUILT | lite.LITE_PROVIDED
        assert pure or known, f"{distribution} ({tags}) is neither pure Python nor built in Pyodide"
    assert not {d.lower() for d in loaded} & CLI_ONLY


def test_the_check_knows_a_compiled_wheel() -> None:
    assert not all(t.endswith("-none-any") for t in wheel_tags("pandas"))
    assert all(t.endswith("-none-any") for t in wheel_tags("Jinja2"))


def test_what_xlresidency_imports_itself_is_in_requirements(ran: dict[str, Any]) -> None:
    owners = importlib.metadata.packages_distributions()
    folder = Path(ran["file"]).parent
    direct: set[str] = set()
    for module in (m for m in ran["loaded"] if m.startswith("xlresidency")):
        parts = module.split(".")[1:]
        path = folder.joinpath(*parts).with_suffix(".py")
        path = path if path.is_file() else folder.joinpath(*parts, "__init__.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            direct.update(n.split(".")[0] for n in names)
    third_party = {d.lower() for top in direct - set(sys.stdlib_module_names) - {"__future__", "xlresidency"}
                   for d in owners.get(top, [top])}
    assert third_party == {"xlwings", "holidays", "pandas", "numpy", "jinja2"}
    assert third_party == {r.split("==")[0] for r in lite.requirements()}


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
        assert modules <= names and "xlresidency/templates/geodata/cities.csv.gz" in names
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
            "print(len(resource_bytes('geodata/cities.csv.gz')))")
    shown = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True, check=True,
                           cwd=tmp_path).stdout.splitlines()
    assert shown[0].startswith(str(env_dir)) and shown[1] == lite.__version__ and shown[2].startswith(str(env_dir))
    assert int(shown[3]) > 100_000
    missing = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True, check=False).stdout
    wanted = sorted(re.split(r"[=<>!~ ]", line)[0].lower() for line in lite.requirements())
    assert sorted(re.findall(r"requires (\S+), which is not installed", missing)) == wanted  # what Lite installs
