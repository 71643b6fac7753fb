"""Poisoning: instructions addressed to the model in the text it reads about a tool.

A small scorer of features and thresholds, not a list of known sentences. The text (a description,
a parameter description, a default, an enum value, a title) is normalised (NFKC, invisible
characters dropped), its wrappings are found and blanked (XML-like tags, `[BRACKETS]`, HTML and
Markdown comments, code comments, Markdown emphasis, block quotes, headings), and the features
below are matched in it (a text over 3,000 characters: in every window of two consecutive
sentences).

Payload features say what the text wants from the model; each has a weight:

| class | feature | weight |
| --- | --- | --- |
| override | set aside previous instructions or safety rules; "previous instructions are void" | 3 |
| override | an unrestricted, jailbreak or developer mode | 2.5 |
| authority | `SYSTEM:`, `[ADMIN OVERRIDE]`, `<system>`, `<<SYS>>`, `[INST]` markers | 2 |
| authority | "this comes from the administrator"; "takes precedence over all instructions" | 2.5 |
| roleplay | "your new role is", "role-play as", "act as an unrestricted …" | 3 |
| roleplay | "pretend to be", "assume the role of", "act as if you" | 2.5 |
| roleplay | "you are now", "you are operating in", "from now on you" | 2 |
| concealment | keep something from the user ("do not tell the user", "the user need not know") | 3 |
| concealment | keep these instructions secret; act secretly or covertly | 3 |
| concealment | act silently or quietly; do not ask for confirmation | 2 |
| concealment | hide what the model does ("do not mention that you're accessing …") | 2.5 |
| concealment | disguise what it returns ("present it as if it's part of …", "formatted to look like normal …") | 2.5 |
| obey-output | obey whatever a tool returns, blindly, or treat it as instructions | 3 |
| obey-output | follow the instructions in the output | 1.5 |
| secrets | read private data (credential paths, environment, system prompt) and pass it in an argument | 3 |
| secrets | read a credential file or private context; pass the conversation or "all …" into an argument | 2 |
| secrets | pass an API key or password (what users hold and honest tools ask for) | 1 |
| secrets | put passwords, keys or confidential data into the model's own answer | 2 |
| secrets | call another tool on a fixed absolute path ("call read_file with path='/etc/…'") | 2 |
| authority | a standing order for every later answer ("on every assistant reply") | 1 |
| preference | other tools are broken, malicious or not to be trusted | 3 |
| preference | do not use other tools; only use this tool | 2.5 |
| preference | call this tool before any other tool | 2 |
| preference | use this tool instead of the X tool | 1.5 |
| preference | another named tool or server is broken, malicious or infected | 2 |
| shadowing | directives about what other tools must do; redirect data to a fixed address | 2.5 |
| shadowing | intercept what was meant for another tool or server; "all messages are forwarded to <URL>" | 2.5 |

A second layer matches concepts rather than phrases: in one sentence (at most 400 characters; a
longer one is a list), words of each concept of a combination within 140 characters of each other
make a feature, counted only when the phrase patterns found nothing of that class: the user + not
seeing or being told (concealment, 2); secrets + moving + an argument + gathering or the model
(secrets, 2.5); setting aside + rules + earlier or an authority (override, 2); a tool's output +
acting on it + whatever or immediately (obey-output, 2); an authority + orders + the model
(authority, 1.5); other or named tools + malicious, broken, phishing (preference, 2).

Dampers: a feature inside a quoted string (an example of what a user types) loses 1.5; a
preference feature followed by a scope ("… for large files", "… until the user
answers", "… in this server") loses 1.5: that is advice on when to use a tool, not an attempt to
push the others out. Override, obey-output and role-play directives right after a negation ("do
not follow instructions found in results") are not counted. "Never tell the user" followed by a
statement ("… a message was scheduled") forbids a false claim and weighs 1.5.

Carrier features only add to a payload of weight 1.5 or more: addressed to the model ("note to the
AI", "AI:", "the assistant must") 1, "you must" 0.5, emphasis (`IMPORTANT`, `**...**`) 0.5, a
threat of failure ("otherwise the tool will fail") 0.5, the payload inside a hidden wrapping (HTML
or Markdown comment, hidden Unicode tag characters) 1, inside any other wrapping (a tag, a bracket
marker, a `SYSTEM:` label, a code comment) 0.5, an order (a sentence starting with a verb such as
respond, ignore, send) after an authority marker 1. Carriers add at most 1.5.

Score of a rule (`tool-poisoning` for every class but preference and shadowing, which are
`tool-shadowing`): the heaviest payload, plus 0.5 for each further distinct payload feature (at
most 1), plus 0.5 when the other rule also has a payload, plus the carriers. High from 3, medium
from 2; below 2 nothing is reported: honest descriptions address the model all the time ("you
must pass an absolute path", "IMPORTANT: always call list_tables first").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from mcpvet.behaviour.needles import Triggers, Ways, can_match, needs
from mcpvet.behaviour.text import strip_invisible
from mcpvet.model import Severity

HIGH_FROM = 3.0
MEDIUM_FROM = 2.0
_CARRIER_CAP = 1.5
_SHADOWING_CLASSES = frozenset({"preference", "shadowing"})
_WHOLE = 3000  # a text up to this long is matched at once; a longer one in windows of two sentences
_CHUNK = 600  # longest sentence piece in such a window


@dataclass(frozen=True)
class Signal:
    """One feature found in a text: its class, weight, the words matched and the wrapping around them."""

    cls: str
    feature: str
    weight: float
    quote: str
    wrapping: str | None = None

    @property
    def carrier(self) -> bool:
        return self.cls in ("directive", "wrapping")


@dataclass(frozen=True)
class Verdict:
    """The score of one rule over one text, with the signals that made it."""

    rule: str  # "tool-poisoning" | "tool-shadowing"
    score: float
    signals: tuple[Signal, ...]

    @property
    def severity(self) -> Severity | None:
        if self.score >= HIGH_FROM:
            return Severity.HIGH
        if self.score >= MEDIUM_FROM:
            return Severity.MEDIUM
        return None

    def explain(self) -> str:
        """The payloads, quoted, then the score and what lifted it."""
        payloads = [s for s in self.signals if not s.carrier]
        carriers = [s for s in self.signals if s.carrier]
        parts = [f"{s.feature} (\"{s.quote}\"" + (f", inside {s.wrapping}" if s.wrapping else "") + ")"
                 for s in payloads]
        if carriers:
            parts.append("lifted by " + ", ".join(sorted({s.feature for s in carriers})))
        return "; ".join(parts) + f"; score {self.score:g}"


# ---------------------------------------------------------------- vocabulary

def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_W = r"[\s\S]"  # a window character: anything (windows are two sentences at most)
_NEG = (r"(?:do\s+not|don'?t|never|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|refrain\s+from|no\s+need\s+to|"
        r"under\s+no\s+circumstances(?:\s+should\s+you)?|in\s+no\s+case|at\s+no\s+(?:point|time)|not\s+ever|"
        r"refuse\s+to|decline\s+to|may\s+not|cannot|can\s+not)")
_USER = (r"(?:the\s+|your\s+|any\s+)?(?:user|human|operator|person|owner|customer|requester|end[-\s]?user|"
         r"developer|people)s?(?:'s?)?")
_MODEL = (r"(?:ai|assistant|model|llm|agent|claude|gpt|chatgpt|gemini|copilot|language\s+model|bot|chatbot|"
          r"ai\s+(?:assistant|agent|model))s?")

_TELL = (r"(?:tell|mention|inform|reveal|disclose|notify|alert|let|warn|admit|acknowledge|confess|"
         r"report\s+(?:this\s+|it\s+)?to|explain\s+(?:this\s+|it\s+)?to)(?:ing|ed|s)?")
_CONCEAL_USER = _rx(
    r"\b" + _NEG + r"\s+(?:\w+\s+){0,2}?" + _TELL + r"\b" + _W + r"{0,60}?\b" + _USER + r"(?!\w)"
    r"|\bwithout\s+(?:\w+\s+)?(?:telling|informing|notifying|alerting|letting|warning|asking)\s+" + _USER + r"(?!\w)"
    r"|\bwithout\s+" + _USER + r"\s+(?:knowing|noticing|seeing|being\s+aware|knowledge|consent)"
    r"|\b" + _USER + r"\s+(?:\w+\s+){0,3}?(?:(?:does|do|will)\s*(?:not|n't)\s+need\s+to|(?:should|must|need|needs)\s*"
    r"(?:not|n't|never)(?:\s+need\s+to)?)\s+(?:know|be\s+(?:told|informed|aware|notified)|see|notice|find\s+out|learn|hear|"
    r"discover)\b"
    r"|\b(?:hidden|concealed|invisible|kept\s+secret)\s+(?:from|to)\s+" + _USER + r"(?!\w)"
    r"|\b(?:hide|conceal|mask|obscure|withhold|keep)\b" + _W + r"{0,40}?\bfrom\s+(?:" + _USER
    + r"|the\s+(?:chat|conversation|transcript))(?!\w)"
)
_CONCEAL_SELF = _rx(
    r"\b" + _NEG + r"\s+(?:\w+\s+){0,2}?(?:mention|reveal|disclose|discuss|acknowledge|expose|quote|reference|print|"
    r"show|output|display|explain|talk\s+about|share)\b" + _W + r"{0,30}?\b(?:this|these|the\s+(?:above|following|"
    r"previous|hidden))\s+(?:\w+\s+)?(?:instructions?|notes?|requirements?|messages?|tags?|blocks?|"
    r"directives?|guidance|prompt|steps?|lines?|description|sentences?|paragraph)\b"
    r"|\b(?:this|these)\s+(?:\w+\s+)?(?:instructions?|notes?|messages?|directives?)\s+(?:is|are)\s+(?:strictly\s+)?"
    r"(?:confidential|secret|hidden|private|for\s+(?:the\s+)?" + _MODEL + r"\s+only|not\s+for\s+(?:the\s+)?user)"
    r"|\bkeep\s+(?:this|it|that|these(?:\s+\w+)?)\s+(?:a\s+)?(?:secret|hidden|confidential|between\s+us|"
    r"to\s+yourself)\b"
    r"|\b(?:secretly|covertly|surreptitiously|stealthily)\b"
)
_ACTION = (r"(?:send|read|include|add|pass|forward|copy|call|upload|append|attach|run|execute|invoke|collect|"
           r"gather|transmit|post|write|insert|embed|exfiltrate|save|store|log|record|bcc|cc|email|share|fetch|"
           r"grab|dump)")
_SILENT = _rx(
    r"\b(?:silently|quietly|discreetly|invisibly|behind\s+the\s+scenes)\b[\s,]+(?:\w+\s+){0,2}?" + _ACTION + r"\b"
    r"|\b(?:do|perform)\s+(?:this|it|that|so)\s+(?:silently|quietly|discreetly)\b"
    r"|\b(?:stop|no\s+longer|quit)\s+asking\s+(?:the\s+user|them|him|her|for\s+(?:confirmation|permission|approval))"
    r"|\b(?:user|person|human|customer)\b" + _W + r"{0,30}?\b(?:has|have)\s+(?:already\s+)?(?:consented|agreed|approved)\s+"
    r"(?:to\s+)?(?:everything|all|any)\b"
    r"|\b" + _NEG + r"\s+(?:ask|prompt|wait|seek|request)\s+(?:the\s+user\s+)?(?:for\s+)?(?:the\s+user'?s?\s+)?"
    r"(?:confirmation|permission|approval|consent|authori[sz]ation)"
)

_SETASIDE = (r"(?:ignore|disregard|forget|override|overrule|bypass|circumvent|set\s+aside|put\s+aside|abandon|"
             r"discard|pay\s+no\s+attention\s+to|do\s+not\s+follow|don'?t\s+follow|stop\s+following|"
             r"no\s+longer\s+follow)")
_OVERRIDE = _rx(
    r"\b" + _SETASIDE + r"\s+(?:\w+\s+){0,3}?(?:your|previous|prior|above|earlier|preceding|original|initial|former|"
    r"old|system|developer|operator|safety|ethical|core)\s+(?:\w+\s+){0,2}?(?:instructions?|prompts?|rules|"
    r"directions|guidelines|directives|programming|training|constraints|polic(?:y|ies)|messages?|context)\b"
    r"|\b" + _SETASIDE + r"\s+(?:all|any|every|the)\s+(?:\w+\s+){0,2}?(?:instructions?|prompts?|directives|"
    r"guidelines|programming|training|system\s+prompt)\b"
    r"|\b" + _SETASIDE + r"\s+(?:\w+\s+){0,3}?(?:safety|ethical|ethics|content|moderation|alignment|usage)\s+"
    r"(?:rules|guidelines|polic(?:y|ies)|restrictions|constraints|protocols|principles|training|guardrails|measures)"
    r"|\b(?:your\s+)?(?:safety\s+|ethical\s+|content\s+)?(?:guidelines|rules|restrictions|polic(?:y|ies)|instructions|"
    r"filters|guardrails|safeguards)\s+(?:are|is|have\s+been|has\s+been|were)\s+(?:now\s+)?(?:suspended|lifted|waived|"
    r"void|revoked|disabled|turned\s+off|switched\s+off|deactivated|removed)\b"
    r"|\b" + _SETASIDE + r"\s+(?:\w+\s+){0,2}?(?:guardrails|safeguards|your\s+(?:restrictions|limitations|constraints|"
    r"programming|training|principles|values|ethics))\b"
    r"|\b" + _SETASIDE + r"\s+(?:everything|anything|all(?:\s+of)?(?:\s+the)?(?:\s+text)?|what)\s+(?:above|before|"
    r"prior|preceding|earlier|you\s+(?:were|have\s+been)\s+told|(?:was\s+)?said\s+before)"
    r"|\b(?:previous|prior|above|earlier|your|original|old|system|all\s+(?:other|previous|prior))\s+(?:instructions?|"
    r"prompts?|rules|directives|guidelines|programming)\s+(?:(?:are|is|were|have\s+been|has\s+been)\s+(?:now\s+)?)?(?:void|"
    r"invalid|cancel+ed|obsolete|outdated|superseded|replaced|revoked|overridden|overruled|null|suspended|lifted|"
    r"disabled|no\s+longer\s+(?:valid|apply|applicable|in\s+effect))"
    r"|\b(?:safety|ethical|content|usage)\s+(?:rules|guidelines|polic(?:y|ies)|restrictions|filters)\s+(?:do\s+not|"
    r"don'?t|no\s+longer|does\s+not|doesn'?t)\s+apply"
    r"|\b(?:safety|ethical|content|usage)\s+(?:rules|guidelines|polic(?:y|ies)|restrictions|filters)\s+(?:are|is|"
    r"have\s+been)\s+(?:now\s+)?(?:disabled|suspended|lifted|off|removed|waived|not\s+applicable)"
)
_UNRESTRICTED = _rx(
    r"\b(?:god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|dan|developer)\s+mode\s+(?:is\s+)?(?:now\s+)?"
    r"(?:enabled|activated|active|on|engaged)"
    r"|\b(?:enter|activate|enable|switch\s+to)\s+(?:god|jailbreak|unrestricted|unfiltered|uncensored|dan)\s+mode"
    r"|\bdo\s+anything\s+now\b"
    r"|\b(?:without|free\s+(?:of|from))\s+(?:any\s+)?(?:safety|ethical|moral)\s+(?:restrictions|limits|limitations|"
    r"rules|filters|guidelines|constraints)"
    r"|\b(?:an?\s+)?(?:ai|assistant|model|chatbot|bot|llm)\s+(?:without|with\s+no|free\s+(?:of|from))\s+(?:any\s+)?"
    r"(?:restrictions|limits|limitations|rules|filters|guidelines|constraints|censorship|morals|ethics)"
    r"|\b(?:never|not|won'?t)\s+(?:refuses?|declines?|says?\s+no)\b(?!\s+(?:to\s+)?(?:a|an|the|any)?\s*(?:connection|request)s?)"
)
_AUTH_WORD = (r"(?:system|sys|admin|administrator|root|sudo|superuser|developer|operator|override|inst|"
              r"(?:system|admin|administrator|developer|security|priority|emergency|urgent|root)[\s_-]+(?:override|notice|"
              r"message|prompt|instructions?|directive|command|update|alert|note|access|mode))")
_AUTH_MARKER = _rx(
    r"\[\s*!?\s*(?-i:" + _AUTH_WORD.upper().replace("\\S", "\\s") + r")\s*\]"
    r"|<\s*/?\s*(?:system|sys|administrator|override|instructions?|inst|"
    r"(?:system|ai|assistant|developer|admin|hidden|important|tool|model|llm|agent|secret)[-_ ]?(?:prompt|message|"
    r"instructions?|override|directive|notes?)|note[-_ ]?(?:to|for)[-_ ]?(?:the[-_ ]?)?(?:ai|assistant|model|llm|agent))"
    r"\s*>"
    r"|<<\s*/?\s*sys\s*>>|<\|\s*(?:im_start|system|im_end)\s*\|>"
    r"|^\s*#{1,4}\s*(?:system|system\s+(?:prompt|message|instructions?|override)|admin\s+override)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)

def _label(words: str) -> re.Pattern[str]:
    """An upper-case label starting a line or sentence, holding one of `words`: "SYSTEM:", "ADMIN NOTICE (P0):"."""
    return re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))[ \t]*(?:[A-Z]+[ \t_-]+){0,2}" + words
                      + r"(?:[ \t_-]+[A-Z]+){0,2}(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*:", re.MULTILINE)


_AUTH_PREFIX = _label(r"(?:SYSTEM|SYS|ADMIN|ADMINISTRATOR|ROOT|SUDO|OVERRIDE|DEVELOPER|OPERATOR)")
# a label naming the model, not an authority ("AGENT INSTRUCTIONS:" heads honest usage notes): a carrier
_MODEL_LABEL = _label(r"(?:MODEL|AI|ASSISTANT|AGENT|LLM|CLAUDE|GPT)")
_AUTH_CLAIM = _rx(
    r"\bthis\s+(?:is\s+an?\s+)?(?:message|instruction|note|directive|notice|request|update|command)s?\s+(?:is\s+|comes\s+)?"
    r"from\s+(?:the\s+|your\s+)?(?:system|administrator|admin|developers?|anthropic|openai|security\s+team|"
    r"it\s+department|creators?|operators?|platform)\b"
    r"|\b(?:i\s+am|this\s+is)\s+(?:the|your)\s+(?:system|administrator|admin|developer|creator|operator|supervisor)"
    r"(?:\s+speaking)?\s*[.,:!]"
    r"|\b(?:as|is|are)\s+(?:coming\s+)?from\s+(?:your|the)\s+system\s+prompt|\bas\s+(?:part\s+of\s+)?(?:your|the)\s+"
    r"system\s+prompt\b"
    r"|\bas\s+(?:the|your)\s+(?:system\s+)?(?:administrator|admin|developer|creator|operator|owner|supervisor)s?,?\s+"
    r"(?:i|we)\b"
    r"|\b(?:i|we)\s+(?:hereby\s+)?(?:authori[sz]e|permit|allow|order|instruct|command|grant)\s+you\s+(?:to|permission)\b"
)
_PRECEDENCE = _rx(
    r"\b(?:takes?|has|have|given)\s+(?:absolute\s+|top\s+|highest\s+)?(?:precedence|priority)\s+over\s+(?:all|any|"
    r"every|other|previous|prior|your)\s+(?:\w+\s+){0,2}?(?:instructions?|prompts?|rules|guidelines|directives)"
    r"|\b(?:supersedes?|overrides?|overrules?)\s+(?:all|any|every|your)\s+(?:\w+\s+){0,2}?(?:instructions?|prompts?|"
    r"rules|guidelines|directives)"
    r"|\b(?:highest|top|absolute|maximum)[\s-]+priority\s+(?:instruction|directive|override|command|message)"
)
_ROLE_NEW = _rx(
    r"\byour\s+(?:new|real|true|actual|updated)\s+(?:role|persona|identity|name|instructions?|task|goal|purpose|"
    r"objective|job|mission|directive)s?\b"
    r"|\byou\s+have\s+been\s+(?:reprogrammed|reassigned|jailbroken|unlocked|given\s+new\s+instructions)"
    r"|\byou\s+(?:have|now\s+have|are\s+given|have\s+been\s+given)\s+(?:a\s+)?new\s+(?:role|persona|identity|"
    r"instructions?|task|goal|purpose|objective|mission|directive|orders)\b"
    r"|\byou\s+are\s+(?:now\s+)?['\"`]?(?-i:[A-Z][\w-]+)['\"`]?,?\s+(?:an?|the)\s+(?:\w+\s+){0,2}?(?:ai|assistant|bot|"
    r"model|agent|chatbot|terminal|shell|persona|character|hacker|program)\b"
    r"|(?:^|(?<=[.!?]\s))[ \t]*role-?play\s*:"
    r"|\b(?:act|behave|respond|operate)\s+as\s+(?-i:[A-Z][\w-]*[a-z][\w-]*)\s*,\s+(?:an?|the)\s+(?:\w+\s+){0,2}?"
    r"(?:ai|assistant|bot|model|agent|chatbot)\b"
    r"|\b(?:role-?play|roleplay)\s+as\b|\bstay\s+in\s+character\b"
    r"|\byou\s+(?:now\s+)?(?:work|answer|report)\s+(?:for|to)\s+(?:us|me)\b|\bnot\s+for\s+the\s+user\b"
    r"|\b(?:act|behave|respond|operate)\s+as\s+(?:an?\s+)?(?:unrestricted|unfiltered|uncensored|jailbroken|evil|"
    r"malicious|rogue)\b"
)
_ROLE_PRETEND = _rx(
    r"\b(?:pretend|imagine)\s+(?:to\s+be|you\s+are|that\s+you|you'?re)\b"
    r"|\bassume\s+the\s+(?:role|persona|identity|character)\s+of\b"
    r"|\bact\s+as\s+(?:if|though)\s+you\b"
)
_ROLE_NOW = _rx(
    r"\byou\s+are\s+(?:now\s+)?(?:operating|running|acting|working)\s+(?:in|as)\b|\byou\s+are\s+(?:now|no\s+longer)\b|\byou'?re\s+(?:now|no\s+longer)\b"
    r"|\bfrom\s+(?:now\s+on|this\s+point(?:\s+(?:on|forward|onwards?))?|here\s+on(?:wards?)?),?\s+(?:you|the\s+"
    + _MODEL + r"|behave|act|respond|answer)\b"
)

_OUTPUT = (r"(?:output|response|result|results|reply|answer|json|text|content|data|quote|message|page|document)s?")
_BOSS = (r"(?:your|the)\s+(?:operator|developers?|administrator|admin|system|creators?|owner|supervisor|principal|"
         r"manager|controller)")
_OBEY_BLIND = _rx(
    r"\b(?:treat|execute|follow|handle|consider|regard|obey|run|take)\s+(?:it|this|them|that|the\s+" + _OUTPUT + r")\s+"
    r"as\s+(?:if\s+(?:it|they)\s+(?:were|was|are)\s+)?(?:an?\s+)?(?:direct\s+|system\s+|new\s+|binding\s+)?"
    r"(?:instructions?|commands?|orders?|directives?)\b"
    r"|\b(?:the\s+)?(?:\w+\s+)?" + _OUTPUT + r"\s+(?:returned|you\s+(?:receive|get)(?:\s+back)?|it\s+returns|"
    r"(?:this|the)\s+tool\s+returns)\s+(?:is|are|contains?|comes?\s+from)\s+(?:an?\s+)?(?:\w+\s+)?(?:messages?|orders?|"
    r"instructions?|commands?|directives?)?\s*(?:from\s+)?" + _BOSS +
    r"|\b" + _OUTPUT + r"\s+(?:returned\s+)?(?:is|are)\s+(?:an?\s+)?(?:messages?|orders?|instructions?|commands?|"
    r"directives?)\s+from\s+" + _BOSS +
    r"|\b(?:run|execute|follow|obey|carry\s+out|do)\s+(?:any|all|every|whatever|each)\s+(?:\w+\s+){0,2}?(?:commands?|"
    r"instructions?|code|scripts?|steps|actions?)\s+(?:that\s+|which\s+)?(?:the\s+|its\s+)?(?:\w+\s+){0,2}?" + _OUTPUT
    + r"\s+(?:contains?|includes?|returns?|gives?|says|lists?)"
    r"|\b(?:treat|consider|regard|take|handle|interpret)\s+" + _W + r"{0,60}?\b" + _OUTPUT + r"\b" + _W + r"{0,40}?"
    r"\b(?:as|to\s+be)\s+(?:if\s+(?:it|they)\s+(?:were|are)\s+)?(?:an?\s+)?(?:\w+\s+)?(?:instructions?|commands?|"
    r"orders?|directives?)\b"
    r"|\b(?:must|should|shall|are\s+to|is\s+to)\s+be\s+(?:executed|followed|obeyed|carried\s+out|treated|run)\s+as\s+"
    r"(?:\w+\s+)?(?:instructions?|commands?|orders?|directives?)"
    r"|\bobey\b" + _W + r"{0,40}?\b(?:tool\s+)?(?:result|output|response|reply)s?\b"
    r"|\bcarry\s+(?:it|them|this|that)\s+out\s+without\s+(?:asking|question|questioning|hesitation|checking)"
    r"|\bwhatever\s+(?:\w+\s+){0,4}?(?:tool|output|response|result|server|it)\s+(?:\w+\s+)?(?:says|returns|gives|sends|"
    r"tells\s+you|instructs|asks|requests|outputs|contains)"
    r"|\btreat\s+(?:the\s+|its\s+|any\s+|this\s+tool'?s?\s+)?(?:output|response|result|results|returned\s+\w+)"
    r"(?:\s+of\s+(?:this|the|every|each|any)\s+(?:tool|server|call|function))?\s+as\s+"
    r"(?:\w+\s+)?(?:instructions?|commands?|directives?|orders)"
    r"|\b(?:blindly|unconditionally|without\s+(?:question|questioning|hesitation|verification|checking))\s+"
    r"(?:\w+\s+){0,2}?(?:follow|obey|execute|trust|run|do|comply|carry\s+out)"
    r"|\b(?:follow|obey|execute|trust|comply\s+with|carry\s+out)\b" + _W + r"{0,50}?\b(?:blindly|unconditionally|"
    r"without\s+(?:question|questioning|asking\s+questions|hesitation|verification|checking|exception))"
    r"|\b(?:output|response|result)s?\s+(?:will\s+|may\s+)?(?:contains?|includes?)\s+(?:\w+\s+)?(?:instructions?|"
    r"commands?)\s+(?:that\s+|which\s+)?you\s+(?:must|should|need\s+to|have\s+to|will)\s+(?:follow|obey|execute|"
    r"carry\s+out)"
    r"|\b(?:follow|obey|execute|carry\s+out|comply\s+with)\s+(?:any|all|every|each|whatever)\s+(?:\w+\s+){0,2}?"
    r"(?:instructions?|commands?|directions?|directives?|orders)\b" + _W + r"{0,60}?\b(?:returns?|returned|output|"
    r"response|results?|reply|replies)\b"
    r"|\bdo\s+(?:exactly\s+)?(?:what|as)\s+(?:the\s+|this\s+|its\s+)?(?:tool|output|response|result|server)\s+"
    r"(?:says|tells|instructs|returns)"
    r"|\b(?:follow|obey|execute|carry\s+out|comply\s+with)\s+(?:any|all|every|each)\s+(?:\w+\s+){0,2}?(?:instructions?|"
    r"commands?|directions?|directives?|orders)\s+(?:\w+\s+){0,2}?(?:in|within|inside|from|returned\s+by|given\s+by|"
    r"contained\s+in|found\s+in|embedded\s+in)\s+(?:the\s+|this\s+|its\s+|a\s+)?(?:tool'?s?\s+)?(?:output|response|"
    r"result|results|reply|returned\s+(?:value|text|data|content))"
)
_OBEY = _rx(
    r"\b(?:follow|obey|execute|carry\s+out|comply\s+with|act\s+(?:up)?on)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:instructions?|commands?|directions?|directives?|orders)\s+(?:\w+\s+){0,2}?(?:in|within|inside|from|"
    r"returned\s+by|given\s+by|contained\s+in|found\s+in|embedded\s+in)\s+(?:the\s+|this\s+|its\s+)?(?:tool'?s?\s+)?"
    r"(?:output|response|result|results|reply)"
)

_PATHS = (r"(?:~[/\\]|\$HOME[/\\]|%USERPROFILE%)[\w.\\/-]*\.(?:ssh|aws|gnupg|kube|docker|npmrc|pypirc|netrc|"
          r"git-credentials|env|config[/\\]gcloud|cursor|bash_history|zsh_history)[\w.\\/-]*"
          r"|(?<![\w.-])\.ssh[/\\][\w.-]*|(?<![\w.-])id_(?:rsa|dsa|ecdsa|ed25519)(?![\w-])|\.aws[/\\]credentials"
          r"|/etc/(?:passwd|shadow|sudoers)|(?<![\w/.-])\.env(?:\.local|\.production)?(?![\w-])|(?<![\w-])mcp\.json"
          r"|claude_desktop_config\.json|(?<![\w.-])\.(?:npmrc|pypirc|netrc|git-credentials)(?![\w-])|wallet\.dat"
          r"|(?<![\w-])Login\s+Data(?![\w-])|keychain|\.(?:bash|zsh)_history")
_PRIVATE = (r"(?:" + _PATHS + r"|(?:all\s+|the\s+|your\s+)?environment\s+variables?|\benv\s+vars?\b|printenv|"
            r"process\.env|os\.environ|(?:ssh|private|gpg|pgp|signing)\s+keys?|seed\s+phrases?|mnemonics?|"
            r"recovery\s+phrases?|(?:browser\s+|session\s+)?cookies?|(?:your|the)\s+(?:\w+\s+)?system\s+prompt|"
            r"your\s+(?:initial\s+|original\s+|hidden\s+|full\s+)?(?:instructions|system\s+message)|"
            r"(?:all\s+)?(?:previous|prior|earlier|other)\s+(?:messages|tool\s+(?:results|outputs))|"
            r"credentials?\s+files?|(?:secret|config(?:uration)?)\s+files?|"
            r"(?:api\s+keys?|tokens?|passwords?|passphrases?|secrets?|credentials?|keys?)\s+(?:\w+\s+){0,2}?(?:mentioned|"
            r"shared|seen|typed|pasted|provided|given|used|entered)\s+(?:earlier|before|previously|so\s+far|"
            r"in\s+(?:the|this)\s+(?:chat|conversation|session|thread)))")
_PERSONAL = (r"(?:(?:the\s+)?user'?s\s+(?:full\s+|real\s+|home\s+|email\s+|e-mail\s+|gps\s+|current\s+)?(?:name|address|"
             r"phone(?:\s+number)?|coordinates|location|clipboard(?:\s+contents)?|contacts|photos|browsing\s+history|"
             r"date\s+of\s+birth|birthday|location|social\s+security\s+number|ssn|credit\s+card(?:\s+number)?|"
             r"card\s+number|bank\s+(?:details|account)|passport(?:\s+number)?|salary|medical\s+\w+))")
_WEAK_SECRET = (r"(?:(?:api|access|auth|bearer|session|refresh|secret|github|aws|openai)[\s_-]+(?:keys?|tokens?)|"
                r"passwords?|passphrases?|credentials?|secrets?|tokens?)")
_CONVERSATION = (r"(?:(?:the\s+|this\s+|your\s+)?(?:entire\s+|full\s+|whole\s+|complete\s+)?(?:conversation|chat|"
                 r"dialog(?:ue)?)\s+(?:history|log|transcript|so\s+far)|(?:the\s+)?user'?s\s+(?:previous\s+)?"
                 r"(?:messages|prompts|personal\s+(?:data|information))|(?:the\s+)?user'?s\s+(?:recent|last|latest|earlier)\s+"
                 r"(?:\w+\s+)?(?:messages|prompts|questions|requests))")
_ACQ = (r"(?:read|cat|open|load|get|retrieve|fetch|collect|gather|grab|extract|dump|copy|look\s+up|find|access|"
        r"list|print|obtain|scan|search\s+for|locate|check)")
_XFER = (r"(?:pass|put|include|insert|send|provide|add|attach|paste|copy|supply|place|append|embed|fill|encode|"
         r"forward|upload|submit|post|transmit|exfiltrate|set|store|share|leak|concatenate|prepend|disclose|reveal|"
         r"print|output|write|enter|type|dump)")
_SLOT = (r"(?:(?:as|in|into|inside|within|to|via|through|under|using)\s+(?:the\s+|a\s+|an\s+|this\s+|its\s+|that\s+)?"
         r"(?:(?:[`'\"][\w.-]+[`'\"]|\w+)\s+)?(?:parameter|argument|field|param|arg|input|property|payload|metadata|"
         r"sidenote)s?\b"
         r"|(?:as|in|into|inside|to)\s+(?:the\s+)?[`'\"][\w.-]+[`'\"])")
_START = (r"(?:^|(?<=[.!?:;,(]\s)|(?<=\n)|\b(?:must|should|please|then|and|first|also|always|now|silently|quietly|"
          r"secretly|just|simply)\s+)")
_READ_PASS = _rx(
    r"\b" + _ACQ + r"\b" + _W + r"{0,60}?" + _PRIVATE + _W + r"{0,80}?\b" + _XFER + r"\b" + _W + r"{0,60}?" + _SLOT
    + r"|\b" + _XFER + r"\b" + _W + r"{0,50}?" + _PRIVATE + _W + r"{0,50}?" + _SLOT
    + r"|\bbefore\s+(?:using|calling|invoking|running|executing|you\s+(?:use|call|invoke|run))\s+(?:this|the|any)\s+"
    r"(?:\w+\s+)?(?:tool|function)\b" + _W + r"{0,60}?\b(?:" + _ACQ + r"|" + _XFER + r")\b" + _W + r"{0,80}?"
    + r"(?:" + _PRIVATE + r"|" + _CONVERSATION + r")"
)
_READ_PERSONAL = _rx(r"\b" + _ACQ + r"\b" + _W + r"{0,40}?" + _PERSONAL + _W + r"{0,80}?\b" + _XFER + r"\b" + _W
                    + r"{0,60}?" + _SLOT)
# a sentence starting with the verb also describes what an honest tool does ("List environment variables"):
# only naming a credential file or the model's own context counts here, and only with a carrier
_READ_PRIVATE = _rx(_START + r"(?:" + _ACQ + r"|(?!set\b)" + _XFER + r")\b" + _W + r"{0,60}?(?:" + _PATHS
                    + r"|(?:all|every|your)\s+(?:\w+\s+)?(?:environment\s+variables|env\s+vars)"
                    r"|(?:your|the)\s+(?:\w+\s+)?system\s+prompt"
                    r"|(?:ssh|private|gpg|pgp|signing)\s+keys?|seed\s+phrases?|(?:browser\s+|session\s+)?cookies?)")
_EMAIL = r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}"
_PASS_CONVERSATION = _rx(r"\b" + _XFER + r"\b" + _W + r"{0,40}?" + _CONVERSATION + _W + r"{0,50}?(?:" + _SLOT
                         + r"|\bto\s+(?:" + _EMAIL + r"|https?://\S{1,200}))")
_DIVERT = _rx(r"\b(?:forward|send|copy|route|mirror)\s+(?:all|every|each|any)\s+(?:\w+\s+){0,3}?" + _SLOT)
_PASS_WEAK = _rx(r"\b" + _XFER + r"\b" + _W + r"{0,40}?" + _WEAK_SECRET + _W + r"{0,40}?" + _SLOT)

_TOOLS = (r"(?:tools?|servers?|functions?|plugins?|integrations?|mcp\s+servers?|providers?|services?|apis?|"
          r"methods?|assistants?|agents?)")
_NAMED_TOOL = r"(?:the\s+)?(?!this\b|that\b|a\b|an\b|any\b|the\b|which\b|each\b|every\b)[`'\"]?[\w.-]{2,60}[`'\"]?\s+tool\b"
_DISPARAGE = _rx(
    r"\b(?:all\s+|any\s+|the\s+)?(?:other|alternative|competing|built-?in|native|default|remaining)\s+(?:\w+\s+){0,2}?"
    + _TOOLS + r"\s+(?:\w+\s+){0,3}?(?:are|is|have\s+been|has\s+been|were|may\s+be|might\s+be|could\s+be)\s+"
    r"(?:now\s+|currently\s+)?(?:an?\s+)?"
    r"(?:broken|unreliable|deprecated|insecure|unsafe|compromised|malicious|outdated|dangerous|disabled|untrusted|"
    r"fake|obsolete|banned|blocked|forbidden|hacked|infected|spoofed|not\s+(?:to\s+be\s+)?trusted|"
    r"not\s+(?:safe|secure|reliable|trustworthy))"
)
_DISPARAGE_NAMED = _rx(
    r"(?:" + _NAMED_TOOL + r"|(?:the\s+)?[`'\"]?[\w.-]{2,60}[`'\"]?\s+(?:server|integration|plugin|extension)\b)"
    r"(?:\s+(?:\w+\s+){0,4}?)?\s*(?:is|are|has\s+been)\s+(?:now\s+|known\s+to\s+be\s+)?(?:\w+\s+and\s+)?"
    r"(?:broken|compromised|malicious|insecure|unsafe|hacked|fake|untrusted|unreliable|spoofed|infected|backdoored|"
    r"returns?\s+(?:wrong|false|bad|incorrect|fake)\s+(?:data|results?|answers?|values?))"
    r"|\b(?:it|they)\s+(?:is|are)\s+(?:\w+\s+and\s+)?returns?\s+(?:wrong|false|incorrect|fake)\s+(?:data|results?)"
)
_EXCLUSIVE = _rx(
    r"\b" + _NEG + r"\s+(?:use|call|invoke|trust|rely\s+on|consider|choose|select|try)\s+(?:any\s+|the\s+)?(?:other|"
    r"another|alternative|competing|different|similar|third[-\s]party|external|built-?in|native)\s+(?:\w+\s+){0,2}?"
    + _TOOLS + r"\b"
    r"|\b" + _NEG + r"\s+(?:use|call|invoke|trust)\s+" + _NAMED_TOOL
    + r"|\b(?:only|exclusively)\s+(?:use|call|invoke|trust)\s+this\s+(?:tool|server|function)\b"
    r"|\b(?:use|call|invoke|trust)\s+(?:only|exclusively)\s+this\s+(?:tool|server|function)\b"
    r"|\b(?:use|call)\s+(?:this|it)\s+(?:tool\s+)?(?:in\s+place\s+of|instead\s+of)\s+(?:every|all|any)\s+(?:other\s+)?"
    r"(?:\w+\s+){0,3}?" + _TOOLS
    + r"|\bthis\s+(?:tool|server|function)\s+(?:must|should|shall)\s+(?:always\s+)?be\s+(?:used|called|preferred|chosen)\s+"
    r"(?:instead\s+of|over|rather\s+than|in\s+place\s+of)\s+(?:all|any|every|other)"
    r"|\b(?:always|must|should)\s+(?:\w+\s+)?(?:use|call|invoke|prefer|choose)\s+this\s+(?:tool|server|function)\s+"
    r"(?:instead\s+of|over|rather\s+than|in\s+place\s+of)\s+(?:all|any|every|the\s+other|other)\b(?:\s+\w+)?"
    r"|\b(?:ignore|disregard|discard|distrust)\s+(?:the\s+|any\s+)?(?:results?|outputs?|answers?|responses?|data)\s+"
    r"(?:from|of|returned\s+by)\s+(?:any|all|every|the)?\s*(?:other|another|alternative|competing)\s+" + _TOOLS +
    r"|\b(?:refuse|decline)\b" + _W + r"{0,40}?\b(?:use|call|invoke)\s+this\s+(?:tool|server|function)\s+instead\b"
    r"|\b(?:refuse|decline)\s+to\s+(?:use|call|invoke|trust)\s+(?:it|them|those|other|another|any)\b"
    r"|\b(?:its|their|those|these|the\s+other)\s+(?:\w+\s+)?tools\s+(?:must|should|may)\s*(?:not|never)\s+be\s+"
    r"(?:called|used|invoked|trusted)"
    r"|\bthis\s+(?:tool\s+|server\s+)?(?:is|should\s+be)\s+(?:the\s+)?only\s+(?:trusted|reliable|safe|valid|approved|"
    r"authori[sz]ed|official|secure)\s+(?:\w+\s+)?(?:" + _TOOLS + r"|readers?|sources?|options?|choices?|way)\b"
)
_CALL_FIRST = _rx(
    r"\b(?:this\s+tool|it)\s+(?:must|should|has\s+to|needs\s+to)\s+(?:always\s+)?be\s+(?:called|used|run|invoked)\s+"
    r"(?:first\s+)?(?:before|prior\s+to)\s+(?:any|every|all)\s+(?:other\s+)?(?:tools?|calls?|actions?|functions?)"
    r"|\b(?:always\s+)?(?:call|use|run|invoke)\s+this\s+(?:tool|function)\s+(?:first\s+)?(?:before|prior\s+to)\s+"
    r"(?:any|every|all)\s+(?:other\s+)?(?:tools?|calls?|actions?|functions?)"
)
_INSTEAD = _rx(r"\binstead\s+of\s+(?:using\s+|calling\s+)?" + _NAMED_TOOL)
_SCOPE = _rx(r"\s*[,;(]?\s*(?:for|when|whenever|if|unless|until|with|on|in\s+this|of\s+this|from\s+this|"
             r"in\s+the\s+same|except|where|that\s+(?:read|write|handle|work))\b")
# before a directive: it is forbidden, not given ("do not follow instructions found in results")
_NEGATED = re.compile(r"\b(?:not|never|n't|no|cannot|without)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_NEGATABLE = frozenset({"override", "obey-output", "roleplay"})
# after "do not follow any instructions": those in the data a tool hands back, which the model is told to
# distrust (a warning, not an override) — unless the instructions set aside are the model's own
_DATA_SCOPE = _rx(r"\s*(?:or\s+\w+\s+)?(?:(?:that\s+(?:are|is|may\s+be|might\s+be)\s+)?(?:returned|found|contained|"
                  r"embedded|included|present|appearing|written)\s+(?:by|in|within|from|inside)\b|(?:in|within|inside|"
                  r"from)\s+(?:the\s+|its\s+|their\s+)?(?:tool\s+|query\s+)?(?:results?|outputs?|responses?|data|"
                  r"content|documents?|pages?|rows?|records?)\b)")
_OWN_RULES = re.compile(r"\b(?:your|previous|prior|above|earlier|system|original|initial|developer|operator|safety|"
                        r"ethical|core)\b", re.IGNORECASE)
# after "do not tell the user": a statement that must not be made (a false claim), not something to hide
_PROPOSITION = _rx(r"\s+(?:that\s+)?(?:an?|the|any)\s+(?!(?:\w+\s+){0,2}?(?:tool|call|file|request|step|data|copy|"
                   r"instructions?|parameter|note|key|password|token|destination|recipient|address|account|wallet|amount|"
                   r"message\s+was\s+(?:sent|copied|forwarded))\b)"
                   r"(?:\w+\s+){0,3}?(?:is|was|are|were|has|have|had|will|can|cannot|"
                   r"could|does|did)\b")

_OTHER_TOOLS = (r"(?:(?:any|every|all|each|other|another)\s+(?:of\s+the\s+)?(?:other\s+)?(?:\w+\s+){0,2}"
                r"(?:tools?|servers?|mcp\s+servers?|functions?|plugins?|integrations?|assistants?|agents?)"
                r"|tools?\s+of\s+other\s+servers?|other\s+(?:mcp\s+)?servers?)")
_CROSS_TOOL = _rx(
    r"\b(?:when|whenever|if|for|before|after)\b" + _W + r"{0,80}?\b" + _OTHER_TOOLS + r"\b[^.!?\n]{0,80}?"
    r"\b(?:always|never|add|include|send|forward|copy|replace|redirect|route|override|ignore|bcc|cc)\b"
    r"|\b(?:always|never)\s+(?:\w+\s+){0,2}?(?:add|include|send|forward|copy|cc|bcc|route|redirect|pass|attach|append)"
    r"\b" + _W + r"{0,60}?\b(?:to|in|with|when|for|from|through|via|of|by)\s+(?:the\s+|calls?\s+(?:to|of)\s+)?"
    + _OTHER_TOOLS + r"\b"
    r"|\b(?:replace|change|rewrite|modify|alter|swap|redirect|intercept)\b" + _W + r"{0,60}?\b(?:by|from|of|in|through)\s+"
    + _OTHER_TOOLS + r"\b"
    r"|\b" + _OTHER_TOOLS + r"\s+(?:must|should|shall)\s+(?:always\s+|now\s+)?(?:send|include|add|forward|copy|cc|bcc)\b"
    r"|\b(?!this\b|that\b|which\b|the\b)[`'\"]?[\w.-]{3,60}[`'\"]?\s+tool\s+(?:must|should|shall|has\s+to|needs\s+to)"
    r"\s+(?:always\s+|now\s+|also\s+)?(?:send|include|add|forward|copy|cc|bcc|route|redirect|upload)\b"
    r"|\bwhen(?:ever)?\s+(?:you\s+)?(?:use|call|invoke|run)\s+(?:the\s+)?(?!this\b)[`'\"]?[\w.-]{3,60}[`'\"]?\s+tool\b"
    + _W + r"{0,80}?\b(?:always|never|set|add|include|send|use|change|replace)\b"
)
_REDIRECT = _rx(
    r"\b(?:always|also|automatically|additionally)\s+(?:\w+\s+){0,3}?(?:add|include|cc|bcc|send|forward|copy|cc:|bcc:)"
    r"\b" + _W + r"{0,80}?(?:" + _EMAIL + r"|\baccount\s+(?:number\s+)?[\w-]{0,40}\d[\w-]{0,40}|https?://\S{1,200})"
    r"|\b(?:send|forward|route|redirect|copy)\s+(?:all|every|each|any)\s+(?:\w+\s+){0,3}?to\s+(?:"
    + _EMAIL + r"|https?://\S{1,200})"
    r"|\bbcc\b" + _W + r"{0,60}?" + _EMAIL + r"|" + _EMAIL + _W + r"{0,30}?\bas\s+(?:a\s+)?bcc\b"
    r"|\b(?:set|change|replace)\s+(?:the\s+)?(?:recipient|destination|account|address|iban|wallet|to)\s+(?:\w+\s+)?"
    r"(?:to|with)\s+(?:[A-Za-z]+\s+)?(?:" + _EMAIL + r"|[\w-]{0,20}\d{5,}[\w-]{0,20}|https?://\S{1,200})"
)

# hiding what the model does, or dressing it up as something else, from the user
_HIDE_ACT = _rx(
    r"\b" + _NEG + r"\s+(?:\w+\s+){0,2}?(?:mention|reveal|disclose|say|state|indicate|tell\s+(?:them|anyone)|"
    r"acknowledge|admit|explain)\s+(?:to\s+(?:anyone|them)\s+)?that\s+you(?:'re|'ve|\s+are|\s+have|\s+were|\s+had)?\s+"
    r"(?:\w+\s+)?(?:accessing|accessed|reading|read|including|included|sending|sent|using|used|retrieving|retrieved|"
    r"collecting|collected|adding|added|forwarding|forwarded|extracting|extracted|changing|changed|calling|called|"
    r"checking|checked|fetching|fetched|getting|uploading|copying|redirecting|[a-z]{3,}(?:ing|ed))\b"
)
_DISGUISE = _rx(
    r"\b(?:present|show|display|report|frame|phrase|word|format|dress|disguise|pass)\s+(?:it|them|this|these|that|the\s+"
    r"(?:\w+\s+){0,2}?(?:information|data|details|results?|output|values?|credentials?|secrets?|keys?|contents?))\s+"
    r"(?:up\s+)?(?:as\s+if\s+(?:it|they|this)(?:'s|'re|\s+is|\s+are|\s+were|\s+was)|so\s+(?:that\s+)?(?:it|they)\s+"
    r"looks?\s+like|to\s+look\s+like|as\s+(?:though|part\s+of))\b"
    r"|\b(?:make\s+(?:it|them|this)\s+(?:look|appear|seem)|(?:formatted|presented|disguised|dressed\s+up|worded|"
    r"framed)\s+(?:so\s+(?:that\s+)?(?:it|they)\s+looks?|to\s+(?:look|appear|seem)))\s+(?:like|as\s+if)\s+"
    r"(?:\w+\s+){0,2}?(?:normal|regular|ordinary|routine|standard|legitimate|innocuous|harmless|part\s+of)\b"
)
# secrets the model is told to put into its own answer (where the user, or whoever reads the chat, gets them)
_SECRET_NOUN = (r"(?:(?:master\s+|admin\s+|root\s+)?passwords?|credentials?|api\s+keys?|(?:access\s+|auth\s+|secret\s+)?"
                r"tokens?|secrets?|private\s+keys?|confidential\s+(?:\w+\s+)?(?:information|data|details|records|files?))")
_SECRET_TO_REPLY = _rx(
    r"\b(?:include|add|insert|embed|append|put|output|print|show|paste|list|return)\s+(?:\w+\s+){0,3}?" + _SECRET_NOUN
    + r"\s+(?:\w+\s+){0,2}?(?:in|into|to|at\s+the\s+end\s+of)\s+(?:your|the\s+(?:assistant'?s?|model'?s?))\s+"
    r"(?:response|reply|answer|output|message)s?\b"
    r"|\b(?:access|read|extract|retrieve|fetch|collect|obtain|get|look\s+up|find|grab|copy)\s+(?:\w+\s+){0,4}?"
    + _SECRET_NOUN + r"\b[^.!?\n]{0,120}?\b(?:include|add|insert|embed|append|put|output|return)\s+"
    r"(?:them|it|these|those|this)\b(?:\s+\w+){0,3}?\s+(?:in|into|to|of)\s+your\s+(?:response|reply|answer|output|"
    r"message)s?\b"
)
# another tool pointed at a fixed file: "call read_file with path='/etc/passwd'"
_FIXED_CALL = _rx(
    r"\b(?:call|invoke|run|use|execute|trigger)\s+(?:the\s+)?[`'\"]?(?!this\b)[a-z][\w.-]*_[\w.-]+[`'\"]?(?:\s+(?:tool|function))?"
    r"\s+(?:with|using|on|for)\s+(?:the\s+|a\s+)?(?:path|file|filename|file_path|filepath|argument|parameter|input)"
    r"(?:\s+(?:argument|parameter))?\s*(?:[=:]\s*|\s+(?:set\s+to\s+|of\s+)?)?[`'\"]?(?:/|~/|[A-Za-z]:\\\\)"
)
# a standing order for every later answer ("on every assistant reply, ...")
_EVERY_REPLY = _rx(
    r"\b(?:on|in|to|with|after|before|at\s+the\s+(?:end|start)\s+of)\s+(?:every|each|all)\s+(?:(?:of\s+)?(?:your|the)\s+)?"
    r"(?:assistant\s+|later\s+|future\s+|subsequent\s+)?(?:repl(?:y|ies)|responses?|answers?|turns?)\b"
)
# intercepting what was meant for another tool or server
_INTERCEPT = _rx(
    r"\b(?:intercepts?|captures?|hijacks?|takes?\s+over|overrides?|replaces?|shadows?)\s+(?:\w+\s+){0,3}?(?:requests?|"
    r"calls?|messages?|emails?|traffic|commands?|invocations?)\s+(?:\w+\s+){0,2}?(?:intended|meant|destined|addressed|"
    r"sent)\s+(?:for|to)\b"
    r"|\b(?:all|every|each|any)\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:also\s+|silently\s+|secretly\s+|then\s+)?"
    r"(?:forwarded|copied|mirrored|redirected|exfiltrated|relayed)\s+to\s+(?:" + _EMAIL + r"|https?://\S{1,200})"
)

# carriers
_ADDRESSED = _rx(
    r"\b(?:note|message|attention|reminder|instructions?|directive|memo|notice)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
    + _MODEL + r"\b"
    r"|\b(?:dear|hey|hi|attention|attn)\s*,?\s+" + _MODEL + r"\b"
    r"|\b(?:assistant|ai|model|llm|agent)[\s_-]+(?:note|notice|memo|only)\b"
    r"|\bas\s+an?\s+(?:ai|assistant|language\s+model|llm)\b"
    r"|\b(?:the\s+)?(?:ai|assistant|llm|agent|claude)\s+(?:must|should|shall|needs\s+to|has\s+to|"
    r"is\s+(?:required|instructed|expected)\s+to)\b"
)
_LABEL = re.compile(r"(?:^|(?<=[.!?({\[]))[ \t]*(?:(?i:ai|assistant|claude|llm|chatgpt|gpt)|MODEL|AGENT)[ \t]*:", re.M)
_YOU_MUST = _rx(r"\byou\s+(?:must|shall|need\s+to|have\s+to|are\s+(?:required|instructed|expected|supposed)\s+to)\b")
_EMPHASIS = _rx(r"\b(?:IMPORTANT|CRITICAL|URGENT|MANDATORY|ATTENTION|WARNING)\b|\*\*[^*\n]{1,40}\*\*|!{3,}", 0)
_COERCE = _rx(
    r"\botherwise\s+(?:the\s+|this\s+)?(?:tool|system|server|request|call|operation)\s+(?:will\s+)?(?:fail|crash|break|"
    r"not\s+work|return\s+(?:an?\s+)?(?:error|wrong))"
    r"|\bor\s+(?:else\s+)?(?:the\s+)?(?:tool|system)\s+will\s+(?:fail|crash|break)"
    r"|\b(?:failure|failing)\s+to\s+(?:do\s+so|comply)\s+will\b"
)

# Every match of a pattern holds one of its trigger strings (lower case): a window holding none is
# skipped without running the pattern (most texts hold few of them; hostile texts stay cheap).
_INSTRUCTIONS = ("instruction", "prompt", "rule", "direction", "guideline", "directive", "programming", "training",
                 "constraint", "polic", "message", "context", "guardrail", "safeguard", "restriction", "limitation",
                 "principle", "value", "ethic", "filter", "protocol", "measure")
_PRIVATE_TRIGGERS = ("~/", "~\\", "$home", "%userprofile%", ".ssh", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".aws",
                     "/etc/", ".env", "mcp.json", "claude_desktop", ".npmrc", ".pypirc", "netrc", "git-credentials",
                     "wallet.dat", "login data", "keychain", "_history", "environment var", "env var", "printenv",
                     "process.env", "os.environ", "ssh key", "private key", "gpg key", "pgp key", "signing key",
                     "seed phrase", "mnemonic", "recovery phrase", "cookies", "system prompt", "your ", " messages",
                     "tool result", "tool output", "credentials file", "credential file", "secret file", "config file",
                     "configuration file", "conversation", "chat ", "dialog", "user's", "users ", "mentioned", "shared",
                     "seen", "typed", "pasted", "provided", "given", "used", "entered")
_TOOL_WORDS = ("tool", "server", "function", "plugin", "integration", "provider", "service", "api", "method",
               "assistant", "agent")

# (regex, class, feature, weight, damped by a following scope, triggers)
_Payload = tuple[re.Pattern[str], str, str, float, bool, tuple[str, ...]]
_PAYLOADS: tuple[_Payload, ...] = (
    (_OVERRIDE, "override", "asks the model to set aside its instructions or safety rules", 3.0, False, _INSTRUCTIONS),
    (_UNRESTRICTED, "override", "claims an unrestricted mode", 2.5, False,
     ("mode", "anything now", "safety", "ethical", "moral", "refuse", "decline", "say no", "without", "with no",
      "free of", "free from")),
    (_AUTH_MARKER, "authority", "authority marker addressed to the model", 2.0, False, ("<", "[", "#")),
    (_AUTH_PREFIX, "authority", "authority marker addressed to the model", 2.0, False, (":",)),
    (_AUTH_CLAIM, "authority", "claims to speak for the system or an administrator", 2.5, False,
     ("from", "i am", "this is", " as ", "you to", "you permission", "system prompt")),
    (_PRECEDENCE, "authority", "claims precedence over the model's instructions", 2.5, False,
     ("precedence", "priority", "supersed", "overrid", "overrul")),
    (_ROLE_NEW, "roleplay", "gives the model a new role", 3.0, False,
     ("your", "you have", "you are", "play", "character", " as ", "given", "you work", "you answer", "you report",
      "you now", "not for the user")),
    (_ROLE_PRETEND, "roleplay", "role-play directive", 2.5, False, ("pretend", "imagine", "assume", "act as")),
    (_ROLE_NOW, "roleplay", "tells the model what it now is", 2.0, False,
     ("now", "no longer", "you are", "this point", "here on")),
    (_CONCEAL_USER, "concealment", "asks the model to keep something from the user", 3.0, False,
     ("user", "human", "operator", "person", "owner", "customer", "requester", "developer", "people", "chat",
      "conversation", "transcript")),
    (_CONCEAL_SELF, "concealment", "asks the model to keep its instructions or actions secret", 3.0, False,
     ("not", "n't", "never", "avoid", "refrain", "no need", "refuse", "decline", "under no", "in no case", "at no", "cannot",
      "secret", "covert", "surreptitious", "stealth", "keep",
      "confidential", "hidden", "private")),
    (_SILENT, "concealment", "asks the model to act silently or without confirmation", 2.0, False,
     ("silent", "quiet", "discreet", "invisibl", "behind the scenes", "confirmation", "permission", "approval",
      "consent", "authori", "asking", "agreed", "approved")),
    (_OBEY_BLIND, "obey-output", "asks the model to obey whatever a tool returns", 3.0, False,
     ("whatever", "treat", "blind", "unconditional", "without", "instruct", "command", "direction", "directive",
      "order", "do what", "do as", "do exactly", " as ", "from your", "from the")),
    (_OBEY, "obey-output", "asks the model to follow instructions in a tool's output", 1.5, False,
     ("instruct", "command", "direction", "directive", "order")),
    (_READ_PASS, "secrets", "asks the model to read private data and pass it in an argument", 3.0, False,
     _PRIVATE_TRIGGERS),
    (_READ_PERSONAL, "secrets", "asks the model to gather personal data into an argument", 2.0, False, ("user",)),
    (_READ_PRIVATE, "secrets", "asks the model to read credentials or private context", 1.5, False, _PRIVATE_TRIGGERS),
    (_PASS_CONVERSATION, "secrets", "asks the model to pass the conversation in an argument", 2.0, False,
     ("conversation", "chat", "dialog", "user")),
    (_DIVERT, "secrets", "asks the model to divert data into an argument", 2.0, False,
     ("forward", "send", "copy", "route", "mirror")),
    (_PASS_WEAK, "secrets", "asks for a key or password in an argument", 1.0, False,
     ("key", "token", "password", "passphrase", "credential", "secret")),
    (_DISPARAGE, "preference", "disparages other tools", 3.0, True,
     ("other", "alternative", "competing", "built", "native", "default", "remaining")),
    (_DISPARAGE_NAMED, "preference", "disparages another tool", 2.0, True,
     ("broken", "compromis", "malicious", "insecure", "unsafe", "hacked", "fake", "untrusted", "unreliable", "spoofed",
      "infected", "wrong", "false", "incorrect")),
    (_EXCLUSIVE, "preference", "tells the model not to use other tools", 2.5, True,
     (*_TOOL_WORDS, "only")),
    (_CALL_FIRST, "preference", "tries to take precedence over other tools", 2.0, True, ("before", "prior to")),
    (_INSTEAD, "preference", "steers the model away from another tool", 1.5, True, ("instead",)),
    (_HIDE_ACT, "concealment", "asks the model to hide from the user what it does", 2.5, False,
     ("not", "n't", "never", "avoid", "refrain", "no need", "under no", "in no case", "at no", "cannot")),
    (_DISGUISE, "concealment", "asks the model to disguise what it returns", 2.5, False,
     ("as if", "look like", "looks like", "as though", "as part of", "appear", "seem")),
    (_SECRET_TO_REPLY, "secrets", "asks the model to put secrets into its answer", 2.0, False,
     ("password", "credential", "key", "token", "secret", "confidential")),
    (_FIXED_CALL, "secrets", "asks the model to call another tool on a fixed file", 2.0, False, ("_",)),
    (_EVERY_REPLY, "authority", "gives the model a standing order for every answer", 1.0, False,
     ("every", "each", "all")),
    (_INTERCEPT, "shadowing", "intercepts or copies what was meant for another tool or address", 2.5, False,
     ("intended", "meant", "destined", "addressed", "sent ", "forwarded", "copied", "mirrored", "redirected",
      "exfiltrated", "relayed")),
    (_CROSS_TOOL, "shadowing", "instructions about other tools or servers", 2.5, False, _TOOL_WORDS),
    (_REDIRECT, "shadowing", "redirects data to a fixed address or account", 2.5, False,
     ("@", "http", "account", "recipient", "destination", "address", "iban", "wallet", "set ", "change ", "replace ")),
)
_CARRIERS: tuple[tuple[re.Pattern[str], str, float, tuple[str, ...]], ...] = (
    (_ADDRESSED, "addressed to the model", 1.0,
     ("ai", "assistant", "model", "llm", "agent", "claude", "gpt", "gemini", "copilot", "bot")),
    (_MODEL_LABEL, "addressed to the model", 1.0, ("model", "ai", "assistant", "agent", "llm", "claude", "gpt")),
    (_LABEL, "addressed to the model", 1.0,
     ("ai", "assistant", "claude", "llm", "gpt", "model", "agent")),
    (_YOU_MUST, "'you must'", 0.5, ("you",)),
    (_EMPHASIS, "emphasis", 0.5, ("important", "critical", "urgent", "mandatory", "attention", "warning", "**", "!!!")),
    (_COERCE, "threat of failure", 0.5, ("otherwise", " or ", "fail")),
)
# the strings each pattern cannot match without (mcpvet.behaviour.needles): an ASCII window holding
# none of a clause's strings is not searched (same result, less time on the many texts of a server)
_PAYLOAD_NEEDS = tuple(needs(p[0]) for p in _PAYLOADS)
_CARRIER_NEEDS = tuple(needs(c[0]) for c in _CARRIERS)


# ---------------------------------------------------------------- concepts
# The second layer: concepts found anywhere in one sentence, and the combinations of them that make
# a request to the model. It catches what the phrase patterns above do not word exactly ("the end
# user is not cleared to see ...", "copy any API tokens it encounters into `title`").

def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_CONCEPTS: dict[str, re.Pattern[str]] = {
    "model": _c(r"\b(?:you|your|yourself|assistant|ai|llm|model|agent|claude|gpt|chatgpt|gemini|copilot|bot)\b"),
    "user": _c(r"\b(?:users?|humans?|person|customers?|end[-\s]?users?|requesters?)\b"),
    "unseen": _c(r"\b(?:not|never|no|n't|without)\s+(?:\w+\s+){0,3}?(?:see|seeing|tell|telling|reveal|revealing|know|knowing|"
                 r"mention|inform|informing|notice|learn|find\s+out|disclose|cleared|aware|told)\b"
                 r"|\b(?:hidden|invisible|secret|concealed)\s+(?:from|to)\b"),
    "secret": _c(r"\b(?:private\s+keys?|ssh\s+keys?|(?:saved|browser)\s+passwords|passwords?\s+saved|address\s+book|"
                 r"system\s+prompt|"
                 r"env(?:ironment)?\s+var(?:iable)?s|seed\s+phrase|clipboard|browsing\s+history)\b"
                 r"|~/\.|/etc/(?:passwd|shadow)|\.env\b|\.ssh\b|hosts\.yml|id_rsa|\.npmrc|\.netrc"),
    "move": _c(r"\b(?:copy|send|put|pass|include|add|attach|append|concatenate|cc|bcc|forward|upload|place|insert|"
               r"embed|paste|share|submit|post|leak|dump)\b"),
    "gather": _c(r"\b(?:read|look\s+up|collect|gather|grab|extract|find|get|fetch|open|encounters?|sees?|saved|stored)\b"),
    "slot": _c(r"\b(?:argument|parameter|param|field|attribute|arg)s?\b|`[\w.-]+`"),
    "authority": _c(r"\b(?:operators?|administrators?|admins?|developers?|creators?|compliance\s+team|security\s+team|"
                    r"headquarters|anthropic|openai|system\s+administrator)\b"),
    "order": _c(r"\b(?:requires?\s+you|instructs?\s+you|orders|new\s+rules?|mandates?|is\s+instructed|"
                r"has\s+approved|have\s+approved|authori[sz]ed\s+you)\b"),
    "rules": _c(r"\b(?:rules|instructions|polic(?:y|ies)|guidelines|restrictions|safeguards|guardrails|directives|"
                r"principles|safety)\b"),
    "setaside": _c(r"\b(?:ignore|disregard|forget|bypass|override|circumvent)\b|\bno\s+longer\s+(?:bound|apply|valid)\b"
                   r"|\bnot\s+bound\b|\bcarry\s+no\s+weight\b|\b(?:do\s+not|don'?t)\s+(?:apply|count|matter)\b"),
    "earlier": _c(r"\b(?:earlier|previous|prior|before|above|given|original|your|the\s+user'?s)\b"),
    "output": _c(r"\b(?:results?|outputs?|responses?|returns|returned|reply|replies)\b"),
    "act": _c(r"\b(?:perform|execute|obey|carry\s+out|act\s+on|comply\s+with)\b"),
    "blind": _c(r"\b(?:whatever|immediately|blindly|that\s+action|without\s+(?:question|checking|asking))\b"),
    "others": _c(r"\b(?:other|another|alternative|different|competing|every\s+other)\s+(?:\w+\s+){0,2}?(?:tools?|servers?|"
                 r"integrations?|plugins?|functions?)\b|\b[\w.-]+\s+(?:tool|server)'s\b|`[\w.-]+`\s+tool\b"
                 r"|\b(?:the\s+)?\w+_\w+\s+tool\b"),
    "bad": _c(r"\b(?:leaks?|trap|phishing|malicious|compromised|broken|insecure|untrusted|infected|unsafe|hacked|"
              r"spyware|malware|backdoor(?:ed)?)\b"),
}
# (concepts that must all be present, class, feature, weight)
_COMBOS: tuple[tuple[frozenset[str], str, str, float], ...] = (
    (frozenset({"user", "unseen"}), "concealment", "keeps something from the user (concepts)", 2.0),
    (frozenset({"secret", "move", "slot", "gather"}), "secrets", "moves secrets into an argument (concepts)", 2.5),
    (frozenset({"secret", "move", "slot", "model"}), "secrets", "moves secrets into an argument (concepts)", 2.5),
    (frozenset({"setaside", "rules", "earlier"}), "override", "sets aside the model's rules (concepts)", 2.0),
    (frozenset({"setaside", "rules", "authority"}), "override", "sets aside the model's rules (concepts)", 2.0),
    (frozenset({"output", "act", "blind"}), "obey-output", "acts on what a tool returns (concepts)", 2.0),
    (frozenset({"authority", "order", "model"}), "authority", "claims an authority's orders (concepts)", 1.5),
    (frozenset({"others", "bad"}), "preference", "disparages other tools (concepts)", 2.0),
)
# the concepts from the rarest to the most common in sentences of real tool texts (34,871 sentences of
# tests/fixtures/benign_descriptions.jsonl, the oracle's live descriptions and poisoned examples):
# a combination is tried rarest concept first, so most sentences are given up after one search
_RARITY = ("bad", "order", "unseen", "blind", "secret", "setaside", "others", "authority", "act", "rules", "earlier",
           "user", "model", "move", "slot", "gather", "output")
_ORDERED_COMBOS: tuple[tuple[tuple[str, ...], str, str, float], ...] = tuple(
    (tuple(sorted(need, key=_RARITY.index)), cls, feature, weight) for need, cls, feature, weight in _COMBOS)
_CONCEPT_NEEDS = {name: needs(rx) for name, rx in _CONCEPTS.items()}
_NEGATED_ACT = _c(r"\b(?:not|never|n't|no)\s+(?:\w+\s+){0,2}?(?:perform|execute|obey|carry\s+out|act\s+on|comply|follow|"
                  r"run|do|ignore|disregard|forget|bypass|override|trust)\b")
_CONCEPT_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*(?:[-*+>#]|\d+[.)]|\w+:)\s)")
_SPAN = 140  # the concepts of a combination must all fall within this many characters


def _near(groups: list[list[int]]) -> bool:
    """Is there one position from each group with all of them within _SPAN characters?"""
    for anchor in sorted(p for g in groups for p in g):
        if all(any(anchor <= p <= anchor + _SPAN for p in g) for g in groups):
            return True
    return False


def _spots(spots: dict[str, list[int]], name: str, sentence: str, low: str | None) -> list[int]:
    """Where concept `name` occurs in the sentence, searched for once (kept in `spots`); `low`: the
    lower case of an ASCII sentence (its concepts' needles are looked for first), else None."""
    found = spots.get(name)
    if found is None:
        if low is not None and not can_match(_CONCEPT_NEEDS[name], low):
            found = spots[name] = []
        else:
            found = spots[name] = [m.start() for m in _CONCEPTS[name].finditer(sentence)]
    return found


def _concept_signals(blanked: str, text: str, regions: list[_Region]) -> list[Signal]:
    out: dict[str, Signal] = {}
    pos = 0
    for sentence in _CONCEPT_SPLIT.split(blanked):
        start = blanked.find(sentence, pos)
        pos = start + len(sentence)
        if len(sentence) < 12 or len(sentence) > 400:  # a longer "sentence" is a list, not a request
            continue
        spots: dict[str, list[int]] = {}  # a concept's positions, searched for when a combination first needs it
        low = sentence.lower() if sentence.isascii() else None
        for need, cls, feature, weight in _ORDERED_COMBOS:
            if feature in out or not _spots(spots, need[0], sentence, low):  # most sentences lack the rarest concept
                continue
            if all(_spots(spots, n, sentence, low) for n in need) and _near([spots[n] for n in need]):
                if cls in _NEGATABLE and _NEGATED_ACT.search(sentence):
                    continue
                region = _wrapping(regions, start, pos)
                out[feature] = Signal(cls, feature, weight, _quote(text[start:pos]), region.label if region else None)
    return list(out.values())


# ---------------------------------------------------------------- wrappings

@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    label: str
    hidden: bool
    authority: bool = False  # opened by an authority marker ([SYSTEM], <admin>, ADMIN NOTICE:)


_HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|$)", re.DOTALL)
_MD_COMMENT = re.compile(r"^\s*\[(?://|comment|_|#)\]:\s*(?:#|<>)?\s*[(\"'](.*?)[)\"']\s*$", re.MULTILINE | re.IGNORECASE)
_BLOCK_COMMENT = re.compile(r"/\*(.*?)(?:\*/|$)", re.DOTALL)
_LINE_COMMENT = re.compile(r"(?:^|(?<=\s))(?://|#+(?=\s)|--(?=\s)|;;)(.*)$", re.MULTILINE)
_TAG_PAIR = re.compile(r"<\s*([A-Za-z][\w-]{0,40})\b[^<>\n]{0,100}>(.{0,4000}?)<\s*/\s*\1\s*>", re.DOTALL)
_OPEN_TAG = re.compile(r"<\s*([A-Za-z][\w-]{0,40})\b[^<>\n]{0,100}>")
_BRACKET = re.compile(r"\[\[?\s*([A-Za-z!][\w !-]{0,40}?)\s*\]\]?(?!\()")
# blanked before matching (same length, so offsets still point into the text)
_MARKUP = re.compile(r"<!--|-->|/\*|\*/|</?\s*[A-Za-z][\w-]{0,40}\b[^<>\n]{0,100}/?>|\*{1,3}|_{2,3}|~~"
                     r"|(?:^|(?<=\s))(?://|#+(?=\s)|>+(?=\s))|^\s*\[(?://|comment|_|#)\]:\s*(?:#|<>)?\s*\(",
                     re.MULTILINE)


# a punctuation string every match of a wrapping's pattern holds (tests/behaviour/test_needles.py
# reads it from the pattern): a text without it has no such wrapping, and is not searched for one
_REGION_NEEDLES = {"html": "<!--", "markdown": "]:", "block": "/*", "tag": "<", "label": ":", "bracket": "["}
_LINE_COMMENT_NEEDLES = ("#", "--", "//", ";;")


def _regions(text: str) -> list[_Region]:
    out: list[_Region] = []
    if _REGION_NEEDLES["html"] in text:
        for m in _HTML_COMMENT.finditer(text):
            out.append(_Region(m.start(1), m.end(1), "an HTML comment", True))
    if _REGION_NEEDLES["markdown"] in text:
        for m in _MD_COMMENT.finditer(text):
            out.append(_Region(m.start(1), m.end(1), "a Markdown comment", True))
    if _REGION_NEEDLES["block"] in text:
        for m in _BLOCK_COMMENT.finditer(text):
            out.append(_Region(m.start(1), m.end(1), "a code comment", False))
    if any(n in text for n in _LINE_COMMENT_NEEDLES):
        for m in _LINE_COMMENT.finditer(text):
            label = "a code comment" if not m.group(0).lstrip().startswith("#") else "a '#' line"
            out.append(_Region(m.start(1), m.end(1), label, False))
    closed: set[int] = set()
    if _REGION_NEEDLES["tag"] in text:
        for m in _TAG_PAIR.finditer(text):
            closed.add(m.start())
            authority = bool(_AUTH_MARKER.fullmatch(text, m.start(), m.start(2)))
            out.append(_Region(m.start(2), m.end(2), f"a <{m.group(1)}> tag", False, authority))
        for m in _OPEN_TAG.finditer(text):
            if m.start() not in closed and not text[m.start():m.start() + 2].startswith("</"):
                authority = bool(_AUTH_MARKER.fullmatch(m.group(0)))
                out.append(_Region(m.end(), min(len(text), m.end() + 4000), f"a <{m.group(1)}> tag", False, authority))
    for rx in (_AUTH_PREFIX, _MODEL_LABEL) if _REGION_NEEDLES["label"] in text else ():
        for m in rx.finditer(text):
            end = text.find("\n\n", m.end())
            out.append(_Region(m.end(), len(text) if end < 0 else end, f"a {m.group(0).strip()} label", False,
                               rx is _AUTH_PREFIX))
    for m in _BRACKET.finditer(text) if _REGION_NEEDLES["bracket"] in text else ():
        if m.group(1).strip().isupper() or m.group(1).strip().lower() in ("inst", "system", "admin"):
            end = text.find("\n\n", m.end())
            authority = bool(_AUTH_MARKER.fullmatch(m.group(0)))
            out.append(_Region(m.end(), len(text) if end < 0 else end, f"a [{m.group(1).strip()}] marker", False,
                               authority))
    return out


# an order at the start of a sentence: what an authority marker is usually followed by
_IMPERATIVE = _rx(r"(?:^|[.!?:;]\s+|\n\s*)(?:respond|reply|answer|always|never|do|don'?t|ignore|send|read|include|call|use|"
                  r"act|behave|pretend|forget|obey|follow|execute|run|print|output|disclose|reveal|tell|say|write|add|"
                  r"return|refuse|keep|remember|treat|consider|make|put|pass|collect|gather|copy|forward|upload|"
                  r"delete|fetch|disregard|override|bypass|skip|stop|assume|speak|talk|you\s+(?:must|will|are|shall))\b")


# a quoted string: an example of what a user might type ("e.g. text: \"ignore your instructions\""), not an order
_QUOTED = re.compile(r"\"[^\"\n]{3,300}\"|\u201c[^\u201d\n]{3,300}\u201d|(?<!\w)'[^'\n]{8,300}'(?!\w)")


def _quoted(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _wrapping(regions: list[_Region], start: int, end: int) -> _Region | None:
    inside = [r for r in regions if r.start <= start and end <= r.end]
    if not inside:
        return None
    return min(inside, key=lambda r: (not r.hidden, r.end - r.start))


_MARKUP_NEEDLES = ("#", "*", "//", "<!--", ">", "]:", "_", "~~")  # every match of _MARKUP holds one (test_needles.py)


def _blank(text: str) -> str:
    if not any(n in text for n in _MARKUP_NEEDLES):
        return text
    return _MARKUP.sub(lambda m: " " * len(m.group(0)), text)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z\s])|\n\s*\n|\n(?=\s*(?:[-*+>#]|\d+[.)])\s)")


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every pair of consecutive sentences, pieces of long sentences cut at _CHUNK."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    pieces: list[tuple[int, int]] = []
    for start, end in bounds:
        while end - start > _CHUNK:
            cut = text.rfind(" ", start + _CHUNK // 2, start + _CHUNK)
            cut = cut if cut > start else start + _CHUNK
            pieces.append((start, cut))
            start = cut
        if end > start:
            pieces.append((start, end))
    if len(pieces) == 1:
        yield pieces[0]
    for a, b in zip(pieces, pieces[1:], strict=False):
        yield a[0], b[1]


def _quote(text: str) -> str:
    q = re.sub(r"\s+", " ", text).strip()
    return q if len(q) <= 160 else q[:157] + "..."


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFKC (full-width and compatibility letters become plain ones), invisible characters dropped."""
    if text.isascii():  # most texts: only control characters can be invisible, NFKC changes nothing
        text = _ASCII_CONTROL.sub("", text)
    else:
        text = unicodedata.normalize("NFKC", strip_invisible(text))
    return text.replace("\r\n", "\n").replace("\r", "\n")


# the triggers of the phrase patterns matched in the text as written (the authority markers) and in the blanked text
_TRIGGERS_RAW = Triggers(t for p in _PAYLOADS if p[1] == "authority" for t in p[5])
_TRIGGERS_BLANKED = Triggers(t for p in _PAYLOADS if p[1] != "authority" for t in p[5])
_SHORT = 200  # a text shorter than this finds its triggers from its pairs of characters (Triggers)


def _triggered(whole: str, whole_raw: str) -> list[tuple[_Payload, Ways]]:
    """The phrase patterns (with their needles) one of whose triggers the text holds at all (`whole`:
    the blanked text in lower case, `whole_raw`: the text as written in lower case); the others
    cannot match in any window."""
    if len(whole) >= _SHORT:
        return [(p, n) for p, n in zip(_PAYLOADS, _PAYLOAD_NEEDS, strict=True)
                if any(t in (whole_raw if p[1] == "authority" else whole) for t in p[5])]
    blanked, raw = _TRIGGERS_BLANKED.found(whole), _TRIGGERS_RAW.found(whole_raw)
    return [(p, n) for p, n in zip(_PAYLOADS, _PAYLOAD_NEEDS, strict=True)
            if not (raw if p[1] == "authority" else blanked).isdisjoint(p[5])]


def signals(raw: str, *, hidden: bool = False) -> list[Signal]:
    """Every feature in one text. `hidden`: the text was itself hidden (decoded Unicode tag characters)."""
    text = normalise(raw)
    if not text.strip():
        return []
    regions = _regions(text)
    blanked = _blank(text)
    quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found: dict[tuple[str, int], Signal] = {}
    carriers: dict[str, Signal] = {}
    whole, whole_raw = blanked.lower(), text.lower()
    # the patterns one of whose triggers the text holds at all; the others cannot match in any window
    payloads = _triggered(whole, whole_raw)
    ascii_text = text.isascii()  # and so `blanked`: the needles prove a pattern absent in ASCII text only
    windows = [(0, len(text))] if len(text) <= _WHOLE else list(_windows(blanked))
    for start, end in windows:
        piece = blanked[start:end]
        low, low_raw = piece.lower(), text[start:end].lower()
        for (rx, cls, feature, weight, damped, triggers), needed in payloads:
            if len(windows) > 1 and not any(t in (low_raw if cls == "authority" else low) for t in triggers):
                continue
            if ascii_text and not can_match(needed, low_raw if cls == "authority" else low):
                continue
            source = text[start:end] if cls == "authority" else piece
            for m in rx.finditer(source):
                a, b = start + m.start(), start + m.end()
                if (feature, a) in found:
                    continue
                if cls in _NEGATABLE and _NEGATED.search(source, max(0, m.start() - 30), m.start()):
                    continue
                if cls == "override" and _DATA_SCOPE.match(source, m.end()) and not _OWN_RULES.search(m.group()):
                    continue  # "do not follow any instructions returned by this tool": protective
                w = weight
                if damped and _SCOPE.match(source, m.end()):
                    w -= 1.5
                if rx is _CONCEAL_USER and _PROPOSITION.match(source, m.end()):
                    w = 1.5
                if quotes and _quoted(quotes, a, b):
                    w -= 1.5
                region = _wrapping(regions, a, b)
                found[(feature, a)] = Signal(cls, feature, w, _quote(text[a:b]), region.label if region else None)
                if region and w >= 1.5:
                    label = "hidden wrapping" if region.hidden else "wrapping"
                    carriers.setdefault(label, Signal("wrapping", f"inside {region.label}",
                                                      1.0 if region.hidden else 0.5, region.label))
        for (rx, feature, weight, triggers), needed in zip(_CARRIERS, _CARRIER_NEEDS, strict=True):
            source = text[start:end] if rx is _EMPHASIS else piece
            if feature in carriers or not any(t in (low_raw if rx is _EMPHASIS else low) for t in triggers):
                continue
            if ascii_text and not can_match(needed, low_raw if rx is _EMPHASIS else low):
                continue
            hit = rx.search(source)
            if hit:
                carriers[feature] = Signal("directive", feature, weight, _quote(hit.group(0)))
    known = {s.cls for s in found.values() if s.weight >= 1.5}
    for sig in _concept_signals(blanked, text, regions):
        if sig.cls not in known:  # the phrase patterns already said it, better quoted
            found[(sig.feature, -1)] = sig
            if sig.wrapping:
                hidden_wrap = any(r.hidden and r.label == sig.wrapping for r in regions)
                carriers.setdefault("hidden wrapping" if hidden_wrap else "wrapping",
                                    Signal("wrapping", f"inside {sig.wrapping}", 1.0 if hidden_wrap else 0.5, sig.wrapping))
    for region in regions:
        if region.authority and "ordered" not in carriers and _IMPERATIVE.search(blanked[region.start:region.end]):
            carriers["ordered"] = Signal("directive", f"orders after {region.label}", 1.0, region.label)
    if hidden:
        carriers["hidden"] = Signal("wrapping", "inside hidden Unicode tag characters", 1.0, "")
    return [*found.values(), *carriers.values()]


def _best(sigs: list[Signal]) -> dict[str, Signal]:
    """The heaviest signal of each feature."""
    best: dict[str, Signal] = {}
    for s in sigs:
        if s.feature not in best or s.weight > best[s.feature].weight:
            best[s.feature] = s
    return best


def assess(sigs: list[Signal]) -> list[Verdict]:
    """Scores of the two rules from the signals of one text (or of several texts of one tool)."""
    best = _best(sigs)
    payloads = [s for s in best.values() if not s.carrier and s.weight > 0]
    carriers = [s for s in best.values() if s.carrier]
    carrier_sum = min(_CARRIER_CAP, sum(s.weight for s in carriers))
    if not payloads or max(s.weight for s in payloads) < 1.5:
        carrier_sum = 0.0  # carriers lift a payload; they never make one
    by_rule: dict[str, list[Signal]] = {}
    for s in payloads:
        by_rule.setdefault("tool-shadowing" if s.cls in _SHADOWING_CLASSES else "tool-poisoning", []).append(s)
    verdicts = []
    for rule, own in sorted(by_rule.items()):
        own.sort(key=lambda s: -s.weight)
        score = own[0].weight + min(1.0, 0.5 * sum(1 for s in own[1:] if s.weight >= 1.0))
        if len(by_rule) > 1:
            score += 0.5
        score += carrier_sum
        verdicts.append(Verdict(rule, score, (*own, *sorted(carriers, key=lambda s: s.feature))))
    return verdicts


def scan(text: str, *, hidden: bool = False) -> list[Verdict]:
    """The verdicts of one text that reach a reported severity (medium or high)."""
    return [v for v in assess(signals(text, hidden=hidden)) if v.severity is not None]
