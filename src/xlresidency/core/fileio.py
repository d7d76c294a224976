"""The one way xlresidency writes a file: nothing lost when the machine fails, nothing overwritten that is not ours.

Every file the tool writes (a workbook and its backup, a calendar, an email draft, the Lite bundle, the add-in)
goes through ``atomic_write``:

1. The new content is written to a temporary file in the target's folder, named for the file it will become and
   the process writing it (``.season.xlsx.xlresidency-HOST-4242-k3j9.partial``), then flushed and fsynced.
2. The previous version becomes the backup (when one is wanted) by a hard link, or, on a file system without
   hard links, by a copy written the same way as step 1; the backup is renamed into place, so it is never half a
   file.
3. Just before the replace, a workbook is checked to be still the one that was read (size, modification time, a
   hash of its bytes); if another program saved it meanwhile the result goes beside it instead.
4. One rename puts the new file in place, and the folder is fsynced so the rename survives a power cut.

So at every instant there is a complete file and a complete backup. A run killed between steps leaves its
temporary file behind; a later run in the same folder removes it, but only once the process whose id the name
carries is gone (on this machine: a shared folder may hold temporary files of another computer's runs, which are
left alone). A target given through a symbolic link is written where the link points; the link stays a link.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import platform
import re
import secrets
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import NotOurs

if sys.platform != "win32":  # pragma: no branch - Windows has no fcntl; only macOS uses it (F_FULLFSYNC)
    import fcntl

_CHUNK = 1 << 20
_TEMP = re.compile(r"\.(?P<name>.+)\.xlresidency-(?P<host>[A-Za-z0-9-]*)-(?P<pid>\d+)-[a-z0-9]+\.partial")


def _host() -> str:
    """This computer's name as it goes into temporary file names (letters, digits and dashes only)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", platform.node())[:24]


def temp_path(target: Path) -> Path:
    """A fresh temporary file name beside ``target`` that says what it will become and which process writes it."""
    token = secrets.token_hex(3)
    name = target.name[:120]  # room for the rest within the 255 characters a file name may have
    return target.with_name(f".{name}.xlresidency-{_host()}-{os.getpid()}-{token}.partial")


def backup_path(path: Path) -> Path:
    """Where the previous version of a file is kept: ``name.backup.xlsx`` beside it."""
    return path.with_name(f"{path.stem}.backup{path.suffix}")


def real_target(path: Path) -> Path:
    """Where writing ``path`` must go: the file a symbolic link points to (through every link), else ``path``."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


# --------------------------------------------------------------------------------------------------
# Temporary files of runs that were killed.


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (an id that cannot be checked counts as running)."""
    if pid <= 0:
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else, or cannot be asked
        return True
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill(pid, 0) would send Ctrl+C on Windows: ask the kernel for the process and its exit code instead.
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() != 87  # type: ignore[attr-defined]  # ERROR_INVALID_PARAMETER: no such process
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files that runs killed on this computer left in ``folder``; returns what was removed.

    A temporary file is removed only when the process whose id its name carries is gone.
    """
    removed = []
    host = _host()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _TEMP.fullmatch(entry.name)
            if match is None or match["host"] != host:
                continue
            pid = int(match["pid"])
            if pid == os.getpid() or process_alive(pid):
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


# --------------------------------------------------------------------------------------------------
# Noticing another program's save.


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: its size, its modification time and a hash of its bytes."""

    size: int
    mtime_ns: int
    sha256: str


def fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint (None when there is no such file)."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            digest = hashlib.sha256()
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return Fingerprint(status.st_size, status.st_mtime_ns, digest.hexdigest())


def _same_status(path: Path, seen: Fingerprint) -> bool:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return False
    return (status.st_size, status.st_mtime_ns) == (seen.size, seen.mtime_ns)


def _unchanged(path: Path, seen: Fingerprint) -> bool:
    return _same_status(path, seen) and fingerprint(path) == seen


# --------------------------------------------------------------------------------------------------
# Writing.


@dataclass(frozen=True)
class Written:
    """Where ``atomic_write`` put the file, where it kept the previous version, and whether it had to write beside
    the target because another program saved it meanwhile."""

    path: Path
    backup: Path | None = None
    changed_meanwhile: bool = False


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _flush(handle: int) -> None:
    """Make a file's written bytes durable; macOS' fsync leaves them in the drive's cache, F_FULLFSYNC does not."""
    if sys.platform == "darwin":  # pragma: no cover - macOS only
        with contextlib.suppress(OSError):  # not every file system has it: fsync is then the best there is
            fcntl.fcntl(handle, fcntl.F_FULLFSYNC)
            return
    os.fsync(handle)


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only a handle open for writing
    try:
        _flush(handle)
    finally:
        os.close(handle)


def _fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; Windows cannot open a folder and commits renames itself)."""
    if sys.platform == "win32":  # pragma: no cover
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        _flush(handle)
    except OSError as problem:  # some network file systems refuse to fsync a folder
        if problem.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(handle)


def _copy(source: Path, temp: Path) -> None:
    """Copy ``source`` into a new file ``temp`` (fsynced), keeping its modification time."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    status = os.stat(source)
    reader = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        writer = os.open(temp, flags, status.st_mode & 0o777)
        try:
            while chunk := os.read(reader, _CHUNK):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(writer, view):]
            _flush(writer)
        finally:
            os.close(writer)
    finally:
        os.close(reader)
    os.utime(temp, ns=(status.st_atime_ns, status.st_mtime_ns))


def keep_backup(target: Path, backup: Path) -> None:
    """Make ``backup`` the current ``target``: a hard link where the file system has them, else a copy; either way
    renamed into place, so the old backup stays whole until the new one is complete."""
    temp = temp_path(backup)
    try:
        try:
            os.link(target, temp)
        except (OSError, NotImplementedError):  # FAT, exFAT, some network shares: no hard links
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            _copy(target, temp)
        os.replace(temp, backup)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _claim(temp: Path, candidates: Iterator[Path]) -> Path:
    """Give the finished ``temp`` the first name among ``candidates`` that nothing holds yet (never replacing one)."""
    for candidate in candidates:
        try:
            os.link(temp, candidate)  # fails if the name is taken: no other file is ever replaced
        except FileExistsError:
            continue
        except OSError:  # no hard links here: take the name if it is free (a tiny race, only on such disks)
            if candidate.exists():
                continue
            os.replace(temp, candidate)
            return candidate
        os.unlink(temp)
        return candidate
    raise FileExistsError(errno.EEXIST, "no free name for the result")  # pragma: no cover - candidates are endless


def atomic_write(
    target: Path,
    write: Callable[[Path], object],
    *,
    backup: bool = False,
    unchanged: Fingerprint | None = None,
    elsewhere: Callable[[Path], Iterator[Path]] | None = None,
) -> Written:
    """Let ``write`` fill a temporary file beside ``target``, then put it in place in one rename.

    ``backup``: keep the previous version as ``backup_path(target)`` (made atomically, see ``keep_backup``).
    ``unchanged``: the fingerprint of ``target`` when it was read; if the file is no longer that one, the result
    is given the first free name ``elsewhere(target)`` offers and ``target`` is left as the other program saved
    it. The new file keeps the permissions of the file it replaces (or the usual ones for a new file). If
    anything fails, ``target`` and its backup are left as they were and the temporary file is removed.
    """
    target = real_target(target)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    temp = temp_path(target)
    existed = target.exists()
    mode = target.stat().st_mode & 0o777 if existed else 0o666 & ~_umask()
    try:
        write(temp)
        _fsync(temp)
        os.chmod(temp, mode)
        if unchanged is not None and elsewhere is not None and not _unchanged(target, unchanged):
            placed = _claim(temp, elsewhere(target))
            _fsync_folder(folder)
            return Written(placed, None, changed_meanwhile=True)
        kept = None
        if backup and existed:
            kept = backup_path(target)
            keep_backup(target, kept)
            if unchanged is not None and elsewhere is not None and not _same_status(target, unchanged):
                placed = _claim(temp, elsewhere(target))  # saved while the backup was made: the backup is the
                _fsync_folder(folder)  # version that was read, the other program's save stays in place
                return Written(placed, kept, changed_meanwhile=True)
        os.replace(temp, target)
        _fsync_folder(folder)
        return Written(target, kept)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


# --------------------------------------------------------------------------------------------------
# Replacing only what is ours.


def head(path: Path, size: int = 64 * 1024) -> bytes:
    """The first bytes of a file (enough to tell what wrote it)."""
    with open(path, "rb") as handle:
        return handle.read(size)


def check_ours(target: Path, ours: Callable[[Path], bool], what: str, force: bool = False) -> bool:
    """Refuse to replace ``target`` unless it is a file of ours (``ours`` tells by its content) or ``force``.

    Returns True when ``target`` is a file that is not ours and ``force`` replaces it (the caller then keeps it as
    a backup); False when there is nothing to keep.
    """
    path = real_target(target)
    if not path.exists():
        return False
    if path.is_dir():
        raise NotOurs(f"{target}: is a folder; give a file name")
    try:
        mine = ours(path)
    except OSError as problem:
        raise NotOurs(f"{target}: cannot be read to check what it is ({problem.strerror or problem})") from problem
    if mine:
        return False
    if not force:
        raise NotOurs(f"{target}: already exists and is not {what}; choose another name, or add --force to "
                      "replace it (it is then kept as " + backup_path(path).name + ")")
    return True
