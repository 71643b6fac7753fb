"""A local directory (analysed in place) or a local archive (.tar.gz, .tgz, .zip, .whl …)."""

from __future__ import annotations

import re
from pathlib import Path

from packaging.utils import InvalidSdistFilename, InvalidWheelFilename, parse_sdist_filename, parse_wheel_filename

from mcpvet.errors import TargetNotFound, UsageError
from mcpvet.fetch.cache import file_digest
from mcpvet.fetch.interface import Fetched
from mcpvet.fetch.spec import ARCHIVE_SUFFIXES, parse_spec
from mcpvet.model import Ecosystem, Target
from mcpvet.options import InspectOptions


class LocalFetcher:
    """A local folder or archive file."""

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        parsed = parse_spec(spec)
        assert parsed.path is not None
        return fetch(spec, parsed.path)


def fetch(spec: str, path: Path) -> Fetched:
    path = path.expanduser()
    if not path.exists():
        raise TargetNotFound(f"{spec}: no such file or directory")
    resolved = path.resolve()
    if resolved.is_dir():
        target = Target(spec=spec, ecosystem=Ecosystem.LOCAL, name=resolved.name, version=None)
        return Fetched(target=target, directory=resolved)
    if not resolved.is_file():
        raise UsageError(f"{spec}: neither a directory nor a regular file")
    if not resolved.name.lower().endswith(ARCHIVE_SUFFIXES):
        raise UsageError(f"{spec}: not a directory or a known archive",
                         hint="expected a folder or a .tar.gz, .tgz, .zip or .whl file")
    name, version = archive_name_version(resolved.name)
    target = Target(spec=spec, ecosystem=Ecosystem.LOCAL, name=name, version=version,
                    artifact=resolved.name, sha256=file_digest(resolved, "sha256"))
    return Fetched(target=target, archive=resolved)


def archive_name_version(filename: str) -> tuple[str, str | None]:
    """Best guess from the file name: wheel and sdist names, npm `name-1.2.3.tgz`, else the stem."""
    lower = filename.lower()
    if lower.endswith(".whl"):
        try:
            name, version, _, _ = parse_wheel_filename(filename)
            return str(name), str(version)
        except InvalidWheelFilename:
            pass
    try:
        name, version = parse_sdist_filename(filename)
        return str(name), str(version)
    except InvalidSdistFilename:
        pass
    stem = filename
    for suffix in ARCHIVE_SUFFIXES:
        if lower.endswith(suffix):
            stem = filename[: -len(suffix)]
            break
    m = re.match(r"^(.+?)-v?(\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.-]+)?)$", stem)
    if m:
        return m.group(1), m.group(2)
    return stem, None
