"""What the Lite bundle is asked to do, the same code in CPython (on xlwings' remote engine, ``server.py``) and in
real Pyodide (``pyodide_lite.py``): every cell function through xlwings' custom-function call path, and each script
(Regenerate, Export calendar and emails, Import programs) on a remote-engine Book made from a workbook's payload.
Standard library and xlwings only: it runs inside Pyodide before anything else is installed."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import io
import os
import shutil
import sys
from pathlib import Path
from typing import Any


async def call_each_async(calls: list[tuple[str, list[Any]]], module: Any) -> list[dict[str, Any]]:
    """Each (name, args) through xlwings' call path for custom functions, as Office.js sends it: its value or what
    it raised."""
    import xlwings as xw
    from xlwings import server

    results = []
    for name, args in calls:
        data = {"func_name": name, "args": args, "version": xw.__version__, "client": "Office.js",
                "caller_address": "Sheet1!A1", "formula_name": name.upper(), "runtime": "1.4",
                "culture_info_name": "en-US", "date_format": "M/d/yyyy"}
        try:
            results.append({"value": await server.custom_functions_call(data, module)})
        except Exception as exc:
            results.append({"raised": repr(exc)})
    return results


def call_each(calls: list[tuple[str, list[Any]]], module: Any) -> list[dict[str, Any]]:
    """``call_each_async`` from plain code."""
    return asyncio.run(call_each_async(calls, module))


def files_in(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its relative path, as text, a calendar's time stamp left out (it is the time
    of the run)."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", "replace")
        found[path.relative_to(folder).as_posix()] = "\n".join(
            line for line in text.splitlines() if not line.startswith("DTSTAMP"))
    return found


async def run_script(module: Any, name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """One script of ``module`` on a Book made from ``payload``: what it printed and the actions it left."""
    import xlwings as xw
    from xlwings import server

    book = xw.Book(json=copy.deepcopy(payload))  # it changes its argument as it goes
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        await server.custom_scripts_call(module, name, typehint_to_value={xw.Book: book})
    return {"printed": printed.getvalue(), "actions": book.json()["actions"]}


async def run_job(data: dict[str, Any]) -> dict[str, Any]:
    """``data``: the bundle's folder, a scratch folder for the file area, and per book its payload, its cell function
    calls and the program lists to drop for its import. Returns everything the bundle answered."""
    sys.path.insert(0, data["folder"])
    before = set(sys.modules)
    import main
    from xlwings import server

    out: dict[str, Any] = {"loaded": sorted(set(sys.modules) - before), "file": sys.modules["xlresidency"].__file__,
                           "meta": server.custom_functions_meta(main), "scripts": server.custom_scripts_meta(main),
                           "books": {}}
    for name, book in data["books"].items():
        area = Path(data["area"]) / name
        os.environ["XLRESIDENCY_FILES"] = str(area)
        done: dict[str, Any] = {"results": await call_each_async(book["calls"], main)}
        for script in book.get("scripts", ["regenerate"]):
            if script == "import_programs":
                inbox = area / "import"
                inbox.mkdir(parents=True, exist_ok=True)
                for dropped in book.get("drop", []):
                    shutil.copy(dropped, inbox)
            done[script] = await run_script(main, script, book["payload"])
        done["files"] = files_in(area) if area.is_dir() else {}
        out["books"][name] = done
    return out
