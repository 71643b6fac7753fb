"""Reach helpers: which files and code regions a tool's handler reaches."""

from __future__ import annotations

from pathlib import Path

from mcpvet.facts.source import (
    handler_region,
    import_bindings,
    imported_by_package,
    symbol_files,
    tool_files,
)
from mcpvet.model import Kind
from tests.checks.support import cap, tool, write_tree

PY = ("from .helpers import shout\nfrom . import util\nimport pkg.other as o\n\n"
      "def first(x):\n    return shout(x)\n\n\ndef second(x):\n    return x\n")
JS = ("const { a, b: bee } = require('./lib/a.js');\nconst c = require('./c');\nimport d from './d.js';\n"
      "server.tool('one', 'One', {}, async ({ x }) => {\n  return a(x);\n});\n"
      "server.tool('two', 'Two', {}, async ({ x }) => {\n  return c.run(x);\n});\n")


def test_python_bindings_and_regions(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": PY, "pkg/helpers.py": "def shout(x):\n    return x\n",
                                 "pkg/util.py": "", "pkg/other.py": ""})
    b = import_bindings("pkg/server.py", PY, tree)
    assert b == {"shout": "pkg/helpers.py", "util": "pkg/util.py", "o": "pkg/other.py"}
    first = tool("first", "F.", handler=("pkg/server.py", 5))
    second = tool("second", "S.", handler=("pkg/server.py", 9))
    assert handler_region(first, tree, [first, second]).splitlines() == ["def first(x):", "    return shout(x)"]
    assert symbol_files(["pkg.helpers.shout", "helpers.shout", "nowhere.x"], tree) == {"pkg/helpers.py"}
    assert imported_by_package("pkg/helpers.py", tree)
    assert not imported_by_package("pkg/server.py", tree)


def test_js_bindings_and_regions(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"package.json": "{}", "src/index.js": JS, "src/lib/a.js": "", "src/c.js": "",
                                 "src/d.js": ""})
    b = import_bindings("src/index.js", JS, tree)
    assert b == {"a": "src/lib/a.js", "bee": "src/lib/a.js", "c": "src/c.js", "d": "src/d.js"}
    one = tool("one", "One", handler=("src/index.js", 4))
    two = tool("two", "Two", handler=("src/index.js", 7))
    assert "return a(x)" in handler_region(one, tree, [one, two]) and "c.run" not in handler_region(one, tree, [one, two])


def test_tool_files_from_evidence(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"pkg/server.py": "", "pkg/net.py": "", "pkg/deep.py": ""})
    t = tool("t", "T.", cap(Kind.NETWORK, "pkg/net.py", 3, "requests.get", "pkg.server.t", "pkg.deep.go"),
             handler=("pkg/server.py", 1))
    assert tool_files(t, tree) == {"pkg/server.py", "pkg/net.py", "pkg/deep.py"}
