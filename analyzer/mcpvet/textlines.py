"""Line numbers the way editors, GitHub and SARIF viewers count them: a line ends at `\\n`, `\\r\\n`
or `\\r`, and nowhere else.

Python's `str.splitlines` also breaks at U+0085, U+2028, U+2029, `\\x0b`, `\\x0c` and `\\x1c`-`\\x1e`,
which minified JavaScript holds inside string literals: a location counted with it lands lines
after the code it names. tree-sitter and semgrep count `\\n` alone, so a lone `\\r` (old Mac line
ends) is made a line end for them here too (`editor_bytes`, `byte_line`). Python's own parser
already counts `\\n`, `\\r\\n` and `\\r`. Every location of a scorecard is counted this way.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(rb"\r(?!\n)")


def split_lines(text: str) -> list[str]:
    """The lines of a text without their ends, as `str.splitlines` gives them (no empty last line
    after a final line end) but broken only at `\\n`, `\\r\\n` and `\\r`."""
    if "\r" not in text:
        lines = text.split("\n")
    else:
        lines = _BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def line_starts(text: str) -> list[int]:
    """The offset of the first character of each line (the first is 0)."""
    if "\r" not in text:
        out = [0]
        pos = text.find("\n")
        while pos >= 0:
            out.append(pos + 1)
            pos = text.find("\n", pos + 1)
        return out
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """How many line ends lie in `text[start:end]` (a `\\r\\n` is one)."""
    stop = len(text) if end is None else end
    count = text.count("\n", start, stop)
    # (looked for in the range only: a caller counting piece by piece along a long text must not
    # scan the whole of it at every call)
    if text.find("\r", start, stop) >= 0:
        count += text.count("\r", start, stop) - text.count("\r\n", start, stop)
        # a `\r` right before `stop` whose `\n` is just past it is counted as the line end it is
    return count


def line_at(text: str, pos: int) -> int:
    """The 1-based line of the character at offset `pos`."""
    return breaks(text, 0, pos) + 1


def lone_cr(data: bytes) -> bool:
    """Whether a line ends at a `\\r` that no `\\n` follows (a line end `\\n`-only tools miss)."""
    return b"\r" in data and _LONE_CR.search(data) is not None


def editor_bytes(data: bytes) -> bytes:
    """`data` with every lone `\\r` made `\\n`: the same length and offsets, and a tool that counts
    `\\n` alone (tree-sitter) then counts the lines editors count."""
    return _LONE_CR.sub(b"\n", data) if lone_cr(data) else data


def byte_line(data: bytes, offset: int) -> int:
    """The 1-based line of the byte at `offset` of `data`."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
