"""Zip archives and wheels, read member by member. Decompressed bytes are counted as they are
read; the entry count is checked against the end-of-central-directory record before the central
directory is parsed, so a zip with millions of entries is refused cheaply."""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from pathlib import Path

from mcpvet.unpack import paths
from mcpvet.unpack.writer import Budget, CountingReader, Extractor, LimitHit

_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, ValueError, OSError,
                  struct.error)
# ZipFile() itself: a broken central directory, or an entry needing a newer zip version
_OPEN_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, struct.error)
_EOCD = b"PK\x05\x06"
_EOCD64 = b"PK\x06\x06"


def declared_entries(archive: Path) -> int | None:
    """The entry count of the end-of-central-directory record, or of the zip64 one (None if not found)."""
    size = archive.stat().st_size
    with archive.open("rb") as f:
        f.seek(max(0, size - 65557))
        tail = f.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    total = struct.unpack("<H", tail[at + 10:at + 12])[0]
    if total != 0xFFFF:
        return int(total)
    at64 = tail.rfind(_EOCD64, 0, at)  # zip64: the count is in the zip64 end record before it
    if at64 < 0 or at - at64 < 56:
        return None
    return int(struct.unpack("<Q", tail[at64 + 32:at64 + 40])[0])


def extract(archive: Path, ex: Extractor, budget: Budget) -> None:
    declared = declared_entries(archive)
    if declared is not None and declared > ex.limits.max_members:
        # refused before the central directory is parsed (memory) and before anything is written
        raise LimitHit(paths.LIMIT_MEMBERS, f"unpacking refused: the zip declares {declared} entries, more than "
                                            f"{ex.limits.max_members} (limit max_members); nothing was unpacked")
    try:
        zf = zipfile.ZipFile(archive)
    except _OPEN_ERRORS as exc:
        ex.error(None, f"not a readable zip archive: {exc}")
        return
    with zf:
        entries = zf.infolist()
        if len(entries) > ex.limits.max_members:  # the end record understated the count
            raise LimitHit(paths.LIMIT_MEMBERS, f"unpacking refused: the zip holds {len(entries)} entries, more "
                                                f"than {ex.limits.max_members} (limit max_members); nothing was "
                                                "unpacked")
        for info in entries:
            _one(zf, info, ex, budget)


def _one(zf: zipfile.ZipFile, info: zipfile.ZipInfo, ex: Extractor, budget: Budget) -> None:
    raw = info.filename
    ex.count_member(raw)
    name = ex.check(raw, backslash_is_separator=True)
    if name.reason is not None:
        escapes = name.reason in (paths.ABSOLUTE, paths.TRAVERSAL)
        ex.refuse(raw, name.reason, f"{paths.shown(raw)!r} "
                  + ("would be written outside the package folder" if escapes else "is not a usable file name"))
        return
    mode = (info.external_attr >> 16) & 0xFFFF if info.create_system == 3 else 0
    ftype = stat.S_IFMT(mode)
    if ftype == stat.S_IFLNK:
        ex.refuse(raw, paths.SYMLINK, f"symbolic link {name.path}")
        return
    if ftype in (stat.S_IFCHR, stat.S_IFBLK):
        ex.refuse(raw, paths.DEVICE, f"device node {name.path}")
        return
    if ftype == stat.S_IFIFO:
        ex.refuse(raw, paths.FIFO, f"FIFO {name.path}")
        return
    if ftype == stat.S_IFSOCK:
        ex.refuse(raw, paths.SPECIAL, f"socket {name.path}")
        return
    if info.is_dir() or ftype == stat.S_IFDIR:
        ex.add_dir(raw, name)
        return
    if info.file_size > ex.limits.max_file_bytes:
        ex.add_file(raw, name, _NoData(), info.file_size)
        return
    try:
        with zf.open(info) as member:
            ex.add_file(raw, name, CountingReader(member, budget), info.file_size)  # type: ignore[arg-type]
    except _MEMBER_ERRORS as exc:
        ex.error(raw, f"{name.path}: could not be unpacked: {exc}")


class _NoData:
    def read(self, n: int = -1) -> bytes:
        return b""
