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
