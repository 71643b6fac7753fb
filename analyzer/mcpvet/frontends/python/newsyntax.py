"""Python 3.12 type-parameter syntax (PEP 695) read with the 3.11 parser mcpvet runs on.

`class C[T](Base):`, `def f[T: int](x):` and `type Alias = ...` are rewritten, column for column,
into 3.11 syntax that means the same to a static reader: the type parameter list becomes blanks and
`type X = v` becomes `X = v` (the value keeps its columns). Type parameters carry no behaviour, so
nothing the analysis looks at is lost. Only the tokens of these constructs change; a file that still
does not parse (a PEP 701 f-string, say) stays a syntax error. The text is never executed.
"""

from __future__ import annotations

import io
import tokenize

_LINE_START = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}


def downgrade(source: bytes) -> bytes | None:
    """The source with PEP 695 constructs rewritten, or None when it has none (or cannot be tokenized)."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return None
    lines = source.decode("utf-8", errors="surrogateescape").split("\n")  # rows as tokenize counts them
    edits: list[tuple[int, int, int, str]] = []  # (row, start col, end col, replacement), rows 1-based
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME:
            continue
        if tok.string in ("def", "class") and i + 2 < len(tokens) and tokens[i + 1].type == tokenize.NAME \
                and tokens[i + 2].string == "[":
            span = _bracket_span(tokens, i + 2)
            if span is not None:
                edits.append(span)
        elif tok.string == "type" and tokens[i - 1].type in _LINE_START and i + 2 < len(tokens) \
                and tokens[i + 1].type == tokenize.NAME and tokens[i + 2].string in ("=", "["):
            name = tokens[i + 1]
            if name.start[0] != tok.start[0]:
                continue
            row, col = tok.start
            # `type X = v` -> `X      = v`: the name moves to where `type` was, blanks after it
            gap = name.end[1] - col - len(name.string)
            edits.append((row, col, name.end[1], name.string + " " * gap))
            if tokens[i + 2].string == "[":
                span = _bracket_span(tokens, i + 2)
                if span is not None:
                    edits.append(span)
    if not edits:
        return None
    for row, start, end, text in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:start] + text + line[end:]
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def _bracket_span(tokens: list[tokenize.TokenInfo], open_index: int) -> tuple[int, int, int, str] | None:
    """The blanks that replace `[...]` starting at `open_index`, when it opens and closes on one line."""
    depth = 0
    start = tokens[open_index].start
    for tok in tokens[open_index:]:
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
            if depth == 0:
                if tok.end[0] != start[0]:
                    return None
                return (start[0], start[1], tok.end[1], " " * (tok.end[1] - start[1]))
    return None
