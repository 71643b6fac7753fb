"""Module tables of constant text a JavaScript/TypeScript tool handler returns an entry of: a
top-level `const DOCS = { id: { content: "…" }, … }` (or an array, or `new Map([...])`) that the
handler indexes (`DOCS[id]`, `DOCS.get(id)`, `DOCS.find(…)`, `Object.values(DOCS)`). Text heuristics
over the file, never a parser; the handler itself is read from the JS frontend's IR (`mcpvet.frontends.javascript.shapes`).

Each entry of such a table is one returned text (its string and template literals, `${…}` left
out): what the model gets back when the argument picks that entry.
"""

from __future__ import annotations

import re

from mcpvet.textlines import line_at

_LITERAL = re.compile(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|`(?:\\.|[^`\\])*`", re.S)
_TABLE = re.compile(r"^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[^=\n]{1,120})?=\s*"
                    r"(?:new\s+Map\s*\(\s*)?([\[{])", re.M)
MIN_LETTERS = 12  # an entry with fewer letters says nothing to score (as for returned text)
MAX_TABLES = 20
MAX_ENTRIES = 200


def _block_end(text: str, start: int) -> int:
    """The index just past the bracket block opening at `start` (literals and comments skipped)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "'\"`":
            m = _LITERAL.match(text, i)
            if m:
                i = m.end()
                continue
        if text.startswith("//", i):
            nl = text.find("\n", i)
            i = len(text) if nl < 0 else nl
            continue
        if ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _entries(block: str) -> list[str]:
    """The top-level entries of an object or array literal's text (`{ a: …, b: … }`)."""
    out, depth, start, i = [], 0, 1, 0
    while i < len(block):
        ch = block[i]
        if ch in "'\"`":
            m = _LITERAL.match(block, i)
            if m:
                i = m.end()
                continue
        if ch in "[{(":
            depth += 1
        elif ch in "]})":
            depth -= 1
            if depth == 0:
                out.append(block[start:i])
                break
        elif ch == "," and depth == 1:
            out.append(block[start:i])
            start = i + 1
        i += 1
    return out[:MAX_ENTRIES]


def _text(entry: str) -> str:
    pieces = []
    for m in _LITERAL.finditer(entry):
        lit = m.group(0)
        # an object key written as a string ("id": …) is a name, not text
        if entry[m.end():].lstrip().startswith(":"):
            continue
        body = lit[1:-1]
        if lit[0] == "`":
            body = re.sub(r"\$\{[^}]*\}", " ", body)
        pieces.append(body.replace("\\n", "\n").replace("\\'", "'").replace('\\"', '"'))
    return " ".join(p for p in pieces if p.strip())


def module_tables(source: str) -> dict[str, tuple[tuple[int, str], ...]]:
    """Top-level tables of constant text: name -> (line, text) of each entry with enough words."""
    out: dict[str, tuple[tuple[int, str], ...]] = {}
    for m in _TABLE.finditer(source):
        if len(out) >= MAX_TABLES:
            break
        start = m.end() - 1
        block = source[start:_block_end(source, start)]
        texts = []
        pos = start
        for entry in _entries(block):
            text = _text(entry)
            at = source.find(entry, pos) if entry else -1
            if at >= 0:
                pos = at
                at += len(entry) - len(entry.lstrip())  # the entry's first line, not the comma's
            line = line_at(source, at if at >= 0 else start)
            if sum(c.isalpha() for c in text) >= MIN_LETTERS:
                texts.append((line, text[:4000]))
        if texts:
            out[m.group(1)] = tuple(texts)
    return out


_USE = r"\b{name}\s*(?:\[|\.\s*(?:get|find|filter|at)\s*\()|Object\.(?:values|entries)\s*\(\s*{name}\b"


def indexed_tables(region: str, tables: dict[str, tuple[tuple[int, str], ...]]) -> list[tuple[int, str]]:
    """The entries of the tables the handler region looks up (`DOCS[id]`, `DOCS.get(id)` …) when it
    returns something at all."""
    if not re.search(r"\btext\s*:|\breturn\b", region):
        return []
    out: list[tuple[int, str]] = []
    for name, entries in tables.items():
        if re.search(_USE.format(name=re.escape(name)), region):
            out.extend(entries)
    return out
