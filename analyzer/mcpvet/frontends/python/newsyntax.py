"""Python syntax newer than the interpreter mcpvet runs on (3.11), read with libcst's native parser.

`ast.parse` on 3.11 rejects PEP 701 f-strings (`f"{'a\\n' if x else ''}"`, nested same quotes),
PEP 695 type parameters and `type` aliases (also over several lines), PEP 696 defaults, PEP 758
`except A, B:` and PEP 750 t-strings. libcst's parser reads Python 3.0-3.14 on any interpreter; a
file `ast` rejects is parsed with it and turned into the same `ast` tree the rest of the frontend
reads, line numbers kept.

How: the source text is rewritten, at the positions libcst gives, into text 3.11 accepts, and
parsed with `ast`; every line break is kept, so every node keeps its line.
- each outermost f-string or t-string (with the plain strings implicitly concatenated to it)
  becomes a placeholder name; the placeholder is then replaced by an `ast.JoinedStr` built from
  libcst's parts: literal text decoded as Python does, each replacement field parsed on its own
  the same way (so nested new syntax works), `!r`/format specs/`=` kept. A t-string (a
  `Template`, not a str) is read as the f-string it would be: the calls in its fields are seen;
- type parameter lists are blanked, `type X = v` becomes `X = v` (type parameters carry no
  behaviour, nothing the analysis reads is lost);
- `except A, B:` gets the parentheses 3.11 needs.
A span that covered several lines leaves backslash continuations behind, so later lines keep
their numbers. Columns are kept where the text keeps its length (a placeholder can shift the rest
of its line). This runs in the isolated parse worker only: libcst 1.9 aborts the process on
about 3,000 nested parentheses. The text is never compiled or executed.

Why not a converter from libcst's tree to `ast` node by node: it would have to cover every node
type for the few that 3.11 lacks; rewriting only those keeps the rest on `ast`'s own parser.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from typing import Any

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

_PLACEHOLDER = "__mcpvet_str_{}__"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_STRINGS = (cst.FormattedString, cst.TemplatedString)
_AT = re.compile(r"error at (\d+):(\d+):?")


class NewerSyntaxError(SyntaxError):
    """libcst could not read the file either (lineno: the line its parser stopped at)."""


@dataclass(frozen=True)
class _Edit:
    start: int  # offsets into the source text
    end: int
    kind: str  # "string", "blank", "alias", "paren"
    node: cst.CSTNode | None = None


def parse_newer(data: bytes, path: str) -> ast.Module:
    """The `ast` tree of a file in syntax newer than 3.11; NewerSyntaxError when libcst fails too,
    SyntaxError when the rewritten text still does not parse."""
    source = _decode(data)
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        text = exc.message.strip().splitlines()[0] if exc.message.strip() else "invalid syntax"
        at = _AT.search(text)  # "error at L:C" is where the parser stopped (raw_line can be past it)
        err = NewerSyntaxError(_AT.sub("", text).replace("parser error: ", "").strip(" :"))
        err.filename = path
        err.lineno, err.offset = (int(at[1]), int(at[2]) + 1) if at else (exc.raw_line, exc.raw_column + 1)
        raise err from None
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    return _Converter(source, module, positions, path).module()


def _decode(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"
    text = data.decode(encoding, errors="surrogateescape")
    return text[1:] if text.startswith("\ufeff") else text


class _Converter:
    def __init__(self, source: str, module: cst.Module, positions: object, path: str) -> None:
        self.src = source
        self.path = path
        self.module_node = module
        self.pos: dict[cst.CSTNode, CodeRange] = positions  # type: ignore[assignment]
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        self.edits = sorted(self._collect(), key=lambda e: (e.start, -e.end))
        self.placeholders: dict[str, _Edit] = {}

    # ------------------------------------------------------------------ positions
    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column

    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        r = self.pos[node]
        return self.offset(r.start.line, r.start.column), self.offset(r.end.line, r.end.column)

    def line_col(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.line_starts[lo]

    # ------------------------------------------------------------------ what 3.11 cannot read
    def _collect(self) -> list[_Edit]:
        edits: list[_Edit] = []
        for node in self.pos:
            if isinstance(node, _STRINGS) or (
                isinstance(node, cst.ConcatenatedString) and any(isinstance(p, _STRINGS) for p in _pieces(node))
            ):
                edits.append(_Edit(*self.span(node), "string", node))
            elif isinstance(node, cst.TypeParameters):
                edits.append(_Edit(*self.span(node), "blank"))
            elif isinstance(node, cst.TypeAlias):
                start, _ = self.span(node)
                _, name_end = self.span(node.name)
                edits.append(_Edit(start, name_end, "alias", node))
            elif isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)) and isinstance(node.type, cst.Tuple) \
                    and not node.type.lpar:
                edits.append(_Edit(*self.span(node.type), "paren"))
        return edits

    def _outermost(self, start: int, end: int, inside: _Edit | None) -> list[_Edit]:
        out: list[_Edit] = []
        reach = start
        for e in self.edits:
            if e.start < reach or e.end > end or e is inside:
                continue
            if e.start >= end:
                break
            out.append(e)
            reach = e.end
        return out

    def rewrite(self, start: int, end: int, inside: _Edit | None = None) -> str:
        """The source between two offsets with every outermost edit applied (`inside`: the edit
        whose own text this is)."""
        parts: list[str] = []
        at = start
        for e in self._outermost(start, end, inside):
            parts.append(self.src[at : e.start])
            text = self.src[e.start : e.end]
            if e.kind == "string":
                name = _PLACEHOLDER.format(len(self.placeholders))
                self.placeholders[name] = e
                parts.append(_keep_lines(name, text))
            elif e.kind == "blank":
                parts.append(_keep_lines("", text))
            elif e.kind == "alias":  # `type X` -> `X`, at the column of `type`
                assert isinstance(e.node, cst.TypeAlias)
                parts.append(_keep_lines(e.node.name.value, text))
            else:  # paren
                parts.append("(" + self.rewrite(e.start, e.end, e) + ")")
            at = e.end
        parts.append(self.src[at:end])
        return "".join(parts)

    # ------------------------------------------------------------------ to ast
    def module(self) -> ast.Module:
        text = self.rewrite(0, len(self.src))
        tree = ast.parse(text, filename=self.path, type_comments=False)
        out: ast.Module = ast.fix_missing_locations(_Splice(self).visit(tree))
        return out

    def expression(self, node: cst.BaseExpression) -> ast.expr:
        """One replacement field's expression, parsed on its own, placed at its own position."""
        start, end = self.span(node)
        text = self.rewrite(start, end)
        tree = ast.parse("(" + text + "\n)", filename=self.path, mode="eval")
        line, col = self.line_col(start)
        first = 1
        for n in ast.walk(tree):
            if isinstance(n, (ast.expr, ast.arg, ast.keyword)):
                if n.lineno == first:
                    n.col_offset = max(0, n.col_offset - 1 + col)
                if n.end_lineno == first and n.end_col_offset is not None:
                    n.end_col_offset = max(0, n.end_col_offset - 1 + col)
        ast.increment_lineno(tree, line - 1)
        expr: ast.expr = _Splice(self).visit(tree.body)
        return expr

    def joined(self, edit: _Edit, at: ast.AST) -> ast.JoinedStr:
        assert edit.node is not None
        values: list[ast.expr] = []
        pieces = _pieces(edit.node) if isinstance(edit.node, cst.ConcatenatedString) else [edit.node]
        for piece in pieces:
            if isinstance(piece, cst.SimpleString):
                values.append(ast.Constant(_literal(piece.value)))
            elif isinstance(piece, _STRINGS):
                values.extend(self._parts(piece.parts, piece.start, piece.end))
        out = ast.JoinedStr(values=_merge(values))
        line, col = self.line_col(edit.start)
        end_line, end_col = self.line_col(edit.end)
        for n in (out, *out.values):
            if not hasattr(n, "lineno"):
                n.lineno, n.col_offset, n.end_lineno, n.end_col_offset = line, col, end_line, end_col
        return out

    def _parts(self, parts: object, start: str, end: str) -> list[ast.expr]:
        prefix = "".join(c for c in start if c.isalpha() and c.lower() not in "ft")
        quote = start.lstrip("rRbBuUfFtT")
        raw = "r" in prefix.lower()
        out: list[ast.expr] = []
        for part in parts:  # type: ignore[attr-defined]
            if isinstance(part, (cst.FormattedStringText, cst.TemplatedStringText)):
                text = part.value.replace("{{", "{").replace("}}", "}")
                out.append(ast.Constant(_literal(("r" if raw else "") + quote + text + quote, fallback=text)))
                continue
            expr = self.expression(part.expression)
            if part.equal is not None:  # `{x=}`: the text of the field, then its repr unless formatted
                out.append(ast.Constant(self.src[slice(*self._field_text(part))]))
            conversion = ord(part.conversion) if part.conversion else -1
            if part.equal is not None and conversion == -1 and part.format_spec is None:
                conversion = ord("r")
            spec = None
            if part.format_spec is not None:
                spec = ast.JoinedStr(values=_merge(self._parts(part.format_spec, start, end)))
                _locate(spec, expr)
            value = ast.FormattedValue(value=expr, conversion=conversion, format_spec=spec)
            _locate(value, expr)
            out.append(value)
        return out

    def _field_text(self, part: cst.FormattedStringExpression | cst.TemplatedStringExpression) -> tuple[int, int]:
        """`x=` of `{x=}`: from after the brace to after the equal sign."""
        start, end = self.span(part.expression)
        text = self.src[end:]
        eq = text.find("=")
        return start - len(getattr(part.whitespace_before_expression, "value", "")), end + eq + 1 + len(
            getattr(part.equal.whitespace_after, "value", "") if part.equal is not None else "")


class _Splice(ast.NodeTransformer):
    """Placeholders replaced by the strings they stand for."""

    def __init__(self, conv: _Converter) -> None:
        self.conv = conv

    def visit_Name(self, node: ast.Name) -> ast.AST:
        edit = self.conv.placeholders.get(node.id)
        return self.conv.joined(edit, node) if edit is not None else node


def _pieces(node: cst.CSTNode) -> list[cst.CSTNode]:
    if isinstance(node, cst.ConcatenatedString):
        return [*_pieces(node.left), *_pieces(node.right)]
    return [node]


def _keep_lines(head: str, replaced: str) -> str:
    """`head`, then as many line breaks as `replaced` had, each continued with a backslash."""
    breaks = len(_LINE_BREAK.findall(replaced))
    if not breaks:
        return head.ljust(len(replaced)) if len(head) <= len(replaced) else head
    return head + " \\\n" * breaks


def _literal(code: str, fallback: str | None = None) -> Any:
    try:
        return ast.literal_eval(code)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return fallback if fallback is not None else code


def _merge(values: list[ast.expr]) -> list[ast.expr]:
    out: list[ast.expr] = []
    for v in values:
        if isinstance(v, ast.Constant) and isinstance(v.value, str) and out and isinstance(out[-1], ast.Constant) \
                and isinstance(out[-1].value, str):
            out[-1] = ast.Constant(out[-1].value + v.value)
        elif not (isinstance(v, ast.Constant) and v.value == ""):
            out.append(v)
    return out


def _locate(node: ast.AST, like: ast.AST) -> None:
    for name in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
        setattr(node, name, getattr(like, name, None) or (1 if name == "lineno" else 0))
