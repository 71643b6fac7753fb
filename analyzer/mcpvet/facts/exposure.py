"""How a server's HTTP transport is exposed, read from one source file as text: bound to every
network interface (`0.0.0.0`, `::`), answering any web origin (CORS `*`), any Host header (allowed
hosts `*`), or with DNS-rebinding protection turned off. `mcpvet.checks.analysis.package_code`
judges them together (`network-exposure`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.textlines import line_at

ALL_INTERFACES = "all-interfaces"
ANY_ORIGIN = "any-origin"
ANY_HOST = "any-host"
NO_REBINDING_PROTECTION = "no-rebinding-protection"

_ADDRESSES = ('"0.0.0.0"', "'0.0.0.0'", '"::"', "'::'")
_WILDCARDS = ('"*"', "'*'")
# the line uses the address as where to listen (not a comparison, a list of wildcard addresses, a message)
_LISTEN_WORDS = re.compile(r"\b(?:host|listen|bind|serve|run|address|HOST|BIND)\w*", re.I)
_COMPARED = re.compile(r"==|!=|\bin\s*[\(\[\{]|\bnot in\b|includes\(|startsWith|frozenset\(|\bset\(|\bis\b")
# what comes right before a "*" literal that makes it a wildcard origin or host
_ORIGIN_BEFORE = re.compile(r"(?:allow_origins\s*=\s*\[\s*|\borigins?\s*[:=]\s*(?:\[\s*)?|"
                            r"Access-Control-Allow-Origin[\"']\s*[,:]\s*)$")
_HOST_BEFORE = re.compile(r"(?:allowed_?hosts\s*[=:]\s*\[\s*|ALLOWED_HOSTS\b[^\n]{0,60})$", re.I)
_REBINDING_OFF = re.compile(r"enable_dns_rebinding_protection\s*=\s*False|enableDnsRebindingProtection\s*:\s*false")


@dataclass(frozen=True)
class ExposureSign:
    line: int
    kind: str  # ALL_INTERFACES, ANY_ORIGIN, ANY_HOST, NO_REBINDING_PROTECTION
    code: str  # the line, shortened


def _positions(text: str, needle: str) -> list[int]:
    out: list[int] = []
    at = text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def exposure_signs(text: str) -> tuple[ExposureSign, ...]:
    """The signs of an exposed transport in one file's text, one per line and kind. Literal searches
    find the few places to look at (a wildcard address, a `"*"`, `cors()`, "rebinding"); only their
    lines are matched: a large bundle costs a few scans of its text."""
    hits: list[tuple[int, str]] = []  # (position, kind)
    for needle in _ADDRESSES:
        hits += [(at, ALL_INTERFACES) for at in _positions(text, needle)]
    for needle in _WILDCARDS:
        for at in _positions(text, needle):
            before = text[max(0, at - 80):at]
            before = before[before.rfind("\n") + 1:]
            if _ORIGIN_BEFORE.search(before):
                hits.append((at, ANY_ORIGIN))
            elif _HOST_BEFORE.search(before):
                hits.append((at, ANY_HOST))
    hits += [(at, ANY_ORIGIN) for at in _positions(text, "cors()")]
    if "ebinding" in text:
        hits += [(m.start(), NO_REBINDING_PROTECTION) for m in _REBINDING_OFF.finditer(text)]
    found: dict[tuple[int, str], ExposureSign] = {}
    for at, kind in hits:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        line = text[start:end if end >= 0 else len(text)]
        stripped = line.strip()
        if stripped.startswith(("#", "//", "*", "/*")) or len(stripped) > 400:
            continue
        if kind == ALL_INTERFACES and (not _LISTEN_WORDS.search(line) or _COMPARED.search(line)):
            continue
        number = line_at(text, start)
        found.setdefault((number, kind), ExposureSign(number, kind, stripped[:160]))
    return tuple(found[k] for k in sorted(found))
