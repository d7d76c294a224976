"""xlwings Lite: the cell functions and the Regenerate script in Excel on Windows, Mac and the web, with no
local Python (``xlresidency lite``).

xlwings Lite runs Python inside Excel through Pyodide and keeps two files in the workbook: ``main.py`` (its
functions and scripts) and ``requirements.txt`` (what it installs, from Pyodide's own packages or PyPI). It
cannot read the applicant's disk, and a wheel named by URL would need a server. So the package travels inside
``main.py``: a few readable lines, then this package as a wheel in base64. When Lite loads ``main.py``, those
lines unpack the wheel into Pyodide's in-memory file system and put it first on ``sys.path`` (a pure-Python
wheel is installed by unpacking it), then import every cell function of ``xlresidency.udfs`` and define three
scripts: ``Regenerate``, which runs ``excel.run`` (the same pipeline as the ribbon button), and ``Export calendar
and emails`` and ``Import programs``, which use Lite's file area (``filearea.py``).

``requirements.txt`` names xlwings (pinned; Lite needs it anyway), the pure-Python packages from PyPI the Lite path
imports, pinned to the versions tested (holidays: the US federal holidays a second look avoids; icalendar for the
calendar, openpyxl to read a dropped workbook, defusedxml with which the import checks it), which micropip
installs, and the packages the Lite path imports that Pyodide ships (pandas, numpy, Jinja2). Nothing else is
fetched: the command-line and file-only dependencies (click, rich, calamine) are never imported here.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.metadata
import io
import re
import zipfile
from importlib.resources.abc import Traversable
from pathlib import Path

from ..core.errors import WorkbookError
from ..core.fileio import atomic_write, check_ours, head
from ..core.resources import templates_dir
from ..core.version import __version__

PACKAGE = "xlresidency"
WHEEL_NAME = f"{PACKAGE}-{__version__}-py3-none-any.whl"
DIST_INFO = f"{PACKAGE}-{__version__}.dist-info"
WHEEL_DATE = (1980, 1, 1, 0, 0, 0)  # the same bytes for the same package: no build time in the wheel

PYPI_PURE = ("holidays", "icalendar", "openpyxl", "defusedxml")
"""Pure-Python distributions the Lite path imports that Pyodide does not ship: micropip installs them from PyPI,
pinned to the version this package was built against (with their own pure dependencies: et-xmlfile;
python-dateutil and tzdata, which Pyodide ships)."""
PYODIDE_PACKAGES = ("pandas", "numpy", "jinja2")
"""Distributions the Lite path imports that Pyodide ships, unpinned: their version is Pyodide's."""
PYODIDE_BUILT = frozenset({"numpy", "pandas", "markupsafe", "pillow", "cryptography", "cffi"})
"""Distributions with compiled code that Pyodide builds for WebAssembly ("Packages built in Pyodide"); every
other distribution the Lite path loads must be pure Python. Pillow, cryptography and cffi are loaded by
xlwings itself, not by xlresidency."""
LITE_PROVIDED = frozenset({"xlwings"})
"""Installed by xlwings Lite for its own use, as a pure-Python wheel (the local one may carry a Rust extension)."""


def requirements() -> list[str]:
    """What Lite installs: xlwings and the pure-Python packages from PyPI at the versions this package was built
    against, and Pyodide's packages."""
    return [f"xlwings=={importlib.metadata.version('xlwings')}",
            *(f"{name}=={importlib.metadata.version(name)}" for name in PYPI_PURE), *PYODIDE_PACKAGES]


# --------------------------------------------------------------------------------------------------
# The wheel.


def _walk(node: Traversable, prefix: str) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = f"{prefix}/{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                files.update(_walk(child, name))
        elif not child.name.endswith((".pyc", ".pyo")):
            files[name] = child.read_bytes()
    return files


def package_files() -> dict[str, bytes]:
    """The package as it runs: its modules and its templates (inside the package when installed, beside ``src/``
    in a source checkout), by their path inside the wheel."""
    files = _walk(Path(__file__).resolve().parents[1], PACKAGE)
    files.update(_walk(templates_dir(), f"{PACKAGE}/templates"))
    return files


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel_bytes() -> bytes:
    """This package as a pure-Python wheel (``py3-none-any``) whose requirements are the Lite path's."""
    metadata = "\n".join(
        [
            "Metadata-Version: 2.1",
            f"Name: {PACKAGE}",
            f"Version: {__version__}",
            "Summary: xlresidency's cell functions and Regenerate, for xlwings Lite",
            "Requires-Python: >=3.11",
            *(f"Requires-Dist: {r}" for r in requirements()),
        ]
    ) + "\n"
    wheel = f"Wheel-Version: 1.0\nGenerator: xlresidency {__version__}\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files = {**package_files(), f"{DIST_INFO}/METADATA": metadata.encode(), f"{DIST_INFO}/WHEEL": wheel.encode()}
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{DIST_INFO}/RECORD"] = (record + f"{DIST_INFO}/RECORD,,\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, date_time=WHEEL_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------
# The two files.


MAIN_PY = '''"""xlresidency in xlwings Lite: the cell functions (=FIT_SCORE(Programs[#All], Profile[#All]), =MILES(...),
...) and the Regenerate script, run by Pyodide inside Excel: no local Python, no server.

Written by `xlresidency lite` from xlresidency {version} for xlwings {xlwings}. Make a new one with that command
rather than editing this file. The xlresidency package travels at the end of this file as a wheel in base64
({size:,} bytes); the last lines unpack it into Pyodide's in-memory file system and bring in the cell functions.
"""

import base64
import io
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import xlwings as xw
from xlwings import script


@script(name="Regenerate")
def regenerate(book: xw.Book):
    """Rebuild the planning sheets (Fit, Second Look, Trips, ... Checks) from your input tables."""
    print(excel.run(book))  # `excel` and `files` are imported at the end of this file, once the package is unpacked


@script(name="Export calendar and emails")
def export_files(book: xw.Book):
    """Write season.ics and one .eml per email draft to /data/xlresidency/ (download: Files > Import/Export)."""
    print(files.export_files(book))


@script(name="Import programs")
def import_programs(book: xw.Book):
    """Add each .csv/.xlsx in /data/xlresidency/import/ to the Programs table, then rebuild the sheets."""
    print(files.import_programs(book))


def unpack(wheel, name):
    """Unpack the wheel once per session and put it first on sys.path: a pure-Python wheel installs by unpacking."""
    folder = Path(tempfile.gettempdir()) / name.removesuffix(".whl")
    if not folder.is_dir():
        partial = folder.with_name(folder.name + ".partial")
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wheel))) as unpacked:
            unpacked.extractall(partial)
        partial.rename(folder)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


WHEEL_NAME = "{wheel_name}"
WHEEL = """
{wheel}"""

unpack(WHEEL, WHEEL_NAME)
from xlresidency.excel import book as excel  # noqa: E402
from xlresidency.excel import filearea as files  # noqa: E402
from xlresidency.udfs import *  # noqa: E402, F403  (every cell function: see xlresidency.udfs.__all__)
'''


def main_py(wheel: bytes) -> str:
    """The ``main.py`` for xlwings Lite, embedding ``wheel``."""
    return MAIN_PY.format(
        version=__version__,
        xlwings=importlib.metadata.version("xlwings"),
        size=len(wheel),
        wheel_name=WHEEL_NAME,
        wheel=base64.encodebytes(wheel).decode("ascii"),
    )


def requirements_txt() -> str:
    """The ``requirements.txt`` for xlwings Lite."""
    return "".join(f"{line}\n" for line in requirements())


def is_our_main_py(path: Path) -> bool:
    """Whether a ``main.py`` is one ``xlresidency lite`` wrote (its docstring says so)."""
    return b"Written by `xlresidency lite`" in head(path, 4096)


def is_our_requirements(path: Path) -> bool:
    """Whether a ``requirements.txt`` names only what ``xlresidency lite`` writes there (any versions)."""
    ours = {re.split(r"[=<>~!\[ ;]", line, maxsplit=1)[0].lower() for line in requirements()}
    lines = head(path, 4096).decode("utf-8", "replace").splitlines()
    return all(re.split(r"[=<>~!\[ ;]", line.strip(), maxsplit=1)[0].lower() in ours
               for line in lines if line.strip())


def write_lite(out_dir: Path | str, force: bool = False) -> list[Path]:
    """Write ``main.py`` and ``requirements.txt`` for xlwings Lite into a folder; returns their paths.

    A file of those names already there is replaced only when ``xlresidency lite`` wrote it, or with ``force`` (it
    is then kept as ``main.backup.py`` / ``requirements.backup.txt``); both are checked before either is written.
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise WorkbookError(f"{folder}: is a file, not a folder")
    files = (("main.py", main_py(wheel_bytes()), is_our_main_py),
             ("requirements.txt", requirements_txt(), is_our_requirements))
    foreign = {name: check_ours(folder / name, ours, "a file xlresidency lite wrote", force)
               for name, _, ours in files}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text, _ in files:
        target = folder / name
        atomic_write(target, functools.partial(_write_text, text=text), backup=foreign[name])
        written.append(target)
    return written


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
