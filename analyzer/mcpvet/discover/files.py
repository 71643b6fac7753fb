"""Reading a file of an untrusted tree without ever leaving it.

`read_inside(root, "a/b/package.json")` opens every folder of the path relative to the one
before it with O_NOFOLLOW, and the file itself with O_NOFOLLOW|O_NONBLOCK, then checks with
fstat that it is a regular file before reading a byte: a symbolic link (to a file outside the
tree or not), a FIFO (opening one for reading blocks), a socket or a device is refused with a
reason, never read. Use it for every file named by convention (manifests, lock files, maps):
a file of `SourceTree.files` is already known to be a regular file inside the tree.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """The file is not a regular file inside the tree, is too large, or cannot be read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def kind_of(mode: int) -> str:
    """A short name for a file type, for messages ("symbolic link", "FIFO", …)."""
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


def _parts(rel: str) -> tuple[str, ...]:
    parts = PurePosixPath(rel).parts
    if not parts or any(p in ("..", "/") for p in parts) or rel.startswith("/"):
        raise Unreadable("not a relative path inside the package")
    return tuple(p for p in parts if p != ".")


def _open_folder(root: Path, parts: tuple[str, ...]) -> int:
    fd = os.open(root, _DIR_FLAGS)
    try:
        for part in parts:
            try:
                st = os.stat(part, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                raise Unreadable("no such file") from None
            if not stat.S_ISDIR(st.st_mode):
                raise Unreadable(f"{part!r} on its path is a {kind_of(st.st_mode)}, not a folder")
            nxt = os.open(part, _DIR_FLAGS | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = nxt
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_inside(root: Path, rel: str, limit: int) -> bytes:
    """The bytes of the regular file `root/rel`, at most `limit` of them (more: Unreadable)."""
    parts = _parts(rel)
    try:
        folder = _open_folder(root, parts[:-1])
    except OSError as exc:
        raise Unreadable(_why(exc)) from None
    try:
        try:
            st = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            raise Unreadable("no such file") from None
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(f"a {kind_of(st.st_mode)}, not a regular file: not opened")
        if st.st_size > limit:
            raise Unreadable(f"{st.st_size} bytes, over the {limit}-byte limit for this file")
        fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=folder)
    except OSError as exc:
        raise Unreadable(_why(exc)) from None
    finally:
        os.close(folder)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between the two checks
            raise Unreadable(f"a {kind_of(st.st_mode)}, not a regular file: not read")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise Unreadable(f"over the {limit}-byte limit for this file")
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(_why(exc)) from None
    finally:
        os.close(fd)


def is_regular_inside(root: Path, rel: str) -> bool:
    """Is `root/rel` a regular file reached without following any link?"""
    try:
        folder = _open_folder(root, _parts(rel)[:-1])
    except (OSError, Unreadable):
        return False
    try:
        return stat.S_ISREG(os.stat(_parts(rel)[-1], dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False
    finally:
        os.close(folder)


def _why(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link: not followed"
    return exc.strerror or str(exc)
