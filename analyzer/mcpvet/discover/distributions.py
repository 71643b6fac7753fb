"""Folders that hold several installed distributions (a copy of a site-packages).

A wheel holds one `*.dist-info`; a site-packages holds one per installed distribution, the MCP
SDK among them. Analysing such a folder as one package would read the SDK's own code as the
server's (so `from mcp.server.fastmcp import FastMCP` resolves to local code and no tool is
recognised) and every dependency as the server's code. Instead, each file is assigned to the
distribution whose RECORD (or top_level.txt, or name) claims it; the distributions that require
an MCP SDK are the servers, analysed as they would be alone, and the files of every other
distribution are installed dependencies (FileRole.NODE_MODULES: not the server's own code).
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mcpvet.discover.files import Unreadable, read_inside

MCP_SDKS = frozenset({"mcp", "fastmcp"})  # normalised distribution names of the Python MCP SDKs
MAX_META_BYTES = 4 << 20
MAX_RECORD_BYTES = 16 << 20
_SUFFIXES = (".dist-info", ".egg-info")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Distribution:
    folder: str  # "name-1.0.dist-info"
    name: str
    version: str | None
    metadata: dict[str, list[str]]
    requires: frozenset[str]  # canonical names required unconditionally (not through an extra)
    owned: set[str] = field(default_factory=set)  # relative paths listed in RECORD
    top_level: set[str] = field(default_factory=set)  # top-level import names

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


def parse_metadata(data: bytes) -> dict[str, list[str]]:
    import email.parser  # only a Python distribution has METADATA (an npm package never loads it)

    msg = email.parser.Parser().parsestr(data.decode("utf-8", errors="replace"), headersonly=True)
    out: dict[str, list[str]] = {}
    for key, value in msg.items():
        out.setdefault(key, []).append(str(value))
    return out


def _requires(meta: dict[str, list[str]]) -> frozenset[str]:
    from packaging.requirements import InvalidRequirement, Requirement  # as email.parser: Python only

    names = set()
    for text in meta.get("Requires-Dist", []):
        try:
            req = Requirement(text)
        except InvalidRequirement:
            continue
        if req.marker is not None and "extra" in str(req.marker):
            continue
        names.add(canonical(req.name))
    return frozenset(names)


def _read(root: Path, rel: str, limit: int) -> bytes | None:
    try:
        return read_inside(root, rel, limit)
    except Unreadable:
        return None


def find(root: Path, top_folders: set[str]) -> list[Distribution]:
    """Every `*.dist-info` / `*.egg-info` folder at the top of `root` with readable metadata."""
    found: list[Distribution] = []
    for folder in sorted(top_folders):
        if not folder.endswith(_SUFFIXES):
            continue
        data = _read(root, f"{folder}/METADATA", MAX_META_BYTES) or _read(root, f"{folder}/PKG-INFO", MAX_META_BYTES)
        if data is None:
            continue
        meta = parse_metadata(data)
        stem = folder.rsplit(".", 1)[0]
        name = (meta.get("Name") or [stem.split("-")[0]])[0]
        versions = meta.get("Version")
        version = versions[0] if versions else None
        dist = Distribution(folder, name, version, meta, _requires(meta))
        record = _read(root, f"{folder}/RECORD", MAX_RECORD_BYTES)
        if record is not None:
            for row in csv.reader(io.StringIO(record.decode("utf-8", errors="replace"))):
                if row:
                    path = posixpath.normpath(row[0])
                    if not path.startswith(("../", "/")) and path != "..":
                        dist.owned.add(path)
        top = _read(root, f"{folder}/top_level.txt", MAX_META_BYTES)
        if top is not None:
            dist.top_level = {t.strip() for t in top.decode("utf-8", errors="replace").splitlines() if t.strip()}
        if not dist.top_level:
            dist.top_level = {canonical(name).replace("-", "_")}
        found.append(dist)
    return found


def owners(dists: list[Distribution], paths: list[PurePosixPath]) -> dict[str, int]:
    """Relative path -> index of the distribution that owns it (RECORD first, then top-level name)."""
    by_record: dict[str, int] = {}
    for i, d in enumerate(dists):
        for p in d.owned:
            by_record.setdefault(p, i)
    by_top: dict[str, int] = {}
    for i, d in enumerate(dists):
        by_top.setdefault(d.folder, i)
        for t in d.top_level:
            by_top.setdefault(t, i)
    out: dict[str, int] = {}
    for rel in paths:
        key = str(rel)
        if key in by_record:
            out[key] = by_record[key]
            continue
        top = rel.parts[0]
        if len(rel.parts) == 1:
            top = top.split(".", 1)[0]  # a top-level module "six.py"
        if top in by_top:
            out[key] = by_top[top]
    return out


def servers(dists: list[Distribution]) -> list[Distribution]:
    """The distributions that require an MCP SDK (and are not one)."""
    return [d for d in dists if canonical(d.name) not in MCP_SDKS and d.requires & MCP_SDKS]
