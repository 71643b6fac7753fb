"""How a server's HTTP transport is exposed, read from one source file as text: bound to every
network interface (`0.0.0.0`, `::`), answering any web origin (CORS `*`), any Host header (allowed
hosts `*`), or with DNS-rebinding protection turned off. `mcpvet.checks.analysis.package_code`
judges them together (`network-exposure`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ALL_INTERFACES = "all-interfaces"
ANY_ORIGIN = "any-origin"
ANY_HOST = "any-host"
NO_REBINDING_PROTECTION = "no-rebinding-protection"

_CHEAP = re.compile(r"0\.0\.0\.0|[\"']::[\"']|[\"']\*[\"']|cors\(\s*\)|rebinding", re.I)
_WILDCARD_ADDRESS = re.compile(r"[\"'](?:0\.0\.0\.0|::)[\"']")
# the line uses the address as where to listen (not a comparison, a list of wildcard addresses, a message)
_LISTEN_WORDS = re.compile(r"\b(?:host|listen|bind|serve|run|address|HOST|BIND)\w*", re.I)
_COMPARED = re.compile(r"==|!=|\bin\s*[\(\[\{]|\bnot in\b|includes\(|startsWith|frozenset\(|\bset\(|\bis\b")
_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (ANY_ORIGIN, re.compile(r"allow_origins\s*=\s*\[\s*[\"']\*[\"']|\borigins?\s*[:=]\s*(?:\[\s*)?[\"']\*[\"']|"
                            r"Access-Control-Allow-Origin[\"']\s*[,:]\s*[\"']\*[\"']|\bcors\(\s*\)")),
    (ANY_HOST, re.compile(r"allowed_?hosts\s*[=:]\s*\[\s*[\"']\*[\"']|ALLOWED_HOSTS\b[^\n]{0,60}[\"']\*[\"']", re.I)),
    (NO_REBINDING_PROTECTION, re.compile(r"enable_dns_rebinding_protection\s*=\s*False|"
                                         r"enableDnsRebindingProtection\s*:\s*false")),
)


@dataclass(frozen=True)
class ExposureSign:
    line: int
    kind: str  # ALL_INTERFACES, ANY_ORIGIN, ANY_HOST, NO_REBINDING_PROTECTION
    code: str  # the line, shortened


def exposure_signs(text: str) -> tuple[ExposureSign, ...]:
    """The signs of an exposed transport in one file's text, one per line and kind."""
    if not _CHEAP.search(text):
        return ()
    out: list[ExposureSign] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//", "*", "/*")) or len(stripped) > 400:
            continue
        if _WILDCARD_ADDRESS.search(line) and _LISTEN_WORDS.search(line) and not _COMPARED.search(line):
            out.append(ExposureSign(number, ALL_INTERFACES, stripped[:160]))
        for kind, rx in _SIGNS:
            if rx.search(line):
                out.append(ExposureSign(number, kind, stripped[:160]))
    return tuple(out)
