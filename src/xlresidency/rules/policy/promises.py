"""What an applicant may not promise a program: a place on their own rank list, a singular first choice, a
commitment to take a position.
"""

from __future__ import annotations

import re

from .lexicon import (
    ADV,
    LIST,
    MY_LIST,
    NOT_A_LIST_TOP,
    NOT_LIST_OF,
    PROG_NOUN,
    PROG_REF,
    PROG_SUBJ,
    PUBLIC_RANKING,
    PUT,
    RANK,
    RECORD,
    alternatives,
    position_after,
)
from .wording import PROG

# The applicant places the program: "I will rank you first", "you are first on my list"
_PROMISES_RANK = alternatives(
    # (I) rank / put / have <the program> first, at the top, highly, above the others
    rf"\b(?:{RANK})\s+{PROG_REF}\s+(?:as\s+)?(?:my\s+)?(?:first|top|highest)\b",
    rf"\b(?:{RANK}|{PUT})\s+{PROG_REF}\s+(?:\w+\s+){{0,2}}?(?:as\s+)?my\s+(?:first|top|favorite)\b",
    # <the program> is / will be / sits / goes (ranked) first, top, number one, at the top of my list
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:is|are|was|were|be|been|being|remains?|remained|stays?|sits?|goes|go|"
    r"going|went|comes?|ranks?|ranked|lands?|ends?\s+up|appears?|moved|climbed|got|get|gets|has|have|earns?|"
    rf"earned|deserves?)\s+{ADV}*(?:ranked\s+|listed\s+|placed\s+|put\s+|slotted\s+|up\s+|moved\s+up\s+)?"
    r"(?:(?:at|to)\s+the\s+(?:very\s+)?(?:head|front|summit|peak|pinnacle|apex)\s+of\s+my|(?:at|to|on|"
    rf"in)\s+(?:the\s+)?(?:very\s+)?top(?!\s+(?:of\s+(?:the\s+|their\s+|his\s+|her\s+)?{NOT_A_LIST_TOP}|notch|quality|"
    r"tier\s+(?:program|hospital)|institutions|programs|places|ones))|on\s+top"
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
    r"(?<=ranked\s)first\b|(?<=placed\s)first\b|(?<=listed\s)first\b|my\s+first\s+place|the\s+number\s+"
    r"first\s+(?:program\s+)?(?:on|for)\s+me|first\s+place\s+on\s+my)",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,6}}?(?:tops?|topped|heads?|headed|leads?|led)\s+my\s+(?:{LIST}|"
    rf"list)\b{NOT_LIST_OF}",
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
    rf"\b(?:pleased|happy|disappointed|surprised)\s+(?:with|by|about)\s+(?:(?:how|where)\s+i\s+(?:\w+\s+)?(?:rank|"
    rf"list|put|place)|my\s+{LIST})",
    rf"\b(?:rank\s+list|list)\s+(?:with|containing|that\s+has|having)\s+only\s+(?:{PROG_REF}|yours)",
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
    rf"\bmy\s+(?:{LIST}|list)(?!\s+of\b)\s+(?:\w+\s+){{0,2}}?(?:starts?|begins?|opens?|is\s+headed|leads?\s+off)"
    r"(?:\s+and\s+(?:ends?|finishes|closes))?\s+with\b",
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
    r"measures?\s+up|measured\s+up|holds?\s+a\s+candle|"
    rf"comes?\s+before|compares?|better\s+than)\s+(?:\w+\s+)?(?:{PROG_REF}|yours|it)\b",
    rf"\b(?:no|none|nothing|nowhere|nobody|no\s+one)\s+(?:\w+\s+){{0,6}}?(?:will|would|is|going\s+to)\s+"
    rf"(?:\w+\s+){{0,2}}?(?:outrank|top|beat|surpass)\s+(?:{PROG_REF}|yours)",
    r"\bthere\s+is\s+no\s+(?:other\s+)?(?:program|place|hospital|one)\s+(?:that\s+)?i\s+(?:would|will|could)\s+"
    r"(?:\w+\s+)?(?:rank|put|place|list)\s+(?:\w+\s+)?(?:higher|above|ahead|first|over)",
    rf"\b(?:can\s+not|could\s+not)\s+imagine\s+(?:ranking|putting|placing|listing)\s+(?:any|another|anyone|"
    rf"anything)\s+(?:\w+\s+){{0,2}}?(?:above|ahead\s+of|over|higher\s+than|before)\s+(?:{PROG_REF}|yours)",
    rf"\b(?:can\s+not|could\s+not)\s+(?:imagine|see)\s+(?:any|another|anyone|anything)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:outranking|beating|topping|above|ahead\s+of|over|ranked\s+above)\s+(?:{PROG_REF}|yours)",
    rf"^(?:first|top|number\s+first|at\s+the\s+top|at\s+number\s+first|the\s+top\s+spot)\s*(?:choice|pick|spot|place|"
    rf"program)?\s*[:=-]\s*(?:{PROG_REF}|yours)\b",
    r"\bmy\s+vote\s+for\s+(?:first|top|number\s+first|the\s+top)\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,2}}?(?:going|go|goes|be|is|are)\s+(?:at|to|in)\s+(?:first|"
    r"number\s+first)\s*(?:$|[,.;:?])",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:at|to)\s+the\s+(?:very\s+)?front\s+of\s+(?:it|my|the\s+line)",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:leading|leads|lead|heading|heads|topping|tops)\s+my\s+(?:\w+\s+)?(?:list|"
    rf"rank\s+list|ranking){NOT_LIST_OF}",
    rf"\b(?:my|the)\s+(?:\w+\s+)?(?:rank\s+list|list)\b[^.?!]*\b(?:{PROG_REF}|yours)\b[^.?!]*\b(?:at|to)\s+the\s+"
    r"(?:very\s+)?front\b",
    rf"\b(?:rank|list|put|place)\s+(?:it|you|them|your\s+\w+|{PROG})\s+(?:that\s+way|accordingly|as\s+such)\b",
    r"\bnot\s+(?:\w+\s+){0,3}?(?:rank|ranking|put|putting|list|listing|place|placing)\s+(?:any|anyone|anybody|anything|"
    r"another)\s+(?:\w+\s+){0,2}?(?:first|number\s+first|at\s+the\s+top|above|higher|ahead|over)",
    r"\b(?:no\s+one|nobody|nothing|no\s+other\s+\w+|none)\s+(?:else\s+)?(?:\w+\s+){0,3}?(?:make\s+it|reach|get|be|"
    r"go)\s+"
    rf"(?:to\s+|into\s+)?(?:the\s+)?(?:top|first)\s+(?:of|on|spot|place)\s+(?:{MY_LIST}|my\s+\w+)",
    rf"\b(?:choose|chose|prefer|pick|picked|want|take|select|favor)\s+(?:{PROG_REF}|yours)\s+(?:\w+\s+)?(?:over|to|"
    r"above|"
    r"before|ahead\s+of)\s+(?:any|every|all)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:other|others|programs?|places?)\b",
    r"\b(?:no|not\s+a\s+single|not\s+one)\s+(?:other\s+)?(?:program|place|hospital|"
    r"residency)\b[^.?!]*\brather\b[^.?!]*"
    rf"\bthan\s+(?:{PROG_REF}|yours|at\s+(?:{PROG_REF}|yours))",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?my\s+(?:clear\s+|current\s+)?(?:frontrunner|front\s+runner)\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?the\s+(?:program|one|place)\s+to\s+beat\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+)?(?:is|are|remains?|will\s+be|has\s+been)\s+(?:\w+\s+)?my\s+(?:first|top|highest|"
    r"number\s+first|main|biggest|single\s+biggest)\s+priority\b",
    # wanting the program more than any other is a first place in other words
    rf"\b(?:{PROG_REF}|yours)\b[^.?!]*\bmore\s+than\s+(?:anywhere|any\s+other|anything|all\s+(?:the\s+)?others?|"
    r"every\s+other|"
    r"any\s+place|anyone)\b|\bmore\s+than\s+(?:anywhere|any\s+other\s+\w+|all\s+(?:the\s+)?others?|"
    r"every\s+other\s+\w+)\b"
    rf"[^.?!]*\b(?:{PROG_REF}|yours)\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?the\s+(?:program|one|"
    r"place)\s+(?:that\s+)?i\s+(?:\w+\s+)?(?:most\s+want|want\s+"
    r"(?:\w+\s+){0,3}?(?:the\s+)?most|most\s+(?:hope|wish|like|prefer))",
    rf"\bmy\s+(?:first|number\s+first|top|biggest|main|only)\s+goal\s+is\s+to\s+(?:match|train|be)\s+(?:with|at|in)\s+"
    rf"(?:{PROG_REF}|yours)|\bmatch\w*\s+(?:with|at)\s+(?:{PROG_REF})\s+is\s+my\s+(?:first|number\s+first|top|"
    r"biggest|main|"
    r"only)\s+goal",
    r"\bmy\s+(?:rank\s+)?list\s+will\s+(?:show|reflect|say|prove)\s+(?:it|that|this|as\s+much)\b",
    # a heart set on the program, a choice made
    rf"\b(?:my\s+heart\s+is\s+set|set\s+my\s+(?:heart|sights))\s+on\s+(?:matching\s+(?:with|at)\s+)?(?:{PROG_REF}|"
    r"yours)\b",
    rf"\b{PROG_SUBJ}\s+(?:are|is)\s+(?:\w+\s+)?the\s+one\b(?=\s*(?:$|[,.;:!]|for\s+me|no\s+question|for\s+sure))",
    rf"\bmade\s+(?:my|our)\s+(?:choice|decision|pick)\s*(?:[,:;-]|and\b)\s*(?:\w+\s+){{0,3}}?(?:{PROG_REF}|yours)\b",
    rf"\b(?:my\s+mind\s+is\s+made\s+up|my\s+choice\s+is\s+(?:clear|made|simple|easy)|the\s+decision\s+is\s+made)\s*"
    rf"(?:[,:;-]|and\b)\s*(?:\w+\s+){{0,3}}?(?:{PROG_REF}|yours)\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+)?(?:get|gets|have|has|earn|earns|win|wins)\s+my\s+vote\b",
    # the only program for me
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+)?(?:is|are|remains?)\s+(?:\w+\s+)?the\s+only\s+(?:program|one|place|"
    r"residency)\s+"
    r"(?:for\s+me|(?:that\s+|where\s+)?i\s+(?:\w+\s+)?(?:want|would|will|am|could|can|see|hope|wish|care|consider|"
    r"like)\w*)",
    rf"\bi\s+(?:am\s+)?only\s+(?:want|interested|considering|applying|going|hope|wish|care)\w*\s+(?:\w+\s+){{0,3}}?"
    rf"(?<!thank\s)(?:{PROG_REF}|yours)",
    r"\bno\s+other\s+(?:program|place|hospital|residency)\s+(?:is|was|will\s+be)\s+(?:\w+\s+)?(?:in\s+the\s+picture|"
    r"on\s+my\s+"
    r"radar|in\s+(?:the\s+)?running|an\s+option|even\s+close)",
    r"\bnot\s+(?:\w+\s+)?considering\s+(?:any\s+)?other\s+programs?\b",
    rf"\bonly\s+one\s+(?:program|place|residency)\s+for\s+me\b[^.?!]*\b(?:{PROG_REF}|yours)\b",
    rf"\bmy\s+(?:ranking|rank|placement)\s+of\s+(?:{PROG_REF}|yours)\b(?!')",
    r"\b(?:rank|list)\w*\s+(?:you\s+|it\s+|them\s+)?accordingly\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:\w+\s+){{0,2}}?(?:expect|anticipate|look\s+forward\s+to)\s+(?:\w+\s+)?(?:good|"
    r"great|happy)\s+"
    r"news\s+from\s+me\b",
    r"\blet(?:'s|\s+us|\s+me)\s+match\b(?!\s+(?:the|my|a|your|our|up|it)\b)",
    r"\b(?:ranking|list|order|ordering)\s+of\s+(?:the\s+)?programs\b[^.?!]*\b(?:yours|your\s+program|"
    r"xprogx)\s+(?:\w+\s+)?"
    r"(?:leads|tops|heads|comes\s+first|is\s+first|is\s+on\s+top)",
    r"\bguess\s+(?:who|which\s+program)\s+(?:is\s+|my\s+)?(?:first|number\s+first|top|at\s+the\s+top)\b",
    rf"\b(?:anything|nothing)\s+(?:other\s+than|but|less\s+than|lower\s+than)\s+first\s+(?:for|on)\s+(?:{PROG_REF}|"
    r"yours)",
    # any word about the program's place on the applicant's own list is a hint of it
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,6}}?(?:on|in|at|onto|into)\s+(?:my|our)\s+(?:\w+\s+)?(?:rank\s+list|list|"
    r"ranking)\b"
    rf"{NOT_LIST_OF}",
    r"\byou\s+(?:\w+\s+){0,4}?(?:pleased|happy|like|love|disappointed|worry|thrilled|delighted|surprised)\b[^.?!]*"
    r"\b(?:my\s+(?:\w+\s+)?(?:rank\s+list|list|ranking)\b(?!\s+of)|match\s+day)",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:up\s+)?(?:near|close\s+to|toward|towards)\s+the\s+(?:very\s+)?top\b"
    rf"(?!\s+of\s+(?:the\s+|their\s+)?{NOT_A_LIST_TOP})",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,2}}?right\s+up\s+there\s+(?:on|in)\s+my",
    # the only program I will rank
    rf"\b(?:only|just)\s+(?:(?:intend|plan|want|mean|going|hope)\w*\s+to\s+)?(?:rank|ranking|list|listing)\s+"
    rf"(?:{PROG_REF})\b(?!'s)",
    # the program will not be ranked below any other; it is my only choice
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,2}}?not\s+(?:be\s+)?(?:ranked\s+|listed\s+|placed\s+|put\s+)?(?:below|behind|"
    r"lower\s+than|under|after|beneath)\s+(?:any|another|anyone|anything|the\s+others|others)\b",
    rf"\b{PROG_SUBJ}\s+(?:\w+\s+){{0,2}}?(?:is|are|be|remains?)\s+(?:\w+\s+)?my\s+(?:one\s+and\s+)?(?:only|sole)\s+"
    r"(?:choice|pick|option|program|preference)\b(?!\s+(?:of|for)\b)",
    rf"\b(?:rank|list|ranking)\s+only\s+(?:{PROG_REF})\b",
    rf"\b(?:{PROG_REF}|yours)\s+(?:is|are|will\s+be)\s+the\s+only\s+(?:program|place|one)\s+(?:that\s+)?i\s+"
    r"(?:\w+\s+){0,3}?(?:rank|list)",
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

# Ranking or putting the program (first, at the top, above the others), read by ``_placed_program``: "I will rank you
# first", "ranking your program first was easy"; "yours is the program I will rank first"
_PUT_PROGRAM = re.compile(rf"\b(?:{RANK}|{PUT})\s+{PROG_REF}\s+")
_PROGRAM_I_PUT = re.compile(rf"\b(?:{PROG_REF}|yours)\s+(?:is|are|will\s+be)\s+the\s+(?:program|one|place)\s+"
                            r"(?:that\s+)?i\s+(?:\w+\s+){0,3}?(?:rank|list|put|place)\s+")


def _placed_program(clause: str) -> bool:
    """The clause ranks or puts the program at a position."""
    return any(position_after(clause, put.end(), 3) for put in _PUT_PROGRAM.finditer(clause)) \
        or any(position_after(clause, put.end(), 1) for put in _PROGRAM_I_PUT.finditer(clause))


# Words without which no promise of a place, and no question of odds, can be read: a quick first look
_PLACES = re.compile(r"\b(?:first|top|tops|topped|high|highly|higher|highest|above|ahead|over|before|only|just|"
                     r"second|third|number|favor|same|each|way|accordingly|such|heads?|leading|front|rather|"
                     r"prefer\w*|summit|"
                     r"peak|pinnacle|apex|frontrunner|beat|"
                     r"choose|chose|pick|others?|"
                     r"outranking|heading|topping|vote|headed|leads?|led|starts?|begins?|opens?|outranks?|beat|surpass|"
                     r"better|compares?|close|choice|pick|spot|slot|place|position|ranking|vote|name|disappointed|"
                     r"below|behind|"
                     r"after|under|lower|beneath|"
                     r"pleased|happy|surprised|where|measures?|measured|candle|my|near|disappointed|worry|like|love|"
                     r"more|most|"
                     r"goal|picture|radar|considering|interested|want|heart|sights|one|choice|decision|made|mind|"
                     r"accordingly|"
                     r"news|let's|let)\b")

# The three together, in any order, make a promise the patterns above have not read: the program, the applicant's own
# list, and the top of it ("I'm going all in on your program: first on my list")
PROGRAM_NAMED = re.compile(rf"\b(?:you|yours|your\s+(?:\w+\s+)?{PROG_NOUN}|{PROG})\b")
_MY_LIST_NAMED = re.compile(r"\bmy\s+(?:\w+\s+)?(?:rank\s+list|list|ranking)\b(?!\s+of\b)"
                            r"|\bwhen\s+i\s+(?:certify|submit)\b")
TOP_PLACE = re.compile(r"\b(?:first(?!\s+(?:time|year|day|week|month|visit|interview|impression|author|language|"
                       r"thing|half|rotation|step|draft|to|of\s+all|and\s+foremost|hand|rate|class|floor))|"
                       r"top(?!\s+(?:notch|priority|priorities|concern|question|reason|"
                       r"three\s+reasons|floor))|number\s+first|highest|front|head|lead|leading|outrank\w*)\b")

# A list of other things: "first on my list of things to see"
LIST_OF = re.compile(r"\blist\s+of\s+(?!applicants|candidates|programs|interviewees)\w+[^,.;:?!]*")
# Interest in a group names no place: "one of my top choices", "a top choice for me"
GROUP = re.compile(r"\b(?:one\s+of|among|some\s+of|several\s+of|any\s+of|all\s+of)\s+(?:my|the)\s+(?:very\s+)?"
                   r"(?:top|first)\s+\w+|\ba\s+(?:very\s+)?top\s+(?:choice|pick|program|option)\b"
                   r"|\b(?:top|first)\s+(?:choices|picks|programs)\b")
TOP_STRONG = re.compile(r"(?<!again\s)(?<!even\s)\b(?:first|top|number\s+first|highest)\b"
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
    r"hospital|slot|ranking|rank|candidate|vote|target|contender)\b(?!\s+(?:(?:of|for)\s+(?:a\s+|"
    r"the\s+)?(?:\w+\s+)?)?(?:date|day|"
    r"time|dates|days|visit|elective|electives|rotation|rotations|clinic|site|sites|vacation|track|block|specialty|"
    r"subspecialty|fellowship|fellowships|field|career|city|session|tour)\b)"
    r"|(?:for\s+sure|no\s+doubt|right\s+now|by\s+far|without\s+question|(?:on|in)\s+(?:the|my)\s+(?:rank\s+)?list|"
    r"since|all\s+along|from\s+the\s+start|throughout|this\s+season|and\s+always|when|once|on\s+match\s+day)\b"
    r"|(?:and|,)\s+)")
# A commitment: "I will accept a position", "I promise to rank you first", "you have my word"
_COMMITS = alternatives(
    r"\bi\s+am\s+(?:all\s+)?yours\b(?!\s+(?:for\s+(?:the|a|an|as)\b|to\s+\w+|until|till|all\s+day))",
    r"\bif\s+you\s+(?:will\s+|would\s+)?(?:have|want|take)\s+me\b(?!\s+(?:to|for|at|on|around|through))[^.?!]*\bi\s+"
    r"(?:am|will|would)\b",
    r"\bi\s+(?:would|will)\s+(?:\w+\s+)?sign\s+(?:with\s+you|on\s+the\s+dotted\s+line)",
    r"\bi\s+(?:would|will)\s+(?:\w+\s+)?say\s+yes\b[^.?!]*\boffer|\boffer\w*\b[^.?!]*\bi\s+(?:would|will)\s+(?:\w+\s+)?"
    r"say\s+yes\b",
    r"\bi\s+(?:would|will)\s+(?:\w+\s+)?accept\s+(?:it\s+)?(?:in\s+a\s+heartbeat|immediately|right\s+away|without\s+"
    r"hesitation|on\s+the\s+spot|at\s+once)",
    r"\boffer\s+me\s+(?:a|the|your)\s+(?:\w+\s+)?(?:spot|position|place|"
    r"contract)\s+and\s+i\s+will\s+(?:\w+\s+)?(?:take|"
    r"accept|sign|come)",
    r"\bi\s+will\s+(?:\w+\s+)?(?:attend|come\s+to|join)\s+(?:your|xprogx)\s+(?:\w+\s+)?(?:no\s+matter\s+what|"
    r"regardless|"
    r"whatever\s+happens)",
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
    r"ranking|listing|your|you)\b))(?!\s+(?:confidentiality|to\s+(?:serving|my\s+patients|patient)))"
    r"(?!\s+(?:that\s+)?(?:i|we)\s+(?:will|would|can|shall)\s+(?!(?:\w+\s+){0,2}?(?:rank|list|put|place|come|join|accept|"
    r"sign|match|choose|be\s+(?:ranking|listing|coming|joining)|you|your|xprogx)\b))",
    r"\b(?:you\s+have|i\s+give\s+you)\s+my\s+(?:word|commitment|promise|guarantee)\b",
    r"\byou\s+can\s+(?:count\s+on|be\s+sure|be\s+certain|rest\s+assured|rely\s+on)\b[^.?!]*\b(?:rank|ranking|"
    r"first|top|list)\b",
    r"\bcount\s+on\s+me\s+to\s+(?:rank|put|list|place)\b",
    r"\b(?:commit|commits|committed)\s+to\s+(?:you|your\s+\w+|xprogx|ranking)\b",
    r"\brest\s+assured\b[^.?!]*\b(?:first|top|rank|list)\b",
    r"\bi\s+can\s+assure\s+you\b[^.?!]*\b(?:first|top|rank|list)\b",
)


def promises(clause: str) -> str | None:
    """What a clause promises the program (a place on the list, a first choice, a commitment), or None."""
    if RECORD.search(clause) and not re.search(rf"\b(?:your|you|{PROG}|my\s+(?:rank\s+)?list)\b", clause):
        return None
    if PUBLIC_RANKING.search(clause) and not re.search(r"\bmy\s+(?:rank\s+)?list\b", clause):
        return None
    if _PLACES.search(clause) and (_PROMISES_RANK.search(clause) or _placed_program(clause)):
        return "Promises a rank position to the program"
    if _FIRST_CHOICE.search(clause):
        return "Promises a rank by calling the program your first choice"
    if PROGRAM_NAMED.search(clause) and _MY_LIST_NAMED.search(clause) and TOP_PLACE.search(LIST_OF.sub(" ", clause)):
        return "Promises a rank position to the program"
    if _COMMITS.search(clause):
        return "Promises a commitment to the program"
    return None
