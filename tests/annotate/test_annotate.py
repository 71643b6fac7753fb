"""`mcpvet annotate`: annotations derived from the code, written by libcst into the declarations only.

On our own FastMCP fixture (tests/fixtures/py-fastmcp-annotate): `--check` fails, `--diff` prints
the patch and writes nothing, writing keeps the file parseable and changes only the decorators, a
second run changes nothing, `--check` then passes, the analysis then finds no annotation-mismatch,
and the MCP SDK itself reads the written annotations back.
"""

from __future__ import annotations

import ast
import asyncio
import difflib
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from tests.support.cli import run_cli
from tests.support.registry import copy_case

from mcpvet.annotate.codemod import Edit, annotate_source
from mcpvet.annotate.hints import problems, suggested
from mcpvet.model import Capability, Evidence, HandlerRef, Kind, Language, Location, Tool

SERVER = "src/jotter_mcp/server.py"


def _tool(*caps: tuple[Kind, str], annotations: dict[str, object] | None = None) -> Tool:
    return Tool(name="t", description="d", input_schema={}, declared_at=Location("s.py", 1),
                handler=HandlerRef(Location("s.py", 2), "m.t"), language=Language.PYTHON,
                capabilities=tuple(Capability(k, (Evidence(Location("s.py", 3), sink, ("m.t",)),)) for k, sink in caps),
                annotations=annotations)


def test_suggested_hints_follow_the_capabilities() -> None:
    assert suggested(_tool((Kind.FS_READ, "open"))) == {"readOnlyHint": True, "openWorldHint": False}
    assert suggested(_tool((Kind.NETWORK, "httpx.get"))) == {"readOnlyHint": True, "openWorldHint": True}
    assert suggested(_tool((Kind.NETWORK, "requests.post"))) == {
        "readOnlyHint": False, "destructiveHint": True, "idempotentHint": False, "openWorldHint": True}
    assert suggested(_tool((Kind.PROCESS, "subprocess.run")))["readOnlyHint"] is False


def test_only_claims_the_code_disproves_are_contradicted() -> None:
    both = {"readOnlyHint": True, "openWorldHint": False}
    assert problems(_tool((Kind.FS_READ, "open"), annotations=both)) == []
    found = {(p.hint, p.kind) for p in problems(_tool((Kind.FS_WRITE, "os.remove"), (Kind.NETWORK, "httpx.get"),
                                                      annotations={**both, "destructiveHint": False}))}
    assert {("readOnlyHint", "contradicted"), ("openWorldHint", "contradicted"),
            ("destructiveHint", "contradicted"), ("idempotentHint", "missing")} == found
    # the cautious side is left as the author wrote it
    cautious = {"readOnlyHint": False, "openWorldHint": True}
    assert problems(_tool((Kind.FS_READ, "open"), annotations=cautious)) == []
    assert problems(_tool((Kind.FS_READ, "open"), annotations={"read_only_hint": True, "open_world_hint": False})) == []


@pytest.mark.parametrize(("before", "after"), [
    ("@mcp.tool\ndef f(): ...\n", '@mcp.tool(annotations={"readOnlyHint": True})\ndef f(): ...\n'),
    ("@mcp.tool()\ndef f(): ...\n", '@mcp.tool(annotations={"readOnlyHint": True})\ndef f(): ...\n'),
    ('@mcp.tool(name="x")  # hi\ndef f(): ...\n',
     '@mcp.tool(name="x", annotations={"readOnlyHint": True})  # hi\ndef f(): ...\n'),
    ('@mcp.tool(annotations={"title": "T", "readOnlyHint": False})\ndef f(): ...\n',
     '@mcp.tool(annotations={"title": "T", "readOnlyHint": True})\ndef f(): ...\n'),
    ('@mcp.tool(annotations={"read_only_hint": False})\ndef f(): ...\n',
     '@mcp.tool(annotations={"read_only_hint": True})\ndef f(): ...\n'),
    ("@mcp.tool(annotations=ToolAnnotations(title='T'))\ndef f(): ...\n",
     "@mcp.tool(annotations=ToolAnnotations(title='T', readOnlyHint=True))\ndef f(): ...\n"),
    ("@mcp.tool(\n    name='x',  # keep\n    description='d',\n)\ndef f(): ...\n",
     "@mcp.tool(\n    name='x',  # keep\n    description='d',\n    annotations={\"readOnlyHint\": True},\n)\ndef f(): ...\n"),
])
def test_decorators_are_rewritten_in_place(before: str, after: str) -> None:
    outcome = annotate_source(before, [Edit("f", 1, {"readOnlyHint": True})])
    assert outcome.source == after and outcome.placed == ["f"] and not outcome.not_placed


def test_the_class_is_used_when_the_module_imports_it() -> None:
    src = "from mcp.types import ToolAnnotations\n\n@app.tool()\ndef f(): ...\n"
    out = annotate_source(src, [Edit("f", 3, {"readOnlyHint": False, "openWorldHint": True})]).source
    assert "@app.tool(annotations=ToolAnnotations(readOnlyHint=False, openWorldHint=True))" in out


def test_low_level_tool_calls_and_what_cannot_be_rewritten() -> None:
    src = ('TOOLS = [\n    types.Tool(\n        name="a",\n        inputSchema={},\n    ),\n]\n\n'
           '@mcp.tool(annotations=ANN)\ndef b(): ...\n')
    outcome = annotate_source(src, [Edit("a", 2, {"openWorldHint": False}), Edit("b", 8, {"openWorldHint": False}),
                                    Edit("c", 40, {"openWorldHint": False})])
    assert '        inputSchema={},\n        annotations={"openWorldHint": False},\n    ),' in outcome.source
    assert outcome.placed == ["a"]
    assert "not a literal" in outcome.not_placed["b"] and "no tool declaration" in outcome.not_placed["c"]
    assert "annotations=ANN" in outcome.source


def test_add_tool_calls_are_annotated_too() -> None:
    src = "def f(): ...\n\nmcp.add_tool(f, name=\"f\")\n"
    outcome = annotate_source(src, [Edit("f", 3, {"readOnlyHint": True})])
    assert outcome.source == "def f(): ...\n\nmcp.add_tool(f, name=\"f\", annotations={\"readOnlyHint\": True})\n"


def _changed_lines(before: str, after: str) -> set[int]:
    """Line numbers (of `before`) that were replaced or had lines inserted after them."""
    out: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            out.update(range(i1 + 1, max(i1 + 1, i2) + 1))
    return out


def _decorator_lines(source: str) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                lines.update(range(dec.lineno, (dec.end_lineno or dec.lineno) + 2))  # +1: the closing line
    return lines


def _without_decorators(source: str) -> str:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node.decorator_list = []
    return ast.dump(tree)


@pytest.fixture
def server(tmp_path: Path) -> Path:
    return copy_case("py-fastmcp-annotate", tmp_path / "jotter")


@pytest.mark.timeout(600)
def test_annotate_the_fastmcp_fixture(server: Path, capsys, monkeypatch) -> None:
    source = server / SERVER
    before = source.read_text("utf-8")

    code, out, _ = run_cli(["annotate", str(server), "--check"], capsys, monkeypatch)
    assert code == 1
    assert "forget_note: readOnlyHint: true contradicted: it writes files" in out
    assert "read_note: readOnlyHint missing" in out

    code, out, _ = run_cli(["annotate", str(server), "--diff"], capsys, monkeypatch)
    assert code == 0 and out.startswith(f"--- a/{SERVER}\n+++ b/{SERVER}\n")
    assert source.read_text("utf-8") == before  # --diff writes nothing

    code, out, _ = run_cli(["annotate", str(server)], capsys, monkeypatch)
    assert code == 0 and "5 tool(s) annotated" in out
    after = source.read_text("utf-8")
    assert after != before
    assert _without_decorators(after) == _without_decorators(before)  # it still parses; only decorators differ
    assert _changed_lines(before, after) <= _decorator_lines(before)
    assert "# the name clients see" in after and "# set by hand, keep this comment" in after  # comments kept
    assert after.count("# the name clients see") == 1

    code, out, _ = run_cli(["annotate", str(server)], capsys, monkeypatch)  # a second run changes nothing
    assert code == 0 and "0 tool(s) annotated" in out
    assert source.read_text("utf-8") == after
    code, out, _ = run_cli(["annotate", str(server), "--check"], capsys, monkeypatch)
    assert code == 0 and out == ""

    code, out, _ = run_cli(["inspect", str(server), "--format", "json", "--offline", "--fail-on", "none"], capsys, monkeypatch)
    card = json.loads(out)
    assert not [f for f in card["findings"] if f["rule"] == "annotation-mismatch"]
    tools = {t["name"]: t["annotations"] for t in card["tools"]}
    assert tools["forget_note"]["readOnlyHint"] is False and tools["forget_note"]["title"] == "Forget a note"
    assert tools["fetch_page"] == {"readOnlyHint": True, "openWorldHint": True}

    # the SDK reads the written annotations: the file is our own fixture, imported only here
    spec = importlib.util.spec_from_file_location("jotter_annotated", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "jotter_annotated", module)
    spec.loader.exec_module(module)
    listed = {t.name: t.annotations for t in asyncio.run(module.mcp.list_tools())}
    assert listed["read_note"] is not None and listed["read_note"].readOnlyHint is True
    assert listed["save_note"] is not None and listed["save_note"].destructiveHint is True
    assert listed["sync_notes"] is not None and listed["sync_notes"].openWorldHint is False
    assert listed["sync_notes"].readOnlyHint is False


def test_js_tools_get_printed_suggestions(tmp_path: Path, capsys, monkeypatch) -> None:
    pkg = copy_case("ts-todos-ssh-axios-class", tmp_path / "todos")
    snapshot = {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()}
    code, out, _ = run_cli(["annotate", str(pkg)], capsys, monkeypatch)
    assert code == 0
    assert "not in Python: add these annotations by hand" in out
    assert "list_todos: annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, " \
           "openWorldHint: true }" in out
    assert {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()} == snapshot
    code, out, _ = run_cli(["annotate", str(pkg), "--check"], capsys, monkeypatch)
    assert code == 1 and "list_todos: readOnlyHint missing" in out


def test_annotate_needs_a_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    code, _, err = run_cli(["annotate", str(tmp_path / "nope")], capsys, monkeypatch)
    assert code == 2 and "not a folder" in err
