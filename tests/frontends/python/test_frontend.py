"""Unit tests of the Python frontend: robustness, hit attachment, module names, SDK rules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mcpvet.discover import discover
from mcpvet.frontends.python import PythonFrontend
from mcpvet.frontends.python.docs import parse_docstring_v3, tool_description
from mcpvet.frontends.python.parse import module_name
from mcpvet.frontends.python.versions import fastmcp_major
from mcpvet.model import FrontendResult, Kind, SinkHit
from mcpvet.options import InspectOptions
from mcpvet.sinks.python import open_mode_kinds, read_only_sql, sink_kinds, sql_kinds


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def run(root: Path, hits: tuple[SinkHit, ...] = ()) -> FrontendResult:
    tree, _ = discover(root, name_hint="pkg")
    return PythonFrontend().analyze(tree, hits, InspectOptions())


SERVER = """
    import subprocess

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    @mcp.tool()
    def ok() -> str:
        \"\"\"Fine.\"\"\"
        return subprocess.run(["true"]).stdout
"""


def test_bad_files_become_errors_and_the_rest_is_analysed(tmp_path: Path) -> None:
    deep = "x = " + "+".join(["1"] * 3000) + "\n"  # parser recursion or our depth gate
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "pkg"\nversion = "1"\n',
            "pkg/__init__.py": "",
            "pkg/server.py": SERVER,
            "pkg/broken.py": "def f(:\n    pass\n",
            "pkg/parens.py": "y = " + "(" * 500 + "1" + ")" * 500 + "\n",
            "pkg/deep.py": deep,
            "pkg/nul.py": "x = 1\x00\n",
        },
    )
    result = run(tmp_path)
    assert [t.name for t in result.tools] == ["ok"]
    assert result.tools[0].capability_kinds == {Kind.PROCESS}
    bad = {e.path: e.message for e in result.errors if e.stage == "python"}
    assert set(bad) == {"pkg/broken.py", "pkg/parens.py", "pkg/deep.py", "pkg/nul.py"}
    assert "syntax error" in bad["pkg/broken.py"]
    assert "nested deeper" in bad["pkg/deep.py"] or "recursion" in bad["pkg/deep.py"]
    assert result.files_analysed == 2
    assert result.stats["nodes"] > 0 and "seconds" in result.stats


def test_oversized_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SERVER, "pkg/big.py": "x = 1\n" * 10})
    tree, _ = discover(tmp_path, name_hint="pkg")
    options = InspectOptions()
    from dataclasses import replace

    options = replace(options, limits=replace(options.limits, max_source_file_bytes=40))
    result = PythonFrontend().analyze(tree, (), options)
    assert any(e.path == "pkg/big.py" and "too large" in e.message for e in result.errors)


def test_semgrep_hits_attach_to_the_enclosing_function(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                from .helper import odd

                mcp = FastMCP("x")


                @mcp.tool()
                def a() -> str:
                    \"\"\"A.\"\"\"
                    return odd()


                @mcp.tool()
                def b() -> str:
                    \"\"\"B.\"\"\"
                    return "b"
            """,
            "pkg/helper.py": """
                def odd():
                    return weird_api()
            """,
        },
    )
    hit = SinkHit("pkg/helper.py", 2, 2, 12, Kind.NETWORK, "weird.api", "py-network-test")
    result = run(tmp_path, (hit,))
    tools = {t.name: t for t in result.tools}
    assert tools["a"].capability_kinds == {Kind.NETWORK}
    ev = tools["a"].capabilities[0].evidence[0]
    assert ev.call_path == ("pkg.server.a", "pkg.helper.odd") and ev.sink == "weird.api"
    assert tools["b"].capabilities == ()
    assert any("weird_api" in u for u in tools["a"].unresolved_calls)


def test_lowlevel_branch_pruning_keeps_hits_in_their_branch(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import os
                import subprocess

                import mcp.types as types
                from mcp.server import Server

                server = Server("x")


                @server.list_tools()
                async def list_tools():
                    return [types.Tool(name="run", description="Run.", inputSchema={}),
                            types.Tool(name="env", description="Env.", inputSchema={})]


                @server.call_tool()
                async def call_tool(name, arguments):
                    if name == "run":
                        out = subprocess.run(["ls"]).stdout
                    elif name == "env":
                        out = os.environ["HOME"]
                    else:
                        raise ValueError(name)
                    return out
            """,
        },
    )
    # a semgrep-style hit on the subprocess line must only count for "run"
    hit = SinkHit("pkg/server.py", 19, 19, 14, Kind.PROCESS, "subprocess.run", "py-process-subprocess")
    result = run(tmp_path, (hit,))
    tools = {t.name: t for t in result.tools}
    assert tools["run"].capability_kinds == {Kind.PROCESS}
    assert tools["env"].capability_kinds == {Kind.ENV}
    assert tools["run"].handler is not None and tools["run"].handler.symbol == "pkg.server.call_tool"


def test_unresolvable_tool_name_is_an_error_not_a_guess(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import os
                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")


                def f() -> str:
                    return "x"


                mcp.add_tool(f, name=os.environ["TOOL_NAME"])
            """,
        },
    )
    result = run(tmp_path)
    assert result.tools == ()
    assert any("could not be computed statically" in e.message for e in result.errors)


def test_tool_with_unresolvable_handler_is_still_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import importlib
                import os

                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")
                handler = getattr(importlib.import_module(os.environ["MOD"]), "run")
                mcp.add_tool(handler, name="plugin", description="Run the configured plugin.")
            """,
        },
    )
    result = run(tmp_path)
    assert [(t.name, t.description, t.handler) for t in result.tools] == [("plugin", "Run the configured plugin.", None)]
    assert any("could not be resolved" in e.message for e in result.errors)


def test_constant_folding_refuses_memory_bombs(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")
                X = 1
                A = f"{X:>999999999}"
                B = "%999999999d" % X
                C = "a".center(999999999)
                D = "ab" * 99999999999


                @mcp.tool(description=A + B + C + D)
                def t() -> str:
                    return "x"
            """,
        },
    )
    [tool] = run(tmp_path).tools
    assert tool.description is None and tool.description_source == "dynamic"


def test_obfuscated_sink_names_are_resolved(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import sys

                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")


                @mcp.tool()
                def a(x: str) -> str:
                    \"\"\"A.\"\"\"
                    return getattr(__builtins__, "ev" + "al")(x)


                @mcp.tool()
                def b() -> str:
                    \"\"\"B.\"\"\"
                    return __import__("o" + "s").popen("id").read()


                @mcp.tool()
                def c() -> str:
                    \"\"\"C.\"\"\"
                    return sys.modules["subprocess"].check_output(["id"])
            """,
        },
    )
    kinds = {t.name: {k.value for k in t.capability_kinds} for t in run(tmp_path).tools}
    assert kinds == {"a": {"code_exec"}, "b": {"process"}, "c": {"process"}}


def test_property_getters_are_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import os

                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")


                class Settings:
                    @property
                    def token(self) -> str:
                        return os.environ["TOKEN"]


                settings = Settings()


                @mcp.tool()
                def whoami() -> str:
                    \"\"\"Show the token owner.\"\"\"
                    return settings.token[:4]
            """,
        },
    )
    [tool] = run(tmp_path).tools
    assert tool.capability_kinds == {Kind.ENV}
    assert tool.capabilities[0].evidence[0].call_path == ("pkg.server.whoami", "pkg.server.Settings.token")


def test_fastmcp_disabled_tools_and_excluded_args(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "pkg"\nversion = "1"\ndependencies = ["fastmcp>=2.10,<3"]\n',
            "pkg/__init__.py": "",
            "pkg/server.py": """
                from fastmcp import FastMCP

                mcp = FastMCP("x")


                @mcp.tool(enabled=False)
                def hidden() -> str:
                    \"\"\"Hidden.\"\"\"
                    return "x"


                @mcp.tool(exclude_args=["secret"])
                def shown(a: int, secret: str = "") -> str:
                    \"\"\"Shown.\"\"\"
                    return "x"
            """,
        },
    )
    [tool] = run(tmp_path).tools
    assert tool.name == "shown"
    assert tool.input_schema == {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}


def test_lowlevel_handlers_registered_with_calls_on_methods(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                import subprocess

                import mcp.types as types
                from mcp.server import Server


                class App:
                    def __init__(self) -> None:
                        self.server = Server("x")
                        self.server.list_tools()(self.tools)
                        self.server.call_tool()(self.call)

                    async def tools(self):
                        return [types.Tool(name="uptime", description="Show uptime.", inputSchema={})]

                    async def call(self, name, arguments):
                        if name == "uptime":
                            return subprocess.run(["uptime"]).stdout
                        raise ValueError(name)
            """,
        },
    )
    [tool] = run(tmp_path).tools
    assert (tool.name, tool.description) == ("uptime", "Show uptime.")
    assert tool.capability_kinds == {Kind.PROCESS}
    assert tool.handler is not None and tool.handler.symbol == "pkg.server.App.call"


def test_cycles_do_not_hang_or_crash(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/__init__.py": "from .a import *\nfrom .b import *\n",
            "pkg/a.py": """
                from .b import B, g


                class A(B):
                    pass


                def f(x):
                    return g(x)


                x = x if False else f
                y = [y, y]
            """,
            "pkg/b.py": """
                from .a import A, f


                class B(A):
                    def m(self):
                        return self.m()


                def g(x):
                    return f(g(x))
            """,
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                from . import a

                mcp = FastMCP("x")


                @mcp.tool()
                def t() -> str:
                    \"\"\"T.\"\"\"
                    return a.f(a.A().m())
            """,
        },
    )
    result = run(tmp_path)
    assert [t.name for t in result.tools] == ["t"]
    assert result.tools[0].capabilities == ()


def test_module_names() -> None:
    paths = frozenset({"src/a/__init__.py", "src/a/b.py", "pkg/__init__.py", "pkg/sub/__init__.py", "pkg/sub/m.py", "tool.py"})
    assert module_name("src/a/b.py", paths) == "a.b"
    assert module_name("src/a/__init__.py", paths) == "a"
    assert module_name("pkg/sub/m.py", paths) == "pkg.sub.m"
    assert module_name("tool.py", paths) == "tool"
    assert module_name("src/client.py", frozenset({"src/__init__.py", "src/client.py"})) == "src.client"


def test_imports_of_a_layout_we_named_differently_still_resolve(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/client.py": """
                import httpx


                class Api:
                    async def get(self, path):
                        async with httpx.AsyncClient() as c:
                            return await c.get(path)


                api = Api()
            """,
            "app/server.py": """
                from fastmcp import FastMCP

                mcp = FastMCP("x")


                @mcp.tool
                async def fetch(path: str) -> str:
                    \"\"\"Fetch.\"\"\"
                    from client import api  # run with app/ on sys.path
                    return await api.get(path)


                @mcp.tool
                async def lost() -> str:
                    \"\"\"Lost.\"\"\"
                    from app.missing import thing
                    return thing.go()
            """,
        },
    )
    tools = {t.name: t for t in run(tmp_path).tools}
    assert tools["fetch"].capability_kinds == {Kind.NETWORK}
    assert any("thing.go" in u for u in tools["lost"].unresolved_calls)


# Expected values below were produced by fastmcp 3.4.11's own parse_docstring (oracle venv).
@pytest.mark.parametrize(
    ("doc", "description", "params"),
    [
        ("Add two numbers.\n\n    Args:\n        a: first\n        b (int): second\n            continued\n\n"
         "    Returns:\n        the sum\n    ",
         "Add two numbers.", {"a": "first", "b": "second\ncontinued"}),
        ("One line.", "One line.", {}),
        ("Summary.\n\n    Parameters\n    ----------\n    x : int\n        The x value.\n    ", "Summary.",
         {"x": "The x value."}),
        ("Summary.\n\n    :param x: the x\n    :returns: y\n    ", "Summary.", {"x": "the x"}),
        ("Args:\n    x: only args\n", "Args:\nx: only args", {}),
        ("Summary.\n\n    Returns:\n        nothing\n    ", "Summary.\n\nReturns:\n    nothing", {}),
        ("Summary\n    second line\n\n    Args:\n        x: the x\n\n    Note:\n        note text\n    ",
         "Summary\nsecond line", {"x": "the x"}),
    ],
)
def test_fastmcp3_docstring_rule(doc: str, description: str, params: dict[str, str]) -> None:
    parsed = parse_docstring_v3(doc, 3)
    assert parsed.description == description
    assert parsed.parameters == params


# fastmcp 4.2.3 (oracle venv): any structured section, not only parameters, ends the description.
@pytest.mark.parametrize(
    ("doc", "v3", "v4"),
    [
        ("Summary.\n\n    Returns:\n        nothing\n    ", "Summary.\n\nReturns:\n    nothing", "Summary."),
        ("Args:\n    x: only args\n", "Args:\nx: only args", "Args:\nx: only args"),
        ("Plain text only.", "Plain text only.", "Plain text only."),
    ],
)
def test_fastmcp4_docstring_rule(doc: str, v3: str, v4: str) -> None:
    assert parse_docstring_v3(doc, 3).description == v3
    assert parse_docstring_v3(doc, 4).description == v4
    assert tool_description("fastmcp", 4, None, False, doc) == v4
    assert tool_description("fastmcp", None, None, False, doc) == v4  # undeclared: latest line


def test_description_rules_per_sdk() -> None:
    raw = "Line one.\n\n    Line two.\n    "
    assert tool_description("mcp", None, None, False, raw) == raw
    assert tool_description("mcp", None, None, False, None) == ""
    assert tool_description("fastmcp", 2, None, False, raw) == "Line one.\n\nLine two."
    assert tool_description("fastmcp", 2, None, False, None) is None
    assert tool_description("fastmcp", 2, "", True, raw) == "Line one.\n\nLine two."
    assert tool_description("fastmcp", 3, "", True, raw) == ""
    assert tool_description("mcp", None, "Given.", True, raw) == "Given."


@pytest.mark.parametrize(
    ("deps", "major"),
    [
        (["fastmcp>=2.10,<3"], 2),
        (["fastmcp>=3"], 4),
        (["fastmcp==2.12.4"], 2),
        (["fastmcp~=3.1"], 3),
        (["mcp>=1.6"], None),
    ],
)
def test_fastmcp_major(deps: list[str], major: int | None) -> None:
    assert fastmcp_major({"pyproject": {"project": {"dependencies": deps}}}) == major


def test_sink_table_lookups() -> None:
    assert sink_kinds("requests.Session.post") == (Kind.NETWORK,)
    assert sink_kinds("requests.exceptions.HTTPError") == ()
    assert sink_kinds("httpx.ASGITransport") == ()  # in-process: hands requests to an app, no socket
    assert sink_kinds("httpx.AsyncClient.get") == (Kind.NETWORK,)
    # exceptions, value types and closing a client send nothing (notebooklm-mcp-cli: `httpx.ReadTimeout`
    # and `httpx.Client.close` reported as the tools' network access)
    assert sink_kinds("httpx.ReadTimeout") == sink_kinds("httpx.Client.close") == sink_kinds("httpx.Cookies.set") == ()
    assert sink_kinds("requests.Session.close") == sink_kinds("aiohttp.ClientSession.close") == ()
    assert sink_kinds("httpx.Client.post") == sink_kinds("requests.Session.get") == (Kind.NETWORK,)
    assert sink_kinds("urllib.parse.quote") == ()
    assert sink_kinds("subprocess.run") == (Kind.PROCESS,)
    assert sink_kinds("git.Repo.git.status") == (Kind.PROCESS,)
    assert sink_kinds("builtins.eval") == (Kind.CODE_EXEC,)
    assert sink_kinds("os.path.join") == ()
    assert open_mode_kinds("r") == (Kind.FS_READ,)
    assert open_mode_kinds("wb") == (Kind.FS_WRITE,)
    assert open_mode_kinds("r+") == (Kind.FS_READ, Kind.FS_WRITE)
    assert open_mode_kinds(None) == (Kind.FS_READ, Kind.FS_WRITE)


def test_sqlite_statement_that_only_reads_changes_no_file() -> None:
    assert sql_kinds("sqlite3.connect().execute", "SELECT * FROM t ORDER BY ") == (Kind.FS_READ,)
    assert sql_kinds("aiosqlite.connect().execute", "-- list\n (select id FROM t WHERE ") == (Kind.FS_READ,)
    assert Kind.FS_WRITE in sql_kinds("sqlite3.connect().execute", "INSERT INTO t VALUES ")
    assert Kind.FS_WRITE in sql_kinds("sqlite3.connect().executescript", "SELECT 1")  # runs several statements
    assert Kind.FS_WRITE in sql_kinds("duckdb.connect().execute", "SELECT 1")  # execute runs several statements
    assert Kind.FS_WRITE in sql_kinds("sqlite3.connect().execute", "")  # nothing known of the text
    assert not read_only_sql("WITH a AS (SELECT 1) DELETE FROM t")


def test_composing_a_postgres_query_sends_nothing() -> None:
    assert sink_kinds("psycopg.sql.Literal") == () and sink_kinds("psycopg2.sql.Identifier") == ()
    assert sink_kinds("psycopg.connect") == (Kind.NETWORK,)  # the connection does
