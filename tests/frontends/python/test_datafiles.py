"""Data files of the package read as values (JSON, YAML, TOML), and what stays unknown."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mcpvet.frontends.python.datafiles import MAX_NODES, _TooBig, to_value
from mcpvet.frontends.python.values import Const, DictVal, Seq, Unknown, one
from mcpvet.pyast import short
from tests.frontends.python.test_cases import analyse

SERVER = '''
import json
import os
import tomllib
from pathlib import Path

import yaml
from mcp.server.fastmcp import FastMCP

HERE = Path(__file__).parent
TEXTS = {LOAD}

mcp = FastMCP("texts")


@mcp.tool(name=TEXTS["name"], description=TEXTS["description"])
def look_up(word: str) -> str:
    return word
'''


def package(tmp_path: Path, load: str, files: dict[str, str]) -> Path:
    src = tmp_path / "src" / "texts"
    src.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "texts"\nversion = "1.0.0"\n')
    (src / "__init__.py").write_text("")
    (src / "server.py").write_text(SERVER.replace("{LOAD}", load))
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(("load", "name", "text"), [
    ('json.loads((HERE / "t.json").read_text())', "t.json", '{"name": "look_up", "description": "Look a word up."}'),
    ('json.load(open(os.path.join(os.path.dirname(__file__), "data", "t.json")))', "data/t.json",
     '{"name": "look_up", "description": "Look a word up."}'),
    ('yaml.safe_load((HERE / "t.yaml").open())', "t.yaml", "name: look_up\ndescription: Look a word up.\n"),
    ('tomllib.loads((HERE / "t.toml").read_text())', "t.toml",
     'name = "look_up"\ndescription = "Look a word up."\n'),
])
def test_a_tool_declared_from_a_data_file_of_the_package(tmp_path: Path, load: str, name: str, text: str) -> None:
    result = analyse(package(tmp_path, load, {name: text}))
    assert [(t.name, t.description, t.description_source) for t in result.tools] == [
        ("look_up", "Look a word up.", "static")], result.errors


NOT_READ = "what it reads is not a file of the package named by a constant path"
NOT_PARSED = "the file does not parse (or uses YAML tags the safe loader refuses)"


@pytest.mark.parametrize(("load", "files", "why"), [
    ('json.loads(Path(os.environ["TEXTS"]).read_text())', {}, NOT_READ),  # a path chosen at run time
    ('json.loads((HERE / "missing.json").read_text())', {}, NOT_READ),
    ('json.loads((HERE / "t.json").read_text())', {"t.json": '{"name": "look_up", '}, NOT_PARSED),
    ('yaml.safe_load((HERE / "t.yaml").read_text())',  # a tag the safe loader refuses
     {"t.yaml": "name: !!python/object/apply:os.system ['true']\ndescription: x\n"}, NOT_PARSED),
])
def test_a_data_file_not_known_leaves_the_name_unknown_and_says_why(
        tmp_path: Path, load: str, files: dict[str, str], why: str) -> None:
    result = analyse(package(tmp_path, load, files))
    assert not result.tools
    assert [e.message for e in result.errors] == [
        f"tool name at line 16 could not be computed statically: `TEXTS` = `{short(ast.parse(load).body[0], 80)}` "
        f"(line 11), a data file loaded at start: {why}"]


def test_values_of_parsed_data() -> None:
    assert to_value({"a": [1, None, "x"]}) == DictVal(((one(Const("a")), one(Seq((
        one(Const(1)), one(Const(None)), one(Const("x")))))),))
    assert isinstance(to_value(__import__("datetime").date(2024, 1, 1)), Unknown)


def test_a_document_past_the_budget_is_not_expanded() -> None:
    # YAML aliases make a few lines a document of billions of values
    bomb = __import__("yaml").safe_load("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                                        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n")
    with pytest.raises(_TooBig):
        to_value(bomb)
    assert MAX_NODES < 9 ** 5


LISTED = '''
import yaml
from importlib.resources import files
from mcp.server.fastmcp import FastMCP

SETTINGS = yaml.safe_load(files("texts").joinpath("settings.yaml").read_text())
mcp = FastMCP("texts")


@mcp.tool(description="Look a word up.")
def look_up(word: str) -> str:
    return SETTINGS["prefix"] + word
'''


def test_a_data_file_loaded_is_not_named_when_the_tools_are_listed(tmp_path: Path) -> None:
    """The benign twin of cases/python/dynamic/data-file-tool-packages: a YAML file loaded at start, the
    tools registered by constant names: nothing to explain, no note about the data file."""
    root = package(tmp_path, "None", {"settings.yaml": "prefix: 'w:'\n"})
    (root / "src" / "texts" / "server.py").write_text(LISTED)
    result = analyse(root)
    assert [t.name for t in result.tools] == ["look_up"]
    assert not [e for e in result.errors if "data files" in e.message], result.errors


def test_a_registration_not_followed_names_the_data_file_the_code_loads(tmp_path: Path) -> None:
    """A registration whose function is not resolved, in code that loads a YAML file of its own: errors[]
    names the file, what it holds and where it is loaded (a file it cannot read is never named)."""
    src = LISTED.replace('@mcp.tool(description="Look a word up.")\ndef look_up(word: str) -> str:\n'
                         '    return SETTINGS["prefix"] + word\n',
                         'for name in SETTINGS["tools"]:\n    mcp.tool(name=name)(globals()[name])\n')
    root = package(tmp_path, "None", {"settings.yaml": "tools: [look_up, spell]\n"})
    (root / "src" / "texts" / "server.py").write_text(src)
    result = analyse(root)
    [note] = [e.message for e in result.errors if "data files" in e.message]
    assert note.startswith("tools may be declared in data files the package's code loads: "
                           "src/texts/settings.yaml (a document with the keys tools; loaded at src/texts/server.py:6)")
