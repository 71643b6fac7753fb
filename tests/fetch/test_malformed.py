"""Registry documents of the wrong shape end in a clear MCPVetError (or a partial RegistryInfo),
never a TypeError: found by mutating real-shaped documents."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from mcpvet.errors import FetchError, MCPVetError, TargetNotFound
from mcpvet.fetch import fetch_target
from tests.support.registry import FakeRegistry, NpmVersion, PyPIFile, copy_case


@pytest.fixture
def reg(fake_http) -> FakeRegistry:  # type: ignore[no-untyped-def]
    return FakeRegistry(fake_http)


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return copy_case("py-weather-key-in-handler", tmp_path / "src")


@pytest.mark.parametrize("mutate,outcome", [
    (lambda d: d["info"].update(project_urls=["x"], classifiers=7, license=None), "ok"),
    (lambda d: d.update(ownership={"roles": 3}), "ok"),
    (lambda d: d["releases"].update({"1.0.0": 5}), TargetNotFound),
    (lambda d: d.update(info=[]), FetchError),
    (lambda d: d["releases"]["1.0.0"][0].update(digests="abc"), "ok"),  # reported as unverified
    (lambda d: d["releases"]["1.0.0"][0].update(url=None), TargetNotFound),
])
def test_malformed_pypi_documents(reg, src, tmp_path, mutate, outcome):  # type: ignore[no-untyped-def]
    project = reg.publish_pypi("demo", {"1.0.0": [PyPIFile.wheel(src, "demo", "1.0.0")]})
    doc = copy.deepcopy(project.document)
    mutate(doc)
    reg.server.add_json("/pypi/demo/json", doc)
    if outcome == "ok":
        fetched = fetch_target("pypi:demo", reg.options(tmp_path / "c"), tmp_path / "s")
        assert fetched.registry is not None and fetched.target.version == "1.0.0"
    else:
        with pytest.raises(outcome):
            fetch_target("pypi:demo", reg.options(tmp_path / "c"), tmp_path / "s")


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(versions=[]),
    lambda d: d["versions"]["1.0.0"].update(dist=None),
    lambda d: d.update({"dist-tags": "latest"}),
    lambda d: d.update(time=None, maintainers="nobody"),
    lambda d: d["versions"]["1.0.0"].update(license=["MIT"], repository=7, author=[None]),
])
def test_malformed_npm_documents(reg, src, tmp_path, mutate):  # type: ignore[no-untyped-def]
    packument = reg.publish_npm("demo", {"1.0.0": NpmVersion.from_folder(src)})
    doc = copy.deepcopy(packument)
    mutate(doc)
    reg.server.add_json("/npm/demo", doc)
    try:
        fetched = fetch_target("npm:demo@1.0.0", reg.options(tmp_path / "c"), tmp_path / "s")
    except MCPVetError as exc:
        assert exc.exit_code in (2, 3) and str(exc)
    else:
        assert fetched.registry is not None
