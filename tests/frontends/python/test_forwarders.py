"""Data flow through functions that call a function they are handed with the arguments that follow
it: the package's own (`_in_thread(operation, *args)` over `asyncio.to_thread`, `locked(fn, *args,
**kw)`) and the library's (`asyncio.to_thread`, `loop.run_in_executor`); and membership in a module
global that tools fill with their own arguments, which allows nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mcpvet.frontends.python.forwarders import _passes_on
from tests.frontends.python.test_budgets import analyse

SOURCE = """
    import asyncio
    import os
    import subprocess

    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("s")
    ROOT = "/srv/notes"
    SEEN: dict[str, str] = {}
    KNOWN: dict[str, str] = {}
    for _k in ("intro", "usage"):
        KNOWN[_k] = _k


    async def in_thread(operation, *args):
        return await asyncio.to_thread(operation, *args)


    async def in_executor(operation, *args):
        return await asyncio.get_running_loop().run_in_executor(None, operation, *args)


    def locked(fn, /, *args, **kwargs):
        return fn(*args, **kwargs)


    def not_a_forwarder(fn, *args):
        return fn("fixed")


    def write(title: str, body: str, folder: str = ROOT) -> None:
        with open(os.path.join(folder, title), "w") as f:
            f.write(body)


    class Store:
        def save(self, title: str, body: str) -> None:
            with open(os.path.join(ROOT, title), "w") as f:
                f.write(body)


    STORE = Store()


    @mcp.tool()
    async def tool(title: str, body: str, command: str) -> str:
        \"\"\"Keep a note.\"\"\"
        BODY
        return "ok"
"""


def _control(tmp_path: Path, body: str, role: str = "path") -> set[str]:
    source = SOURCE.replace("BODY", body.replace("\n", "\n        "))
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": source})
    (tool,) = [t for t in result.tools if t.name == "tool"]
    return {p for c in tool.capabilities for e in c.evidence if e.role == role for p in e.controlled_by}


@pytest.mark.parametrize(("body", "control"), [
    # the handed function gets the call's further arguments in their order
    ("await in_thread(write, title, 'x')", {"title"}),
    ("await in_thread(write, 'x', body)", set()),
    ("await in_executor(write, title, body)", {"title"}),
    ("await in_executor(write, 'x', body)", set()),
    ("locked(write, title, body)", {"title"}),
    ("locked(write, 'x', body, folder=body)", {"body"}),  # a keyword passed on through **kwargs
    ("locked(write, 'x', body)", set()),
    # a bound method: its receiver is the object it was read from, the arguments follow it
    ("await in_thread(STORE.save, title, body)", {"title"}),
    ("await in_thread(STORE.save, 'x', body)", set()),
    # the library's own forwarders, as before
    ("await asyncio.to_thread(write, title, 'x')", {"title"}),
    ("await asyncio.to_thread(write, 'x', body)", set()),
])
def test_a_handed_function_gets_the_arguments_after_it(tmp_path: Path, body: str, control: set[str]) -> None:
    assert _control(tmp_path, body) == control


def test_a_function_that_calls_what_it_is_handed_with_other_arguments_passes_none_on(tmp_path: Path) -> None:
    assert _control(tmp_path, "not_a_forwarder(write, title, body)") == set()


def _sinks(tmp_path: Path, body: str) -> set[tuple[str, tuple[str, ...]]]:
    source = SOURCE.replace("BODY", body.replace("\n", "\n        "))
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": source})
    (tool,) = [t for t in result.tools if t.name == "tool"]
    return {(e.sink, tuple(e.controlled_by)) for c in tool.capabilities for e in c.evidence if e.role == "shell"
            or e.sink.startswith("subprocess")}


@pytest.mark.parametrize(("body", "sinks"), [
    # a library function handed to a forwarder is called there, with what follows it
    ("await asyncio.to_thread(subprocess.run, command, shell=True)", {("subprocess.run", ("command",))}),
    ("await asyncio.to_thread(subprocess.run, ['ls', '-l'])", {("subprocess.run", ())}),
    ("await asyncio.get_running_loop().run_in_executor(None, os.system, command)", {("os.system", ("command",))}),
    ("await in_thread(os.system, command)", {("os.system", ("command",))}),
    ("await in_thread(os.system, 'ls')", {("os.system", ())}),
])
def test_a_library_function_handed_over_is_called(tmp_path: Path, body: str, sinks: set[tuple[str, tuple[str, ...]]]) -> None:
    assert _sinks(tmp_path, body) == sinks


@pytest.mark.parametrize(("body", "control"), [
    # the tools fill SEEN with the titles they are given: being in it allows any title
    ("SEEN[title] = body\nif title in SEEN:\n    write(title, body)", {"title"}),
    ("SEEN.update({})\nif title in SEEN:\n    write(title, body)", set()),
    # KNOWN is filled from constants only: an allow-list
    ("if title in KNOWN:\n    write(title, body)", set()),
])
def test_membership_in_a_global_the_tools_fill(tmp_path: Path, body: str, control: set[str]) -> None:
    assert _control(tmp_path, body) == control


def _call(text: str) -> ast.Call:
    node = ast.parse(text, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


@pytest.mark.parametrize(("text", "tail", "passes"), [
    ("fn(*args)", False, True),
    ("fn(*args, **kw)", False, True),
    ("fn(**kw)", False, True),
    ("fn(*args, 1)", False, False),
    ("fn(1, *args)", False, False),
    ("fn(*other)", False, False),
    ("fn()", False, False),
    ("to_thread(fn, *args)", True, True),
    ("to_thread(fn, *args, x=1)", True, False),
    ("to_thread(fn, *args, 1)", True, False),
])
def test_what_counts_as_passing_the_arguments_on(text: str, tail: bool, passes: bool) -> None:
    call = _call(text)
    assert _passes_on(call.args, call.keywords, "args", "kw", tail=tail) is passes


OWN = '''
import asyncio
import functools
import os
import tempfile
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("s")


@functools.lru_cache(maxsize=1)
def data_dir() -> Path:
    configured = os.environ.get("NOTEJAR_HOME", "").strip()
    if configured:
        return Path(configured)
    return Path.home() / ".notejar"


def _write(path: Path, text: str) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp_name, path)


@mcp.tool()
async def remember(note: str) -> str:
    """Remember a note."""
    await asyncio.to_thread(_write, data_dir() / "state.json", "{}")
    return "ok"
'''


def test_a_function_handed_to_to_thread_is_called_there_for_its_places(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`asyncio.to_thread(_write, path, text)` is a call of `_write` whose arguments are seen: the path
    `_write` renames its temporary file onto is one of its places (`$NOTEJAR_HOME/…`, `~/.notejar/…`),
    the package's own folder."""
    from tests.frontends.flow.test_data_from import _card

    card = _card(tmp_path, capsys, monkeypatch, {"pyproject.toml": '[project]\nname = "notejar-mcp"\nversion = "1"\n',
                                                 "src/notejar_mcp/server.py": OWN})
    [write] = [f for f in card["findings"] if f["rule"] == "undeclared-capability" and "files" in f["title"]
               and f.get("tool") == "remember"]
    assert write["severity"] == "low" and "`~/.notejar`" in write["message"]
