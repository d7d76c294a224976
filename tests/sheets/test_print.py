"""Printed output sheets are readable: text of at least 8 points on every page, nothing clipped.

Each output sheet of the demo season and of a 150-program season is printed to PDF by LibreOffice as it was
written (a copy with only that sheet visible; no other program rewrites the file). On every page the size of
every character is read from the PDF (pdfminer), and every word of every text cell of the sheet must be found
whole in the printed text: a clipped cell, an address cut by its neighbour or a wrapped header showing only its
first line loses words.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar

from factories import load_script, season_rows
from xlresidency import cli
from xlresidency.core.schema import OUTPUT_SHEETS
from xlresidency.workbook import newbook, xlsx

MIN_POINTS = 8.0
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")) and not os.environ.get("CI"),
                       reason="LibreOffice and poppler are not installed; scripts/setup.sh test installs them"),
]


def _pictures() -> Any:
    return load_script("render_pictures")


def characters(layout: Any) -> list[LTChar]:
    if isinstance(layout, LTChar):
        return [layout]
    return [c for child in layout for c in characters(child)] if hasattr(layout, "__iter__") else []


def words_of(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def printed_words(text: str) -> set[str]:
    """The words of the printed text, with words broken at a hyphen at the end of a line joined again."""
    joined = re.sub(r"-\s*\n\s*", "-", unicodedata.normalize("NFKC", text))
    return set(joined.split())


def sheet_words(path: Path, sheet: str) -> set[str]:
    """Every word of every text cell of one output sheet, read back from the written file."""
    book = openpyxl.load_workbook(path, read_only=True)
    found: set[str] = set()
    for row in book[sheet].iter_rows(values_only=True):
        for value in row:
            if isinstance(value, str):
                found.update(words_of(value))
    book.close()
    return found


@pytest.fixture(scope="module", params=[0, 150], ids=["demo", "150 programs"])
def printed(request, tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp(f"print-{request.param}")
    path = folder / "season.xlsx"
    if request.param:
        newbook.new_workbook(path, season_rows(request.param))
        xlsx.regenerate_file(path)
    else:
        assert cli.main(["demo", str(path)]) == 0
    return path, _pictures().print_sheets(path, list(OUTPUT_SHEETS), folder)


def test_every_printed_page_has_text_of_at_least_8_points(printed):
    _, pdfs = printed
    pages = {}
    for sheet, pdf in pdfs.items():
        sizes = [min((c.size for c in characters(page) if c.get_text().strip()), default=None)
                 for page in extract_pages(pdf)]
        pages[sheet] = len(sizes)
        small = [(n, size) for n, size in enumerate(sizes, start=1) if size is not None and size < MIN_POINTS]
        assert not small, f"{sheet}: text under {MIN_POINTS} pt on pages {small}"
        assert any(size is not None for size in sizes), f"{sheet}: nothing printed"
    print("pages per sheet:", pages)


def test_no_cell_text_is_clipped_in_print(printed):
    path, pdfs = printed
    pictures = _pictures()
    for sheet, pdf in pdfs.items():
        missing = sheet_words(path, sheet) - printed_words(pictures.page_text(pdf))
        assert not missing, f"{sheet}: words not printed (clipped?): {sorted(missing)[:12]}"
