"""LibreOffice opens what we write: the demo workbook converts to PDF and its first page renders with content."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from xlresidency import cli

SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (SOFFICE and PDFTOPPM) and not os.environ.get("CI"),
        reason="LibreOffice (soffice) and pdftoppm are not installed; scripts/setup.sh test installs them as root",
    ),
]


def to_pdf(path: Path, folder: Path) -> Path:
    assert SOFFICE, "soffice is required in CI"
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=240)
    pdf = folder / (path.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    return pdf


def first_page(pdf: Path) -> Image.Image:
    assert PDFTOPPM, "pdftoppm is required in CI"
    subprocess.run([PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))],
                   check=True, capture_output=True, timeout=120)
    png = next(pdf.parent.glob(pdf.stem + "*.png"))
    return Image.open(png).convert("L")


def test_demo_workbook_opens_and_prints_in_libreoffice(tmp_path):
    demo = tmp_path / "demo.xlsx"
    assert cli.main(["demo", str(demo)]) == 0
    pdf = to_pdf(demo, tmp_path)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    assert pages >= 3
    image = first_page(pdf)
    dark = image.point(lambda v: 255 if v < 128 else 0).histogram()[255]
    assert dark > 500, "the first page is blank"
