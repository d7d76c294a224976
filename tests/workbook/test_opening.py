"""Opening untrusted workbook files: unpacking bombs, lying sizes, odd members and Strict Open XML, each refused in
one line that names what is wrong."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from test_package import declare, flag
from xlresidency import cli
from xlresidency.core.errors import WorkbookError
from xlresidency.workbook.opening import check_parts, check_readable, is_season_workbook, is_strict

PROGRAMS_PART = "xl/worksheets/sheet2.xml"  # the template's Programs sheet


def rebuilt(source: Path, target: Path, replace: dict[str, bytes] | None = None, method: dict[str, int] | None = None,
            huge: tuple[str, int] | None = None) -> Path:
    """A copy of a package with some parts replaced, packed another way, or made to unpack to ``huge`` bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            name = info.filename
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.compress_type = (method or {}).get(name, zipfile.ZIP_DEFLATED)
            if huge is not None and name == huge[0]:
                with new.open(entry, "w", force_zip64=True) as stream:
                    chunk = b" " * (1 << 24)
                    for _ in range(huge[1] // len(chunk)):
                        stream.write(chunk)
                continue
            new.writestr(entry, (replace or {}).get(name, old.read(info)))
    return target


def test_a_part_that_unpacks_past_the_bound_is_refused_before_any_reader_sees_it(season_xlsx, tmp_path):
    bomb = rebuilt(season_xlsx, tmp_path / "bomb.xlsx", huge=(PROGRAMS_PART, 1 << 25))
    with pytest.raises(WorkbookError, match=rf"bomb\.xlsx: its part {PROGRAMS_PART} unpacks to more than 16 MB"):
        check_parts(bomb, limit=16 * 1024 * 1024)
    check_parts(bomb)  # 32 MB is within the usual bound
    check_parts(season_xlsx, limit=1024 * 1024)
    with pytest.raises(WorkbookError, match=r"bomb\.xlsx: its parts unpack to more than 20 MB in all"):
        check_parts(bomb, total_limit=20 * 1024 * 1024)


def test_a_lying_size_does_not_get_a_part_past_the_bound(season_xlsx, tmp_path):
    bomb = rebuilt(season_xlsx, tmp_path / "bomb.xlsx", huge=(PROGRAMS_PART, 1 << 25))
    declare(bomb, PROGRAMS_PART, 1000)
    with pytest.raises(WorkbookError, match=r"unpacks to more than 16 MB"):
        check_parts(bomb, limit=16 * 1024 * 1024)


@pytest.fixture(scope="module")
def gigabyte_bomb(tmp_path_factory) -> Path:
    """A 1 MB season workbook whose Programs sheet unpacks to 1 GiB."""
    from conftest import small_season_rows
    from xlresidency.workbook import newbook

    folder = tmp_path_factory.mktemp("bomb")
    season = newbook.new_workbook(folder / "season.xlsx", small_season_rows())
    return rebuilt(season, folder / "bomb.xlsx", huge=(PROGRAMS_PART, 1 << 30))


def peak_of(args: list[str]) -> tuple[int, str]:
    """Run the command line in a fresh process; its peak memory in bytes, and what it printed on stderr."""
    code = ("import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "print(done.returncode)\n"
            "print(done.stderr, end='')\n")
    run = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "xlresidency", *args],
                         capture_output=True, text=True, check=True)
    peak, returncode, stderr = run.stdout.split("\n", 2)
    assert returncode == "1", stderr
    return int(peak) * (1 if sys.platform == "darwin" else 1024), stderr


@pytest.mark.parametrize("command", ["regenerate", "import"])
def test_the_gigabyte_workbook_is_refused_in_one_line_with_a_small_peak(gigabyte_bomb, tmp_path, command):
    assert gigabyte_bomb.stat().st_size < 2 * 1024 * 1024
    programs = tmp_path / "programs.csv"
    programs.write_text("Program,City,State\nNew Harbor Medicine,Boston,MA\n", encoding="utf-8")
    args = [command, str(gigabyte_bomb)] if command == "regenerate" else ["import", str(gigabyte_bomb), "--into",
                                                                          str(gigabyte_bomb)]
    peak, stderr = peak_of(args)
    assert stderr.count("\n") == 1 and f"its part {PROGRAMS_PART} unpacks to more than 512 MB" in stderr
    assert peak < 300 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the measure exists on this system


def test_strict_open_xml_is_named_for_what_it_is(season_xlsx, tmp_path, capsys):
    with zipfile.ZipFile(season_xlsx) as archive:
        rels = archive.read("_rels/.rels")
    strict_rels = rels.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                               b"http://purl.oclc.org/ooxml/officeDocument/relationships")
    strict = rebuilt(season_xlsx, tmp_path / "strict.xlsx", replace={"_rels/.rels": strict_rels})
    assert is_strict(strict) and not is_strict(season_xlsx)
    with pytest.raises(WorkbookError, match=r"Strict Open XML.*save it as Excel Workbook \(\.xlsx\)"):
        check_readable(strict)
    for command in (["regenerate", str(strict)], ["import", str(strict), "--into", str(season_xlsx)]):
        assert cli.main(command) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "Strict Open XML" in err and "not a season workbook" not in err


def _corrupt(path: Path, name: str) -> None:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(name.encode()) + len(info.extra)
    for offset in range(2, min(40, info.compress_size)):
        data[start + offset] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("damage", "said"), [
    ("bzip2", "is packed with a compression method Excel does not use (method 12)"),
    ("encrypted", "is encrypted inside the package"),
    ("corrupt", "is corrupt"),
    ("lying size", "is corrupt"),
])
@pytest.mark.parametrize("command", ["regenerate", "check", "ics", "import"])
def test_every_failure_of_a_member_is_one_line_naming_the_part(season_xlsx, tmp_path, capsys, damage, said,
                                                                command):
    path = rebuilt(season_xlsx, tmp_path / "bad.xlsx",
                   method={PROGRAMS_PART: zipfile.ZIP_BZIP2} if damage == "bzip2" else None)
    if damage == "encrypted":
        flag(path, PROGRAMS_PART, 0x1)
    elif damage == "corrupt":
        _corrupt(path, PROGRAMS_PART)
    elif damage == "lying size":
        with zipfile.ZipFile(path) as archive:
            declare(path, PROGRAMS_PART, archive.getinfo(PROGRAMS_PART).file_size // 2)
    args = [command, str(path)] if command != "import" else ["import", str(path), "--into", str(season_xlsx)]
    assert cli.main(args) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and PROGRAMS_PART in err and said in err, err


def test_a_season_workbook_is_told_from_other_files(season_xlsx, tmp_path):
    import openpyxl

    other = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(other)
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    assert is_season_workbook(season_xlsx)
    assert not is_season_workbook(other) and not is_season_workbook(text)
    assert not is_season_workbook(tmp_path / "missing.xlsx")
