"""String literal values (`frontends.javascript.strings`): the short cut for literals without escapes
gives what decoding them unit by unit gives."""

from __future__ import annotations

from mcpvet.frontends.javascript.parse import parse_source
from mcpvet.frontends.javascript.strings import decode_escape, join_units, node_text, string_value, text_units


def _by_units(node) -> str:  # type: ignore[no-untyped-def]
    units: list[int] = []
    for child in node.children:
        if child.type == "escape_sequence":
            units.extend(decode_escape(node_text(child)))
        elif child.type in ("string_fragment", "html_character_reference"):
            units.extend(text_units(node_text(child)))
    return join_units(units)


def _strings(node, out: list) -> list:  # type: ignore[no-untyped-def]
    if node.type == "string":
        out.append(node)
    for child in node.children:
        _strings(child, out)
    return out


_SOURCE = r"""
const a = "plain", b = 'single', c = "", d = "emoji 😀 astral", e = "\uD83D\uDE00 pair", f = "lone \uD800 x";
const g = "mixed 😀\n\t end", h = 'tab\there', i = "ünïcödé", j = "a\
b", k = "\x41\u{1F600}\101", l = "\0", m = "é😀é", n = <div title="a &amp; 😀 b">x</div>;
const o = "bad \xZZ", p = "\u{110000}", q = "𝒳𝒴", r = "caf\u00e9";
"""


def test_string_values_equal_the_unit_by_unit_decoding() -> None:
    for grammar in ("javascript", "tsx"):
        tree = parse_source(grammar, _SOURCE.encode("utf-8"))
        strings = _strings(tree.root_node, [])
        assert len(strings) >= 18
        values = [string_value(s) for s in strings]
        assert values == [_by_units(s) for s in strings]
        assert "emoji 😀 astral" in values and "😀 pair" in values and "é😀é" in values


def test_a_literal_without_escapes_takes_the_short_cut(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import mcpvet.frontends.javascript.strings as strings

    tree = parse_source("javascript", 'const a = "plain 😀", b = "esc\\n";'.encode())
    plain, escaped = _strings(tree.root_node, [])
    calls: list[int] = []
    monkeypatch.setattr(strings, "join_units", lambda units: calls.append(1) or join_units(units))
    assert string_value(plain) == "plain 😀" and not calls
    assert string_value(escaped) == "esc\n" and calls
