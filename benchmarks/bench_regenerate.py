"""Regenerate a workbook holding the national list (13,000 programs), against the I/O floor.

The floor is what any tool pays for the same file: openpyxl opening the workbook and saving it again.
Run: python benchmarks/bench_regenerate.py [N]
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import zipcodes

from xlresidency import xlsx
from xlresidency.demo import demo_rows


def national_rows(n: int, seed: int = 7) -> dict:
    """The demo applicant with n programs spread over real US places."""
    rng = random.Random(seed)
    rows = demo_rows()
    places = sorted({(z["city"], z["state"]) for z in zipcodes.list_all() if z["zip_code_type"] == "STANDARD"})
    template = rows["Programs"]
    programs = []
    for i in range(n):
        base = dict(template[i % len(template)])
        city, state = rng.choice(places)
        base.update({"Program": f"Program {i + 1:05d} Internal Medicine", "City": city.title(), "State": state,
                     "ZIP": None, "My rank": i + 1 if i < 300 else None, "IMG share (%)": rng.randint(0, 80)})
        programs.append(base)
    rows["Programs"] = programs
    rows["Ratings"] = []
    return rows


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(n: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="xlresidency-bench-"))
    try:
        source = xlsx.new_workbook(folder / "national.xlsx", national_rows(n))
        work = folder / "work.xlsx"
        shutil.copy(source, work)
        xlsx.regenerate_file(work)  # warm up: geodata index, imports; the file now holds every output sheet

        def floor() -> None:
            openpyxl.load_workbook(work).save(folder / "floor.xlsx")

        floor_s = min(timed(floor) for _ in range(2))
        run_s = min(timed(lambda: xlsx.regenerate_file(work)) for _ in range(2))
        print(f"{n} programs: open+save floor {floor_s:.2f} s, regenerate {run_s:.2f} s, "
              f"ratio {run_s / floor_s:.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 13000)
