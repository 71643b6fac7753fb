"""`self._projects[name]` of a registry that starts as `{}` and is filled at run time is not `None`:
with nothing written under the key, the method's declared return type says what it is, so the
project's own checks are followed (mcp-server-tree-sitter: the containment check in
`Project.get_file_path` was not seen, a false path-traversal high)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.frontends.python.test_budgets import analyse

SOURCE = """
    from pathlib import Path
    from typing import Any, Dict

    from mcp.server.fastmcp import FastMCP


    class Project:
        def __init__(self, name: str, path: Path) -> None:
            self.name = name
            self.root_path = path

        def get_file_path(self, relative_path: str) -> Path:
            norm_path = (self.root_path / relative_path).resolve()
            if not norm_path.is_relative_to(self.root_path):
                raise ValueError("outside the project")
            return norm_path


    class ProjectRegistry:
        def __init__(self) -> None:
            self._projects: Dict[str, Project] = {}

        def register(self, name: str, path: str) -> None:
            self._projects[name] = Project(name, Path(path))

        def get_project(self, name: str) RETURNS:
            return self._projects[name]


    registry = ProjectRegistry()
    mcp = FastMCP("ts")


    @mcp.tool()
    def get_file(project: str, path: str) -> str:
        \"\"\"Return a file of a registered project.\"\"\"
        file_path = registry.get_project(project).get_file_path(path)
        with open(file_path) as f:
            return f.read()
"""


@pytest.mark.parametrize(("returns", "control"), [("-> Project", ()), ("", ("path",))])
def test_a_registry_lookup_is_what_the_method_declares(tmp_path: Path, returns: str, control: tuple[str, ...]) -> None:
    result = analyse(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": SOURCE.replace("RETURNS", returns)})
    (tool,) = result.tools
    reaching = {p for c in tool.capabilities for e in c.evidence if e.sink == "open" for p in e.controlled_by}
    assert tuple(sorted(reaching)) == control
