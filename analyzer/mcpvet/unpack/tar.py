"""Tar archives (plain, gzip, bzip2, xz), read as one forward stream.

The decompression is done here, not by tarfile, so that every decompressed byte, including the
data of members that are skipped, is charged to the budget: a gzip bomb stops at the limit.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
import zlib
from pathlib import Path
from typing import BinaryIO

from mcpvet.unpack import paths
from mcpvet.unpack.writer import Budget, CountingReader, Extractor

_STREAM_ERRORS = (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError, ValueError)


def _decompressor(raw: BinaryIO, magic: bytes) -> BinaryIO:
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(raw, "rb")  # type: ignore[return-value]
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw, "rb")  # type: ignore[return-value]
    return raw


def extract(archive: Path, ex: Extractor, budget: Budget) -> None:
    """Extract members until the end, a limit (LimitHit propagates) or a broken stream (recorded)."""
    with archive.open("rb") as raw:
        magic = raw.read(6)
        raw.seek(0)
        stream = CountingReader(_decompressor(raw, magic), budget)
        try:
            tf = tarfile.open(fileobj=stream, mode="r|")  # type: ignore[call-overload]
        except _STREAM_ERRORS as exc:
            ex.error(None, f"not a readable tar archive: {exc}")
            return
        with tf:
            while True:
                try:
                    member = tf.next()
                except _STREAM_ERRORS as exc:
                    ex.error(None, f"the archive is damaged after {ex.members} members; the rest was not "
                                   f"unpacked: {exc}")
                    return
                if member is None:
                    return
                try:
                    _one(tf, member, ex)
                except _STREAM_ERRORS as exc:
                    ex.error(member.name, f"the archive is damaged in this member; the rest was not unpacked: {exc}")
                    return


def _one(tf: tarfile.TarFile, member: tarfile.TarInfo, ex: Extractor) -> None:
    raw = member.name
    ex.count_member(raw)
    name = paths.check_name(raw)
    if name.reason is not None:
        escapes = name.reason in (paths.ABSOLUTE, paths.TRAVERSAL)
        ex.refuse(raw, name.reason, f"{paths.shown(raw)!r} "
                  + ("would be written outside the package folder" if escapes else "is not a usable file name"))
        return
    if member.issym() or member.islnk():
        hard = member.islnk()
        where = "outside the package folder" if paths.link_escapes(raw, member.linkname, hard=hard) else "inside the package"
        kind = paths.HARDLINK if hard else paths.SYMLINK
        ex.refuse(raw, kind, f"{'hard' if hard else 'symbolic'} link {name.path} -> {member.linkname!r} ({where})")
        return
    if member.ischr() or member.isblk():
        ex.refuse(raw, paths.DEVICE, f"device node {name.path}")
        return
    if member.isfifo():
        ex.refuse(raw, paths.FIFO, f"FIFO {name.path}")
        return
    if member.isdir():
        ex.add_dir(raw, name)
        return
    if not member.isreg() or member.issparse():
        ex.refuse(raw, paths.SPECIAL, f"{name.path} is not a regular file (tar type {member.type!r})")
        return
    if member.size > ex.limits.max_file_bytes:
        ex.add_file(raw, name, _EMPTY, member.size)  # refused by size; tarfile skips the data (still counted)
        return
    fileobj = tf.extractfile(member)
    if fileobj is None:
        ex.error(raw, f"{name.path}: no data")
        return
    with fileobj:
        ex.add_file(raw, name, fileobj, member.size)  # type: ignore[arg-type]


class _Empty:
    def read(self, n: int = -1) -> bytes:
        return b""


_EMPTY = _Empty()
