"""Reading through javascript-obfuscator's string array, as data: never by running the code.

javascript-obfuscator (`--string-array`) moves every string literal of a module into one array
returned by a function, rotates that array at start-up until an arithmetic check over
`parseInt(decoder(i))` values equals a constant, and replaces each literal by a call of a decoder
`decoder(0x1a2)` = `array[0x1a2 - OFFSET]` (through local aliases `const _0x12ab = decoder`):

    function ARR(){const a=['edit_file','3524lQzk', ...];ARR=function(){return a;};return ARR();}
    function DEC(i,j){i=i-0x6a;const a=ARR();let v=a[i];return v;}
    (function(get,target){const d=DEC,a=get();while(!![]){try{const v=-parseInt(d(0x125))/0x1+...;
        if(v===target)break;else a['push'](a['shift']());}catch(e){a['push'](a['shift']());}}}(ARR,0x539ab));

Tool names, descriptions and schemas then exist only behind the decoder. `decode_string_arrays`
does what the rotation loop does (the array and the check are literals: parseInt, + - * / and
parentheses over numbers) and writes each `alias(0x…)` call back as the string literal it returns,
so the rest of the frontend reads the module as it was before obfuscation. The array's strings may
be encoded as javascript-obfuscator does (`--string-array-encoding base64`: its own base64 alphabet,
then UTF-8; `rc4`: that, then RC4 with the key the call passes, `decoder(0x1a2, 'Wr0D')`): the
decoder's body is recognised by that alphabet and the RC4 key schedule, and decoded the same way.
A decoder of another form, or a check that is not such arithmetic, is reported
(`Decoded.failure`) and the module is read as it is.

Replacements keep the module's line numbers: a decoded string is written as a JSON string literal
(no raw line break). Only calls with a literal index inside the array are replaced.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from mcpvet.frontends.javascript.strings import decode_escape, join_units

# the array function: function ARR(){const a=[...];ARR=function(){return a;};return ARR();}
_ARRAY_FN = re.compile(
    rb"function\s+([\w$]+)\s*\(\s*\)\s*\{\s*(?:const|var|let)\s+([\w$]+)\s*=\s*\[")
_ARRAY_TAIL = re.compile(
    rb"\s*\]\s*;\s*([\w$]+)\s*=\s*function\s*\(\s*\)\s*\{\s*return\s+([\w$]+)\s*;?\s*\}\s*;?\s*return\s+([\w$]+)\s*\(\s*\)")
_JS_STRING = re.compile(rb"'((?:[^'\\\r\n]|\\.)*)'|\"((?:[^\"\\\r\n]|\\.)*)\"", re.S)
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[0-7]{1,3}|\r\n|.)", re.S)
_DECODER_HEAD = re.compile(rb"function\s+([\w$]+)\s*\(\s*([\w$]+)\s*,\s*[\w$]+\s*\)\s*\{")
_ROTATION = re.compile(
    rb"while\s*\(\s*!!\s*\[\s*\]\s*\)\s*\{\s*try\s*\{\s*(?:const|var|let)\s+([\w$]+)\s*=([^;]{1,4000});\s*"
    rb"if\s*\(\s*\1\s*===\s*([\w$]+)\s*\)\s*break")
_ROTATION_CALL = re.compile(rb"\}\s*\}\s*\}\s*\(\s*([\w$]+)\s*,\s*(0x[0-9a-fA-F]+|\d+)\s*\)\s*\)")
_NUM = r"0x[0-9a-fA-F]+|\d+(?:\.\d+)?"
_MAX_ARRAY = 20_000  # strings of one array (every rotation may be checked)
_KEY = r"\s*(?:'(?:[^'\\\r\n]|\\.)*'|\"(?:[^\"\\\r\n]|\\.)*\")\s*"  # the second argument of an rc4 decoder call
_B64_TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/="
_B64_ALPHABET = _B64_TEXT.encode("ascii")
# a name that is not a property (`a.name`); a spread (`...name`) is a name
_NOT_MEMBER = r"(?<![\w$])(?:(?<=\.\.\.)|(?<!\.))"


@dataclass(frozen=True)
class Decoded:
    source: bytes
    replaced: int = 0  # decoder calls written back as literals
    failure: str = ""  # why a string array that is there could not be decoded ("" when none or decoded)


def _cook(body: str) -> str:
    units: list[int] = []
    pos = 0
    for m in _ESCAPE.finditer(body):
        for ch in body[pos:m.start()]:
            units.extend(_units(ch))
        units.extend(decode_escape(m.group(0)))
        pos = m.end()
    for ch in body[pos:]:
        units.extend(_units(ch))
    return join_units(units)


def _units(ch: str) -> list[int]:
    cp = ord(ch)
    if cp > 0xFFFF:
        cp -= 0x10000
        return [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
    return [cp]


def _read_array(source: bytes, start: int) -> tuple[list[str], int] | None:
    """The string literals of an array literal starting after its `[`; and the offset of its `]`."""
    items: list[str] = []
    pos = start
    n = len(source)
    while pos < n:
        while pos < n and source[pos:pos + 1] in b" \t\r\n":
            pos += 1
        if source[pos:pos + 1] == b"]":
            return items, pos
        m = _JS_STRING.match(source, pos)
        if m is None:
            return None
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        items.append(_cook(raw.decode("utf-8", "surrogateescape")))
        pos = m.end()
        while pos < n and source[pos:pos + 1] in b" \t\r\n":
            pos += 1
        if source[pos:pos + 1] == b",":
            pos += 1
        elif source[pos:pos + 1] != b"]":
            return None
    return None


def js_parse_int(text: str) -> float:
    """JavaScript's `parseInt(text)` (radix 10 unless the text starts with 0x)."""
    s = text.lstrip(" \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
    sign = 1
    if s[:1] in "+-" and s[:1]:
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    base, digits = 10, "0123456789"
    if s[:2].lower() == "0x":
        base, digits, s = 16, "0123456789abcdef", s[2:]
    i = 0
    while i < len(s) and s[i].lower() in digits:
        i += 1
    if i == 0:
        return math.nan
    return float(sign * int(s[:i], base))


_Tree = tuple[Any, ...]  # ("n", number) | ("p", index, key) | ("neg", tree) | (op, left, right)


class _Arith:
    """The rotation check: numbers, parseInt(alias(0x…)), unary and binary + - * /, parentheses; parsed
    once into a tree, evaluated for each rotation with the parseInt of each array string computed once."""

    _TOKEN = re.compile(r"\s*(?:(parseInt\s*\(\s*[\w$]+\s*\(\s*(?:" + _NUM + r")\s*(?:," + _KEY + r")?\)\s*\))|("
                        + _NUM + r")|([-+*/()]))", re.S)
    _INNER = re.compile(r"\(\s*[\w$]+\s*\(\s*(" + _NUM + r")\s*(?:,(" + _KEY + r"))?\)", re.S)

    def __init__(self, text: str) -> None:
        tokens: list[tuple[str, Any, str | None]] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = self._TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise ValueError(f"not arithmetic at {text[pos:pos + 20]!r}")
            if m.group(1):
                inner = self._INNER.search(m.group(1))
                assert inner is not None
                tokens.append(("p", _int(inner.group(1)), _key(inner.group(2))))
            elif m.group(2):
                tokens.append(("n", _number(m.group(2)), None))
            else:
                tokens.append(("o", m.group(3), None))
            pos = m.end()
        self.tokens, self.pos = tokens, 0
        self.tree = self._sum()
        if self.pos != len(tokens):
            raise ValueError("trailing tokens")
        self.parsed: dict[tuple[int, str | None], float] = {}

    def value(self, array: list[str], offset: int, encoding: str, shift: int = 0) -> float:
        """The check's value with the array rotated left `shift` times."""
        return self._eval(self.tree, array, offset, encoding, shift)

    def _eval(self, t: _Tree, array: list[str], offset: int, encoding: str, shift: int) -> float:
        kind = t[0]
        if kind == "n":
            return float(t[1])
        if kind == "p":
            i = t[1] - offset
            if not 0 <= i < len(array):
                raise IndexError(i)  # the engine reads undefined: parseInt gives NaN, caught by the loop
            at = (i + shift) % len(array)
            got = self.parsed.get((at, t[2]))
            if got is None:
                got = self.parsed[(at, t[2])] = js_parse_int(_decode(array[at], encoding, t[2]))
            return got
        if kind == "neg":
            return -self._eval(t[1], array, offset, encoding, shift)
        left = self._eval(t[1], array, offset, encoding, shift)
        right = self._eval(t[2], array, offset, encoding, shift)
        if kind == "+":
            return left + right
        if kind == "-":
            return left - right
        if kind == "*":
            return left * right
        if right == 0:
            return math.nan if left == 0 or math.isnan(left) else math.copysign(math.inf, left) * math.copysign(1, right)
        return left / right

    def _peek(self) -> tuple[str, Any, str | None] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _is(self, *ops: str) -> bool:
        t = self._peek()
        return t is not None and t[0] == "o" and t[1] in ops

    def _sum(self) -> _Tree:
        v = self._product()
        while self._is("+", "-"):
            op = self.tokens[self.pos][1]
            self.pos += 1
            v = (op, v, self._product())
        return v

    def _product(self) -> _Tree:
        v = self._unary()
        while self._is("*", "/"):
            op = self.tokens[self.pos][1]
            self.pos += 1
            v = (op, v, self._unary())
        return v

    def _unary(self) -> _Tree:
        if self._is("-", "+"):
            op = self.tokens[self.pos][1]
            self.pos += 1
            inner = self._unary()
            return ("neg", inner) if op == "-" else inner
        return self._primary()

    def _primary(self) -> _Tree:
        t = self._peek()
        if t is None:
            raise ValueError("unexpected end")
        self.pos += 1
        if t[0] == "n":
            return ("n", t[1])
        if t[0] == "p":
            return ("p", t[1], t[2])
        if t[1] == "(":
            v = self._sum()
            if not self._is(")"):
                raise ValueError("unbalanced")
            self.pos += 1
            return v
        raise ValueError(f"unexpected {t[1]!r}")


def _number(text: str) -> float:
    return float(int(text, 16)) if text.lower().startswith("0x") else float(text)


def _int(text: str | bytes) -> int:
    s = text.decode("ascii") if isinstance(text, bytes) else text
    return int(s, 16) if s.lower().startswith("0x") else int(s)


def _rotate(array: list[str], offset: int, check: str, target: int, encoding: str) -> list[str] | None:
    arith = _Arith(check)
    for shift in range(len(array)):
        try:
            if arith.value(array, offset, encoding, shift) == target:
                return array[shift:] + array[:shift]
        except (IndexError, ZeroDivisionError, _Undecodable):
            pass  # the engine throws (a URIError of decodeURIComponent) or reads undefined: the loop rotates
    return None


def decode_string_arrays(source: bytes) -> Decoded:
    """`source` with every decoder call of a javascript-obfuscator string array written as its string."""
    if b"!![]" not in source or b"parseInt" not in source:
        return Decoded(source)
    replacements: dict[str, tuple[list[str], int, str]] = {}  # decoder name -> (rotated array, offset, encoding)
    failures: list[str] = []
    for m in _ARRAY_FN.finditer(source):
        name = m.group(1)
        got = _read_array(source, m.end())
        if got is None:
            continue
        items, end = got
        tail = _ARRAY_TAIL.match(source, end)
        if tail is None or tail.group(1) != name or tail.group(3) != name or tail.group(2) != m.group(2):
            continue
        label = name.decode("ascii", "replace")
        if len(items) > _MAX_ARRAY:
            failures.append(f"the string array {label}() holds {len(items)} strings, over the {_MAX_ARRAY} read")
            continue
        decoder = _find_decoder(source, name)
        if decoder is None:
            failures.append(f"the decoder of the string array {label}() was not recognised "
                            "(an encoding other than javascript-obfuscator's base64 and rc4)")
            continue
        dec_name, offset, encoding = decoder
        rotation = _find_rotation(source, name)
        if rotation is None:
            failures.append(f"the rotation of the string array {label}() was not recognised")
            continue
        check, target = rotation
        try:
            rotated = _rotate(items, offset, check, target, encoding)
        except ValueError as exc:
            failures.append(f"the rotation check of the string array {label}() is not plain arithmetic ({exc})")
            continue
        if rotated is None:
            failures.append(f"no rotation of the string array {label}() passes its check")
            continue
        replacements[dec_name.decode("ascii")] = (rotated, offset, encoding)
    if not replacements:
        return Decoded(source, 0, "; ".join(failures))
    text = source.decode("utf-8", "surrogateescape")
    aliases = _aliases(text, replacements)
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        array, offset, encoding = aliases[m.group(1)]
        i = _int(m.group(2)) - offset
        key = _key(m.group(3))
        if not 0 <= i < len(array) or (encoding == "rc4") != (key is not None):
            return m.group(0)
        try:
            text = _decode(array[i], encoding, key)
        except _Undecodable:
            return m.group(0)
        count += 1
        return json.dumps(text)

    names = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    call = re.compile(_NOT_MEMBER + r"(" + names + r")\s*\(\s*(0x[0-9a-fA-F]+|\d+)\s*(?:,(" + _KEY + r"))?\)",
                      re.S)
    out = call.sub(sub, text)
    return Decoded(out.encode("utf-8", "surrogateescape"), count, "; ".join(failures))


def _find_decoder(source: bytes, array_fn: bytes) -> tuple[bytes, int, str] | None:
    """The decoder reading `array_fn()`: its name, the offset it subtracts from the index and how the
    strings are encoded ("none", "base64", "rc4"); None for a decoder of another form."""
    call = re.escape(array_fn) + rb"\s*\(\s*\)"
    for m in _DECODER_HEAD.finditer(source):
        head = source[m.end():m.end() + 600]
        if not re.search(call, head):
            continue
        sub = re.search(rb"(?<![\w$])([\w$]+)\s*=\s*\1\s*-\s*(0x[0-9a-fA-F]+|\d+)\s*[;,]", head)
        if sub is None or sub.group(1) != m.group(2):
            continue
        body = source[m.end():m.end() + 4000]
        end = _block_end(body)
        body = body[:end] if end is not None else body
        if not re.search(rb"fromCharCode|charCodeAt|decodeURIComponent|atob", body):
            return m.group(1), _int(sub.group(2)), "none"
        if _B64_ALPHABET not in body:
            return None
        # RC4: a 256-entry key schedule over the second argument's characters
        rc4 = re.search(rb"0x100", body) is not None and body.count(b"charCodeAt") >= 2
        return m.group(1), _int(sub.group(2)), "rc4" if rc4 else "base64"
    return None


def _block_end(body: bytes) -> int | None:
    """The offset of the `}` closing a block whose `{` was just before `body` (strings skipped)."""
    depth, i, n = 1, 0, len(body)
    while i < n:
        c = body[i:i + 1]
        if c in (b"'", b'"'):
            m = _JS_STRING.match(body, i)
            if m is None:
                return None
            i = m.end()
            continue
        if c == b"{":
            depth += 1
        elif c == b"}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


class _Undecodable(ValueError):
    """A string the engine's decoder would throw on (decodeURIComponent of bytes that are not UTF-8)."""


def _key(literal: str | None) -> str | None:
    if literal is None:
        return None
    m = _JS_STRING.fullmatch(literal.strip().encode("utf-8", "surrogateescape"))
    if m is None:
        raise _Undecodable("key")
    raw = m.group(1) if m.group(1) is not None else m.group(2)
    return _cook(raw.decode("utf-8", "surrogateescape"))


def _decode(text: str, encoding: str, key: str | None) -> str:
    """An array string as the decoder returns it."""
    if encoding == "none":
        return text
    plain = _base64(text)
    if encoding == "base64":
        return plain
    if key is None:
        raise _Undecodable("no key")
    return _rc4(plain, key)


def _base64(text: str) -> str:
    """javascript-obfuscator's base64 (its alphabet, lower case first; characters outside it skipped), then
    the bytes percent-encoded and read by decodeURIComponent (UTF-8)."""
    out = bytearray()
    bc, bs = 0, 0
    for ch in text:
        idx = _B64_TEXT.find(ch)
        if idx < 0:
            continue
        bs = bs * 64 + idx if bc % 4 else idx
        before = bc
        bc += 1
        if before % 4:
            out.append(0xFF & (bs >> ((-2 * bc) & 6)))
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Undecodable("not UTF-8") from exc


def _rc4(text: str, key: str) -> str:
    data = [u for ch in text for u in _units(ch)]
    k = [u for ch in key for u in _units(ch)]
    if not k:
        raise _Undecodable("empty key")
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + k[i % len(k)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out: list[int] = []
    for unit in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(unit ^ s[(s[i] + s[j]) % 256])
    return join_units(out)


def _find_rotation(source: bytes, array_fn: bytes) -> tuple[str, int] | None:
    for call in _ROTATION_CALL.finditer(source):
        if call.group(1) != array_fn:
            continue
        head = source.rfind(b"(function", 0, call.start())
        if head < 0:
            continue
        m = _ROTATION.search(source, head, call.end())
        if m is None:
            continue
        return m.group(2).decode("utf-8", "replace"), _int(call.group(2))
    return None


def _aliases(text: str, decoders: dict[str, tuple[list[str], int, str]]) -> dict[str, tuple[list[str], int, str]]:
    """The decoders and every name bound to one of them (`const a=DEC`, `,_0x12=a,`), to a fixpoint."""
    found = dict(decoders)
    while True:
        names = "|".join(re.escape(a) for a in sorted(found, key=len, reverse=True))
        bind = re.compile(_NOT_MEMBER + r"([\w$]+)\s*=\s*(" + names + r")(?=\s*[,;)}\n])")
        added = False
        for m in bind.finditer(text):
            if m.group(1) not in found:
                found[m.group(1)] = found[m.group(2)]
                added = True
        if not added:
            return found
