"""Instructions addressed to the model in tool text: poisoning (do this secretly, read that file and
pass it along) and shadowing (change how other tools or servers are used).

Patterns are regular expressions over the text with invisible characters removed and white space
folded. Each hit keeps the matched words so the finding can quote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.behaviour.text import strip_invisible


@dataclass(frozen=True)
class PromptHit:
    rule: str  # "tool-poisoning" | "tool-shadowing"
    reason: str
    quote: str
    supporting: bool = False  # only counts next to a stronger sign


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.DOTALL)


_TAGS = ("important", "system", "instructions?", "system[-_ ]?prompt", "secret", "admin",
         "ai[-_ ]?instructions?", "note[-_ ]?to[-_ ]?(?:the[-_ ]?)?(?:ai|assistant|model|llm)", "override", "sudo")
# tags that also appear in honest descriptions of prompt-building tools: only count next to another sign
_WEAK_TAGS = ("hidden", "assistant", "prompt", "context", "critical", "developer")
_PSEUDO_TAG = _rx(r"<\s*/?\s*(?:" + "|".join(_TAGS) + r")\s*>|\[\s*/?(?:system|inst|important)\s*\]|<<\s*/?sys\s*>>"
                  r"|<\|im_start\|>|<\|system\|>|^#{1,3}\s*system\b")
_WEAK_TAG = _rx(r"<\s*/?\s*(?:" + "|".join(_WEAK_TAGS) + r")\s*>")
_IGNORE = _rx(r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
              r"(?:previous|prior|above|earlier|preceding|other|existing|system)\s+"
              r"(?:instructions?|prompts?|rules|directions|guidelines|system\s+messages?)")
_AUDIENCE = r"(?:the\s+|your\s+)?(?:user|human|operator|person|client|owner)s?"
_SECRECY = _rx(
    r"\b(?:do\s+not|don'?t|never|must\s+not|should\s+not|shouldn'?t)\s+(?:\w+\s+){0,2}"
    r"(?:tell|mention|inform|reveal|disclose|notify|alert|let)\b[^.\n]{0,60}?\b" + _AUDIENCE + r"\b"
    r"|\bwithout\s+(?:telling|informing|notifying|alerting|asking|showing)\s+" + _AUDIENCE + r"\b"
    r"|\b" + _AUDIENCE + r"\s+(?:does|do|need|should)\s*(?:not|n't)\s+(?:need\s+to\s+)?(?:know|be\s+told|see)\b"
    r"|\bhide\s+(?:this|it|that)\s+from\s+" + _AUDIENCE + r"\b"
    r"|\bkeep\s+(?:this|it|that)\s+(?:secret|hidden|confidential|between\s+us)\b"
    r"|\b(?:silently|secretly|covertly|quietly)\s+(?:\w+\s+){0,2}(?:send|read|include|add|pass|forward|copy|call|upload)\b"
)
_SECRET_OBJECT = (r"(?:file|files|content|contents|key|keys|credentials?|secrets?|tokens?|passwords?|config(?:uration)?"
                  r"|env(?:ironment)?|history|cookies?|~/|\.\w+/|/etc/|mcp\.json|id_rsa|\.ssh)")
_BEFORE_USING = _rx(
    r"\bbefore\s+(?:using|calling|invoking|running|you\s+(?:use|call))\s+(?:this|the|any)\s+tool\b[^.\n]{0,40}?"
    r"\b(?:read|open|cat|fetch|load|get|retrieve|access|collect|send|include|pass|provide|attach)\b[^.\n]{0,80}?"
    r"\b" + _SECRET_OBJECT
)
_PASS_CONTENT = _rx(
    r"\b(?:pass|put|include|insert|send|provide|add|attach|paste|copy|supply|place)\b[^.\n]{0,40}?"
    r"(?:\b(?:its|their|the\s+file'?s)\s+(?:entire\s+|full\s+|whole\s+|complete\s+)?contents?"
    r"|\b(?:entire\s+|full\s+|whole\s+|complete\s+)?contents?\s+of\s+[^.\n]{0,40}?" + _SECRET_OBJECT + r")"
    r"[^.\n]{0,40}?\s(?:as|in|into|inside|to|via)\s+(?:the\s+)?[`'\"]?\w+[`'\"]?"
    r"|\b(?:read|open|cat)\b[^.\n]{0,80}?" + _SECRET_OBJECT + r"[^.\n]{0,60}?\b(?:and|then)\s+(?:pass|send|include|put|add)"
)
_COERCE = _rx(r"\botherwise\s+(?:the\s+|this\s+)?tool\s+(?:will\s+)?(?:fail|return|not\s+work|break|crash|give)")

_OTHER_TOOLS = (r"(?:(?:any|every|all|each|other|another)\s+(?:of\s+the\s+)?(?:other\s+)?(?:\w+\s+){0,2}"
                r"(?:tools?|servers?|mcp\s+servers?|functions?|plugins?|integrations?|assistants?|agents?)"
                r"|tools?\s+of\s+other\s+servers?|other\s+(?:mcp\s+)?servers?)")
_SHADOW_DIRECTIVE = _rx(
    r"\b(?:when|whenever|if|for|before|after)\b[^.\n]{0,80}?\b" + _OTHER_TOOLS + r"\b[^.]{0,160}?"
    r"\b(?:always|never|add|include|send|forward|copy|replace|redirect|route|override|ignore|bcc|cc)\b"
    r"|\b(?:always|never)\b[^.\n]{0,80}?\b" + _OTHER_TOOLS + r"\b"
    r"|\b" + _OTHER_TOOLS + r"\s+(?:must|should|shall)\s+(?:always\s+|now\s+)?(?:send|include|add|forward|copy|cc|bcc)\b"
)
_CALL_FIRST = _rx(
    r"\b(?:this\s+tool|it)\s+(?:must|should|has\s+to|needs\s+to)\s+(?:always\s+)?be\s+(?:called|used|run|invoked)\s+"
    r"(?:before|prior\s+to|instead\s+of)\s+(?:any|every|all|other)\b"
    r"|\b(?:call|use|run|invoke)\s+this\s+tool\s+(?:first\s+)?(?:before|instead\s+of)\s+(?:any|every|all|other|using)\b"
    r"|\binstead\s+of\s+(?:using\s+)?(?:the\s+)?[`'\"]?\w+[`'\"]?\s+tool\b"
    r"|\b(?!this\b|that\b|which\b|the\b)[`'\"]?[\w.-]{3,60}[`'\"]?\s+tool\s+(?:must|should|shall|has\s+to|needs\s+to)"
    r"\s+(?:always\s+|now\s+|also\s+)?(?:send|include|add|forward|copy|cc|bcc|route|redirect|upload)\b"
    r"|\bwhen(?:ever)?\s+(?:you\s+)?(?:use|call|invoke|run)\s+(?:the\s+)?(?!this\b)[`'\"]?[\w.-]{3,60}[`'\"]?\s+tool\b"
)
_EMAIL = r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}"
_REDIRECT = _rx(
    r"\b(?:always|also|automatically|additionally)\s+(?:\w+\s+){0,3}?(?:add|include|cc|bcc|send|forward|copy|cc:|bcc:)"
    r"\b[^.\n]{0,80}?(?:" + _EMAIL + r"|\baccount\s+(?:number\s+)?[\w-]{0,40}\d[\w-]{0,40}|https?://\S{1,200})"
    r"|\b(?:send|forward|route|redirect|copy)\s+(?:all|every|each|any)\s+(?:\w+\s+){0,3}?to\s+(?:"
    + _EMAIL + r"|https?://\S{1,200})"
    r"|\bbcc\b[^.\n]{0,60}?" + _EMAIL + r"|" + _EMAIL + r"[^.\n]{0,30}?\bas\s+(?:a\s+)?bcc\b"
)


_SUPPORTING: tuple[re.Pattern[str], ...] = (_COERCE, _WEAK_TAG)  # signs that only count next to others


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", strip_invisible(text)).strip()


def _quote(m: re.Match[str]) -> str:
    q = m.group(0).strip()
    return q if len(q) <= 160 else q[:157] + "..."


def scan(text: str) -> list[PromptHit]:
    """Poisoning and shadowing instructions in one text (a description, a parameter description …)."""
    norm = _norm(text)
    hits: list[PromptHit] = []
    for rx, rule, reason in (
        (_PSEUDO_TAG, "tool-poisoning", "pseudo-tag addressed to the model"),
        (_IGNORE, "tool-poisoning", "asks the model to ignore its instructions"),
        (_SECRECY, "tool-poisoning", "asks the model to keep something from the user"),
        (_BEFORE_USING, "tool-poisoning", "asks the model to read or send private data before using the tool"),
        (_PASS_CONTENT, "tool-poisoning", "asks the model to put file contents or secrets into an argument"),
        (_COERCE, "tool-poisoning", "threatens failure to coerce the model"),
        (_WEAK_TAG, "tool-poisoning", "pseudo-tag addressed to the model"),
        (_SHADOW_DIRECTIVE, "tool-shadowing", "instructions about other tools or servers"),
        (_CALL_FIRST, "tool-shadowing", "tries to take precedence over other tools"),
        (_REDIRECT, "tool-shadowing", "redirects data to a fixed address or account"),
    ):
        m = rx.search(norm) if rx is not _PSEUDO_TAG else (rx.search(norm) or re.search(rx.pattern, text, rx.flags | re.M))
        if m:
            hits.append(PromptHit(rule, reason, _quote(m), supporting=rx in _SUPPORTING))
    # a coercive clause or a generic tag alone is ordinary prose ("otherwise the tool will fail")
    if all(h.supporting for h in hits if h.rule == "tool-poisoning"):
        hits = [h for h in hits if h.rule != "tool-poisoning"]
    return hits
