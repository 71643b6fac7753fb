"""Adding a language touches the frontend table and the new frontend package only.

The proof: a toy language that exists only in this file (files `*.toy`, one statement a line,
`tool NAME "description" -> fetch URL`), registered in the table by the test, runs through the
whole pipeline (`api.inspect` on a folder): discover classifies its files, api runs its frontend,
the scorecard lists the tool, its description and its network capability with evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from mcpvet import api, frontends
from mcpvet.discover import discover
from mcpvet.frontends import FrontendSpec, LanguageFrontend
from mcpvet.model import (
    AnalysisError,
    Capability,
    Evidence,
    FrontendResult,
    HandlerRef,
    Kind,
    Language,
    Location,
    SinkHit,
    SourceTree,
    Tool,
)
from mcpvet.options import InspectOptions
from mcpvet.render.json import validation_errors

_STATEMENT = re.compile(r'\s*tool\s+(\w+)\s+"([^"]*)"\s*->\s*fetch\s+(\S+)\s*')


class ToyFrontend:
    """The whole frontend of the toy language: each statement declares a tool that fetches a URL."""

    def __init__(self, language: Language) -> None:
        self.languages: tuple[Language, ...] = (language,)

    def analyze(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions) -> FrontendResult:
        tools: list[Tool] = []
        errors: list[AnalysisError] = []
        lines = 0
        files = tree.files_of(*self.languages)
        for f in files:
            text = f.abspath.read_text(encoding="utf-8", errors="replace").splitlines()
            lines += len(text)
            module = f.path.rsplit(".", 1)[0].replace("/", ".")
            for n, line in enumerate(text, 1):
                m = _STATEMENT.fullmatch(line)
                if m is None:
                    if line.strip():
                        errors.append(AnalysisError("frontend", f"line {n}: not a toy statement", f.path))
                    continue
                name, description, _url = m.groups()
                at = Location(f.path, n)
                evidence = Evidence(at, "toy.fetch", (f"{module}.{name}",))
                tools.append(Tool(name=name, description=description, input_schema={"type": "object", "properties": {}},
                                  declared_at=at, handler=HandlerRef(at, f"{module}.{name}"), language=self.languages[0],
                                  capabilities=(Capability(Kind.NETWORK, (evidence,)),)))
        return FrontendResult(self.languages[0], tuple(tools), errors=tuple(errors), files_analysed=len(files),
                              lines_analysed=lines)


def _toy_language(factory: bool) -> Iterator[Language]:
    holder: list[LanguageFrontend] = []

    def make() -> LanguageFrontend:
        if not holder:
            holder.append(ToyFrontend(Language("toy")))
        return holder[0]

    spec = FrontendSpec((".toy",), make) if factory else FrontendSpec((".toy",), None, "toy is not supported yet")
    language = frontends.register("toy", spec)
    try:
        yield language
    finally:
        frontends.unregister("toy")


@pytest.fixture
def toy() -> Iterator[Language]:
    yield from _toy_language(factory=True)


@pytest.fixture
def unsupported_toy() -> Iterator[Language]:
    yield from _toy_language(factory=False)


def _package(root: Path) -> Path:
    (root / "tools").mkdir(parents=True)
    (root / "tools" / "weather.toy").write_text(
        'tool forecast "Tells the weather for a city." -> fetch https://api.weather.example/v1\n'
        "\n"
        'tool headlines "Reads the news of the day." -> fetch https://news.example/today\n',
        encoding="utf-8")
    (root / "README.md").write_text("# a toy MCP server\n", encoding="utf-8")
    return root


def test_discover_classifies_the_toy_files_from_the_table(toy: Language, tmp_path: Path) -> None:
    tree, _ = discover(_package(tmp_path / "pkg"), name_hint="toy-server")
    by_path = {f.path: f.language for f in tree.files}
    assert by_path["tools/weather.toy"] is toy
    assert by_path["README.md"] is Language.OTHER
    assert tree.languages == (toy,)


def test_the_toy_language_runs_through_the_whole_pipeline(toy: Language, tmp_path: Path) -> None:
    card = api.inspect(str(_package(tmp_path / "pkg")), InspectOptions(offline=True))
    doc = card.to_json()
    assert not card.failed
    assert doc["target"]["languages"] == ["toy"]
    tools = {t["name"]: t for t in doc["tools"]}
    assert set(tools) == {"forecast", "headlines"}
    forecast = tools["forecast"]
    assert forecast["description"] == "Tells the weather for a city."
    assert forecast["declared_at"] == {"path": "tools/weather.toy", "line": 1}
    assert forecast["handler"]["symbol"] == "tools.weather.forecast"
    [network] = [c for c in forecast["capabilities"] if c["kind"] == "network"]
    assert network["evidence"] == [{"path": "tools/weather.toy", "line": 1, "sink": "toy.fetch",
                                    "call_path": ["tools.weather.forecast"], "controlled_by": []}]
    assert tools["headlines"]["declared_at"]["line"] == 3
    assert card.stats["files"] == 1 and "toy" in card.stats["frontends"]
    assert not [e for e in doc["errors"] if e["stage"] == "frontend"]
    assert validation_errors(doc) == []  # the scorecard contract is unchanged for a new language
    json.dumps(doc)


def test_a_toy_file_the_frontend_cannot_read_is_an_error_not_a_crash(toy: Language, tmp_path: Path) -> None:
    root = _package(tmp_path / "pkg")
    (root / "tools" / "broken.toy").write_text("tool without quotes\n", encoding="utf-8")
    card = api.inspect(str(root), InspectOptions(offline=True))
    assert any(e.stage == "frontend" and e.path == "tools/broken.toy" for e in card.errors)
    assert {t.name for t in card.tools} == {"forecast", "headlines"}


def test_a_language_in_the_table_without_a_frontend_is_reported(unsupported_toy: Language, tmp_path: Path) -> None:
    card = api.inspect(str(_package(tmp_path / "pkg")), InspectOptions(offline=True))
    assert card.languages == (unsupported_toy,)
    assert card.tools == ()
    assert any(e.stage == "frontend" and "no toy frontend" in e.message for e in card.errors)


def test_unregister_leaves_the_language_enum_as_it_was(tmp_path: Path) -> None:
    before = list(Language)
    for _ in _toy_language(factory=True):
        assert Language("toy") in list(Language)
    assert list(Language) == before
    assert "toy" not in frontends.FRONTENDS
    with pytest.raises(ValueError):
        Language("toy")
