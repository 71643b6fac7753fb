"""Name risks: a package name that imitates a popular or official MCP package (typosquatting).

Compared against data/popular_names.tsv (same ecosystem). A name matches when, after folding case,
PEP 503 separators (PyPI) and confusable characters (Cyrillic/Greek look-alikes, 0/o, 1/l/i, rn/m,
vv/w), it
* equals a popular name while the raw text differs (a homoglyph or separator trick), or
* is within Damerau-Levenshtein distance 1 of a popular name of 6+ characters (2 for 12+), and the
  words the two do not share are themselves that close (so `csv-mcp-server` is not a typo of
  `cli-mcp-server`), or
* imitates an official scope: `@modelcontextprotoco1/…`, `@model-context-protocol/…` (scope within
  distance 2 of a known scope, the same after removing separators, or containing the official
  `modelcontextprotocol` scope), or carries an official scoped name without its scope
  (`modelcontextprotocol-server-memory`).
A name in the list is never reported, nor one inside the same npm scope as a popular name (only
the scope's owners can publish there: a sibling, not a squat). Registries only accept ASCII names,
so the confusables that matter are 0/o, 1/l, I/l, rn/m, vv/w and separators.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ɡ": "g", "ո": "n", "ν": "v", "ο": "o", "α": "a", "ρ": "p", "τ": "t", "κ": "k", "ι": "i",
    "0": "o", "1": "l", "!": "l", "|": "l", "$": "s",
})


OFFICIAL_SCOPES = frozenset({"modelcontextprotocol"})  # a scope containing one of these imitates it


@dataclass(frozen=True)
class NameMatch:
    name: str  # the inspected name
    looks_like: str  # the popular name it imitates
    reason: str


@lru_cache(maxsize=1)
def popular_names() -> dict[str, frozenset[str]]:
    text = resources.files("mcpvet.provenance").joinpath("data/popular_names.tsv").read_text("utf-8")
    out: dict[str, set[str]] = {"pypi": set(), "npm": set()}
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        eco, name = line.split("\t", 1)
        out.setdefault(eco.strip(), set()).add(name.strip())
    return {k: frozenset(v) for k, v in out.items()}


def _fold(name: str, ecosystem: str) -> str:
    s = unicodedata.normalize("NFKC", name).lower()
    if ecosystem == "pypi":
        s = re.sub(r"[-_.]+", "-", s)
    return s


def skeleton(name: str) -> str:
    s = unicodedata.normalize("NFKC", name).lower().translate(CONFUSABLES)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.replace("rn", "m").replace("vv", "w")
    return re.sub(r"[-_.\s]+", "-", s)


def distance(a: str, b: str, cap: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping early above `cap`."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cap:
            return cap + 1
        prev2, prev = prev, cur
    return prev[-1]


def _split(name: str) -> tuple[str | None, str]:
    if name.startswith("@") and "/" in name:
        scope, rest = name[1:].split("/", 1)
        return scope, rest
    return None, name


def _distinctive_parts_close(a: str, b: str) -> bool:
    """Whether the words the two names do not share are close enough to be a slip, not another name.

    `csv-mcp-server` is not a typo of `cli-mcp-server`, nor `awslabs-ec2-mcp-server` of
    `awslabs-eks-mcp-server`: once the shared words are set aside, what differs is a short word of
    its own. A differing part of fewer than 5 characters never counts; 5-9 characters allow one
    edit, longer ones two.
    """
    ta = [t for t in re.split(r"[-_./@]+", a) if t]
    tb = [t for t in re.split(r"[-_./@]+", b) if t]
    shared = set(ta) & set(tb)
    ca = "-".join(t for t in ta if t not in shared)
    cb = "-".join(t for t in tb if t not in shared)
    if not ca or not cb:
        return True  # a word added or dropped (e.g. `mcp-server-fetch2`): the full distance decides
    if len(cb) < 5:
        return False
    return distance(ca, cb, 2) <= (2 if len(cb) >= 10 else 1)


def check_name(name: str, ecosystem: str) -> tuple[NameMatch, ...]:
    popular = popular_names().get(ecosystem, frozenset())
    folded = _fold(name, ecosystem)
    if name.isascii() and folded in {_fold(p, ecosystem) for p in popular}:
        return ()  # a genuine name (PyPI also treats case and separators as the same project)
    matches: dict[str, NameMatch] = {}
    sk = skeleton(name)
    scope, rest = _split(folded)
    scopes = {s for s in (_split(p.lower())[0] for p in popular) if s}
    for p in sorted(popular):
        pf = _fold(p, ecosystem)
        pscope, prest = _split(pf)
        if scope is not None and scope == pscope:
            continue  # only the scope's owner can publish in it: a sibling, not a squat
        if skeleton(p) == sk:
            matches[p] = NameMatch(name, p, "the same name once look-alike characters and separators are folded")
            continue
        limit = 2 if len(pf) >= 12 else 1 if len(pf) >= 6 else 0
        if limit and distance(folded, pf, limit) <= limit and _distinctive_parts_close(folded, pf):
            matches[p] = NameMatch(name, p, f"{distance(folded, pf, limit)} edit(s) away from a popular name")
            continue
        if pscope and scope is None and rest.endswith(prest) and pscope.replace("-", "") in rest.replace("-", "") \
                and len(prest) >= 6:
            matches[p] = NameMatch(name, p, f"the official scoped name without its scope @{pscope}")
    if scope is not None and scope not in scopes:
        for s in sorted(scopes):
            bare, bare_s = re.sub(r"[-_.]", "", scope), re.sub(r"[-_.]", "", s)
            if len(s) >= 6 and (distance(scope, s, 2) <= (2 if len(s) >= 10 else 1)
                                or (s in OFFICIAL_SCOPES and s in bare) or bare == bare_s
                                or skeleton(scope) == skeleton(s)):
                key = f"@{s}/{rest}"
                if key not in matches:
                    matches[key] = NameMatch(name, f"@{s}/", f"scope @{scope} imitates the scope @{s}")
                break
    return tuple(sorted(matches.values(), key=lambda m: m.looks_like))
