from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw

from factories import BASE_PROFILE, BASE_PROGRAM, raw_table
from xlresidency.core import records
from xlresidency.plan import SeasonPlan, plan_season
from xlresidency.rules import validation
from xlresidency.workbook import demo, newbook

# Every answer is worked out afresh in the tests (and the processes they start); tests/core/test_memo.py turns the
# memo on where it tests it.
os.environ["XLRESIDENCY_CACHE"] = "off"


def small_season_rows() -> dict[str, list[dict[str, Any]]]:
    """A small, valid season as rows per input table (what ``newbook.new_workbook`` takes)."""
    programs = [
        {**BASE_PROGRAM, "Program": "Lakeshore Internal Medicine", "My rank": 1},
        {**BASE_PROGRAM, "Program": "Prairie Valley Medicine", "City": "Madison", "State": "WI", "My rank": 2,
         "Interview format": "In-person", "Interview date": dt.date(2027, 1, 26)},
        {**BASE_PROGRAM, "Program": "Harbor Point Medicine", "City": "Boston", "State": "MA", "My rank": 3,
         "Sponsors J-1": "Unknown", "Second look policy": "Virtual only", "Virtual session date": dt.date(2027, 2, 2)},
    ]
    return {
        "Profile": [{"Field": k, "Value": v} for k, v in BASE_PROFILE.items()],
        "Programs": programs,
        "Commitments": [{"What": "Step 3 exam", "Type": "Exam", "Start": dt.date(2027, 2, 4),
                         "End": dt.date(2027, 2, 5), "City": "Chicago", "State": "IL", "Can move": "No"}],
        "Ratings": [{"Program": "Lakeshore Internal Medicine", "Area": "Resident culture", "Rating": 5}],
    }


@pytest.fixture
def season_xlsx(tmp_path: Path) -> Path:
    """A freshly built season workbook with a few programs, not yet regenerated."""
    return newbook.new_workbook(tmp_path / "season.xlsx", small_season_rows())


# --- The demo season, built once per test session ---------------------------------------------------------


@pytest.fixture(scope="session")
def demo_rows() -> dict[str, list[dict[str, Any]]]:
    """The demo season's rows per input table (copy before changing them)."""
    return demo.demo_rows()


@pytest.fixture(scope="session")
def demo_season(demo_rows: dict[str, list[dict[str, Any]]]) -> records.Season:
    """The demo season read through the same validation a workbook's tables go through."""
    return validation.validate({name: raw_table(name, rows) for name, rows in demo_rows.items()})


@pytest.fixture(scope="session")
def demo_plan(demo_season: records.Season) -> SeasonPlan:
    """The demo season planned: fit, second looks placed, trips."""
    return plan_season(demo_season)


@pytest.fixture(scope="session")
def demo_inputs(tmp_path_factory: pytest.TempPathFactory, demo_rows: dict[str, list[dict[str, Any]]]) -> Path:
    """The demo season as a workbook of input sheets, not regenerated (copy it before writing to it)."""
    return newbook.new_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx", demo_rows)


@pytest.fixture
def remote_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """xlwings' remote engine, registered once, for tests that run the Excel adapter without Excel."""
    # xlwings' remote engine is part of xlwings PRO, free for noncommercial use (PolyForm Noncommercial).
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if "remote" not in [engine.name for engine in xw.engines]:
        # xlwings registers the engine when it is first imported, and only if a key was set by then.
        from xlwings.pro import _xlremote

        xw.engines.add(xw.Engine(impl=_xlremote.engine))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, small file system (a 4 MB tmpfs mounted for the test), where the machine lets a test mount one."""
    folder = tmp_path / "disk"
    folder.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], check=True,
                       capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as refused:
        pytest.skip(f"this machine does not let a test mount a small file system ({refused})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True, timeout=30)
