"""`$X.touch(...)`-like semgrep hits (named `pathlib.Path.<method>` whatever `$X` is) are kept only
where the receiver may be a path: a memcached client's `touch`, a package class's own `unlink` or a
string are not files; an unknown receiver, a Path, or a library function's result still are."""

from __future__ import annotations

from pathlib import Path

from mcpvet.frontends.python.pathrecv import not_a_path
from mcpvet.frontends.python.values import Const, ExtInst, Instance, PkgPath, Unknown
from mcpvet.model import Kind, SinkHit
from tests.frontends.python.test_frontend import run, write

SERVER = """
    from pathlib import Path

    import platformdirs
    from mcp.server.fastmcp import FastMCP
    from pymemcache.client.base import Client

    mcp = FastMCP("x")


    def client() -> Client:
        return Client(("127.0.0.1", 11211))


    class Ledger:
        def unlink(self, key: str) -> None:
            pass


    @mcp.tool()
    def memcached(key: str) -> str:
        \"\"\"Refresh a key.\"\"\"
        client().touch(key, 60)
        Ledger().unlink(key)
        return key


    @mcp.tool()
    def files(key: str, thing) -> str:
        \"\"\"Refresh a key.\"\"\"
        Path("/tmp/x").touch()
        thing.unlink()
        platformdirs.user_data_path("x").write_text(key)
        return key
"""

CALLS = {"memcached": ["client().touch(", "Ledger().unlink("],
         "files": ['Path("/tmp/x").touch(', "thing.unlink(", ".write_text(key)"]}


def test_hits_kept_only_where_the_receiver_may_be_a_path(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SERVER})
    text = (tmp_path / "pkg/server.py").read_text().splitlines()
    at = {call: next(i for i, t in enumerate(text, 1) if call in t) for calls in CALLS.values() for call in calls}
    hits = tuple(SinkHit("pkg/server.py", line, line, 4, Kind.FS_WRITE,
                         "pathlib.Path." + call.rsplit(".", 1)[1].split("(")[0], "py-fs-write-path")
                 for call, line in at.items())
    tools = {t.name: t for t in run(tmp_path, hits).tools}
    assert Kind.FS_WRITE not in {c.kind for c in tools["memcached"].capabilities}
    lines = {e.location.line for c in tools["files"].capabilities if c.kind == Kind.FS_WRITE for e in c.evidence}
    assert lines == {at[call] for call in CALLS["files"]}


def test_receiver_classes() -> None:
    def own(klass: str, name: str) -> bool:
        return klass == "pkg.Ledger"

    assert not_a_path([ExtInst("pymemcache.client.retrying.RetryingClient"), Const(None)], "touch", own)
    assert not_a_path([ExtInst("redis.Redis")], "unlink", own)
    assert not_a_path([Instance("pkg.Ledger")], "unlink", own)
    assert not_a_path([Const("text")], "write_text", own)
    assert not not_a_path([], "touch", own)
    assert not not_a_path([Unknown(".x")], "touch", own)
    assert not not_a_path([ExtInst("redis.Redis"), Unknown(".x")], "touch", own)
    assert not not_a_path([ExtInst("pathlib.Path")], "touch", own)
    assert not not_a_path([PkgPath("pathlib.Path", path="data")], "read_text", own)
    assert not not_a_path([ExtInst("zipfile.Path")], "read_text", own)
    assert not not_a_path([ExtInst("upath.UPath")], "touch", own)
    assert not not_a_path([ExtInst("platformdirs.user_data_path", derived=True)], "touch", own)
    assert not not_a_path([Instance("pkg.Other")], "unlink", own)  # no own method: maybe a Path subclass
