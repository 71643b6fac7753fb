"""Markdown for PR comments: under 60,000 characters with <details> sections and a note of what was cut;
the package's text kept verbatim (backticks included) but unable to inject Markdown or HTML."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.render.test_sarif import _tool

from mcpvet.model import AnalysisError, CheckResult, Ecosystem, Evidence, Finding, Language, Location, Severity, Target
from mcpvet.model.scorecard import ProvenanceSummary, Scorecard
from mcpvet.render.markdown import MAX_CHARS, code, prose, render_markdown
from mcpvet.score import compute

GITHUB_COMMENT_LIMIT = 65_536


def _card(n_tools: int, n_findings: int, n_errors: int, *, description: str = "does things") -> Scorecard:
    tools = tuple(_tool(f"tool_{i}") for i in range(n_tools))
    tools = tuple(replace(t, description=f"{description} {i}") for i, t in enumerate(tools))
    ev = Evidence(Location("src/p/net.py", 14), "urllib.request.urlopen", tuple(f"p.m.f{j}" for j in range(20)))
    sevs = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
    findings = tuple(Finding(f"rule-{i % 7}", sevs[i * 5 // max(1, n_findings)],
                             f"Tool `tool_{i}` can use the network " + "w" * 80, "message",
                             tool=f"tool_{i % max(1, n_tools)}", location=Location(f"src/p/m{i}.py", i + 1),
                             evidence=(ev,)) for i in range(n_findings))
    errors = tuple(AnalysisError("python", f"syntax error {i} " + "e" * 100, f"src/p/bad{i}.py") for i in range(n_errors))
    checks = [CheckResult(f"check-{i}", 5.0, Severity.HIGH, "reason") for i in range(12)]
    return Scorecard("0.1.0", Target("pypi:big", Ecosystem.PYPI, "big", "9.9"), (Language.PYTHON,), tools, findings,
                     ProvenanceSummary(registry={"registry": "pypi", "release_count": 3, "maintainers": ["alice"]}),
                     compute(checks), errors)


def _outside_code(md: str) -> str:
    return re.sub(r"(`+).*?(?<!`)\1(?!`)", "", md)


def _balanced_details(md: str) -> bool:
    plain = _outside_code(md)
    return plain.count("<details>") == plain.count("</details>")


def test_a_small_card_is_whole_with_no_cut_note() -> None:
    md = render_markdown(_card(3, 4, 2))
    assert "Cut to fit" not in md
    assert md.count("| `tool_") == 3 and "(MCPV-0004)" in md and "Not analysed (2)" in md
    assert _balanced_details(md)


def test_a_large_package_stays_under_the_limit_with_details_and_a_cut_note() -> None:
    card = _card(3_000, 5_000, 4_000)
    md = render_markdown(card)
    assert len(md) <= MAX_CHARS < GITHUB_COMMENT_LIMIT
    assert _balanced_details(md)
    assert "<details><summary>Tools (3000)</summary>" in md  # a long tools table is folded
    note = md.rstrip().splitlines()[-1]
    assert note.startswith("_Cut to fit a comment (60,000 characters):")
    shown_serious = len(re.findall(r"^- (🟥|🟧|🟨) ", md, re.MULTILINE))
    serious = sum(1 for f in card.findings if f.severity >= Severity.MEDIUM)
    assert f"{serious - shown_serious} of {serious} critical, high and medium findings" in note
    assert "tools" in note and "'not analysed' entries" in note
    # the most severe come first and are the ones kept
    assert "(MCPV-0001)" in md and f"(MCPV-{len(card.findings):04d})" not in md


def test_the_limit_holds_with_huge_texts_too() -> None:
    md = render_markdown(_card(500, 500, 500, description="x" * 10_000 + "`" * 50))
    assert len(md) <= MAX_CHARS and _balanced_details(md)


def test_backticks_are_kept_in_code_spans() -> None:
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("run ``cmd`` now") == "```run ``cmd`` now```"  # the fence is longer than the longest run inside
    assert code("a|b", table=True) == "`a\\|b`"


def test_package_text_cannot_inject_markdown_or_html() -> None:
    hostile = "</details><img src=x> [click](https://evil.example) **bold**\u200b"
    card = _card(1, 1, 0, description=hostile)
    md = render_markdown(card)
    row = next(line for line in md.splitlines() if line.startswith("| `tool_0`"))
    assert "\\u{200B}" in row
    assert _balanced_details(md) and "<img" not in _outside_code(md)  # the description's tags are inside a code span
    assert re.search(r"`[^`]*</details><img src=x>[^`]*`", row)
    assert prose("see <b>[x](y)</b>") == "see &lt;b&gt;\\[x\\](y)&lt;/b&gt;"
    assert prose("tool `add` reads") == "tool `add` reads"  # our titles keep their backticks
