"""A batch worker's scorecard of a target is the scorecard `mcpvet inspect` gives it: the same
stages, whatever the worker kept from the targets it analysed before (its parser process, loaded
rules and summaries, caches). Only the timings differ."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mcpvet import api
from mcpvet.batch.pool import Limits, LocalPool
from mcpvet.batch.targets import Item
from tests.support.registry import FakeRegistry, NpmVersion, PyPIFile, copy_case

PYTHON = ("py-weather-key-in-handler", "py-timezone-dict-subprocess", "py-pickle-session-restore")
NPM = ("js-sqlite-notes-cjs", "ts-todos-ssh-axios-class")


def _comparable(value: Any) -> Any:
    """The card without its timings (`stats`, and the `seconds` of provenance's probes)."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k not in ("stats", "seconds")}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def test_one_worker_over_many_targets_gives_each_the_inspect_scorecard(fake_http, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reg = FakeRegistry(fake_http)
    specs = []
    for case in PYTHON:
        name = case.replace("py-", "bt-")
        reg.publish_pypi(name, {"1.0.0": [PyPIFile.wheel(copy_case(case, tmp_path / "src" / case), name, "1.0.0")]})
        specs.append(f"pypi:{name}==1.0.0")
    for case in NPM:
        name = f"@bt/{case}"
        reg.publish_npm(name, {"2.0.0": NpmVersion.from_folder(copy_case(case, tmp_path / "src" / case))})
        specs.append(f"npm:{name}@2.0.0")
    options = reg.options(tmp_path / "cache")
    pool = LocalPool(1, options, Limits(timeout_s=300.0))  # one worker: each target follows others in it
    batch = {item.spec: result for item, result in pool.run(Item(s, s) for s in specs)}
    assert len({r["worker"] for r in batch.values()}) == 1
    for spec in specs:
        assert not batch[spec]["failed"], batch[spec]["error"]
        alone = api.inspect(spec, options).to_json()
        assert alone["tools"], f"{spec}: a package with tools"
        assert _comparable(batch[spec]["card"]) == _comparable(alone), spec
