"""The one safe-write path: what is on disk after every way a write can end."""

import os
import subprocess
import sys

import pytest

from faults import half_then, inject, killed, leftovers
from xlresidency.core import fileio
from xlresidency.core.errors import NotOurs
from xlresidency.core.fileio import atomic_write, backup_path, check_ours, fingerprint, remove_leftovers, temp_path


def put(data: bytes):
    return lambda path: path.write_bytes(data)


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.xlsx", put(b"new"))
    finally:
        os.umask(old)
    assert (tmp_path / "a.xlsx").stat().st_mode & 0o777 == 0o644


def test_a_replaced_file_keeps_its_permissions_and_its_previous_version_is_the_backup(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o600)
    written = atomic_write(target, put(b"new"), backup=True)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o600
    assert written.backup == tmp_path / "a.backup.xlsx" and written.backup.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.backup.xlsx", "a.xlsx"]


def test_the_backup_is_a_hard_link_of_the_previous_version(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    before = target.stat().st_ino
    atomic_write(target, put(b"new"), backup=True)
    assert backup_path(target).stat().st_ino == before  # no copy: the old file itself, under the backup's name


def test_without_hard_links_the_backup_is_a_complete_copy(tmp_path, monkeypatch):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old" * 500_000)
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    inject(monkeypatch, {("link", 1): "eperm"})
    atomic_write(target, put(b"new"), backup=True)
    backup = backup_path(target)
    assert backup.read_bytes() == b"old" * 500_000 and backup.stat().st_mtime_ns == 1_000_000_000
    assert target.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_target_its_backup_and_no_temporary_file(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    backup_path(target).write_bytes(b"older")

    def broken(path):
        path.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, broken, backup=True)
    assert target.read_bytes() == b"old" and backup_path(target).read_bytes() == b"older"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.backup.xlsx", "a.xlsx"]


# ---- faults injected at each step ---------------------------------------------------------------------


def setup_files(folder):
    target = folder / "a.xlsx"
    target.write_bytes(b"old")
    backup_path(target).write_bytes(b"older")
    return target


@pytest.mark.parametrize(("steps", "where"), [
    ({("chmod", 1): "enospc"}, "the new file is durable, before it gets the permissions of the old"),
    ({("fsync", 1): "enospc"}, "the new file is flushed to disk (NFS reports a full disk here)"),
    ({("link", 1): "eperm", ("write", 1): "enospc"}, "the backup is copied (no hard links)"),
    ({("link", 1): "eperm", ("fsync", 2): "enospc"}, "the copied backup is flushed"),
])
def test_a_full_disk_at_any_step_leaves_the_file_and_its_backup_whole(tmp_path, monkeypatch, steps, where):
    target = setup_files(tmp_path)
    inject(monkeypatch, steps)
    with pytest.raises(OSError) as failure:
        atomic_write(target, put(b"new" * 1000), backup=True)
    assert failure.value.errno in (28, 1), where
    assert target.read_bytes() == b"old" and backup_path(target).read_bytes() == b"older", where
    assert leftovers(tmp_path) == [], where


def test_a_full_disk_while_the_new_file_is_written(tmp_path):
    target = setup_files(tmp_path)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, half_then(lambda path: path.write_bytes(b"new" * 1000), "enospc"), backup=True)
    assert target.read_bytes() == b"old" and backup_path(target).read_bytes() == b"older"
    assert leftovers(tmp_path) == []


# Killed at each step: (the call the kill comes before, what the file and its backup hold afterwards).
KILLS = [
    ("writing", b"old", b"older"),
    (("fsync", 1), b"old", b"older"),
    (("chmod", 1), b"old", b"older"),
    (("link", 1), b"old", b"older"),
    (("replace", 1), b"old", b"older"),  # the backup's link made, not yet in place
    (("replace", 2), b"old", b"old"),  # the backup in place, the new file not yet
    (("fsync", 2), b"new", b"old"),  # renamed, the folder not yet flushed
]


@pytest.mark.parametrize(("step", "content", "backup"), KILLS)
def test_a_run_killed_at_any_step_leaves_a_complete_file_and_a_complete_backup(tmp_path, step, content, backup):
    target = setup_files(tmp_path)

    def run():
        if step == "writing":
            atomic_write(target, half_then(lambda path: path.write_bytes(b"new"), "kill"), backup=True)
        fileio.os = __import__("faults").FaultyOS({step: "kill"})
        atomic_write(target, put(b"new"), backup=True)

    assert killed(run) == -9
    assert target.read_bytes() == content and backup_path(target).read_bytes() == backup
    # the next run removes what the killed one left (its process is gone) and writes as usual
    atomic_write(target, put(b"newer"), backup=True)
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"newer" and backup_path(target).read_bytes() == content


def test_a_run_killed_while_copying_the_backup_leaves_the_old_backup(tmp_path):
    target = setup_files(tmp_path)
    target.write_bytes(b"old" * 400_000)  # more than one chunk: killed half way through the copy

    def run():
        fileio.os = __import__("faults").FaultyOS({("link", 1): "eperm", ("write", 2): "kill"})
        atomic_write(target, put(b"new"), backup=True)

    assert killed(run) == -9
    assert target.read_bytes() == b"old" * 400_000 and backup_path(target).read_bytes() == b"older"
    assert len(leftovers(tmp_path)) == 2  # the new file and the half copy, both named for their process
    remove_leftovers(tmp_path)
    assert leftovers(tmp_path) == []


# ---- leftovers of other runs --------------------------------------------------------------------------


def test_only_leftovers_of_gone_processes_on_this_computer_are_removed(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        host = fileio._host()
        dead = tmp_path / f".a.xlsx.xlresidency-{host}-{dead_pid}-abc123.partial"
        running = tmp_path / f".a.xlsx.xlresidency-{host}-{alive.pid}-abc123.partial"
        elsewhere = tmp_path / f".a.xlsx.xlresidency-another-pc-{dead_pid}-abc123.partial"
        mine = temp_path(tmp_path / "b.xlsx")
        theirs = tmp_path / ".a.xlsx.partial"  # not named by us
        for path in (dead, running, elsewhere, mine, theirs):
            path.write_bytes(b"x")
        atomic_write(tmp_path / "a.xlsx", put(b"new"))
        assert not dead.exists()
        assert running.exists() and elsewhere.exists() and mine.exists() and theirs.exists()
    finally:
        alive.kill()
        alive.wait()


def test_the_temporary_file_says_what_it_becomes_and_who_writes_it(tmp_path):
    name = temp_path(tmp_path / "season.xlsx").name
    assert name.startswith(".season.xlsx.xlresidency-") and f"-{os.getpid()}-" in name
    assert name.endswith(".partial") and fileio._TEMP.fullmatch(name)
    long = tmp_path / ("Residency season " * 14 + ".xlsx")  # 243 characters: the temporary name must still fit
    atomic_write(long, put(b"new"))
    assert long.read_bytes() == b"new" and len(temp_path(long).name) <= 255


# ---- links and another program's save ------------------------------------------------------------------


def test_a_link_stays_a_link_and_the_file_it_points_to_is_written(tmp_path):
    (tmp_path / "Dropbox").mkdir()
    real = tmp_path / "Dropbox" / "a.xlsx"
    real.write_bytes(b"old")
    link = tmp_path / "a.xlsx"
    link.symlink_to(real)
    written = atomic_write(link, put(b"new"), backup=True)
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert written.backup == tmp_path / "Dropbox" / "a.backup.xlsx" and written.backup.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dropbox", "a.xlsx"]


def copies(path):
    yield path.with_name("a (regenerated).xlsx")
    yield path.with_name("a (regenerated 2).xlsx")


def test_a_save_by_another_program_is_left_alone_and_the_result_goes_beside_it(tmp_path):
    target = setup_files(tmp_path)
    seen = fingerprint(target)
    target.write_bytes(b"the applicant's edit")  # same moment, other bytes: the hash tells
    os.utime(target, ns=(seen.mtime_ns, seen.mtime_ns))
    first = atomic_write(target, put(b"new"), backup=True, unchanged=seen, elsewhere=copies)
    assert first.changed_meanwhile and first.path == tmp_path / "a (regenerated).xlsx" and first.backup is None
    second = atomic_write(target, put(b"new 2"), backup=True, unchanged=seen, elsewhere=copies)
    assert second.path == tmp_path / "a (regenerated 2).xlsx"
    assert target.read_bytes() == b"the applicant's edit" and backup_path(target).read_bytes() == b"older"
    assert first.path.read_bytes() == b"new" and second.path.read_bytes() == b"new 2"
    assert leftovers(tmp_path) == []


def test_a_save_while_the_backup_is_made_is_noticed_too(tmp_path, monkeypatch):
    target = setup_files(tmp_path)
    seen = fingerprint(target)

    def excel_saves():
        other = tmp_path / "excel-temp"
        other.write_bytes(b"saved by Excel")
        os.replace(other, target)

    inject(monkeypatch, {("replace", 1): excel_saves})
    written = atomic_write(target, put(b"new"), backup=True, unchanged=seen, elsewhere=copies)
    assert written.changed_meanwhile and written.path.read_bytes() == b"new"
    assert target.read_bytes() == b"saved by Excel" and backup_path(target).read_bytes() == b"old"


def test_an_unchanged_file_is_replaced(tmp_path):
    target = setup_files(tmp_path)
    written = atomic_write(target, put(b"new"), backup=True, unchanged=fingerprint(target), elsewhere=copies)
    assert written.path == target and not written.changed_meanwhile and target.read_bytes() == b"new"


# ---- never over what is not ours ----------------------------------------------------------------------------


def test_a_file_that_is_not_ours_is_refused_unless_forced(tmp_path):
    target = tmp_path / "season.ics"
    assert check_ours(target, lambda _: False, "a calendar") is False  # nothing there
    target.write_bytes(b"PK\x03\x04 a workbook")
    with pytest.raises(NotOurs, match=r"season\.ics: already exists and is not a calendar; .*--force"):
        check_ours(target, lambda path: path.read_bytes().startswith(b"BEGIN"), "a calendar")
    assert check_ours(target, lambda _: False, "a calendar", force=True) is True
    assert check_ours(target, lambda _: True, "a calendar") is False
    with pytest.raises(NotOurs, match="is a folder"):
        check_ours(tmp_path, lambda _: True, "a calendar")
