"""Speed as SPEC §5 states it: regenerating against the floor of a process that only opens and saves the same file
with openpyxl, both measured here and now (``benchmarks/bench_regenerate.py``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import openpyxl

from xlresidency import regenerate
from xlresidency.rules import validation
from xlresidency.workbook import xlsx

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_regenerate.py"
DEMO_GUARD = 2.5  # SPEC §5 asks 1.5x for a typical season; 1.1-1.3x when measured alone (README, Speed), 1.5x on a
# first run: this leaves room for a test machine running the rest of the suite beside it while a real slowdown shows
FILE_WORK_AT_MOST = 0.35  # reading the inputs and writing the sheets, against openpyxl's load and save alone


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_regenerate", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_regenerate", module)
    spec.loader.exec_module(module)
    return module


def best(action, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def test_reading_and_writing_the_file_cost_a_fraction_of_opening_and_saving_it(demo_inputs, tmp_path):
    """The part of a run that touches the file: the calamine reader and the package writer, in this process,
    against openpyxl loading and saving the same workbook (imports and planning excluded on both sides)."""
    path = tmp_path / "demo.xlsx"
    shutil.copy(demo_inputs, path)
    xlsx.regenerate_file(path)
    sheets = regenerate.regenerate(validation.validate(xlsx.read_tables(path), whole_workbook=True)).sheets
    floor = best(lambda: openpyxl.load_workbook(path).save(tmp_path / "floor.xlsx"), repeat=5)
    file_work = best(lambda: (xlsx.read_tables(path), xlsx.write_outputs(path, sheets)), repeat=5)
    assert file_work <= FILE_WORK_AT_MOST * floor, f"read+write {file_work:.3f} s, openpyxl load+save {floor:.3f} s"


def test_the_demo_regenerates_within_a_bounded_ratio_to_the_floor():
    """SPEC's 1.5x for the demo, held at 2.5x, best of three, so that a busy machine does not fail it while a
    slowdown shows (README 'Speed' has the figures)."""
    floor, regenerate_s, ratio = bench().ratio(0, repeat=3)
    assert floor > 0 and regenerate_s > 0
    assert ratio <= DEMO_GUARD, f"regenerate {regenerate_s:.2f} s against an open+save floor of {floor:.2f} s"


FIRST_CALL = """
import time
import pandas as pd
from factories import BASE_PROFILE, BASE_PROGRAM
from xlresidency import udfs
program = {**BASE_PROGRAM, "Program": "Lakeshore IM"}
profile = pd.DataFrame(list(BASE_PROFILE.items()), columns=["Field", "Value"])
start = time.perf_counter()
fit = udfs.fit_score(pd.DataFrame([program]), profile)
print(time.perf_counter() - start, fit.iloc[0, 0] if hasattr(fit, "iloc") else fit)
"""


def test_the_first_cell_function_call_in_a_fresh_python_is_under_a_second():
    """Excel's Python imports the functions when it starts; the first call then loads the geodata and the facts."""
    tests = Path(__file__).resolve().parent
    path = os.pathsep.join([str(tests), str(tests.parent / "src")])
    done = subprocess.run([sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True,
                          cwd=tests, env={**os.environ, "PYTHONPATH": path})
    seconds, fit = done.stdout.split()
    assert float(fit) > 0 and float(seconds) < 1.0, done.stdout
