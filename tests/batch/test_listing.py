"""Bad input from the registry or a listing file: clear problems, the listing goes on or stops saying why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcpvet.batch.listing import Entry, Problem, RegistryClient, read_listing_file
from mcpvet.batch.targets import SKIPPED, UNSUPPORTED, Alias, Item, items_from_listing
from tests.batch.fake_mcp_registry import FakeMCPRegistry, entry, package


@pytest.fixture
def mcp() -> Iterator[FakeMCPRegistry]:
    fake = FakeMCPRegistry([entry(f"io.github.t/s{i}", packages=[package("pypi", f"s{i}", "1.0")]) for i in range(5)],
                           max_limit=2)
    yield fake
    fake.stop()


def _client(mcp: FakeMCPRegistry, **kw: object) -> RegistryClient:
    return RegistryClient(mcp.url, backoff_s=0.01, retries=2, timeout_s=5, **kw)  # type: ignore[arg-type]


def test_pages_are_followed_with_the_legacy_cursor_too(mcp: FakeMCPRegistry) -> None:
    for legacy in (False, True):
        mcp.legacy_cursor = legacy
        got = list(_client(mcp).entries())
        assert [e.server["name"] for e in got if isinstance(e, Entry)] == [f"io.github.t/s{i}" for i in range(5)]
        assert not [p for p in got if isinstance(p, Problem)]


def test_429_and_5xx_are_retried_then_an_error(mcp: FakeMCPRegistry) -> None:
    mcp.fail_once = {2: [429, 502]}
    assert len([e for e in _client(mcp).entries() if isinstance(e, Entry)]) == 5
    mcp.fail_once = {2: [503, 503, 503, 503]}
    got = list(_client(mcp).entries())
    assert len([e for e in got if isinstance(e, Entry)]) == 2  # page 1 is kept
    assert isinstance(got[-1], Problem) and got[-1].fatal and "HTTP 503" in got[-1].message


def test_a_repeating_cursor_stops_the_listing(mcp: FakeMCPRegistry) -> None:
    mcp.repeat_cursor_after = 2
    got = list(_client(mcp).entries())
    assert isinstance(got[-1], Problem) and "again" in got[-1].message
    assert len([e for e in got if isinstance(e, Entry)]) == 4


@pytest.mark.parametrize(("body", "words"), [(b"<html>oops</html>", "not JSON"), (b'{"items": []}', "not a ServerList"),
                                             (b'{"servers": [' + b'"x",' * 1000 + b'"x"]}', "larger than")])
def test_bad_pages(mcp: FakeMCPRegistry, body: bytes, words: str) -> None:
    mcp.raw_pages = {2: body}
    got = list(_client(mcp, max_page_bytes=3000).entries())
    assert isinstance(got[-1], Problem) and got[-1].fatal and words in got[-1].message
    assert len([e for e in got if isinstance(e, Entry)]) == 2


def test_listing_files(tmp_path: Path) -> None:
    page = {"servers": [entry("a/b", packages=[package("npm", "b", "1.0.0")]), {"server": {"name": ""}}],
            "metadata": {"count": 2}}
    (tmp_path / "page.json").write_text(json.dumps(page))
    details = [entry("a/c", packages=[package("pypi", "c", "2")])["server"]]
    (tmp_path / "array.json").write_text(json.dumps(details))
    (tmp_path / "lines.jsonl").write_text(json.dumps(page["servers"][0]) + "\n{broken\n" + json.dumps(details[0]) + "\n")
    (tmp_path / "text.txt").write_text("pypi:x\n")
    first = list(read_listing_file(tmp_path / "page.json"))
    assert isinstance(first[0], Entry) and isinstance(first[1], Problem) and "no name" in first[1].message
    assert [e.server["name"] for e in read_listing_file(tmp_path / "array.json")] == ["a/c"]  # type: ignore[union-attr]
    lines = list(read_listing_file(tmp_path / "lines.jsonl"))
    assert [type(x).__name__ for x in lines] == ["Entry", "Problem", "Entry"] and "line 2" in lines[1].origin
    bad = list(read_listing_file(tmp_path / "text.txt"))
    assert len(bad) == 1 and isinstance(bad[0], Problem) and bad[0].fatal and "not JSON" in bad[0].message


def test_mapping_and_dedupe() -> None:
    entries = [
        Entry(entry("a/x", packages=[package("PyPI", "X", "1.0")])["server"]),
        Entry(entry("a/y", packages=[package("pypi", "x", "1.0"), package("npm", "y", "latest"),
                                     package("cargo", "z", "1")])["server"]),
        Entry(entry("a/r", remotes=[{"type": "sse", "url": "https://r.example"}])["server"]),
        Entry(entry("a/d")["server"], {"status": "deleted"}),
    ]
    got = list(items_from_listing(entries))
    assert isinstance(got[0], Item) and got[0].spec == "pypi:X==1.0"
    assert isinstance(got[1], Alias) and got[1].item is got[0] and [s["name"] for s in got[0].servers] == ["a/x", "a/y"]
    rest = [(g.key, g.status) for g in got[2:] if isinstance(g, Item)]
    assert rest == [("package:npm:y@latest#", UNSUPPORTED), ("package:cargo:z@1", UNSUPPORTED),
                    ("server:a/r@1.0.0", UNSUPPORTED), ("server:a/d@1.0.0", SKIPPED)]
