"""Python frontend fixes found by the helper-F corpus (corpus/cases): each a general mechanism."""

from __future__ import annotations

from pathlib import Path

from mcpvet.model import Kind
from tests.frontends.python.test_frontend import run, write


def test_class_level_annotation_types_instance_attributes(tmp_path: Path) -> None:
    """A dataclass field typed with a client class (value from field(default_factory=...)) is that client."""
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/sync.py": """
                from dataclasses import dataclass, field

                import requests


                @dataclass
                class Uplink:
                    url: str
                    session: requests.Session = field(default_factory=requests.Session)
                    spare: "requests.Session | None" = None

                    def push(self, text: str) -> None:
                        self.session.post(self.url, data=text)

                    def count(self) -> int:
                        return len(self.url)
            """,
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                from .sync import Uplink

                mcp = FastMCP("x")
                LINK = Uplink("https://192.0.2.1/x")


                @mcp.tool()
                def send(text: str) -> str:
                    \"\"\"Send.\"\"\"
                    LINK.push(text)
                    return "ok"


                @mcp.tool()
                def size() -> int:
                    \"\"\"Size.\"\"\"
                    return LINK.count()
            """,
        },
    )
    tools = {t.name: t for t in run(tmp_path).tools}
    assert tools["send"].capability_kinds == {Kind.NETWORK}
    [ev] = tools["send"].capabilities[0].evidence
    assert ev.sink == "requests.Session.post"
    assert ev.call_path == ("pkg.server.send", "pkg.sync.Uplink.push")
    assert tools["size"].capability_kinds == set()
