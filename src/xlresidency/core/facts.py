"""Public facts of the application season as data: one row per figure in ``templates/facts.csv``.

Each row has a ``key``, a ``value``, its ``unit``, the ``source`` and ``year`` it comes from, and a ``note``
saying what it means. The Settings defaults, the cell functions' help, the fee rules and the tests all read the
figures from here, so a yearly update is an edit of that one file. Where no public figure exists, a row says
"assumption" as its source and the applicant replaces it on the Settings sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass

from .resources import resource_text

FACTS_FILE = "facts.csv"
COLUMNS = ("key", "value", "unit", "source", "year", "note")
STEP2_MEAN_PREFIX = "step2ck_mean."


@dataclass(frozen=True)
class Fact:
    """One public figure with where it comes from."""

    key: str
    value: str
    unit: str
    source: str
    year: str
    note: str

    @property
    def number(self) -> float:
        """The value as a number."""
        return float(self.value)

    @property
    def date(self) -> dt.date:
        """The value as a date (written year-month-day in the file)."""
        return dt.date.fromisoformat(self.value)

    @property
    def numbers(self) -> tuple[float, ...]:
        """A ``;``-separated value as numbers (e.g. programs per specialty of a worked example)."""
        return tuple(float(part) for part in self.value.split(";") if part.strip())

    @property
    def named(self) -> str:
        """The source without its web addresses, for a line of a sheet (the Settings sheet and the file keep them)."""
        return re.sub(r",?\s*https?://[^\s;,)]+", "", self.source).strip()

    @property
    def cited(self) -> str:
        """'Source: <source>, <year>.'"""
        return f"Source: {self.source}, {self.year}."

    @property
    def meaning(self) -> str:
        """The note and the source in one sentence, as the Settings sheet shows it."""
        return f"{self.note} {self.cited}".strip()


def parse_facts(text: str) -> dict[str, Fact]:
    """Facts from the text of a facts file, by key; a malformed file raises ``ValueError`` naming the line."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"{FACTS_FILE} must have the columns {', '.join(COLUMNS)}")
    found: dict[str, Fact] = {}
    for line, row in enumerate(reader, start=2):
        key = (row["key"] or "").strip()
        if not key or not (row["value"] or "").strip() or not (row["source"] or "").strip():
            raise ValueError(f"{FACTS_FILE} line {line}: every fact needs a key, a value and a source")
        if key in found:
            raise ValueError(f"{FACTS_FILE} line {line}: the key {key} appears twice")
        found[key] = Fact(*((row[c] or "").strip() for c in COLUMNS))
    return found


@functools.cache
def all_facts() -> dict[str, Fact]:
    """Every fact of the packaged facts file, by key."""
    return parse_facts(resource_text(FACTS_FILE))


def fact(key: str) -> Fact:
    """One fact by key; a key the file lacks is a packaging mistake and raises ``KeyError``."""
    return all_facts()[key]


def number(key: str) -> float:
    """A fact's value as a number."""
    return fact(key).number


def by_specialty(prefix: str) -> dict[str, float]:
    """The figures of one kind by specialty name: ``by_specialty("step2ck_mean.")`` -> {"Internal Medicine": 236,
    ...}, in file order."""
    return {specialty_name(key): f.number for key, f in all_facts().items() if key.startswith(prefix)}


def step2_means() -> dict[str, float]:
    """Mean Step 2 CK of matched non-US IMGs by specialty name ("Internal Medicine": 236, ...)."""
    return by_specialty(STEP2_MEAN_PREFIX)


def specialty_fact(prefix: str, specialty: str) -> Fact | None:
    """The fact of one kind for a specialty, when the file has one."""
    return all_facts().get(prefix + " ".join(specialty.casefold().replace("-", " ").split()).replace(" ", "_"))


def specialty_name(key: str) -> str:
    """The specialty a keyed row is about: ``step2ck_mean.internal_medicine`` -> "Internal Medicine"."""
    return key.rpartition(".")[2].replace("_", " ").title()


def money(value: float) -> str:
    """A USD amount as '$1,250' or '$0.70'."""
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


_PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)(?::(\$|n|y))?\}")


def fill(text: str) -> str:
    """Text with ``{key}`` (the value as written), ``{key:$}`` (as money), ``{key:n}`` (a whole number) or
    ``{key:y}`` (its year) filled from the facts, for help texts that quote a figure."""

    def value(match: re.Match[str]) -> str:
        found = fact(match.group(1))
        if match.group(2) == "y":
            return found.year
        if match.group(2) == "$":
            return money(found.number)
        if match.group(2) == "n":
            return f"{found.number:,.0f}"
        return found.value

    return _PLACEHOLDER.sub(value, text)
