"""The archive-safety check: findings per refused member, capped; scores 10 / 5 / 0 / inconclusive."""

from __future__ import annotations

from mcpvet.checks import ALL_CHECKS
from mcpvet.checks.archive import MAX_FINDINGS, ArchiveSafety
from mcpvet.checks.interface import Facts
from mcpvet.model import Ecosystem, RefusedMember, Severity, Target

ARCHIVE = Target("pypi:x", Ecosystem.PYPI, "x", "1.0", "x-1.0.tar.gz", "0" * 64)


def _run(refused, target=ARCHIVE):  # type: ignore[no-untyped-def]
    return ArchiveSafety().run(Facts(target=target, tree=None, tools=(), frontends=(),
                                     refused_members=tuple(refused)))


def test_registered():
    assert any(c.id == "archive-safety" and c.risk == Severity.HIGH for c in ALL_CHECKS)


def test_clean_archive_scores_10():
    out = _run([])
    assert (out.score, out.findings) == (10.0, ())


def test_directory_is_inconclusive():
    out = _run([], Target("./x", Ecosystem.LOCAL, "x"))
    assert out.score is None and out.findings == ()


def test_traversal_scores_0_with_high_findings():
    out = _run([RefusedMember("../x", "path-traversal"), RefusedMember("big", "too-large")])
    assert out.score == 0.0
    assert [(f.rule, f.severity) for f in out.findings] == [("unsafe-archive", Severity.HIGH),
                                                             ("unsafe-archive", Severity.MEDIUM)]
    assert "'../x'" in out.findings[0].message and "path-traversal" in out.reason


def test_limits_only_score_5():
    out = _run([RefusedMember("(archive)", "limit-ratio")])
    assert out.score == 5.0 and out.findings[0].severity == Severity.MEDIUM
    assert "the archive" in out.findings[0].message


def test_findings_are_capped_and_summarised():
    refused = [RefusedMember(f"l{i:03d}", "symlink") for i in range(MAX_FINDINGS + 7)]
    out = _run(refused)
    assert len(out.findings) == MAX_FINDINGS + 1
    assert out.findings[-1].title.startswith("7 more") and out.findings[-1].severity == Severity.HIGH


def test_header_refusal_wording():
    out = _run([RefusedMember("(header)", "bad-header")])
    assert out.score == 5.0 and out.findings[0].message.startswith("a tar extension header was refused")
