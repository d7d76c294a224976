"""The product's own folder on the user's machine, for what it keeps between runs (the error log, memos)."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "XLRESIDENCY_CACHE"
"""Names another folder for what is kept between runs; "off" keeps no memo (the error log is written all the same,
in the usual folder)."""
OFF = "off"


def user_cache_dir() -> Path:
    """The product's folder in the user's cache folder (``XDG_CACHE_HOME``, else ``~/.cache``), or ``CACHE_ENV``."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen and chosen != OFF:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "xlresidency"
