"""Decoding JavaScript string and template literals exactly as the engine does.

Escapes are decoded to UTF-16 code units first, then joined, so that a surrogate pair written
as two escapes (`\\uDB40\\uDC41`) becomes the single astral character a client receives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node

_SIMPLE = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
}


def _code_units(text: str) -> list[int]:
    out: list[int] = []
    for ch in text:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            out.append(0xD800 + (cp >> 10))
            out.append(0xDC00 + (cp & 0x3FF))
        else:
            out.append(cp)
    return out


def decode_escape(seq: str) -> list[int]:
    """UTF-16 code units of one escape sequence as tree-sitter reports it (starting with a backslash)."""
    if len(seq) < 2 or seq[0] != "\\":
        return _code_units(seq)
    body = seq[1:]
    head = body[0]
    if head in "\r\n\u2028\u2029":  # line continuation
        return []
    if head == "x" and len(body) >= 3:
        try:
            return [int(body[1:3], 16)]
        except ValueError:
            return _code_units(body)
    if head == "u":
        if body.startswith("u{") and body.endswith("}"):
            try:
                return _code_units(chr(int(body[2:-1], 16)))
            except (ValueError, OverflowError):
                return _code_units(body)
        try:
            return [int(body[1:5], 16)]
        except ValueError:
            return _code_units(body)
    if head == "0" and len(body) == 1:
        return [0]
    if head in _SIMPLE and len(body) == 1:
        return _code_units(_SIMPLE[head])
    if head.isdigit():  # legacy octal escape (sloppy mode)
        try:
            return [int(body, 8)]
        except ValueError:
            return _code_units(body)
    return _code_units(body)


def join_units(units: list[int]) -> str:
    """Join UTF-16 code units into a Python string, pairing surrogates; lone ones are kept."""
    raw = "".join(chr(u) for u in units)
    return raw.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def text_units(text: str) -> list[int]:
    return _code_units(text)


def node_text(node: Node) -> str:
    """The source text of a tree-sitter node."""
    text = node.text  # a new bytes object at each access
    return text.decode("utf-8", "replace") if text is not None else ""


_PLAIN = frozenset({"string_fragment", "html_character_reference"})


def string_value(node: Node) -> str:
    """The cooked value of a `string` node (or of a template without substitutions)."""
    children = node.children
    if not any(child.type == "escape_sequence" for child in children):
        # no escape: the code units of the pieces join back into the pieces themselves (text decoded
        # from UTF-8 holds no surrogate, so no unit can pair with another piece's)
        return "".join(node_text(child) for child in children if child.type in _PLAIN)
    units: list[int] = []
    for child in children:
        t = child.type
        if t == "string_fragment":
            units.extend(text_units(node_text(child)))
        elif t == "escape_sequence":
            units.extend(decode_escape(node_text(child)))
        elif t == "html_character_reference":
            units.extend(text_units(node_text(child)))
    return join_units(units)
