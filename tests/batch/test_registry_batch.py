"""A whole registry scan against a fake MCP Registry whose packages live on the fake PyPI/npm:
every entry is accounted for in the store; a run killed with SIGKILL in the middle and run again
leaves no duplicate and loses nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.fake_mcp_registry import FakeMCPRegistry, entry, package
from tests.support.cli import source_env
from tests.support.registry import FakeRegistry, NpmVersion, PyPIFile, copy_case, slow

TOOL = '''from mcp.server.fastmcp import FastMCP

mcp = FastMCP("{name}")


@mcp.tool()
def read_note(path: str) -> str:
    """Read a note from disk."""
    return open(path).read()
'''


def _py_package(tmp: Path, name: str, claim: str | None) -> Path:
    folder = tmp / name
    folder.mkdir(parents=True)
    mod = name.replace("-", "_")
    (folder / mod).mkdir()
    (folder / mod / "__init__.py").write_text("")
    (folder / mod / "server.py").write_text(TOOL.format(name=name))
    readme = f"# {name}\n\nNotes over MCP.\n"
    if claim:
        readme += f"\n<!-- mcp-name: {claim} -->\n"
    (folder / "README.md").write_text(readme)
    return folder


def _npm_package(tmp: Path, name: str, claim: str | None) -> NpmVersion:
    folder = copy_case("js-sqlite-notes-cjs", tmp / name.replace("/", "_"))
    manifest = json.loads((folder / "package.json").read_text())
    manifest["name"] = name
    if claim:
        manifest["mcpName"] = claim
    (folder / "package.json").write_text(json.dumps(manifest))
    return NpmVersion.from_folder(folder)


@pytest.fixture
def world(fake_http, tmp_path: Path) -> Iterator[tuple[FakeRegistry, FakeMCPRegistry]]:  # type: ignore[no-untyped-def]
    reg = FakeRegistry(fake_http)
    delay = 0.8  # the later downloads are slow, so that the first run can be killed in the middle
    for name, claim, late in (("weather-mcp", "io.github.acme/weather", False),
                              ("plain-mcp", None, False),
                              ("slow-one-mcp", "io.github.acme/slow-one", True),
                              ("slow-two-mcp", "io.github.acme/slow-two", True)):
        src = _py_package(tmp_path / "src", name, claim)
        f = PyPIFile.wheel(src, name, "1.0.0")
        if late:
            f.response = slow(f.content, delay)
        reg.publish_pypi(name, {"1.0.0": [f]})
    reg.publish_npm("@acme/notes", {"2.1.0": _npm_package(tmp_path / "src", "@acme/notes", "io.github.acme/notes")})
    old = _npm_package(tmp_path / "src", "@acme/old", "io.github.acme/old")
    old.response = slow(old.tarball, delay)
    reg.publish_npm("@acme/old", {"1.0.0": old})
    entries = [
        entry("io.github.acme/weather", packages=[package("pypi", "weather-mcp", "1.0.0")]),
        entry("io.github.acme/notes", "2.1.0", packages=[package("npm", "@acme/notes", "2.1.0")]),
        entry("io.github.acme/gone", packages=[package("pypi", "gone-mcp", "1.0.0")], status="deleted"),
        entry("io.github.acme/container", packages=[package("oci", "docker.io/acme/srv", "1.0.0")]),
        entry("io.github.acme/remote", remotes=[{"type": "streamable-http", "url": "https://mcp.acme.example/mcp"}]),
        {"server": "not an object"},
        entry("io.github.evil/weather", packages=[package("pypi", "weather-mcp", "1.0.0")]),  # same package again
        entry("io.github.acme/odd", packages=[package("snap", "acme-odd", "3")]),  # not in the schema
        entry("io.github.acme/plain", packages=[package("pypi", "plain-mcp", "1.0.0")]),  # does not claim it
        entry("io.github.acme/old", packages=[package("npm", "@acme/old", "1.0.0")], status="deprecated"),
        {"server": {"version": "1.0.0", "packages": []}},  # no name
        entry("io.github.acme/slow-one", packages=[package("pypi", "slow-one-mcp", "1.0.0")]),
        entry("io.github.acme/slow-two", packages=[package("pypi", "slow-two-mcp", "1.0.0")]),
        entry("io.github.acme/mixed", packages=[package("mcpb", "https://x.example/a.mcpb", "1.0.0"),
                                                package("pypi", "weather-mcp", "1.0.0")]),
    ]
    mcp = FakeMCPRegistry(entries, fail_once={2: [429, 503]})
    try:
        yield reg, mcp
    finally:
        mcp.stop()


EXPECTED = {
    "pypi:weather-mcp==1.0.0": "analysed", "npm:@acme/notes@2.1.0": "analysed",
    "server:io.github.acme/gone@1.0.0": "skipped", "package:oci:docker.io/acme/srv@1.0.0": "unsupported",
    "server:io.github.acme/remote@1.0.0": "unsupported", "package:snap:acme-odd@3": "unsupported",
    "pypi:plain-mcp==1.0.0": "analysed", "npm:@acme/old@1.0.0": "analysed",
    "pypi:slow-one-mcp==1.0.0": "analysed", "pypi:slow-two-mcp==1.0.0": "analysed",
    "package:mcpb:https://x.example/a.mcpb@1.0.0": "unsupported",
}


def _batch(reg: FakeRegistry, mcp: FakeMCPRegistry, db: Path, *extra: str) -> subprocess.Popen[str]:
    env = source_env(MCPVET_OSV_URL=reg.pypi_url + "/osv")
    argv = [sys.executable, "-m", "mcpvet", "batch", "--registry", mcp.url, "--db", str(db), "--pypi-url", reg.pypi_url,
            "--npm-url", reg.npm_url, "--timeout", "60", *extra]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def _rows(db: Path) -> list[tuple[str, str, int]]:
    con = sqlite3.connect(db, timeout=10)
    try:
        return list(con.execute("SELECT key, status, run_id FROM targets"))
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def test_every_entry_is_accounted_for_and_a_killed_run_resumes(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reg, mcp = world
    mcp.max_limit = 4  # four pages
    db = tmp_path / "scan.db"
    first = _batch(reg, mcp, db, "--jobs", "1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum(1 for _, s, _ in _rows(db) if s == "analysed") < 3:
        time.sleep(0.1)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    before = {k: (s, run) for k, s, run in _rows(db)}
    analysed_before = {k for k, (s, _) in before.items() if s == "analysed"}
    assert len(analysed_before) >= 3 and len(before) < len(EXPECTED), "killed in the middle"

    second = _batch(reg, mcp, db, "--jobs", "2")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 1, err  # plain-mcp does not claim its server: a high finding
    rows = _rows(db)
    assert len(rows) == len({k for k, _, _ in rows}), "no duplicate"
    assert {k: s for k, s, _ in rows} == {**EXPECTED, "entry:page 2 entry 2": "unsupported",
                                          "entry:page 3 entry 3": "unsupported"}
    for key in analysed_before:  # nothing lost, nothing redone
        assert {k: r for k, _, r in rows}[key] == before[key][1] == 1
    assert "already done" in err and f"{len(analysed_before)} already done" in err

    con = sqlite3.connect(db)
    servers = {n: (k, st, dep) for k, n, st, dep in con.execute("SELECT target_key, name, status, deprecated FROM servers")}
    named = [e["server"]["name"] for e in mcp.entries if isinstance(e["server"], dict) and "name" in e["server"]]
    assert set(named) == set(servers), "every named entry is in the store"
    assert servers["io.github.evil/weather"][0] == servers["io.github.acme/weather"][0] == "pypi:weather-mcp==1.0.0"
    assert servers["io.github.acme/old"][2] == 1 and servers["io.github.acme/gone"][1] == "deleted"
    reasons = dict(con.execute("SELECT key, reason FROM targets"))
    assert "remote-only" in reasons["server:io.github.acme/remote@1.0.0"]
    assert "'snap'" in reasons["package:snap:acme-odd@3"] and "'oci'" in reasons["package:oci:docker.io/acme/srv@1.0.0"]
    assert "no name" in reasons["entry:page 3 entry 3"] and "no `server`" in reasons["entry:page 2 entry 2"]
    unclaimed = {(k, t.split()[3]) for k, t in con.execute(
        "SELECT target_key, title FROM findings WHERE rule = 'registry-ownership-unclaimed'")}
    assert unclaimed == {("pypi:plain-mcp==1.0.0", "io.github.acme/plain"),  # claims nothing
                         ("pypi:weather-mcp==1.0.0", "io.github.evil/weather"),  # claims acme/weather
                         ("pypi:weather-mcp==1.0.0", "io.github.acme/mixed")}
    assert con.execute("SELECT COUNT(*) FROM tools WHERE target_key = 'pypi:weather-mcp==1.0.0'").fetchone()[0] == 1
    # the opaque cursor went back URL-encoded, and the 429 and the 503 of page 2 were retried
    assert sum("cursor=p2%2F%2B%3D%26%3F%C3%A9" in r for r in mcp.requests) >= 3

    third = _batch(reg, mcp, db, "--jobs", "2")
    _, err = third.communicate(timeout=60)
    assert "0 analysed" in err and len(_rows(db)) == len(rows)  # all done: nothing redone


def test_ctrl_c_keeps_what_is_done_and_says_how_to_resume(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reg, mcp = world
    db = tmp_path / "scan.db"
    run = _batch(reg, mcp, db, "--jobs", "1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum(1 for _, s, _ in _rows(db) if s == "analysed") < 1:
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=30)
    assert run.returncode == 130 and "Traceback" not in err
    assert "interrupted" in err and "run the same command again to resume" in err
    kept = [k for k, s, _ in _rows(db) if s == "analysed"]
    assert kept and len(kept) < sum(1 for s in EXPECTED.values() if s == "analysed")
    status = sqlite3.connect(db).execute("SELECT status FROM runs").fetchone()[0]
    assert status == "interrupted"
