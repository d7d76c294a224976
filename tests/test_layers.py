"""The package's shape: layers that only point down, no import cycle, small modules, no Excel library in the core."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "xlresidency"
MAX_LINES = 700

# Lowest first: a module may import only from its own layer or the layers before it.
LAYERS: dict[str, set[str]] = {
    "base": {"version", "errors", "resources", "facts", "settings", "schema", "columns", "records", "text", "cells"},
    "ground": {"places", "days", "costs"},
    "validation": {"validation"},
    "rules": {"scoring", "matching", "applications", "second_look", "trips", "fees", "policy", "templating", "emails",
              "guide"},
    "plan": {"plan"},
    "sheets": {"sheets", "sheets.layout", "sheets.checks", "sheets.compare", "sheets.emails", "sheets.fit",
               "sheets.rank_draft", "sheets.second_look", "sheets.trips", "sheets.visit_guide", "sheets.applications",
               "sheets.calendar", "sheets.fitting"},
    "pipeline": {"regenerate"},
    "adapters": {"fileio", "opening", "demo", "ical", "xlsx", "newbook", "excel", "udfs", "addin", "importer",
                 "lite", "package", "stylesheet", "sheetxml", "sheetedit", "programstable", "grafting", "reader",
                 "cfb", "vbaproject"},
    "shell": {"cli", "__main__", "__init__"},
}
CORE = ("base", "ground", "validation", "rules", "plan", "sheets", "pipeline")
EXCEL_LIBRARIES = ("openpyxl", "xlwings", "pythoncom", "win32com")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports(path: Path, name: str) -> tuple[set[str], list[str]]:
    """The package modules a module imports at its top level, and the imports it makes inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if name == "__init__":
        package = []
    found: set[str] = set()
    nested: list[str] = []
    known = set(modules())

    def target(node: ast.ImportFrom) -> list[str]:
        if node.level == 0:
            base = node.module or ""
            if not base.startswith("xlresidency"):
                return []
            base = base.removeprefix("xlresidency").lstrip(".")
        else:
            up = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            base = ".".join([*up, *([node.module] if node.module else [])])
        names = [f"{base}.{alias.name}".lstrip(".") for alias in node.names]
        return [n for n in names if n in known] or ([base] if base in known else [])

    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    nested.append(ast.unparse(inner))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            found.update(target(node))
    return found - {name}, nested


def layer_of(name: str) -> int:
    for position, members in enumerate(LAYERS.values()):
        if name in members:
            return position
    raise AssertionError(f"module {name} is in no layer: add it to LAYERS in {Path(__file__).name}")


GRAPH = {name: imports(path, name)[0] for name, path in modules().items()}


def test_every_module_has_a_layer() -> None:
    for name in GRAPH:
        layer_of(name)


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_imports_point_down(name: str) -> None:
    upward = sorted(other for other in GRAPH[name] if layer_of(other) > layer_of(name))
    assert not upward, f"{name} imports {upward} from a higher layer"


def test_no_import_cycle() -> None:
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> None:
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(name):], name]))
        if name in done:
            return
        path.append(name)
        for other in sorted(GRAPH[name]):
            visit(other)
        path.pop()
        done.add(name)

    for name in sorted(GRAPH):
        visit(name)


def test_the_cycle_check_finds_a_cycle() -> None:
    saved = dict(GRAPH)
    try:
        GRAPH["records"] = {*GRAPH["records"], "plan"}  # plan reaches records through the rules
        with pytest.raises(AssertionError, match="import cycle"):
            test_no_import_cycle()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_import_inside_functions(name: str) -> None:
    _, nested = imports(modules()[name], name)
    if name == "__init__":  # the ribbon's entry point loads the xlwings adapter only when the button is pressed
        nested = [line for line in nested if line != "from . import excel"]
    if name == "cli":  # a command loads the adapter only it uses, so regenerate and check start without them
        own = re.compile(r"from \.(addin|demo|ical|importer|lite|newbook) import .+")
        nested = [line for line in nested if not own.fullmatch(line)]
    assert not nested, f"{name} imports inside a function: {nested}"


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_private_name_is_imported_from_another_module(name: str) -> None:
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    private = [f"{node.module}.{alias.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and (node.level or (node.module or "").startswith("xlresidency"))
               for alias in node.names if alias.name.startswith("_") and alias.name != "__version__"]
    assert not private, f"{name} imports private names: {private}"


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_modules_stay_small(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by what it is about"


def test_the_core_imports_no_excel_library() -> None:
    core = sorted(f"xlresidency.{name}" for name in GRAPH if any(name in LAYERS[layer] for layer in CORE))
    code = (
        "import importlib, json, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {EXCEL_LIBRARIES!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
    assert "xlresidency.regenerate" in core and "xlresidency.plan" in core


def test_importing_the_package_loads_no_excel_library() -> None:
    code = ("import json, sys, xlresidency\n"
            "print(json.dumps(sorted(m for m in sys.modules if m in ('openpyxl', 'xlwings'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_the_command_line_loads_openpyxl_only_for_the_commands_that_build_a_workbook() -> None:
    """``regenerate`` and ``check`` read with calamine and write the package parts themselves: openpyxl, the template
    writer's library (``newbook``), would only slow their start."""
    code = ("import json, sys, xlresidency.__main__, xlresidency.xlsx\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
