"""The pipeline on a local folder, with the fetch stage replaced by a folder already on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.fetch.interface import Fetched
from mcpvet.model import Ecosystem, Target
from mcpvet.options import InspectOptions
from mcpvet.render import Format, render
from mcpvet.render.json import validation_errors

ROOT = Path(__file__).resolve().parents[2]
VENDORED_SCHEMA = ROOT / "analyzer" / "mcpvet" / "scorecard.schema.json"


def _local_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_fetch(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        path = Path(spec).resolve()
        return Fetched(Target(spec, Ecosystem.LOCAL, path.name), directory=path)

    import mcpvet.fetch

    monkeypatch.setattr(mcpvet.fetch, "fetch_target", fake_fetch, raising=False)


def _pkg(tmp_path: Path) -> Path:
    root = tmp_path / "calc"
    (root / "src" / "calc").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "calc-mcp"\nversion = "1.0"\n')
    (root / "src" / "calc" / "server.py").write_text(
        "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('c')\n\n@mcp.tool()\n"
        "def add(a: int, b: int) -> int:\n    \"\"\"Add.\"\"\"\n    return a + b\n"
    )
    (root / "index.js").write_text("console.log('hi')\n")
    return root


def test_languages_without_a_frontend_are_named_and_score_is_null(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _local_fetch(monkeypatch)
    monkeypatch.setattr(api, "frontend_for", lambda lang: None)
    monkeypatch.setattr(api, "ALL_CHECKS", ())
    card = api.inspect(str(_pkg(tmp_path)))
    doc = card.to_json()
    assert validation_errors(doc) == []
    assert doc["tools"] == []
    assert doc["target"]["name"] == "calc-mcp" and doc["target"]["version"] == "1.0"
    assert doc["target"]["languages"] == ["python", "javascript"]
    missing = sorted(e["message"].split()[3] for e in doc["errors"] if e["stage"] == "frontend")
    assert missing == ["javascript", "python"]
    # nothing concluded: no score, never a default pass
    assert doc["score"]["value"] is None and doc["score"]["grade"] is None


def test_a_crashing_frontend_costs_its_language_not_the_scorecard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Boom:
        languages = ()

        def analyze(self, *a: object) -> None:
            raise RuntimeError("kaboom")

    _local_fetch(monkeypatch)
    boom = Boom()
    monkeypatch.setattr(api, "frontend_for", lambda lang: boom)
    card = api.inspect(str(_pkg(tmp_path)))
    assert any("kaboom" in e.message for e in card.errors)
    assert validation_errors(card.to_json()) == []


def test_renderers_are_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _local_fetch(monkeypatch)
    root = _pkg(tmp_path)
    first = api.inspect(str(root))
    second = api.inspect(str(root))
    for fmt in Format:
        assert render(first, fmt) == render(second, fmt)
    assert json.loads(render(first, Format.JSON))["schema_version"] == "1"


def test_scratch_folder_is_removed_even_on_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    made: list[Path] = []
    real = tempfile.mkdtemp

    def spy(*a: object, **k: object) -> str:
        p = real(*a, **k)  # type: ignore[arg-type]
        made.append(Path(p))
        return p

    def failing(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        (scratch / "partial").write_text("x")
        raise KeyboardInterrupt

    import mcpvet.fetch

    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    monkeypatch.setattr(mcpvet.fetch, "fetch_target", failing, raising=False)
    with pytest.raises(KeyboardInterrupt):
        api.inspect("whatever")
    assert made and not any(p.exists() for p in made)


def test_vendored_schema_is_a_valid_schema() -> None:
    import jsonschema

    doc = json.loads(VENDORED_SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(doc)
    assert {"schema_version", "target", "tools", "findings", "score", "errors"} <= set(doc["required"])

