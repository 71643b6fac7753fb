"""Needles: strings a regular expression cannot match without, read from the pattern itself.

A pattern such as `\\b(?:ignore|disregard)\\s+(?:all\\s+)?previous\\s+instructions` matches no text that
lacks "previous" or "instructions", nor one that holds neither "ignore" nor "disregard". `derive`
reads these needs from the pattern as Python's own parser sees it, as clauses: every clause is a
tuple of lower-case strings one of which the text must hold. `derive_ways` does so for each branch
of a pattern's top-level alternation (`A|B|C`): a match is a match of one branch, so one branch's
clauses all hold (a "way"). `can_match(ways, text.lower())` False proves the pattern finds nothing
in an ASCII text, so the search can be skipped with the same result; the scorers call it for ASCII
texts only (under IGNORECASE a pattern's `i` or `s` also matches `ı` or `ſ`, which lower-casing
does not give).

Why each clause holds (`_needs`): consecutive literal characters of a sequence are matched as one
run, so the run is in the text (any case: the text is compared lower-cased); a group, a repeat
taken at least once and a look-ahead or look-behind must match somewhere in the text, so their
own needs hold; of a nested alternation one branch matches, so the union of one clause of every
branch holds (none when a branch needs nothing). Everything else (character classes, `.`, anchors,
negative look-arounds, optional parts, back references, conditionals) needs nothing. A clause with
a non-ASCII string is dropped (its case-folding is not lower-casing).

Deriving costs a parse of the pattern (tens of milliseconds for a lexicon), more than a short run
saves: the ways are kept as constants (`mcpvet.behaviour._needles`, written by
`python -m mcpvet.behaviour.needles`), keyed by a digest of the pattern and its flags (`key`), so
a pattern changed since has no entry and is always searched (`needs`); a test derives them again
and compares.
"""

from __future__ import annotations

import hashlib
import importlib
import operator
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

Clauses = tuple[tuple[str, ...], ...]  # every clause holds: one of its strings is in the text
Ways = tuple[Clauses, ...]  # one way holds, or no way at all (nothing known: the pattern is searched)


def key(pattern: re.Pattern[str]) -> str:
    """The digest of a pattern's text and flags that its clauses are kept under."""
    data = f"{pattern.flags}:{pattern.pattern}".encode("utf-8", "surrogatepass")
    return hashlib.blake2s(data, digest_size=8).hexdigest()


def needs(pattern: re.Pattern[str]) -> Ways:
    """The kept ways of `pattern` (none, so nothing is skipped, for a pattern not in the table)."""
    from mcpvet.behaviour._needles import NEEDS

    return NEEDS.get(key(pattern), ())


class Triggers:
    """Which of a fixed set of strings a text holds, found from the pairs of characters it holds:
    every occurrence of a string of two or more characters starts with one of the text's pairs, so
    only the strings whose first two characters are such a pair are searched for (for a text of a
    few dozen characters, a few instead of hundreds)."""

    SHORT = 64  # the texts that callers hand to `found` rather than search for every string

    def __init__(self, strings: Iterable[str]) -> None:
        unique = set(strings)
        if "" in unique:
            raise ValueError("the empty string is in every text: not a trigger")
        by_pair: dict[str, list[str]] = {}
        for t in sorted(unique):
            if len(t) > 1:
                by_pair.setdefault(t[:2], []).append(t)
        self.single = frozenset(t for t in unique if len(t) == 1)
        self.by_pair = {k: tuple(v) for k, v in by_pair.items()}

    def found(self, text: str) -> set[str]:
        """The strings that `text` holds."""
        found = {t for t in self.single if t in text}
        for pair in self.by_pair.keys() & set(map(operator.add, text, text[1:])):
            found.update(t for t in self.by_pair[pair] if t in text)
        return found


def can_match(ways: Ways, low: str) -> bool:
    """False: a pattern with these ways finds nothing in the ASCII text whose lower case is `low`."""
    if not ways:
        return True
    for clauses in ways:
        for clause in clauses:
            for s in clause:
                if s in low:
                    break
            else:
                break  # this way is closed
        else:
            return True
    return False


def derive_ways(pattern: re.Pattern[str]) -> Ways:
    """The ways of `pattern`: the clauses of each branch of its top-level alternation (with what comes
    before and after it), or the clauses of the whole pattern; none when one way needs nothing."""
    c = importlib.import_module("re._constants")
    items = list(importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags))
    at = [i for i, (op, _) in enumerate(items) if op is c.BRANCH]
    if len(at) != 1:
        whole = derive(pattern)
        return (whole,) if whole else ()
    i = at[0]
    ways = []
    for branch in items[i][1][1]:
        clauses = _clean(_needs([*items[:i], *branch, *items[i + 1:]], c))
        if not clauses:
            return ()
        ways.append(clauses)
    return tuple(ways)


def derive(pattern: re.Pattern[str]) -> Clauses:
    """The clauses every match of `pattern` needs, the most selective first (longest shortest string)."""
    c = importlib.import_module("re._constants")
    parsed = importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags)
    return _clean(_needs(list(parsed), c))


def _clean(found: list[frozenset[str]]) -> Clauses:
    clauses = [_minimal(cl) for cl in found]
    clauses = [cl for cl in clauses if cl and all(s.isascii() for s in cl)]
    # a clause holding every string of another is implied by it
    kept = {cl for cl in clauses if not any(other < cl for other in clauses)}
    return tuple(sorted((tuple(sorted(cl)) for cl in kept), key=lambda cl: (-min(map(len, cl)), len(cl), cl)))


def _needs(items: Sequence[Any], c: Any) -> list[frozenset[str]]:
    clauses: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            clauses.append(frozenset(["".join(run).lower()]))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            clauses += _needs(list(av[-1]), c)
        elif op is c.ATOMIC_GROUP:
            clauses += _needs(list(av), c)
        elif op is c.ASSERT:  # (direction, pattern): a look-ahead or look-behind matches inside the text
            clauses += _needs(list(av[1]), c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                clauses += _needs(list(av[2]), c)
        elif op is c.BRANCH:
            either = _either([list(b) for b in av[1]], c)
            if either:
                clauses.append(either)
    flush()
    return clauses


def _either(branches: Iterable[Sequence[Any]], c: Any) -> frozenset[str]:
    """One clause every match of the alternation needs: a clause of each branch, joined."""
    out: set[str] = set()
    for branch in branches:
        needs = _needs(branch, c)
        if not needs:
            return frozenset()
        out |= max(needs, key=lambda cl: (min(map(len, cl)), -len(cl), sorted(cl)))
    return frozenset(out)


def _minimal(clause: frozenset[str]) -> frozenset[str]:
    """The clause without a string that holds another of its strings (finding that one is enough)."""
    return frozenset(s for s in clause if not any(o != s and o in s for o in clause))


def patterns() -> list[re.Pattern[str]]:
    """The patterns whose clauses are kept: the poisoning scorer's phrase patterns, carriers and concepts."""
    from mcpvet.behaviour import poisoning

    return [p[0] for p in poisoning._PAYLOADS] + [p[0] for p in poisoning._CARRIERS] + list(poisoning._CONCEPTS.values())


def module_text() -> str:
    """The text of `mcpvet/behaviour/_needles.py`."""
    lines = ['"""Generated by `python -m mcpvet.behaviour.needles` (see mcpvet.behaviour.needles): do not edit."""',
             "", "NEEDS: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {"]
    for pattern in patterns():
        ways = derive_ways(pattern)
        if ways:
            lines.append(f"    {key(pattern)!r}: (")
            for clauses in ways:
                lines.append("        (")
                for clause in clauses:
                    lines += _wrapped(clause)
                lines.append("        ),")
            lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _wrapped(clause: tuple[str, ...]) -> list[str]:
    words = [repr(s) + "," for s in clause]
    rows = ["            ("]
    for word in words:
        if len(rows[-1]) + len(word) + 1 > 120:
            rows.append("             ")
        rows[-1] += word if rows[-1].endswith("(") else " " + word
    rows[-1] += "),"
    return rows


if __name__ == "__main__":
    from pathlib import Path

    out = Path(__file__).with_name("_needles.py")
    out.write_text(module_text())
    sys.stdout.write(f"wrote {out}\n")
