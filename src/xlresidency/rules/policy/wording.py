"""How the policy check reads a sentence (``sentences`` splits a text into them): in one spelling.

A sentence is read in lower case with contractions and text-speak spelled out ("ur", "u", "def", "gonna"),
British spellings made American, "#1" / "No 1" / "1st" / "number one" read as "first", "ROL" as "rank list",
a program's name (a run of capitalised words that is not a month, an exam or a title) as one word, and
one-letter typos of the words the grammar rests on corrected ("rnak", "frist", "lsit").
"""

from __future__ import annotations

import functools
import re

_I = re.IGNORECASE

# --------------------------------------------------------------------------------------------------
# Normalisation: one spelling for each thing the grammar reads.

PROG = "xprogx"  # a program named by its name ("St. Agnes", "Harbor IM"), read as one word

# Capitalised words that are not programs: the start of a sentence, people, months, days, exams and bodies.
_NOT_NAMES = frozenset({
    "i", "i'm", "i'll", "i'd", "i've", "a", "an", "the", "my", "your", "our", "their", "his", "her", "its", "this",
    "that", "these", "those", "there", "here", "it", "you", "we", "they", "he", "she", "what", "where", "when", "why",
    "how", "who", "which", "whose", "whether", "if", "as", "at", "in", "on", "of", "for", "to", "by", "with", "from",
    "and", "but", "or", "so", "yet", "not", "no", "nor", "is", "are", "was", "were", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "do", "does", "did", "have", "has", "had", "be", "been",
    "being", "am", "dear", "hi", "hello", "thanks", "thank", "please", "sincerely", "regards", "best", "warm", "kind",
    "kindly", "yours", "respectfully", "cheers", "ps", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "tomorrow", "yesterday", "match", "day", "step", "usmle", "eras", "nrmp", "ecfmg",
    "aamc", "img", "imgs", "us", "usa", "u.s", "sms", "soap", "icu", "va", "gi", "acgme", "md", "mbbs", "pd", "cv",
    "er", "ed", "j-1", "h-1b", "ds-2019", "nih", "covid", "rol", "ol", "pgy", "pgy-1", "ama", "english", "arabic",
    "french", "spanish", "hindi", "urdu", "dr", "mr", "mrs", "ms", "prof", "doctor", "re", "fw", "fwd", "subject",
    "question", "quick", "update", "letter", "intent", "ranking", "top", "first", "number", "just", "also", "still",
    "now", "then", "after", "before", "since", "because", "although", "though", "while", "once", "given", "having",
    "honestly", "whatever", "wherever", "whichever", "regardless", "realistically", "ideally", "hopefully", "finally",
    "lastly", "ever", "even", "nothing", "nobody", "none", "nowhere", "everyone", "everything", "everybody", "anyone",
    "anything", "any", "all", "every", "each", "one", "putting", "placing", "becoming", "knowing", "thinking",
    "following", "reaching", "writing", "hoping", "wondering", "residents", "faculty", "program", "programs",
    "programme", "residency", "hospital", "team", "committee", "interns", "applicants"
})
# Places that are not programs: a city or a state alone ("I will be in Chicago"); "Cleveland Clinic" is still one
_PLACES = frozenset({
    "abuja", "accra", "alabama", "albany", "albuquerque", "alexandria", "america", "amman", "angeles", "antonio",
    "arizona", "atlanta", "austin", "baghdad", "baltimore", "bangalore", "bangladesh", "beirut", "boston", "brazil",
    "bronx", "brooklyn", "buffalo", "cairo", "california", "canada", "carolina", "charlotte", "chennai", "chicago",
    "china", "cincinnati", "cleveland", "colombia", "colorado", "columbus", "connecticut", "dallas", "damascus",
    "delhi", "denver", "detroit", "dhaka", "diego", "dubai", "east", "egypt", "florida", "francisco", "georgia",
    "hartford", "houston", "hyderabad", "illinois", "india", "indiana", "indianapolis", "iowa", "iran", "iraq",
    "islamabad", "istanbul", "japan", "jeddah", "jersey", "jordan", "kampala", "kansas", "karachi", "kathmandu",
    "kentucky", "kolkata", "korea", "lagos", "lahore", "lebanon", "london", "louis", "louisiana", "manila",
    "maryland", "massachusetts", "memphis", "mexico", "miami", "michigan", "midwest", "milwaukee", "minneapolis",
    "minnesota", "missouri", "mumbai", "nairobi", "nashville", "nepal", "newark", "nigeria", "north", "northeast",
    "ohio", "omaha", "alaska", "hawaii", "utah", "nevada", "vermont", "maine", "idaho", "montana", "wyoming",
    "dakota", "nebraska", "oklahoma", "arkansas", "mississippi", "delaware", "hampshire", "rhode", "island",
    "oregon", "orlando", "orleans", "pakistan", "pennsylvania", "peru", "philadelphia",
    "philippines", "phoenix", "pittsburgh", "portland", "providence", "raleigh", "richmond", "riyadh", "rochester",
    "russia", "sacramento", "seattle", "south", "syria", "tampa", "tehran", "tennessee", "texas", "toronto",
    "tucson", "ukraine", "venezuela", "virginia", "washington", "west", "wisconsin", "york"
})
# Nouns a sentence often starts with that are not a program ("Teaching ranks first for me")
_COMMON_NOUNS = frozenset({"location", "research", "mentorship", "teaching", "wellness", "salary", "culture", "family",
                           "patient", "patients", "service", "visa", "education", "training", "support", "diversity",
                           "cost", "weather", "housing", "curriculum", "fit", "everything", "nothing"})
_NAME_WORD = r"(?:St\.?\s+)?[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*"
_NAME = re.compile(rf"(?<![\w.])(?:{_NAME_WORD})(?:\s+(?:(?:of|and|the)\s+)?(?:{_NAME_WORD}|[A-Z]{{2,4}}\b(?![-\d])))*")
_TITLE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|Professor|Doctor)\.?\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?")
_AFTER_NAME = re.compile(
    r"\s*(?:is|was|will|would|remains|remained|has|had|sits|tops|heads|stays|'s|deserves|earns|goes|gets|got|"
    r"comes|ranks|moved|climbed|shall|can|could|must|might|may|,)\b|\s*[:,=]", _I)


def _plain_word(word: str) -> str:
    """A word as the list of names that are not programs spells it: lower case, without its contraction."""
    return re.split(r"['’]", word.lower().strip("'’.,"))[0]


def _names(sentence: str) -> str:
    """Program names as one word; the sentence's first word only when it reads as a subject."""
    sentence = _TITLE.sub("the doctor", sentence)

    def one(match: re.Match[str]) -> str:
        words = match.group(0).split()
        if all(_plain_word(w) in _NOT_NAMES or _plain_word(w) in _PLACES for w in words):
            return match.group(0)
        if match.start() == 0 or sentence[:match.start()].rstrip().endswith(("-", "—", "(", ".", "?", "!")):
            first = _plain_word(words[0])
            if first in _NOT_NAMES and len(words) > 1:
                return words[0] + " " + one_rest(" ".join(words[1:]))
            if first in _NOT_NAMES or first.endswith("ing") or first in _COMMON_NOUNS \
                    or not _AFTER_NAME.match(sentence, match.end()):
                return match.group(0)
        return PROG

    def one_rest(rest: str) -> str:
        return PROG if not all(_plain_word(w) in _NOT_NAMES or _plain_word(w) in _PLACES for w in rest.split()) \
            else rest

    return _NAME.sub(one, sentence)


_WORDS: dict[str, str] = {  # text-speak and British spellings, word for word
    "u": "you", "ya": "you", "yall": "you", "y'all": "you", "ur": "your", "yr": "your", "urs": "yours",
    "r": "are", "b": "be", "n": "and", "im": "i am", "ive": "i have", "youre": "you are", "youll": "you will",
    "ure": "you are", "ull": "you will", "ud": "you would", "uve": "you have",
    "youve": "you have", "weve": "we have", "theyre": "they are", "dont": "do not", "didnt": "did not",
    "doesnt": "does not", "wont": "will not", "cant": "can not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not",
    "havent": "have not", "hasnt": "has not", "itll": "it will", "thats": "that is",
    "youd": "you would", "theres": "there is", "whats": "what is", "wats": "what is", "wat": "what",
    "hows": "how is", "wheres": "where is", "wud": "would", "wld": "would", "cud": "could", "cld": "could",
    "cn": "can", "shud": "should", "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks",
    "rly": "really", "def": "definitely", "deff": "definitely", "defo": "definitely", "defs": "definitely",
    "definately": "definitely", "definitly": "definitely", "prob": "probably", "prolly": "probably",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "lemme": "let me", "lmk": "let me know",
    "kinda": "kind of",
    "b4": "before", "abt": "about", "bc": "because", "cuz": "because", "coz": "because", "rn": "right now",
    "hav": "have", "hv": "have", "kno": "know", "prog": "program", "progs": "programs", "hw": "how", "othr": "other",
    "ppl": "people", "wher": "where", "whr": "where",
    "whre": "where", "waht": "what", "wht": "what", "lookin": "looking", "matchin": "matching",
    "puttin": "putting", "placin": "placing", "listin": "listing", "hopin": "hoping", "wonderin": "wondering",
    "thinkin": "thinking", "gunna": "going to", "gona": "going to", "wuts": "what is", "wut": "what",
    "rankin": "ranking", "goin": "going", "tho": "though", "thru": "through", "cos": "because",
    "programme": "program", "programmes": "programs", "programme's": "program's", "favourite": "favorite",
    "favourites": "favorites", "favour": "favor", "favourably": "favorably", "honour": "honor",
    "honoured": "honored", "enquire": "inquire", "enquiring": "inquiring", "realise": "realize",
    "prioritise": "prioritize", "whilst": "while", "amongst": "among", "shortlist": "short list",
    "shortlisted": "short listed", "colour": "color", "centre": "center", "organise": "organize",
}
_DROP = re.compile(r"\b(?:lol|lmao|fr|tbh|ngl|imo|imho|btw|omg|haha+|no\s+cap|xx+)\b|[!]+|\?(?=\?)|:\)|:\(", _I)

_KEYWORDS = ("rank", "ranked", "ranking", "ranks", "list", "first", "where", "stand", "standing", "chance",
             "chances", "likely", "likelihood", "match", "matching", "matched", "number", "choice", "position",
             "promise", "program", "programs", "highly", "probability", "possibility", "realistic",
             "realistically", "definitely", "favorite", "prospects", "odds", "top", "what", "placed", "ranking",
             "application", "interview", "there", "competitive", "candidate", "consideration", "status", "spot",
             "running")
_REAL_WORDS = frozenset({
    "ran", "rack", "bank", "tank", "rink", "rant", "lust", "last", "lost", "lint", "lest", "mist", "fist", "firs",
    "were", "here", "whee", "stank", "stead", "change", "chancy", "lively", "lovely", "listen", "lasted", "lifted",
    "banked", "tanked", "racked", "ranged", "rankle", "banking", "tanking", "ranting", "ranging", "racking",
    "premise", "catch", "latch", "batch", "watch", "hatch", "patch", "mach", "matches", "choices", "chose", "choose",
    "numbed", "numbers", "positron", "highs", "stands", "lists", "ranks", "list", "rand", "rang", "lift", "wise",
    "stan", "stamd", "stamp", "mate", "math", "mat", "marching", "mashing", "hatching", "patching", "watching",
    "latching", "catching", "batching", "places", "placid", "paced", "planed", "plated", "posted", "proms",
    "promised", "premises", "programs", "pogrom", "progress", "prom", "proof", "rants", "banks", "tanks", "links",
    "ranch", "rank", "tips", "tap", "tip", "toe", "ton", "tom", "toy", "tot", "too", "two", "tor", "fop", "hop",
    "mop", "pop", "cop", "sop", "lop", "odd", "adds", "ads", "oddly", "what", "whet", "whit", "chat", "that", "than",
    "when", "whom", "tops", "stop", "spot", "pot", "opt", "pro", "probe", "like", "lived", "liked", "likes", "hobby",
    "lobby", "odds", "fast", "fest", "firm", "fits", "fish", "fire", "wits", "writ", "wheres", "place", "plate",
    "plane", "wheat", "changes", "changed", "marched", "stranding", "mashed", "matting", "ranker", "ranger", "placer",
    "chanced", "march", "odes", "sand", "sanding", "strand", "played", "livelihood", "chancel", "chancels", "liszt",
    "rankled", "rankling", "rankine", "ranted", "prospectus", "statue", "statues", "stats", "spit",
    "spat", "snot", "slot", "shot", "soot", "spots", "applications", "interviews", "theirs", "three", "these",
    "thee", "then", "them", "theme", "therm", "there's", "candidates", "candida", "candidly", "condition", "sport",
    "spout", "states", "ruining", "considerations", "positions", "promises", "favorites", "firsts", "choicer",
    "likelihoods"
})


def _neighbours(rows: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The keys next to each key: on its row, and on the rows above and below (each row sits half a key right)."""
    near: dict[str, set[str]] = {key: set() for row in rows for key in row}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            near[key].update(row[max(0, i - 1):i + 2])
            if r + 1 < len(rows):
                for below in rows[r + 1][max(0, i - 1):i + 1]:
                    near[key].add(below)
                    near[below].add(key)
    return {key: frozenset(keys - {key}) for key, keys in near.items()}


# A finger that slips types a neighbouring key: "rsnk", "lidt"
_NEAR = _neighbours(("qwertyuiop", "asdfghjkl", "zxcvbnm"))


def _slipped(word: str, key: str, i: int) -> bool:
    """``word`` has another letter than ``key`` at ``i``: a neighbouring key, or a letter of the word typed twice."""
    return word[i] in _NEAR.get(key[i], ()) or word[i] in key[max(0, i - 1):i + 2:2]


def _one_edit(word: str, key: str) -> bool:
    """``word`` is ``key`` with one letter added, dropped, swapped with its neighbour or changed (a long word; or a
    word of four letters or more, changed to a neighbouring key or to a letter next to it typed twice)."""
    if abs(len(word) - len(key)) > 1 or word[0] != key[0]:
        return False
    if len(word) == len(key):
        diff = [i for i, (a, b) in enumerate(zip(word, key, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and (word[diff[0]], word[diff[1]]) == (key[diff[1]],
                                                                                            key[diff[0]]):
            return True
        return len(diff) == 1 and (len(key) >= 6 or (len(key) >= 4 and _slipped(word, key, diff[0])))
    if min(len(word), len(key)) < 4:
        return False
    short, long = (word, key) if len(word) < len(key) else (key, word)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@functools.lru_cache(maxsize=8192)
def _word(word: str) -> str:
    """One word, spelled as the grammar reads it."""
    low = word.lower()
    if low in _WORDS:
        return _WORDS[low]
    if len(low) < 3 or low in _KEYWORDS or low in _REAL_WORDS or not low.isalpha():
        return low
    return next((key for key in _KEYWORDS if _one_edit(low, key)), low)


_CONTRACTED = {"m": "am", "ll": "will", "d": "would", "ve": "have", "re": "are", "s": "is"}
_CONTRACTION = re.compile(
    r"\b(i|we|you|they|it|that|there|he|she|what|where|who|how|here|xprogx)\s*'\s*(m|ll|d|ve|re|s)\b")
# Each rewrite runs only when one of its needles is in the (lower-case) text: most sentences need few of them.
_REWRITES: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = tuple(
    (needles, re.compile(pattern), replacement) for needles, pattern, replacement in (
        (("w/",), r"\bw/\s*", "with "),
        (("w ",), r"\bw\s+(?=(?:u|you|ur|your)\b)", "with "),
        (("-",), r"(?<=[a-z])-(?=[a-z])", " "),
        (("won", "shan"), r"\b(?:won|shan)\s*'?\s*t\b", "will not"),
        (("t",), r"\b(would|could|should|do|does|did|is|are|was|were|have|has|had|might|must|need|ai)n\s*'?\s*t\b",
         "\\1 not"),
        (("can",), r"\bcan\s*'?\s*t\b|\bcannot\b", "can not"),
        (("ill", "il ", "id "),
         r"\b(?:ill|il)\b(?=\s+(?:be|rank|put|place|have|definitely|def|certainly|keep|list|go|make|accept|take|"
         r"sign|commit|always|never|absolutely|surely|probably|still|only|match|join|see|do|make|come|start|end|land|"
         r"def|definitely)\b)",
         "i will"),
        (("id ",), r"\bid\b(?=\s+(?:love|like|rank|put|be|appreciate|really|definitely|say|rather|want|never|consider|"
                   r"gladly|accept|happily|place|choose|pick|go|come|match|need|hate|prefer|be)\b)", "i would"),
        (("1", "one", "uno"),
         r"(?:#|\bno\.?|\bnr\.?|\bnum\.?|\bnumber)\s*1\b(?![-/.,]?\d)|\b(?:num|number)\s+(?:one|uno)\b"
         r"|\b1st\b|\bnumero\s+uno\b|\b(?:top|rank|position|spot|slot)\s+(?:1|one)\b"
         r"(?=\s*(?:$|[,.;:!?)]|on\b|in\b|for\b|by\b|at\b|of\s+my))", "first"),
        (("=",), r"\s=\s", " is "),
        (("pgy",), r"\bpgy\s*-?\s*(\d)\b", r"pgy\1"),
        (("4 ",), r"(?<![#\d.,:/-])\b4\s+(?=[a-z])(?!(?:pm|am|th|weeks|days|hours|months|years|people|programs|"
                  r"residents|interns|times|more|of|or|and|to)\b)", "for "),
        (("2", "two"), r"#\s*2\b|\bno\.?\s*2\b|\b2nd\b|\bnumber\s+two\b", "second"),
        (("3", "three"), r"#\s*3\b|\bno\.?\s*3\b|\b3rd\b|\bnumber\s+three\b", "third"),
        (("top",), r"\btop\s*(?:-\s*)?(2|two|3|three|4|four|5|five|6|six|7|seven|8|eight|9|nine|10|ten|\d\d)\b",
         r"top \1"),
        (("rol", "r.o", "r o l"), r"\b(?:r\.?\s*o\.?\s*l\.?|rol)(?:'?s)?\b", "rank list"),
        (("list",), r"\b(?:rank\s*-?\s*order(?:ed)?|ranking|match|nrmp|final|preference)\s+lists?\b|\branklist\b",
         "rank list"),
        (("rank order",), r"\brank\s+order\b(?!\s+list)", "rank list"),
        (("preference", "priority list", "selection"), r"\b(?:order\s+of\s+preference|preference\s+(?:list|order)|"
         r"priority\s+list|selection\s+list|final\s+selections?)\b", "rank list"),
        (("were ", "wear ", "ware "),
         r"^\W*(?:were|wear|ware)\s+(?=(?:do|does|did|will|would|am|is|are|was|can|could|should|might)\s+i\b)",
         "where "),
        (("your ",),
         r"(?<!\bin\s)(?<!\bon\s)(?<!\bof\s)(?<!\bat\s)(?<!\bfor\s)(?<!\bto\s)(?<!\bwith\s)(?<!\bby\s)"
         r"(?<!\bfrom\s)(?<!\bamong\s)(?<!\bnear\s)(?<!\binto\s)(?<!\babout\s)(?<!\bwhat\s)(?<!\bhow\s)"
         r"\byour\s+(?=(?:my|going|at|on|in\s+my|(?:first|top)\s+(?:on|of|in|for)\s+my|(?:first|top)\s+choice|"
         r"definitely|certainly|already|still|the\s+top|the\s+first|the\s+program|ranked|being|so|very|a\s+top)\b)",
         "you are "),
        (("you are ",), r"\byou\s+are\s+(?=(?:program|residency|hospital|team|program's|residents)\b)", "your "),
        (("you",), r"\b(?:you|your)\s+(?:guys|all|folks|team|lot)\b(?!\s+(?:of|were|was|are|is|have|will|would)\s+"
                   r"(?:so|very|kind|great|lovely|amazing|welcoming))", "you"),
        (("your ",),
         r"\byour\s+(?:(?!(?:only|best|first|top|number|highest|favorite|dream|preferred|most|very|own)\b)[\w']+\s+){0,2}?"
         r"(?:program|residency|hospital|institution|institute|department|site|training|school|place)\b(?!')",
         "your program"),
        (("this ", "the "), r"\b(this|the)\s+(?:program|residency|hospital|institution|institute|department|training|"
                            r"school)\b(?!')", r"\1 program"),
        (("xprogx ",), r"\bxprogx\s+(?:program|programs|residency|hospital|institution|institute|team|department|"
                       r"place|site|training|school)\b", "xprogx"),
        (("shall",), r"\bshall\b", "will"),
        (("well ",), r"\bwell\s+(?=(?:match|be\s+matching|rank|see\s+each\s+other)\b)", "we will "),
    )
)
# A real word one letter off "first" ("fist") is read as "first" where only a place on a list fits after it
_FIRST_SLIPS = re.compile(
    r"\b(?:" + "|".join(sorted(w for w in _REAL_WORDS if _one_edit(w, "first"))) + r")\b(?=\s+(?:choice|pick|place|"
    r"spot|slot|position|preference|(?:on|in|of)\s+(?:my|our)\s+(?:rank\s+)?list)\b)")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u201c": '"',
                         "\u201d": '"', "\u2013": " - ", "\u2014": " - "})
_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[a-z][a-z']*")


_WHETHER = re.compile(r"\b(know|knowing|wonder|wondering|wondered|ask|asking|asked|tell\s+me|see|sure|curious|check|"
                      r"checking|learn|confirm|out|say|indicate|unsure|doubt)\s+if\b")


@functools.lru_cache(maxsize=8192)  # drafts share most of their sentences
def normalise(sentence: str) -> str:
    """A sentence as the grammar reads it: lower case, one spelling per word, program names as one word."""
    text = _names(sentence.translate(_QUOTES)).lower()
    if "'" in text:
        text = _CONTRACTION.sub(lambda m: f"{m.group(1)} {_CONTRACTED[m.group(2)]}", text)
    text = _DROP.sub(" ", text)
    text = _FIRST_SLIPS.sub("first", _LETTERS.sub(lambda m: _word(m.group(0)), text))
    for needles, pattern, replacement in _REWRITES:
        if any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    text = _SPACES.sub(" ", text).strip()
    return _WHETHER.sub(r"\1 whether", text) if " if" in text else text
