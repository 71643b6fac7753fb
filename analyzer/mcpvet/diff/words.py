"""Word diffs of tool descriptions, with hidden characters made visible.

A rug pull often hides in a small edit of a description (a sentence appended, a zero-width
character slipped in), so the diff works word by word and every character a reader would not
see is written as an escape (`\\u{200B}`) in every output format.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]")


def visible(text: str) -> str:
    """`text` with every invisible or control character (except space, tab and new line) escaped."""
    return _INVISIBLE.sub(lambda m: f"\\u{{{ord(m.group()):04X}}}", text)


def hidden_characters(text: str | None) -> list[str]:
    """The escapes of the invisible characters in `text`, in order, each once."""
    seen: dict[str, None] = {}
    for m in _INVISIBLE.finditer(text or ""):
        seen.setdefault(visible(m.group()), None)
    return list(seen)


def _tokens(text: str) -> list[str]:
    """Words and the white space between them (so that the pieces join back to the text)."""
    return re.findall(r"\s+|\S+", text)


def word_diff(old: str | None, new: str | None) -> list[dict[str, Any]]:
    """The edit from `old` to `new` as runs `{"op": "equal"|"delete"|"insert", "text": …}`; texts are
    made visible, so a changed zero-width character shows as a changed word."""
    a, b = _tokens(old or ""), _tokens(new or "")
    out: list[dict[str, Any]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append({"op": "equal", "text": visible("".join(a[i1:i2]))})
            continue
        if i2 > i1:
            out.append({"op": "delete", "text": visible("".join(a[i1:i2]))})
        if j2 > j1:
            out.append({"op": "insert", "text": visible("".join(b[j1:j2]))})
    return out


def inline(runs: list[dict[str, Any]], *, delete: tuple[str, str] = ("[-", "-]"), insert: tuple[str, str] = ("{+", "+}"),
           context: int = 12) -> str:
    """One line from word-diff runs, long unchanged runs shortened to `context` words at each side."""
    parts: list[str] = []
    for i, run in enumerate(runs):
        text = " ".join(run["text"].split()) if run["op"] == "equal" else run["text"].replace("\n", "\\n")
        if run["op"] == "equal":
            words = text.split(" ")
            first, last = i == 0, i == len(runs) - 1
            if len(words) > 2 * context or (first or last) and len(words) > context:
                head = [] if first else words[:context]
                tail = [] if last else words[-context:]
                text = " ".join([*head, "…", *tail])
            parts.append(text)
        elif run["op"] == "delete":
            parts.append(f"{delete[0]}{text}{delete[1]}")
        else:
            parts.append(f"{insert[0]}{text}{insert[1]}")
    return " ".join(p.strip() for p in parts if p.strip())
