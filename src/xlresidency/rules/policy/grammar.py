"""The policy check's grammar: what a sentence asks or promises, about whose place on which list.

Each clause is read for the applicant asking how the program will rank them, where they stand or their odds of
matching there; for the applicant promising the program a place on their own list, a singular first choice or
a commitment; and, where no firm rule reads it, for words that together deserve a second look.
"""

from __future__ import annotations

import functools
import re

from .lexicon import (
    ADV,
    ASK,
    CLAUSE,
    CONDITION,
    DISCLAIMER,
    LIST,
    MATCH_THERE,
    ME_NOUN,
    ME_SUBJ,
    MY_LIST,
    NOT_LIST_OF,
    ODDS,
    POS,
    PROG_NOUN,
    PROG_REF,
    PROG_SUBJ,
    PUBLIC_RANKING,
    PUT,
    RANK,
    RECORD,
    YOUR_LIST,
)
from .wording import PROG, normalise

_QUESTION_START = re.compile(r"^(?:\W*(?:so|and|but|also|honestly|realistically|just|hi|hey|ok|okay)\W+)?(?:what|where|"
                             r"how|will|would|am|is|are|do|does|did|can|could|should|any|was|were|have|has)\b")

# --------------------------------------------------------------------------------------------------
# The grammar: what the applicant asks or promises, about whose place.


# Ranked on a rota, not on the program's list: "ranked in the call schedule by seniority"
_NOT_A_ROTA = (r"(?!\s+(?:\w+\s+)?(?:in|on|by|for)\s+(?:the\s+|my\s+)?(?:call|schedule|seniority|rotation|rotations|"
               r"alphabetical|order\s+of|shifts?|vacation|clinic)\b)")


def _compile(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# The program asked to place the applicant: "rank me", "where will I fall on your list", "am I in your top tier"
_ASKS_RANK = _compile(
    # someone ranks / places / keeps me (high, on the list)
    r"\b(?:rank|ranks|ranked|ranking|outrank|rate|rated|list|listed|listing)\s+me\b(?!\s+(?:as\s+)?(?:among|in)\s+"
    r"(?:my|the)\s+(?:class|cohort))",
    rf"\b(?:put|putting|place|placing|placed|keep|keeping|have|having|slot|move|moving|see|consider|considering|"
    rf"view|regard|count|include|including)\s+me\s+(?:\w+\s+){{0,2}}?(?:{POS}|on\s+{YOUR_LIST}{NOT_LIST_OF}|in\s+your|"
    rf"among\s+(?:the|your)|as\s+(?:a|one\s+of|your)|up\b|high|to\s+match|in\s+a\s+(?:\w+\s+)?position)",
    # I am / will be / was ranked, listed, placed
    r"\b(?:i|my\s+(?:name|application|candidacy))\s+(?:\w+\s+){0,3}?(?:be|been|am|is|was|were|being|get|got)\s+"
    r"(?:\w+\s+)?(?:ranked|(?:listed|placed|rated|included|submitted)(?=\s+(?:\w+\s+)?(?:on\s+(?:your|the)\s+"
    r"(?:rank\s+)?list|by\s+(?:you|your|xprogx)|high|highly|first|top|to\s+match|favorably|well|near|above|in\s+a\s+"
    r"(?:\w+\s+)?position))|considered\s+(?:\w+\s+)?(?:top|high|first|for\s+(?:a|one)\s+(?:\w+\s+)?(?:spot|"
    r"position)))\b" + _NOT_A_ROTA,
    rf"\b(?:am|was|will|would|is|are|have|has|had|could|might)\s+(?:i|my\s+{ME_NOUN})\s+"
    r"(?:\w+\s+){0,3}?(?:ranked|(?:listed|placed|rated|included|submitted)(?=\s+(?:\w+\s+)?(?:on|by|high|"
    r"highly|first|top|to\s+match|favorably|well|near|above|in\s+a)))\b" + _NOT_A_ROTA,
    r"\b(?:be|being|get|getting|to\s+be)\s+(?:ranked|listed|placed)\s+(?:\w+\s+)?by\s+(?:you|your|this|the\s+program|"
    r"xprogx)",
    r"\b(?:be|being|get|getting)\s+(?:ranked|listed)\s+(?:high|highly|to\s+match|well|favorably|in\s+a)",
    # where I stand / fall / land / sit; where you will put me
    rf"(?<!matter\s)(?<!regardless\sof\s)\bwhere\s+(?:\w+\s+){{0,3}}?{ME_SUBJ}\s+(?:\w+\s+){{0,2}}?(?:stand|stands|standing|stood|fall|falls|fell|land|lands|landed|"
    r"sit|sits|end\s+up|rank|ranks|ranked|placed|appear|fit|fits|"
    r"(?:am|is|be|at)(?=\s*(?:$|[?,.]|(?:on|in|among|near|at|relative|compared|with|within)\s+(?:your|the\s+(?:rank|list|"
    r"process|ranking|pool|committee|program)|you|xprogx|this|terms|comparison))))"
    r"(?!\s+(?:during|in\s+the\s+(?:room|hall|ward|clinic)|at\s+the\s+(?:door|entrance|front)|so|while|when|near|next|"
    r"behind|beside|for\s+(?:the|rounds)|on\s+(?:rounds|visa|the\s+(?:issue|question|matter))))"
    r"(?=\s*(?:$|[?.,!;:]|(?:on|in|among|with|within|relative|compared|after|now|right|currently|at|overall|and|"
    r"for\s+(?:the\s+)?(?:match|list|ranking|position|program)|"
    r"this|today|up|to)\b))",
    r"\bwhere\s+(?:do|does|did|will|would|might|can|could)\s+(?:you|the\s+\w+|your\s+\w+|xprogx|\w+)\s+"
    r"(?:\w+\s+){0,2}?(?:see|put|place|rank|list|have|slot)\s+me\b",
    r"\bwhere\s+(?:is|was)\s+my\s+(?:name|application|standing|spot|place|position|candidacy)\b",
    r"\bwhere\s+i\s+am\s+at\b|\bwhere\s+i\s+(?:currently\s+|now\s+)?stand\b(?=\s*(?:$|[?.,!;]|with\s+(?:you|your|the\s+"
    r"(?:committee|program|faculty))|on\s+(?:your|the\s+(?:rank\s+)?list)|in\s+(?:your|the\s+(?:process|ranking|pool))|"
    r"among|relative|compared|after|now|right\s+now|at\s+the\s+moment|currently|at\s+this\s+point|overall|and\b))",
    r"\bwhere\s+(?:do\s+|does\s+|did\s+)?(?:things|it|matters)\s+(?:\w+\s+)?stand\s+(?:with|on|for)\s+(?:me|my)\b",
    r"\b(?:(?:a|any|my|some)\s+)?(?:spot|place|position|room)\s+(?:for\s+me\s+)?(?:on|in)\s+(?:your|the)\s+(?:\w+\s+)?"
    r"(?:rank\s+list|list|short\s+list|ranking)\b(?!\s+for\b)",
    r"\bhow\s+(?:high|highly|well|favorably)\s+(?:i|my\s+\w+)\s+(?:am|was|will\s+be|would\s+be|have\s+been|has\s+been|"
    r"is)\s+(?:\w+\s+)?(?:rated|ranked|viewed|regarded|placed|seen|considered|scored)",
    r"\bhow\s+(?:well\s+)?did\s+i\s+do\s*(?:\?|$|on\s+(?:the\s+|my\s+)?interview|in\s+(?:the|my)\s+interview)",
    r"\b(?:am\s+i|i\s+am|is\s+my\s+\w+|my\s+\w+\s+is)\s+(?:still\s+)?(?:in\s+good\s+shape|shaping\s+up|looking\s+good|"
    r"on\s+track)\b(?!\s+(?:for\s+the\s+(?:visit|exam|step)|to\s+(?:arrive|finish|graduate)))",
    r"\b(?:above|below|near|under|over|past|beyond|inside|within)\s+(?:or\s+(?:above|below)\s+)?(?:your|the)\s+"
    r"(?:\w+\s+)?(?:line|cutoff|cut\s+off|threshold|bar)\b(?!\s+(?:for\s+(?:parking|the\s+(?:bus|shuttle))))",
    r"\bmatchable\b",
    r"\b(?:rank\s+list|list)\b[^.?!]*\b(?:did|have|will)\s+i\s+(?:make|made)\s+it\b",
    r"\b(?:spots|places|applicants|candidates|people|anyone|names|programs?)\s+(?:\w+\s+){0,3}?(?:above|ahead\s+of)\s+me\b",
    r"\b(?:things|it|everything)\s+(?:\w+\s+)?(?:looking|look|looks)\s+(?:good|promising|positive|bright|hopeful|likely)\s+"
    r"for\s+me\b",
    r"\bhow\s+(?:promising|strong|competitive|good|likely)\s+(?:is|was)\s+my\s+(?:candidacy|application|chance|file)\b",
    r"\bhow\s+(?:high|far)\s+(?:up|down)\s+(?:on\s+)?(?:your|the)\s+(?:\w+\s+)?(?:list|rank\s+list|ranking)",
    r"\bmy\s+(?:ranking|rank|standing|position|placement)\s+(?:\w+\s+){0,2}?(?:low|high|good|bad|poor|strong|weak)\b",
    r"\b(?:one\s+of\s+the|among\s+the)\s+(?:stronger|strongest|best|better|top|leading|most\s+\w+)\s+(?:ones|candidates|"
    r"applicants|applications|interviewees|people)\b(?=[^.?!]*\b(?:you|your|committee|seen|interviewed|met)\b)",
    r"\bis\s+there\s+(?:still\s+)?(?:any\s+|some\s+)?(?:hope|chance|room|place|spot|future)\s+for\s+me\s+(?:at|with|in|on)\s+"
    r"(?:your|you|xprogx|this)",
    r"\bhow\s+(?:competitive|strong)\s+(?:i|my\s+\w+)\s+(?:was|am|is|were|will\s+be|would\s+be)\b",
    r"\b(?:i|my\s+\w+)\s+(?:\w+\s+)?stand\s+out\s+(?:from|among|against|compared)\s+(?:the\s+)?(?:other|rest)",
    r"\b(?:committee|faculty|panel|interviewers|pd|program\s+director|you)\s+(?:\w+\s+){0,2}?(?:think|thought|feel|felt|"
    r"say|said|make)\s+(?:of|about)\s+(?:me|my\s+(?:interview|application|candidacy))\b(?!\s+\w+ing\b)",
    r"\bi\s+(?:\w+\s+)?ranked\s+(?:well|highly|high)\s+(?:with|by|on|in|among)\s+(?:your|you|the\s+(?:committee|program|"
    r"faculty|panel))",
    r"\b(?:my\s+(?:interview|application|candidacy)|i)\s+(?:was|were|is|has\s+been)\s+(?:\w+\s+)?(?:well\s+)?received\s+"
    r"by\s+(?:the\s+)?(?:committee|faculty|panel|interviewers|you)",
    r"\b(?:was|is|has)\s+my\s+(?:interview|application|candidacy)\s+(?:been\s+)?(?:\w+\s+)?(?:well\s+)?received\b",
    r"\b(?:i|my\s+\w+)\s+(?:\w+\s+)?(?:made|left|make|leave|created)\s+(?:a\s+|an\s+)?(?:good|strong|positive|great|"
    r"lasting|favorable|bad|poor|excellent)\s+(?:enough\s+)?impression\b",
    r"\bmy\s+(?:ranking|rank|standing|position|placement|status)\s+(?:\w+\s+){0,3}?(?:better|worse|higher|lower|"
    r"improv\w*|chang\w*|affect\w*|hurt|help\w*|move|moved|drop\w*)",
    r"\b(?:has|have|did|will|would|could|can)\s+my\s+(?:standing|ranking|position|placement|status|rank)\s+(?:\w+\s+)?"
    r"(?:chang|improv|move|drop|go|rise|risen|fall|fallen)",
    r"\bwhat\s+(?:rank|ranking|position|number|spot|place)\s+(?:did|will|would|do|am|have|has|was)\s+(?:i|you|me|my)\b",
    r"\b(?:i|my\s+\w+)\s+(?:have\s+|has\s+)?(?:been\s+)?(?:short\s+listed|shortlisted)\b",
    r"\bwhere\s+(?:you|the\s+\w+|your\s+\w+|xprogx)\s+(?:\w+\s+){0,3}?(?:see|put|place|rank|list|have|slot)\s+me\b",
    r"\b(?:for\s+me|me)\s+to\s+be\s+(?:ranked|placed|listed)\b",
    r"\bme\s+(?:get|be|being|getting)\s+(?:ranked|listed)\b",
    r"\b(?:rank|ranks|ranking|place|view|see|rate)\s+(?:someone|a\s+candidate|an\s+applicant|an\s+img|people|"
    r"applicants|candidates)\s+(?:like\s+me|with\s+my)\b",
    r"\b(?:i|me)\b(?:\s+\w+){0,6}?\s+(?:to\s+be|be|am|being|is|was|will\s+be|would\s+be)\s+(?:still\s+)?(?:near|at|"
    r"close\s+to|toward|towards|up\s+at)\s+the\s+(?:very\s+)?top\b(?!\s+of\s+(?:my|the|his|her)\s+(?:game|class|"
    r"year|cohort|batch|field))",
    r"\b(?:a|any)\s+(?:place|spot|position|room)\s+for\s+me\s+(?:near|at|on|in)\s+(?:the\s+top|your)\b",
    r"\b(?:i|me)\s+(?:am\s+)?(?:\w+\s+){0,2}?among\s+(?:the\s+|your\s+)?(?:applicants|candidates|people|ones|"
    r"interviewees)\s+(?:that\s+|whom\s+|who\s+)?(?:you|the\s+\w+|your\s+\w+)\s+(?:\w+\s+){0,3}?(?:rank|list|"
    r"consider|keep|want|will\s+rank|plan)",
    # how I compare, stack up, fare, rate; how high am I; how I am looking
    r"\bhow\s+(?:do|does|did|will|would|might|am|is|was)?\s*(?:i|my\s+(?:application|candidacy|interview))\s+"
    r"(?:\w+\s+){0,2}?(?:compare|compared|stack|stacks|stacked|measure|measured|fare|fared|rate|rated|rank|ranked|"
    r"stand|stands|standing|look|looking|doing|did\s+(?:compared|relative|against|among))\b",
    r"\bhow\s+(?:well\s+)?(?:did|do|does)\s+i\s+do\s+(?:compared|relative|against|among|in\s+comparison)",
    r"\bhow\s+(?:things|it|everything|matters)\s+(?:\w+\s+)?(?:look|looks|looking|stand|stands)\s+for\s+me",
    r"\b(?:ranked|placed|listed|rated)\s+(?:ahead\s+of|above|below|behind|over|higher\s+than|lower\s+than)\s+me\b",
    r"\b(?:get|got|getting|gets)\s+me\s+(?:ranked|listed|matched|in\b|a\s+(?:spot|position|place))",
    r"(?<!lucky\s)(?<!fortunate\s)(?<!blessed\s)\benough\s+(?:\w+\s+)?to\s+(?:\w+\s+){0,2}?(?:match|be\s+ranked|get\s+ranked|ranked|make\s+(?:your|the)\s+(?:list|cut)|"
    r"be\s+near\s+the\s+top|put\s+me)",
    r"\b(?:keep|have|bear)\s+me\s+in\s+mind\b[^.?!]*\b(?:rank|ranking|list|match)",
    r"\b(?:consider|view|remember|regard|think\s+of)\s+me\s+(?:\w+\s+)?(?:favorably|highly|well|seriously|"
    r"positively)\b[^.?!]*\b(?:rank|ranking|list|match)",
    r"\b(?:compared|relative|in\s+comparison)\s+(?:to|with)\s+(?:the\s+)?(?:rest\s+of\s+)?(?:your|the\s+other|other)\s+"
    r"(?:\w+\s+)?(?:pool|applicants|candidates|interviewees|people|imgs|graduates)\b",
    r"\bhow\s+(?:high|highly|low|far\s+up|far\s+down|competitive|close)\s+(?:up\s+)?(?:\w+\s+){0,3}?"
    r"(?:am|is|was|will|would)\s+(?:i|my\s+(?:application|name|candidacy))\b",
    r"\bhow\s+(?:high|highly|far\s+up|competitive|close)\s+(?:am|is)\s+(?:i|my)\b",
    r"\bhow\s+(?:\w+\s+){0,4}?(?:rate|see|view|assess|evaluate|rank|regard|score|judge)(?:s|d|ed)?\s+(?:me|my\s+"
    r"(?:candidacy|application|interview|file))\b(?!\s+for\s+the\s+visit)",
    # my standing, position, place, status, placement, spot (with you, on the list)
    r"\bmy\s+(?:current\s+|overall\s+|final\s+)?(?:standing|standings|placement|status|position|spot|place|rank|"
    r"ranking)\s+(?:on|in|within|with|among|at|relative\s+to|compared\s+(?:to|with))\s+(?:the\s+|your\s+|this\s+)?"
    r"(?:\w+\s+)?"
    r"(?:you|your|xprogx|program|committee|rank\s+list|list|short\s+list|ranking|rankings|applicant|applicants|"
    r"candidates|interviewees|pool|selection|process|other|top|eyes)",
    r"\bmy\s+(?:standing|standings|placement|status|ranking)\s+(?:after|since|following)\s+(?:the|my)\s+"
    r"(?:interview|second\s+look|visit)",
    r"\bmy\s+(?:chances|odds|prospects)\s+(?:at|with|of\s+matching|here|there)\s*(?:you|your|xprogx|this|$|\?)",
    r"\b(?:on|about|regarding|re|of|into)\s+my\s+(?:standing|standings|ranking|placement|status)\b",
    r"\bmy\s+(?:standing|standings|ranking|placement)\s*(?:\?|$)",
    r"\b(?:(?:to|me)\s+know|learn|share|tell\s+me|disclose|reveal|hint\s+at|what\s+is|what\s+are|clue\s+me\s+in\s+on|"
    r"update\s+on|news\s+on|word\s+on)\s+(?:\w+\s+){0,2}?my\s+(?:rank|ranking|position|standing|standings|"
    r"placement)\b",
    # am I / is my name in your top tier, on your list, near the top, among your top candidates, still in the running
    rf"\b(?:am|is|was|are|will|would|have|has|had|did|do|could|might)\s+(?:i|my\s+{ME_NOUN})\s+"
    r"(?:\w+\s+){0,3}?(?:in|on|among|near|close\s+to|at|one\s+of|up|high|a|still|considered|made|make|"
    r"being|seen|viewed|top|for)\s+(?:\w+\s+){0,4}?(?:top|list|short\s+list|tier|top\s+group|candidates|picks|choices|"
    r"running|contention|consideration|cut|first\s+names|leading|best|favorite|contender|pecking\s+order|"
    rf"position\s+to\s+match|mix|frame|hunt|race|positions|spots)\b(?<!visitor\slist)(?<!mailing\slist)"
    rf"(?<!guest\slist)(?<!waiting\slist){NOT_LIST_OF}",
    rf"\b(?:i|i\s+am|my\s+(?:name|application))\s+(?:\w+\s+){{0,4}}?(?:on|onto|near\s+the\s+top\s+of|high\s+on|"
    rf"made|make|making|in)\s+{YOUR_LIST}{NOT_LIST_OF}",
    rf"\b(?:make|made|making)\s+(?:it\s+)?(?:on|onto|to)?\s*(?:your|the)\s+(?:rank\s+list|list|cut|short\s+list)"
    rf"{NOT_LIST_OF}",
    r"\b(?:did|do|will|would|could)\s+i\s+(?:rank|place|finish|come)\s+(?:well|high|highly|among|near|compared|"
    r"relative|above|first)",
    r"\b(?:am|is|was)\s+(?:i|my\s+(?:name|application))\s+(?:\w+\s+){0,2}?(?:a\s+)?(?:top|strong|leading|likely|"
    r"safe|realistic)\s+(?:candidate|contender|bet|match|applicant)",
    r"\b(?:i\s+am|am\s+i)\s+(?:\w+\s+)?someone\s+(?:that\s+|whom\s+)?(?:you|your\s+\w+|the\s+\w+|xprogx)\s+(?:\w+\s+){0,2}?"
    r"(?:rank|consider|want|choose|select|pick|interview)",
    r"\bconsider\w*\s+(?:me|someone\s+like\s+me)\s+for\s+(?:a|one\s+of\s+your|the|your)\s+(?:\w+\s+)?(?:position|"
    r"positions|spot|spots|place|places|ranking)\b",
    r"\bi\s+(?:would|will|am|might|could)\s+(?:\w+\s+)?(?:be\s+)?(?:a|an)\s+(?:\w+\s+)?(?:competitive|strong|likely|"
    r"good|realistic|viable|serious|matchable)\s+(?:applicant|candidate|contender|match|fit)\s+for\s+(?:your|you|"
    r"xprogx)",
    r"\b(?:consider|see|view|regard)\s+me\s+(?:as\s+)?(?:a|an|one\s+of|among)\s+(?:your\s+)?(?:top|strong|leading|"
    r"favorite|best|competitive|serious|viable|good|realistic|likely|matchable|frontrunner|contender)",
    r"\b(?:i|me|my)\b[^.?!]*\b(?:a|one\s+of\s+your|your)\s+top\s+(?:spot|spots|position|positions|place|places|tier|"
    r"choices|picks|candidates|applicants)\b",
    r"\b(?:how|where)\s+(?:am\s+i|i\s+am|is\s+my\s+(?:application|standing))\s+(?:\w+\s+){0,2}?(?:looking|doing|"
    r"placed|situated)\b",
    r"\b(?:moved|move|moving)\s+(?:me\s+)?up\s+(?:on\s+|in\s+)?(?:your|the)\s+(?:\w+\s+)?(?:list|rank|ranking)\b|\bi\s+(?:have\s+)?moved\s+up\b",
    r"\bmy\s+spot\s+(?:on\s+your\s+list|with\s+(?:you|your\s+program)|is\s+secure|secure)|\bis\s+my\s+"
    r"(?:spot|position|place)\s+(?:\w+\s+)?(?:secure|safe|good)",
    r"\bhow\s+(?:competitive|strong)\s+(?:am\s+i|my\s+(?:application|candidacy)\s+is|is\s+my)\b",
    r"\bhow\s+competitive\s+my\s+application\s+is\b",
)

# The program as the one who ranks, in a clause that is about the applicant: "Am I someone you would rank?"
_PROGRAM_RANKS = re.compile(
    r"\b(?:you|your\s+(?:\w+\s+)?(?:program|committee|team|faculty|residency)|the\s+(?:committee|program|faculty|"
    r"selection\s+committee)|xprogx|they)\s+(?:\w+\s+){0,3}?(?:rank|ranks|ranking|ranked)\b"
    r"(?!\s+(?:their|its|the)\s+(?:rotations|electives|projects|abstracts|sites|preferences))")
_ABOUT_ME = re.compile(r"\b(?:(?:am|will|would|could|might)\s+i|i\s+(?:am|will|would)|me|someone\s+like\s+me|"
                       r"applicants\s+like\s+me|my\s+(?:name|application|candidacy|profile|file))\b")

# Whether the program will have the applicant at all, asked: "Will you take me?", "Is your program out of my league?"
_ASKS_TAKEN = _compile(
    r"\b(?:am\s+i|i\s+am)\s+(?:\w+\s+)?(?:being\s+)?(?:unrealistic|realistic|naive|kidding\s+myself|dreaming)\s+"
    r"(?:about|to\s+hope|in\s+hoping)\s+(?:\w+\s+)?(?:your|you\b|xprogx|matching|match)",
    r"\b(?:out\s+of|within|beyond)\s+my\s+(?:league|reach)\b|\b(?:within|out\s+of)\s+reach\s+for\s+me\b",
    r"\b(?:you|your\s+\w+|the\s+(?:program|committee)|xprogx)\s+(?:\w+\s+){0,2}?(?:take|want|accept|choose|select|pick)\s+"
    r"(?:me|someone\s+like\s+me|an?\s+(?:applicant|candidate|img)\s+like\s+me)\b(?!\s+(?:to|for|through|around|on|at|back|"
    r"along|in\s+(?:the|a)\s+(?:car|tour)))",
    r"\ba\s+future\s+for\s+me\s+(?:at|in|with)\s+(?:your|you\b|xprogx)",
)

# The same, said as a statement inside a question or request: "Would you say I'm in your top tier?"
_ASKS_STANDING_STATED = re.compile(
    r"\b(?:i\s+am|i\s+will\s+be|i\s+would\s+be|i\s+was|i\s+(?:might|could|may)\s+be|my\s+(?:name|application)\s+"
    r"(?:is|was|will\s+be))\s+(?:still\s+|now\s+|already\s+)?(?:in|among|near|close\s+to|at|one\s+of|high\s+on|"
    r"on|a|an)\s+(?:\w+\s+){0,3}?(?:top|list|short\s+list|tier|candidates|picks|choices|running|contention|"
    r"consideration|cut|leading|strongest|favorite|contender|first\s+names)\b" + NOT_LIST_OF)

# The applicant's odds of matching there: "what are my chances", "will I match at your program?"
_ASKS_ODDS = _compile(
    rf"\b{ODDS}\b(?:[^.?!]*?)\b(?:of|for|at|to|that|i|me|my|about|in|is|are|with|on)\b[^.?!]*?\b{MATCH_THERE}",
    r"\bmy\s+(?:chances|chance|odds|prospects|likelihood|probability)\b(?!\s+(?:of|for|to|at|in)\s+(?!(?:a\s+)?(?:match|"
    r"matching|matched|success|being\s+(?:ranked|matched|selected|accepted|offered|chosen)|getting\s+(?:in|ranked|"
    r"matched|a\s+(?:spot|position|place))|a\s+(?:spot|position|place)|landing|joining|securing|training|ending|"
    r"you|your|xprogx|this|here|there)))",
    r"\b(?:chances|odds|likelihood|probability|prospects)\s+(?:are|is|look|looking)\b",
    r"\b(?:i|me)\s+(?:\w+\s+){0,3}?(?:match|matching|be\s+matched)\s+(?:with\s+(?:you|your|this|xprogx)|"
    r"at\s+(?:your|this|xprogx|the\s+program)|(?:there|here)\b|into\s+your|in\s+your|to\s+your)",
    r"\b(?:will|would|am|can|could|do|does|should|might)\s+i\s+(?:\w+\s+){0,2}?(?:match\s*(?:\?|$)|be\s+"
    r"matched|end\s+up\s+(?:at|in|with)\s+(?:you|your|xprogx|this)|get\s+in\b|be\s+welcomed|be\s+seeing\s+"
    r"you\s+(?:\w+\s+)?(?:on|in)|see\s+you\s+(?:on\s+match|in\s+(?:july|june))|(?:be\s+)?(?:joining|starting|start|join)\s+"
    r"(?:with\s+)?(?:you\b(?!\s+(?:for|at|on|during|in\s+(?!july|june)))|your\s+(?:\w+\s+)?(?:class|team|program|"
    r"residency)|xprogx)|be\s+part\s+of\s+your)",
    r"\b(?:offer|offering|offered|give|giving)\s+me\s+(?:a|an|the|one\s+of\s+your)\s+(?:\w+\s+)?(?:position|"
    r"positions|spot|spots|place|contract)\b(?!\s+(?:to|for|at|on)\s+(?:the\s+)?(?:visit|tour|session|second|dinner))",
    r"\b(?:keep|get)\s+my\s+hopes\s+up\b",
    r"\bgive\s+up\s+on\s+(?:your|you\b|xprogx|matching)",

    r"\bmatch\w*\s+(?:with|at|there|here)\b[^?]*\b(?:will|would|can|do|could|shall)\s+i\s*\?",
    r"\b(?:reason|cause)\s+(?:for\s+me\s+)?to\s+be\s+(?:hopeful|optimistic|confident|worried|concerned)\b",
    r"\bshould\s+i\s+(?:be\s+)?(?:prepar\w*|plan\w*|start\w*)\s+(?:\w+\s+){0,3}?(?:move|moving|relocat\w*|housing|"
    r"apartment)\s+(?:\w+\s+){0,2}?(?:your|you|xprogx)\b",
    r"\b(?:we|you)\s+(?:will|would|are\s+going\s+to|might|can|could)\s+(?:\w+\s+)?(?:match|be\s+matching)\b"
    r"(?!\s+(?:the|a|an|my|our|these|those|it|up)\b)",
    r"\b(?:will|would|are|do|can|could|might)\s+we\s+(?:\w+\s+){0,2}?(?:match|matching)\b"
    r"(?!\s+(?:the|a|an|my|our|these|those|it|up)\b)",
    r"\b(?:are|will|would)\s+you\s+(?:\w+\s+){0,3}?(?:match|matching)\s+with\s+me\b",
    r"\b(?:do|does|would|will|did)\s+i\s+(?:still\s+|really\s+|even\s+)?(?:have|stand)\s+(?:a|any)\s+(?:\w+\s+)?"
    r"(?:chance|shot|hope|prayer)\s*(?:\?|$)",
    r"\bi\s+(?:will|would|am\s+going\s+to|might)\s+(?:\w+\s+)?(?:end\s+up|match|be\s+matched|land)\s+(?:at|with|in|"
    r"there|here)\b",
    r"\bas\s+(?:a\s+new|one\s+of\s+your|your\s+new|an\s+incoming|a\s+first\s+year)\s+(?:\w+\s+)?(?:intern|interns|"
    r"resident|residents)\b",
    r"\b(?:chances?|odds|shot|bet|reach|safety|prospects?|long\s+shot|contender|frontrunner|stretch)\b[^.?!]*\bfor\s+"
    r"(?:you\b|your\s+(?:program|residency|team)|xprogx|this\s+program)",
    r"\b(?:i|me)\s+(?:\w+\s+){0,4}?(?:be|become|being)\s+(?:one\s+of\s+your|part\s+of\s+(?:your|the)|among\s+your|"
    r"in\s+your|with\s+you)\s+(?:\w+\s+)?(?:interns|residents|class|team|cohort|family|program|intern)\b",
    r"\b(?:your|the)\s+(?:matching|match)\s+(?:line|cutoff|threshold)\b",
    r"\b(?:your\s+program|you|xprogx|this\s+program)\s+(?:\w+\s+){0,2}?(?:a\s+)?(?:reach|safety|long\s+shot|stretch|"
    r"safe\s+bet|realistic\s+(?:option|target|goal|choice))\b",
    rf"{MATCH_THERE}[^.?!]*\b(?:within\s+reach|out\s+of\s+reach|realistic|likely|possible|a\s+long\s+shot|chance|"
    r"hope|shot)\b",
    r"\b(?:i|me)\s+(?:\w+\s+){0,3}?(?:get|getting|land|landing|secure|securing)\s+(?:in\b|a\s+(?:spot|"
    r"position|place)|one\s+of\s+your)",
    r"\b(?:good|great|happy|positive)\s+news\s+(?:\w+\s+){0,4}?(?:match\s+day|in\s+march|on\s+the\s+day)",
    r"\bmatch\s+day\s+(?:for\s+me|hints?)|\b(?:hints?|signs?)\s+(?:\w+\s+){0,2}?match\s+day\b|"
    r"\blooking\s+good\s+for\s+match\s+day|look\s+good\s+for\s+me\s+on\s+match\s+day",
    r"\b(?:count\s+on|safe\s+bet|safe\s+to\s+assume)\b[^.?!]*\b(?:you|your|position|spot|match|matching)\b",
    r"\bis\s+there\s+(?:a|any)\s+(?:real\s+|realistic\s+|good\s+)?(?:chance|possibility|way)\s+(?:\w+\s+){0,3}?"
    r"(?:match|matching|(?:join|joining)\s+(?:you|your|xprogx)|a\s+spot)",
    r"\b(?:do|does|would)\s+(?:an?\s+)?(?:applicant|candidate|someone|people)\s+like\s+me\s+(?:\w+\s+){0,2}?"
    r"(?:have|stand)\s+a\s+(?:\w+\s+)?(?:chance|shot)",
    r"\bwhat\s+it\s+takes\s+to\s+match\b",
    r"\b(?:do|does|would|will|did)\s+i\s+(?:still\s+|really\s+|even\s+)?(?:have|stand)\s+(?:a|any)\s+(?:\w+\s+)?"
    r"(?:chance|shot|hope|prayer)\s+(?:with|at|of|for|to|in)\s+(?:you|your|xprogx|here|there|matching|match|one\s+of|"
    r"getting|joining|landing)",
    r"\b(?:i|me)\s+(?:\w+\s+){0,3}?match\s+(?:well|there|here)?\s*(?:at|with|into)\s+(?:your|xprogx|you|this)\b",
    r"\b(?:plan|planning)\s+(?:on|my|to)\s+(?:\w+\s+){0,2}?(?:start|starting|join|joining|move)\s+(?:\w+\s+){0,3}?"
    r"(?:your|xprogx|you)\b",
    r"\b(?:start|starting|join|joining|be\s+with)\s+(?:with\s+)?(?:you|your\s+\w+|xprogx)\s+in\s+(?:july|june)\b",
    r"\bwelcomed\s+into\s+your\b",
)

# The applicant places the program: "I will rank you first", "you are first on my list"
_PROMISES_RANK = _compile(
    # (I) rank / put / have <the program> first, at the top, highly, above the others
    rf"\b(?:{RANK}|{PUT})\s+{PROG_REF}\s+(?:\w+\s+){{0,3}}?{POS}",
    rf"\b(?:{RANK})\s+{PROG_REF}\s+(?:as\s+)?(?:my\s+)?(?:first|top|highest)\b",
    rf"\b(?:{RANK}|{PUT})\s+{PROG_REF}\s+(?:\w+\s+){{0,2}}?(?:as\s+)?my\s+(?:first|top|favorite)\b",
    # <the program> is / will be / sits / goes (ranked) first, top, number one, at the top of my list
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:is|are|was|were|be|been|being|remains?|remained|stays?|sits?|goes|go|"
    r"going|went|comes?|ranks?|ranked|lands?|ends?\s+up|appears?|moved|climbed|got|get|gets|has|have|earns?|"
    rf"earned|deserves?)\s+{ADV}*(?:ranked\s+|listed\s+|placed\s+|put\s+|slotted\s+|up\s+|moved\s+up\s+)?"
    r"(?:(?:at|to)\s+the\s+(?:very\s+)?(?:head|front|summit|peak|pinnacle|apex)\s+of\s+my|(?:at|to|on|in)\s+(?:the\s+)?(?:very\s+)?top(?!\s+(?:of\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:class|line|game|mind|agenda|"
    r"hill|page)|notch|quality|tier\s+(?:program|hospital)|institutions|programs|places|ones))|on\s+top"
    r"(?!\s+of\s+(?:that|this|it|everything|things))|top\s+of\s+my(?!\s+(?:mind|head|game|class|lungs|voice|"
    r"priorities|agenda|concerns|to\s+do))|first\s+(?:on|in|of)\s+(?:my|our)\s+(?:\w+\s+)?(?:list|rank\s+list|"
    r"ranking|rankings|choices)|first\s+for\s+me|(?:very\s+)?high(?:ly|er)?\s+(?:on|in)\s+(?:my|our)\s+(?:\w+\s+)?"
    r"(?:list|rank\s+list|ranking)|"
    r"first\s*(?:[,.;:?]|$)|first\s+(?:no\s+matter|regardless|whatever|even)|number\s+first|"
    r"(?:in|among)\s+my\s+top\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b|"
    r"my\s+top\s+(?:\w+\s+)?(?:spot|slot|place|position)|highest\s+on\s+my|"
    r"higher\s+than|above\s+(?:every|all|any|the\s+others|other)|ahead\s+of\s+(?:every|all|any|the\s+others|"
    r"other)|the\s+(?:first|top|highest|only)\s+(?:program\s+|one\s+|name\s+)?(?:on\s+my|i\s+(?:will|would|am|"
    r"have|plan|intend)|in\s+my)|(?:ranked\s+)?first\s+(?:when|once)\s+i\b|ranked\s+first\s+(?:on|in)\s+|"
    r"my\s+first\s+place|the\s+number\s+"
    r"first\s+(?:program\s+)?(?:on|for)\s+me|first\s+place\s+on\s+my)",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,6}}?(?:tops?|topped|heads?|headed|leads?|led)\s+my\s+(?:{LIST}|list)\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:ranks?|ranked|is|are|comes?|came|stands?)\s+(?:\w+\s+)?(?:first|highest|"
    r"top)\s+among\s+(?:all\s+)?(?:the\s+|my\s+)?(?:places|programs|hospitals|ones|interviews|options)\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:moved|move|moves|climbed|risen|rose|gone|went)\s+(?:up\s+)?(?:in)?to\s+"
    r"(?:the\s+)?(?:first|top|number\s+first)\s*(?:place|spot|position)?\b",
    rf"\b(?:{PROG_REF}|yours)\b[^.?!]*\bfirst\s+place\s+for\s+me\b",
    rf"\bmy\s+(?:first|top|number\s+first)\s+(?:choice\s+|pick\s+)?(?:is|will\s+be|remains|goes\s+to|=)\s+"
    rf"(?:{PROG_REF}|yours)",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:outranks?|outranked|beats?|tops|surpasses?)\s+(?:every|all|any|the)\s+"
    r"(?:\w+\s+){0,2}?(?:programs?|places?|others?|hospitals?|ones?)",
    rf"\b(?:if\s+i\s+(?:could|had\s+to|were\s+to|can|was\s+to)\s+(?:only\s+)?(?:rank|choose|pick|list|go\s+to)\s+"
    rf"(?:only\s+)?(?:one|a\s+single)\b[^.?!]*\b(?:yours|you|{PROG}|your\s+\w+))",
    rf"\b(?:every|all|each|any)\s+(?:\w+\s+)?(?:other\s+)?(?:programs?|places?|hospitals?|ones?)\s+(?:\w+\s+){{0,6}}?"
    rf"(?:below|behind|after|under|lower\s+than|beneath)\s+(?:{PROG_REF}|yours)",
    rf"\bmy\s+(?:very\s+)?(?:first|top|highest|number\s+first)\s+(?:\w+\s+)?(?:position|spot|slot|place|ranking)\b"
    rf"[^.?!]*\b(?:{PROG_REF}|yours)\b|\b(?:{PROG_REF}|yours)\b[^.?!]*\bmy\s+(?:very\s+)?(?:first|top|highest|"
    r"number\s+first)\s+(?:\w+\s+)?(?:position|spot|slot|place|ranking)\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:is|are|will\s+be|would\s+be|remains?|stays?)\s+(?:\w+\s+)?top\s+of\s+"
    rf"(?:my\s+)?(?:{LIST}|list)",
    rf"\b(?:you|your\s+{PROG_NOUN}|{PROG})\s+(?:are|is|will\s+be|would\s+be|were|was|remains?)\s+{ADV}*top"
    r"(?:\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+))?\s*(?:[,.;:?]|$|for\s+me|of\s+my|on\s+my)",
    r"\bone\s+of\s+my\s+top\s+(?:two|three|four|five|\d)\b",
    rf"\b(?:pleased|happy|disappointed|surprised)\s+(?:with|by)\s+(?:how\s+i\s+rank|my\s+{LIST})",
    r"\bwhere\s+you\s+(?:will|would|are\s+going\s+to)\s+(?:be|land|end\s+up|fall|sit)\s+on\s+my\s+(?:rank\s+)?list",
    # a position on my list given to the program: "the top spot on my list is yours", "first on my list: Lakeshore"
    rf"\b(?:the\s+)?(?:very\s+)?(?:first|top|highest|number\s+first)\s+(?:\w+\s+)?(?:on|of|in)\s+{MY_LIST}"
    rf"{NOT_LIST_OF}(?:\s+(?:\w+\s+){{0,4}}?(?:is|will|goes|going|belongs|has|reserved|sits|to)\b|"
    rf"[^.?!]*\b(?:{PROG_REF}|yours|xprogx)\b|\s*[:,-]\s*\S)",
    rf"\b(?:first|top|number\s+first)\s+(?:spot|slot|place|position|name|ranking)\s+(?:\w+\s+){{0,5}}?"
    rf"(?:is|goes|going|belongs|will\s+be|has\s+been|reserved|saved|saving)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:to\s+|for\s+)?(?:{PROG_REF}|yours|xprogx)",
    rf"\b(?:saving|save|saved|reserve|reserved|reserving|giving|give|given|gave|earned|earns|earn|holding|hold|held|"
    rf"keeping|keep)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:the\s+|my\s+)?(?:very\s+)?(?:first|top|highest|number\s+first)(?:\s+place|\s+\w+)?\s+(?:\w+\s+)?"
    rf"(?:on\s+my\s+(?:{LIST}|list)\s+)?(?:for|to)\s+(?:{PROG_REF}|yours)",
    rf"\bmy\s+(?:first|top|highest|first\s+place)\s+(?:\w+\s+)?(?:ranking|spot|slot|place|position|vote)\s+"
    rf"(?:\w+\s+){{0,2}}?(?:is|goes|going|belongs|will\s+be)\s+(?:to\s+)?(?:{PROG_REF}|yours|xprogx)",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?(?:has|have|got|gets|will\s+get|earned|earns|deserves|take|takes|"
    r"taking|win|wins|won|claim|claims|claimed|holds?|held|occup\w+)\s+"
    r"(?:earned\s+)?(?:my\s+|the\s+)?(?:very\s+)?(?:first|top|highest|number\s+first)(?:\s+place|\s+spot|\s+slot|"
    r"\s+ranking|\s+vote|\s+position)",
    rf"\b(?:you|your\s+{PROG_NOUN}|yours|{PROG})\s+(?:have|has|got|get|gets|will\s+get)\s+my\s+(?:first|top)\b",
    rf"\bmy\s+(?:{LIST}|list)\s+(?:\w+\s+){{0,2}}?(?:starts?|begins?|opens?|is\s+headed|leads?\s+off)\s+with\b",
    rf"\bmy\s+(?:{LIST}|list)\s+(?:\w+\s+){{0,3}}?(?:has|have|had|with|puts|shows)\s+(?:{PROG_REF})\s+"
    rf"(?:\w+\s+)?(?:at|in|as)\s+(?:the\s+)?(?:top|first|number)",
    rf"\bmy\s+(?:{LIST}|list)\s+is\s+(?:set|final|done|certified|submitted)\b[^.?!]*\b(?:{PROG_REF})\s+"
    rf"(?:\w+\s+)?(?:first|at\s+the\s+top|on\s+top)",
    rf"\bmy\s+(?:{LIST}|list)\s*(?:is\s+)?(?:final|set)?\s*[:,-]\s*(?:{PROG_REF}|{PROG})\s+first",
    rf"\b(?:on|in)\s+{MY_LIST}{NOT_LIST_OF},?\s+(?:{PROG_REF})\s+(?:are|is|will\s+be|come|comes)\s+"
    rf"(?:first|on\s+top|at\s+the\s+top)",
    rf"\b(?:at\s+the\s+top\s+of|first\s+on|top\s+of)\s+{MY_LIST}\s+(?:sits?|is|will\s+be|stands?)\s+"
    rf"(?:{PROG_REF})",
    # no program above yours; nothing will outrank you; I won't rank anyone above you
    rf"\b(?:no|not\s+any|none|nothing|nowhere|nobody|no\s+one|not\s+(?:\w+\s+){{0,2}}?(?:any|anyone|anything|"
    r"anywhere))\s+(?:\w+\s+){0,6}?(?:above|ahead\s+of|higher\s+than|over|before|outrank|outranks|comes?\s+close|"
    rf"comes?\s+before|compares?|better\s+than)\s+(?:\w+\s+)?(?:{PROG_REF}|yours|it)\b",
    rf"\b(?:no|none|nothing|nowhere|nobody|no\s+one)\s+(?:\w+\s+){{0,6}}?(?:will|would|is|going\s+to)\s+"
    rf"(?:\w+\s+){{0,2}}?(?:outrank|top|beat|surpass)\s+(?:{PROG_REF}|yours)",
    r"\bthere\s+is\s+no\s+(?:other\s+)?(?:program|place|hospital|one)\s+(?:that\s+)?i\s+(?:would|will|could)\s+"
    r"(?:\w+\s+)?(?:rank|put|place|list)\s+(?:\w+\s+)?(?:higher|above|ahead|first|over)",
    rf"\b(?:can\s+not|could\s+not)\s+imagine\s+(?:ranking|putting|placing|listing)\s+(?:any|another|anyone|"
    rf"anything)\s+(?:\w+\s+){{0,2}}?(?:above|ahead\s+of|over|higher\s+than|before)\s+(?:{PROG_REF}|yours)",
    rf"\b(?:can\s+not|could\s+not)\s+(?:imagine|see)\s+(?:any|another|anyone|anything)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:outranking|beating|topping|above|ahead\s+of|over|ranked\s+above)\s+(?:{PROG_REF}|yours)",
    rf"^(?:first|top|number\s+first|at\s+the\s+top|at\s+number\s+first|the\s+top\s+spot)\s*[:=-]\s*(?:{PROG_REF}|yours)\b",
    r"\bmy\s+vote\s+for\s+(?:first|top|number\s+first|the\s+top)\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,2}}?(?:going|go|goes|be|is|are)\s+(?:at|to|in)\s+(?:first|number\s+first)\s*(?:$|[,.;:?])",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:at|to)\s+the\s+(?:very\s+)?front\s+of\s+(?:it|my|the\s+line)",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:leading|leads|lead|heading|heads|topping|tops)\s+my\s+(?:\w+\s+)?(?:list|"
    r"rank\s+list|ranking)",
    rf"\b(?:my|the)\s+(?:\w+\s+)?(?:rank\s+list|list)\b[^.?!]*\b(?:{PROG_REF}|yours)\b[^.?!]*\b(?:at|to)\s+the\s+"
    r"(?:very\s+)?front\b",
    rf"\b(?:rank|list|put|place)\s+(?:it|you|them|your\s+\w+|{PROG})\s+(?:that\s+way|accordingly|as\s+such)\b",
    r"\bnot\s+(?:\w+\s+){0,3}?(?:rank|ranking|put|putting|list|listing|place|placing)\s+(?:any|anyone|anybody|anything|"
    r"another)\s+(?:\w+\s+){0,2}?(?:first|number\s+first|at\s+the\s+top|above|higher|ahead|over)",
    rf"\b(?:no\s+one|nobody|nothing|no\s+other\s+\w+|none)\s+(?:else\s+)?(?:\w+\s+){{0,3}}?(?:make\s+it|reach|get|be|go)\s+"
    rf"(?:to\s+|into\s+)?(?:the\s+)?(?:top|first)\s+(?:of|on|spot|place)\s+(?:{MY_LIST}|my\s+\w+)",
    rf"\b(?:choose|chose|prefer|pick|picked|want|take|select|favor)\s+(?:{PROG_REF}|yours)\s+(?:\w+\s+)?(?:over|to|above|"
    r"before|ahead\s+of)\s+(?:any|every|all)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:other|others|programs?|places?)\b",
    rf"\b(?:no|not\s+a\s+single|not\s+one)\s+(?:other\s+)?(?:program|place|hospital|residency)\b[^.?!]*\brather\b[^.?!]*"
    rf"\bthan\s+(?:{PROG_REF}|yours|at\s+(?:{PROG_REF}|yours))",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?my\s+(?:clear\s+|current\s+)?(?:frontrunner|front\s+runner)\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?the\s+(?:program|one|place)\s+to\s+beat\b",
    # the only program I will rank
    rf"\b(?:only|just)\s+(?:rank|ranking|list|listing)\s+(?:{PROG_REF})\b",
    rf"\b(?:rank|list|ranking)\s+only\s+(?:{PROG_REF})\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:is|are|will\s+be)\s+the\s+only\s+(?:program|place|one)\s+(?:that\s+)?i\s+"
    r"(?:\w+\s+){0,3}?(?:rank|list)",
    # the program I will rank first / highest
    rf"\b(?:{PROG_REF}|yours)\s+(?:is|are|will\s+be)\s+the\s+(?:program|one|place)\s+(?:that\s+)?i\s+"
    rf"(?:\w+\s+){{0,3}}?(?:rank|list|put|place)\s+(?:\w+\s+)?{POS}",
    # ranking the program first was easy; putting you first felt right (no subject)
    rf"^(?:\w+\s+){{0,3}}?(?:ranking|putting|placing|having|listing)\s+{PROG_REF}\s+(?:\w+\s+){{0,3}}?{POS}",
    # in the applicant's mind, the program is number one
    r"\b(?:in\s+my\s+(?:mind|eyes|heart|book)|for\s+me)\s*,?\s+(?:you|your\s+\w+|xprogx)\s+(?:are|is|will\s+be)\s+"
    r"(?:\w+\s+)?(?:first|top|on\s+top|the\s+best)",
    rf"\b(?:you|your\s+{PROG_NOUN}|{PROG})\s+(?:are|is|will\s+be)\s+(?:now\s+)?first\s+for\s+me\b",
    # if I rank you first ... (a bargain)
    rf"\b(?:if|should|when)\s+i\s+(?:\w+\s+){{0,2}}?(?:rank|ranked|put|list|listed)\s+(?:{PROG_REF}|a\s+program)\s+"
    rf"(?:\w+\s+)?(?:first|at\s+the\s+top|highly|number\s+first)",
    r"\b(?:rank|ranking)\s+each\s+other\s+(?:first|highly|high|at\s+the\s+top)",
    r"\b(?:i\s+will|i\s+would|i\s+am\s+going\s+to)\s+(?:\w+\s+)?(?:do\s+the\s+same|return\s+the\s+favor)\b",
    r"\bi\s+am\s+(?:\w+\s+)?going\s+with\s+(?:you|xprogx|your\s+\w+)\s+as\s+my\s+(?:first|top)",
    rf"\b(?:you|yours|{PROG})\s+will\s+see\s+your\s+(?:\w+\s+){{0,2}}?name\s+(?:first|at\s+the\s+top)",
    rf"\b(?:{RANK}|{PUT})\s+(?:a\s+program|one\s+program)\s+(?:\w+\s+)?first\b[^.?!]*\b(?:yours|{PROG}|you)\b",
)

# Words without which no promise of a place, and no question of odds, can be read: a quick first look
_PLACES = re.compile(r"\b(?:first|top|tops|topped|high|highly|higher|highest|above|ahead|over|before|only|just|"
                     r"second|third|number|favor|same|each|way|accordingly|such|heads?|leading|front|rather|prefer\w*|summit|"
                     r"peak|pinnacle|apex|frontrunner|beat|"
                     r"choose|chose|pick|others?|"
                     r"outranking|heading|topping|vote|headed|leads?|led|starts?|begins?|opens?|outranks?|beat|surpass|"
                     r"better|compares?|close|choice|pick|spot|slot|place|position|ranking|vote|name|disappointed|below|behind|"
                     r"after|under|lower|beneath|"
                     r"pleased|happy|surprised|where)\b")
_ODDS_WORDS = re.compile(r"\b(?:chances?|odds|likel\w*|unlikely|probab\w*|prospects?|shot|realistic\w*|possib\w*|"
                         r"hopeful|optimistic|confident|expect\w*|foresee|predict|count|safe|reasonable|worth|bet|"
                         r"worry|worried|concerned|anticipate|hopes|reassur\w*|offer\w*|reach|safety|stretch|"
                         r"frontrunner|contender|"
                         r"match\w*|join\w*|start\w*|get|getting|land\w*|secur\w*|news|welcomed|plan\w*|seeing|see|"
                         r"end|ending|be|being|train\w*|earn\w*)\b")

# The three together, in any order, make a promise the patterns above have not read: the program, the applicant's own
# list, and the top of it ("I'm going all in on your program: first on my list")
_PROGRAM_NAMED = re.compile(rf"\b(?:you|yours|your\s+(?:\w+\s+)?{PROG_NOUN}|{PROG})\b")
_MY_LIST_NAMED = re.compile(r"\bmy\s+(?:\w+\s+)?(?:rank\s+list|list|ranking)\b(?!\s+of\b)"
                            r"|\bwhen\s+i\s+(?:certify|submit)\b")
_TOP_PLACE = re.compile(r"\b(?:first(?!\s+(?:time|year|day|week|month|visit|interview|impression|author|language|"
                        r"thing|half|rotation|step|draft|to|of\s+all|and\s+foremost|hand|rate|class|floor))|top(?!\s+(?:notch|priority|priorities|concern|question|reason|"
                        r"three\s+reasons|floor))|number\s+first|highest|front|head|lead|leading|outrank\w*)\b")

# A list of other things: "first on my list of things to see"
_LIST_OF = re.compile(r"\blist\s+of\s+(?!applicants|candidates|programs|interviewees)\w+[^,.;:?!]*")
# Interest in a group names no place: "one of my top choices", "a top choice for me"
_GROUP = re.compile(r"\b(?:one\s+of|among|some\s+of|several\s+of|any\s+of|all\s+of)\s+(?:my|the)\s+(?:very\s+)?"
                    r"(?:top|first)\s+\w+|\ba\s+(?:very\s+)?top\s+(?:choice|pick|program|option)\b"
                    r"|\b(?:top|first)\s+(?:choices|picks|programs)\b")
_TOP_STRONG = re.compile(r"(?<!again\s)(?<!even\s)\b(?:first|top|number\s+first|highest)\b"
                         r"(?=\s*(?:$|[,.;:!]|for\s+me|in\s+my|on\s+my|of\s+my|choice|pick|spot|slot|place|position|"
                         r"rank|ranking|preference|no\s+matter|without|by\s+far|and\s+(?:always|forever|only)))")

# A singular first choice: "you are my top choice", "my #1", "my first pick"
_FIRST_CHOICE = re.compile(
    r"(?<!one\sof\s)(?<!among\s)(?<!some\sof\s)(?<!of\s)(?<!several\s)"
    r"\bmy\s+(?:very\s+|clear\s+|absolute\s+|definite\s+|true\s+|undisputed\s+|unquestioned\s+|one\s+and\s+only\s+|"
    r"sole\s+|single\s+|obvious\s+|outright\s+|real\s+|first\s+and\s+)?"
    r"(?:first|top|number\s+first|first\s+place|highest|(?:most\s+)?preferred(?=\s+(?:program|residency|choice|option|"
    r"place|hospital|destination|training)))\s*(?:ranked\s+)?"
    r"(?:$|[,;:?.]|(?:choice|pick|program|option|preference|residency|place|spot|one|selection|destination|"
    r"hospital|slot|ranking|rank|candidate|vote|target|contender)\b(?!\s+(?:of|for)\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:date|day|"
    r"time|dates|days|visit|elective|electives|rotation|rotations|clinic|site|sites|vacation|track|block|specialty|"
    r"city|session|tour)\b)"
    r"|(?:for\s+sure|no\s+doubt|right\s+now|by\s+far|without\s+question|(?:on|in)\s+(?:the|my)\s+(?:rank\s+)?list|"
    r"since|all\s+along|from\s+the\s+start|throughout|this\s+season|and\s+always|when|once|on\s+match\s+day)\b"
    r"|(?:and|,)\s+)")
# A commitment: "I will accept a position", "I promise to rank you first", "you have my word"
_COMMITS = _compile(
    r"\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:will|would|shall|am\s+going\s+to|can|am\s+ready\s+to|am\s+prepared\s+to)\s+"
    r"(?:\w+\s+){0,2}?(?:accept|sign|take)\s+(?:(?:a|an|the|your|any|it|that|this|with\s+you)\s+)?(?:\w+\s+){0,2}?"
    r"(?:position|offer|spot|contract|place|outside)\b",
    r"\bi\s+(?:will|would)\s+(?:\w+\s+)?accept\s+(?:it\s+)?(?:if|when|should|once)\b[^.?!]*\boffer",
    r"\b(?:if|once|should|when)\s+(?:i\s+(?:am|was|were)\s+)?offered\s+(?:a|an|the)\s+(?:position|spot|place)\b"
    r"(?:\W+\w+){0,4}?\W+(?:i|it)\s+(?:will|would)\b",
    r"\b(?:should|if|when)\s+(?:a|the)\s+(?:position|spot|place)\s+(?:be|is)\s+offered\b[^.?!]*\bi\s+(?:will|would)\s+"
    r"(?:\w+\s+)?(?:accept|take|sign)",
    r"\b(?:if|should|once|when)\s+you\s+(?:\w+\s+)?offer\s+me\s+(?:a|an|the)\s+(?:\w+\s+)?(?:position|spot|place|"
    r"offer)\b[^.?!]*\bi\s+(?:will|would)\s+(?:\w+\s+)?(?:accept|take|sign)",
    r"\bi\s+(?:\w+\s+)?(?:promise|guarantee|pledge|swear|vow|commit|am\s+committed)\b"
    r"(?!\s+to\s+(?!(?:rank|list|put|place|come|coming|join|joining|choose|choosing|accept|sign|match|attend|"
    r"ranking|listing|your|you)\b))(?!\s+(?:confidentiality|to\s+(?:serving|my\s+patients|patient)))",
    r"\b(?:you\s+have|i\s+give\s+you)\s+my\s+(?:word|commitment|promise|guarantee)\b",
    r"\byou\s+can\s+(?:count\s+on|be\s+sure|be\s+certain|rest\s+assured|rely\s+on)\b[^.?!]*\b(?:rank|ranking|"
    r"first|top|list)\b",
    r"\bcount\s+on\s+me\s+to\s+(?:rank|put|list|place)\b",
    r"\b(?:commit|commits|committed)\s+to\s+(?:you|your\s+\w+|xprogx|ranking)\b",
    r"\brest\s+assured\b[^.?!]*\b(?:first|top|rank|list)\b",
    r"\bi\s+can\s+assure\s+you\b[^.?!]*\b(?:first|top|rank|list)\b",
)

# Other programs' offers or interviews brought in
_OTHER_PROGRAMS = re.compile(
    r"\bwhere\s+else\b"
    r"|\b(?:which|what)\s+other\s+(?:programs?|places|hospitals|institutions)\b"
    r"|\b(?:other|another|several|many|two|three|a\s+few|a\s+couple\s+of)\s+(?:other\s+)?(?:programs?|places|"
    r"hospitals|institutions|programs?\s+in\s+\w+)"
    r"\b[^.?!\n]{0,60}\b(?:offer(?:ed|s|ing)?|promised|ranking\s+me|rank\s+me|ranked\s+me|interested\s+in\s+me|"
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
    r"likely\s+to\s+(?:match|be\s+(?:ranked|matched|offered))|likelihood|match|matched|matching|end\s+up|impression|short\s+listed|shortlisted|considered|consideration|"
    r"tier|cutoff|candidates?|interns?\s+(?:next|in|this)|new\s+intern|intern\s+class|one\s+of\s+your|a\s+spot|"
    r"a\s+position|a\s+place|good\s+news|in\s+(?:july|june)|offer\s+me|offered\s+a|top)\b")
_OWN_LIST = re.compile(r"\bmy\s+(?:own\s+)?(?:rank\s+list|list|ranking|rankings)\b")
_ASK_STRONG = re.compile(r"\b(?:tell\s+me|let\s+me\s+know|share|advise|indicate|curious|wonder|wondering|any\s+(?:word|"
                         r"update|news|idea|sense|hint|indication|insight)|(?:to|me)\s+know\s+(?:if|whether|where|how))\b")
# What an applicant arranges: a question about it asks nothing of the program's list
_ERRAND = re.compile(
    r"\b(?:visit|visits|tour|second\s+look|session|sessions|dinner|lunch|parking|hotel|flight|flights|schedule|"
    r"date|dates|badge|address|dress|email|thread|calendar|documents|paperwork|rounds|conference|report|clinic|"
    r"curriculum|rotation|rotations|elective|electives|research|housing|apartment|visa|j-1|h-1b|step|exam|score|"
    r"scores|cv|letter|letters|contract|orientation|salary|vacation|call|night\s+float|wellness|couples|"
    r"fellowship|fellowships|graduates|residents|interns\s+(?:do|get|have|rotate|present|usually)|shadow|observe|"
    r"morning|weather|snow|train\s+station|airport|transport|ice|icu\s+month|board|boards|license|licence|"
    r"percentile|class\s+rank|park|parking|luggage|bags|coat|how\s+many|site|sites|va|rotate|trip|itinerary|"
    r"spreadsheet|route|stop|travel|row|alphabet|visited|photo|shift|shifts)\b|\bfor\s+me\s+to\s+(?!join|match|train|start|be)\w+"
    r"|\b(?:imgs|residents|graduates|interns|applicants|people|students|others)\s+(?:\w+\s+)?(?:matched|match|matching|"
    r"ranked|rank)\b")
_REVIEW_MATCH = re.compile(r"\b(?:match|matching|matched|spot|position|list|rank|ranked)\b")
_REVIEW_ABOVE_ALL = re.compile(
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?(?:above|ahead\s+of|better\s+than|over)\s+(?:all\s+)?(?:the\s+rest|"
    r"all\s+(?:the\s+)?others|every\s+other|any\s+other|the\s+others)\b"
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
                              r"(?:favorite|dream|best|preferred|number\s+\w+)\b(?!\s+(?:part|thing|moment))")


def _clauses(read: str) -> list[str]:
    return [part for part in CLAUSE.split(read) if part.strip()]


def _asks_rank(read: str, clause: str) -> str | None:
    if DISCLAIMER.search(clause) and "?" not in clause:
        return None
    if RECORD.search(clause) and not re.search(r"\b(?:your|you)\b", clause):
        return None
    if _ASKS_RANK.search(clause):
        return "Asks how the program will rank you or where you stand"
    asked = re.search(ASK, clause) or "?" in read or _QUESTION_START.search(clause) or re.search(
        r"\b(?:make\s+sure|hope|hoping|hoped)\b", clause)
    if asked and _ASKS_STANDING_STATED.search(clause) and not RECORD.search(clause):
        return "Asks where you stand on the program's list"
    if asked and _ASKS_TAKEN.search(clause):
        return "Asks whether the program will take you"
    if asked and _PROGRAM_RANKS.search(clause) and _ABOUT_ME.search(clause):
        return "Asks how the program will rank you or where you stand"
    return None


def _asks_odds(read: str, clause: str) -> str | None:
    """``clause`` is read without its conditions: "If I match with you, when is orientation?" asks no odds."""
    if DISCLAIMER.search(clause) and "?" not in clause:
        return None
    asked = re.search(ASK, read) or "?" in read or _QUESTION_START.search(clause)
    if asked and _ODDS_WORDS.search(clause) and _ASKS_ODDS.search(clause):
        return "Asks your chances of matching there"
    return None


def _promises(clause: str) -> str | None:
    if RECORD.search(clause) and not re.search(rf"\b(?:your|you|{PROG}|my\s+(?:rank\s+)?list)\b", clause):
        return None
    if PUBLIC_RANKING.search(clause) and not re.search(r"\bmy\s+(?:rank\s+)?list\b", clause):
        return None
    if _PLACES.search(clause) and _PROMISES_RANK.search(clause):
        return "Promises a rank position to the program"
    if _FIRST_CHOICE.search(clause):
        return "Promises a rank by calling the program your first choice"
    if _PROGRAM_NAMED.search(clause) and _MY_LIST_NAMED.search(clause) and _TOP_PLACE.search(_LIST_OF.sub(" ", clause)):
        return "Promises a rank position to the program"
    if _COMMITS.search(clause):
        return "Promises a commitment to the program"
    return None


def _review(clause: str) -> str | None:
    if RECORD.search(clause) or PUBLIC_RANKING.search(clause):
        return None
    plain = re.sub(r"\b(?:highly|top|well|best|nationally|internationally)\s+ranked\b", " ",
                   _LIST_OF.sub(" ", CONDITION.sub(" ", clause)))
    if _REVIEW_ABOVE_ALL.search(plain):
        return "Review this sentence: preferring the program to all others may read as a promise of first place"
    if DISCLAIMER.search(clause):
        return None
    if (re.search(r"\b(?:rank|ranked|ranking|rank\s+list|my\s+list)\b", plain)
            and (_TOP_PLACE.search(plain) or _REVIEW_POS.search(plain))
            and _REVIEW_PROG.search(plain)):
        return "Review this sentence: it puts your rank list, a position and the program together"
    if _REVIEW_ODDS.search(plain) and "?" in clause and re.search(r"\b(?:i|me|my)\b", plain) \
            and _REVIEW_MATCH.search(plain):
        return "Review this sentence: it may ask your odds or where you stand"
    asked = "?" in clause or _QUESTION_START.search(clause) or _ASK_STRONG.search(clause)
    if asked and _ABOUT_ME_ANY.search(plain) and _OUTCOME.search(_OWN_LIST.sub(" ", plain)) \
            and not _ERRAND.search(plain):
        return "Review this sentence: it may ask how the program sees you or your odds of matching there"
    if (m := _UNNAMED_FIRST.search(plain)) and m.group(1) not in _NOT_A_PROGRAM:
        return "Review this sentence: it may rank a program first"
    if _REVIEW_FAVORITE.search(plain):
        return "Review this sentence: calling the program your favorite may read as a promise of a position"
    ungrouped = _GROUP.sub(" ", plain)
    if not asked and _PROGRAM_NAMED.search(ungrouped) and _ABOUT_ME_ANY.search(ungrouped) \
            and _TOP_STRONG.search(ungrouped) and not _ERRAND.search(ungrouped):
        return "Review this sentence: it puts the program and a first or top place together"
    return None


@functools.lru_cache(maxsize=8192)
def read_sentence(sentence: str) -> tuple[tuple[str, str], ...]:
    """What one sentence asks, promises or leaves for review, as (rule name, what it says in plain words)."""
    read = normalise(sentence)
    plain = CONDITION.sub(" , ", read)
    found: dict[str, str] = {}
    clauses = _clauses(read)
    for clause in clauses:
        if "asks_about_ranking" not in found and (says := _asks_rank(read, clause)):
            found["asks_about_ranking"] = says
        if "rank_promise" not in found and (says := _promises(clause)):
            found["rank_promise"] = says
    if len(clauses) > 1:  # what spans clauses: "My list is final: Lakeshore first"; "If offered a spot, I'll take it"
        if "asks_about_ranking" not in found and (says := _asks_rank(read, read)):
            found["asks_about_ranking"] = says
        if "rank_promise" not in found and (says := _promises(read.replace(", ", " "))):
            found["rank_promise"] = says
    plain_clauses = _clauses(plain)
    for clause in plain_clauses + ([plain] if len(plain_clauses) > 1 else []):
        if "asks_about_ranking" not in found and (says := _asks_odds(read, clause)):
            found["asks_about_ranking"] = says
    if _OTHER_PROGRAMS.search(read):
        found["mentions_other_programs"] = "Brings in other programs' offers or interviews"
    if not found:
        for clause in _clauses(plain):
            if says := _review(clause):
                found["review_sentence"] = says
                break
    return tuple(found.items())
