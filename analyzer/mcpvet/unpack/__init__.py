"""Safe unpacking of untrusted archives: `unpack` is the stage entry point.

Archives are read as streams, member by member; only regular files and folders are written,
everything lands under `dest`, nothing is executed. Links, devices, FIFOs, absolute paths and
`..` are refused (a RefusedMember and an AnalysisError each); the rest is still unpacked. The
limits of `UnpackLimits` (decompressed bytes over the whole stream, member count, single file,
compression ratio) stop extraction with an AnalysisError naming the limit; what was unpacked
until then is kept for the analysis.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mcpvet.errors import UnpackError
from mcpvet.model import AnalysisError, RefusedMember
from mcpvet.options import UnpackLimits
from mcpvet.unpack import tar
from mcpvet.unpack import zip as zip_
from mcpvet.unpack.writer import Budget, Extractor, LimitHit

__all__ = ["UnpackResult", "unpack", "detect_format"]


@dataclass(frozen=True)
class UnpackResult:
    root: Path  # the package root: a single top-level folder (sdist "name-1.0/", npm "package/") collapsed
    refused: tuple[RefusedMember, ...]
    errors: tuple[AnalysisError, ...]  # stage="unpack"
    members: int
    total_bytes: int  # decompressed bytes read from the archive (all members, written or not)


def detect_format(archive: Path) -> str | None:
    """"zip" or "tar" from the first bytes (not the file name), or None."""
    with archive.open("rb") as f:
        head = f.read(512)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")):
        return "tar"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    return None


LAYOUTS = (None, "npm")


def unpack(archive: Path, dest: Path, limits: UnpackLimits, *, layout: str | None = None) -> UnpackResult:
    """Unpack `archive` into the (new or empty) folder `dest`. Raises UnpackError only when the
    file is not an archive at all or nothing could be read from it.

    `layout="npm"` unpacks as npm installs a tarball: the first path component of every member is
    dropped, whatever it is called (`package/`, or anything else), so files under two top-level
    folders land in one place, the later copy winning, exactly as they would when installed.
    Otherwise a single top-level folder is collapsed into the root."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown archive layout {layout!r}")
    archive, dest = Path(archive), Path(dest)
    try:
        fmt = detect_format(archive)
        size = archive.stat().st_size
    except OSError as exc:
        raise UnpackError(f"{archive.name}: cannot read the archive: {exc.strerror or exc}") from exc
    if fmt is None:
        raise UnpackError(f"{archive.name}: {_not_an_archive(archive, size)}")
    dest.mkdir(parents=True, exist_ok=True)
    ex = Extractor(dest, limits, strip=1 if layout == "npm" else 0)
    budget = Budget(limits, size)
    try:
        if fmt == "tar":
            tar.check_member_count(archive, limits)
        (zip_.extract if fmt == "zip" else tar.extract)(archive, ex, budget)
    except LimitHit as hit:
        ex.refused.append(RefusedMember("(archive)", hit.reason))
        used = (f"the analysis uses the {ex.files} files unpacked before the limit" if ex.files
                else "no file was unpacked")
        message = hit.message if "nothing was unpacked" in hit.message else f"{hit.message}; {used}"
        ex.errors.append(AnalysisError("unpack", message, archive.name))  # always listed
    except OSError as exc:  # the archive itself became unreadable while it was read
        raise UnpackError(f"{archive.name}: cannot read the archive: {exc.strerror or exc}") from exc
    if ex.files == 0 and ex.errors and not ex.refused:
        raise UnpackError(f"{archive.name}: nothing could be unpacked: {ex.errors[0].message}")
    if ex.files == 0 and not ex.refused and not ex.errors:
        what = "is empty" if ex.members == 0 else f"holds {ex.members} folder entries and no file"
        raise UnpackError(f"{archive.name}: nothing to analyse: the archive {what}")
    if layout == "npm" and len(ex.tops) > 1:
        ex.errors.append(AnalysisError("unpack", "the tarball has several top-level folders ("
                                       + ", ".join(sorted(ex.tops)[:5]) + "); npm merges them into one package "
                                       "folder, later copies replacing earlier ones, and so does this analysis",
                                       archive.name))
    return UnpackResult(
        root=dest if layout == "npm" else _collapse(dest),
        refused=tuple(ex.refused),
        errors=tuple(ex.finish_errors()),
        members=ex.members,
        total_bytes=budget.total,
    )


def _not_an_archive(archive: Path, size: int) -> str:
    """Why the file is not a tar or zip archive, in words a user recognises."""
    if size == 0:
        return "the file is empty (0 bytes), not an archive"
    with archive.open("rb") as f:
        head = f.read(512).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "the file is an HTML or XML page (an error page saved as an archive?), not a tar or zip archive"
    if head.startswith((b"{", b"[")):
        return "the file looks like JSON text, not a tar or zip archive"
    return "not a tar or zip archive (unknown format; a truncated download?)"


def _collapse(dest: Path) -> Path:
    """A single top-level folder (and nothing else) is the package root."""
    entries = os.listdir(dest)
    if len(entries) == 1:
        only = dest / entries[0]
        if only.is_dir() and not only.is_symlink():
            return only
    return dest
