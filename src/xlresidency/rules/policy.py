"""The policy check: what an email to a program may not say under the NRMP Match rules, and what is unfilled.

The line follows the second-look guide's stricter reading of the Match Participation Agreement: both sides may
say they are interested; neither may ask for or offer a ranking commitment. So the check flags, in any wording or
tense, in questions and conditionals alike:

- asking, directly or indirectly, how the program will rank the applicant, where they stand or fall on its list,
  whether they are ranked (to match), or their chances or odds of matching there;
- promising or hinting at a rank position: "I will rank you first", "you are my number one program", "you are in
  my top three", "high on my rank list", "no program will be above yours", "I would accept a position";
- bringing in other programs' offers or interviews, and leftover placeholders.

Interest is not a promise: "I would be thrilled to train here", "you are a top choice for me", "one of my top
choices" name no position and pass. What makes a promise is a position: first, number one, my top (singular)
choice, top three, above others, high on my list. Words like "rank", "first" and "chances" in other senses
("my first choice of date", "the chances of research time", "top of my list of questions") pass.

Each sentence is read on its own after a light normalisation (case kept, curly quotes straightened,
contractions spelled out, "#1"/"No. 1"/"number one" read as "first", one-letter typos of the key words such as
"rnak" or "frist" corrected), then matched by named patterns; the reason quotes the sentence that fired.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

MAX_WORDS = 250  # a program coordinator reads dozens of these: longer than this reads as too long
MAX_SUBJECT_CHARS = 100

# --------------------------------------------------------------------------------------------------
# Reading the text: sentences, normalised.

_SENTENCE_END = re.compile(
    r"(?<=[.?!])(?<!\bno\.)(?<!\bNo\.)(?<!\bNO\.)(?<!\bDr\.)(?<!\bdr\.)(?<!\bSt\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)"
    r"\s+|\n+"
)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in (
        (r"[\u2018\u2019\u02bc`´]", "'"),
        (r"[\u201c\u201d]", '"'),
        (r"(?<=[a-z])-(?=[a-z])", " "),
        (r"\bi\s*'\s*m\b|\bim\b", "I am"),
        (r"\bi\s*'\s*ll\b", "I will"),
        (r"\bi\s*'\s*d\b", "I would"),
        (r"\bi\s*'\s*ve\b", "I have"),
        (r"\bwe\s*'\s*ll\b", "we will"),
        (r"\byou\s*'\s*ll\b|\byoull\b", "you will"),
        (r"\byou\s*'\s*re\b|\byoure\b", "you are"),
        (r"\byour\s+(?=(?:my|going|at|on|definitely|certainly|already|still|easily|clearly|absolutely|in\s+my)"
         r"\b)", "you are "),
        (r"\bit\s*'\s*s\b", "it is"),
        (r"\b(where|what|who|how|there|that)\s*'\s*s\b", r"\1 is"),
        (r"\bwon\s*'?\s*t\b", "will not"),
        (r"\b(would|could|should|do|does|did|is|are|was|were|can)n\s*'?\s*t\b", r"\1 not"),
        (r"#\s*1\b|\bno\.?\s*1\b|\bnum(?:ber)?\.?\s*(?:one|1)\b|\b1st\b|\bnumero\s+uno\b|\bnr\.?\s*1\b", "first"),
        (r"#\s*([2-9])\b|\bno\.?\s*([2-9])\b|\bnumber\s+([2-9]|two|three|four|five)\b", r"number \1\2\3"),
    )
)

# One-letter typos of the words the patterns rest on; real words one letter away are never corrected.
_KEYWORDS = ("rank", "ranked", "ranking", "list", "listed", "first", "where", "stand", "chance", "chances",
             "likely", "match", "matching", "matched", "number", "choice", "position", "promise", "highly")
_REAL_WORDS = frozenset({
    "ran", "rack", "bank", "tank", "rink", "rant", "lust", "last", "lost", "lint", "lest", "mist", "fist", "firs",
    "were", "here", "whee", "stank", "stead", "change", "chancy", "lively", "lovely", "listen", "lasted",
    "lifted", "banked", "tanked", "racked", "ranged", "rankle", "banking", "tanking", "ranting", "ranging",
    "racking", "premise", "catch", "latch", "batch", "watch", "hatch", "patch", "mach", "matches", "choices",
    "chose", "choose", "numbed", "numbers", "positron", "highs", "stands", "lists", "ranks", "list",
    "rand", "rang", "lift", "wise", "stan", "stamd",
})


def _one_edit(word: str, key: str) -> bool:
    """Whether ``word`` is ``key`` with one letter added, dropped, swapped with its neighbour or (long words) wrong."""
    if abs(len(word) - len(key)) > 1 or word[0] != key[0]:
        return False
    if len(word) == len(key):
        diff = [i for i, (a, b) in enumerate(zip(word, key, strict=True)) if a != b]
        i = diff[0] if diff else 0
        if len(diff) == 2 and diff[1] == i + 1 and (word[i], word[i + 1]) == (key[i + 1], key[i]):
            return True
        return len(diff) == 1 and len(key) >= 6
    short, long = (word, key) if len(word) < len(key) else (key, word)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@functools.lru_cache(maxsize=4096)
def _corrected(word: str) -> str:
    low = word.lower()
    if len(low) < 4 or low in _KEYWORDS or low in _REAL_WORDS:
        return word
    return next((key for key in _KEYWORDS if _one_edit(low, key)), word)


def _correct(match: re.Match[str]) -> str:
    return _corrected(match.group(0))


_WORD = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=4096)  # each rule reads every sentence, and drafts share most of their sentences
def normalise(sentence: str) -> str:
    """A sentence as the patterns read it: see the module docstring."""
    text = sentence
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = _WORD.sub(_correct, text)
    return " ".join(text.split())


def sentences(text: str) -> list[tuple[str, str]]:
    """Each sentence of a text, as written and normalised."""
    return [(part.strip(), normalise(part)) for part in _SENTENCE_END.split(text) if part and part.strip()]


# --------------------------------------------------------------------------------------------------
# The patterns, by what they catch.

_I = re.IGNORECASE
_OBJ = (r"(?:you|yours|your\s+(?:\w+\s+){0,2}?(?:program|programme|residency|hospital|institution|team|place)|"
        r"this\s+program(?:me)?|the\s+program(?:me)?|it|(?-i:[A-Z][\w']*)(?:\s+(?-i:[A-Z][\w']*)){0,3})")
_POSITION = (r"(?:first|top|on\s+top|(?:at|near|toward|towards)\s+the\s+(?:very\s+)?top|(?:very\s+)?highly|"
             r"(?:very\s+)?high(?:er|est)?|above|ahead\s+of|over\s+(?:all|every|any)|second|third|"
             r"number\s+\w+|in\s+my\s+top|among\s+my\s+top\s+(?:\d+|two|three|four|five)|as\s+my\s+(?:first|top))")
_LIST = r"(?:rank\s+(?:order\s+)?|ranking\s+|match\s+)?list"
_RANK_VERB = r"(?:rank(?:s|ed|ing)?|list(?:s|ed|ing)?|plac(?:e|ed|ing)|put(?:ting)?|slot(?:ted|ting)?|position(?:ed)?)"
_NOT_RANK_TOP = r"(?!\s*(?:notch|quality|class|tier|rated|ranked|of\s+the\s+line|talent|faculty|programs\b))"

_PROMISE = re.compile(
    # I will / plan to / have ... rank / list / put <the program> first / at the top / highly / above ...
    rf"\b(?:I|we)\b(?:\s+\w+){{0,4}}?\s+{_RANK_VERB}\s+{_OBJ}\s+(?:\w+\s+){{0,2}}?{_POSITION}{_NOT_RANK_TOP}"
    # <the program> is / will be / has been (ranked) first / top / my first / in my top three
    rf"|\b{_OBJ}\s+(?:is|are|was|were|will\s+(?:\w+\s+)?be|would\s+be|has\s+been|have\s+been|is\s+going\s+to\s+be|"
    rf"are\s+going\s+to\s+be|remains?|stays?)\s+(?:\w+ly\s+|still\s+|already\s+|now\s+)?(?:ranked\s+|listed\s+|placed\s+)?"
    rf"(?:first|top|on\s+top|at\s+the\s+top|number\s+\w+|highest|in\s+my\s+top|my\s+(?:very\s+)?(?:first|top)\b)"
    rf"{_NOT_RANK_TOP}(?!\s+(?:priority|priorities|concern|question|impression|thing|step|time|of\s+(?!my)))"
    # my first / top / number-one choice, pick, program ... (singular; "one of my top choices" is interest)
    r"|(?<!one\sof\s)(?<!among\s)\bmy\s+(?:very\s+|clear\s+|absolute\s+|definite\s+|true\s+|undisputed\s+)?"
    r"(?:first|top)\s*(?:$|[,;:!.]|(?:choice|pick|program|programme|option|preference|residency|place|spot|one|"
    r"selection|destination|hospital)\b(?!\s+(?:of|for)\s+(?:date|day|time|dates|days|the\s+visit)\b))"
    # my top three / top 5
    r"|\bmy\s+top\s+(?:\d+|two|three|four|five|six|ten)\b"
    # first / top / high on my (rank) list; the top of my list; heads my list; my list starts with
    rf"|(?:\bfirst|\btop|\bhigh(?:ly|er|est)?|\btop\s+(?:spot|place)|\bfirst\s+place|\bnumber\s+\w+)\s+(?:on|of|in)"
    rf"\s+my\s+{_LIST}\b(?!\s+of\b)"
    rf"|\btop\s+of\s+my\s+{_LIST}\b(?!\s+of\b)|\bheads?\s+my\s+{_LIST}\b"
    rf"|\bmy\s+{_LIST}\s+(?:will\s+)?(?:starts?|begins?|opens?|is\s+headed)\s+with\b"
    # nothing above it; only it; where I will rank you; a pleasant surprise on my list
    r"|\b(?:ranked|listed|placed|put)\s+(?:above|higher\s+than|ahead\s+of|before)\s+(?:you|yours|your\s+\w+|it)\b"
    r"|\bonly\s+(?:program|one|place)\s+(?:that\s+)?I\s+(?:will|would|am\s+going\s+to|plan\s+to)\s+(?:rank|list)\b"
    r"|\b(?:rank|list)\s+only\s+(?:you|your)\b"
    r"|\bwhere\s+I\s+(?:will\s+|would\s+|am\s+going\s+to\s+|plan\s+to\s+|have\s+)?(?:rank|list|put|place)(?:ed)?\s+"
    r"(?:you|your)\b"
    rf"|\bwhere\s+you\s+(?:will|would|are\s+going\s+to)\s+(?:be|land|end\s+up|fall|sit)\s+on\s+my\s+{_LIST}"
    rf"|\b(?:pleased|happy|disappointed|surprised)\s+(?:with|by)\s+(?:how\s+I\s+rank|my\s+{_LIST})"
    # commitments
    r"|\bI\s+(?:\w+\s+)?(?:promise|guarantee|commit)\b"
    r"(?!\s+to\s+(?!(?:rank|list|put|place|come|coming|join|joining|choose|choosing|accept|sign|match|attend)\b))"
    r"|\byou\s+have\s+my\s+(?:word|commitment|promise)\b"
    r"|\bif\s+you\s+rank\s+me\b"
    r"|\b(?:I|we)\s+(?:will|would|shall)\s+(?:\w+\s+)?(?:accept|sign|take)\s+(?:(?:a|an|the|your|any|it)\s+)?"
    r"(?:position|offer|spot|contract|place)\b"
    r"|\b(?:if|once|should|when)\s+(?:I\s+(?:am|was|were)\s+)?offered\s+(?:a|an|the)\s+(?:position|spot|place)\b"
    r"(?:\W+\w+){0,4}?\W+I\s+(?:will|would)\b",
    _I,
)

_QUESTIONY = re.compile(
    r"\?|\b(?:whether|likely|likelihood|unlikely|chances?|odds|expect|realistic(?:ally)?|probable|possible|"
    r"competitive|do\s+you\s+think|know\s+if|tell\s+me\s+if|wonder(?:ing)?\s+if|sense\s+of|idea\s+of|indication|"
    r"predict|estimate|assess|guarantee|safe|count\s+on|feedback|hint|let\s+me\s+know)\b", _I)
_ME = r"(?:I|me|my\s+(?:name|application|candidacy|file))"

_ASKS_RANK = re.compile(
    # where do I stand / fall / land; where am I on your list; where I will be ranked
    rf"\bwhere\s+(?:do|does|did|will|would|might|may|could|am|is|was)\s+{_ME}\s+(?:\w+\s+){{0,2}}?"
    r"(?:stand|fall|land|rank|sit|end\s+up|be\s+ranked|be\s+placed|ranked|placed|appear)\b"
    rf"|\bwhere\s+(?:am|is|was|will|would)\s+{_ME}\s+(?:\w+\s+){{0,2}}?(?:be\s+)?(?:on|in)\s+(?:your|the)\s+"
    r"(?:\w+\s+)?(?:list|ranking|rankings)\b"
    rf"|\bwhere\s+{_ME}\s+(?:will\s+|would\s+|might\s+|currently\s+|now\s+)?(?:stands?|falls?|lands?|ranks?|sits?|"
    r"am\s+ranked|is\s+ranked|am\s+placed|be\s+ranked|will\s+be\s+ranked|would\s+be\s+ranked|was\s+ranked|"
    r"am\s+on\s+your|is\s+on\s+your)\b"
    r"|\bwhere\b(?:\s+\w+){0,4}\s+(?:place|put|rank|list)\s+me\b"
    # rank me, in any request, hope or question
    r"|\b(?:rank(?:ed|ing)?|list(?:ed|ing)?)\s+me\b"
    r"|\b(?:put|place|keep)\s+me\s+(?:\w+\s+)?(?:high|highly|first|top|near\s+the\s+top|at\s+the\s+top|on\s+your\s+"
    r"(?:rank\s+)?list)"
    # am I / will I be / was I ranked; am I on your list; did I make the list or the cut
    rf"|\b(?:am|was|will|would|is|are|have|has)\s+{_ME}\s+(?:\w+\s+){{0,3}}?(?:ranked|listed|"
    rf"on\s+(?:your|the)\s+{_LIST}\b(?!\s+of))"
    r"|\bI\s+(?:am|was|will\s+be|would\s+be|have\s+been|had\s+been|might\s+be)\s+(?:\w+\s+){0,2}?ranked\b"
    r"|\bmy\s+(?:application|candidacy)\s+(?:is|was|will\s+be|would\s+be|has\s+been)\s+(?:\w+\s+){0,2}?ranked\b"
    rf"|\b(?:make|made|making)\s+(?:it\s+(?:on|onto)\s+)?(?:your|the)\s+(?:{_LIST}|cut)\b(?!\s+of)"
    # how high am I; how do I compare; how you see my application
    r"|\bhow\s+(?:high|highly|low|far\s+up|far\s+down)\s+(?:up\s+)?(?:am\s+I|I\s+am|will\s+I|would\s+I|did\s+I|"
    r"I\s+will|I\s+would|my\s+application|I\s+rank|I\s+ranked|I\s+sit|I\s+stand)\b"
    r"|\bhow\s+(?:do\s+|does\s+|did\s+|will\s+|would\s+)?(?:I|my\s+application)\s+(?:\w+\s+)?"
    r"(?:compare|stack\s+up|measure\s+up|rate|rank|stand)\b"
    r"|\bhow\s+(?:the\s+(?:committee|program|faculty)|you)\s+(?:\w+\s+)?(?:view|rate|see|assess|evaluate|"
    r"score|rank)(?:ed|d|s)?\s+(?:me|my\s+(?:application|candidacy|interview))\b"
    # my position / standing on your list; tell me my ranking
    rf"|\bmy\s+(?:position|standing|place|spot|ranking|rank|status)\s+(?:on|in|within)\s+(?:your|the)\s+"
    rf"(?:program'?s\s+)?(?:{_LIST}|ranking|rankings)\b"
    r"|\b(?:(?:to|let\s+me|me)\s+know|share|tell\s+me|disclose|reveal|hint\s+at|what\s+is|confirm)\s+(?:\w+\s+){0,2}?my\s+(?:rank|ranking|"
    r"position|standing|chances?|odds|prospects)\b"
    # chances / odds / likelihood of matching or a spot
    r"|\b(?:chances?|odds|likelihood|probability|prospects?|shot)\s+(?:\w+\s+){0,2}?(?:of|for|at|to)\s+(?:me\s+)?"
    r"(?:\w+\s+){0,2}?(?:match|matching|matched|being\s+(?:ranked|matched|accepted|selected|chosen|offered)|"
    r"getting\s+(?:in|ranked|matched|a\s+(?:spot|position|place))|a\s+(?:spot|position|place)|landing|securing|"
    r"joining\s+(?:you|your))"
    r"|\bmy\s+(?:chances?|odds|prospects|likelihood)\b(?=[^.!]*\?)"
    r"|\b(?:can|could|should)\s+I\s+count\s+on\s+(?:a|being|getting)\b",
    _I,
)
# matching there, asked about or weighed as a likelihood ("Am I likely to match at your program?")
_MATCH_THERE = re.compile(
    r"\b(?:I|me|my\s+application)\b(?:\s+\w+){0,4}?\s+(?:match|matching|matched|get\s+in|be\s+offered|"
    r"get\s+a\s+(?:spot|position|place))\s*(?:here|there|at\s+(?:your|this|the|(?-i:[A-Z]))|with\s+(?:you\b|your\s+"
    r"program)|into\s+(?:your|this)|to\s+your|in\s+your\s+program|\?)", _I)


_OTHER_PROGRAMS = re.compile(
    r"\bwhere\s+else\b"
    r"|\b(?:which|what)\s+other\s+(?:programs?|places|hospitals|institutions)\b"
    r"|\b(?:other|another|several|many|two|three|a\s+few)\s+(?:other\s+)?(?:programs?|places|hospitals|institutions)"
    r"\b[^.?!\n]{0,60}\b(?:offer(?:ed|s|ing)?|promised|ranking\s+me|rank\s+me|ranked\s+me|interested\s+in\s+me|"
    r"invited\s+me|want(?:s|ed)?\s+me)\b"
    r"|\b(?:offers?|promises?|commitments?)\s+(?:from|at|by)\s+(?:other|another|several|many|a\s+few)\b"
    r"|\bI\s+have\s+(?:already\s+)?(?:received|got|gotten|been\s+given|been\s+offered)\s+"
    r"(?:an?\s+|several\s+|other\s+|two\s+|many\s+)?(?:offers?|commitments?|promises?)\b"
    r"|\bother\s+(?:applicants?|candidates?)\s+(?:you|the\s+program)\s+(?:have\s+|has\s+)?(?:ranked|interviewed)\b",
    _I,
)
_LEFTOVER = re.compile(
    r"\{\{[^{}]*\}\}|\{%[^%]*%\}|\[[^\]\n]{1,40}\]|<[A-Z][A-Za-z .'/-]{1,40}>|\bX{3,}\b|\bTBD\b|\bTK\b"
)


def _first_sentence(text: str, test: Callable[[str], bool]) -> str | None:
    """The first sentence (as written) whose normalised form passes ``test``."""
    return next((written for written, read in sentences(text) if test(read)), None)


def _quote(sentence: str) -> str:
    return f" ('{sentence if len(sentence) <= 90 else sentence[:87] + '...'}')"


def _asks(read: str) -> bool:
    return bool(_ASKS_RANK.search(read) or (_MATCH_THERE.search(read) and _QUESTIONY.search(read)))


def rank_promise(text: str) -> str | None:
    """A promise or hint of where the applicant will rank the program, or a commitment to take a position."""
    found = _first_sentence(text, lambda read: bool(_PROMISE.search(read)))
    return (f"Promises a rank or a commitment{_quote(found)}: say you are interested, not where you will rank"
            if found else None)


def asks_about_ranking(text: str) -> str | None:
    """Asking, directly or not, how the program will rank the applicant, where they stand or their chances."""
    found = _first_sentence(text, _asks)
    return f"Asks how the program will rank you{_quote(found)}: programs may not answer this" if found else None


def mentions_other_programs(text: str) -> str | None:
    """Asking about, or pointing to, other programs' offers or interviews."""
    found = _first_sentence(text, lambda read: bool(_OTHER_PROGRAMS.search(read)))
    return f"Brings in other programs' offers or interviews{_quote(found)}: leave them out" if found else None


def leftover_placeholder(text: str) -> str | None:
    """A placeholder or bracketed gap still waiting for its text."""
    found = sorted(dict.fromkeys(m.group(0) for m in _LEFTOVER.finditer(text)))
    return f"Not filled in: {', '.join(found)}" if found else None


def too_long(text: str) -> str | None:
    """An email longer than a coordinator will read."""
    words = len(text.split())
    return f"Long: {words} words; keep it under {MAX_WORDS}" if words > MAX_WORDS else None


POLICY_RULES: tuple[Callable[[str], str | None], ...] = (
    rank_promise, asks_about_ranking, mentions_other_programs, leftover_placeholder,
)
MATCH_RULES = frozenset({"rank_promise", "asks_about_ranking", "mentions_other_programs"})


def policy_findings(subject: str, body: str = "") -> list[tuple[str, str]]:
    """Every rule that fires on an email, as (rule name, reason); an empty list when the email is clean."""
    text = f"{subject}\n{body}"
    found = [(rule.__name__, reason) for rule in POLICY_RULES if (reason := rule(text))]
    if (reason := too_long(body)) is not None:
        found.append((too_long.__name__, reason))
    if len(subject) > MAX_SUBJECT_CHARS:
        found.append((too_long.__name__, f"Long subject: {len(subject)} characters; keep it under {MAX_SUBJECT_CHARS}"))
    return found


def policy_check(subject: str, body: str = "") -> str:
    """``OK``, or every reason the email breaks the Match rules or is not ready to send, joined by ``; ``."""
    found = policy_findings(subject, body)
    return "; ".join(reason for _, reason in found) if found else "OK"
