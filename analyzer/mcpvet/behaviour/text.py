"""Text normalisation for the declared-capability lexicon: words, stems, clauses and negation.

Deterministic and dependency-free. A description is split into clauses (sentence and comma
boundaries); each clause into lower-case word tokens, each token reduced to a crude stem so that
"reads", "reading" and "read" or "files" and "file" compare equal.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_IRREGULAR = {
    "written": "writ",
    "wrote": "writ",
    "ran": "run",
    "sent": "send",
    "made": "mak",
    "children": "child",
    "dirs": "dir",
    "data": "data",
    "news": "news",
    "us": "us",
    "this": "this",
    "is": "is",
    "has": "has",
    "was": "was",
    "does": "do",
    "its": "its",
    "as": "as",
    "always": "always",
    "process": "process",
    "access": "access",
    "address": "address",
    "less": "less",
    "unless": "unless",
}

_WORD = re.compile(r"[a-z0-9]+")
# camelCase / PascalCase / acronym boundaries: "readFileSync" -> "read File Sync", "HTTPServer" -> "HTTP Server"
_CAMEL_1 = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL_2 = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CLAUSE_SPLIT = re.compile(r"(?:[.;:!?\n]+(?:\s|$)|,\s+|\s+-{1,2}\s+|\(|\))")
# a short aside in parentheses ("one page (diagram) in a local file"): its own clause, and the
# clause around it stays one ("(a)", "(optional)" do not cut a verb from its object)
_ASIDE = re.compile(r"\s*\(([^()\n]{1,40})\)")
_ASIDE_WORDS = 4
_CONTRACTION = re.compile(r"\b(do|does|did|is|are|was|were|wo|ca|could|should|would|has|have|had|must|need)n[’']t\b", re.I)

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "none", "cannot", "neither", "nothing"})
# "no more than", "not only": the negator does not negate what follows
_NEGATION_BREAKERS = frozenset({"more", "less", "only", "just", "longer", "matter", "later", "earlier", "fewer"})


@functools.lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A crude, consistent suffix stripper (consistent is what matters: cues are stemmed the same way;
    pure: cached, the same words recur across a server's tools)."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    stripped = False
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) - 3 >= 3:
        w, stripped = w[:-3], True
    elif w.endswith("ed") and len(w) - 2 >= 3:
        w, stripped = w[:-2], True
    elif w.endswith("ion") and len(w) - 3 >= 4 and w[-4] == "t":
        w = w[:-3]
    elif w.endswith("er") and len(w) - 2 >= 4 and w not in {"folder", "server", "browser", "user", "other", "order"}:
        # "writer" -> "writ", "reader" -> "read", "downloader" -> "download"
        w, stripped = w[:-2], True
    if stripped and len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # running -> run, stopped -> stop
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    return w


def strip_invisible(text: str) -> str:
    """Drop format (Cf) and control characters other than white space, so hidden text cannot add or split words."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf" or (cat == "Cc" and ch not in "\n\t\r"):
            continue
        out.append(ch)
    return "".join(out)


# camel-cased brand names that must stay one word ("GitHub" is not "git" + "hub")
_BRANDS = re.compile(
    r"github|gitlab|bitbucket|postgresql|mongodb|dynamodb|bigquery|javascript|typescript|powershell|applescript|"
    r"youtube|openai|graphql|mysql|sqlite|duckduckgo|linkedin|whatsapp|huggingface|icloud|onedrive|sharepoint|"
    r"cloudflare|dockerhub|websocket|webhook|nodejs|macos|iphone|ipad|devops|gmail|hubspot|zendesk|paypal|"
    r"clickup|airtable|supabase|firebase|vercel|netlify|grafana|pagerduty|datadog|jupyterlab", re.I)


# the brand names as words, to tell cheaply which of them `_BRANDS` can match in a text: those the
# text holds in lower case, unless it has one of the three letters IGNORECASE matches to an ASCII
# letter that lower() leaves apart (dotted and dotless i, long s; the Kelvin sign lowers to k)
_BRAND_WORDS = tuple(_BRANDS.pattern.split("|"))
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f")


def _brands_in(name: str) -> re.Pattern[str] | None:
    """`_BRANDS`, or the same alternation of only the brands `name` holds (in the same order, so the
    same alternative wins at each position), or None when it holds none."""
    if any(c in name for c in _FOLDS_TO_ASCII):
        return _BRANDS
    low = name.lower()
    present = tuple(w for w in _BRAND_WORDS if w in low)
    return _brand_pattern(present) if present else None


@functools.lru_cache(maxsize=256)
def _brand_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(words), re.I)


def split_identifier(name: str) -> str:
    """`read_file`, `readFile`, `read-file`, `HTTPGet` -> words separated by spaces (brand names kept whole)."""
    # identifiers recur across the tools of a server (`path`, `url`): short ones are split once
    return _split_short(name) if len(name) <= 200 else _split(name)


def _split(name: str) -> str:
    brands = _brands_in(name)
    s = brands.sub(lambda m: " " + m.group(0).lower() + " ", name) if brands is not None else name
    s = _CAMEL_2.sub(r"\1 \2", s)
    s = _CAMEL_1.sub(r"\1 \2", s)
    return re.sub(r"[_\-./:]+", " ", s)


_split_short = functools.lru_cache(maxsize=16384)(_split)


@dataclass(frozen=True)
class Token:
    word: str  # lower-case surface form
    stem: str


def tokens(text: str) -> tuple[Token, ...]:
    text = _CONTRACTION.sub(lambda m: m.group(1) + " not", text)
    text = split_identifier(text)
    return tuple(Token(w, stem(w)) for w in _WORD.findall(text.lower()))


@functools.lru_cache(maxsize=4096)
def clauses(text: str) -> tuple[tuple[Token, ...], ...]:
    """Clauses of a text (sentences and comma-separated parts), tokenised; empty clauses dropped
    (pure and immutable: cached, since a tool's text is read for its cues and again for its denials)."""
    text = strip_invisible(text)
    text = _CONTRACTION.sub(lambda m: m.group(1) + " not", text)
    # keep code spans and dotted names together before splitting on "." ("os.environ", "~/.ssh")
    asides: list[str] = []

    def aside(m: re.Match[str]) -> str:
        if len(_WORD.findall(m.group(1).lower())) > _ASIDE_WORDS:
            return m.group(0)
        asides.append(m.group(1))
        return ""

    text = _ASIDE.sub(aside, text)
    parts = _CLAUSE_SPLIT.split(text) + asides
    out = []
    for part in parts:
        if not part:
            continue
        toks = tokens(part)
        if toks:
            out.append(toks)
    return tuple(out)


def negated(clause: tuple[Token, ...], start: int, window: int = 6) -> bool:
    """Is the phrase starting at `start` under a negation earlier in the same clause (within `window` words)?"""
    lo = max(0, start - window)
    for i in range(start - 1, lo - 1, -1):
        w = clause[i].word
        if w in NEGATORS:
            nxt = clause[i + 1].word if i + 1 < len(clause) else ""
            if nxt in _NEGATION_BREAKERS:
                continue
            return True
        if w in {"but", "however", "although", "though", "yet"}:
            return False
    return False
