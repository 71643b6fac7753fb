"""tree-sitter parsers for JavaScript, TypeScript and TSX (one per process, created lazily)."""

from __future__ import annotations

import tree_sitter_javascript
import tree_sitter_typescript
from tree_sitter import Language, Parser, Tree

from mcpvet.textlines import editor_bytes

_PARSERS: dict[str, Parser] = {}

# file suffix -> grammar
GRAMMAR_BY_SUFFIX = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}


def grammar_for(path: str) -> str | None:
    """The grammar for a file name, None for files that are not code (`.d.ts`, maps, …)."""
    lower = path.lower()
    if lower.endswith((".d.ts", ".d.mts", ".d.cts")):
        return None
    dot = lower.rfind(".")
    return GRAMMAR_BY_SUFFIX.get(lower[dot:]) if dot >= 0 else None


def _parser(grammar: str) -> Parser:
    parser = _PARSERS.get(grammar)
    if parser is None:
        if grammar == "javascript":
            lang = Language(tree_sitter_javascript.language())
        elif grammar == "typescript":
            lang = Language(tree_sitter_typescript.language_typescript())
        elif grammar == "tsx":
            lang = Language(tree_sitter_typescript.language_tsx())
        else:
            raise ValueError(f"unknown grammar {grammar!r}")
        parser = Parser(lang)
        _PARSERS[grammar] = parser
    return parser


def parse_source(grammar: str, source: bytes) -> Tree:
    """The tree of `source`; a lone `\r` is read as the line end editors see (`textlines.editor_bytes`:
    same length and offsets), so tree-sitter's rows are the lines a scorecard shows."""
    return _parser(grammar).parse(editor_bytes(source))
