"""Naming the dependencies a package hands its server to when no tool is found (deps.py)."""

from __future__ import annotations

from mcpvet.frontends.javascript.deps import handoff_note, package_of
from mcpvet.frontends.javascript.extract import extract_module


def test_package_of() -> None:
    assert package_of("playwright-core/lib/coreBundle") == "playwright-core"
    assert package_of("@supabase/mcp-utils") == "@supabase/mcp-utils"
    assert package_of("@scope/pkg/deep/x.js") == "@scope/pkg"
    assert package_of("./local.js") is None
    assert package_of("node:fs") is None


def test_big_entry_importing_a_library_is_not_a_handoff() -> None:
    body = "\n".join(f"function f{i}(a) {{ return a + {i}; }}" for i in range(200))
    mod = extract_module("cli.js", "javascript", (b"const z = require('zod');\n" + body.encode()))
    assert handoff_note([mod], {"bin": "cli.js", "dependencies": {"zod": "3"}}) is None


def test_sdk_and_undeclared_packages_are_not_named() -> None:
    mod = extract_module(
        "index.js", "javascript",
        b"const s = require('@modelcontextprotocol/sdk/server/mcp.js');\nmodule.exports = require('other-mcp');\n",
    )
    assert handoff_note([mod], {"main": "index.js", "dependencies": {"@modelcontextprotocol/sdk": "1"}}) is None
    note = handoff_note([mod], {"main": "index.js", "dependencies": {"other-mcp": "1"}})
    assert note is not None and "other-mcp (imported by index.js)" in note


def test_mcp_client_proxy_is_named() -> None:
    mod = extract_module(
        "dist/index.js", "javascript",
        b"const c = require('@modelcontextprotocol/sdk/client/streamableHttp.js');\nconst k = require('colors');\n"
        b"console.log(k.red('x'));\n",
    )
    note = handoff_note([mod], {"main": "dist/index.js", "dependencies": {"colors": "1"}})
    assert note is not None and "proxy a remote MCP server" in note and "colors" not in note
