"""Render the README's pictures from the demo seasons: docs/applications.png (the early season's Applications
sheet: the page with the list's summary and chart) and docs/second-look.png (the Second Look sheet's first page).

Needs LibreOffice (soffice), pdftotext and pdftoppm. Each demo is written to a temporary folder; a copy holding
only the sheet is printed to PDF and one page is kept.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from xlresidency import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"
PICTURES = (
    # (sheet, file, early season, words on the page to keep; "" keeps the first page)
    ("Applications", "applications.png", True, "The list:"),
    ("Second Look", "second-look.png", False, ""),
)


def render(sheet: str, target: Path, early: bool = True, mark: str = "") -> Path:
    """Print one output sheet of a demo season and keep the page that holds ``mark`` (else the first) as a PNG."""
    with tempfile.TemporaryDirectory(prefix="xlresidency-pictures-") as folder:
        work = Path(folder)
        demo = work / "demo.xlsx"
        if cli.main(["demo", str(demo), "--force", *(["--early"] if early else [])]) != 0:
            raise SystemExit("the demo season could not be written")
        book = openpyxl.load_workbook(demo)
        for name in book.sheetnames:
            if name != sheet:
                del book[name]
        only = work / "sheet.xlsx"
        book.save(only)
        profile = (work / "lo-profile").as_uri()
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work), str(only)], check=True, capture_output=True, timeout=240)
        pdf = work / "sheet.pdf"
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Pages:")))
        page = next((n for n in range(1, pages + 1) if mark in subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], check=True, capture_output=True,
            text=True).stdout), 1)
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(work / "page")], check=True, capture_output=True, timeout=120)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "page.png", target)
    return target


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS
    for name, file, early, words in PICTURES:
        print(render(name, folder / file, early, words))
