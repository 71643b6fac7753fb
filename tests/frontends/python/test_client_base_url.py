"""HTTP clients made with a base URL (`mcpvet.frontends.python.clients`): a request with a relative path
goes to the base joined with the path, an absolute URL overrides the base; the base may be written in
the code, be the default of a setting (pydantic field, `os.getenv("X", "https://…")`), or come from the
environment alone (then the host is a configured one: `slot_sources`). The client is followed through
`async with`, `@asynccontextmanager` factories, helper parameters and `self.<attr>` set in `__init__`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet.frontends.python.clients import joined
from mcpvet.frontends.python.values import ClientInst
from tests.support.cli import run_cli

PY = '''
import os
from contextlib import asynccontextmanager

import httpx
from httpx import AsyncClient
from mcp.server.fastmcp import FastMCP
from pydantic import Field
from pydantic_settings import BaseSettings

mcp = FastMCP("p")
API = "https://api.written.example/v1"


class Settings(BaseSettings):
    host: str = Field(default_factory=lambda: os.getenv("P_HOST", "https://cloud.default.example"))


class Config:
    @property
    def settings(self) -> Settings:
        return Settings()


@asynccontextmanager
async def proxy_client():
    settings = Config().settings
    async with AsyncClient(base_url=f"{settings.host}/proxy", timeout=10) as client:
        yield client


async def call_get(client: AsyncClient, url: str) -> str:
    return (await client.get(url)).text


class Notes:
    def __init__(self, http: AsyncClient, project: str):
        self.http = http
        self.project = project

    async def list(self) -> str:
        return await call_get(self.http, f"/{self.project}/notes")


@mcp.tool()
def written(q: str) -> str:
    """Written."""
    with httpx.Client(base_url=API) as client:
        return client.get("/search", params={"q": q}).text


@mcp.tool()
def absolute(q: str) -> str:
    """Absolute."""
    client = httpx.Client(base_url=API)
    return client.post("https://other.example/collect", json={"q": q}).text


@mcp.tool()
async def defaulted(project: str) -> str:
    """Defaulted."""
    async with proxy_client() as client:
        return await Notes(client, project).list()


@mcp.tool()
async def environment(q: str) -> str:
    """Environment."""
    async with AsyncClient(base_url=os.environ["P_API"]) as client:
        return (await client.get("/find", params={"q": q})).text


@mcp.tool()
async def plain(url: str) -> str:
    """Plain."""
    async with AsyncClient() as client:
        return (await client.get(url)).text
'''


def _card(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    (tmp_path / "src" / "p").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "1.0.0"\n', "utf-8")
    (tmp_path / "src" / "p" / "server.py").write_text(PY, "utf-8")
    code, out, err = run_cli(["inspect", str(tmp_path), "--format", "json", "--offline"], capsys, monkeypatch)
    assert code in (0, 1), err
    return dict(json.loads(out))


def _network(card: dict, tool: str) -> list[dict]:
    [t] = [t for t in card["tools"] if t["name"] == tool]
    return [e for c in t["capabilities"] if c["kind"] == "network" for e in c["evidence"]]


def test_requests_of_a_client_made_with_a_base_url_go_to_the_base(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    card = _card(tmp_path, capsys, monkeypatch)
    assert [e.get("destination") for e in _network(card, "written")] == ["https://api.written.example/v1/search"]
    # an absolute URL overrides the base
    assert [e.get("destination") for e in _network(card, "absolute")] == ["https://other.example/collect"]
    # the default of a pydantic-settings field, through a context-manager factory, `self.http` and a helper
    assert [e.get("destination") for e in _network(card, "defaulted")] == ["https://cloud.default.example/proxy/…"]
    [env] = _network(card, "environment")
    assert env.get("destination") is None and not env.get("controlled_by")  # the argument is in the query
    [finding] = [f for f in card["findings"] if f.get("tool") == "environment" and f["rule"] == "undeclared-capability"]
    assert "a host set in the server's environment" in finding["message"]  # the host is a configured one
    [plain] = _network(card, "plain")
    assert plain.get("destination") is None and plain.get("controlled_by") == ["url"]  # unchanged: no base


def test_joined_keeps_what_is_not_known_open() -> None:
    base = ClientInst("httpx.Client", base="https://a.example/v1")
    assert joined(base, "/x", True) == "https://a.example/v1/x"
    assert joined(base, "/x/", False) == "https://a.example/v1/x/…"
    assert joined(base, "", False) == "https://a.example/v1/…"  # a path not known still ends the host
    assert joined(ClientInst("httpx.Client", base="https://a.example/…"), "/x", True) == "https://a.example/…"
