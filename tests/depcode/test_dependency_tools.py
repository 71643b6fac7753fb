"""Tools a package's entry hands over from a dependency (mcpvet.depcode through mcpvet.api).

The fixture js-dependency-server: `@acme/wrapped-mcp` re-exports the server of `tiny-mcp-core`,
published on a 127.0.0.1 fake npm registry at versions 1.1.0, 1.2.0, 1.3.0 and 2.0.0 (latest); the
wrapper declares `^1.2.0`, so npm installs 1.3.0. The live answer of `tools/list` on the fixture's
server (the SDK's client, see the fixture's README): run_command and echo_text with these descriptions.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mcpvet import api
from tests.support.registry import FakeRegistry, NpmVersion

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "js-dependency-server"
LIVE = {"run_command": "Run a shell command on the host.", "echo_text": "Echo the given text back."}


def _dep_version(tmp: Path, version: str, *, description: str | None = None, tool: str | None = None) -> NpmVersion:
    """The dependency at `version`; another description of echo_text, or another tool name, marks the version."""
    folder = tmp / f"dep-{version}"
    shutil.copytree(FIXTURE / "dep", folder)
    manifest = json.loads((folder / "package.json").read_text())
    manifest["version"] = version
    (folder / "package.json").write_text(json.dumps(manifest))
    bundle = folder / "lib" / "bundle.js"
    text = bundle.read_text()
    if description is not None:
        text = text.replace("Echo the given text back.", description)
    if tool is not None:
        text = text.replace('"echo_text"', json.dumps(tool))
    bundle.write_text(text)
    return NpmVersion.from_folder(folder)


@pytest.fixture
def reg(fake_http: Any, tmp_path: Path) -> FakeRegistry:
    r = FakeRegistry(fake_http)
    r.publish_npm("tiny-mcp-core", {
        "1.1.0": _dep_version(tmp_path, "1.1.0", description="too old"),
        "1.2.0": _dep_version(tmp_path, "1.2.0", description="older"),
        "1.3.0": _dep_version(tmp_path, "1.3.0"),
        "2.0.0": _dep_version(tmp_path, "2.0.0", tool="v2_only"),
    }, dist_tags={"latest": "2.0.0"})
    r.publish_npm("@acme/wrapped-mcp", {"1.0.0": NpmVersion.from_folder(FIXTURE / "wrapper")})
    return r


def _tools(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in doc["tools"]}


def test_the_tools_of_the_dependency_are_the_packages(reg: FakeRegistry, tmp_path: Path,
                                                      scorecard_schema: dict[str, Any]) -> None:
    doc = api.inspect("npm:@acme/wrapped-mcp@1.0.0", reg.options(tmp_path / "cache")).to_json()
    jsonschema.validate(doc, scorecard_schema)
    tools = _tools(doc)
    assert {n: t["description"] for n, t in tools.items()} == LIVE  # 1.3.0 (^1.2.0), not latest 2.0.0
    assert set(tools["echo_text"]["input_schema"]["properties"]) == {"text"}
    for t in tools.values():
        assert t["declared_at"]["path"] == "node_modules/tiny-mcp-core/lib/bundle.js"
    process = [c for c in tools["run_command"]["capabilities"] if c["kind"] == "process"]
    assert process and process[0]["evidence"][0]["path"] == "node_modules/tiny-mcp-core/lib/shell.js"
    assert not [c for c in tools["echo_text"]["capabilities"] if c["kind"] == "process"]
    messages = [e["message"] for e in doc["errors"]]
    assert any("tiny-mcp-core@1.3.0" in m and "listed from the dependency" in m for m in messages)
    assert not any(m.startswith(("no MCP tool declaration recognised", "no tools found in the package's own code"))
                   for m in messages)
    # the version npm installs was fetched, and only it
    assert reg.requests_for("tiny-mcp-core-1.3.0.tgz") == 1
    assert reg.requests_for("tiny-mcp-core-2.0.0.tgz") == reg.requests_for("tiny-mcp-core-1.2.0.tgz") == 0


def test_offline_uses_the_cached_dependency(reg: FakeRegistry, tmp_path: Path) -> None:
    api.inspect("npm:@acme/wrapped-mcp@1.0.0", reg.options(tmp_path / "cache"))
    before = len(reg.server.requests)
    doc = api.inspect("npm:@acme/wrapped-mcp@1.0.0", reg.options(tmp_path / "cache", offline=True)).to_json()
    assert len(reg.server.requests) == before
    assert {n: t["description"] for n, t in _tools(doc).items()} == LIVE


def test_offline_without_a_cached_copy_says_which_dependency(tmp_path: Path,
                                                             scorecard_schema: dict[str, Any]) -> None:
    from mcpvet.options import InspectOptions

    folder = shutil.copytree(FIXTURE / "wrapper", tmp_path / "wrapper")
    opts = InspectOptions(cache_dir=tmp_path / "empty-cache", offline=True, npm_url="http://127.0.0.1:9/npm")
    doc = api.inspect(str(folder), opts).to_json()
    jsonschema.validate(doc, scorecard_schema)
    assert doc["tools"] == []
    lost = [e for e in doc["errors"] if e["stage"] == "dependency"]
    assert len(lost) == 1
    assert "tiny-mcp-core" in lost[0]["message"] and "could not be fetched" in lost[0]["message"]
    assert "offline" in lost[0]["message"] and "tools it declares may be missing" in lost[0]["message"]
    # the bin cli.js reaches it through its own ./index: the program npm starts is named first
    assert lost[0]["path"] == "cli.js" and "index.js" in lost[0]["message"]


def test_a_copy_shipped_in_node_modules_is_read_without_fetching(tmp_path: Path) -> None:
    from mcpvet.options import InspectOptions

    folder = shutil.copytree(FIXTURE / "wrapper", tmp_path / "wrapper")
    shutil.copytree(FIXTURE / "dep", folder / "node_modules" / "tiny-mcp-core")
    opts = InspectOptions(cache_dir=tmp_path / "empty-cache", offline=True, npm_url="http://127.0.0.1:9/npm")
    doc = api.inspect(str(folder), opts).to_json()
    assert {n: t["description"] for n, t in _tools(doc).items()} == LIVE
    assert not [e for e in doc["errors"] if e["stage"] == "dependency" and "not analysed" in e["message"]]


def test_a_cut_selection_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mcpvet.depcode
    from mcpvet.options import InspectOptions

    folder = shutil.copytree(FIXTURE / "wrapper", tmp_path / "wrapper")
    shutil.copytree(FIXTURE / "dep", folder / "node_modules" / "tiny-mcp-core")
    monkeypatch.setattr(mcpvet.depcode, "MAX_BYTES", (FIXTURE / "dep" / "lib" / "bundle.js").stat().st_size)
    opts = InspectOptions(cache_dir=tmp_path / "empty-cache", offline=True, npm_url="http://127.0.0.1:9/npm")
    doc = api.inspect(str(folder), opts).to_json()
    assert set(_tools(doc)) == set(LIVE)  # the module declaring them was read
    cut = [e["message"] for e in doc["errors"] if e["stage"] == "dependency" and "were cut" in e["message"]]
    assert len(cut) == 1 and "left out: lib/shell.js" in cut[0] and "tiny-mcp-core@1.3.0" in cut[0]


SPLIT = Path(__file__).resolve().parents[1] / "fixtures" / "js-split-packages"
SPLIT_LIVE = {"find": "Run a find query against a collection",
              "count": "Gets the number of documents in a collection",
              "drop-collection": "Removes a collection or view from the database."}


def test_a_server_split_into_packages_of_one_scope(fake_http: Any, tmp_path: Path) -> None:
    """The bin's tool classes come from one dependency, their base class (which registers them) from a
    sibling only that dependency imports: both are read, before the nine packages the main entry
    re-exports first in name order, and the sibling's bare import resolves to the files read."""
    r = FakeRegistry(fake_http)
    for i in range(1, 10):
        folder = shutil.copytree(SPLIT / "extra", tmp_path / f"extra{i}")
        manifest = json.loads((folder / "package.json").read_text())
        manifest["name"] = f"@acme/aa-extra{i}"
        (folder / "package.json").write_text(json.dumps(manifest))
        r.publish_npm(f"@acme/aa-extra{i}", {"1.0.0": NpmVersion.from_folder(folder)})
    r.publish_npm("@acme/mcp-core", {"1.0.0": NpmVersion.from_folder(SPLIT / "core")})
    r.publish_npm("@acme/mcp-tools-db", {"1.0.0": NpmVersion.from_folder(SPLIT / "tools")})
    r.publish_npm("@acme/split-mcp", {"1.0.0": NpmVersion.from_folder(SPLIT / "wrapper")})
    doc = api.inspect("npm:@acme/split-mcp@1.0.0", r.options(tmp_path / "cache")).to_json()
    tools = _tools(doc)
    assert {n: t["description"] for n, t in tools.items()} == SPLIT_LIVE
    assert set(tools["find"]["input_schema"]["properties"]) == {"database", "collection", "filter", "limit"}
    assert tools["find"]["declared_at"]["path"] == "node_modules/@acme/mcp-core/index.js"
    messages = [e["message"] for e in doc["errors"] if e["stage"] == "dependency"]
    # eight read (the tools, their sibling, six of the nine re-exported), three left out and said so
    assert sum("only 8 dependencies are fetched" in m for m in messages) == 3
    assert any("@acme/aa-extra9" in m and "only 8" in m for m in messages)
    assert r.requests_for("mcp-core-1.0.0.tgz") == 1
