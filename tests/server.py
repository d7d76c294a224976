"""Run code on xlwings' server path in a fresh process: XLWINGS_ON_SERVER decides at import time what the
xlwings decorators are, so the rest of the suite keeps the plain ones."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"


CALL_EACH = "from lite_job import call_each\n"
"""Runner source bringing in ``call_each(calls, module)``: each cell function call made as xlwings Lite and Office.js
make it (``lite_job.py``, which the real-Pyodide test runs too)."""


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
            "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS), os.environ.get("PYTHONPATH", "")]),
            **env,
        },
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
