"""The README's pictures are build outputs: rendered again from the demo seasons and compared with docs/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from factories import load_script

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")) and not os.environ.get("CI"),
                       reason="LibreOffice and poppler are not installed; scripts/setup.sh test installs them"),
]


def _pictures() -> Any:
    return load_script("render_pictures")


def test_readme_pictures_are_current(tmp_path):
    pictures = _pictures()
    rendered = pictures.render_all(tmp_path)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(rendered) == len(pictures.PICTURES)
    for path in rendered:
        assert f"docs/{path.name}" in readme, f"README does not show {path.name}"
        shipped = Image.open(ROOT / "docs" / path.name).convert("L")
        fresh = Image.open(path).convert("L")
        assert shipped.size == fresh.size, f"{path.name}: run python scripts/render_pictures.py"
        differing = sum(ImageChops.difference(shipped, fresh).point(lambda v: 255 if v > 48 else 0).histogram()[255:])
        share = differing / (fresh.size[0] * fresh.size[1])
        assert share < 0.002, f"{path.name}: run python scripts/render_pictures.py"
