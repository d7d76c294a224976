"""Rebuild workbook/template.xlsx and workbook/demo.xlsx from the code (tests/workbook/test_newbook.py checks them)."""

from __future__ import annotations

import sys
from pathlib import Path

from xlresidency import cli

FOLDER = Path(__file__).resolve().parents[1] / "workbook"


def build(folder: Path) -> list[Path]:
    """Write the template and the regenerated demo season into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    template, demo = folder / "template.xlsx", folder / "demo.xlsx"
    template.unlink(missing_ok=True)
    for args in (["new", str(template)], ["demo", str(demo), "--force"]):
        if cli.main(args) != 0:
            raise SystemExit(f"xlresidency {' '.join(args)} failed")
    for backup in folder.glob("*.backup.xlsx"):
        backup.unlink()
    return [template, demo]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(path)
