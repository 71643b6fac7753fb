"""Zero silent losses in tool discovery: a registration the frontend sees but cannot resolve
leaves an errors[] entry naming the file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mcpvet.discover import discover
from mcpvet.frontends.python import PythonFrontend
from mcpvet.model import FrontendResult
from mcpvet.options import InspectOptions


def analyse(root: Path, files: dict[str, str]) -> FrontendResult:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
    tree, _ = discover(root, name_hint="pkg")
    return PythonFrontend().analyze(tree, (), InspectOptions())


def test_registration_function_never_given_a_server_is_named(tmp_path: Path) -> None:
    result = analyse(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/server.py": """
            from mcp.server.fastmcp import FastMCP

            mcp = FastMCP("x")
        """,
        "pkg/extra.py": """
            def register_extra(server):
                @server.tool()
                def ping() -> str:
                    return "pong"
        """,
    })
    assert not result.tools
    assert any(e.path == "pkg/extra.py" and "register_extra() at line 1" in e.message and "not listed" in e.message
               for e in result.errors), result.errors


def test_plugin_discovery_binds_the_package_server(tmp_path: Path) -> None:
    result = analyse(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/server.py": """
            import importlib
            from mcp.server.fastmcp import FastMCP

            mcp = FastMCP("x")
            for name in ("extra",):
                importlib.import_module(f"pkg.{name}").register_extra(mcp)
        """,
        "pkg/extra.py": """
            def register_extra(server):
                @server.tool()
                def ping() -> str:
                    \"\"\"Answer pong.\"\"\"
                    return "pong"
        """,
    })
    assert [(t.name, t.description) for t in result.tools] == [("ping", "Answer pong.")]
    assert not [e for e in result.errors if e.stage == "python"], result.errors
