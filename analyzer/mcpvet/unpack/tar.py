"""Tar archives (plain, gzip, bzip2, xz), read as one forward stream.

The decompression is done here, not by tarfile, so that every decompressed byte, including the
data of members that are skipped, is charged to the budget: a gzip bomb stops at the limit.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import re
import tarfile
import zlib
from pathlib import Path
from typing import BinaryIO

from mcpvet.options import UnpackLimits
from mcpvet.unpack import paths
from mcpvet.unpack.writer import RATIO_FLOOR, Budget, CountingReader, Extractor, LimitHit

_STREAM_ERRORS = (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError, ValueError)
BLOCK = 512
# pax and GNU long-name headers: real ones are a few hundred bytes
MAX_EXT_HEADER = 1 << 20
# tarfile (before CPython 3.11.10 / 3.12.6, CVE-2024-6232) searches pax headers with regular
# expressions that take quadratic time on long runs of digits: 128 KiB of digits cost ~30 s
_DIGIT_RUN = re.compile(rb"\d{65}")


class UnsafeHeader(tarfile.TarError):
    """A pax or GNU long-name header that is too large or built to make the tar reader stall."""


class _Replay:
    """The tar stream with bytes already read put back in front (so tarfile can re-read them)."""

    def __init__(self, first: bytes, inner: object) -> None:
        self.first = first
        self.inner = inner

    def read(self, n: int) -> bytes:
        if not self.first:
            return self.inner.read(n)  # type: ignore[attr-defined]
        out, self.first = self.first[:n], self.first[n:]
        if len(out) < n:
            out += self.inner.read(n - len(out))  # type: ignore[attr-defined]
        return out

    def tell(self) -> int:
        return self.inner.tell() - len(self.first)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


class SafeTarInfo(tarfile.TarInfo):
    """TarInfo that checks extension headers before tarfile's own parser sees them."""

    def _check_size(self) -> None:
        if self.size > MAX_EXT_HEADER:
            raise UnsafeHeader(f"a {self.size}-byte extension header (type {self.type!r}); the limit is "
                               f"{MAX_EXT_HEADER}")

    def _proc_pax(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        self._check_size()
        buf = tarfile_.fileobj.read(self._block(self.size))  # type: ignore[attr-defined]  # private in typeshed
        if _DIGIT_RUN.search(buf[: self.size]):
            raise UnsafeHeader("a pax header with a run of more than 64 digits (a known way to stall "
                               "tar readers, CVE-2024-6232)")
        real = tarfile_.fileobj
        tarfile_.fileobj = _Replay(buf, real)  # type: ignore[assignment]
        try:
            return super()._proc_pax(tarfile_)  # type: ignore[misc]
        finally:
            tarfile_.fileobj = real

    def _proc_gnulong(self, tarfile_: tarfile.TarFile) -> tarfile.TarInfo:
        self._check_size()
        return super()._proc_gnulong(tarfile_)  # type: ignore[misc]


_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")


def _decompressor(raw: BinaryIO, magic: bytes) -> BinaryIO | None:
    """A decompressing reader over `raw`, or None for a plain tar."""
    if magic.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if magic.startswith(b"BZh"):
        return bz2.BZ2File(raw, "rb")  # type: ignore[return-value]
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.LZMAFile(raw, "rb")  # type: ignore[return-value]
    return None


def _could_exceed(archive: Path, magic: bytes, limits: UnpackLimits) -> bool:
    """Could the archive hold more than max_members members? Each takes at least one 512-byte
    block of the tar stream, and the stream can only inflate so far before a limit stops it."""
    size = archive.stat().st_size
    if not magic.startswith(_COMPRESSED):
        most = size
    else:
        most = min(limits.max_total_bytes, max(RATIO_FLOOR, int(limits.max_ratio * size))) + (1 << 20)
    return most >= BLOCK * (limits.max_members + 1)


def check_member_count(archive: Path, limits: UnpackLimits) -> None:
    """Raise LimitHit when the archive holds more than max_members members, before anything is
    written: counting headers costs microseconds each, creating a file costs up to a millisecond.
    Any other problem (a damaged stream, a byte limit) is left for the extraction to report."""
    with archive.open("rb") as raw:
        magic = raw.read(6)
        if not _could_exceed(archive, magic, limits):
            return
        raw.seek(0)
        stream = CountingReader(_decompressor(raw, magic) or raw, Budget(limits, archive.stat().st_size))
        count = 0
        try:
            tf = tarfile.open(fileobj=stream, mode="r|", tarinfo=SafeTarInfo)  # type: ignore[call-overload]  # noqa: SIM115 - closed by `with tf` below
            with tf:
                while tf.next() is not None:
                    count += 1
                    if count > limits.max_members:
                        raise LimitHit(paths.LIMIT_MEMBERS, f"unpacking refused: the archive holds more than "
                                                            f"{limits.max_members} members (limit max_members); "
                                                            "nothing was unpacked")
                    if count % 1024 == 0:
                        tf.members.clear()  # only counted: do not keep 100,000 headers in memory
        except LimitHit as hit:
            if hit.reason == paths.LIMIT_MEMBERS:
                raise
        except _STREAM_ERRORS:
            pass


def extract(archive: Path, ex: Extractor, budget: Budget) -> None:
    """Extract members until the end, a limit (LimitHit propagates) or a broken stream (recorded)."""
    with archive.open("rb") as raw:
        magic = raw.read(6)
        raw.seek(0)
        stream = CountingReader(_decompressor(raw, magic) or raw, budget)
        try:
            tf = tarfile.open(fileobj=stream, mode="r|", tarinfo=SafeTarInfo)  # type: ignore[call-overload]  # noqa: SIM115 - closed by `with tf` below
        except UnsafeHeader as exc:
            ex.refuse("(header)", paths.BAD_HEADER, f"{exc}; unpacking stopped")
            return
        except _STREAM_ERRORS as exc:
            ex.error(None, f"not a readable tar archive: {exc}")
            return
        with tf:
            while True:
                try:
                    member = tf.next()
                except UnsafeHeader as exc:
                    ex.refuse("(header)", paths.BAD_HEADER, f"{exc} after {ex.members} members; unpacking stopped")
                    return
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
    if member.size < 0:  # base-256 sizes may be negative: a way to loop tar readers (CVE-2025-8194)
        ex.refuse(raw, paths.BAD_HEADER, f"{paths.shown(raw)!r} declares a negative size ({member.size})")
        return
    name = ex.check(raw)
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
        ex.add_file(raw, name, fileobj, member.size)


class _Empty:
    def read(self, n: int = -1) -> bytes:
        return b""


_EMPTY = _Empty()
