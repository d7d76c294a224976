"""The policy check's grammar: what a sentence asks or promises, about whose place on which list.

Each clause is read for the applicant asking how the program will rank them, where they stand or their odds of
matching there; for the applicant promising the program a place on their own list, a singular first choice or
a commitment; and, where no firm rule reads it, for words that together deserve a second look.
"""

from __future__ import annotations

import functools
import re

from .asks import QUESTION_START, asks_odds, asks_rank
from .lexicon import (
    CLAUSE,
    CONDITION,
    DISCLAIMER,
    OCCASION,
    PROG_REF,
    PUBLIC_RANKING,
    RECORD,
)
from .model import second_reading
from .promises import GROUP, LIST_OF, PROGRAM_NAMED, TOP_PLACE, TOP_STRONG, promises
from .wording import PROG, normalise

# Other programs' offers or interviews brought in
_OTHER_PROGRAMS = re.compile(
    r"\b(?:where|what|which)\s+else\s+(?:have|has|did|are|were|will|would|do)\s+(?:you|i|"
    r"they)\s+(?:\w+\s+)?(?:interview|"
    r"appl|rank|match|look|offer)|\bwhere\s+else\s+(?:\w+\s+){0,3}?(?:ranked|interviewed|matched|applied)\b"
    r"|\b(?:which|what)\s+other\s+(?:programs?|places|hospitals|institutions)\b"
    r"|\b(?:other|another|several|many|two|three|a\s+few|a\s+couple\s+of)\s+(?:other\s+)?(?:programs?|places|"
    r"hospitals|institutions|programs?\s+in\s+\w+)"
    r"\b[^.?!\n]{0,60}\b(?:offer(?:ed|s|ing)?\s+(?:me\s+)?(?:a\s+|an\s+)?(?:positions?|spots?|places?|"
    r"contracts?|posts?|jobs?|pre\s*match)|offer(?:ed|s)?\s*(?:[,.;]|$)|promised|ranking\s+me|rank\s+me|ranked\s+me|"
    r"interested\s+in\s+me|"
    r"invited\s+me|want(?:s|ed)?\s+me|said\s+(?:they|it)|told\s+me)\b"
    r"|\b(?:an?\s+)?(?:program|hospital|place)\s+in\s+\w+\s+(?:has\s+)?(?:already\s+)?(?:offered|promised)\b"
    r"|\b(?:offers?|promises?|commitments?|offer)\s+(?:from|at|by)\s+(?:other|another|several|many|a\s+few|a\s+program|"
    r"a\s+hospital)\b"
    r"|\bi\s+have\s+(?:already\s+)?(?:received|got|gotten|been\s+given|been\s+offered|been\s+promised|another)\s+"
    r"(?:an?\s+|several\s+|other\s+|two\s+|many\s+)?(?:offers?|commitments?|promises?|positions?|offer|spot|"
    r"place|position|a\s+position)\b"
    r"|\bi\s+(?:already\s+)?(?:have|got|received)\s+(?:an?\s+|several\s+|other\s+|two\s+|another\s+)?(?:offers?|"
    r"commitments?)\s+(?:from|on|elsewhere|already)"
    r"|\boffered\s+(?:a\s+|me\s+a\s+)?(?:position|spot|place)\s+elsewhere\b"
    r"|\bother\s+(?:applicants?|candidates?)\s+(?:you|the\s+program)\s+(?:have\s+|has\s+)?(?:ranked|interviewed)\b"
    r"|\b(?:lost|losing)\s+candidates\s+to\b"
    r"|\b(?:told|assured|promised|informed)\s+by\s+(?:\w+\s+){0,2}?(?:other|another|several)\s+(?:programs?|places|"
    r"hospitals)\b",
    re.IGNORECASE,
)

# Where else one interviewed, named only as what programs may not ask ("programs may not ask where else I applied")
_ASKED_WHERE_ELSE = re.compile(r"(?:where|what|which)\b")

# Words that, together, make a sentence worth a second look when no rule above decides it
_REVIEW_PROG = re.compile(rf"\b(?:you|your|yours|{PROG}|this\s+program)\b")
_REVIEW_POS = re.compile(r"\b(?:above|ahead|over|high|highly|higher|second|third|top\s+(?:two|three|four|five|six|"
                         r"seven|eight|nine|ten|\d+))\b(?!\s+(?:all|everything|and\s+beyond))")
_REVIEW_ODDS = re.compile(r"\b(?:chances?|odds|likelihood|likely|prospects|realistic(?:ally)?|probability|"
                          r"optimistic|hopeful|standing|where\s+i\s+stand|stand\s+a\s+chance)\b")
_ABOUT_ME_ANY = re.compile(r"\b(?:i|me|my)\b")
# What a program decides about an applicant: asked about, it is asking where one stands or one's odds
_OUTCOME = re.compile(
    r"\b(?:rank|ranked|ranking|rankings|rank\s+list|standing|stand\s+a\s+chance|chances?|odds|prospects|"
    r"likely\s+to\s+(?:match|be\s+(?:ranked|matched|offered))|likelihood|match|matched|matching|end\s+up|impression|"
    r"short\s+listed|shortlisted|considered|consideration|"
    r"tier|cutoff|candidates?|interns?\s+(?:next|in|this)|new\s+intern|intern\s+class|one\s+of\s+your|a\s+spot|"
    r"a\s+position|a\s+place|good\s+news|in\s+(?:july|june)|offer\s+me|offered\s+a|top)\b")
_OWN_LIST = re.compile(r"\bmy\s+(?:own\s+)?(?:rank\s+list|list|ranking|rankings)\b")
_ASK_STRONG = re.compile(r"\b(?:tell\s+me|let\s+me\s+know|share|advise|indicate|curious|wonder|wondering|any\s+(?:word|"
                         r"update|news|idea|sense|hint|indication|insight)|(?:to|me)\s+know\s+(?:if|whether|where|"
                         r"how))\b")
# What an applicant arranges: a question about it asks nothing of the program's list
_ERRAND = re.compile(
    r"\b(?:visit|visits|tour|second\s+look|session|sessions|dinner|lunch|parking|hotel|flight|flights|schedule|"
    r"date|dates|badge|address|dress|email|thread|calendar|documents|paperwork|rounds|conference|report|clinic|"
    r"curriculum|rotation|rotations|elective|electives|research|housing|apartment|visa|j-1|h-1b|step|exam|score|"
    r"scores|cv|letter|letters|contract|orientation|salary|vacation|call|night\s+float|wellness|couples|"
    r"fellowship|fellowships|graduates|residents|interns\s+(?:do|get|have|rotate|present|usually)|shadow|observe|"
    r"morning|weather|snow|train\s+station|airport|transport|ice|icu\s+month|board|boards|license|licence|"
    r"percentile|class\s+rank|park|parking|luggage|bags|coat|how\s+many|site|sites|va|rotate|trip|itinerary|"
    r"spreadsheet|route|stop|travel|row|alphabet|visited|photo|shift|shifts|heart|writing|wrote|replied|reply|"
    r"responded|respond)\b|\bfor\s+me\s+to\s+(?!join|match|train|start|be)\w+"
    r"|\b(?:imgs|residents|graduates|interns|applicants|people|students|others)\s+(?:\w+\s+)?(?:matched|match|matching|"
    r"ranked|rank)\b")
_REVIEW_MATCH = re.compile(r"\b(?:match|matching|matched|spot|position|list|rank|ranked)\b")
_REVIEW_ABOVE_ALL = re.compile(
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?(?:above|ahead\s+of|better\s+than|over)\s+(?:all\s+)?(?:the\s+rest|"
    r"all\s+(?:the\s+)?others|every\s+other|any\s+other|the\s+others|others)\b"
    rf"|\b(?:{PROG_REF}|yours)\s+(?:is|are|was|were)\s+(?:\w+\s+)?the\s+best\s+(?:\w+\s+)?(?:program|fit|place|"
    r"residency|option)\s+(?:i|of\s+all|for\s+me)\b"
    r"|\b(?:nowhere|no\s+place|no\s+program)\s+else\s+(?:\w+\s+)?i\s+(?:would|could|will)\s+(?:\w+\s+)?rather\b"
    r"|\bcan\s+not\s+(?:imagine|see\s+myself)\s+(?:training|being|matching|going)\s+anywhere\s+else\b"
    rf"|\b(?:{PROG_REF}|yours)\s+(?:is|are|remains?)\s+(?:\w+\s+)?my\s+(?:clear\s+|strong\s+)?preference\b")
# A program's name written in lower case ("gonna rank lakeshore first"): left for review, as priorities take the
# same shape ("I rank teaching first")
_UNNAMED_FIRST = re.compile(r"\b(?:rank|ranking|ranked|put|putting|place|placing|list|listing)\s+"
                            r"(?!(?:your|the|my|a|an|our|his|her|their|every|each|all|any)\b)([a-z]+(?:\s+[a-z]+)?)\s+"
                            r"(?:first|number\s+first|at\s+the\s+(?:very\s+)?top|on\s+top|highest)\b")
_NOT_A_PROGRAM = frozenset({
    "teaching", "research", "location", "family", "mentorship", "salary", "wellness", "culture", "support", "quality",
    "fit", "training", "programs", "everything", "them", "it", "this", "that", "these", "those", "patient", "patients",
    "care", "safety", "education", "visa", "cost", "weather", "people", "residents", "priorities", "things", "me",
    "myself", "it all", "my family", "my priorities", "patient care", "the programs", "each program", "programs i",
})
_REVIEW_FAVORITE = re.compile(r"\b(?:you|your\s+\w+|xprogx)\s+(?:are|is|remain|remains)\s+(?:\w+\s+)?my\s+"
                              r"(?:favorite|dream|best|preferred|number\s+\w+)\b(?!\s+(?:part|thing|moment|example|"
                              r"model|kind|sort|type|story|memory|day|podcast))")


_AN_OCCASION = re.compile(rf"\b{OCCASION}\b")
# A waiting list or a mailing list is no rank list
_NOT_A_RANK_LIST = re.compile(r"\b(?:waiting|wait|mailing|email|volunteer|guest|reading|to\s+do)\s+list\b")


def _clauses(read: str) -> list[str]:
    return [part for part in CLAUSE.split(read) if part.strip()]


def _review(clause: str) -> str | None:
    """Why a clause no firm rule read deserves a second look, or None."""
    if RECORD.search(clause) or PUBLIC_RANKING.search(clause):
        return None
    plain = _NOT_A_RANK_LIST.sub(" ", re.sub(r"\b(?:highly|top|well|best|nationally|internationally|highest|higher|"
                                             r"first)\s+ranked\b", " ", LIST_OF.sub(" ", CONDITION.sub(" ", clause))))
    if _REVIEW_ABOVE_ALL.search(plain):
        return "Review this sentence: preferring the program to all others may read as a promise of first place"
    if DISCLAIMER.search(clause):
        return None
    if (re.search(r"\b(?:rank|ranked|ranking|rank\s+list|my\s+list)\b", plain)
            and (TOP_PLACE.search(plain) or _REVIEW_POS.search(plain))
            and _REVIEW_PROG.search(plain)):
        return "Review this sentence: it puts your rank list, a position and the program together"
    if _REVIEW_ODDS.search(plain) and "?" in clause and re.search(r"\b(?:i|me|my)\b", plain) \
            and _REVIEW_MATCH.search(plain) and not _AN_OCCASION.search(plain):
        return "Review this sentence: it may ask your odds or where you stand"
    plain = re.sub(r"\b(?:a|the|any)\s+(?:\w+\s+)?chance\s+to\s+\w+", " ", plain)  # an opportunity, not odds
    asked = "?" in clause or QUESTION_START.search(clause) or _ASK_STRONG.search(clause)
    if asked and _ABOUT_ME_ANY.search(plain) and _OUTCOME.search(_OWN_LIST.sub(" ", plain)) \
            and not _ERRAND.search(plain):
        return "Review this sentence: it may ask how the program sees you or your odds of matching there"
    if (m := _UNNAMED_FIRST.search(plain)) and m.group(1) not in _NOT_A_PROGRAM:
        return "Review this sentence: it may rank a program first"
    if _REVIEW_FAVORITE.search(plain):
        return "Review this sentence: calling the program your favorite may read as a promise of a position"
    ungrouped = GROUP.sub(" ", plain)
    if not asked and PROGRAM_NAMED.search(ungrouped) and _ABOUT_ME_ANY.search(ungrouped) \
            and TOP_STRONG.search(ungrouped) and not _ERRAND.search(ungrouped):
        return "Review this sentence: it puts the program and a first or top place together"
    return None


# A couple matching together asks and promises as one applicant: "Are we both on your list?", "our first choice"
_AS_ONE = {"we both": "i", "both of us": "i", "we": "i", "us": "me", "our": "my", "ours": "mine"}
_COUPLE = re.compile(r"\b(?:we\s+both|both\s+of\s+us|we|us|our|ours)\b")


@functools.lru_cache(maxsize=8192)
def read_sentence(sentence: str) -> tuple[tuple[str, str], ...]:
    """What one sentence asks, promises or leaves for review, as (rule name, what it says in plain words)."""
    read = _COUPLE.sub(lambda m: _AS_ONE[m.group(0)], normalise(sentence))
    plain = CONDITION.sub(" , ", read)
    found: dict[str, str] = {}
    clauses = _clauses(read)
    for clause in clauses:
        if "asks_about_ranking" not in found and (says := asks_rank(read, clause)):
            found["asks_about_ranking"] = says
        if "rank_promise" not in found and (says := promises(clause)):
            found["rank_promise"] = says
    if len(clauses) > 1:  # what spans clauses: "My list is final: Lakeshore first"; "If offered a spot, I'll take it"
        if "asks_about_ranking" not in found and (says := asks_rank(read, read)):
            found["asks_about_ranking"] = says
        if "rank_promise" not in found and (says := promises(read.replace(", ", " "))):
            found["rank_promise"] = says
    plain_clauses = _clauses(plain)
    for clause in plain_clauses + ([plain] if len(plain_clauses) > 1 else []):
        if "asks_about_ranking" not in found and (says := asks_odds(read, clause)):
            found["asks_about_ranking"] = says
    if (other := _OTHER_PROGRAMS.search(read)) and not (DISCLAIMER.search(read) and _ASKED_WHERE_ELSE.match(other[0])):
        found["mentions_other_programs"] = "Brings in other programs' offers or interviews"
    if not found:
        for clause in _clauses(plain):
            if says := _review(clause):
                found["review_sentence"] = says
                break
    if not found and not DISCLAIMER.search(read) and (says := second_reading(normalise(sentence))):
        found["review_sentence"] = says
    return tuple(found.items())
