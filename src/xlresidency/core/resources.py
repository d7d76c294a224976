"""Package data through one door: the ``templates/`` folder shipped inside the wheel."""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


@functools.cache
def templates_dir() -> Traversable:
    """The folder of packaged templates, in an installed wheel or in a source checkout."""
    packaged = resources.files("xlresidency") / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the xlresidency templates folder is missing from this installation")


def _resource(name: str) -> Traversable:
    node = templates_dir()
    for part in name.split("/"):
        node = node / part
    return node


def resource_text(name: str) -> str:
    """The text of one packaged template file, e.g. ``resource_text("emails/inquiry.txt")``."""
    return _resource(name).read_text(encoding="utf-8")


def resource_bytes(name: str) -> bytes:
    """The bytes of one packaged data file, e.g. ``resource_bytes("geodata/zips.csv")``."""
    return _resource(name).read_bytes()


def resource_names(folder: str) -> list[str]:
    """The file names in one packaged folder, sorted."""
    node = templates_dir() / folder
    return sorted(child.name for child in node.iterdir() if child.is_file())
