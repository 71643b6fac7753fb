"""Signs of deliberately obfuscated code in one source file (read as text, never run).

Detectors: Dean Edwards packer, javascript-obfuscator style string tables (`_0x` names, rotated
escaped-string arrays), text spelled as long character-code lists, code pushed past the visible margin by a long run of
spaces, encoded blobs that are decoded
and executed (base64/hex/zlib/marshal -> eval/exec/Function, `exec("".join(...))`). Ordinary minified bundles (short names, no
string table, no decode-and-run) do not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.model import Severity
from mcpvet.textlines import line_at


@dataclass(frozen=True)
class ObfuscationSign:
    technique: str
    detail: str
    line: int
    executes: bool  # decoded content reaches eval/exec/Function


_PACKER = re.compile(r"eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)")
_HEXNAME = re.compile(r"\b_0x[0-9a-f]{3,8}\b", re.I)
_HEXESC = re.compile(r"\\x[0-9a-f]{2}", re.I)
_UNIESC = re.compile(r"\\u[0-9a-f]{4}", re.I)
_ROTATE = re.compile(r"\[\s*['\"]push['\"]\s*\]\s*\(\s*\w+\s*\[\s*['\"]shift['\"]\s*\]\s*\(\s*\)\s*\)"
                     r"|\.push\(\s*\w+\.shift\(\s*\)\s*\)", re.I)
_JS_DECODE_EXEC = re.compile(
    r"(?:\beval|\bnew\s+Function|\bFunction|\bvm\s*\.\s*runIn\w+|\bsetTimeout)\s*\(\s*(?:[\w.]+\s*\(\s*)?"
    r"(?:atob|Buffer\s*\.\s*from|unescape|decodeURIComponent|String\s*\.\s*fromCharCode|_0x[0-9a-fA-F]+)")
_PY_DECODE_EXEC = re.compile(
    r"\b(?:exec|eval)\s*\(\s*(?:compile\s*\(\s*)?(?:[\w.]+\s*\(\s*)*"
    r"(?:base64\.\w*decode|b64decode|b32decode|b85decode|a85decode|zlib\.decompress|lzma\.decompress|bz2\.decompress"
    r"|gzip\.decompress|marshal\.loads|bytes\.fromhex|codecs\.decode|binascii\.(?:unhexlify|a2b_\w+)|__import__)"
    r"|\bmarshal\.loads\s*\(|__import__\s*\(\s*['\"](?:base64|zlib|marshal|codecs|lzma|bz2)['\"]\s*\)")
_CHARCODES = re.compile(r"fromCharCode\s*\(\s*(?:0x[0-9a-f]+|\d+)(?:\s*,\s*(?:0x[0-9a-f]+|\d+)){19,}"
                        r"|\[\s*\d{2,3}(?:\s*,\s*\d{2,3}){29,}\s*\][^;\n]{0,80}?(?:fromCharCode|\bchr\b)", re.I)
_PY_JOIN_EXEC = re.compile(r"\b(?:exec|eval)\s*\(\s*(?:[rbu]?['\"]{2}|str\(\s*\))\s*\.\s*join\s*\(")
_PAST_MARGIN = re.compile(r"^[^\n]*?\S[ \t]{150,}([^\s][^\n]*[(;=][^\n]*)$", re.M)
_BLOB = re.compile(r"['\"`]([A-Za-z0-9+/]{200,}={0,2})['\"`]|['\"`]((?:[0-9a-fA-F]{2}){100,})['\"`]")
_DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+;base64,$")


# the words each decode-and-run pattern's matches start with (every alternative starts with one)
_STARTS: dict[re.Pattern[str], tuple[str, ...]] = {
    _JS_DECODE_EXEC: ("eval", "new", "Function", "vm", "setTimeout"),
    _PY_DECODE_EXEC: ("exec", "eval", "marshal", "__import__"),
    _PY_JOIN_EXEC: ("exec", "eval"),
}


def _leftmost(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`rx.search(text)`, tried only where one of its start words is: the patterns start with `\b`,
    so a search tries every position of the text (and `match` at a position sees the text before it)."""
    starts: list[int] = []
    for word in _STARTS[rx]:
        i = text.find(word)
        while i != -1:
            starts.append(i)
            i = text.find(word, i + 1)
    for i in sorted(starts):
        m = rx.match(text, i)
        if m:
            return m
    return None


def _line_of(text: str, pos: int) -> int:
    return line_at(text, pos)


def scan(text: str) -> list[ObfuscationSign]:
    """Obfuscation signs in one file's text, each with the line where it starts."""
    signs: list[ObfuscationSign] = []
    m = _PACKER.search(text)
    if m:
        signs.append(ObfuscationSign("packer", "Dean Edwards packer: eval(function(p,a,c,k,e,d)…)",
                                     _line_of(text, m.start()), True))
    hexnames = _HEXNAME.findall(text) if "_0x" in text or "_0X" in text else []
    escapes = len(_HEXESC.findall(text)) + len(_UNIESC.findall(text))
    rotate = _ROTATE.search(text)
    if len(set(hexnames)) >= 4 and (rotate or escapes >= 20 or len(hexnames) >= 30):
        first = _HEXNAME.search(text)
        detail = f"javascript-obfuscator style string table: {len(set(hexnames))} `_0x…` names"
        if rotate:
            detail += ", an array rotated with push(shift())"
        if escapes:
            detail += f", {escapes} escaped characters"
        executes = bool(re.search(r"\beval\s*\(|\bFunction\s*\(", text))
        signs.append(ObfuscationSign("string-table", detail, _line_of(text, first.start() if first else 0), executes))
    m6 = _PAST_MARGIN.search(text) if " " * 150 in text or "\t" * 150 in text else None
    if m6:
        tail = m6.group(1)
        signs.append(ObfuscationSign("past-margin", f"code pushed past the visible margin by a long run of spaces: "
                                     f"{tail[:60]!r}", _line_of(text, m6.start()),
                                     bool(re.search(r"\b(?:exec|eval|__import__|import|require|Function)\b", tail))))
    m5 = _CHARCODES.search(text) if "fromCharCode" in text or "chr" in text else None
    if m5:
        window = text[max(0, m5.start() - 300):m5.end() + 300]
        signs.append(ObfuscationSign("char-codes", "text spelled as a long list of character codes",
                                     _line_of(text, m5.start()),
                                     bool(re.search(r"\b(?:eval|exec|Function)\s*\(", window))))
    runs = any(word in text for word in ("eval", "exec", "Function", "setTimeout", "runIn", "marshal", "__import__"))
    for rx, label in ((_JS_DECODE_EXEC, "decoded text passed to eval/Function"),
                      (_PY_DECODE_EXEC, "decoded or decompressed data passed to exec/eval"),
                      (_PY_JOIN_EXEC, "text assembled piece by piece and passed to exec/eval")):
        m3 = _leftmost(rx, text) if runs else None
        if m3:
            signs.append(ObfuscationSign("decode-and-run", f"{label}: {m3.group(0)[:80]!r}",
                                         _line_of(text, m3.start()), True))
    for m4 in _BLOB.finditer(text):
        before = text[max(0, m4.start() - 40):m4.start() + 1]
        if _DATA_URI.search(before[:-1]) or "base64," in before:
            continue
        blob = m4.group(1) or m4.group(2) or ""
        window = text[max(0, m4.start() - 300):m4.end() + 300]
        decoded_run = bool(re.search(r"\b(?:exec|eval|Function|compile|marshal\.loads|child_process|subprocess)\b",
                                     window))
        if decoded_run:
            signs.append(ObfuscationSign("encoded-blob", f"a {len(blob)}-character encoded string next to code "
                                         "that runs it", _line_of(text, m4.start()), True))
            break
    return signs


def severity(signs: list[ObfuscationSign]) -> Severity:
    return Severity.HIGH if any(s.executes for s in signs) else Severity.MEDIUM
