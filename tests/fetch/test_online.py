"""Pinned real packages from the public registries (run with `-m online`; skipped otherwise)."""

from __future__ import annotations

import pytest

from mcpvet.fetch import fetch_target
from mcpvet.fetch.cache import file_digest
from mcpvet.model import Ecosystem
from mcpvet.options import InspectOptions, UnpackLimits
from mcpvet.unpack import unpack

pytestmark = pytest.mark.online


def test_pypi_mcp_server_time(tmp_path):  # type: ignore[no-untyped-def]
    opts = InspectOptions(cache_dir=tmp_path / "cache")
    fetched = fetch_target("pypi:mcp-server-time==2026.10.19", opts, tmp_path / "s")
    t = fetched.target
    assert (t.ecosystem, t.name, t.version) == (Ecosystem.PYPI, "mcp-server-time", "2026.10.19")
    assert t.artifact is not None and t.artifact.endswith("-py3-none-any.whl")
    assert fetched.errors == ()
    assert t.sha256 == file_digest(fetched.archive, "sha256")  # and it matched PyPI's digest, else IntegrityError
    info = fetched.registry
    assert info is not None and info.release_count >= 10 and info.first_release < info.version_released
    res = unpack(fetched.archive, tmp_path / "out", UnpackLimits())
    assert (res.refused, res.errors) == ((), ())
    assert (res.root / "mcp_server_time" / "server.py").is_file()
    again = fetch_target("pypi:mcp-server-time==2026.10.19", opts, tmp_path / "s2")  # from the cache
    assert again.target.sha256 == t.sha256


def test_npm_server_memory(tmp_path):  # type: ignore[no-untyped-def]
    opts = InspectOptions(cache_dir=tmp_path / "cache")
    fetched = fetch_target("npm:@modelcontextprotocol/server-memory@2026.8.31", opts, tmp_path / "s")
    t = fetched.target
    assert (t.ecosystem, t.name, t.version) == (Ecosystem.NPM, "@modelcontextprotocol/server-memory", "2026.8.31")
    assert t.artifact == "server-memory-2026.8.31.tgz" and fetched.errors == ()
    info = fetched.registry
    assert info is not None and info.repository_url and "github.com/modelcontextprotocol" in info.repository_url
    res = unpack(fetched.archive, tmp_path / "out", UnpackLimits())
    assert res.root.name == "package" and (res.root / "package.json").is_file()
    assert (res.refused, res.errors) == ((), ())
