"""The first line of the text and Markdown reports answers "install?" from the score bands."""

from __future__ import annotations

from dataclasses import replace

from mcpvet.model import AnalysisError, Ecosystem, Finding, HandlerRef, Language, Location, Severity, Target, Tool
from mcpvet.model.scorecard import ProvenanceSummary, Score, Scorecard
from mcpvet.render.markdown import render_markdown
from mcpvet.render.text import render_text
from mcpvet.render.verdict import verdict

TOOL = Tool("add", "Add two numbers.", None, Location("s.py", 1), HandlerRef(Location("s.py", 2), "p.add"),
            Language.PYTHON)


def _card(*severities: Severity, value: float | None = 9.5, reason: str | None = None,
          errors: tuple[AnalysisError, ...] = (), tools: tuple[Tool, ...] = (TOOL,)) -> Scorecard:
    findings = tuple(Finding("r", s, f"title {s.value}", "m", "add") for s in severities)
    return Scorecard("0", Target("./p", Ecosystem.LOCAL, "p"), (Language.PYTHON,), tools, findings,
                     ProvenanceSummary(), Score(value, None if value is None else "A", (), reason), errors)


def test_the_most_severe_finding_decides() -> None:
    assert verdict(_card(Severity.MEDIUM, Severity.CRITICAL, Severity.CRITICAL)).startswith(
        "install? no — 2 critical findings, first: title critical")
    assert verdict(_card(Severity.HIGH)).startswith("install? not without a review — 1 high finding")
    assert verdict(_card(Severity.MEDIUM, Severity.LOW)).startswith("install? with care")
    assert verdict(_card(Severity.LOW)) == "install? nothing found against it — no finding above low"


def test_not_rated_and_partial_analyses_say_so() -> None:
    assert verdict(_card(value=None, reason="no MCP tool could be listed")) == \
        "install? unknown — not rated: no MCP tool could be listed"
    partial = _card(errors=(AnalysisError("python", "syntax error", "a.py"),),
                    tools=(replace(TOOL, unresolved_calls=("client.map",)),))
    assert verdict(partial).endswith("(partial analysis: 1 of 1 tools make calls that could not be followed, "
                                     "1 parts not analysed)")


def test_both_reports_lead_with_it() -> None:
    card = _card(Severity.HIGH)
    assert render_text(card).splitlines()[1].startswith("install? not without a review")
    assert render_markdown(card).splitlines()[2].startswith("**install? not without a review")


def test_what_the_model_can_make_the_tools_do_is_in_the_answer() -> None:
    from mcpvet.model import Capability, Evidence, Kind

    shell = Evidence(Location("s.py", 9), "subprocess.run", ("p.run",), controlled_by=("cmd",), role="shell",
                     lead=("cmd",))
    run = replace(TOOL, name="run", capabilities=(Capability(Kind.PROCESS, (shell,)),))
    assert run.exposure == ("run any command",)
    line = verdict(_card(Severity.MEDIUM, tools=(run, TOOL)))
    assert line.startswith("install? with care") and "; the model can run any command (run)" in line
    assert "the model can" not in verdict(_card(Severity.MEDIUM))
