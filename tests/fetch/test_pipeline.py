"""The fetch and unpack stages inside the whole pipeline (mcpvet.api.inspect), against the fake
registry: the scorecard's target comes from the fetch, and a hostile archive reaches archive-safety."""

from __future__ import annotations

import jsonschema
import pytest

from mcpvet import api
from tests.support.registry import FakeRegistry, NpmVersion, PyPIFile, copy_case, sha256
from tests.unpack.hostile import tar_member, write_tar


@pytest.fixture
def reg(fake_http) -> FakeRegistry:  # type: ignore[no-untyped-def]
    return FakeRegistry(fake_http)


def _checks(doc):  # type: ignore[no-untyped-def]
    return {c["id"]: c for c in doc["score"]["checks"]}


def test_pypi_wheel_through_the_pipeline(reg, tmp_path, scorecard_schema):  # type: ignore[no-untyped-def]
    src = copy_case("py-weather-key-in-handler", tmp_path / "src")
    f = PyPIFile.wheel(src, "web-fetch-mcp", "1.0.0")
    reg.publish_pypi("web-fetch-mcp", {"1.0.0": [f]})
    doc = api.inspect("pypi:web-fetch-mcp", reg.options(tmp_path / "cache")).to_json()
    jsonschema.validate(doc, scorecard_schema)
    t = doc["target"]
    assert (t["ecosystem"], t["name"], t["version"], t["artifact"], t["sha256"]) == \
        ("pypi", "web-fetch-mcp", "1.0.0", f.filename, sha256(f.content))
    assert _checks(doc)["archive-safety"]["score"] == 10.0
    assert doc["tools"], "the tools of the fetched wheel were found"
    assert not [e for e in doc["errors"] if e["stage"] in ("fetch", "unpack")]


def test_hostile_npm_tarball_is_reported(reg, tmp_path, scorecard_schema):  # type: ignore[no-untyped-def]
    src = copy_case("js-sqlite-notes-cjs", tmp_path / "src")
    good = NpmVersion.from_folder(src)
    hostile = write_tar(tmp_path / "h.tgz", [
        *[tar_member("package/" + p.relative_to(src).as_posix(), p.read_bytes())
          for p in sorted(src.rglob("*")) if p.is_file()],
        tar_member("package/../../../../tmp/owned.js", b"pwned()"),
        tar_member("package/node_modules/.bin/x", type_=b"2", linkname="/bin/sh"),
    ]).read_bytes()
    reg.publish_npm("dist-named", {"1.0.0": NpmVersion(hostile, good.manifest)})
    doc = api.inspect("npm:dist-named", reg.options(tmp_path / "cache")).to_json()
    jsonschema.validate(doc, scorecard_schema)
    assert _checks(doc)["archive-safety"]["score"] == 0.0
    unsafe = [f for f in doc["findings"] if f["rule"] == "unsafe-archive"]
    assert len(unsafe) == 2 and all(f["severity"] == "high" for f in unsafe)
    assert len([e for e in doc["errors"] if e["stage"] == "unpack"]) == 2
    assert doc["tools"], "the rest of the package was still analysed"
