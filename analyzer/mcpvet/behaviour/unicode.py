"""Hidden and deceptive characters in text a model reads: tag characters, zero-width and bidi controls,
ANSI escapes, other invisibles, and mixed-script (confusable) identifiers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from mcpvet.model import Severity

TAG_RANGE = range(0xE0000, 0xE0080)
ZERO_WIDTH = frozenset({0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064})
BIDI = frozenset({0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C})
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@dataclass(frozen=True)
class HiddenText:
    """One kind of hidden character found in one text."""

    category: str  # "tag", "zero-width", "bidi", "ansi", "invisible", "variation-selector", "mixed-script"
    severity: Severity
    count: int
    codepoints: tuple[str, ...]  # distinct "U+XXXX", sorted
    decoded: str | None = None  # what the hidden characters spell, when they spell something

    def describe(self) -> str:
        cps = ", ".join(self.codepoints[:8]) + (" …" if len(self.codepoints) > 8 else "")
        label = {
            "tag": "Unicode tag characters",
            "zero-width": "zero-width characters",
            "bidi": "bidirectional control characters",
            "ansi": "ANSI escape sequences",
            "invisible": "invisible or control characters",
            "variation-selector": "variation selectors",
            "mixed-script": "letters from several scripts in one word",
        }[self.category]
        text = f"{self.count} {label} ({cps})"
        if self.decoded and self.category == "tag":
            text += f" spelling: {self.decoded!r}"
        elif self.decoded:
            text += f" carrying {self.decoded}"
        return text


def fix_surrogates(text: str) -> str:
    """Join UTF-16 surrogate pairs left in a str (e.g. from a JSON escape decoded as two halves)."""
    if text.isascii() or not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        return text


def _cp(c: str) -> str:
    return f"U+{ord(c):04X}"


def _is_pictograph(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk") or 0x1F3FB <= ord(ch) <= 0x1F3FF or ord(ch) == 0xFE0F


def _emoji_joiner(text: str, i: int) -> bool:
    """A ZERO WIDTH JOINER inside an emoji sequence (👨‍💻) is ordinary text, not a hidden character."""
    if ord(text[i]) != 0x200D or i == 0 or i + 1 >= len(text):
        return False
    return _is_pictograph(text[i - 1]) and _is_pictograph(text[i + 1])


def decode_tags(text: str) -> str:
    """The ASCII message spelled by tag characters (U+E0020–E007E map to U+0020–007E)."""
    return "".join(chr(ord(c) - 0xE0000) for c in text if 0xE0020 <= ord(c) <= 0xE007E)


def _decode_bits(run: list[str]) -> str | None:
    """A run of two distinct zero-width characters read as bits (either polarity), if it spells ASCII."""
    symbols = sorted(set(run))
    if len(symbols) != 2 or len(run) < 8:
        return None
    bits = "".join("0" if c == symbols[0] else "1" for c in run)
    for zero in symbols:
        candidate = "".join("0" if c == zero else "1" for c in run)
        if len(candidate) % 8 == 0 and len(candidate) >= 24:
            chars = [chr(int(candidate[i:i + 8], 2)) for i in range(0, len(candidate), 8)]
            if all(32 <= ord(ch) < 127 for ch in chars):
                return f"bits {candidate} (as ASCII: {''.join(chars)!r})"
    return "bits " + bits


def _scripts(word: str) -> set[str]:
    out = set()
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            out.add(name.split(" ")[0] if name else "UNKNOWN")
    return out


def mixed_script_words(text: str) -> list[str]:
    """Words mixing Latin letters with letters of another script (the classic homoglyph trick)."""
    found = []
    for word in re.findall(r"\w+", text):
        scripts = _scripts(word)
        if len(scripts) > 1 and "LATIN" in scripts:
            found.append(word)
    return found


def scan(text: str, *, identifier: bool = False) -> list[HiddenText]:
    """Every kind of hidden character in `text`; `identifier=True` also looks for mixed scripts."""
    if _PLAIN.fullmatch(text):  # printable ASCII, tabs and line breaks: nothing can hide in it
        return _mixed_script(text) if identifier else []
    text = fix_surrogates(text)
    found: list[HiddenText] = []
    tags = [c for c in text if ord(c) in TAG_RANGE]
    if tags:
        found.append(HiddenText("tag", Severity.HIGH, len(tags), tuple(sorted({_cp(c) for c in tags})),
                                decode_tags(text) or None))
    zw = [c for i, c in enumerate(text) if ord(c) in ZERO_WIDTH and not (ord(c) == 0xFEFF and i == 0)
          and not _emoji_joiner(text, i)]
    if zw:
        runs: list[list[str]] = [[]]
        for c in text:
            if ord(c) in ZERO_WIDTH:
                runs[-1].append(c)
            elif runs[-1]:
                runs.append([])
        longest = max(runs, key=len)
        decoded = _decode_bits([c for c in longest if ord(c) in {0x200B, 0x200C}] or longest)
        found.append(HiddenText("zero-width", Severity.MEDIUM, len(zw), tuple(sorted({_cp(c) for c in zw})), decoded))
    bidi = [c for c in text if ord(c) in BIDI]
    if bidi:
        override = any(ord(c) in (0x202D, 0x202E) for c in bidi)
        found.append(HiddenText("bidi", Severity.HIGH if override else Severity.MEDIUM, len(bidi),
                                tuple(sorted({_cp(c) for c in bidi}))))
    ansi = _ANSI.findall(text)
    if ansi:
        found.append(HiddenText("ansi", Severity.MEDIUM, len(ansi), tuple(sorted({repr(a) for a in ansi}))))
    stripped = _ANSI.sub("", text)
    vs = [c for c in stripped if 0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF]
    # one U+FE0F after an emoji is ordinary; supplementary selectors or several in a row can carry bytes
    if vs and (any(ord(c) >= 0xE0100 for c in vs) or len(vs) > 3):
        found.append(HiddenText("variation-selector", Severity.MEDIUM, len(vs), tuple(sorted({_cp(c) for c in vs}))))
    other = [
        c for c in stripped
        if ord(c) not in TAG_RANGE and ord(c) not in ZERO_WIDTH and ord(c) not in BIDI
        and not (0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF)
        and (unicodedata.category(c) in ("Cf", "Co", "Cn") or (unicodedata.category(c) == "Cc" and c not in "\n\r\t"))
        and not (ord(c) == 0xFEFF and text.startswith(c))
    ]
    if other:
        found.append(HiddenText("invisible", Severity.MEDIUM, len(other), tuple(sorted({_cp(c) for c in other}))))
    if identifier:
        found += _mixed_script(text)
    return found


_PLAIN = re.compile(r"[\x20-\x7e\t\n\r]*")


def _mixed_script(text: str) -> list[HiddenText]:
    mixed = mixed_script_words(text)
    if not mixed:
        return []
    cps = sorted({_cp(c) for w in mixed for c in w if ord(c) > 127})
    return [HiddenText("mixed-script", Severity.MEDIUM, len(mixed), tuple(cps))]
