"""Construction hooks: what a dataclass's `__post_init__`, a pydantic model's `model_post_init` or its
validators check or do when `Model(**arguments)` is built holds for the object the tool uses
(wcgw normalises `thread_id` in `model_post_init`: 6 false path-traversal highs)."""

from __future__ import annotations

from pathlib import Path

from mcpvet.frontends.interface import FrontendResult
from tests.frontends.python.test_budgets import analyse

HEADER = """
    import os
    import re
    from dataclasses import dataclass
    from typing import Any

    import mcp.types as types
    from mcp.server import Server
    from pydantic import BaseModel, field_validator, model_validator

    server = Server("s")
"""

FOOTER = """

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        return [types.Tool(name="load", description="Load a session", inputSchema={"type": "object",
                "properties": {"key": {"type": "string"}, "other": {"type": "string"}}})]


    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
        obj = Model(**arguments)
        with open(os.path.join("/srv/state", obj.key)) as f:
            return [types.TextContent(type="text", text=f.read())]
"""


def _control(tmp_path: Path, model: str) -> tuple[str, ...]:
    result: FrontendResult = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": HEADER + model + FOOTER})
    (tool,) = result.tools
    out: set[str] = set()
    for c in tool.capabilities:
        for e in c.evidence:
            if e.sink == "open" or e.sink.endswith(".open"):
                out.update(e.controlled_by)
    return tuple(sorted(out))


def test_a_post_init_rewrite_through_a_checking_function_guards_the_field(tmp_path: Path) -> None:
    model = """
    def normalize(value: str) -> str:
        return re.sub(r"[^\\w]", "", value)


    class Model(BaseModel):
        key: str

        def model_post_init(self, __context: Any) -> None:
            self.key = normalize(self.key)
    """
    assert _control(tmp_path, model) == ()


def test_a_rewrite_that_keeps_separators_guards_nothing(tmp_path: Path) -> None:
    model = """
    def normalize(value: str) -> str:
        return value.strip()


    class Model(BaseModel):
        key: str

        def model_post_init(self, __context: Any) -> None:
            self.key = normalize(self.key)
    """
    assert _control(tmp_path, model) == ("key",)


def test_a_dataclass_post_init_sanitiser_guards_the_field(tmp_path: Path) -> None:
    model = """
    @dataclass
    class Model:
        key: str
        other: str = ""

        def __post_init__(self) -> None:
            self.key = os.path.basename(self.key)
    """
    assert _control(tmp_path, model) == ()


def test_a_sanitised_other_field_leaves_the_used_one_flagged(tmp_path: Path) -> None:
    model = """
    @dataclass
    class Model:
        key: str
        other: str = ""

        def __post_init__(self) -> None:
            self.other = os.path.basename(self.other)
    """
    assert _control(tmp_path, model) == ("key",)


def test_a_field_validator_allow_list_guards_its_field_only(tmp_path: Path) -> None:
    checked = """
    class Model(BaseModel):
        key: str

        @field_validator("key")
        @classmethod
        def known(cls, v: str) -> str:
            if v not in ("a.json", "b.json"):
                raise ValueError("unknown")
            return v
    """
    assert _control(tmp_path, checked) == ()
    assert _control(tmp_path / "other", checked.replace('field_validator("key")', 'field_validator("other")')) == ("key",)


def test_what_a_validator_does_is_done_by_the_construction(tmp_path: Path) -> None:
    model = """
    class Model(BaseModel):
        key: str

        @model_validator(mode="after")
        def log(self) -> "Model":
            os.system("logger " + self.key)
            return self
    """
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": HEADER + model + FOOTER})
    (tool,) = result.tools
    shell = [e for c in tool.capabilities for e in c.evidence if e.sink == "os.system"]
    assert shell and shell[0].controlled_by == ("key",)


def test_a_nested_model_field_runs_its_own_hooks(tmp_path: Path) -> None:
    model = """
    def normalize(value: str) -> str:
        return re.sub(r"[^\\w]", "", value)


    class Base(BaseModel):
        key: str

        def model_post_init(self, __context: Any) -> None:
            self.key = normalize(self.key)


    class Run(Base):
        wait: float = 0


    class Status(Base):
        pass


    class Outer(BaseModel):
        action: Run | Status


    class Model(BaseModel):
        key: str
        outer: Outer
    """
    footer = FOOTER.replace("obj.key", "obj.outer.action.key")
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": HEADER + model + footer.replace(
        '"other": {"type": "string"}', '"outer": {"type": "object"}')})
    (tool,) = result.tools
    control = {p for c in tool.capabilities for e in c.evidence if e.sink == "open" for p in e.controlled_by}
    assert control == set(), control
    # the same shape with no hook on the nested model: the field reaches the path
    bare = model.replace("self.key = normalize(self.key)", "pass")
    result = analyse(tmp_path / "bare", {"pkg/__init__.py": "", "pkg/server.py": HEADER + bare + footer.replace(
        '"other": {"type": "string"}', '"outer": {"type": "object"}')})
    (tool,) = result.tools
    control = {p for c in tool.capabilities for e in c.evidence if e.sink == "open" for p in e.controlled_by}
    assert control == {"outer"}, control
