"""semgrep's run is bounded by the CPU time of its processes, with a wall-clock backstop reported
as the machine's overload; both tested with stand-in programs (no semgrep needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet.cputime import OVERLOAD, OVERLOAD_STAGE, CpuMeter
from mcpvet.model import FileRole, Language, SourceFile
from mcpvet.options import AnalysisLimits
from mcpvet.semgrep import runner


def _program(tmp_path: Path, body: str) -> str:
    script = tmp_path / "semgrep"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return str(script)


@pytest.mark.timeout(300)
def test_a_semgrep_that_computes_without_end_is_stopped_by_its_cpu_time(tmp_path: Path) -> None:
    binary = _program(tmp_path, "while :; do :; done")
    limits = AnalysisLimits(semgrep_timeout_s=0.5, backstop_factor=1000.0)  # the backstop never decides
    meter = CpuMeter()
    doc, failure = runner._invoke_once(binary, [], ["x.py"], limits, "native", 0.5, meter=meter, tick_s=0.05)
    assert doc == {} and failure is not None
    assert "CPU time limit of 0.5 s" in failure and OVERLOAD not in failure
    assert meter.seconds >= 0.5
    assert runner._failure(failure).stage == runner.STAGE


@pytest.mark.timeout(120)
def test_a_semgrep_that_waits_is_stopped_by_the_backstop_and_reported_as_overload(tmp_path: Path) -> None:
    binary = _program(tmp_path, "exec sleep 60")
    limits = AnalysisLimits(semgrep_timeout_s=0.5, backstop_factor=2.0)  # 1 s of wall-clock time
    doc, failure = runner._invoke_once(binary, [], ["x.py"], limits, "native", 0.5, tick_s=0.05)
    assert doc == {} and failure is not None and failure.startswith(OVERLOAD)
    assert runner._failure(failure).stage == OVERLOAD_STAGE


def test_a_semgrep_that_finishes_within_its_cpu_time_gives_its_answer(tmp_path: Path) -> None:
    answer = {"results": [], "errors": [], "paths": {"scanned": ["x.py"]}}
    binary = _program(tmp_path, f"echo '{json.dumps(answer)}'")
    doc, failure = runner._invoke_once(binary, [], ["x.py"], AnalysisLimits(), "native", 60.0)
    assert failure is None and doc == answer


def test_a_rule_time_out_of_semgrep_is_reported_as_the_wall_clock_backstop(tmp_path: Path) -> None:
    """semgrep counts its per-rule limit in wall-clock time, so mcpvet sets it as a backstop and a
    rule stopped by it is an overload mark, not a silent gap nor a budget cut."""
    errors: list[list[object]] = [[]]
    doc = {"errors": [{"type": ["Timeout"], "message": "Timeout when running r on x.py", "path": "x.py"}]}
    f = tmp_path / "x.py"
    f.write_text("x = 1\n")
    sf = SourceFile("x.py", f, Language.PYTHON, FileRole.SOURCE, f.stat().st_size)
    runner._collect(doc, lambda p: (0, sf), {}, [[]], [set()], errors, 50)  # type: ignore[arg-type]
    [error] = errors[0]
    assert error.stage == OVERLOAD_STAGE and error.message.startswith(OVERLOAD) and "50 s" in error.message  # type: ignore[attr-defined]
