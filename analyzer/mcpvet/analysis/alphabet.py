"""What an anchored regular expression lets through, for the guards of both frontends.

`if not re.fullmatch(r"[A-Za-z0-9_-]+", name): raise` (or `if (!/^[\\w-]+$/.test(name)) throw`)
restricts `name` to an alphabet. Which sink roles that makes safe depends on the characters the
role needs to do harm: a path needs a separator, a shell line a metacharacter, SQL a quote, a
space or a comment. `safe_roles` reads the pattern (Python's own parser; the JavaScript patterns
guards use are the same language for this purpose) and answers the roles whose dangerous
characters the pattern can never match; a pattern that only matches a list of words (`^(start|stop)$`)
is an allow-list and makes every role safe ("any").

Only a pattern matched against the whole value counts: the caller says how it is anchored
(`fullmatch`, or a pattern that begins with `^`/`\\A` and ends with `$`/`\\Z`, checked here with
`anchored`); a multi-line pattern (`re.M`, JavaScript's `m` flag) is anchored at any line.
"""

from __future__ import annotations

import importlib
import re
import string
from typing import Any

_c: Any = importlib.import_module("re._constants")  # the parser of `re` itself (Python 3.11+; no stubs)
_parser: Any = importlib.import_module("re._parser")

ALL = frozenset(chr(i) for i in range(128))
_WORD = frozenset(string.ascii_letters + string.digits + "_")
_DIGITS = frozenset(string.digits)
_SPACE = frozenset(" \t\n\r\f\v")
_MAX_NODES = 400

# per role, the ASCII characters a value may hold and still do no harm there (anything else: unsafe)
SAFE: dict[str, frozenset[str]] = {
    "path": ALL - {"/"},  # no separator: the value names one entry of the folder it is joined to (as the other path guards)
    "shell": _WORD | frozenset(".,:=+@%/-"),  # no metacharacter, quote, space or newline
    "sql": _WORD | frozenset(".$"),  # an identifier or a number: no quote, space, comment or `;`
    "ldap": _WORD | frozenset(".@ -"),  # no `*`, `(`, `)`, `\\`
    "nosql": _WORD | frozenset(".-"),
    "template": _WORD | frozenset(".,:@ /-"),  # no `{`, `%`, `$`, `<`, `#`
}
ROLES_SAFE_WITH_WORDS = ("path", "shell", "sql", "ldap", "nosql", "template")


def alphabet_roles(chars: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The roles a value made only of CHARS (its ASCII characters; other letters and digits are no
    character any role needs) is harmless in: `"".join(c for c in x if c.isalnum() or c in "_-.")`."""
    ascii_chars = {c for c in chars if ord(c) < 128}
    return tuple(role for role in ROLES_SAFE_WITH_WORDS if ascii_chars <= SAFE[role])


def _parse(pattern: str, flags: int = 0) -> Any | None:
    try:
        return _parser.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return None


def anchored(pattern: str, start: bool, end: bool, flags: int = 0) -> bool:
    """Whether PATTERN (with FLAGS) can only match the whole value: anchored at the start (when `start`:
    `match` is already) and at the end (when `end`), in every alternative, and not multi-line."""
    parsed = _parse(pattern, flags)
    if parsed is None or (parsed.state.flags & re.MULTILINE):
        return False
    items = list(parsed)
    return (not start or _starts(items)) and (not end or _ends(items))


def _alternatives(item: Any) -> list[list[Any]] | None:
    op, av = item
    if op is _c.SUBPATTERN:
        return [list(av[-1])]
    if op is _c.BRANCH:
        return [list(b) for b in av[1]]
    return None


def _starts(items: list[Any]) -> bool:
    if not items:
        return False
    first = items[0]
    if first[0] is _c.AT:
        return first[1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
    alts = _alternatives(first)
    return alts is not None and all(_starts(a) for a in alts)


def _ends(items: list[Any]) -> bool:
    if not items:
        return False
    last = items[-1]
    if last[0] is _c.AT:
        return last[1] in (_c.AT_END, _c.AT_END_STRING)
    alts = _alternatives(last)
    return alts is not None and all(_ends(a) for a in alts)


def safe_roles(pattern: str, flags: int = 0, trailing_newline: bool = False) -> tuple[str, ...]:
    """The roles a value wholly matched by PATTERN is harmless in: ("any",) for a list of words, else
    those of `SAFE` whose allowed characters hold every character the pattern can match.
    `trailing_newline`: Python's `$` also matches before a final newline, which a shell line must not get."""
    parsed = _parse(pattern, flags)
    if parsed is None:
        return ()
    chars: set[str] = set()
    state = {"nodes": 0, "words_only": True}
    if not _collect(list(parsed), chars, state):
        return ()
    if state["words_only"]:
        return ("any",)
    out = []
    for role in ROLES_SAFE_WITH_WORDS:
        allowed = SAFE[role]
        seen = chars | ({"\n"} if trailing_newline and role == "shell" else set())
        if seen <= allowed or role == "path" and _relative_path(list(parsed)):
            out.append(role)
    return tuple(out)


def _relative_path(items: list[Any]) -> bool:
    """Every alternative of the pattern either holds no `/`, or holds no `.` and cannot start with `/`:
    a value it matches names a place below the folder it is joined to (`hep-ph/9901234`, `2404.18922`)
    — no `..` to climb out, no absolute path to replace the folder."""
    body = [i for i in items if i[0] is not _c.AT]
    alternatives = [body]
    if len(body) == 1:
        alts = _alternatives(body[0])
        if alts is not None and len(alts) == 1:
            inner = [i for i in alts[0] if i[0] is not _c.AT]
            alternatives = [inner]
            if len(inner) == 1 and inner[0][0] is _c.BRANCH:
                alternatives = [list(b) for b in inner[0][1][1]]
        elif alts is not None:
            alternatives = alts
    for alt in alternatives:
        chars: set[str] = set()
        if not _collect(alt, chars, {"nodes": 0, "words_only": False}):
            return False
        if "/" not in chars:
            continue
        if "." in chars:
            return False
        first, _empty = _first(alt, 0)
        if "/" in first:
            return False
    return True


def _first(items: list[Any], depth: int) -> tuple[frozenset[str], bool]:
    """The ASCII characters a match of ITEMS can start with (ALL when not read), and whether it can be empty."""
    out: set[str] = set()
    if depth > 20:
        return ALL, False
    for op, av in items:
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.LITERAL or op is _c.IN or op is _c.CATEGORY:
            chars: set[str] = set()
            if not _collect([(op, av)], chars, {"nodes": 0, "words_only": False}):
                return ALL, False
            return frozenset(out | chars), False
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            first, empty = _first(list(sub), depth + 1)
            out |= first
            if lo > 0 and not empty:
                return frozenset(out), False
            continue
        if op is _c.SUBPATTERN or op is _c.BRANCH:
            alts = _alternatives((op, av)) or []
            found = [_first(a, depth + 1) for a in alts]
            for first, _e in found:
                out |= first
            if not any(e for _f, e in found):
                return frozenset(out), False
            continue
        return ALL, False
    return frozenset(out), True


def _collect(items: list[Any], chars: set[str], state: dict[str, Any]) -> bool:
    """Add to CHARS the ASCII characters ITEMS can match (non-ASCII letters and digits are no
    character any role needs); False when the pattern is beyond this reading (then nothing is safe)."""
    for op, av in items:
        state["nodes"] += 1
        if state["nodes"] > _MAX_NODES:
            return False
        if op is _c.LITERAL:
            if av < 128:
                chars.add(chr(av))
                if chr(av).isalpha():
                    chars.update({chr(av).lower(), chr(av).upper()})
        elif op is _c.IN:
            state["words_only"] = False
            listed: set[str] = set()
            negated = False
            for sub_op, sub_av in av:
                if sub_op is _c.NEGATE:
                    negated = True
                elif sub_op is _c.LITERAL:
                    if sub_av < 128:
                        listed.add(chr(sub_av))
                elif sub_op is _c.RANGE:
                    lo, hi = sub_av
                    listed.update(chr(i) for i in range(lo, min(hi, 127) + 1))
                elif sub_op is _c.CATEGORY:
                    category = _category(sub_av)
                    if negated and category is ALL:
                        return False  # `[^\W]`: not read
                    listed.update(category)
                else:
                    return False
            chars.update(ALL - listed if negated else listed)
        elif op is _c.CATEGORY:
            state["words_only"] = False
            chars.update(_category(av))
        elif op is _c.NOT_LITERAL:
            state["words_only"] = False
            chars.update(ALL - {chr(av)} if av < 128 else ALL)
        elif op is _c.ANY:
            state["words_only"] = False
            chars.update(ALL)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            _lo, hi, sub = av
            if hi == _c.MAXREPEAT:
                state["words_only"] = False
            if not _collect(list(sub), chars, state):
                return False
        elif op is _c.SUBPATTERN:
            if not _collect(list(av[-1]), chars, state):
                return False
        elif op is _c.BRANCH:
            for alt in av[1]:
                if not _collect(list(alt), chars, state):
                    return False
        elif op in (getattr(_c, "ATOMIC_GROUP", None),):
            if not _collect(list(av), chars, state):
                return False
        elif op is _c.AT:
            continue
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # a look-ahead or look-behind consumes nothing
        else:  # back-references, conditionals: not read
            return False
    return True


def _category(cat: Any) -> frozenset[str]:
    if cat in (_c.CATEGORY_DIGIT, getattr(_c, "CATEGORY_UNI_DIGIT", None)):
        return _DIGITS
    if cat in (_c.CATEGORY_WORD, getattr(_c, "CATEGORY_UNI_WORD", None)):
        return _WORD
    if cat in (_c.CATEGORY_SPACE, getattr(_c, "CATEGORY_UNI_SPACE", None)):
        return _SPACE
    return ALL  # \D, \W, \S: anything else


def contains_character(pattern: str, char: str) -> bool:
    """Whether PATTERN, searched unanchored, matches every value that holds CHAR: one alternative of
    it is a single character (or class) that CHAR is one of (`[\\/\\\\]`, `\\.\\.|/`)."""
    parsed = _parse(pattern)
    if parsed is None:
        return False
    items = list(parsed)
    alternatives = [items]
    if len(items) == 1 and items[0][0] is _c.BRANCH:
        alternatives = [list(a) for a in items[0][1][1]]
    for alt in alternatives:
        if len(alt) != 1:
            continue
        op, av = alt[0]
        if op is _c.LITERAL and av == ord(char):
            return True
        if op is _c.IN and not any(o is _c.NEGATE for o, _ in av):
            listed: set[str] = set()
            if not _collect([alt[0]], listed, {"nodes": 0, "words_only": False}):
                continue
            if char in listed:
                return True
    return False
