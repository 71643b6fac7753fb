"""npm's choice of a version for a declared dependency range, without running npm.

What `npm install` does for one `"name": "range"` entry (npm-pick-manifest): when the `latest`
dist-tag satisfies the range, that version; otherwise the highest published version that does.
A range that is a dist-tag name (`"next"`) is the tagged version. Pre-releases satisfy a range only
when one of its comparators names a pre-release of the same major.minor.patch (node-semver's rule);
deprecated versions are passed over when another satisfies the range. Ranges npm does not take from
the registry (`file:`, `git+…`, URLs, `npm:` aliases, `workspace:`) are not resolved here.

Why not the install closure's resolver (`provenance.closure`, `npm install --package-lock-only`):
it is a subprocess resolving the whole tree, needs npm and the network, and `--offline` cannot run
it; one range of one name needs only that name's packument, which the fetch layer caches for
offline runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")
_PARTIAL = re.compile(r"^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")
_NOT_REGISTRY = ("file:", "link:", "git", "http:", "https:", "npm:", "workspace:", "github:", "portal:")

Version = tuple[int, int, int, tuple[int | str, ...]]  # pre-release () = a release
Test = Callable[[Version], bool]


def parse_version(text: str) -> Version | None:
    m = _VERSION.match(text.strip())
    if m is None:
        return None
    pre = tuple(int(p) if p.isdigit() else p for p in m.group(4).split(".")) if m.group(4) else ()
    return int(m.group(1)), int(m.group(2)), int(m.group(3)), pre


def _key(v: Version) -> tuple[object, ...]:
    """Sort key: a release after its pre-releases; numeric identifiers before alphanumeric ones."""
    pre = v[3]
    return (v[0], v[1], v[2], 1 if not pre else 0, tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in pre))


def _cmp(a: Version, b: Version) -> int:
    ka, kb = _key(a), _key(b)
    return (ka > kb) - (ka < kb)


def is_registry_range(spec: str) -> bool:
    """False for the forms npm does not resolve against the registry's versions of this name."""
    s = spec.strip()
    return not s.startswith(_NOT_REGISTRY) and "/" not in s


def _partial(text: str) -> tuple[list[int | None], tuple[int | str, ...]] | None:
    m = _PARTIAL.match(text)
    if m is None:
        return None
    parts = [None if g is None or g in "xX*" else int(g) for g in m.groups()[:3]]
    for i in range(1, 3):  # 1.x.3 means 1.x
        if parts[i - 1] is None:
            parts[i] = None
    pre = tuple(int(p) if p.isdigit() else p for p in m.group(4).split(".")) if m.group(4) else ()
    return parts, pre


def _floor(parts: list[int | None], pre: tuple[int | str, ...]) -> Version:
    return (parts[0] or 0, parts[1] or 0, parts[2] or 0, pre if parts[2] is not None else ())


def _comparators(text: str) -> list[tuple[str, Version]] | None:
    """One space-separated set (`>=1.2 <2`, `^1.2.3`, `1.2 - 1.4`) as (operator, version) pairs."""
    text = re.sub(r"(<=|>=|<|>|=|\^|~>?)\s+", r"\1", text.strip())
    hyphen = re.match(r"^(\S+)\s+-\s+(\S+)$", text)
    if hyphen:
        lo, hi = _partial(hyphen.group(1)), _partial(hyphen.group(2))
        if lo is None or hi is None:
            return None
        out = [(">=", _floor(*lo))]
        return out + _upper_of(hi[0], hi[1], inclusive=True)
    found: list[tuple[str, Version]] = []
    for tok in text.split():
        m = re.match(r"^(<=|>=|<|>|=|\^|~>?|)(.*)$", tok)
        assert m is not None
        op, rest = m.group(1), m.group(2)
        p = _partial(rest)
        if p is None:
            return None
        parts, pre = p
        found += _expand(op, parts, pre)
    return found


def _upper_of(parts: list[int | None], pre: tuple[int | str, ...], *, inclusive: bool) -> list[tuple[str, Version]]:
    major, minor, patch = parts
    if major is None:
        return []
    if minor is None:
        return [("<", (major + 1, 0, 0, (0,)))]
    if patch is None:
        return [("<", (major, minor + 1, 0, (0,)))]
    return [("<=" if inclusive else "<", (major, minor, patch, pre))]


def _expand(op: str, parts: list[int | None], pre: tuple[int | str, ...]) -> list[tuple[str, Version]]:
    major, minor, patch = parts
    lo = _floor(parts, pre)
    if op in ("", "=") and major is None:
        return []  # *: any release
    if op in ("", "="):
        if patch is not None:
            return [("=", lo)]
        return [(">=", lo)] + _upper_of(parts, pre, inclusive=False)
    if op.startswith("~"):
        upper = (major or 0, (minor or 0) + 1, 0, (0,)) if minor is not None else ((major or 0) + 1, 0, 0, (0,))
        return [(">=", lo), ("<", upper)]
    if op == "^":
        if major is None:
            return []
        if major > 0 or minor is None:
            upper = (major + 1, 0, 0, (0,))
        elif minor > 0 or patch is None:
            upper = (0, minor + 1, 0, (0,))
        else:
            upper = (0, 0, (patch or 0) + 1, (0,))
        return [(">=", lo), ("<", upper)]
    if op == ">":
        if patch is None:  # >1.2 means >=1.3.0
            nxt = (major + 1, 0, 0, ()) if minor is None and major is not None else (major or 0, (minor or 0) + 1, 0, ())
            return [(">=", nxt)]
        return [(">", lo)]
    if op == "<=" and patch is None:
        return _upper_of(parts, pre, inclusive=False)
    if op == "<" and patch is None:
        return [("<", (lo[0], lo[1], lo[2], (0,)))]
    return [(op, lo)]


def _satisfies(v: Version, comps: Sequence[tuple[str, Version]]) -> bool:
    for op, c in comps:
        d = _cmp(v, c)
        ok = {"=": d == 0, ">": d > 0, ">=": d >= 0, "<": d < 0, "<=": d <= 0}[op]
        if not ok:
            return False
    if v[3]:  # a pre-release only where a comparator names one of the same major.minor.patch
        return any(c[3] and c[3] != (0,) and c[:3] == v[:3] for _, c in comps)
    return True


def range_test(spec: str) -> Test | None:
    """A predicate over versions for an npm range, or None when it does not read as one."""
    text = spec.strip()
    sets: list[list[tuple[str, Version]]] = []
    for part in text.split("||"):
        comps = _comparators(part) if part.strip() not in ("", "*", "latest") else []
        if comps is None:
            return None
        sets.append(comps)
    return lambda v: any(_satisfies(v, comps) for comps in sets)


def pick(spec: str, versions: Sequence[str], tags: Mapping[str, str],
         deprecated: Callable[[str], bool] = lambda _v: False) -> str | None:
    """The version `npm install` would take for `spec` among the published `versions`, or None."""
    text = spec.strip()
    if text in tags and tags[text] in versions:
        return tags[text]
    test = range_test(text or "*")
    if test is None:
        return None
    parsed = {v: p for v in versions if (p := parse_version(v)) is not None}
    latest = tags.get("latest")
    if latest in parsed and test(parsed[latest]) and not deprecated(latest):
        return latest
    fitting = sorted((v for v, p in parsed.items() if test(p)), key=lambda v: _key(parsed[v]), reverse=True)
    live = [v for v in fitting if not deprecated(v)]
    chosen = live or fitting
    return chosen[0] if chosen else None
