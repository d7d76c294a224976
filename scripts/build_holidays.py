"""Build the packaged table of US federal holidays, templates/holidays/us_federal.csv, from the ``holidays`` package.

Run: python scripts/build_holidays.py [FOLDER]

A second look avoids the days federal offices close (``ground/days.py``). Loading the ``holidays`` package's
calendar brings every country's module with it, which costs a season's run more than all of its own date work,
so the days of the seasons the product plans for (``FIRST``–``LAST``) are written here once, and the package is
loaded only for a year outside them. The file is the same byte for byte on every run from the same ``holidays``
version; ``tests/ground/test_days.py`` rebuilds it and compares, so a newer ``holidays`` (a holiday added by law)
shows up as a failing test until the table is built again.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import sys
from pathlib import Path

import holidays

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "holidays"
FILE = "us_federal.csv"
FIRST, LAST = 2000, 2060
"""The years in the table: every season from the package's first users' to well past any rank list due today."""


def table_text(first: int = FIRST, last: int = LAST) -> str:
    """The table as text: a header, then date (ISO) and name, one row per day (an observed day is its own row)."""
    days = holidays.country_holidays("US", years=range(first, last + 1))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("date", "name"))
    for day, name in sorted(days.items()):
        writer.writerow((day.isoformat(), str(name)))
    return out.getvalue()


def main(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE).write_text(table_text(), encoding="utf-8", newline="\n")
    print(f"{folder / FILE}: US federal holidays {FIRST}-{LAST} from holidays "
          f"{importlib.metadata.version('holidays')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
