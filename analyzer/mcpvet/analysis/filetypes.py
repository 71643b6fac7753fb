"""File types a check limits a read to, for both languages.

An extension test (`[".png", ".jpg"].includes(path.extname(p))`, `Path(p).suffix.lower() in {".png"}`,
`p.endswith((".png", ".jpg"))`) says nothing of where the file is: it is no allow-list of the path
(no path role is made safe by it). When every extension allowed is one of a picture, a sound or a
video, it says what the read returns: the caller's media, never a key, a token or a configuration
file. The data flow keeps that as a check of role `MEDIA` on the path, which only the read's
`flow.CONTENTS` pseudo-site honours (`mcpvet.analysis.flow`).
"""

from __future__ import annotations

from collections.abc import Iterable

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
