import os

import pytest

from xlresidency.core.fileio import atomic_write


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a.xlsx", lambda p: p.write_bytes(b"new"))
    finally:
        os.umask(old)
    assert (tmp_path / "a.xlsx").stat().st_mode & 0o777 == 0o644


def test_a_replaced_file_keeps_its_permissions_and_the_backup_hook_runs_first(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o600)
    seen = []
    atomic_write(target, lambda p: p.write_bytes(b"new"), before_replace=lambda: seen.append(target.read_bytes()))
    assert target.read_bytes() == b"new" and seen == [b"old"]
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")

    def broken(path):
        path.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, broken)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]
