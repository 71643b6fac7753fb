"""Writes checked members under `dest`, counts everything and keeps the refusals and errors.

Only regular files (0o644) and folders (0o755) are ever created; nothing is followed: every
parent folder is created by us, checked with lstat, and files are opened with O_NOFOLLOW|O_EXCL.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from mcpvet.model import AnalysisError, RefusedMember
from mcpvet.options import UnpackLimits
from mcpvet.unpack import paths

_CHUNK = 1 << 16
# the ratio limit only applies once this many bytes were decompressed: small archives of
# repetitive text legitimately compress very well
RATIO_FLOOR = 8 << 20
MAX_ERRORS = 500  # errors listed per archive; the rest are counted


class LimitHit(Exception):
    """A limit of the whole archive was reached: extraction stops."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class _Skip(Exception):
    """This member cannot be written; extraction goes on."""


@dataclass
class Budget:
    """Decompressed bytes over the whole stream, and the ratio to the compressed size."""

    limits: UnpackLimits
    compressed_size: int
    total: int = 0

    def spend(self, n: int) -> None:
        self.total += n
        if self.total > self.limits.max_total_bytes:
            raise LimitHit(paths.LIMIT_TOTAL, f"unpacking stopped: more than {self.limits.max_total_bytes} bytes "
                                              "decompressed (limit max_total_bytes)")
        if self.total > RATIO_FLOOR and self.total > self.limits.max_ratio * max(1, self.compressed_size):
            raise LimitHit(paths.LIMIT_RATIO, f"unpacking stopped: {self.total} bytes decompressed from a "
                                              f"{self.compressed_size}-byte archive is over the compression ratio "
                                              f"limit of {self.limits.max_ratio:g} (limit max_ratio)")


class Readable(Protocol):
    """What add_file needs of a member's data: a tarfile/zipfile member stream, or an empty stand-in."""

    def read(self, n: int = -1, /) -> bytes: ...


class CountingReader:
    """A read-only stream that charges every byte it hands out to the budget."""

    def __init__(self, inner: BinaryIO, budget: Budget) -> None:
        self.inner = inner
        self.budget = budget

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = _CHUNK
        data = self.inner.read(n)
        self.budget.spend(len(data))
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        pass


@dataclass
class Extractor:
    dest: Path
    limits: UnpackLimits
    refused: list[RefusedMember] = field(default_factory=list)
    errors: list[AnalysisError] = field(default_factory=list)
    members: int = 0
    written_bytes: int = 0
    files: int = 0  # regular files written
    strip: int = 0  # leading path components dropped from every member (npm: 1)
    suppressed: int = 0
    tops: set[str] = field(default_factory=set)  # first components seen (before stripping)
    _folded: dict[str, str] = field(default_factory=dict)

    def check(self, raw: str, *, backslash_is_separator: bool = False) -> paths.Name:
        """The member name checked, then `strip` leading components removed (as npm does with
        strip: 1). A member left with no name is skipped by the callers (npm ignores it too)."""
        name = paths.check_name(raw, backslash_is_separator=backslash_is_separator)
        if name.reason is None and name.parts:
            self.tops.add(name.parts[0])
        if not self.strip or name.reason is not None:
            return name
        return paths.Name(parts=name.parts[self.strip:])

    def count_member(self, raw: str) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise LimitHit(paths.LIMIT_MEMBERS, f"unpacking stopped: more than {self.limits.max_members} members "
                                                "(limit max_members)")

    def refuse(self, raw: str, reason: str, detail: str) -> None:
        self.refused.append(RefusedMember(paths.shown(raw), reason))
        self.error(raw, f"refused archive member ({reason}): {detail}")

    def error(self, raw: str | None, message: str) -> None:
        """Record an error; past MAX_ERRORS they are only counted (see `finish_errors`)."""
        if len(self.errors) >= MAX_ERRORS:
            self.suppressed += 1
            return
        self.errors.append(AnalysisError("unpack", message if len(message) <= 1000 else message[:999] + "…",
                                         None if raw is None else paths.shown(raw)))

    def finish_errors(self) -> list[AnalysisError]:
        if not self.suppressed:
            return list(self.errors)
        return [*self.errors, AnalysisError("unpack", f"{self.suppressed} further unpacking errors not listed")]

    def _note_case(self, rel: str, raw: str) -> None:
        folded = rel.casefold()
        other = self._folded.setdefault(folded, rel)
        if other != rel:
            self.error(raw, f"{rel!r} and {other!r} differ only in letter case: on a case-insensitive file "
                            "system one would replace the other")

    def _parent(self, parts: tuple[str, ...]) -> Path:
        """Create (or check) every folder of `parts`, refusing anything that is not a real folder."""
        current = self.dest
        for part in parts:
            current = current / part
            try:
                st = os.lstat(current)
            except FileNotFoundError:
                os.mkdir(current, 0o755)
                os.chmod(current, 0o755)
                continue
            if not stat.S_ISDIR(st.st_mode):
                raise _Skip(f"{'/'.join(parts)}: a parent path is a file, not a folder")
        return current

    def add_dir(self, raw: str, name: paths.Name) -> None:
        if not name.parts:
            return
        try:
            self._parent(name.parts)
            self._note_case(name.path, raw)
        except _Skip as exc:
            self.error(raw, f"folder not created: {exc}")
        except OSError as exc:
            self.error(raw, f"folder not created: {exc.strerror or exc}")

    def add_file(self, raw: str, name: paths.Name, stream: Readable, declared_size: int | None) -> None:
        """Copy `stream` to dest/name, at most limits.max_file_bytes. The caller has counted the member."""
        if not name.parts:
            self.error(raw, "a top-level file outside the package folder was skipped (npm does not install it)"
                       if self.strip else "a file member with an empty name was skipped")
            return
        if declared_size is not None and declared_size > self.limits.max_file_bytes:
            self.refuse(raw, paths.TOO_LARGE, f"{name.path} declares {declared_size} bytes, over the single-file "
                                              f"limit of {self.limits.max_file_bytes} (limit max_file_bytes)")
            return
        try:
            parent = self._parent(name.parts[:-1])
            target = parent / name.parts[-1]
            if os.path.lexists(target):
                if os.path.isdir(target) and not os.path.islink(target):
                    raise _Skip(f"{name.path}: a folder of that name already exists")
                os.unlink(target)
                self.error(raw, f"{name.path} appears more than once in the archive: the last copy is kept")
            self._note_case(name.path, raw)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                         0o644)
        except _Skip as exc:
            self.error(raw, f"file not written: {exc}")
            return
        except OSError as exc:
            self.error(raw, f"file not written: {exc.strerror or exc}")
            return
        size = 0
        complete = False
        try:
            with os.fdopen(fd, "wb") as out:
                os.fchmod(out.fileno(), 0o644)
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.limits.max_file_bytes:
                        self.refuse(raw, paths.TOO_LARGE, f"{name.path} is larger than the single-file limit of "
                                                          f"{self.limits.max_file_bytes} bytes (limit max_file_bytes)")
                        return
                    out.write(chunk)
            complete = True
            self.written_bytes += size
            self.files += 1
        finally:
            if not complete:
                target.unlink(missing_ok=True)
