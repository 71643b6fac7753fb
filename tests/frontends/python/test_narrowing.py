"""A low-level dispatcher that parses each tool's arguments into its own class and hands the object to
one function testing its class (`isinstance`): each tool's node keeps only its own branch (wcgw's
get_tool_output gave every tool the union: 17 false highs)."""

from __future__ import annotations

from pathlib import Path

from tests.frontends.python.test_budgets import analyse

SOURCE = """
    import asyncio
    import os
    import subprocess
    from typing import Any, Union

    import mcp.types as types
    from mcp.server import Server
    from pydantic import BaseModel

    server = Server("s")


    class Base(BaseModel):
        pass


    class Read(Base):
        path: str


    class Run(Base):
        command: str


    class Remove(BaseModel):
        path: str


    def which(name: str) -> type:
        if name == "read":
            return Read
        elif name == "run":
            return Run
        return Remove


    def parse(name: str, arguments: dict[str, Any]) -> Union[Read, Run, Remove]:
        kind = which(name)
        return kind(**arguments)


    def output(args: Any) -> str:
        if isinstance(args, dict):
            arg = Read(**args)
        else:
            arg = args
        if isinstance(arg, Read):
            return open(arg.path).read()
        elif isinstance(arg, (Run,)):
            return subprocess.run(arg.command, shell=True).stdout
        elif isinstance(arg, Base):
            os.system("echo base")
        os.remove(arg.path)
        return ""


    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        tool_call = parse(name, arguments)
        return [types.TextContent(type="text", text=await asyncio.to_thread(output, tool_call))]


    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name=n, description=n, inputSchema={"type": "object"}) for n in ("read", "run", "remove")]
"""


def test_each_tool_keeps_the_branch_of_its_own_class(tmp_path: Path) -> None:
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SOURCE})
    kinds = {t.name: sorted(c.kind.value for c in t.capabilities) for t in result.tools}
    # read returns in its branch; run's class is in a tuple; remove is none of the package's tested
    # classes (Base is its sibling, not its base) and falls through to the removal
    assert kinds == {"read": ["fs_read"], "run": ["process"], "remove": ["fs_write"]}, kinds


def test_an_unknown_object_keeps_every_branch(tmp_path: Path) -> None:
    # the handler hands over the raw arguments (a dict the dispatcher converts itself): nothing is known
    source = SOURCE.replace("asyncio.to_thread(output, tool_call)", "asyncio.to_thread(output, arguments)")
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": source})
    kinds = {t.name: sorted(c.kind.value for c in t.capabilities) for t in result.tools}
    assert all(k == ["fs_read", "fs_write", "process"] for k in kinds.values()), kinds
