"""What an applicant may not ask a program: how it will rank them, where they stand, their odds of matching there.

Each pattern reads a clause of a sentence as ``wording.normalise`` spells it; ``asks_odds`` reads it without the
conditions that only frame a practical question ("If I match with you, when is orientation?").
"""

from __future__ import annotations

import re

from .lexicon import (
    ASK,
    CONDITION,
    DISCLAIMER,
    MATCHING_THERE,
    ME_NOUN,
    ME_SUBJ,
    NOT_A_LIST_TOP,
    NOT_LIST_OF,
    OCCASION,
    ODDS,
    RANK_LIST_KIND,
    RECORD,
    YOUR_LIST,
    alternatives,
    position_after,
)

QUESTION_START = re.compile(r"^(?:\W*(?:so|and|but|also|honestly|realistically|just|hi|hey|ok|okay)\W+)?(?:what|where|"
                            r"how|will|would|am|is|are|do|does|did|can|could|should|any|was|were|have|has|"
                            r"(?:do\s+)?you\s+(?:think|reckon|believe|figure))\b")

# Ranked on a rota, not on the program's list: "ranked in the call schedule by seniority"
_NOT_A_ROTA = (r"(?!\s+(?:\w+\s+)?(?:in|on|by|for)\s+(?:the\s+|my\s+)?(?:call|schedule|seniority|rotation|rotations|"
               r"alphabetical|order\s+of|shifts?|vacation|clinic)\b)")


# The program asked to place the applicant: "rank me", "where will I fall on your list", "am I in your top tier"
_ASKS_RANK = alternatives(
    # someone ranks / places / keeps me (high, on the list)
    r"\b(?:rank|ranks|ranked|ranking|outrank|rate|rated|list|listed|listing|order|"
    r"ordered)\s+me\b(?!\s+(?:as\s+)?(?:among|in)\s+"
    r"(?:my|the)\s+(?:class|cohort))",
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
    rf"(?<!matter\s)(?<!regardless\sof\s)\bwhere\s+(?:\w+\s+){{0,3}}?{ME_SUBJ}\s+(?:\w+\s+){{0,2}}?(?:stand|stands|"
    r"standing|stood|fall|falls|fell|land|lands|landed|"
    r"sit|sits|end\s+up|rank|ranks|ranked|placed|appear|fit|fits|"
    r"(?:am|is|be|at)(?=\s*(?:$|[?,.]|(?:on|in|among|near|at|relative|compared|with|within)\s+(?:your|the\s+(?:rank|"
    r"list|"
    r"process|ranking|pool|committee|program)|you|xprogx|this|terms|comparison))))"
    r"(?!\s+(?:during|in\s+the\s+(?:room|hall|ward|clinic)|at\s+the\s+(?:door|entrance|front)|so|while|when|near|next|"
    r"behind|beside|for\s+(?:the|rounds)|on\s+(?:rounds|visa|the\s+(?:issue|question|matter))))"
    r"(?=\s*(?:$|[?.,!;:]|(?:on|in|among|with|within|relative|compared|after|now|right|currently|at|overall|and|"
    r"for\s+(?:the\s+)?(?:match|list|ranking|position|program)|as\s+(?:a\s+couple|an?\s+(?:applicant|candidate|img))|"
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
    r"\bhow\s+(?:high|highly|well|favorably|positively)\s+(?:(?:i|my\s+\w+)\s+(?:am|was|will\s+be|would\s+be|have\s+been|"
    r"has\s+been|is)|(?:am|was|were|is|will|would|have|has|had)\s+(?:i|my\s+\w+)(?:\s+been)?)\s+(?:\w+\s+)?(?:rated|ranked|"
    r"viewed|regarded|placed|seen|considered|scored|received|evaluated|assessed)",
    r"\bhow\s+(?:well\s+)?did\s+i\s+do\s*(?:\?|$|on\s+(?:the\s+|my\s+)?interview|in\s+(?:the|my)\s+interview)",
    r"\b(?:am\s+i|i\s+am|is\s+my\s+\w+|my\s+\w+\s+is)\s+(?:still\s+)?(?:in\s+good\s+shape|shaping\s+up|looking\s+good|"
    r"on\s+track)\b(?!\s+(?:for\s+the\s+(?:visit|exam|step)|to\s+(?:arrive|finish|graduate)))",
    r"\b(?:i|me|my\s+\w+)\s+(?:\w+\s+){0,3}?(?:above|below|near|under|over|past|beyond|inside|within)\s+"
    r"(?:or\s+(?:above|below)\s+)?(?:your|the)\s+(?:(?:rank|ranking|match|matching|cut|interview|selection)\s+)?"
    r"(?:line|cutoff|cut\s+off|threshold|bar)\b(?!\s+(?:for\s+(?:parking|the\s+(?:bus|shuttle))))",
    r"\bmatchable\b",
    r"\b(?:spots|places|positions|ranks|names)\s+(?:away\s+from|short\s+of)\s+(?:matching|the\s+(?:cut|cutoff|line|top))\b",
    r"\bwhere\s+(?:am|was|will|would)\s+(?:i|my\s+(?:application|candidacy|name))(?:\s+be)?\s+(?:with|on|among|"
    r"relative\s+to|in\s+(?:your|the)\s+(?:eyes|ranking|rank\s+list|list|order))\s+(?:your\b|you\b|xprogx|the\s+(?:list|"
    r"rank\s+list|committee|ranking|pool))",
    r"\bwhere\s+(?:that|this|it|the\s+interview|my\s+interview)\s+(?:leaves|puts|places)\s+me\b",
    r"\b(?:am\s+i|i\s+am)\s+(?:still\s+)?(?:in\s+or\s+out|out\s+or\s+in)\b",
    r"\b(?:am|was|will|would|is)\s+(?:i|my\s+(?:name|application))\s+(?:be\s+)?(?:still\s+)?(?:your|the\s+program's|"
    r"xprogx's|the\s+committee's)\s+(?:\w+\s+)?(?:first|top|number\s+first|favorite|preferred|leading)(?:\s+(?:pick|"
    r"choice|candidate|applicant|option|selection|one|preference))?\s*(?:[?,]|$)",
    r"\b(?:is|was)\s+my\s+(?:application|candidacy|file)\s+(?:still\s+)?(?:alive|active|in\s+play|viable|live|"
    r"in\s+the\s+running|under\s+(?:active\s+)?consideration|being\s+considered)\b",
    r"\b(?:i|my\s+(?:application|candidacy|name|file|ranking|position|standing))\s+(?:\w+\s+){0,2}?(?:moved|move|"
    r"moving|gone|go|went|climbed|risen|rose|dropped|fallen|fell|slipped|slid)\s+(?:up|down)\b(?!\s+(?:to|by|a|an|"
    r"one|\d|the\s+(?:date|time|schedule|road|street|hall|stairs)))",
    r"\b(?:am\s+i|did\s+i\s+(?:get|make\s+it)|i\s+(?:got|get|made\s+it)|have\s+i\s+(?:got|gotten|"
    r"made\s+it))\s+in\s*(?:\?|$)",
    r"\b(?:rank\s+list|list)\b[^.?!]*\b(?:did|have|will)\s+i\s+(?:make|made)\s+it\b",
    r"\b(?:spots|places|applicants|candidates|people|anyone|names|programs?)\s+(?:\w+\s+){0,3}?(?:above|"
    r"ahead\s+of)\s+me\b",
    r"\b(?:things|it|everything)\s+(?:\w+\s+)?(?:looking|look|looks)\s+(?:good|promising|positive|bright|hopeful|"
    r"likely)\s+"
    r"for\s+me\b",
    r"\bhow\s+(?:promising|strong|competitive|good|likely)\s+(?:is|was)\s+my\s+(?:candidacy|application|chance|file)\b",
    r"\bhow\s+(?:high|far)\s+(?:up|down)\s+(?:on\s+)?(?:your|the)\s+(?:\w+\s+)?(?:list|rank\s+list|ranking)",
    r"\bmy\s+(?:ranking|rank|standing|position|placement)\s+(?:\w+\s+){0,2}?(?:low|high|good|bad|poor|strong|weak)\b",
    r"\b(?:one\s+of\s+the|among\s+the)\s+(?:stronger|strongest|best|better|top|leading|most\s+\w+)\s+(?:ones|"
    r"candidates|"
    r"applicants|applications|interviewees|people)\b(?=[^.?!]*\b(?:you|your|committee|seen|interviewed|met|"
    r"this\s+(?:year|season|cycle))\b)",
    r"\bis\s+there\s+(?:still\s+)?(?:any\s+|some\s+)?(?:hope|chance|room|place|spot|future)\s+for\s+me\s+(?:at|with|"
    r"in|on)\s+"
    r"(?:your|you|xprogx|this)",
    r"\bhow\s+(?:competitive|strong)\s+(?:i|my\s+\w+)\s+(?:was|am|is|were|will\s+be|would\s+be)\b",
    r"\b(?:i|my\s+\w+)\s+(?:\w+\s+)?stand\s+out\s+(?:from|among|against|compared)\s+(?:the\s+)?(?:other|rest)",
    r"\b(?:committee|faculty|panel|interviewers|pd|program\s+director|you)\s+(?:\w+\s+){0,2}?(?:think|thought|feel|"
    r"felt|"
    r"say|said|make)\s+(?:of|about)\s+(?:me|my\s+(?:interview|application|candidacy|performance|answers|"
    r"presentation))\b(?!\s+\w+ing\b)",
    r"\bi\s+(?:\w+\s+)?ranked\s+(?:well|highly|high)\s+(?:with|by|on|in|among)\s+(?:your|you|the\s+(?:committee|"
    r"program|"
    r"faculty|panel))",
    r"\b(?:my\s+(?:interview|application|candidacy)|i)\s+(?:was|were|is|"
    r"has\s+been)\s+(?:\w+\s+)?(?:well\s+)?received\s+"
    r"by\s+(?:the\s+)?(?:committee|faculty|panel|interviewers|you)",
    r"\b(?:was|is|has)\s+my\s+(?:interview|application|candidacy)\s+(?:been\s+)?(?:\w+\s+)?(?:well\s+)?received\b",
    r"\b(?:i|my\s+\w+)\s+(?:\w+\s+)?(?:made|left|make|leave|created)\s+(?:a\s+|an\s+)?(?:good|strong|positive|great|"
    r"lasting|favorable|bad|poor|excellent)\s+(?:enough\s+)?impression\b(?!\s+(?:on|with|upon)\s+(?!(?:you|your|"
    r"the\s+(?:committee|faculty|panel|interviewers|program|pd)|xprogx)\b))",
    r"\bmy\s+(?:ranking|rank|standing|position|placement|status)\s+(?:\w+\s+){0,3}?(?:better|worse|higher|lower|"
    r"improv\w*|chang\w*|affect\w*|hurt|help\w*|move|moved|drop\w*)",
    r"\b(?:has|have|did|will|would|could|can)\s+my\s+(?:standing|ranking|position|placement|status|rank)\s+(?:\w+\s+)?"
    r"(?:chang|improv|move|drop|go|rise|risen|fall|fallen)",
    r"\bwhat\s+(?:rank|ranking|position|number|spot|place)\s+(?:did|will|would|do|am|have|has|was)\s+(?:i|you|me|my)\b",
    r"\bwhat\s+(?:slot|spot|place|position|number|rank|tier)\s+i\s+(?:will|would|am|was|might)\b",
    r"\bwhere\s+in\s+(?:the|your)\s+(?:order|ranking|rank\s+list|list)\b",
    r"\b(?:i|my\s+\w+)\s+(?:have\s+|has\s+)?(?:been\s+)?(?:short\s+listed|shortlisted)\b",
    r"\bwhere\s+(?:you|the\s+\w+|your\s+\w+|xprogx)\s+(?:\w+\s+){0,3}?(?:see|put|place|rank|list|have|slot)\s+me\b",
    r"\b(?:for\s+me|me)\s+to\s+be\s+(?:ranked|placed|listed)\b",
    r"\bme\s+(?:get|be|being|getting)\s+(?:ranked|listed)\b",
    r"\b(?:rank|ranks|ranking|place|view|see|rate)\s+(?:someone|a\s+candidate|an\s+applicant|an\s+img|people|"
    r"applicants|candidates)\s+(?:like\s+me|with\s+my)\b",
    r"\b(?:i|me)\b(?:\s+\w+){0,6}?\s+(?:to\s+be|be|am|being|is|was|will\s+be|would\s+be)\s+(?:still\s+)?(?:near|at|"
    rf"close\s+to|toward|towards|up\s+at)\s+the\s+(?:very\s+)?top\b(?!\s+of\s+(?:my|the|his|her)\s+{NOT_A_LIST_TOP})",
    r"\b(?:a|any)\s+(?:place|spot|position|room)\s+for\s+me\s+(?:near|at|on|in)\s+(?:the\s+top|your)\b",
    r"\b(?:i|me)\s+(?:am\s+)?(?:\w+\s+){0,2}?among\s+(?:the\s+|your\s+)?(?:applicants|candidates|people|ones|"
    r"interviewees)\s+(?:that\s+|whom\s+|who\s+)?(?:you|the\s+\w+|your\s+\w+)\s+(?:\w+\s+){0,3}?(?:rank|list|"
    r"consider|keep|want|will\s+rank|plan)",
    # how I compare, stack up, fare, rate; how high am I; how I am looking
    r"\bhow\s+(?:do|does|did|will|would|might|am|is|was)?\s*(?:i|my\s+(?:application|candidacy|interview(?!\s+(?:day|"
    r"format|process|schedule|experience))))\s+"
    r"(?:\w+\s+){0,2}?(?:compare|compared|stack|stacks|stacked|measure|measured|fare|fared|rate|rated|rank|ranked|"
    r"stand|stands|standing|look|looking|doing|did\s+(?:compared|relative|against|among))\b",
    r"\bhow\s+(?:well\s+)?(?:did|do|does)\s+i\s+do\s+(?:compared|relative|against|among|in\s+comparison)",
    r"\bhow\s+(?:(?:are|is|do|does)\s+)?(?:things|it|everything|matters)\s+(?:\w+\s+)?(?:look|looks|looking|stand|"
    r"stands)\s+for\s+me",
    r"\b(?:ranked|placed|listed|rated)\s+(?:ahead\s+of|above|below|behind|over|higher\s+than|lower\s+than)\s+me\b",
    r"\b(?:get|got|getting|gets)\s+me\s+(?:ranked|listed|matched|in\b|a\s+(?:spot|position|place))",
    r"(?<!lucky\s)(?<!fortunate\s)(?<!blessed\s)\benough\s+(?:\w+\s+)?to\s+(?:\w+\s+){0,2}?(?:match|be\s+ranked|"
    r"get\s+ranked|ranked|make\s+(?:your|the)\s+(?:list|cut)|"
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
    r"ranking)\s+(?:on|in|within|with|among|at|relative\s+to|compared\s+(?:to|with))\s+(?:(?:your|this)\s+"
    r"(?:\w+\s+)?(?:program|committee)|(?:the\s+|your\s+|this\s+)?"
    r"(?:\w+\s+)?"
    r"(?:you|your|xprogx|committee|rank\s+list|list|short\s+list|ranking|rankings|applicant|applicants|"
    r"candidates|interviewees|pool|selection|process|other|top|eyes))",
    r"\bmy\s+(?:standing|standings|placement|status|ranking)\s+(?:after|since|following)\s+(?:the|my)\s+"
    r"(?:interview|second\s+look|visit)",
    r"\bmy\s+(?:chances|odds|prospects|likelihood)\s+(?:at|with|of\s+(?:matching|getting\s+in|being\s+(?:ranked|"
    r"matched))|here|there)\s*(?:(?:with|at|to|into)\s+)?(?:you|your|xprogx|this|$|\?)",
    r"\b(?:on|about|regarding|re|of|into)\s+my\s+(?:current\s+|present\s+|overall\s+)?(?:standing|standings|ranking|"
    r"placement|status)\b(?!\s+(?:with|in|at)\s+(?:the\s+)?(?:ecfmg|council|medical\s+council|board|school|bank|"
    r"embassy))",
    r"\bmy\s+(?:standing|standings|ranking|placement)\s*(?:\?|$)",
    r"\b(?:(?:to|me)\s+know|learn|share|tell\s+me|disclose|reveal|hint\s+at|what\s+is|what\s+are|clue\s+me\s+in\s+on|"
    r"update\s+on|news\s+on|word\s+on)\s+(?:\w+\s+){0,2}?my\s+(?:rank|ranking|position|standing|standings|"
    r"placement)\b(?!\s+(?:list|as)\b)",
    # am I / is my name in your top tier, on your list, near the top, among your top candidates, still in the running
    rf"\b(?:am|is|was|are|will|would|have|has|had|did|do|could|might)\s+(?:i|my\s+{ME_NOUN})\s+"
    r"(?:\w+\s+){0,3}?(?:in|on|among|near|close\s+to|at|one\s+of|up|high|a|still|considered|made|make|"
    rf"being|seen|viewed|top|for)\s+(?:\w+\s+){{0,4}}?(?:top|(?:your|the|its|their|xprogx's|{RANK_LIST_KIND})\s+list|"
    r"short\s+list|tier|top\s+group|candidates|picks|choices|"
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
    r"\b(?:i\s+am|am\s+i)\s+(?:\w+\s+)?someone\s+(?:that\s+|whom\s+)?(?:you|your\s+\w+|the\s+\w+|"
    r"xprogx)\s+(?:\w+\s+){0,2}?"
    r"(?:rank|consider|want|choose|select|pick|interview)",
    r"\bconsider\w*\s+(?:me|someone\s+like\s+me)\s+for\s+(?:a|one\s+of\s+your|the|your)\s+(?:\w+\s+)?(?:position|"
    r"positions|spot|spots|place|places|ranking)\b",
    r"\bi\s+(?:would|will|am|might|could)\s+(?:\w+\s+)?(?:be\s+)?(?:a|an)\s+(?:\w+\s+)?(?:competitive|strong|likely|"
    r"good|realistic|viable|serious|matchable)\s+(?:applicant|candidate|contender|match|fit)\s+for\s+(?:your|you|"
    r"xprogx)\b(?!\s*\w*'s)",
    r"\b(?:consider|see|view|regard)\s+me\s+(?:as\s+)?(?:a|an|one\s+of|among)\s+(?:your\s+)?(?:top|strong|leading|"
    r"favorite|best|competitive|serious|viable|good|realistic|likely|matchable|frontrunner|contender)",
    r"\b(?:i|me|my)\b[^.?!]*\b(?:a|one\s+of\s+your|your)\s+top\s+(?:spot|spots|position|positions|place|places|tier|"
    r"choices|picks|candidates|applicants)\b",
    rf"\b(?:how|where)\s+(?:am\s+i|i\s+am|is\s+my\s+(?:application|standing))\s+(?:\w+\s+){{0,2}}?(?:looking|doing|"
    rf"placed|situated)\b(?![^.?!]*\b(?:{OCCASION}|shadowing)\b)",
    r"\b(?:moved|move|moving)\s+(?:me\s+)?up\s+(?:on\s+|in\s+)?(?:your|the)\s+(?:\w+\s+)?(?:list|rank|ranking)\b|"
    r"\bi\s+(?:have\s+)?moved\s+up\b",
    r"\bmy\s+spot\s+(?:on\s+your\s+list|with\s+(?:you|your\s+program)|is\s+secure|secure)|\bis\s+my\s+"
    r"(?:spot|position|place)\s+(?:\w+\s+)?(?:secure|safe|good)",
    r"\bhow\s+(?:competitive|strong)\s+(?:am\s+i|my\s+(?:application|candidacy)\s+is|is\s+my)\b",
    r"\bhow\s+competitive\s+my\s+application\s+is\b",
)

# Someone puts, keeps or sees me (at a position, on the list, among the ones they rank): read by ``_placed_me``
_PUT_ME = re.compile(r"\b(?:put|putting|place|placing|placed|keep|keeping|have|having|slot|move|moving|see|consider|"
                     r"considering|view|regard|count|include|including)\s+me\s+")
_PUT_ME_WHERE = re.compile(rf"(?:\w+\s+){{0,2}}?(?:on\s+{YOUR_LIST}{NOT_LIST_OF}|in\s+your|among\s+(?:the|your)|"
                           r"as\s+(?:a|one\s+of|your)|up\b|high|to\s+match|in\s+a\s+(?:\w+\s+)?position)")


def _placed_me(clause: str) -> bool:
    """The clause has someone put, keep or see me at a position or on their list."""
    return any(position_after(clause, put.end(), 2) or _PUT_ME_WHERE.match(clause, put.end())
               for put in _PUT_ME.finditer(clause))


# The program as the one who ranks, in a clause that is about the applicant: "Am I someone you would rank?"
_PROGRAM_RANKS = re.compile(
    r"\b(?:you|your\s+(?:\w+\s+)?(?:program|committee|team|faculty|residency)|the\s+(?:committee|program|faculty|"
    r"selection\s+committee)|xprogx|they)\s+(?:\w+\s+){0,3}?(?:rank|ranks|ranking|ranked)\b"
    r"(?!\s+(?:their|its|the)\s+(?:rotations|electives|projects|abstracts|sites|preferences))")
_ABOUT_ME = re.compile(r"\b(?:(?:am|will|would|could|might)\s+i|i\s+(?:am|will|would)|me|someone\s+like\s+me|"
                       r"applicants\s+like\s+me|my\s+(?:name|application|candidacy|profile|file))\b")

# Whether the program will have the applicant at all, asked: "Will you take me?", "Is your program out of my league?"
_ASKS_TAKEN = alternatives(
    r"\b(?:am\s+i|i\s+am)\s+(?:\w+\s+)?(?:being\s+)?(?:unrealistic|realistic|naive|kidding\s+myself|dreaming)\s+"
    r"(?:about|to\s+hope|in\s+hoping)\s+(?:\w+\s+)?(?:your|you\b|xprogx|matching|match)",
    r"\b(?:out\s+of|within|beyond)\s+my\s+(?:league|reach)\b|\b(?:within|out\s+of)\s+reach\s+for\s+me\b",
    r"\b(?:you|your\s+\w+|the\s+(?:program|committee)|xprogx)\s+(?:\w+\s+){0,2}?(?:take|want|accept|choose|select|"
    r"pick)\s+"
    r"(?:me|someone\s+like\s+me|an?\s+(?:applicant|candidate|img)\s+like\s+me)\b(?!\s+(?:to|for|through|around|on|at|"
    r"back|"
    r"along|in\s+(?:the|a)\s+(?:car|tour)))",
    r"\ba\s+future\s+for\s+me\s+(?:at|in|with)\s+(?:your|you\b|xprogx)",
    r"\b(?:you|they|the\s+(?:committee|faculty|panel|interviewers|program)|your\s+(?:committee|faculty|team|"
    r"program))\s+"
    r"(?:\w+\s+)?(?:like|liked|love|loved)\s+me\b",
    r"\b(?:impressed|taken)\s+(?:by|with)\s+(?:me|my\s+(?:interview|application|candidacy|file))\b",
    r"\bhow\s+impressed\s+(?:were|was|are|is)\s+(?:you|they|the\s+\w+)\s+(?:by|with)\s+(?:me|my)\b",
    r"\b(?:did|have|had)\s+i\s+impress(?:ed)?\s+(?:the\s+|your\s+)?(?:committee|faculty|panel|interviewers|you|program|"
    r"pd|program\s+director)\b",
    r"\bdid\s+i\s+do\s+well\s*(?:enough|in\s+your\s+eyes|\?|$)",
    r"\bhow\s+did\s+i\s+come\s+across\b",
    rf"\b(?:considering|consider|considered)\s+(?:me|my\s+(?:application|candidacy|file))\b(?!\s+(?:for\s+(?:the|"
    rf"a|an)\s+(?:\w+\s+){{0,2}}?(?:{OCCASION}|second|job|research|assistant|volunteer|role|award|scholarship)\b)|"
    r"\s+to\s+be)",
    r"\b(?:i|my\s+(?:application|candidacy|file))\s+(?:\w+\s+){0,2}?(?:ruled\s+out|rejected|turned\s+down|"
    r"passed\s+over|"
    r"eliminated|unsuccessful)\b|\bruled?\s+me\s+out\b",
    r"\b(?:am\s+i|i\s+am|is\s+my\s+\w+)\s+(?:now\s+|still\s+)?out\s+of\s+(?:the\s+)?(?:running|contention|"
    r"consideration)\b",
    r"\b(?:keep|kept|leave|left|take|taken|drop|dropped|cut)\s+(?:me\s+)?(?:off|from)\s+(?:your|"
    r"the)\s+(?:\w+\s+)?(?:rank\s+list|"
    r"list|ranking)",
    r"\b(?:i|me|my\s+\w+)\s+(?:\w+\s+){0,3}?(?:be\s+|get\s+|been\s+)?(?:left|kept|dropped|cut)\s+(?:off|"
    r"from)\s+(?:your|the)\s+"
    r"(?:\w+\s+)?(?:rank\s+list|list|ranking)",
    r"\b(?:am\s+i|i\s+am)\s+(?:a\s+)?(?:high\s+|top\s+|low\s+)?priority\s+for\s+(?:you|your|the\s+\w+|xprogx)",
    r"\b(?:your\s+program|you|xprogx)\s+(?:\w+\s+){0,2}?(?:a\s+)?realistic\s+(?:possibility|prospect|option|target|"
    r"goal|match|fit|choice)"
    r"\b(?=[^.?!]*\?)",
    r"\b(?:am\s+i|i\s+am)\s+(?:a\s+)?(?:sure\s+thing|lock|shoo\s+in|safe\s+bet|long\s+shot)\b",
    r"\b(?:things|it)\s+(?:will|would|going\s+to)\s+(?:\w+\s+)?work\s+out\s+(?:for\s+me|"
    r"between\s+us)\s+(?:\w+\s+)?(?:at|with|in)\s+"
    r"(?:your|you\b|xprogx)",
    r"\b(?:will|would)\s+(?:things|it)\s+work\s+out\s+(?:for\s+me|between\s+us)\s+(?:\w+\s+)?(?:at|with|"
    r"in)\s+(?:your|you\b|xprogx)",
    r"\b(?:am\s+i|is\s+my\s+\w+|i\s+am)\s+(?:still\s+)?on\s+(?:your|the\s+\w+'s|the\s+committee's)\s+radar\b",
    r"\b(?:do|did|does|will|would)\s+(?:i|my\s+\w+)\s+(?:\w+\s+)?(?:measure\s+up|stand\s+out|compare|"
    r"stack\s+up)\s+(?:to|against|"
    r"among|with|from)\s+(?:your|the\s+other|other|the\s+rest)",
    r"\b(?:am|is)\s+(?:i|my\s+\w+)\s+what\s+(?:you|the\s+\w+|your\s+\w+)\s+(?:are|is)\s+looking\s+for\b",
    r"\b(?:is|was)\s+my\s+(?:application|candidacy|file|interview)\s+(?:\w+\s+)?memorable\b",
    r"\b(?:yes|maybe|no|rank|top)\s+pile\b|\bwhich\s+pile\b[^.?!]*\bmy\s+(?:application|file|candidacy)",
    r"\b(?:thumbs\s+up|green\s+light|nod)\s+from\s+(?:the\s+|your\s+)?(?:committee|faculty|panel|program|pd|you)\b",
    r"\bmy\s+(?:interview\s+)?(?:scores?|ratings?|evaluations?|marks|grades?)\s+(?:from|on|in|"
    r"for)\s+(?:the\s+)?interview"
    r"|\bmy\s+interview\s+(?:scores?|ratings?|evaluations?|marks|grades?)\b",
    r"\bwhat\s+(?:score|rating|mark|grade)\s+(?:did|do|will)\s+i\s+(?:get|receive|earn)\b",
    r"\b(?:was|were)\s+i\s+(?:scored|rated|graded|marked|evaluated)\b|\bhow\s+(?:was|were)\s+i\s+(?:scored|rated|"
    r"graded|"
    r"marked|evaluated)\b",
    r"\bdid\s+i\s+pass\s+(?:the|my)\s+interview\b",
    r"\bdid\s+i\s+score\s+(?:well|high|highly)\b",
    r"\bmy\s+(?:rank|ranking|list)\s+(?:position|status|standing|place|number)\b",
    r"\b(?:interested|interest|keen)\s+(?:\w+\s+){0,3}?(?:in|on)\s+(?:me|my\s+(?:application|candidacy|file))\b",
    r"\b(?:the|our|this)\s+interest\s+(?:is\s+)?mutual\b|\bis\s+it\s+mutual\b",
    r"\b(?:in\s+your|in\s+the\s+committee's)\s+eyes\b(?=[^.?!]*\b(?:i|me|my)\b)",
    r"\b(?:i|me|my\s+(?:application|candidacy|interview|file|profile))\b[^.?!;]*?\b(?:competitive|strong|stronger|"
    r"strongest|weak|weaker|top|upper|lower|bottom|better|best|stand\s+out|stood\s+out|half|third|quarter|tier|"
    r"rank\w*|compare\w*|measure\s+up|stack\s+up|fare|fared|placed?|fall|fell|land\w*|ended\s+up)\b[^.?!;]*?\b"
    r"(?:among|of|against|than|to|with|from)\s+(?:all\s+)?(?:the\s+|your\s+|this\s+year's\s+)?(?:other\s+|"
    r"rest\s+of\s+(?:the\s+|your\s+)?)?(?:\w+\s+)?(?:applicants|candidates|interviewees|applicant\s+pool|pool)\b",
    rf"\b(?:i|me|myself)\s+(?:\w+\s+)?(?:still\s+)?in(?:to)?\s+(?:a|an)\s+(?:\w+\s+)?(?:strong|good|great|competitive|"
    rf"weak|decent|favorable|solid|safe|poor|bad|winning|better|worse)\s+(?:position|spot|place|standing)\b"
    rf"(?!\s+to\s+(?!match|be\s+ranked))(?![^.?!]*\b{OCCASION}\b)",
    # the upper part of your list, the top half of your applicants
    rf"\b(?:i|me|my)\b[^.?!]*\b(?:upper|lower|top|bottom|higher|middle|first|last|second)\s+(?:part|half|third|quarter|"
    rf"end|portion|section|tier|group|segment|few)\s+of\s+(?:your|the)\s+(?:{RANK_LIST_KIND}\s+)?(?:rank\s+list|list|"
    rf"ranking|applicants|candidates|interviewees|pool){NOT_LIST_OF}",
    r"\b(?:(?:i|me)\s+(?:am|was|would\s+be|will\s+be|be|being)|(?:am|was|would|will)\s+i(?:\s+be)?)\s+(?:\w+\s+)?"
    r"(?:realistic|competitive|viable|matchable|"
    r"strong\s+enough|good\s+enough)\s+(?:for|at)\s+(?:you\b|your\b(?!\s+\w+'s)|xprogx)",
    r"\bhow\s+(?:well\s+)?i\s+did\s+(?:in|on|at|during)\s+(?:the|my|our)\s+interview",
    r"\b(?:your|the\s+committee's|the\s+program's|the\s+faculty's)\s+(?:\w+\s+)?(?:opinion|view|impression|assessment|"
    r"evaluation)\s+of\s+(?:me|my\s+(?:application|candidacy|interview))\b",
)

# The same, said as a statement inside a question or request: "Would you say I'm in your top tier?"
_ASKS_STANDING_STATED = re.compile(
    r"\b(?:i\s+am|i\s+will\s+be|i\s+would\s+be|i\s+was|i\s+(?:might|could|may)\s+be|my\s+(?:name|application)\s+"
    r"(?:is|was|will\s+be))\s+(?:still\s+|now\s+|already\s+)?(?:in|among|near|close\s+to|at|one\s+of|high\s+on|"
    r"on|a|an)\s+(?:\w+\s+){0,3}?(?:top|list|short\s+list|tier|candidates|picks|choices|running|contention|"
    r"consideration|cut|leading|strongest|favorite|contender|first\s+names)\b" + NOT_LIST_OF)

# The applicant's odds of matching there: "what are my chances", "will I match at your program?"
_ASKS_ODDS = alternatives(
    r"\bmy\s+(?:chances|chance|odds|prospects|likelihood|probability)\b(?!\s+(?:of|for|to|at|"
    r"in)\s+(?!(?:a\s+)?(?:match|"
    r"matching|matched|success|being\s+(?:ranked|matched|selected|accepted|offered|chosen)|getting\s+(?:in|ranked|"
    r"matched|a\s+(?:spot|position|place))|a\s+(?:spot|position|place)|landing|joining|securing|training|ending|"
    r"you|your|xprogx|this|here|there)))",
    r"\b(?:chances|odds|likelihood|probability|prospects)\s+(?:are|is|look|looking)\b",
    r"\b(?:i|me)\s+(?:\w+\s+){0,5}?(?:match|matching|be\s+matched)\s+(?:with\s+(?:you|your|this|xprogx)|"
    r"at\s+(?:your|this|xprogx|the\s+program)|(?:there|here)\b|into\s+your|in\s+your|to\s+your)",
    r"\b(?:will|would|am|can|could|do|does|should|might)\s+i\s+(?:\w+\s+){0,2}?(?:match\s*(?:\?|$)|be\s+"
    r"matched|end\s+up\s+(?:at|in|with)\s+(?:you|your|xprogx|this)|get\s+in\b|be\s+welcomed|be\s+seeing\s+"
    r"you\s+(?:\w+\s+){0,2}?(?:on|in)|see\s+you\s+(?:on\s+match|in\s+(?:july|june))|(?:be\s+)?(?:joining|starting|start|"
    r"join)\s+"
    r"(?:with\s+)?(?:you\b(?!\s+(?:for|at|on|during|in\s+(?!july|june)))|your\s+(?:\w+\s+)?(?:class|team|program|"
    r"residency)|xprogx)|be\s+part\s+of\s+your)",
    r"\b(?:receiv\w*|get|getting|expect\w*|sending|send|sent|offer\w*|hear\w*)\s+(?:me\s+)?(?:a|an|the|"
    r"my)\s+(?:contract|"
    r"offer|position|spot)\s+(?:from|after|in|on)\s+(?:you\b|your|xprogx|match\s+day|march)",
    r"\b(?:offer|offering|offered|give|giving|send|sending)\s+me\s+(?:a|an|the|"
    r"one\s+of\s+your)\s+(?:\w+\s+)?(?:position|"
    r"positions|spot|spots|place|contract)\b(?!\s+(?:to|for|at|on)\s+(?:the\s+)?(?:visit|tour|session|second|dinner))",
    r"\b(?:keep|get)\s+my\s+hopes\s+up\b",
    r"\b(?:i|me|my)\b[^.?!]*\b(?:selected|selection|chosen|accepted|admitted)\s+(?:in|at|by|for|into|to|through)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:your|you\b|xprogx|this\s+program|the\s+match)",
    r"\b(?:count|consider|see)\s+myself\s+(?:as\s+)?(?:among|part\s+of|one\s+of)\s+(?:your|next\s+year's|"
    r"the\s+incoming|"
    r"this\s+year's)\s+(?:\w+\s+)?(?:interns|class|team|residents|cohort)\b",
    r"\bi\s+(?:will|would|am\s+going\s+to)\s+be\s+(?:training|joining|starting|working)\s+(?:with\s+you|at\s+your|"
    r"in\s+your|"
    r"at\s+xprogx)\b",
    r"\bcancel\w*\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:other|remaining|rest\s+of\s+my)\s+interviews\b",
    r"\b(?:chances?|odds|prospects?)\s+(?:\w+\s+)?(?:with|at)\s+(?:you\b|your|xprogx|this\s+program)",
    r"\bgive\s+up\s+on\s+(?:your|you\b|xprogx|matching)",

    r"\bmatch\w*\s+(?:with|at|there|here)\b[^?]*\b(?:will|would|can|do|could|shall)\s+i\s*\?",
    r"\b(?:reason|cause)\s+(?:for\s+me\s+)?to\s+be\s+(?:hopeful|optimistic|confident|worried|concerned)\b",
    r"\b(?:should\s+i|(?:premature|too\s+early|too\s+soon|wise|safe|silly|smart)\s+(?:\w+\s+)?(?:for|of)?\s*(?:me\s+)?"
    r"to)\s+(?:be\s+)?(?:prepar\w*|plan\w*|start\w*|book\w*|begin\w*)\s+(?:\w+\s+){0,3}?(?:move|moving|relocat\w*|"
    r"housing|apartment|visa)\s+(?:\w+\s+){0,3}?(?:your|you|xprogx)\b",
    r"\b(?:we|you|i)\s+(?:will|would|are\s+going\s+to|am\s+going\s+to|might|can|could)\s+(?:\w+\s+)?"
    r"(?:match|be\s+matching)\b"
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
    r"(?:safe|good|sure|solid)\s+bet|realistic\s+(?:option|target|goal|choice))\b",
    rf"\b(?:i|me)\s+(?:\w+\s+){{0,3}}?(?:get|getting|land|landing|secure|securing)\s+(?:in\b|into\s+(?:your|xprogx)|"
    rf"a\s+(?:spot|position|place|seat)\b(?![^.?!]*\b{OCCASION}\b)|one\s+of\s+your)",
    r"\b(?:good|great|happy|positive|welcome|exciting|wonderful)\s+(?:news|things|emails?|message|surprise|outcome|"
    r"results?)\s+(?:\w+\s+){0,4}?(?:match\s+day|in\s+march|on\s+the\s+day|from\s+(?:you\b|your\s+program|xprogx))",
    r"\bmatch\s+day\s+(?:\w+\s+){0,3}?(?:be|bring|brings|hold|holds)\s+(?:\w+\s+){0,2}?(?:good|happy|great|news)\b"
    r"[^.?!]*\b(?:you|your|xprogx)\b",
    r"\b(?:excited|hopeful|optimistic|nervous|worried)\s+(?:for|about)\s+match\s+day\b[^.?!]*\b(?:your|you\b|xprogx)",
    r"\b(?:your|xprogx's)\s+(?:program's\s+)?name\s+(?:\w+\s+){0,6}?(?:i\s+(?:see|read|open|find|get)|on\s+match\s+day)"
    r"|\b(?:match|results?|envelope)\b[^.?!]*\b(?:see|seeing|read|reading|find|finding)\s+(?:\w+\s+){0,2}?(?:your|"
    r"xprogx's)\s+(?:program's\s+)?name\b",
    rf"\b(?:(?:will|would|am|can|could|should)\s+i|i\s+(?:will|would|am\s+going\s+to|might))\s+(?![^.?!]*\b{OCCASION}\b)"
    r"(?:\w+\s+){0,2}?(?:be\s+)?(?:joining|join|starting|start|working|training|wearing|seeing)\s+(?:\w+\s+){0,4}?"
    r"(?:your\b|you\b|xprogx|the\s+(?:residents|interns|team))[^.?!]*\b(?:next\s+(?:year|july|june|summer)|"
    r"this\s+(?:july|june|summer)|come\s+(?:july|june)|in\s+(?:july|june))",
    r"\bmatch\s+day\s+(?:for\s+me|hints?)|\b(?:hints?|signs?)\s+(?:\w+\s+){0,2}?match\s+day\b|"
    r"\blooking\s+good\s+for\s+match\s+day|look\s+good\s+for\s+me\s+on\s+match\s+day",
    r"\b(?:count\s+on|safe\s+bet|safe\s+to\s+assume)\b[^.?!]*\b(?:you|your|position|spot|match|matching)\b",
    r"\bis\s+there\s+(?:a|any)\s+(?:real\s+|realistic\s+|good\s+)?(?:chance|possibility|way)\s+(?:\w+\s+){0,3}?"
    r"(?:match|matching|(?:join|joining)\s+(?:you|your|xprogx)|a\s+spot)",
    r"\b(?:do|does|would)\s+(?:an?\s+)?(?:applicant|candidate|someone|people)\s+like\s+me\s+(?:\w+\s+){0,2}?"
    r"(?:have|stand)\s+a\s+(?:\w+\s+)?(?:chance|shot)",
    r"\bwhat\s+it\s+takes\s+to\s+match\b",
    r"\b(?:expect|anticipate|foresee|predict|count\s+on|hope\s+for)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:match|spot|position|place|"
    r"offer|seat)\s+(?:with|at|in|from)\s+(?:you\b|your|xprogx)",
    r"\b(?:i|me)\b[^.?!]*\b(?:one\s+of|among)\s+the\s+(?:people|applicants|candidates|ones)\s+(?:that\s+|who\s+|whom\s+)?"
    r"(?:you|your\s+program|xprogx)\s+(?:\w+\s+)?match\w*",
    r"\b(?:(?:do|does|would|will|did|might|could|can|should)\s+i\s+(?:still\s+|really\s+|even\s+)?(?:have|stand)|"
    r"have\s+i\s+(?:still\s+)?got)\s+(?:a|any)\s+(?:\w+\s+)?(?:chance|shot|hope|prayer)\s+(?:(?:with|at|of|for|to|in)\s+(?:you|your|xprogx|here|there|"
    r"matching|match|one\s+of|getting|joining|landing)|there\b|here\b)",
    r"\b(?:i|me)\s+(?:\w+\s+){0,3}?match\s+(?:well|there|here)?\s*(?:at|with|into)\s+(?:your|xprogx|you|this)\b",
    r"\b(?:plan|planning)\s+(?:on|my|to)\s+(?:\w+\s+){0,2}?(?:start|starting|join|joining|move)\s+(?:\w+\s+){0,3}?"
    r"(?:your|xprogx|you)\b",
    r"(?<!imgs\s)(?<!residents\s)(?<!interns\s)(?<!people\s)(?<!applicants\s)(?<!students\s)(?<!others\s)"
    r"\b(?:start|starting|join|joining|be\s+with)\s+(?:with\s+)?(?:you|your\s+\w+|xprogx)\s+in\s+(?:july|june)\b",
    r"\bwelcomed\s+into\s+your\b",
)

_ODDS_WORDS = re.compile(r"\b(?:chances?|odds|likel\w*|unlikely|probab\w*|prospects?|shot|realistic\w*|possib\w*|"
                         r"hopeful|optimistic|confident|expect\w*|foresee|predict|count|safe|reasonable|worth|bet|"
                         r"worry|worried|concerned|anticipate|hopes|reassur\w*|offer\w*|reach|safety|stretch|"
                         r"frontrunner|contender|"
                         r"match\w*|join\w*|start\w*|get|getting|land\w*|secur\w*|news|welcomed|plan\w*|seeing|see|"
                         r"end|ending|be|being|train\w*|earn\w*|myself|cancel\w*|interviews|select\w*|chosen|"
                         r"accepted|admitted|things|emails?|message|name|excited|nervous|wearing|seeing)\b")


# Planning for the program as if matched there ("Would it be wise to look for housing near your hospital?"), read
# only where no condition frames it ("If I match with you, should I look for housing nearby?" asks nothing)
_PLANS_FOR_THERE = alternatives(
    r"\b(?:should\s+i|(?:premature|too\s+early|too\s+soon|wise|safe|silly|smart|fine|ok|okay|sensible|reasonable)\s+"
    r"(?:\w+\s+)?(?:for|of)?\s*(?:me\s+)?to|advise\s+me\s+to|recommend\s+(?:that\s+i|me\s+to))\s+(?:be\s+)?(?:\w+\s+){0,3}?"
    rf"(?:move|moving|relocat\w*|housing|apartment|apartments|lease|visa|orientation)\b(?![^.?!]*\b{OCCASION}\b)"
    r"[^.?!]*?\b(?:your|you|xprogx)\b",
    rf"\bi\s+(?:am|will\s+be)\s+(?:going|heading|moving|coming)\s+to\s+(?:your\s+(?:program|city)|xprogx)\b"
    rf"(?![^.?!]*\b{OCCASION}\b)",
)

# The odds and a match with the program in one sentence: "What are the chances that I will match with you?",
# "Is matching with you realistic?" (read by ``_odds_of_matching_there``)
_ODDS_NAMED = re.compile(rf"\b{ODDS}\b")
_LINK = re.compile(r"\b(?:of|for|at|to|that|i|me|my|about|in|is|are|with|on)\b")
_ODDS_AFTER = re.compile(r"[^.?!]*\b(?:within\s+reach|out\s+of\s+reach|realistic|likely|possible|a\s+long\s+shot|"
                         r"chance|hope|shot)\b")
_SENTENCE_END = re.compile(r"[.?!]")


def _odds_of_matching_there(clause: str) -> bool:
    """The odds, a word linking them, then a match with the program in the same sentence; or that match, then odds."""
    for odds in _ODDS_NAMED.finditer(clause):
        stop = end.start() if (end := _SENTENCE_END.search(clause, odds.end())) else len(clause)
        link = _LINK.search(clause, odds.end(), stop)
        there = link and next((m for m in MATCHING_THERE.finditer(clause, link.end())
                               if m.start() == 0 or not clause[m.start() - 1].isalnum()), None)
        if there and there.start() <= stop:
            return True
    return any(_ODDS_AFTER.match(clause, there.end()) for there in MATCHING_THERE.finditer(clause))


def asks_rank(read: str, clause: str) -> str | None:
    """What a clause asks of the program's list (``read`` is the whole sentence, for its question mark), or None."""
    if DISCLAIMER.search(clause) and "?" not in clause:
        return None
    if RECORD.search(clause) and not re.search(r"\b(?:your|you)\b", clause):
        return None
    if _ASKS_RANK.search(clause) or _placed_me(clause):
        return "Asks how the program will rank you or where you stand"
    asked = re.search(ASK, clause) or "?" in read or QUESTION_START.search(clause) or re.search(
        r"\b(?:make\s+sure|hope|hoping|hoped)\b", clause)
    if asked and _ASKS_STANDING_STATED.search(clause) and not RECORD.search(clause):
        return "Asks where you stand on the program's list"
    if asked and _ASKS_TAKEN.search(clause):
        return "Asks whether the program will take you"
    if asked and _PROGRAM_RANKS.search(clause) and _ABOUT_ME.search(clause):
        return "Asks how the program will rank you or where you stand"
    return None


# Asking about an errand asks nothing of the program's list: "..., and I wanted to ask about housing."
_ASKED_ABOUT_ERRAND = re.compile(
    r"\b(?:ask|asking|asked|inquire|inquiring|question|questions)\s+(?:you\s+)?(?:a\s+few\s+\w+\s+)?(?:about|regarding|"
    r"on|after)\s+(?:the\s+|your\s+|a\s+|an\s+|my\s+)?(?:\w+\s+)?(?:housing|apartments?|parking|orientation|salary|"
    r"benefits|vacation|schedules?|rotations?|curriculum|childcare|transport|commute|moving|relocation|insurance|"
    r"paperwork|licen[sc]e|onboarding)\b")


def asks_odds(read: str, clause: str) -> str | None:
    """``clause`` is read without its conditions: "If I match with you, when is orientation?" asks no odds."""
    if DISCLAIMER.search(clause) and "?" not in clause:
        return None
    asked = re.search(ASK, _ASKED_ABOUT_ERRAND.sub(" ", read)) or "?" in read or QUESTION_START.search(clause)
    if asked and ((_ODDS_WORDS.search(clause) and (_ASKS_ODDS.search(clause) or _odds_of_matching_there(clause)))
                  or (_PLANS_FOR_THERE.search(clause) and not CONDITION.search(read))):
        return "Asks your chances of matching there"
    return None
