"""bench/oracle_judged.py: the hand-checked share of the corpus's high+ findings (issue 12)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("oracle_judged", ROOT / "bench" / "oracle_judged.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


oj = _module()


def _results() -> dict[str, Any]:
    def f(rule: str, tool: str, at: str) -> dict[str, Any]:
        return {"rule": rule, "severity": "high", "tool": tool, "at": at, "title": "t", "message": "m"}
    return {"packages": [
        {"spec": "pypi:a==1", "high_findings": [f("exfiltration-path", "x", "a.py:3"), f("ssrf", "y", "a.py:9"),
                                                f("ssrf", "y", "a.py:9")]},  # the same finding twice is one
        {"spec": "npm:b@2", "high_findings": [f("undeclared-capability", "z", "b.js:1")]},
        {"spec": "npm:c@3", "high_findings": []},
    ]}


def _j(spec: str, rule: str, tool: str, at: str, verdict: str) -> dict[str, Any]:
    return {"spec": spec, "rule": rule, "tool": tool, "at": at, "verdict": verdict, "why": f"read {at}"}


def test_tally_counts_judged_current_findings_and_stale_ones() -> None:
    judged = [_j("pypi:a==1", "exfiltration-path", "x", "a.py:3", "false"),
              _j("pypi:a==1", "ssrf", "y", "a.py:9", "true"),
              _j("npm:b@2", "undeclared-capability", "z", "b.js:99", "false")]  # no longer reported there
    t = oj.tally(_results(), judged)
    assert (t["high_plus"], t["judged"], t["true"], t["false"], t["true_share"]) == (3, 2, 1, 1, 0.5)
    assert [e["at"] for e in t["false_still_reported"]] == ["a.py:3"]
    assert (t["stale"], t["stale_false"], t["stale_true"]) == (1, 1, 0)
    text = "\n".join(oj.doc_lines(t))
    assert "2 of the 3 high+ findings of this run, 1 true (0.50)" in text
    assert "| pypi:a==1 | exfiltration-path | x | a.py:3 | read a.py:3 |" in text
    assert "no longer match a finding of this run: 1 (1 judged false, 0 judged true)" in text


def test_nothing_judged_says_so() -> None:
    assert "No high+ finding of this run has been checked by hand" in oj.doc_lines(oj.tally(_results(), []))[0]


def test_add_merges_replaces_and_skips_unfilled() -> None:
    first = [_j("pypi:a==1", "ssrf", "y", "a.py:9", "false")]
    filled = [_j("pypi:a==1", "ssrf", "y", "a.py:9", "true"),
              {**_j("npm:b@2", "undeclared-capability", "z", "b.js:1", "true"), "verdict": None}]
    merged, added, skipped = oj.add(first, filled, "abc1234")
    assert (added, skipped, len(merged)) == (1, 1, 1)
    assert merged[0]["verdict"] == "true" and merged[0]["judged_on"] == "abc1234"
    with pytest.raises(SystemExit, match="verdict must be one of"):
        oj.add([], [_j("npm:b@2", "r", "z", "b.js:1", "maybe")], "abc1234")


def test_draw_is_seeded_skips_judged_and_caps_per_package() -> None:
    results = {"packages": [{"spec": f"npm:p{i}@1", "high_findings": [
        {"rule": "r", "tool": f"t{k}", "at": f"x.js:{k}"} for k in range(5)]} for i in range(4)]}
    judged = [_j("npm:p0@1", "r", "t0", "x.js:0", "true")]
    a = oj.draw(results, judged, 6, seed=3, per_package=2)
    assert a == oj.draw(results, judged, 6, seed=3, per_package=2)
    assert len(a) == 6 and max(sum(f["spec"] == s for f in a) for s in {f["spec"] for f in a}) <= 2
    assert ("npm:p0@1", "t0") not in {(f["spec"], f["tool"]) for f in a}


def test_the_committed_judgements_are_well_formed(tmp_path: Path) -> None:
    judged = oj.load()  # raises on a malformed entry
    assert all(e["verdict"] in ("true", "false") and e["why"].strip() for e in judged)
    bad = tmp_path / "judged.json"
    bad.write_text(json.dumps({"judgements": [{"spec": "npm:b@2", "rule": "r", "at": "b.js:1", "verdict": "true"}]}))
    with pytest.raises(SystemExit, match="missing 'why'"):
        oj.load(bad)


def test_a_package_level_finding_has_no_location() -> None:
    results = {"packages": [{"spec": "pypi:a==1", "high_findings": [{"rule": "toxic-flow", "tool": None, "at": None}]}]}
    judged = [{"spec": "pypi:a==1", "rule": "toxic-flow", "tool": None, "at": None, "verdict": "true", "why": "both sides"}]
    merged, added, _ = oj.add([], judged, "abc1234")
    t = oj.tally(results, merged)
    assert (added, t["judged"], t["true"]) == (1, 1, 1)


def test_the_lines_shown_to_a_judge_are_numbered_as_mcpvet_numbers_them(tmp_path: Path) -> None:
    """A bundle's string holding U+0085 (NEL) is no line break for tree-sitter or Python's tokenizer:
    the line shown for `index.js:3` is the code mcpvet pointed at, not the comment before it."""
    (tmp_path / "index.js").write_text('const a = "x\u0085y";\n// a comment\nfs.existsSync(p);\n', "utf-8")
    lines = oj.source_lines("npm:x@1", "index.js:3", tmp_path, {"npm:x@1": tmp_path}, tmp_path, around=0)
    assert lines == ["     3> fs.existsSync(p);"]
