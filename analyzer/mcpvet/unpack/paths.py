"""Member names of untrusted archives: normalise, or say why the member is refused."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

# reasons a member is refused (RefusedMember.reason); stable strings, used by checks/archive.py
ABSOLUTE = "absolute-path"
TRAVERSAL = "path-traversal"
BAD_NAME = "bad-name"
SYMLINK = "symlink"
HARDLINK = "hardlink"
DEVICE = "device"
FIFO = "fifo"
SPECIAL = "special-file"
TOO_LARGE = "too-large"
BAD_HEADER = "bad-header"
LIMIT_TOTAL = "limit-total-bytes"
LIMIT_MEMBERS = "limit-members"
LIMIT_RATIO = "limit-ratio"

MAX_NAME = 4096  # bytes of a member name; longer names are refused (PATH_MAX on Linux)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Name:
    """A member name checked: `parts` of the relative path, or the `reason` it is refused.
    Both empty means the archive root itself ("./"), which is skipped silently."""

    parts: tuple[str, ...] = ()
    reason: str | None = None

    @property
    def path(self) -> str:
        return "/".join(self.parts)


def check_name(raw: str, *, backslash_is_separator: bool = False) -> Name:
    """Relative, normalised parts, or a refusal: NUL or control characters, absolute paths
    (`/x`, `C:x`, `\\\\host`), and any `..` component are refused, never rewritten."""
    if "\x00" in raw or _CONTROL.search(raw) or len(raw.encode("utf-8", "surrogateescape")) > MAX_NAME:
        return Name(reason=BAD_NAME)
    name = raw.replace("\\", "/") if backslash_is_separator else raw
    if name.startswith("/") or _DRIVE.match(name):
        return Name(reason=ABSOLUTE)
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if ".." in parts:
        return Name(reason=TRAVERSAL)
    return Name(parts=parts)


def shown(raw: str, limit: int = 300) -> str:
    """A member name short enough for a message or a report."""
    return raw if len(raw) <= limit else raw[: limit - 1] + "…"


def link_escapes(member: str, linkname: str, *, hard: bool) -> bool:
    """Would the link point outside the archive root? Symlink targets are relative to the
    link's folder; tar hard-link targets are relative to the archive root."""
    if not linkname or linkname.startswith("/") or _DRIVE.match(linkname) or "\x00" in linkname:
        return True
    base = "" if hard else posixpath.dirname(member.strip("/"))
    joined = posixpath.normpath(posixpath.join(base, linkname))
    return joined == ".." or joined.startswith("../") or joined.startswith("/")
