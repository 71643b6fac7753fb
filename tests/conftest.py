"""Shared fixtures: a loopback HTTP server, an isolated cache, the scorecard schema.

The suite reads nothing outside the repository: sample packages live in corpus/cases (our
evaluation corpus, each with its truth.json) and tests/fixtures (packages written for one trait).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fakehttp import FakeHTTPServer

ROOT = Path(__file__).resolve().parent.parent
CORPUS_CASES = ROOT / "corpus" / "cases"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def fake_http() -> Iterator[FakeHTTPServer]:
    server = FakeHTTPServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's cache, and none reaches a real registry by accident;
    every JSON scorecard is checked against its schema."""
    monkeypatch.setenv("MCPVET_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # every scorecard rendered as JSON, here or by a process a test starts, is checked against the
    # schema (mcpvet.render.json): the contract is held by the suite, a user's run skips the check
    monkeypatch.setenv("MCPVET_VALIDATE_OUTPUT", "1")
    for var in ("MCPVET_PYPI_URL", "MCPVET_NPM_URL", "MCPVET_OSV_URL"):
        monkeypatch.delenv(var, raising=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    pass


@pytest.fixture(scope="session")
def scorecard_schema() -> dict:
    from importlib import resources

    return json.loads(resources.files("mcpvet").joinpath("scorecard.schema.json").read_text("utf-8"))
