"""Writing files so that a crash or a full disk never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write(target: Path, write: Callable[[Path], None], before_replace: Callable[[], None] | None = None) -> None:
    """Let ``write`` fill a temporary file beside ``target``, then put it in place in one rename.

    The new file keeps the permissions of the file it replaces (or the usual ones for a new file);
    ``before_replace`` runs once the new file is complete, just before the rename (e.g. to keep a backup).
    If anything fails, ``target`` is left as it was and the temporary file is removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        with temp.open("rb") as written:
            os.fsync(written.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
