"""Semgrep and provenance beside the frontends give the scorecard of the stages run one after the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet import api
from mcpvet.discover import discover
from mcpvet.options import InspectOptions

CASES = Path(__file__).resolve().parents[2] / "corpus" / "cases"


def test_only_packages_with_small_sources_run_semgrep_beside_the_frontends(tmp_path: Path) -> None:
    (tmp_path / "small").mkdir()
    (tmp_path / "small" / "server.py").write_text("import os\n" * 100)
    (tmp_path / "large").mkdir()
    (tmp_path / "large" / "bundle.js").write_text("var a = 1;\n" * 40_000)  # 440 KB: one large file
    opts = InspectOptions()
    assert api._overlap_semgrep(discover(tmp_path / "small", name_hint="s")[0], opts)
    assert not api._overlap_semgrep(discover(tmp_path / "large", name_hint="l")[0], opts)


@pytest.mark.parametrize("case", ["py-weather-key-in-handler", "ts-github-issues-token"])
def test_overlapped_and_sequential_runs_give_the_same_scorecard(case: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    opts = InspectOptions(offline=True, cache_dir=tmp_path / "cache", http_retries=0)
    beside = api.inspect(str(CASES / case), opts)
    monkeypatch.setattr(api, "OVERLAP_MAX_SEMGREP_BYTES", -1)  # every package runs semgrep alone first
    alone = api.inspect(str(CASES / case), opts)
    assert beside.tools and beside.to_json() == alone.to_json()
