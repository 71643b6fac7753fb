"""Shapes of a JavaScript/TypeScript tool handler read from its text (the handler region the facts
stage cuts out): the constant text it returns, and the loops and allocations that can exhaust the
machine. Text heuristics in the manner of `mcpvet.facts.source`, never a parser.

Returned text: the string and template literals (`${…}` left out) of every `text: …` property and
`return …` value, with local names bound to literals (`const note = "…"`, `out += "…"`) resolved.
Exhaustion: `while (true)` / `for (;;)` blocks with no `break`/`return`/`throw` that spawn, fork
or start workers, or grow an array; `for (let i = 0; i < n; …)` spawning where `n` is a parameter;
`'x'.repeat(n)`, `Buffer.alloc(n)`, `new Array(n)`, `Array.from({length: n})` sized by a parameter
the handler never compares or clamps (`Math.min`), or by a constant of 10^8 or more.
"""

from __future__ import annotations

import re

from mcpvet.facts.pyshapes import HUGE, MIN_LETTERS, Exhaustion

_LITERAL = re.compile(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|`(?:\\.|[^`\\])*`", re.S)
_START = re.compile(r"\btext\s*:\s*|\breturn\s+(?=[`'\"\w(])")
_BIND = r"(?:\b(?:const|let|var)\s+{name}\s*(?::\s*[\w<>\[\]]+\s*)?=|\b{name}\s*\+=)\s*"
_LOOP = re.compile(r"\bwhile\s*\(\s*(?:true|1|!0)\s*\)\s*\{|\bfor\s*\(\s*;\s*;\s*\)\s*\{")
_COUNTED = re.compile(r"\bfor\s*\(\s*(?:let|var)\s+(\w+)\s*=\s*\d+\s*;\s*\1\s*<=?\s*([\w.$\[\]'\"]+)\s*;[^)]*\)\s*\{")
_SPAWN = re.compile(r"\b(?:spawn|fork|exec|execSync|execFile|execFileSync|spawnSync)\s*\(|\bnew\s+Worker\s*\(|"
                    r"\bcluster\.fork\s*\(")
_EXIT = re.compile(r"\b(?:break|return|throw)\b")
_GROW = re.compile(r"\.push\s*\(|\+=")
_ALLOC = re.compile(r"\.repeat\s*\(\s*([^()]{1,60}?)\s*\)|\bBuffer\.(?:alloc|allocUnsafe)\s*\(\s*([^(),]{1,60}?)\s*[,)]|"
                    r"\bnew\s+(?:Array|ArrayBuffer|Uint8Array|Int32Array|Float64Array|SharedArrayBuffer)\s*\(\s*([^(),]{1,60}?)\s*\)|"
                    r"\bArray\.from\s*\(\s*\{\s*length\s*:\s*([^(){},]{1,60}?)\s*\}")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?:e(\d+))?$", re.I)
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")


def _block(text: str, brace: int) -> str:
    """The text of the `{ … }` block opening at `brace` (literals skipped), or up to the end."""
    depth, i = 0, brace
    while i < len(text):
        ch = text[i]
        if ch in "'\"`":
            m = _LITERAL.match(text, i)
            if m:
                i = m.end()
                continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[brace:i + 1]
        i += 1
    return text[brace:]


def _expression(text: str, start: int) -> str:
    """The expression starting at `start`, up to a `,`, `;` or closing bracket at its own depth, or
    the end of a line that does not continue it."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "'\"`":
            m = _LITERAL.match(text, i)
            if m:
                i = m.end()
                continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in ",;":
            break
        elif depth == 0 and ch == "\n":
            before = text[start:i].rstrip()
            after = text[i:].lstrip()
            if not (before.endswith(("+", "(", "?", ":", "=")) or after.startswith(("+", "?", ":", "."))):
                break
        i += 1
    return text[start:i]


def _literal_text(lit: str) -> str:
    body = lit[1:-1]
    if lit[0] == "`":
        body = re.sub(r"\$\{[^}]*\}", " ", body)
    return body.replace("\\n", "\n").replace("\\'", "'").replace('\\"', '"')


def returned_texts(region: str, first_line: int) -> list[tuple[int, str]]:
    """(line, constant text) of each `text:` property and `return` value of the handler region."""
    out: list[tuple[int, str]] = []
    for m in _START.finditer(region):
        expr = _expression(region, m.end())
        pieces = _pieces(expr, region, set(), 0)
        text = " ".join(p for p in pieces if p.strip())
        if sum(c.isalpha() for c in text) >= MIN_LETTERS:
            out.append((first_line + region.count("\n", 0, m.start()), text[:4000]))
        if len(out) >= 40:
            break
    return out


def _pieces(expr: str, region: str, seen: set[str], depth: int) -> list[str]:
    out = [_literal_text(m.group(0)) for m in _LITERAL.finditer(expr)]
    if depth > 3:
        return out
    rest = _LITERAL.sub(" ", expr) + " " + " ".join(re.findall(r"\$\{([^}]*)\}", expr))
    for name in dict.fromkeys(_IDENT.findall(rest)):
        if name in seen or name in ("return", "text", "await", "JSON", "String", "type", "content", "true", "false"):
            continue
        seen.add(name)
        for b in re.finditer(_BIND.format(name=re.escape(name)), region):
            out.extend(_pieces(_expression(region, b.end()), region, seen, depth + 1))
    return out


def _size_of(arg: str, region: str, params: set[str]) -> tuple[str | None, int | None]:
    """The parameter (or huge constant) that sizes an allocation argument."""
    arg = arg.strip()
    num = _NUMBER.match(arg.replace("_", ""))
    if num:
        value = float(num.group(1)) * (10 ** int(num.group(2)) if num.group(2) else 1)
        return None, int(value)
    names = _IDENT.findall(_LITERAL.sub(" ", arg))
    for name in reversed(names):
        if name in params:
            return name, None
        for b in re.finditer(_BIND.format(name=re.escape(name)), region):
            expr = _expression(region, b.end())
            for inner in reversed(_IDENT.findall(expr)):
                if inner in params:
                    return inner, None
    return None, None


_FOR_HEADER = re.compile(r"\bfor\s*\([^)]*\)")


def _bounded(name: str, region: str) -> bool:
    """The handler compares or clamps the value (a loop's own `i < n` is no bound)."""
    n = re.escape(name)
    region = _FOR_HEADER.sub(" ", region)
    return bool(re.search(rf"Math\.(?:min|max)\s*\([^)]*\b{n}\b|\b{n}\b\s*(?:[<>]=?|>>)|(?:[<>]=?)\s*(?:\w+\.)?{n}\b", region))


def exhaustion(region: str, first_line: int, params: set[str]) -> list[Exhaustion]:
    out: list[Exhaustion] = []

    def line_of(pos: int) -> int:
        return first_line + region.count("\n", 0, pos)

    for m in _LOOP.finditer(region):
        block = _block(region, m.end() - 1)
        if _EXIT.search(_LITERAL.sub(" ", block)):
            continue
        spawn = _SPAWN.search(block)
        header = " ".join(m.group(0).split())
        if spawn:
            what = "fork loop" if "fork" in spawn.group(0) else (
                "thread loop" if "Worker" in spawn.group(0) else "spawn loop")
            out.append(Exhaustion(line_of(m.start()), what,
                                  f"loop `{header} … }}` with no exit runs `{spawn.group(0).strip(' (')}`"))
        elif _GROW.search(block):
            out.append(Exhaustion(line_of(m.start()), "allocation loop", f"loop `{header} … }}` with no exit grows an array"))
    for m in _COUNTED.finditer(region):
        block = _block(region, m.end() - 1)
        spawn = _SPAWN.search(block)
        if not spawn:
            continue
        param, value = _size_of(m.group(2), region, params)
        if param is not None and not _bounded(param, region):
            call = spawn.group(0).strip(" (")
            out.append(Exhaustion(line_of(m.start()), "spawn loop",
                                  f"loop up to `{m.group(2)}` runs `{call}` as many times as `{param}` says", param))
        elif value is not None and value >= 10_000:
            out.append(Exhaustion(line_of(m.start()), "spawn loop", f"loop runs `{spawn.group(0).strip(' (')}` {value} times"))
    for m in _ALLOC.finditer(region):
        arg = next(g for g in m.groups() if g is not None)
        param, value = _size_of(arg, region, params)
        code = " ".join(m.group(0).split())
        if param is not None and not _bounded(param, region) and not (
                param != arg.strip() and _bounded(arg.strip().split(".")[-1], region)):
            out.append(Exhaustion(line_of(m.start()), "allocation", f"`{code}` allocates as much as `{param}` says", param))
        elif value is not None and value >= HUGE:
            out.append(Exhaustion(line_of(m.start()), "allocation", f"`{code}` allocates {value:,} items"))
    return out
