"""The policy check: what an email to a program may not say under the NRMP Match rules, and what is unfilled.

The line follows the second-look guide's stricter reading of the Match Participation Agreement: both sides may
say they are interested; neither may ask for or offer a ranking commitment. The check reads each sentence for
who asks or promises what about whose place on which list:

- the applicant asks how the program will rank them, where they stand or how they compare ("Am I near the top
  of your list?", "Would you say I'm in your top tier?"), or their odds of matching there ("Can I expect good
  news on Match Day?");
- the applicant promises or hints at the program's place on their own list: a position (first, top, number
  one, top three, above the others, the only one), a singular first choice ("you are my top choice"), or a
  commitment to take a position;
- the applicant brings in other programs' offers or interviews; a placeholder is left unfilled.

Interest names no position and passes ("one of my top choices", "I would be thrilled to train here"); so do
the same words in other senses: the applicant's own class rank ("first in my class"), a match that is only the
condition of a practical question ("If I match with you, when would orientation start?"), "the chance to
meet the residents", "a list of questions". Where a sentence puts the words of a list, a position and the
program (or of odds and a question) together in a shape the grammar does not know, the verdict is "review this
sentence" rather than a silent pass.

The reading is split by what it is about: ``wording`` splits sentences and spells each one way (contractions and
text-speak spelled out, British spellings, "#1" / "No 1" / "1st" as "first", "ROL" as "rank list", a program's
name as one word, one-letter typos of the key words corrected); ``lexicon`` names the words (who is placed, on
which list, at what position, with what odds); ``asks`` and ``promises`` hold the grammar of what may not be asked
or promised; ``grammar`` reads a sentence clause by clause and leaves for review what no firm rule decides.
Standard library only: it runs in Pyodide too, offline.

Compiling the grammar's patterns costs a run more than reading a season's drafts with them, and the drafts of one
season change little from one run to the next; so each sentence's verdict is kept in a memo (``core.memo``, the
sentence's digest only) for as long as the grammar's source is the same, and the grammar is loaded only for a
sentence it has not read before.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

from ...core.memo import DiskMemo, code_version, digest
from ...core.resources import resource_names, resource_text
from .sentences import split_sentences

__all__ = [
    "MATCH_RULES", "MAX_SUBJECT_CHARS", "MAX_WORDS", "PROG", "Finding", "findings", "leftover_placeholder", "normalise",
    "policy_check", "policy_findings", "read_sentence", "split_email", "split_sentences", "too_long", "verdict",
]

MAX_WORDS = 250  # a program coordinator reads dozens of these: longer than this reads as too long
MAX_SUBJECT_CHARS = 100

_I = re.IGNORECASE


class Finding(NamedTuple):
    """One sentence that breaks a rule: the rule's name, the sentence as written, and what it says, in words."""

    rule: str
    sentence: str
    says: str


_LEFTOVER = re.compile(
    r"\{\{[^{}]*\}\}|\{%[^%]*%\}|\[[^\]\n]{1,40}\]|<[A-Z][A-Za-z .'/-]{1,40}>|\bX{3,}\b|\bTBD\b|\bTK\b"
)


def __getattr__(name: str) -> Any:
    """The grammar's reader and the wording's names, loaded when first asked for (a run whose sentences the memo
    holds needs neither)."""
    if name == "read_sentence":
        from .grammar import read_sentence  # the grammar's patterns compile when first needed

        return read_sentence
    if name in ("normalise", "PROG"):
        from . import wording  # the spelling rules compile when first needed

        return getattr(wording, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _memo() -> DiskMemo:
    """The verdicts read on earlier runs, valid for this grammar's source and its word model only."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    model = [resource_text(f"policy/{name}") for name in resource_names("policy")]  # the word model's weights
    return DiskMemo("policy-verdicts", code_version(sources, *model) if sources else "", limit=2000)


def verdict(sentence: str) -> tuple[tuple[str, str], ...]:
    """What one sentence asks, promises or leaves for review, as ``grammar.read_sentence`` reads it."""
    key = digest(sentence)
    if (known := _memo().get(key)) is not None:
        return tuple((str(rule), str(says)) for rule, says in known)
    from .grammar import read_sentence  # the grammar's patterns compile when first needed

    found = read_sentence(sentence)
    _memo().put(key, [list(pair) for pair in found])
    return found


def findings(text: str) -> list[Finding]:
    """Every sentence of a text that asks, promises, brings in other programs or needs a second look."""
    return [Finding(rule, sentence, says) for sentence in split_sentences(text) for rule, says in verdict(sentence)]


_ADVICE = {
    "asks_about_ranking": "programs may not answer this, so leave it out",
    "rank_promise": "say you are interested, not where you will rank",
    "mentions_other_programs": "leave them out",
    "review_sentence": "make sure it neither asks where you stand nor promises a position",
}


def _reason(finding: Finding) -> str:
    """What a sentence does, the sentence as written, and what to do instead."""
    quoted = finding.sentence if len(finding.sentence) <= 90 else finding.sentence[:87] + "..."
    return f"{finding.says} ('{quoted}'): {_ADVICE[finding.rule]}"


def leftover_placeholder(text: str) -> str | None:
    """A placeholder or bracketed gap still waiting for its text."""
    found = sorted(dict.fromkeys(m.group(0) for m in _LEFTOVER.finditer(text)))
    return f"Not filled in: {', '.join(found)}" if found else None


def too_long(text: str) -> str | None:
    """An email longer than a coordinator will read."""
    words = len(text.split())
    return f"Long: {words} words; keep it under {MAX_WORDS}" if words > MAX_WORDS else None


MATCH_RULES = frozenset({"rank_promise", "asks_about_ranking", "mentions_other_programs", "review_sentence"})


def policy_findings(subject: str, body: str = "") -> list[tuple[str, str]]:
    """Every rule that fires on an email, as (rule name, reason); an empty list when the email is clean.

    The Match rules are read sentence by sentence in the subject and the body; the length advice for a subject
    applies to the subject only.
    """
    text = f"{subject}\n{body}"
    found = [(finding.rule, _reason(finding)) for finding in findings(text)]
    if (reason := leftover_placeholder(text)) is not None:
        found.append((leftover_placeholder.__name__, reason))
    if (reason := too_long(body)) is not None:
        found.append((too_long.__name__, reason))
    if len(subject) > MAX_SUBJECT_CHARS:
        found.append((too_long.__name__, f"Long subject: {len(subject)} characters; keep it under {MAX_SUBJECT_CHARS}"))
    return found


def policy_check(subject: str, body: str = "") -> str:
    """``OK``, or every reason the email breaks the Match rules or is not ready to send, joined by ``; ``."""
    found = policy_findings(subject, body)
    return "; ".join(reason for _, reason in found) if found else "OK"


_GREETING = re.compile(r"^\s*(?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening)|to\s+whom)\b|,\s*$", _I)


def split_email(text: str) -> tuple[str, str]:
    """A whole email as (subject, body), decided by its shape: a first line, a blank line and the body; or a body.

    A first line that starts with "Subject:" is always the subject; otherwise a first line followed by a blank
    line is the subject unless it reads as a greeting ("Dear Dr. Lee,") or is longer than a subject can be.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0].strip()
    if re.match(r"subject\s*:", first, _I):
        return re.sub(r"^subject\s*:\s*", "", first, flags=_I), "\n".join(lines[1:]).strip("\n")
    if len(lines) >= 3 and first and not lines[1].strip() and not _GREETING.search(first) \
            and len(first) <= 2 * MAX_SUBJECT_CHARS:
        return first, "\n".join(lines[2:]).strip("\n")
    return "", text
