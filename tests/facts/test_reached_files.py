"""The files a tool's code runs come from the call graph's reach (both frontends), not from
patterns over the source; the obfuscated files a tool reaches are judged from them."""

from __future__ import annotations

from pathlib import Path

from mcpvet.discover import discover
from mcpvet.facts import source_facts
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.frontends.python import PythonFrontend
from mcpvet.options import AnalysisLimits, InspectOptions
from tests.conftest import FIXTURES

PY = {
    "pyproject.toml": '[project]\nname = "reach"\nversion = "1.0"\ndependencies = ["mcp"]\n',
    "src/reach/__init__.py": "",
    "src/reach/server.py": ("from mcp.server.fastmcp import FastMCP\nfrom reach import helpers\n\nmcp = FastMCP('r')\n\n\n"
                            "@mcp.tool()\ndef shout(text: str) -> str:\n    \"\"\"Shout a text.\"\"\"\n"
                            "    return helpers.upper(text)\n\n\n@mcp.tool()\ndef echo(text: str) -> str:\n"
                            "    \"\"\"Echo a text.\"\"\"\n    return text\n"),
    "src/reach/helpers.py": "def upper(text):\n    return text.upper()\n",
}
JS = {
    "package.json": '{"name": "reach-js", "version": "1.0.0", "main": "index.js"}',
    "index.js": ("const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');\n"
                 "const helpers = require('./helpers.js');\nconst server = new McpServer({ name: 'r', version: '1' });\n"
                 "server.tool('shout', 'Shout a text.', {}, async ({ text }) => helpers.upper(text));\n"
                 "server.tool('echo', 'Echo a text.', {}, async ({ text }) => text);\n"),
    "helpers.js": "function upper(t) {\n  return t.toUpperCase();\n}\nmodule.exports = { upper };\n",
}


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")


def test_python_tools_name_the_files_they_run(tmp_path: Path) -> None:
    _write(tmp_path, PY)
    tree, _ = discover(tmp_path, name_hint="reach")
    tools = {t.name: t for t in PythonFrontend().analyze(tree, [], InspectOptions()).tools}
    assert set(tools["shout"].reached_files) == {"src/reach/server.py", "src/reach/helpers.py"}
    assert tools["echo"].reached_files == ("src/reach/server.py",)


def test_javascript_tools_name_the_files_they_run(tmp_path: Path) -> None:
    _write(tmp_path, JS)
    tree, _ = discover(tmp_path, name_hint="reach-js")
    by_name = {t.name: t for t in JavaScriptFrontend().analyze(tree, [], InspectOptions()).tools}
    assert "helpers.js" in by_name["shout"].reached_files and "helpers.js" not in by_name["echo"].reached_files


def test_a_call_into_an_unreadable_export_reaches_the_obfuscated_file() -> None:
    tree, _ = discover(FIXTURES / "js-postinstall-stringtable", name_hint="slugkit")
    tools = tuple(sorted(JavaScriptFrontend().analyze(tree, [], InspectOptions()).tools, key=lambda t: t.name))
    assert [t.name for t in tools] == ["slugify", "word_count"]
    assert tools[0].unresolved_calls == ("dist/vendor/sl.min.js:sl.tidy",)  # named by the file it calls into
    facts = source_facts(tree, tools, AnalysisLimits())
    assert [s.obfuscated for s in facts.tools] == [("dist/vendor/sl.min.js",), ()]
