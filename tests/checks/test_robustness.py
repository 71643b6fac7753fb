"""The analysis checks never crash on odd facts: strange schemas, missing files, binary or huge text."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.checks.analysis import CHECKS
from mcpvet.model import Evidence, InstallHook, Kind, Location, PackageBehaviour
from tests.checks.support import cap, facts, tool, write_tree


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_odd_facts_do_not_crash(check, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tree = write_tree(tmp_path, {"server.py": "def f(:\n", "dist/index.js": "((((" * 5000, "setup.py": "(" * 4000,
                                 "package.json": '{"scripts": {"postinstall": "node missing.js"}}'})
    (tmp_path / "blob.py").write_bytes(b"\x00\xff\xfe" * 1000)
    tree = write_tree(tmp_path, {})
    odd = [
        tool("a", "x" * 10_000, cap(Kind.NETWORK, "missing.py", 99999, "requests.get", "a"),
             schema={"type": "object", "properties": ["not", "a", "dict"]}, annotations={"readOnlyHint": "yes"}),
        tool("b", None, cap(Kind.ENV, "server.py", 0, "os.environ", "b"), schema={"properties": {"p": 5, "q": {"items": 3}}},
             handler=("dist/index.js", 1)),
        tool("c\u202e", "\U000E0041" * 3 + "\udb40", handler=("nowhere.js", 5), schema={"a": [{"b": ["c" * 5000]}]}),
        tool("d", "", handler=None),
    ]
    beh = (PackageBehaviour(Kind.NETWORK, Evidence(Location("missing.js", 1), "fetch", ()), "weird-context"),)
    out = check.run(facts(tree, odd, beh))
    assert out.score is None or 0.0 <= out.score <= 10.0
    assert all(f.rule in check.rules for f in out.findings)


def test_unknown_hook_kind(tmp_path: Path) -> None:
    from dataclasses import replace

    from mcpvet.checks.analysis.install_hooks import CHECK

    tree = write_tree(tmp_path, {"x.py": ""})
    tree = replace(tree, install_hooks=(InstallHook("gradle", "something", None),
                                        InstallHook("setup.py", "", Location("setup.py", 1))))
    out = CHECK.run(facts(tree, []))
    assert {f.rule for f in out.findings} == {"install-script"}
