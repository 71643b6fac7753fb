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


def _tools(tmp_path: Path, files: dict[str, str]) -> dict:
    write(tmp_path, files)
    return {t.name: t for t in run(tmp_path).tools}


def test_descriptions_read_from_package_files(tmp_path: Path) -> None:
    """Descriptions loaded at import time from files the package ships are what clients see."""
    tools = _tools(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/texts/alpha.md": "Alpha tool.\n\nReads nothing.\n",
            "pkg/texts/beta.md": "Beta tool.\r\n",
            "pkg/gamma.txt": "Gamma tool.",
            "pkg/delta.txt": "Delta tool.",
            "pkg/load.py": """
                import os
                from importlib import resources
                from pathlib import Path

                HERE = Path(__file__).resolve().parent


                def text(name: str) -> str:
                    return (HERE / "texts" / f"{name}.md").read_text(encoding="utf-8").strip()


                def gamma() -> str:
                    with open(os.path.join(os.path.dirname(__file__), "gamma.txt")) as fh:
                        return fh.read()


                DELTA = resources.files("pkg").joinpath("delta.txt").read_text()
                OUTSIDE = (HERE / ".." / ".." / "secret.txt").read_text()
            """,
            "secret.txt": "not a package file",
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                from .load import DELTA, OUTSIDE, gamma, text

                mcp = FastMCP("x")


                @mcp.tool(description=text("alpha"))
                def alpha() -> str:
                    return "a"


                @mcp.tool(description=text("beta"))
                def beta() -> str:
                    return "b"


                @mcp.tool(description=gamma())
                def gamma_tool() -> str:
                    return "c"


                @mcp.tool(description=DELTA)
                def delta() -> str:
                    return "d"


                @mcp.tool(description=OUTSIDE)
                def outside() -> str:
                    return "e"
            """,
        },
    )
    assert tools["alpha"].description == "Alpha tool.\n\nReads nothing."
    assert tools["beta"].description == "Beta tool."
    assert tools["gamma_tool"].description == "Gamma tool."
    assert tools["delta"].description == "Delta tool."
    # leaves the package root: never read (the text stays unknown)
    assert tools["outside"].description is None
    assert all(t.capability_kinds == set() for t in tools.values())  # import-time reads are not the tools'


def test_reading_a_package_file_in_a_handler_is_still_fs_read(tmp_path: Path) -> None:
    tools = _tools(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/data.txt": "x",
            "pkg/server.py": """
                from pathlib import Path

                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")
                DATA = Path(__file__).parent / "data.txt"


                @mcp.tool()
                def show() -> str:
                    \"\"\"Show the bundled data.\"\"\"
                    return DATA.read_text()


                @mcp.tool()
                def show_open() -> str:
                    \"\"\"Show the bundled data again.\"\"\"
                    return open(DATA).read()
            """,
        },
    )
    assert tools["show"].capability_kinds == {Kind.FS_READ}
    assert tools["show_open"].capability_kinds == {Kind.FS_READ}


def test_package_path_join_stays_inside_the_root() -> None:
    from mcpvet.frontends.python.pkgfiles import join, parent

    assert join("src/pkg/sub", "..", "prompts", "a.md") == "src/pkg/prompts/a.md"
    assert join("src/pkg", ".") == "src/pkg"
    assert join("src", "..") == ""
    assert join("src", "..", "..") is None
    assert join("src", "/etc/passwd") is None
    assert join("src", "a\\b") is None
    assert parent("src/pkg") == "src" and parent("src") == "" and parent("") is None


def test_super_calls_reach_the_base_class_method(tmp_path: Path) -> None:
    tools = _tools(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/client.py": """
                import subprocess
                import urllib.request


                class Base:
                    def fetch(self, url: str) -> bytes:
                        return urllib.request.urlopen(url).read()

                    def run(self) -> None:
                        pass


                class Child(Base):
                    def fetch(self, url: str) -> bytes:
                        return super().fetch(url.strip())

                    def run(self) -> None:
                        super(Child, self).run()


                class Other(Base):
                    def run(self) -> None:
                        subprocess.run(["true"])
            """,
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                from .client import Child

                mcp = FastMCP("x")
                CLIENT = Child()


                @mcp.tool()
                def get(url: str) -> str:
                    \"\"\"Get.\"\"\"
                    return CLIENT.fetch(url).decode()


                @mcp.tool()
                def nothing() -> None:
                    \"\"\"Nothing.\"\"\"
                    CLIENT.run()
            """,
        },
    )
    assert tools["get"].capability_kinds == {Kind.NETWORK}
    assert tools["get"].capabilities[0].evidence[0].call_path == (
        "pkg.server.get", "pkg.client.Child.fetch", "pkg.client.Base.fetch")
    assert tools["nothing"].capability_kinds == set()  # Base.run, not the sibling class Other's


def test_dunder_doc_and_name_of_package_functions(tmp_path: Path) -> None:
    tools = _tools(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/server.py": """
                from mcp.server.fastmcp import FastMCP

                mcp = FastMCP("x")


                def _about():
                    \"\"\"Shared text used as a description.\"\"\"


                class Help:
                    \"\"\"Class docstring.\"\"\"


                def impl() -> str:
                    return "ok"


                mcp.tool(name=impl.__name__ + "_tool", description=_about.__doc__)(impl)
                mcp.tool(name="cls", description=Help.__doc__)(impl)
            """,
        },
    )
    assert tools["impl_tool"].description == "Shared text used as a description."
    assert tools["cls"].description == "Class docstring."
