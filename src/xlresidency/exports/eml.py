"""The email drafts as .eml files a mail program opens for editing (``xlresidency emails``).

Each draft is one file, written through the one safe-write path (``core.fileio``). A file already in the folder
is replaced only when it is a draft xlresidency wrote (its ``X-Mailer`` header says so); a draft the applicant
saved from a mail program, or any other file, is refused in one line unless ``force`` (it is then kept as
``NAME.backup.eml``). Free text reaches the headers only as one line: a line break typed into a cell (Alt+Enter)
becomes a space, so no header can be split or forged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pandas as pd

from ..core.cells import is_blank
from ..core.errors import TemplateError
from ..core.fileio import atomic_write, check_ours, head
from ..core.version import __version__

MAILER = "xlresidency"
_MARK = re.compile(rb"^X-Mailer: " + MAILER.encode() + rb"\b", re.M)
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def header_text(text: str) -> str:
    """Free text made fit for one mail header: line breaks and other control characters become one space."""
    return " ".join(_LINE_BREAKS.sub(" ", text).split())


def eml_message(to: str, subject: str, body: str, sender: str = "") -> EmailMessage:
    """A standard email message, marked as an unsent draft so mail programs open it for editing."""
    message = EmailMessage(policy=default_policy)
    if sender.strip():
        message["From"] = header_text(sender)
    if to.strip():
        message["To"] = header_text(to)
    message["Subject"] = header_text(subject)
    message["X-Unsent"] = "1"
    message["X-Mailer"] = f"{MAILER} {__version__}"
    message.set_content(body)
    return message


def is_our_draft(path: Path) -> bool:
    """Whether a file is an .eml draft xlresidency wrote (its headers carry ``X-Mailer: xlresidency``)."""
    headers = head(path).replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return _MARK.search(headers) is not None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "email"


class EmlFiles(list[Path]):
    """The .eml files ``write_eml`` wrote, in draft order, with what it left out.

    ``checks`` holds the Policy check of each file written (same order); ``skipped`` names each draft not written
    because its template could not be used, as ``"Program (Kind): why"``.
    """

    def __init__(self, paths: Iterable[Path], checks: Iterable[str], skipped: Iterable[str]) -> None:
        super().__init__(paths)
        self.checks = list(checks)
        self.skipped = list(skipped)


def write_eml(drafts: pd.DataFrame, directory: str | Path, sender: str = "", force: bool = False) -> EmlFiles:
    """One .eml file per draft (columns To, Subject, Body, Program, Kind, optional Policy check) in a directory.

    A draft with a blank Body (its template could not be used) is not written but listed in ``skipped``; when no
    draft can be written at all, ``TemplateError`` lists them. File numbers follow the draft order either way.
    Every existing file to be replaced is checked first: if one is not a draft of ours, nothing is written
    (``NotOurs``) unless ``force``.
    """
    checks = drafts["Policy check"] if "Policy check" in drafts else pd.Series("", index=drafts.index)
    rows = list(zip(drafts["Program"], drafts["Kind"], drafts["To"], drafts["Subject"], drafts["Body"], checks,
                    strict=True))
    blank = [is_blank(body) or not str(body).strip() for *_, body, _ in rows]
    skipped = [f"{program} ({kind}): {check if str(check).strip() not in ('', 'OK') else 'the draft has no text'}"
               for (program, kind, *_, check), empty in zip(rows, blank, strict=True) if empty]
    if rows and all(blank):
        raise TemplateError("No email could be written: " + "; ".join(skipped))
    folder = Path(directory)
    width = max(2, len(str(len(drafts))))
    planned: list[tuple[Path, EmailMessage, str]] = []
    for number, ((program, kind, to, subject, body, check), empty) in enumerate(zip(rows, blank, strict=True),
                                                                               start=1):
        if empty:
            continue
        path = folder / f"{number:0{width}d}-{_slug(str(program))}-{_slug(str(kind))}.eml"
        planned.append((path, eml_message(str(to or ""), str(subject), str(body), sender), str(check)))
    foreign = {path: check_ours(path, is_our_draft, "an email draft xlresidency wrote", force)
               for path, _, _ in planned}
    folder.mkdir(parents=True, exist_ok=True)
    for path, message, _ in planned:
        atomic_write(path, functools.partial(Path.write_bytes, data=message.as_bytes()), backup=foreign[path])
    return EmlFiles([path for path, _, _ in planned], [check for *_, check in planned], skipped)
