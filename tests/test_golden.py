"""Golden seasons: every output sheet of the demo, the early demo and a 150-program season, compared by value.

The files in ``golden/seasons/`` hold each sheet's cells as written (``OutputSheet.grid``). A change in what any
sheet says shows here cell by cell; when a change is meant, rewrite them with
``XLRESIDENCY_WRITE_GOLDEN=1 pytest tests/test_golden.py`` and say in the commit which cells changed and why.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

from factories import raw_table, season_rows
from xlresidency.regenerate import regenerate
from xlresidency.rules.validation import validate
from xlresidency.workbook import demo

GOLDEN = Path(__file__).parent / "golden" / "seasons"
SEASONS = {
    "demo": lambda: demo.demo_rows(),
    "early": lambda: demo.demo_rows(early=True),
    "150-programs": lambda: season_rows(150),
}


def plain(value: Any) -> Any:
    """A cell as JSON can hold it: dates as ISO text, numbers to 9 significant digits (no float noise)."""
    if isinstance(value, dt.datetime | dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, float):
        return None if math.isnan(value) else float(f"{value:.9g}")
    return value


def cells_of(name: str) -> dict[str, list[list[Any]]]:
    rows = SEASONS[name]()
    season = validate({table: raw_table(table, records) for table, records in rows.items()})
    return {sheet.name: [[plain(v) for v in row] for row in sheet.grid()] for sheet in regenerate(season).sheets}


def differences(expected: dict[str, list[list[Any]]], found: dict[str, list[list[Any]]]) -> list[str]:
    """Each cell that differs, as 'Sheet!row,column: expected -> found' (1-based, as on the sheet)."""
    lines = [f"sheet {name}: {'missing' if name in expected else 'new'}" for name in sorted(set(expected) ^ set(found))]
    for name in [n for n in expected if n in found]:
        old, new = expected[name], found[name]
        for r in range(max(len(old), len(new))):
            a = old[r] if r < len(old) else []
            b = new[r] if r < len(new) else []
            for c in range(max(len(a), len(b))):
                x = a[c] if c < len(a) else None
                y = b[c] if c < len(b) else None
                if x != y:
                    lines.append(f"{name}!{r + 1},{c + 1}: {x!r} -> {y!r}")
    return lines


@pytest.mark.parametrize("name", sorted(SEASONS))
def test_the_sheets_match_the_golden_season(name: str) -> None:
    path = GOLDEN / f"{name}.json"
    found = cells_of(name)
    if os.environ.get("XLRESIDENCY_WRITE_GOLDEN"):
        path.write_text(json.dumps(found, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    changed = differences(expected, found)
    assert not changed, f"{len(changed)} cell(s) differ from {path.name}:\n" + "\n".join(changed[:40])


def test_a_changed_cell_is_named() -> None:
    expected = {"Fit": [["note"], ["Program", "Fit"], ["A", 70]]}
    found = {"Fit": [["note"], ["Program", "Fit"], ["A", 71]], "Trips": [["note"]]}
    assert differences(expected, found) == ["sheet Trips: new", "Fit!3,2: 70 -> 71"]
