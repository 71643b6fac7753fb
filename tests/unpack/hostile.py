"""Builders of hostile archives for the unpack tests (generated in the test, never downloaded)."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

BLOCK = 512


def tar_member(name: str, data: bytes = b"", *, type_: bytes = tarfile.REGTYPE, linkname: str = "",
               mode: int = 0o644, size: int | None = None) -> bytes:
    """One tar header (+ data, padded) as bytes. `size` overrides the declared size (data not padded)."""
    info = tarfile.TarInfo(name)
    info.type = type_
    info.linkname = linkname
    info.mode = mode
    info.mtime = 1_700_000_000
    info.size = len(data) if size is None else size
    if type_ in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        info.devmajor, info.devminor = 1, 3
    out = info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")
    if size is None and data:
        out += data + b"\0" * (-len(data) % BLOCK)
    return out


def tar_end() -> bytes:
    return b"\0" * (2 * BLOCK)


def write_tar(path: Path, members: list[bytes], *, compress: bool = True) -> Path:
    raw = b"".join(members) + tar_end()
    path.write_bytes(gzip.compress(raw, 6) if compress else raw)
    return path


def write_gzip_bomb(path: Path, decompressed_bytes: int, *, name: str = "package/zeros.bin",
                    prefix_members: list[bytes] | None = None) -> Path:
    """A .tar.gz with one member of `decompressed_bytes` zeros, built cheaply as a series of
    gzip members (each 1 MiB of zeros compresses to ~1 KiB), so the test does not compress GiBs."""
    mib = 1 << 20
    zero_member = gzip.compress(b"\0" * mib, 9)
    with path.open("wb") as f:
        head = b"".join(prefix_members or []) + tar_member(name, size=decompressed_bytes)
        f.write(gzip.compress(head, 9))
        full, rest = divmod(decompressed_bytes, mib)
        for _ in range(full):
            f.write(zero_member)
        f.write(gzip.compress(b"\0" * rest + b"\0" * (-decompressed_bytes % BLOCK) + tar_end(), 9))
    return path


def zip_with(path: Path, entries: list[tuple[str, bytes, int | None]]) -> Path:
    """Zip entries (name, data, unix mode or None). A mode with S_IFLNK makes a symlink entry."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name, (2023, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if mode is not None:
                info.create_system = 3
                info.external_attr = (mode & 0xFFFF) << 16
            zf.writestr(info, data)
    return path


def zip_bomb(path: Path, decompressed_bytes: int, name: str = "zeros.bin") -> Path:
    """A zip with one deflated member of zeros, streamed so memory stays small."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        info = zipfile.ZipInfo(name, (2023, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as out:
            chunk = b"\0" * (1 << 20)
            left = decompressed_bytes
            while left > 0:
                out.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
    return path


def tree(root: Path) -> list[str]:
    """Every path under root (links not followed), relative, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def archive_from(data: bytes, path: Path) -> Path:
    path.write_bytes(data)
    return path


def tar_bytes(members: list[bytes]) -> io.BytesIO:
    return io.BytesIO(b"".join(members) + tar_end())
