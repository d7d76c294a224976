"""The package's shape: the layers contract (import-linter, in pyproject.toml) and what it cannot say: no import
inside a function but the documented lazy ones, no private name across modules, small modules, and no Excel
library loaded by the core or by importing the package."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "xlresidency"
MAX_LINES = 700
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CORE = ("core", "ground", "rules", "plan", "sheets", "regenerate", "exports")
EXCEL_LIBRARIES = ("openpyxl", "xlwings", "pythoncom", "win32com")
# The imports made inside a function on purpose: each loads an adapter only when it is used.
LAZY = {
    "__init__": {"from .excel import book as excel"},  # the ribbon's button loads the xlwings adapter when pressed
    "core.columns": {"import difflib"},  # the likeness of headers, only when one is not the one expected
    "ground.days": {"import holidays"},  # the package's calendar, only for a year outside the shipped table
    # the grammar and the spelling rules, only for a sentence not read before
    "rules.policy": {"from .grammar import read_sentence", "from . import wording"},
    "rules.emails": {"from . import rendering"},  # Jinja2, only for a template or a draft not met before
    # a command loads the adapter only it uses, so regenerate and check start without them
    "cli": re.compile(r"from \.(addin\.xlam|workbook\.(demo|importer|newbook)|exports\.(ics|eml)|excel\.lite) import .+"
                      r"|from rich\.(console|progress) import .+"),  # the spinner, drawn only on a terminal
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def nested_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [ast.unparse(inner) for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for inner in ast.walk(node) if isinstance(inner, ast.Import | ast.ImportFrom)]


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter's contracts (pyproject.toml) on the package under ``root``/src."""
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, cwd=root, env={"PYTHONPATH": str(root / "src")},
                          check=False)


def test_the_layers_contract_holds() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_layers_contract_finds_an_upward_import(tmp_path: Path) -> None:
    shutil.copytree(SRC, tmp_path / "src" / "xlresidency", ignore=shutil.ignore_patterns("__pycache__"))
    text = tmp_path / "src" / "xlresidency" / "core" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nfrom ..plan import SeasonPlan  # noqa\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "xlresidency.core.text -> xlresidency.plan" in done.stdout


def test_the_lite_contract_finds_a_compiled_reader_on_the_lite_path(tmp_path: Path) -> None:
    shutil.copytree(SRC, tmp_path / "src" / "xlresidency", ignore=shutil.ignore_patterns("__pycache__"))
    files = tmp_path / "src" / "xlresidency" / "excel" / "filearea.py"
    files.write_text(files.read_text(encoding="utf-8") + "\nfrom ..workbook import importer  # noqa\n",
                     encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert "The xlwings Lite path" in done.stdout and "BROKEN" in done.stdout
    assert "xlresidency.excel.filearea -> xlresidency.workbook.importer" in done.stdout
    assert "python_calamine" in done.stdout


def test_every_layer_is_a_package_and_the_tree_reads_as_the_contract() -> None:
    packages = sorted(p.parent.name for p in SRC.glob("*/__init__.py"))
    assert packages == ["addin", "core", "excel", "exports", "ground", "rules", "sheets", "workbook"]
    top = sorted(p.stem for p in SRC.glob("*.py"))
    assert top == ["__init__", "__main__", "cli", "plan", "regenerate", "udfs"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_inside_functions(name: str) -> None:
    allowed = LAZY.get(name, set())
    nested = [line for line in nested_imports(MODULES[name])
              if not (allowed.fullmatch(line) if isinstance(allowed, re.Pattern) else line in allowed)]
    assert not nested, f"{name} imports inside a function: {nested}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_is_imported_from_another_module(name: str) -> None:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    private = [f"{node.module}.{alias.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and (node.level or (node.module or "").startswith("xlresidency"))
               for alias in node.names if alias.name.startswith("_") and alias.name != "__version__"]
    assert not private, f"{name} imports private names: {private}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by what it is about"


def test_the_core_imports_no_excel_library() -> None:
    core = sorted(f"xlresidency.{name}" for name in MODULES if name.split(".")[0] in CORE)
    code = (
        "import importlib, json, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {EXCEL_LIBRARIES!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
    assert "xlresidency.regenerate" in core and "xlresidency.plan" in core and "xlresidency.rules.trips" in core


def test_importing_the_package_loads_no_excel_library() -> None:
    code = ("import json, sys, xlresidency\n"
            "print(json.dumps(sorted(m for m in sys.modules if m in ('openpyxl', 'xlwings'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_the_command_line_loads_openpyxl_only_for_the_commands_that_build_a_workbook() -> None:
    """``regenerate`` and ``check`` read with calamine and write the package parts themselves: openpyxl, the template
    writer's library (``workbook.newbook``), would only slow their start."""
    code = ("import json, sys, xlresidency.__main__, xlresidency.workbook.xlsx\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_the_public_names_stay() -> None:
    """SPEC's ``xlresidency.udfs`` (the add-in's UDF Modules, Lite's main.py, users' modules), ``xlresidency.main``
    (the ribbon's macro) and the console script keep working after the move into packages."""
    code = ("import json, xlresidency, xlresidency.udfs as u, xlresidency.excel.udfs as e\n"
            "print(json.dumps([callable(xlresidency.main), sorted(u.__all__) == sorted(e.__all__),"
            " all(getattr(u, n) is getattr(e, n) for n in e.__all__)]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [True, True, True]
