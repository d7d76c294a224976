"""A non-editable install in a fresh virtual environment, run from another folder, finds the packaged templates."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_wheel_install_ships_the_templates(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, timeout=600)
    wheel = next(wheels.glob("xlresidency-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, timeout=900)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    code = "from xlresidency.core.resources import templates_dir; print(templates_dir())"
    found = subprocess.run([str(python), "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True,
                           check=True)
    assert str(env_dir) in found.stdout and str(ROOT) not in found.stdout
    book = elsewhere / "season.xlsx"
    subprocess.run([str(env_dir / "bin" / "xlresidency"), "new", str(book)], cwd=elsewhere, env=env, check=True,
                   timeout=300)
    templates = openpyxl.load_workbook(book)["Templates"]
    names = [row[0] for row in templates.iter_rows(min_row=3, values_only=True) if row[0]]
    assert len(names) >= 3
