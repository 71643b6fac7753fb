"""File types a check limits a read to, for both languages.

An extension test (`[".png", ".jpg"].includes(path.extname(p))`, `Path(p).suffix.lower() in {".png"}`,
`p.endswith((".png", ".jpg"))`) says nothing of where the file is: it is no allow-list of the path
(no path role is made safe by it). When every extension allowed is one of a picture, a sound or a
video, it says what the read returns: the caller's media, never a key, a token or a configuration
file. The data flow keeps that as a check of role `MEDIA` on the path, which only the read's
`flow.CONTENTS` pseudo-site honours (`mcpvet.analysis.flow`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

_c: Any = importlib.import_module("re._constants")  # the parser of `re` itself (as `alphabet`)
_parser: Any = importlib.import_module("re._parser")
_MAX_WORDS = 64

MEDIA = "media"
"""The role of a check that the path names a picture, sound or video file (an extension allow-list)."""

MEDIA_EXTENSIONS = frozenset({
    # pictures
    "png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp", "bmp", "tif", "tiff", "ico", "heic", "heif", "avif",
    "apng",
    # sounds
    "mp3", "wav", "ogg", "oga", "flac", "m4a", "aac", "opus", "wma", "aiff", "aif", "weba",
    # videos
    "mp4", "m4v", "mov", "avi", "wmv", "webm", "mkv", "flv", "mpeg", "mpg", "3gp", "ogv",
})


def extension_word(text: str) -> str:
    """`.PNG` → `png`; `png` → `png` (an extension as written, with or without its dot)."""
    return text.strip().lstrip(".").lower()


def media_only(extensions: Iterable[str] | None) -> bool:
    """Every extension given is one of a media file (and there is one at least): None (not all known) is no."""
    if extensions is None:
        return False
    words = [extension_word(e) for e in extensions]
    return bool(words) and all(w in MEDIA_EXTENSIONS for w in words)


def media_suffix_pattern(pattern: str, flags: int = 0) -> bool:
    """A pattern that only matches a name ending in a media extension (`\\.(png|jpe?g)$`, `^.*\\.(mp4|mov)$`,
    case-insensitive or not): a literal dot, then words every one of which is a media extension, then the end.
    What comes before the dot is not read (any name, any folder). A multi-line pattern is no such test."""
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return False
    if parsed.state.flags & re.MULTILINE:
        return False
    items = list(parsed)
    if not items or items[-1] != (_c.AT, _c.AT_END):
        return False
    items = items[:-1]
    dot = max((i for i, item in enumerate(items) if item == (_c.LITERAL, ord("."))), default=None)
    if dot is None:
        return False
    words = _words(items[dot + 1:])
    return media_only(words)


def _words(items: list[Any], depth: int = 0) -> list[str] | None:
    """Every string ITEMS can match when that is a few words of letters and digits, else None."""
    out = [""]
    for op, av in items:
        parts: list[str] | None
        if op is _c.LITERAL:
            parts = [chr(av)]
        elif op is _c.IN and all(o is _c.LITERAL for o, _v in av):
            parts = [chr(v) for _o, v in av]
        elif op is _c.SUBPATTERN and depth < 4:
            parts = _words(list(av[-1]), depth + 1)
        elif op is _c.BRANCH and depth < 4:
            parts = []
            for branch in av[1]:
                found = _words(list(branch), depth + 1)
                if found is None:
                    return None
                parts += found
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] <= 1 and depth < 4:  # `e?`: there or not
            inner = _words(list(av[2]), depth + 1)
            if inner is None:
                return None
            parts = ([""] if av[0] == 0 else []) + inner
        else:
            return None
        if parts is None or not all(p.isalnum() or p == "" for p in parts):
            return None
        out = [a + b for a in out for b in parts]
        if len(out) > _MAX_WORDS:
            return None
    return out
