"""Text and Markdown show a high cause that several tools reach once, with every tool and every copy's id;
the JSON keeps one finding per tool (each a way in; per-tool comparisons rely on it)."""

from __future__ import annotations

import json

from tests.render.test_sarif import _tool

from mcpvet.checks.analysis._common import by_cause
from mcpvet.model import CheckResult, Ecosystem, Evidence, Finding, Language, Location, Severity, Target
from mcpvet.model.scorecard import ProvenanceSummary, Scorecard
from mcpvet.render import Format, render
from mcpvet.render.causes import causes
from mcpvet.render.text import render_text
from mcpvet.score import compute

SHARED = Evidence(Location("src/p/config.py", 40), "pathlib.Path.write_text", ("p.tools.x", "p.config.save"))
OTHER = Evidence(Location("src/p/shell.py", 7), "subprocess.run", ("p.tools.run", "p.shell.go"))


def _finding(tool: str, ev: Evidence, rule: str = "undeclared-capability") -> Finding:
    return Finding(rule, Severity.HIGH, f"Tool `{tool}` writes files its text never mentions",
                   f"`{tool}` reaches {ev.sink}.", tool=tool, location=ev.location, evidence=(ev,))


def _card() -> Scorecard:
    names = ("cat", "list", "search")
    findings = by_cause([_finding(n, SHARED) for n in names] + [_finding("run", OTHER)])
    tools = tuple(_tool(n) for n in (*names, "run"))
    score = compute([CheckResult("tool-behaviour", 3.0, Severity.CRITICAL, "r")], Severity.HIGH, banded=True)
    return Scorecard("0.1.0", Target("pypi:p", Ecosystem.PYPI, "p", "1"), (Language.PYTHON,), tools,
                     tuple(findings), ProvenanceSummary(), score, ())


def test_copies_of_one_cause_are_one_group_and_other_causes_stay_apart() -> None:
    card = _card()
    groups = causes(card)
    assert [len(g.ids) for g in groups] == [3, 1]
    assert groups[0].tools == ("cat", "list", "search")
    assert groups[0].title == "Tool `cat`, `list` and `search` writes files its text never mentions"
    assert groups[0].id == f"{card.finding_ids()[0]} (+2)"
    assert groups[0].ids == tuple(card.finding_ids()[:3])
    assert groups[1].finding.tool == "run"


def test_text_and_markdown_show_the_cause_once_json_keeps_every_copy() -> None:
    card = _card()
    text = render_text(card, width=300)
    # the verdict line names the first cause; then the shared cause once and `run` once
    assert "install? not without a review — 4 high findings from 2 causes, first: Tool `cat`, `list` and `search`" in text
    assert text.count("writes files its text never mentions") == 3
    assert "4 finding(s), 2 cause(s)" in text
    assert "one cause, 3 tools reach it" in text
    md = render(card, Format.MARKDOWN)
    assert md.count("writes files its text never mentions") == 3
    assert "### Findings (4, 2 causes)" in md
    assert "one cause, reached by 3 tools" in md
    doc = json.loads(render(card, Format.JSON))
    assert sorted(f["tool"] for f in doc["findings"]) == ["cat", "list", "run", "search"]


def test_a_card_without_shared_causes_is_shown_as_before() -> None:
    card = _card()
    single = Scorecard(card.analyzer_version, card.target, card.languages, card.tools, card.findings[-1:],
                       card.provenance, card.score, ())
    text = render(single, Format.TEXT)
    assert "1 finding(s)\n" in text and "cause(s)" not in text
