"""Run code on xlwings' server path in a fresh process: XLWINGS_ON_SERVER decides at import time what the
xlwings decorators are, so the rest of the suite keeps the plain ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parents[1] / "src"


CALL_EACH = """
def call_each(calls, module):
    # Each (name, args) through xlwings' call path for custom functions, as Office.js sends it: its value or what
    # it raised.
    import asyncio
    import xlwings as xw
    from xlwings import server

    results = []
    for name, args in calls:
        data = {"func_name": name, "args": args, "version": xw.__version__, "client": "Office.js",
                "caller_address": "Sheet1!A1", "formula_name": name.upper(), "runtime": "1.4",
                "culture_info_name": "en-US", "date_format": "M/d/yyyy"}
        try:
            results.append({"value": asyncio.run(server.custom_functions_call(data, module))})
        except Exception as exc:
            results.append({"raised": repr(exc)})
    return results
"""
"""Runner source defining ``call_each(calls, module)``: each cell function call made as xlwings Lite and Office.js
make it."""


def run_on_server(runner: str, data: Any, **env: str) -> Any:
    """Run ``runner`` (Python source reading JSON on stdin, printing JSON) with the server path switched on."""
    done = subprocess.run(
        [sys.executable, "-c", runner],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "XLWINGS_ON_SERVER": "true",
            "XLWINGS_LICENSE_KEY": "noncommercial",
            "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
            **env,
        },
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
