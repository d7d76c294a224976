"""Real Pyodide for the xlwings Lite bundle test: Pyodide's core from npm and the wheels the bundle needs from PyPI,
pinned by version and checked by sha256, cached outside the repository, run under Node with every network request
refused (``pyodide_runner.mjs``).

Where the files come from (see ``../shared/XLWINGS-NOTES.md``, "Real Pyodide here"):

- npm ``pyodide@314.0.3``: the core (``pyodide.asm.wasm``, ``python_stdlib.zip``, ``pyodide-lock.json``, ...).
- Pyodide's own package wheels (numpy, pandas and theirs, micropip) are on no registry by themselves; the PyPI wheel
  ``open-webui==0.12.4`` carries Pyodide 314.0.3's under ``open_webui/frontend/pyodide/``. Each one taken from it
  must have the sha256 that npm's ``pyodide-lock.json`` lists for it.
- Pure-Python wheels from PyPI for what the bundle names and Pyodide's lock cannot supply here: xlwings (its
  Pyodide wheel, as xlwings Lite installs it), Jinja2, holidays, icalendar, openpyxl, defusedxml and their pure
  dependencies, each pinned with its sha256 below. MarkupSafe's Pyodide build is on no registry: its sdist is packed
  as a pure wheel (it falls back to pure Python), so Jinja2 escapes text here without its C speed-up.

A download that fails, or a file whose hash is not the pinned one, raises ``DownloadFailed``: a failure of the
registry or the network, not of xlresidency. A bundle that asks for what Pyodide cannot install raises
``BundleProblem`` naming the package.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

VERSION = "314.0.3"
TESTS = Path(__file__).resolve().parent
RUNNER = TESTS / "pyodide_runner.mjs"
CACHE = Path(os.environ.get("XLRESIDENCY_TEST_CACHE") or Path.home() / ".cache" / "xlresidency-tests") / (
    f"pyodide-{VERSION}")
CORE_TARBALL = ("pyodide-314.0.3.tgz", "d7f7d24f8db486c7eda7280f3b0f7517524c8e43e8b086c6ee6ae8016658b484")
CARRIER = ("open-webui", "0.12.4", "open_webui-0.12.4-py3-none-any.whl",
           "02e9caba96234db3fa17a92e56163b3f7f2b8ca8227fa886b85c178d696483f6")
CARRIER_FOLDER = "open_webui/frontend/pyodide/"
LOCK_PACKAGES = ("numpy", "pandas", "python-dateutil", "six", "pytz", "micropip", "packaging")
"""Pyodide's own wheels taken from the carrier: what the bundle's pandas and numpy need, and micropip."""
PYODIDE_PLATFORM = ["--platform", "pyemscripten_2026_0_wasm32", "--python-version", "3.14", "--implementation", "cp",
                    "--abi", "cp314"]
PYPI: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # name: (version, file, sha256, pure dependencies installed before it)
    "xlwings": ("0.37.8", "xlwings-0.37.8-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
                "4b74e3b546122119739759216fc7c25c11fb03624ec1a8dcc1062eba926a291c", ()),
    "markupsafe": ("3.0.3", "markupsafe-3.0.3.tar.gz",
                   "722695808f4b6457b320fdc131280796bdceb04ab50fe1795cd540799ebe1698", ()),
    "jinja2": ("3.1.6", "jinja2-3.1.6-py3-none-any.whl",
               "85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67", ("markupsafe",)),
    "tzdata": ("2025.3", "tzdata-2025.3-py2.py3-none-any.whl",
               "06a47e5700f3081aab02b2e513160914ff0694bce9947d6b76ebd6bf57cfc5d1", ()),
    "icalendar": ("7.3.2", "icalendar-7.3.2-py3-none-any.whl",
                  "f95ce4ff8f41d8ad9ca253a676ef40c672abd3774458d197c215055a0d805cc4", ("tzdata",)),
    "et-xmlfile": ("2.0.0", "et_xmlfile-2.0.0-py3-none-any.whl",
                   "7a91720bc756843502c3b7504c77b8fe44217c85c537d85037f0f536151b2caa", ()),
    "holidays": ("0.109", "holidays-0.109-py3-none-any.whl",
                 "7d39c910167116d41fa6aae18d5e72b4541700cdd37743d799c83db3419201b0", ()),
    "defusedxml": ("0.7.1", "defusedxml-0.7.1-py2.py3-none-any.whl",
                   "a352e7e428770286cc899e2542b6cdaedb2b4953ff269a210103ec58f6198a61", ()),
    "openpyxl": ("3.1.5", "openpyxl-3.1.5-py2.py3-none-any.whl",
                 "5282c12b107bffeef825f4617dc029afaf41d0ea60823bbb665ef3079dc79de2", ("et-xmlfile",)),
}
WHEEL_DATE = (1980, 1, 1, 0, 0, 0)

# The Python that runs inside Pyodide: install what the job says, then the job (lite_job.run_job).
PYODIDE_MAIN = """
import json, os, sys, time, warnings
import micropip

job = json.load(open({job!r}))
os.environ.update(job["env"])
sys.dont_write_bytecode = True
timings = {{}}
started = time.perf_counter()
for spec in job["install"]:
    await micropip.install(spec)  # a name: Pyodide's own, from dist; emfs: a wheel of the test's downloads
timings["install"] = time.perf_counter() - started
sys.path.insert(0, job["tests"])
from lite_job import run_job

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    started = time.perf_counter()
    try:
        out = await run_job(job["data"])
    except ModuleNotFoundError as exc:
        out = {{"missing": exc.name}}
    timings["job"] = time.perf_counter() - started
out["warnings"] = [f"{{w.category.__name__}}: {{w.message}}" for w in caught]
out["timings"] = timings
out["python"] = sys.version
import importlib.metadata
out["versions"] = {{d.metadata["Name"].lower(): d.version for d in importlib.metadata.distributions()}}
with open(job["out"], "w") as handle:
    json.dump(out, handle, default=str)
"""


class DownloadFailed(Exception):
    """A registry could not be reached, or served a file that is not the pinned one: not a failure of xlresidency."""


class BundleProblem(Exception):
    """The bundle asks for a package Pyodide cannot install here; the message names it."""


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(path: Path, expected: str, where: str) -> None:
    got = sha256(path)
    if got != expected:
        path.unlink()
        raise DownloadFailed(f"{path.name}: sha256 {got} is not the {expected} {where}")


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """One download at a time when tests run in parallel."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fetch(command: list[str], what: str, cwd: Path) -> None:
    """Run a registry client; its failure is a ``DownloadFailed`` naming what was being fetched."""
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DownloadFailed(f"{what}: {exc}") from exc
    if done.returncode:
        raise DownloadFailed(f"{what}: {' '.join(command[:3])} failed: {(done.stderr or done.stdout).strip()[-800:]}")


def pip_download(spec: str, folder: Path, *options: str) -> None:
    fetch([sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q", "-d",
           str(folder), *options, spec], f"PyPI {spec}", folder)


def downloads() -> Path:
    folder = CACHE / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_core() -> Path:
    """Pyodide's core and its own wheels that the bundle needs, every file checked; returns the folder."""
    dist = CACHE / "dist"
    if (dist / ".complete").is_file():
        return dist
    folder = downloads()
    tarball = folder / CORE_TARBALL[0]
    if not tarball.is_file():
        fetch(["npm", "pack", f"pyodide@{VERSION}", "--silent", "--pack-destination", str(folder)],
              f"npm pyodide@{VERSION}", folder)
    check(tarball, CORE_TARBALL[1], f"pinned for npm pyodide@{VERSION}")
    carrier = folder / CARRIER[2]
    if not carrier.is_file():
        pip_download(f"{CARRIER[0]}=={CARRIER[1]}", folder, "--only-binary=:all:")
    check(carrier, CARRIER[3], f"pinned for {CARRIER[0]} {CARRIER[1]}")
    partial = CACHE / "dist.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("package/") and "/" not in member.name[8:]:
                (partial / member.name[8:]).write_bytes(archive.extractfile(member).read())  # type: ignore[union-attr]
    lock = json.loads((partial / "pyodide-lock.json").read_text())
    if not lock["info"]["python"].startswith("3.14"):
        raise DownloadFailed(f"pyodide-lock.json of {VERSION} is for Python {lock['info']['python']}, not 3.14")
    with zipfile.ZipFile(carrier) as archive:
        for name in LOCK_PACKAGES:
            entry = lock["packages"][name]
            target = partial / entry["file_name"]
            target.write_bytes(archive.read(CARRIER_FOLDER + entry["file_name"]))
            check(target, entry["sha256"], f"that Pyodide {VERSION}'s pyodide-lock.json lists")
    shutil.rmtree(dist, ignore_errors=True)
    partial.rename(dist)
    (dist / ".complete").write_text(VERSION)
    return dist


def pure_wheel_from_sdist(sdist: Path, name: str, version: str) -> Path:
    """A pure-Python wheel of an sdist's ``src/<package>`` (its compiled speed-up left out), the same bytes each
    time."""
    target = sdist.with_name(f"{name}-{version}-py3-none-any.whl")
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            inside = member.name.split("/src/", 1)
            if member.isfile() and len(inside) == 2 and inside[1].endswith((".py", ".typed")):
                files[inside[1]] = archive.extractfile(member).read()  # type: ignore[union-attr]
    info = f"{name}-{version}.dist-info"
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    digests = {n: base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b"=").decode() for n, d in files.items()}
    record = "".join(f"{n},sha256={digests[n]},{len(d)}\n" for n, d in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for n, data in files.items():
            out.writestr(zipfile.ZipInfo(n, date_time=WHEEL_DATE), data)
    target.write_bytes(buffer.getvalue())
    return target


def ensure_wheel(name: str) -> Path:
    """The pinned PyPI file of ``name``, checked (an sdist packed as a pure wheel)."""
    version, file, digest, _ = PYPI[name]
    folder = downloads()
    path = folder / file
    if not path.is_file():
        options = PYODIDE_PLATFORM if name == "xlwings" else []
        binary = "--no-binary=:all:" if file.endswith(".tar.gz") else "--only-binary=:all:"
        pip_download(f"{name}=={version}", folder, binary, *options)
    check(path, digest, f"pinned for {name} {version}")
    return pure_wheel_from_sdist(path, name, version) if file.endswith(".tar.gz") else path


def install_plan(requirements: list[str], lock: dict[str, Any]) -> tuple[list[str], list[Path]]:
    """What micropip installs for ``requirements`` (lines of requirements.txt), in order: Pyodide's own packages by
    name, the others as ``emfs:`` wheels (their pure dependencies first); and the wheels to mount."""
    specs: list[str] = []
    wheels: list[Path] = []

    def local(name: str) -> None:
        for dependency in PYPI[name][3]:
            local(dependency)
        wheel = ensure_wheel(name)
        if wheel not in wheels:
            wheels.append(wheel)
            specs.append(f"emfs:/wheels/{wheel.name}")

    for line in (r.strip() for r in requirements):
        if not line or line.startswith("#"):
            continue
        parsed = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(?:==\s*(\S+))?", line)
        if parsed is None:
            raise BundleProblem(f"requirements.txt: cannot read the line {line!r}")
        name, pin = parsed[1], parsed[2] or ""
        key = normalized(name)
        if key in LOCK_PACKAGES:
            have = lock["packages"][key]["version"]
            if pin and pin != have:
                raise BundleProblem(f"{name}=={pin}: Pyodide {VERSION} ships {name} {have}")
            specs.append(key)
        elif key in PYPI:
            if pin and pin != PYPI[key][0]:
                raise BundleProblem(f"{name}=={pin}: this test pins {name} {PYPI[key][0]}; update PYPI in {__name__}")
            local(key)
        else:
            raise BundleProblem(unknown(name, pin))
    return specs, wheels


def unknown(name: str, pin: str) -> str:
    """Why a requirement this test does not pin cannot be installed offline: is there a wheel Pyodide could take?"""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
                               "--disable-pip-version-check", "-d", folder, *PYODIDE_PLATFORM,
                               f"{name}=={pin}" if pin else name], capture_output=True, text=True, timeout=300,
                              check=False)
    if done.returncode and "No matching distribution" in done.stderr:
        return (f"{name}: no wheel that Pyodide can install (compiled only, and not among Pyodide {VERSION}'s "
                "packages): xlwings Lite could not install it")
    if done.returncode:
        raise DownloadFailed(f"PyPI {name}: {done.stderr.strip()[-800:]}")
    return f"{name}: not pinned in {__name__}.PYPI (add its version and sha256 to test it offline)"


def run(bundle: Path, data: dict[str, Any], work: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``lite_job.run_job(data)`` in Pyodide on the bundle in ``bundle`` (after micropip installed its
    requirements.txt offline). Paths in ``data`` under ``work`` or ``bundle`` are the same inside Pyodide.

    Returns the job's answer with ``refused`` (network requests, none expected), ``timings`` and ``failure``.
    """
    with locked():
        dist = ensure_core()
        lock = json.loads((dist / "pyodide-lock.json").read_text())
        specs, _ = install_plan((bundle / "requirements.txt").read_text().splitlines(), lock)
    tests = work / "tests"
    tests.mkdir(parents=True, exist_ok=True)
    shutil.copy(TESTS / "lite_job.py", tests)
    out = work / "out.json"
    job = {"env": env or {}, "install": specs, "tests": str(tests), "data": data, "out": str(out)}
    (work / "job.json").write_text(json.dumps(job))
    (work / "main.py").write_text(PYODIDE_MAIN.format(job=str(work / "job.json")))
    runner = {"dist": str(dist), "mounts": {str(work): str(work), str(bundle): str(bundle),
                                            "/wheels": str(CACHE / "downloads")},
              "main": str(work / "main.py"), "result": str(work / "runner.json")}
    (work / "runner-job.json").write_text(json.dumps(runner))
    started = time.perf_counter()
    done = subprocess.run(["node", str(RUNNER), str(work / "runner-job.json")], capture_output=True, text=True,
                          timeout=1800, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode or not (work / "runner.json").is_file():
        raise AssertionError(f"Node could not run Pyodide (exit {done.returncode}): {done.stderr[-3000:]}")
    result = json.loads((work / "runner.json").read_text())
    answer: dict[str, Any] = json.loads(out.read_text()) if out.is_file() else {}
    answer.update(refused=result["refused"], failure=result["failure"], node_timings=result["timings"],
                  elapsed=elapsed, stdout=done.stdout, stderr=done.stderr)
    return answer


def download_size() -> int:
    """Bytes fetched from the registries into the cache (the packed MarkupSafe wheel is made here, not fetched)."""
    fetched = {CORE_TARBALL[0], CARRIER[2], *(entry[1] for entry in PYPI.values())}
    return sum(p.stat().st_size for p in downloads().iterdir() if p.name in fetched)
