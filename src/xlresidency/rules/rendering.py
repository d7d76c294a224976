"""Filling in a template with Jinja2: parsing it once, and rendering it in the bounded sandbox (``templating``).

``emails`` loads this module only for a template or a draft it has not met before (its memo keeps what was
worked out on earlier runs), so a run whose drafts are all as before loads no Jinja2 at all.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import meta

from .templating import BoundedSandbox
from .templating import render as render_bounded


class _Unfilled(jinja2.Undefined):
    """A placeholder with no value: it stays visible in the draft instead of vanishing."""

    __slots__ = ()

    def __str__(self) -> str:
        return "{{ " + (self._undefined_name or "?") + " }}"


_ENV = BoundedSandbox(autoescape=False, undefined=_Unfilled, keep_trailing_newline=True)


class SyntaxProblem(Exception):
    """A template part that cannot be parsed: which part, on which line, and Jinja2's words for it."""

    def __init__(self, part: str, line: int | None, message: str) -> None:
        super().__init__(f"{part} on line {line}: {message}")
        self.part, self.line, self.message = part, line, message


@dataclass(frozen=True)
class Parsed:
    """A template's subject and body, parsed once, ready to render many drafts."""

    subject: jinja2.Template
    body: jinja2.Template
    fields: frozenset[str]  # every placeholder the template uses


@functools.lru_cache(maxsize=64)
def parse(subject: str, body: str) -> Parsed:
    """Parse a template's two parts; ``SyntaxProblem`` names the part and the line that cannot be parsed."""
    parts = {}
    fields: set[str] = set()
    for part, text in (("Subject", subject), ("Body", body)):
        try:
            tree = _ENV.parse(text)
            fields |= meta.find_undeclared_variables(tree)
            parts[part] = _ENV.from_string(tree)
        except jinja2.TemplateSyntaxError as exc:
            raise SyntaxProblem(part, exc.lineno, exc.message or "") from None
    return Parsed(parts["Subject"], parts["Body"], frozenset(fields))


def fill(parsed: Parsed, values: Mapping[str, Any]) -> tuple[str, str]:
    """The subject (on one line) and the body of one draft; whatever the sandbox refuses raises."""
    subject = " ".join(render_bounded(parsed.subject, values).split())
    return subject, render_bounded(parsed.body, values).rstrip()
