"""Answers worked out on an earlier run, kept in the user's cache folder so that a later run need not work them out
again: one small JSON file per kind of answer, valid only for the code that wrote it.

A memo only saves time. A cache folder that cannot be read or written, a damaged file, or a file written by other
code (another ``version``) is ignored, and every answer is worked out afresh. Keys are digests: what an answer was
worked out from is not kept, only the answer itself (a policy verdict, an email draft), in the user's own folder.
``XLRESIDENCY_CACHE`` names another folder for it, or "off" for none.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .fileio import atomic_write
from .folders import CACHE_ENV, OFF, user_cache_dir


def digest(text: str) -> str:
    """The key of a text in a memo: a SHA-256 digest, shortened (the text itself is not kept)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def code_version(sources: Iterable[Path], *texts: str) -> str:
    """The version of the code (and data) a memo's answers come from: the digest of the sources' text and
    ``texts``; "" (no memo) when a source cannot be read."""
    try:
        return digest("".join([*(path.read_text(encoding="utf-8") for path in sources), *texts]))
    except OSError:
        return ""


class DiskMemo:
    """Answers by key, read from ``KIND.json`` in the cache folder when first asked, written back once at exit when
    new answers were added. At most ``limit`` answers are kept, those used or added last: the file is read on every
    run, so it holds about what a season needs, not everything ever asked."""

    def __init__(self, kind: str, version: str, limit: int = 5000) -> None:
        self.kind, self.version, self.limit = kind, version, limit
        self._answers: dict[str, Any] | None = None
        self._added = False

    @property
    def path(self) -> Path:
        return user_cache_dir() / f"{self.kind}.json"

    @property
    def enabled(self) -> bool:
        return os.environ.get(CACHE_ENV) != OFF and bool(self.version)

    def _loaded(self) -> dict[str, Any]:
        if self._answers is None:
            self._answers = {}
            if self.enabled:
                with contextlib.suppress(OSError, ValueError):
                    stored = json.loads(self.path.read_text(encoding="utf-8"))
                    if isinstance(stored, dict) and stored.get("version") == self.version \
                            and isinstance(stored.get("answers"), dict):
                        self._answers = stored["answers"]
        return self._answers

    def get(self, key: str) -> Any | None:
        """The answer kept for ``key``, or None. An answer used is kept as if new (it is written back only when
        new answers are added)."""
        answers = self._loaded()
        if (found := answers.pop(key, None)) is not None:
            answers[key] = found
        return found

    def put(self, key: str, answer: Any) -> None:
        """Keep an answer (JSON: lists, strings, numbers); it is written when the process ends."""
        answers = self._loaded()
        answers.pop(key, None)
        answers[key] = answer
        if not self._added and self.enabled:
            self._added = True
            atexit.register(self.save)

    def save(self) -> None:
        """Write the answers (the newest ``limit``) if any were added; a failure leaves the memo as it was."""
        if not self._added or self._answers is None or not self.enabled:
            return
        kept = dict(list(self._answers.items())[-self.limit:])
        text = json.dumps({"version": self.version, "answers": kept}, ensure_ascii=False, separators=(",", ":"))
        with contextlib.suppress(OSError):
            atomic_write(self.path, lambda temp: temp.write_text(text, encoding="utf-8"))
            self._added = False
