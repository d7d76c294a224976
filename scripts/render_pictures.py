"""Render the README's pictures from the demo seasons, as LibreOffice prints them:

- docs/applications.png: the early season's Applications sheet as one page: the top of the list, the list's summary
  and the chart (the rest of the list and the chart's data block hidden in the copy that is printed);
- docs/second-look.png, docs/trips.png, docs/season-calendar.png, docs/emails.png: the first printed page of those
  sheets in the demo season (interviews done, second looks planned).

Needs LibreOffice (soffice) and poppler (pdftotext, pdftoppm). The workbook is printed as it was written: for
each sheet a copy in which every other sheet is hidden (LibreOffice prints only visible sheets), so no other
program rewrites the file first. ``print_sheets`` is also what the print tests use.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from xlresidency import cli

DOCS = Path(__file__).resolve().parents[1] / "docs"
RESOLUTION = 110  # pixels per inch of the pictures
TOP_ROWS = 4
"""Rows of the Applications list the picture keeps above its summary and chart."""
PICTURES = (
    # (sheet, file, early season, words on the page to keep; "" keeps the first page)
    ("Applications", "applications.png", True, "The list:"),
    ("Second Look", "second-look.png", False, ""),
    ("Trips", "trips.png", False, ""),
    ("Season Calendar", "season-calendar.png", False, ""),
    ("Emails", "emails.png", False, ""),
)


def _hidden_unless(shown: str, element: str) -> str:
    """A ``<sheet>`` element of the workbook part, hidden unless it is the sheet named ``shown`` (as escaped)."""
    element = re.sub(r'\sstate="[^"]*"', "", element)
    name = re.search(r'\bname="([^"]*)"', element)
    if name and name[1] == shown:
        return element
    return element.replace("<sheet ", '<sheet state="hidden" ', 1)


def only_sheet(source: Path, sheet: str, target: Path) -> Path:
    """A copy of the workbook in which only ``sheet`` is visible (and active); every part but the workbook's list
    of sheets is copied as it is."""
    shown = sheet.replace("&", "&amp;")
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                position = re.findall(r'<sheet\b[^>]*?\bname="([^"]*)"', text).index(shown)
                text = re.sub(r"<sheet\b[^>]*>", lambda match: _hidden_unless(shown, match[0]), text)
                text = re.sub(r'\sactiveTab="\d+"', "", text)
                text = re.sub(r"<workbookView\b", f'<workbookView activeTab="{position}"', text, count=1)
                data = text.encode("utf-8")
            new.writestr(info, data)
    return target


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    """The worksheet part of a sheet, by its name."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rid = re.search(r'<sheet\b[^>]*?\bname="' + re.escape(sheet) + r'"[^>]*?\br:id="([^"]+)"', workbook)
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    assert rid is not None
    target = re.search(r'<Relationship\b[^>]*?\bId="' + re.escape(rid[1]) + r'"[^>]*?\bTarget="([^"]+)"', rels) or \
        re.search(r'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="' + re.escape(rid[1]) + '"', rels)
    assert target is not None
    return "xl/" + target[1].lstrip("/").removeprefix("xl/")


def _top_and_summary_rows(text: str, rows: int) -> str:
    """The worksheet XML with the list's rows after the first ``rows`` and the chart's data block hidden, printed
    on one page."""
    summary = int(re.search(r'<row r="(\d+)"[^>]*>(?:(?!</row>).)*The list:', text)[1])
    block = int(re.search(r'<row r="(\d+)"[^>]*>(?:(?!</row>).)*Range low', text)[1])

    def hide(match: re.Match[str]) -> str:
        number = int(match[1])
        hidden = 3 + rows <= number < summary - 1 or number >= block
        return match[0].replace("<row ", '<row hidden="1" ', 1) if hidden else match[0]

    return re.sub(r'<row r="(\d+)"', hide, text).replace('fitToHeight="0"', 'fitToHeight="1"')


def top_and_summary(source: Path, sheet: str, target: Path, rows: int = TOP_ROWS) -> Path:
    """A copy of the workbook in which ``sheet`` shows its first ``rows`` rows of the list, the summary and the
    chart on one printed page: the other rows of the list and the chart's data block are hidden (the chart still
    plots its hidden data)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        part = _sheet_part(old, sheet)
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == part:
                text = _top_and_summary_rows(data.decode("utf-8"), rows)
                data = text.encode("utf-8")
            elif info.filename.startswith("xl/charts/"):
                data = data.replace(b'<c:plotVisOnly val="1"/>', b'<c:plotVisOnly val="0"/>')
            new.writestr(info, data)
    return target


def print_sheets(workbook: Path, sheets: list[str], folder: Path) -> dict[str, Path]:
    """Print each sheet of ``workbook`` to its own PDF in ``folder`` (one LibreOffice run for all of them)."""
    copies = {name: only_sheet(workbook, name, folder / (re.sub(r"\W+", "-", name).strip("-") + ".xlsx"))
              for name in sheets}
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, copies.values())], check=True, capture_output=True, timeout=600)
    return {name: copy.with_suffix(".pdf") for name, copy in copies.items()}


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def picture(pdf: Path, page: int, target: Path) -> Path:
    """One page of a PDF as a PNG."""
    stem = pdf.with_name(pdf.stem + f"-page{page}")
    subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(stem.with_suffix(".png"), target)
    return target


def render_all(folder: Path) -> list[Path]:
    """Every README picture, written into ``folder``."""
    written = []
    with tempfile.TemporaryDirectory(prefix="xlresidency-pictures-") as scratch:
        work = Path(scratch)
        for early in (True, False):
            wanted = [entry for entry in PICTURES if entry[2] == early]
            demo = work / f"demo-{'early' if early else 'season'}.xlsx"
            if cli.main(["demo", str(demo), "--force", *(["--early"] if early else [])]) != 0:
                raise SystemExit("the demo season could not be written")
            out = work / demo.stem
            out.mkdir()
            if early:  # the Applications picture: the top of the list, its summary and the chart on one page
                demo = top_and_summary(demo, "Applications", work / "demo-early-summary.xlsx")
            pdfs = print_sheets(demo, [sheet for sheet, *_ in wanted], out)
            for sheet, file, _, words in wanted:
                pdf = pdfs[sheet]
                page = next((n for n in range(1, page_count(pdf) + 1) if words in page_text(pdf, n)), 1)
                written.append(picture(pdf, page, folder / file))
    return written


if __name__ == "__main__":
    for path in render_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS):
        print(path)
