"""Fields of pydantic-settings classes are environment variables (`mcpvet.frontends.python.settingsenv`):
`Settings().url` is what the variable of the field's name (after the class's `env_prefix`), or of its
alias, holds where the server runs; a field of a plain pydantic model is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run_cli

PY = '''
import httpx
from mcp.server.fastmcp import FastMCP
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

mcp = FastMCP("s")


class Prefixed(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    url: str = ""


class Aliased(BaseSettings):
    url: str = Field("", validation_alias="ALIASED_URL")


class Old(BaseSettings):
    url: str = ""

    class Config:
        env_prefix = "OLD_"


class Child(Prefixed):
    mirror: str = ""


class Plain(BaseModel):
    url: str = ""


@mcp.tool()
def prefixed(q: str) -> str:
    """Prefixed."""
    return httpx.get(Prefixed().url, params={"q": q}).text


@mcp.tool()
def aliased(q: str) -> str:
    """Aliased."""
    return httpx.get(Aliased().url, params={"q": q}).text


@mcp.tool()
def old(q: str) -> str:
    """Old."""
    return httpx.get(Old().url, params={"q": q}).text


@mcp.tool()
def child(q: str) -> str:
    """Child."""
    return httpx.get(Child().mirror, params={"q": q}).text


@mcp.tool()
def plain(q: str) -> str:
    """Plain."""
    return httpx.get(Plain().url, params={"q": q}).text
'''


def test_fields_of_settings_classes_are_environment_variables(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = \"s\"\nversion = \"1.0.0\"\n", "utf-8")
    (tmp_path / "s" / "server.py").write_text(PY, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    card = json.loads(out)

    def sources(tool: str) -> list[str]:
        [t] = [t for t in card["tools"] if t["name"] == tool]
        [ev] = [e for c in t["capabilities"] if c["kind"] == "network" for e in c["evidence"]]
        return [d for d in ev.get("data_from", []) if d.startswith("env:")]

    assert sources("prefixed") == ["env:APP_URL"]
    assert sources("aliased") == ["env:ALIASED_URL"]
    assert sources("old") == ["env:OLD_URL"]
    assert sources("child") == ["env:APP_MIRROR"]  # the prefix of the base class
    assert sources("plain") == []  # a plain model is not read from the environment
