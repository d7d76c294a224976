"""The policy check's words: who is placed (the program, the applicant), on which list, at what position, with
what odds; how a question is asked, a condition set, a refusal to ask or a class rank said.

Each is a regular expression over a sentence as ``wording.normalise`` spells it.
"""

from __future__ import annotations

import re

from .wording import PROG

W = r"(?:[\w']+\s+)"  # any one word and its space
ADV = (r"(?:(?:definitely|certainly|surely|absolutely|probably|likely|already|still|now|also|really|truly|"
       r"honestly|clearly|obviously|undoubtedly|easily|comfortably|happily|gladly|proudly|firmly|fully|"
       r"officially|proudly|sincerely|just|even|always|very|most|most\s+likely|without\s+(?:a\s+)?doubt|"
       r"without\s+question|for\s+sure|of\s+course|then|so|personally|strongly|seriously)\s+)")
# The program as the one placed: you, your program, a program's name, "yours"
PROG_NOUN = r"(?:program|programs|residency|hospital|institution|institute|team|department|place|site|training|school)"
# (``wording.normalise`` spells "your internal medicine residency" as "your program", "Harbor IM Hospital" as one name)
PROG_REF = rf"(?:you|yours|your\s+program|(?:this|the)\s+program|{PROG}|each\s+other|y'all)"
PROG_SUBJ = rf"(?:you|yours|your\s+program|(?:this|the)\s+program|{PROG}|it)"
# The applicant as the one placed
ME_NOUN = r"(?:name|application|candidacy|file|profile|dossier|interview|interviews|scores|cv)"
ME_SUBJ = rf"(?:i|my\s+(?:{ME_NOUN}|ranking|spot|position|place|placement))"
MY_LIST = r"(?:my|our|the|a)\s+(?:own\s+|final\s+|certified\s+)?(?:rank\s+list|list|ranking|rankings)"
# The kinds of list a program ranks applicants on ("your final list", "the categorical list"); any other word before
# "list" makes a list of something else ("the volunteer list", "the waiting list")
RANK_LIST_KIND = (r"(?:rank|final|preliminary|prelim|categorical|advanced|match|matching|short|official|certified|"
                  r"submitted|current|internal|applicant|candidate|selection|interview|intern|program's|committee's)")
YOUR_LIST = (r"(?:your|the|this|its|their|xprogx's|the\s+program's|your\s+program's|the\s+committee's|"
             rf"the\s+final|your\s+final|your\s+preliminary)\s+(?:{RANK_LIST_KIND}\s+)?(?:rank\s+list|list|"
             r"short\s+list|ranking|rankings)")
LIST = r"(?:rank\s+list|list|short\s+list|ranking|rankings)"
NOT_LIST_OF = (r"(?!\s+of\s+(?!(?:applicants|candidates|programs|people|interviewees|names|incoming|new\s+interns|"
               r"matched|future))"
               r"|\s+(?:deadline|certification)|\s+for\s+(?:the\s+|a\s+|your\s+)?(?:\w+\s+){0,3}?(?:visit|session|tour|"
               r"dinner|event|look|day|webinar|lunch|social|meeting|updates|newsletter|house|rounds|conference|report|"
               r"course|dates))")
RANK = (r"(?:rank|ranks|ranked|ranking|list|lists|listed|listing|outrank|outranks|outranked|rate|rates|rated|rating|"
        r"score|scores|scored|scoring|grade|graded|grading)")
PUT = (r"(?:give|gives|giving|given|gave|reserve|reserved|assign|assigned|award|awarded|"
       r"put|puts|putting|place|places|placed|placing|slot|slotted|slotting|keep|keeping|kept|have|having|had|"
       r"got|get|getting|move|moved|moving|list|listed|listing|position|positioned|consider|count|mark|marked)")
# The top of a thing that is no list: "the top of the stairs", "the top of my class"
NOT_A_LIST_TOP = (r"(?:class|line|game|mind|agenda|hill|page|building|stairs|steps|floor|street|road|mountain|tower|"
                  r"hour|screen|form|year|cohort|batch|field)\b")
# A position on a list: the bare positions, and the phrases that place a thing at or near the top
POS = (r"(?:first(?=\s*(?:$|[,.;:?]|(?:on|in|of|at)\s+(?:my|the)\s+(?:rank\s+)?list|(?:on|in)\s+my|for\s+me|choice|"
       r"pick|place|spot|slot|position|tier|no\s+matter|regardless|without|again|too|as\s+well|then|and\b|when|after|"
       r"before|now|already|above|ahead|over|among|out\s+of|by\s+far|for\s+sure|of\s+(?:course|all\s+the)))|"
       rf"(?:at|near|toward|towards|to|on|in)\s+(?:the\s+)?(?:very\s+)?top(?!\s+(?:of\s+(?:the\s+|their\s+|his\s+|"
       rf"her\s+)?{NOT_A_LIST_TOP}|notch|quality|tier\s+(?:program|hospital)))|on\s+top(?!\s+of\s+(?:that|this|"
       r"it|everything))|top(?=\s+(?:of\s+my|on\s+my|for\s+me|in\s+my|spot|slot|place|position|choice|pick)\b)|"
       r"top(?=\s*(?:$|[,.;:?]))|(?:very\s+)?high(?:ly|er|est)?|highest|above|ahead\s+of|before|over\s+(?:all|every|"
       r"any|the\s+others)|in\s+(?:my\s+)?top\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b|"
       r"(?:as\s+)?my\s+(?:very\s+)?(?:first|top)|(?:second|third)(?=\s*(?:$|[,.;:?]|on\s+my|in\s+my|place|choice))|"
       r"(?:in\s+)?(?:the\s+)?(?:first|top|number\s+first)\s+(?:spot|slot|place|position|tier)|first\s+place|"
       r"(?:at|to)\s+the\s+(?:very\s+)?(?:head|summit|peak|pinnacle|apex)\s+of|"
       r"at\s+first(?=\s*(?:$|[,.;:?]|(?:on|in)\s+my))|only)")
ODDS = (r"(?:chances?|odds|likelihood|likely|unlikely|probability|probable|prospects?|shot|realistic(?:ally)?|"
        r"possibility|possible|hopeful|optimistic|confident|expect|expectation|foresee|predict|safe\s+bet|"
        r"safe\s+to\s+assume|count\s+on|reasonable|worth\s+my\s+while|a\s+good\s+bet|worry|worried|concerned|"
        r"anticipate|hopes\s+up|reassure|reassurance|within\s+reach|out\s+of\s+reach|long\s+shot|reach|safety|"
        r"stretch|(?:can|may|should|could|will)\s+i\s+(?:still\s+|really\s+|safely\s+)?(?:hope|look\s+forward)|"
        r"too\s+much\s+to\s+hope)")
MATCH_THERE = (
    r"(?:(?:match|matches|matching|matched|be\s+matched|being\s+matched)(?:\s+(?:(?:with|at|to|in|into)\s+"
    r"(?:you|your|this|xprogx|the\s+program)|with\s+(?:\w+\s+)?(?:program|residency|hospital)|there|here|you)\b|"
    r"\s*(?:[?]|$))"
    r"|(?:join|joining|be\s+joining|start|starting|train|training|end\s+up|ending\s+up|land|landing|secure|securing|"
    r"earn|earning|welcomed|welcome)\s+(?:\w+\s+){0,2}?(?:you\b(?!\s+(?:for|at|on|during|in\s+(?!july|june)))|"
    r"with\s+you|"
    r"at\s+your|at\s+xprogx|in(?:to)?\s+your|your\s+(?:intern\s+|incoming\s+)?(?:class|team|program|residency|"
    r"hospital)|"
    r"part\s+of\s+your|xprogx|here|there|in\s+july|in\s+june|a\s+(?:spot|position|place|seat)|one\s+of\s+your\s+"
    r"(?:spots|positions|places|seats))"
    r"|(?:be|being|get|getting)\s+(?:\w+\s+)?(?:part\s+of\s+your|one\s+of\s+your|in(?:to)?\s+your\s+(?:intern\s+|"
    r"incoming\s+)?(?:class|team|program|residency)|with\s+you\s+(?:in|next|this)|a\s+(?:spot|position|place|seat)\b"
    r"(?!\s+(?:to|for)\s+(?!me\b))|at\s+(?:your|xprogx)\s+(?:\w+\s+)?orientation)"
    r"|getting\s+in\b|get\s+in\b|a\s+(?:spot|position|place|seat)\s+(?:with\s+you|in\s+your|at\s+your|for\s+me)"
    r"|one\s+of\s+your\s+(?:spots|positions|places)|good\s+news|match\s+day|a\s+match\s+with\s+(?:you|your)"
    r"|be\s+(?:a|an|one\s+of\s+(?:your|the))\s+(?:\w+\s+)?(?:resident|intern|residents|interns)\s+(?:at|in|with|for)\s+"
    r"(?:your|xprogx|you\b)"
    r"|offered\s+to\s+me|a\s+likely\s+match|(?:seeing|see)\s+you\s+(?:at\s+orientation\s+)?(?:on|in)\s+(?:match\s+day|"
    r"july|june|march))"
)
ASK = (r"(?:\?|\b(?:tell|telling|let\s+me\s+know|share|sharing|advise|indicate|indication|confirm|inform|update\s+me|"
       r"any\s+(?:word|update|news|insight|idea|sense|hint|hints|feedback|information|indication)|"
       r"(?:to|me|you)\s+know|know(?:ing)?\s+(?:if|whether|where|how|what)|learn|find\s+out|hear|hearing|ask|asking|"
       r"inquire|inquiring|wonder|wondering|wondered|curious|check\s+in|checking\s+in|check(?:ing)?\s+(?:whether|on)|follow(?:ing)?\s+up|"
       r"sense\s+of|idea\s+of|feel\s+for|read\s+on|clue\s+me|estimate|assess|gauge|eager\s+to\s+(?:know|learn|hear)|hint|hints|"
       r"insight|indication|reassure|reassurance|"
       r"keen\s+to\s+(?:know|learn|hear)|question|re|heads\s+up|warn\s+me|whether(?!\s+or\s+not)|"
       r"(?:take|opinion|thoughts|view|views)\s+on)\b)")
# Saying one will not ask: "I know you can't tell me where I stand, and I'm not asking."
DISCLAIMER = re.compile(
    r"\b(?:can\s+not|not\s+(?:allowed|permitted|able|supposed|asking|going\s+to\s+ask)|will\s+not\s+ask|"
    r"would\s+not\s+ask|do\s+not\s+(?:ask|expect|want\s+to\s+ask)|inappropriate|not\s+appropriate|no\s+effect|"
    r"no\s+(?:part|role|bearing)|respect\s+(?:the|that)|rules\s+limit|not\s+something|i\s+will\s+not\s+(?:ask|"
    r"be\s+asking|inquire|pry)\b|"
    r"never\s+ask|not\s+ask|ask\s+(?:nobody|no\s+one|no\s+program)|promise\s+(?:no|nothing)|against\s+the\s+rules|aware\s+that\s+asking|would\s+be\s+(?:wrong|improper)|"
    r"(?:do|does)\s+not\s+(?:allow|permit|let)|(?:prohibit|forbid)\w*)\b")
# The applicant's own record: class, exams, school ("first in my class", "top 10% of my year")
RECORD = re.compile(
    r"\b(?:in|of|among|across|on|at|for|from|during|throughout)\s+(?:my|our|the|his|her|their)\s+(?:\w+\s+){0,3}?"
    r"(?:class|classes|batch|cohort|year|years|school|university|college|exam|exams|examination|examinations|"
    r"clerkship|clerkships|rotation|rotations|(?<!interview\s)evaluations?|appraisal|course|courses|test|tests|"
    r"competition|district|state|"
    r"country|nation|region|department|internship|interns|students|graduates|peers|family|village|merit\s+list|"
    r"faculty|subject|block|hospital|institution|quiz|award)\b"
    r"|\b(?:percentile|percent|quartile|decile|out\s+of\s+\d|gold\s+medal|valedictorian|in\s+(?:physiology|"
    r"pathology|anatomy|pharmacology|surgery|medicine|community\s+medicine|obstetrics|pediatrics))\b"
    r"|\b(?:class|batch|cohort|merit|exam|entrance|national|graduating)\s+(?:rank|ranking|standing|position|list)\b"
    r"|\bamong\s+(?:the\s+|all\s+|my\s+)?(?:\d+\s+|other\s+)?(?:interns|students|graduates|peers|classmates)\b"
    r"|\b(?:of|in)\s+its\s+(?:field|specialty|kind)\b"
    r"|\bby\s+my\s+(?:\w+\s+)?(?:dean|professors?|teachers?|supervisors?|mentors?|consultants?|attendings?|school|"
    r"university|college|classmates|peers|colleagues)\b")
# A ranking of the program by others: "ranked first in the region", "in US News"
PUBLIC_RANKING = re.compile(
    r"\b(?:by|in)\s+(?:us\s+news|doximity|newsweek)|\bnationally\b|\bin\s+the\s+(?:state|region|country|nation|"
    r"world|city|area|midwest|northeast|south|west)\b|\bfor\s+(?:its\s+)?(?:\w+\s+)?(?:care|outcomes|research|teaching|"
    r"safety|quality|training)\b|\bamong\s+(?:the\s+)?(?:best|hospitals|programs|top\s+\w+\s+(?:programs|hospitals))"
    r"(?!\s+(?:i|that\s+i|on\s+my|i\s+\w+))"
    r"|\b(?:national|state|regional)\s+(?:average|mean|median|rate|benchmark)s?\b|\bpass\s+rates?\b")
# A clause that is only the condition of what follows ("If I match with you, ...")
CONDITION = re.compile(
    r"\b(?:if|once|when|whenever|assuming|suppose|supposing|in\s+case|in\s+the\s+event(?:\s+that)?|"
    r"whether\s+or\s+not|regardless\s+of|no\s+matter|wherever|whatever|after|provided)\s+"
    r"(?:\w+\s+){0,2}?(?:i|we|matched)\b(?!(?:\s+\w+){0,4}\s+(?:unlikely|likely|chances?|odds)\b)\s*(?:\w+\s+){0,5}?"
    r"(?:match|matches|matched|matching|join|end\s+up|"
    r"ended\s+up|am\s+matched|were\s+matched|offered|lucky|fortunate)\b(?!\s+day\b)[^,;:?]*(?:[,;:]|(?=\?)|$)"
    r"|\b(?:should|were)\s+(?:i|we)\s+(?:\w+\s+){0,5}?(?:match|matched|join|end\s+up|be\s+matched|to\s+match|"
    r"be\s+(?:lucky|fortunate))\b(?!\s+day\b)(?:[^,;:?]*[,;:]|(?:\s+\w+){0,6}?(?=\s+(?:is|are|will|would|do|does|can|could|which|"
    r"what|how|when|where|who|i\s+(?:hope|would|will|need|want|plan)|is\s+there)\b))"
    r"|\b(?:whatever|regardless\s+of)\s+(?:the\s+)?(?:outcome|result)s?\b[^,;:?]*(?:[,;:]|(?=\?)|$)"
    r"|,?\s*\b(?:if|once|when|in\s+case)\s+(?:i|we)\b(?!(?:\s+\w+){0,4}\s+(?:unlikely|likely|chances?|odds)\b)\s+"
    r"(?:\w+\s+){0,5}?(?:match|matched|matches|matching|"
    r"join|end\s+up|ended\s+up)\b[^,;]*")

OCCASION = (r"(?:tour|tours|dinner|lunch|breakfast|visit|visits|session|sessions|second\s+look|table|shuttle|bus|"
            r"webinar|workshop|event|course|conference|social|meeting|flight|hotel|parking|waiting\s+list|"
            r"wait\s+list|observership|elective|rotation|clinic|journal\s+club)")

CLAUSE = re.compile(r"\s*(?:;|,\s*(?:but|and|so|because|since|though|although|while)\b|,\s*(?=i\s)|\s-\s|:\s)\s*"
                    r"|\s+(?=i\s+would\s+(?:love|like|appreciate|be\s+grateful)\b)")


def alternatives(*patterns: str) -> re.Pattern[str]:
    """One regular expression that matches where any of ``patterns`` does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# A position and a match with the program, each compiled once and looked for after what names who is placed (rather
# than spelled out again in each pattern that ends with one)
POSITION = re.compile(POS)
MATCHING_THERE = re.compile(MATCH_THERE)
_A_WORD = re.compile(r"\w+\s+")


def position_after(text: str, start: int, words: int) -> bool:
    """A position (``POS``) starts at ``start`` of ``text`` or after at most ``words`` words from there."""
    for _ in range(words + 1):
        if POSITION.match(text, start):
            return True
        if (word := _A_WORD.match(text, start)) is None:
            return False
        start = word.end()
    return False
