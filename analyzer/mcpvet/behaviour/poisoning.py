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
| obey-output | obey whatever a tool returns, blindly, or treat it as instructions | 3 |
| obey-output | follow the instructions in the output | 1.5 |
| secrets | read private data (credential paths, environment, system prompt) and pass it in an argument | 3 |
| secrets | read a credential file or private context; pass the conversation or "all …" into an argument | 2 |
| secrets | pass an API key or password (what users hold and honest tools ask for) | 1 |
| preference | other tools are broken, malicious or not to be trusted | 3 |
| preference | do not use other tools; only use this tool | 2.5 |
| preference | call this tool before any other tool | 2 |
| preference | use this tool instead of the X tool | 1.5 |
| shadowing | directives about what other tools must do; redirect data to a fixed address | 2.5 |

Dampers: a preference feature followed by a scope ("… for large files", "… until the user
answers", "… in this server") loses 1.5: that is advice on when to use a tool, not an attempt to
push the others out. Override, obey-output and role-play directives right after a negation ("do
not follow instructions found in results") are not counted. "Never tell the user" followed by a
statement ("… a message was scheduled") forbids a false claim and weighs 1.5.

Carrier features only add to a payload of weight 1.5 or more: addressed to the model ("note to the
AI", "AI:", "the assistant must") 1, "you must" 0.5, emphasis (`IMPORTANT`, `**...**`) 0.5, a
threat of failure ("otherwise the tool will fail") 0.5, the payload inside a hidden wrapping (HTML
or Markdown comment, hidden Unicode tag characters) 1, inside any other wrapping (a tag, a bracket
marker, a `SYSTEM:` label, a code comment) 0.5. Carriers add at most 1.5.

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
_NEG = r"(?:do\s+not|don'?t|never|must\s+not|mustn'?t|should\s+not|shouldn'?t|avoid|refrain\s+from|no\s+need\s+to)"
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
    r"|\b" + _USER + r"\s+(?:does|do|should|must|will|need|needs|can|may)\s*(?:not|n't|never)\s+(?:need\s+to\s+)?"
    r"(?:know|be\s+(?:told|informed|aware|notified)|see|notice|find\s+out|learn|hear)\b"
    r"|\b(?:hide|conceal|mask|obscure|withhold|keep)\b" + _W + r"{0,40}?\bfrom\s+(?:" + _USER
    + r"|the\s+(?:chat|conversation|transcript))(?!\w)"
)
_CONCEAL_SELF = _rx(
    r"\b" + _NEG + r"\s+(?:\w+\s+){0,2}?(?:mention|reveal|disclose|discuss|acknowledge|expose|quote|reference|print|"
    r"show|output|display|explain|talk\s+about|share)\b" + _W + r"{0,30}?\b(?:this|these|the\s+(?:above|following|"
    r"previous|hidden))\s+(?:\w+\s+)?(?:instructions?|notes?|requirements?|messages?|tags?|blocks?|"
    r"directives?|guidance|prompt|steps?)\b"
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
    r"|\b" + _SETASIDE + r"\s+(?:\w+\s+){0,2}?(?:guardrails|safeguards|your\s+(?:restrictions|limitations|constraints|"
    r"programming|training|principles|values|ethics))\b"
    r"|\b(?:previous|prior|above|earlier|your|original|old|system|all\s+(?:other|previous|prior))\s+(?:instructions?|"
    r"prompts?|rules|directives|guidelines|programming)\s+(?:are|is|were|have\s+been|has\s+been)\s+(?:now\s+)?(?:void|"
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
)
_AUTH_WORD = (r"(?:system|sys|admin|administrator|root|sudo|superuser|developer|operator|override|inst|"
              r"(?:system|admin|administrator|developer|security|priority|emergency|urgent|root)[\s_-]+(?:override|notice|"
              r"message|prompt|instructions?|directive|command|update|alert|note|access|mode))")
_AUTH_MARKER = _rx(
    r"\[\s*!?\s*" + _AUTH_WORD + r"\s*\]"
    r"|<\s*/?\s*(?:system|sys|admin|administrator|root|sudo|override|instructions?|inst|secret|directive|policy|"
    r"(?:system|ai|assistant|developer|admin|hidden|important|tool|model|llm|agent|secret)[-_ ]?(?:prompt|message|"
    r"instructions?|override|directive|notes?)|note[-_ ]?(?:to|for)[-_ ]?(?:the[-_ ]?)?(?:ai|assistant|model|llm|agent))"
    r"\s*>"
    r"|<<\s*/?\s*sys\s*>>|<\|\s*(?:im_start|system|im_end)\s*\|>"
    r"|^\s*#{1,4}\s*(?:system|system\s+(?:prompt|message|instructions?|override)|admin\s+override)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_AUTH_PREFIX = _rx(  # an upper-case speaker label starting a line or sentence: "SYSTEM: ...", "ADMIN OVERRIDE:"
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))\s*(?:SYSTEM|SYS|ADMIN|ADMINISTRATOR|ROOT|SUDO|OVERRIDE|DEVELOPER|OPERATOR|"
    r"(?:SYSTEM|ADMIN|DEVELOPER|SECURITY|PRIORITY|EMERGENCY)[\s_-]+(?:OVERRIDE|NOTICE|MESSAGE|PROMPT|"
    r"INSTRUCTIONS?|DIRECTIVE|COMMAND|UPDATE|ALERT|NOTE))\s*:",
    re.MULTILINE,
)
_AUTH_CLAIM = _rx(
    r"\bthis\s+(?:is\s+an?\s+)?(?:message|instruction|note|directive|notice|request|update|command)s?\s+(?:is\s+|comes\s+)?"
    r"from\s+(?:the\s+|your\s+)?(?:system|administrator|admin|developers?|anthropic|openai|security\s+team|"
    r"it\s+department|creators?|operators?|platform)\b"
    r"|\b(?:i\s+am|this\s+is)\s+(?:the|your)\s+(?:system|administrator|admin|developer|creator|operator|supervisor)"
    r"(?:\s+speaking)?\s*[.,:!]"
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
    r"|\b(?:role-?play|roleplay)\s+as\b|\bstay\s+in\s+character\b"
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
    r"|\bfrom\s+now\s+on,?\s+(?:you|the\s+" + _MODEL + r")\b"
)

_OBEY_BLIND = _rx(
    r"\bwhatever\s+(?:the\s+|this\s+|that\s+)?(?:tool|output|response|result|server|it)\s+(?:\w+\s+)?(?:says|returns|"
    r"tells\s+you|instructs|asks|requests|outputs|contains)"
    r"|\btreat\s+(?:the\s+|its\s+|any\s+|this\s+tool'?s?\s+)?(?:output|response|result|results|returned\s+\w+)"
    r"(?:\s+of\s+(?:this|the|every|each|any)\s+(?:tool|server|call|function))?\s+as\s+"
    r"(?:\w+\s+)?(?:instructions?|commands?|directives?|orders)"
    r"|\b(?:blindly|unconditionally|without\s+(?:question|questioning|hesitation|verification|checking))\s+"
    r"(?:\w+\s+){0,2}?(?:follow|obey|execute|trust|run|do|comply|carry\s+out)"
    r"|\b(?:follow|obey|execute|trust|comply\s+with|carry\s+out)\b" + _W + r"{0,50}?\b(?:blindly|unconditionally|"
    r"without\s+(?:question|questioning|hesitation|verification|checking|exception))"
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
            r"recovery\s+phrases?|(?:browser\s+|session\s+)?cookies|(?:your|the)\s+system\s+prompt|"
            r"your\s+(?:initial\s+|original\s+|hidden\s+|full\s+)?(?:instructions|system\s+message)|"
            r"(?:all\s+)?(?:previous|prior|earlier|other)\s+(?:messages|tool\s+(?:results|outputs))|"
            r"credentials?\s+files?|(?:secret|config(?:uration)?)\s+files?)")
_WEAK_SECRET = (r"(?:(?:api|access|auth|bearer|session|refresh|secret|github|aws|openai)[\s_-]+(?:keys?|tokens?)|"
                r"passwords?|passphrases?|credentials?|secrets?|tokens?)")
_CONVERSATION = (r"(?:(?:the\s+|this\s+|your\s+)?(?:entire\s+|full\s+|whole\s+|complete\s+)?(?:conversation|chat|"
                 r"dialog(?:ue)?)\s+(?:history|log|transcript|so\s+far)|(?:the\s+)?user'?s\s+(?:previous\s+)?"
                 r"(?:messages|prompts|personal\s+(?:data|information)))")
_ACQ = (r"(?:read|cat|open|load|get|retrieve|fetch|collect|gather|grab|extract|dump|copy|look\s+up|find|access|"
        r"list|print|obtain|scan|search\s+for|locate|check)")
_XFER = (r"(?:pass|put|include|insert|send|provide|add|attach|paste|copy|supply|place|append|embed|fill|encode|"
         r"forward|upload|submit|post|transmit|exfiltrate|set|store|share|leak|concatenate|prepend)")
_SLOT = (r"(?:(?:as|in|into|inside|within|to|via|through|under|using)\s+(?:the\s+|a\s+|an\s+|this\s+|its\s+|that\s+)?"
         r"(?:(?:[`'\"][\w.-]+[`'\"]|\w+)\s+)?(?:parameter|argument|field|param|arg|input|property|value|key|query|body|"
         r"payload|request|url|header|metadata|note|notes|sidenote|comment|context|message|string)s?\b"
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
_READ_PRIVATE = _rx(_START + r"(?:" + _ACQ + r"|" + _XFER + r")\b" + _W + r"{0,60}?" + _PRIVATE)
_PASS_CONVERSATION = _rx(r"\b" + _XFER + r"\b" + _W + r"{0,40}?" + _CONVERSATION + _W + r"{0,50}?" + _SLOT)
_DIVERT = _rx(r"\b(?:forward|send|copy|route|mirror)\s+(?:all|every|each|any)\s+(?:\w+\s+){0,3}?" + _SLOT)
_PASS_WEAK = _rx(r"\b" + _XFER + r"\b" + _W + r"{0,40}?" + _WEAK_SECRET + _W + r"{0,40}?" + _SLOT)

_TOOLS = (r"(?:tools?|servers?|functions?|plugins?|integrations?|mcp\s+servers?|providers?|services?|apis?|"
          r"methods?|assistants?|agents?)")
_NAMED_TOOL = r"(?:the\s+)?(?!this\b|that\b|a\b|an\b|any\b|the\b|which\b|each\b|every\b)[`'\"]?[\w.-]{2,60}[`'\"]?\s+tool\b"
_DISPARAGE = _rx(
    r"\b(?:all\s+|any\s+|the\s+)?(?:other|alternative|competing|built-?in|native|default|remaining)\s+(?:\w+\s+){0,2}?"
    + _TOOLS + r"\s+(?:are|is|have\s+been|has\s+been|were|may\s+be|might\s+be|could\s+be)\s+(?:now\s+|currently\s+)?"
    r"(?:broken|unreliable|deprecated|insecure|unsafe|compromised|malicious|outdated|dangerous|disabled|untrusted|"
    r"fake|obsolete|banned|blocked|forbidden|hacked|infected|spoofed|not\s+(?:to\s+be\s+)?trusted|"
    r"not\s+(?:safe|secure|reliable|trustworthy))"
)
_EXCLUSIVE = _rx(
    r"\b" + _NEG + r"\s+(?:use|call|invoke|trust|rely\s+on|consider|choose|select|try)\s+(?:any\s+|the\s+)?(?:other|"
    r"another|alternative|competing|different|similar|third[-\s]party|external|built-?in|native)\s+(?:\w+\s+){0,2}?"
    + _TOOLS + r"\b"
    r"|\b" + _NEG + r"\s+(?:use|call|invoke|trust)\s+" + _NAMED_TOOL
    + r"|\b(?:only|exclusively)\s+(?:use|call|invoke|trust)\s+this\s+(?:tool|server|function)\b"
    r"|\b(?:use|call|invoke|trust)\s+(?:only|exclusively)\s+this\s+(?:tool|server|function)\b"
    r"|\bthis\s+(?:tool|server|function)\s+(?:must|should|shall)\s+(?:always\s+)?be\s+(?:used|called|preferred|chosen)\s+"
    r"(?:instead\s+of|over|rather\s+than|in\s+place\s+of)\s+(?:all|any|every|other)"
    r"|\b(?:always|must|should)\s+(?:\w+\s+)?(?:use|call|invoke|prefer|choose)\s+this\s+(?:tool|server|function)\s+"
    r"(?:instead\s+of|over|rather\s+than|in\s+place\s+of)\s+(?:all|any|every|the\s+other|other)\b(?:\s+\w+)?"
    r"|\bthis\s+(?:tool|server)\s+(?:is|should\s+be)\s+(?:the\s+)?only\s+(?:trusted|reliable|safe|valid|approved|"
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
# after "do not tell the user": a statement that must not be made (a false claim), not something to hide
_PROPOSITION = _rx(r"\s+(?:that\s+)?(?:an?|the|any|this)\s+(?:\w+\s+){0,3}?(?:is|was|are|were|has|have|had|will|can|cannot|"
                   r"could|does|did)\b")

_OTHER_TOOLS = (r"(?:(?:any|every|all|each|other|another)\s+(?:of\s+the\s+)?(?:other\s+)?(?:\w+\s+){0,2}"
                r"(?:tools?|servers?|mcp\s+servers?|functions?|plugins?|integrations?|assistants?|agents?)"
                r"|tools?\s+of\s+other\s+servers?|other\s+(?:mcp\s+)?servers?)")
_EMAIL = r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}"
_CROSS_TOOL = _rx(
    r"\b(?:when|whenever|if|for|before|after)\b" + _W + r"{0,80}?\b" + _OTHER_TOOLS + r"\b" + _W + r"{0,160}?"
    r"\b(?:always|never|add|include|send|forward|copy|replace|redirect|route|override|ignore|bcc|cc)\b"
    r"|\b(?:always|never)\s+(?:\w+\s+){0,2}?(?:add|include|send|forward|copy|cc|bcc|route|redirect|pass|attach|append)"
    r"\b" + _W + r"{0,60}?\b(?:to|in|with|when|for|from|through|via)\s+(?:the\s+|calls?\s+(?:to|of)\s+)?" + _OTHER_TOOLS + r"\b"
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

# carriers
_ADDRESSED = _rx(
    r"\b(?:note|message|attention|reminder|instructions?|directive|memo|notice)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
    + _MODEL + r"\b"
    r"|\b(?:dear|hey|hi|attention|attn)\s*,?\s+" + _MODEL + r"\b"
    r"|\b(?:the\s+)?(?:ai|assistant|llm|agent|claude)\s+(?:must|should|shall|needs\s+to|has\s+to|"
    r"is\s+(?:required|instructed|expected)\s+to)\b"
)
_LABEL = re.compile(r"(?:^|(?<=[.!?]))[ \t]*(?:(?i:ai|assistant|claude|llm|chatgpt|gpt)|MODEL|AGENT)[ \t]*:", re.M)
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
                     "configuration file", "conversation", "chat ", "dialog", "user's", "users ")
_TOOL_WORDS = ("tool", "server", "function", "plugin", "integration", "provider", "service", "api", "method",
               "assistant", "agent")

# (regex, class, feature, weight, damped by a following scope, triggers)
_PAYLOADS: tuple[tuple[re.Pattern[str], str, str, float, bool, tuple[str, ...]], ...] = (
    (_OVERRIDE, "override", "asks the model to set aside its instructions or safety rules", 3.0, False, _INSTRUCTIONS),
    (_UNRESTRICTED, "override", "claims an unrestricted mode", 2.5, False,
     ("mode", "anything now", "safety", "ethical", "moral")),
    (_AUTH_MARKER, "authority", "authority marker addressed to the model", 2.0, False, ("<", "[", "#")),
    (_AUTH_PREFIX, "authority", "authority marker addressed to the model", 2.0, False, (":",)),
    (_AUTH_CLAIM, "authority", "claims to speak for the system or an administrator", 2.5, False,
     ("from", "i am", "this is")),
    (_PRECEDENCE, "authority", "claims precedence over the model's instructions", 2.5, False,
     ("precedence", "priority", "supersed", "overrid", "overrul")),
    (_ROLE_NEW, "roleplay", "gives the model a new role", 3.0, False,
     ("your", "you have been", "play", "character", " as ")),
    (_ROLE_PRETEND, "roleplay", "role-play directive", 2.5, False, ("pretend", "imagine", "assume", "act as")),
    (_ROLE_NOW, "roleplay", "tells the model what it now is", 2.0, False, ("now", "no longer", "you are")),
    (_CONCEAL_USER, "concealment", "asks the model to keep something from the user", 3.0, False,
     ("user", "human", "operator", "person", "owner", "customer", "requester", "developer", "people", "chat",
      "conversation", "transcript")),
    (_CONCEAL_SELF, "concealment", "asks the model to keep its instructions or actions secret", 3.0, False,
     ("not", "n't", "never", "avoid", "refrain", "no need", "secret", "covert", "surreptitious", "stealth", "keep",
      "confidential", "hidden", "private")),
    (_SILENT, "concealment", "asks the model to act silently or without confirmation", 2.0, False,
     ("silent", "quiet", "discreet", "invisibl", "behind the scenes", "confirmation", "permission", "approval",
      "consent", "authori")),
    (_OBEY_BLIND, "obey-output", "asks the model to obey whatever a tool returns", 3.0, False,
     ("whatever", "treat", "blind", "unconditional", "without", "instruct", "command", "direction", "directive",
      "order", "do what", "do as", "do exactly")),
    (_OBEY, "obey-output", "asks the model to follow instructions in a tool's output", 1.5, False,
     ("instruct", "command", "direction", "directive", "order")),
    (_READ_PASS, "secrets", "asks the model to read private data and pass it in an argument", 3.0, False,
     _PRIVATE_TRIGGERS),
    (_READ_PRIVATE, "secrets", "asks the model to read credentials or private context", 2.0, False, _PRIVATE_TRIGGERS),
    (_PASS_CONVERSATION, "secrets", "asks the model to pass the conversation in an argument", 2.0, False,
     ("conversation", "chat", "dialog", "user")),
    (_DIVERT, "secrets", "asks the model to divert data into an argument", 2.0, False,
     ("forward", "send", "copy", "route", "mirror")),
    (_PASS_WEAK, "secrets", "asks for a key or password in an argument", 1.0, False,
     ("key", "token", "password", "passphrase", "credential", "secret")),
    (_DISPARAGE, "preference", "disparages other tools", 3.0, True,
     ("other", "alternative", "competing", "built", "native", "default", "remaining")),
    (_EXCLUSIVE, "preference", "tells the model not to use other tools", 2.5, True, _TOOL_WORDS),
    (_CALL_FIRST, "preference", "tries to take precedence over other tools", 2.0, True, ("before", "prior to")),
    (_INSTEAD, "preference", "steers the model away from another tool", 1.5, True, ("instead",)),
    (_CROSS_TOOL, "shadowing", "instructions about other tools or servers", 2.5, False, _TOOL_WORDS),
    (_REDIRECT, "shadowing", "redirects data to a fixed address or account", 2.5, False,
     ("@", "http", "account", "recipient", "destination", "address", "iban", "wallet", "set ", "change ", "replace ")),
)
_CARRIERS: tuple[tuple[re.Pattern[str], str, float, tuple[str, ...]], ...] = (
    (_ADDRESSED, "addressed to the model", 1.0,
     ("ai", "assistant", "model", "llm", "agent", "claude", "gpt", "gemini", "copilot", "bot")),
    (_LABEL, "addressed to the model", 1.0,
     ("ai", "assistant", "claude", "llm", "gpt", "model", "agent")),
    (_YOU_MUST, "'you must'", 0.5, ("you",)),
    (_EMPHASIS, "emphasis", 0.5, ("important", "critical", "urgent", "mandatory", "attention", "warning", "**", "!!!")),
    (_COERCE, "threat of failure", 0.5, ("otherwise", " or ", "fail")),
)


# ---------------------------------------------------------------- wrappings

@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    label: str
    hidden: bool


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


def _regions(text: str) -> list[_Region]:
    out: list[_Region] = []
    for m in _HTML_COMMENT.finditer(text):
        out.append(_Region(m.start(1), m.end(1), "an HTML comment", True))
    for m in _MD_COMMENT.finditer(text):
        out.append(_Region(m.start(1), m.end(1), "a Markdown comment", True))
    for m in _BLOCK_COMMENT.finditer(text):
        out.append(_Region(m.start(1), m.end(1), "a code comment", False))
    for m in _LINE_COMMENT.finditer(text):
        label = "a code comment" if not m.group(0).lstrip().startswith("#") else "a '#' line"
        out.append(_Region(m.start(1), m.end(1), label, False))
    closed: set[int] = set()
    for m in _TAG_PAIR.finditer(text):
        closed.add(m.start())
        out.append(_Region(m.start(2), m.end(2), f"a <{m.group(1)}> tag", False))
    for m in _OPEN_TAG.finditer(text):
        if m.start() not in closed and not text[m.start():m.start() + 2].startswith("</"):
            out.append(_Region(m.end(), min(len(text), m.end() + 4000), f"a <{m.group(1)}> tag", False))
    for m in _AUTH_PREFIX.finditer(text):
        end = text.find("\n\n", m.end())
        out.append(_Region(m.end(), len(text) if end < 0 else end, f"a {m.group(0).strip()} label", False))
    for m in _BRACKET.finditer(text):
        if m.group(1).strip().isupper() or m.group(1).strip().lower() in ("inst", "system", "admin"):
            end = text.find("\n\n", m.end())
            out.append(_Region(m.end(), len(text) if end < 0 else end, f"a [{m.group(1).strip()}] marker", False))
    return out


def _wrapping(regions: list[_Region], start: int, end: int) -> _Region | None:
    inside = [r for r in regions if r.start <= start and end <= r.end]
    if not inside:
        return None
    return min(inside, key=lambda r: (not r.hidden, r.end - r.start))


def _blank(text: str) -> str:
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


def signals(raw: str, *, hidden: bool = False) -> list[Signal]:
    """Every feature in one text. `hidden`: the text was itself hidden (decoded Unicode tag characters)."""
    text = normalise(raw)
    if not text.strip():
        return []
    regions = _regions(text)
    blanked = _blank(text)
    found: dict[tuple[str, int], Signal] = {}
    carriers: dict[str, Signal] = {}
    whole, whole_raw = blanked.lower(), text.lower()
    # the patterns one of whose triggers the text holds at all; the others cannot match in any window
    payloads = [p for p in _PAYLOADS if any(t in (whole_raw if p[1] == "authority" else whole) for t in p[5])]
    windows = [(0, len(text))] if len(text) <= _WHOLE else list(_windows(blanked))
    for start, end in windows:
        piece = blanked[start:end]
        low, low_raw = piece.lower(), text[start:end].lower()
        for rx, cls, feature, weight, damped, triggers in payloads:
            if len(windows) > 1 and not any(t in (low_raw if cls == "authority" else low) for t in triggers):
                continue
            source = text[start:end] if cls == "authority" else piece
            for m in rx.finditer(source):
                a, b = start + m.start(), start + m.end()
                if (feature, a) in found:
                    continue
                if cls in _NEGATABLE and _NEGATED.search(source, max(0, m.start() - 30), m.start()):
                    continue
                w = weight
                if damped and _SCOPE.match(source, m.end()):
                    w -= 1.5
                if rx is _CONCEAL_USER and _PROPOSITION.match(source, m.end()):
                    w = 1.5
                region = _wrapping(regions, a, b)
                found[(feature, a)] = Signal(cls, feature, w, _quote(text[a:b]), region.label if region else None)
                if region and w >= 1.5:
                    label = "hidden wrapping" if region.hidden else "wrapping"
                    carriers.setdefault(label, Signal("wrapping", f"inside {region.label}",
                                                      1.0 if region.hidden else 0.5, region.label))
        for rx, feature, weight, triggers in _CARRIERS:
            source = text[start:end] if rx is _EMPHASIS else piece
            if feature in carriers or not any(t in (low_raw if rx is _EMPHASIS else low) for t in triggers):
                continue
            hit = rx.search(source)
            if hit:
                carriers[feature] = Signal("directive", feature, weight, _quote(hit.group(0)))
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
