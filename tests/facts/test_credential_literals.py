"""Credential paths near a tool's reads count only in path-like string literals: a comment or a
message naming `claude_desktop_config.json` near an environment read is not what the read reads."""

from __future__ import annotations

from mcpvet.behaviour import sensitive
from mcpvet.facts.scan import path_literals_only

PY = '''import os
# set it in your MCP config (e.g. claude_desktop_config.json)
cookie = os.environ.get("NOTES_COOKIE")
msg = ("Update the cookie value in your MCP config file "
       "(e.g. claude_desktop_config.json) and restart.")
key = open(os.path.expanduser("~/.ssh/id_rsa")).read()
"""a docstring about ~/.aws/credentials"""
'''

JS = '''// read ~/.aws/credentials? no
const msg = "put the token in your claude_desktop_config.json and restart";
const key = fs.readFileSync(path.join(os.homedir(), ".ssh", "id_rsa"));
const cfg = `${home}/.cursor/mcp.json`;
'''


def _found(text: str) -> set[str]:
    return {h.text for h in sensitive.find(text)}


def test_python_keeps_path_literals_only() -> None:
    masked = path_literals_only("a.py", PY)
    assert len(masked) == len(PY) and masked.count("\n") == PY.count("\n")
    assert _found(masked) == {".ssh", "id_rsa"}
    assert "claude_desktop_config.json" in _found(PY)


def test_javascript_keeps_path_literals_only() -> None:
    masked = path_literals_only("a.js", JS)
    assert len(masked) == len(JS)
    assert _found(masked) == {".ssh", "id_rsa", ".cursor", "mcp.json"}
    assert "claude_desktop_config.json" not in _found(masked) and ".aws" not in _found(masked)


def test_a_text_naming_nothing_is_blank() -> None:
    assert path_literals_only("a.py", "x = 'hello'\n") == "           \n"
