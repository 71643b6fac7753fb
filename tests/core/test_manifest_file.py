"""The manifest a package-level finding is shown on: the file the package declares itself in."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.discover import discover
from mcpvet.discover.manifest_file import manifest_file


def _tree(root: Path, files: list[str]):
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("{}\n" if rel.endswith(".json") else "x = 1\n")
    tree, _ = discover(root, name_hint="p")
    return tree


@pytest.mark.parametrize(("files", "expected"), [
    (["pyproject.toml", "setup.py", "p/server.py"], "pyproject.toml"),
    (["package.json", "index.js"], "package.json"),
    (["setup.py", "p/server.py"], "setup.py"),
    (["PKG-INFO", "p/server.py"], "PKG-INFO"),
    (["p-1.0.dist-info/METADATA", "p/server.py"], "p-1.0.dist-info/METADATA"),
    (["p/server.py"], None),
])
def test_manifest_file(tmp_path: Path, files: list[str], expected: str | None) -> None:
    assert manifest_file(_tree(tmp_path, files)) == expected
