"""Faults injected deterministically into the one safe-write path (``xlresidency.core.fileio``).

``FaultyOS`` stands in for the ``os`` module inside ``core.fileio`` and acts at a chosen step of the write: the
n-th call of one of its functions (``chmod`` after the temporary file is written, ``fsync``, ``link`` for the
backup, ``write`` while a backup is copied, ``replace``). The action is ``"kill"`` (SIGKILL, the process dies on
the spot, so it runs in a forked child: ``killed``), ``"enospc"`` (no space left on device), ``"eperm"`` (a file
system without hard links), or any callable (e.g. another program saving the workbook at that moment).
``half_then`` wraps a writer so that it writes half its file and then acts, for a fault while the new file is
being written.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xlresidency.core import fileio

Action = str | Callable[[], None]


def act(action: Action) -> None:
    """Do what a fault does: die, fail as a full disk or a file system without hard links, or run a callable."""
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    elif action == "eperm":
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))
    elif callable(action):
        action()
    else:
        raise ValueError(action)


class FaultyOS:
    """The os module, but the n-th call of a named function first does ``action`` (steps: {(name, n): action})."""

    def __init__(self, steps: dict[tuple[str, int], Action]) -> None:
        self.steps = steps
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if not any(step == name for step, _ in self.steps):
            return real

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            action = self.steps.get((name, self.calls[name]))
            if action is not None:
                act(action)
            return real(*args, **kwargs)

        return wrapped


def inject(monkeypatch: Any, steps: dict[tuple[str, int], Action]) -> FaultyOS:
    """Put a ``FaultyOS`` in place inside ``core.fileio`` for the rest of the test."""
    faulty = FaultyOS(steps)
    monkeypatch.setattr(fileio, "os", faulty)
    return faulty


def half_then(write: Callable[..., None], action: Action) -> Callable[..., None]:
    """A writer whose first argument is the file: it writes the file, cuts it to half, then acts."""

    def wrapped(path: Path, *args: Any, **kwargs: Any) -> None:
        write(path, *args, **kwargs)
        with open(path, "r+b") as handle:
            handle.truncate(os.path.getsize(path) // 2)
        act(action)

    return wrapped


def killed(run: Callable[[], object]) -> int | None:
    """Run ``run`` in a forked child (it installs its own faults) and return its exit code (-9: killed)."""
    child = multiprocessing.get_context("fork").Process(target=run)
    child.start()
    child.join(120)
    return child.exitcode


def leftovers(folder: Path) -> list[str]:
    """The temporary files of the safe-write path in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte with one file (returned, to free the space)."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as full:
                if full.errno != errno.ENOSPC:
                    raise
    return filler
