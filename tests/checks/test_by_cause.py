"""One root cause, one finding: a sink every tool reaches through a shared helper is not N findings."""

from __future__ import annotations

from pathlib import Path

from mcpvet.checks.analysis._common import by_cause, score_from
from mcpvet.checks.analysis.package_code import CHECK as PACKAGE_CODE
from mcpvet.checks.analysis.tool_behaviour import CHECK
from mcpvet.model import Kind, Severity
from tests.checks.support import cap, facts, tool, write_tree

SRC = ("import os, httpx\n\ndef client():\n    return os.getenv('CHROMA_HOST')\n\n"
       + "".join(f"def t{i}(q):\n    return client()\n\n" for i in range(11)))


def _tools(kind: Kind, sink: str, reach: int = 11) -> list:
    """11 tools, each reading its own file; the first `reach` of them also reach the sink through `client()`."""
    return [tool(f"t{i}", "Search the collection for a query in a file.",
                 *([cap(kind, "server.py", 4, sink, f"t{i}", "client")] if i < reach else []),
                 cap(Kind.FS_READ, "server.py", 7 + 3 * i, "open", f"t{i}"),
                 handler=("server.py", 6 + 3 * i)) for i in range(11)]


def test_work_every_tool_shares_is_the_servers_and_judged_once(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"server.py": SRC})
    f = facts(tree, _tools(Kind.NETWORK, "httpx.get"))
    assert not [x for x in CHECK.run(f).findings if x.rule == "undeclared-capability"]
    (one,) = [x for x in PACKAGE_CODE.run(f).findings if x.rule == "startup-behaviour"]
    assert one.tool is None and one.severity is Severity.MEDIUM and "11 of 11" in one.message and "client" in one.message


def test_a_medium_cause_shared_by_every_tool_is_one_finding(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"server.py": SRC})
    out = CHECK.run(facts(tree, _tools(Kind.ENV, "os.getenv", reach=5)))  # 5 of 11: not most tools
    undeclared = [f for f in out.findings if f.rule == "undeclared-capability"]
    assert len(undeclared) == 1
    (f,) = undeclared
    assert f.severity is Severity.MEDIUM and f.tool == "t0" and f.tools == tuple(sorted(f"t{i}" for i in range(5)))
    assert "and 1 more tools" in f.title and "One cause, met through 5 tools" in f.message
    assert f.to_json("MCPV-0001")["tools"] == list(f.tools)
    assert out.score == 7.5  # one medium, not eleven


def test_a_high_cause_keeps_one_finding_per_tool_and_is_paid_once(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"server.py": SRC})
    out = CHECK.run(facts(tree, _tools(Kind.NETWORK, "httpx.get", reach=5)))
    undeclared = [f for f in out.findings if f.rule == "undeclared-capability"]
    assert sorted(f.tool or "" for f in undeclared) == sorted(f"t{i}" for i in range(5))
    assert all(len(f.tools) == 5 and f.severity is Severity.HIGH for f in undeclared)
    assert score_from(undeclared) == 3.0  # one high


def test_different_sinks_are_different_causes(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"server.py": SRC})
    tools = [tool("a", "Search.", cap(Kind.ENV, "server.py", 4, "os.getenv", "a")),
             tool("b", "Search.", cap(Kind.ENV, "server.py", 5, "os.getenv", "b"))]
    found = [f for f in CHECK.run(facts(tree, tools)).findings if f.rule == "undeclared-capability"]
    assert sorted(f.tool or "" for f in found) == ["a", "b"] and all(f.tools == () for f in found)
    assert by_cause([]) == []


def test_one_sink_reached_through_different_subsets_is_one_cause(tmp_path: Path) -> None:
    """One token request every tool reaches (line 4), some tools also through a second helper (line
    5): one cause, not one per subset of sinks (issue 12: 1 cause, 8 keys). Below high, one finding
    with the evidence of every tool; high, one copy per tool naming the whole cause, paid once."""
    tree = write_tree(tmp_path, {"server.py": SRC})

    def tools(kind: Kind, sink: str) -> list:  # 3 of 8 tools reach line 4 (not most: no server work)
        return [tool(f"t{i}", "Search the collection for a query in a file.",
                     *([cap(kind, "server.py", 4, sink, f"t{i}", "client")] if i < 3 else []),
                     *([cap(kind, "server.py", 5, sink, f"t{i}", "other")] if i in (1, 2) else []),
                     cap(Kind.FS_READ, "server.py", 7 + 3 * i, "open", f"t{i}"),
                     handler=("server.py", 6 + 3 * i)) for i in range(8)]

    out = CHECK.run(facts(tree, tools(Kind.ENV, "os.getenv")))
    (f,) = [x for x in out.findings if x.rule == "undeclared-capability"]
    assert f.tools == ("t0", "t1", "t2") and {e.location.line for e in f.evidence} == {4, 5}
    high = [x for x in CHECK.run(facts(tree, tools(Kind.NETWORK, "httpx.get"))).findings
            if x.rule == "undeclared-capability"]
    assert len(high) == 3 and {x.tools for x in high} == {("t0", "t1", "t2")}
    assert score_from(high) == 3.0  # one high
