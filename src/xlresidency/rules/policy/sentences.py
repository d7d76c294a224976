"""A text as the policy check reads it: sentence by sentence.

Kept apart from ``wording`` (which spells each sentence one way) because a run whose sentences were all read before
needs only this: their verdicts come from the memo, and the rest of the check is not loaded.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_ABBREVIATIONS = ("dr", "st", "mr", "mrs", "ms", "prof", "no", "nr", "vs", "e.g", "i.e", "a.m", "p.m", "u.s",
                  "jr", "sr", "dept", "approx", "etc")
_SENTENCE_END = re.compile(
    r"(?<=[.?!])(?<!\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS if len(a) == 2) + r")\.)"
    r"(?<!\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS if len(a) == 3) + r")\.)"
    r"(?<!\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS if len(a) == 4) + r")\.)"
    r"[\"')\]]*\s+|\n+", _I
)


_WRAPPED = re.compile(r"(?<=[\w,;])[ \t]*\n[ \t]*(?=[a-z])")


def split_sentences(text: str) -> list[str]:
    """The sentences of a text as written: a line break ends one, unless the line was only wrapped (it runs on in
    lower case after a word or a comma)."""
    return [part.strip() for part in _SENTENCE_END.split(_WRAPPED.sub(" ", text)) if part and part.strip()]
