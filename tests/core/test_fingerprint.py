"""Finding fingerprints (mcpvet.fingerprint): stable across irrelevant changes, different across relevant ones."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import CORPUS_CASES

from mcpvet import api
from mcpvet.fingerprint import fingerprint, fingerprint_json, normalise_path, normalise_text
from mcpvet.model import Evidence, Finding, Location, Severity
from mcpvet.options import InspectOptions

TOOL_FINDING = Finding(
    "undeclared-capability", Severity.HIGH, "`summarise` can reach the network without saying so",
    "`summarise` can reach the network (network). Reached: http.client.HTTPSConnection at src/t.py:20.",
    "summarise", Location("src/t.py", 20),
    (Evidence(Location("src/t.py", 20), "http.client.HTTPSConnection", ("pkg.summarise", "pkg.emit")),))
PACKAGE_FINDING = Finding("obfuscated-code", Severity.HIGH, "Obfuscated code in dist/x.js",
                          "dist/x.js is obfuscated: packed.", None, Location("dist/x.js", 1))


def test_a_fingerprint_is_sixteen_hex_digits() -> None:
    fp = fingerprint(TOOL_FINDING)
    assert len(fp) == 16 and int(fp, 16) >= 0 and fp == fp.lower()


def test_line_shift_message_and_evidence_change_nothing() -> None:
    moved = replace(TOOL_FINDING, location=Location("src/other.py", 97),
                    message="`summarise` can reach the network (network). Reached: urlopen at src/other.py:97.",
                    evidence=(Evidence(Location("src/other.py", 97), "urllib.request.urlopen", ("pkg.summarise",)),))
    assert fingerprint(moved) == fingerprint(TOOL_FINDING)
    assert fingerprint(replace(PACKAGE_FINDING, location=Location("dist/x.js", 4000))) == fingerprint(PACKAGE_FINDING)


def test_severity_change_keeps_the_fingerprint() -> None:
    """The same problem judged worse is still the same problem (a diff reports the severity change)."""
    assert fingerprint(replace(TOOL_FINDING, severity=Severity.CRITICAL)) == fingerprint(TOOL_FINDING)


def test_versions_counts_and_dates_in_titles_are_churn() -> None:
    a = Finding("vulnerable-dependency", Severity.HIGH, "mcp 1.6.0 (direct) has 1 known vulnerability: GHSA-3qhf-m339-9g5v", "m")
    b = replace(a, title="mcp 1.9.2 (direct) has 1 known vulnerability: GHSA-3qhf-m339-9g5v")
    assert fingerprint(a) == fingerprint(b)
    old = Finding("new-package", Severity.MEDIUM, "The package is 3 day(s) old", "first release on 2026-01-02")
    assert fingerprint(old) == fingerprint(replace(old, title="The package is 12 day(s) old"))


def test_version_in_a_package_path_is_churn() -> None:
    a = replace(PACKAGE_FINDING, title="Obfuscated code in pkg-1.2.3.data/x.js", location=Location("pkg-1.2.3.data/x.js", 3))
    b = replace(PACKAGE_FINDING, title="Obfuscated code in pkg-1.3.0rc1.data/x.js",
                location=Location("pkg-1.3.0rc1.data/x.js", 9))
    assert fingerprint(a) == fingerprint(b)
    hashed = replace(PACKAGE_FINDING, title="Obfuscated code in dist/chunk-3f2a9c1d.js",
                     location=Location("dist/chunk-3f2a9c1d.js", 1))
    rebuilt = replace(hashed, title="Obfuscated code in dist/chunk-77aa01be.js", location=Location("dist/chunk-77aa01be.js", 1))
    assert fingerprint(hashed) == fingerprint(rebuilt)


@pytest.mark.parametrize("change", [
    {"rule": "annotation-mismatch"},
    {"tool": "word_count", "title": "`word_count` can reach the network without saying so"},
    {"title": "`summarise` can start other programs without saying so"},  # another capability kind
])
def test_rule_tool_and_kind_make_another_fingerprint(change: dict[str, str]) -> None:
    assert fingerprint(replace(TOOL_FINDING, **change)) != fingerprint(TOOL_FINDING)  # type: ignore[arg-type]


def test_package_findings_differ_by_file_and_tool_findings_do_not() -> None:
    elsewhere = replace(PACKAGE_FINDING, title="Obfuscated code in dist/y.js", location=Location("dist/y.js", 1))
    assert fingerprint(elsewhere) != fingerprint(PACKAGE_FINDING)
    same_title_other_file = replace(PACKAGE_FINDING, location=Location("lib/x.js", 1))
    assert fingerprint(same_title_other_file) != fingerprint(PACKAGE_FINDING)
    as_tool = replace(PACKAGE_FINDING, tool="t")
    assert fingerprint(as_tool) != fingerprint(PACKAGE_FINDING)  # a tool's finding is not the package's


def test_a_package_finding_located_by_its_evidence_ignores_the_path() -> None:
    """startup-behaviour is one finding per kind, located at its first sink: moving that code is no change."""
    a = Finding("startup-behaviour", Severity.LOW, "env outside the tools", "m", None, Location("dist/sse.js", 50))
    assert fingerprint(a) == fingerprint(replace(a, location=Location("dist/tools/gzip.js", 5)))
    assert fingerprint(a) != fingerprint(replace(a, title="fs_read outside the tools"))


def test_another_advisory_is_another_fingerprint() -> None:
    a = Finding("vulnerable-dependency", Severity.HIGH, "mcp 1.6.0 (direct) has 1 known vulnerability: CVE-2025-1111", "m")
    assert fingerprint(a) != fingerprint(replace(a, title="mcp 1.6.0 (direct) has 1 known vulnerability: CVE-2025-2222"))


def test_identifiers_with_digits_are_not_normalised() -> None:
    assert normalise_text("`get_v2` and `tool-3` and CVE-2024-1234") == "`get_v2` and `tool-3` and CVE-2024-1234"
    assert normalise_text("at a.py:23, 1.2.3 and v2.0.0-beta.1, 2026-01-02T10:00:00Z") == \
        "at a.py:<n>, <n> and <n>, <date>"
    assert normalise_path("./pkg-1.2.3.dist-info//RECORD") == "pkg-<v>.dist-info/RECORD"
    assert normalise_path("lib/1.2.3/v2/x.js") == "lib/<v>/v2/x.js"


def test_the_json_form_gives_the_same_fingerprint() -> None:
    for f in (TOOL_FINDING, PACKAGE_FINDING, Finding("toxic-flow", Severity.LOW, "t", "m")):
        assert fingerprint_json(f.to_json("MCPV-0007")) == fingerprint(f)


def _fingerprints(root: Path) -> Counter[str]:
    card = api.inspect(str(root), InspectOptions(offline=True))
    assert not card.failed and card.findings
    return Counter(fingerprint(f) for f in card.findings)


def test_real_scan_survives_line_shift_and_an_added_tool(tmp_path: Path) -> None:
    """The same package scanned before and after shifting every line and adding a tool with its
    own findings: the first scan's fingerprints are all still there, and the new tool adds others."""
    old = tmp_path / "old"
    shutil.copytree(CORPUS_CASES / "py-summary-cache-beacon", old)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    pkg = new / "src" / "tldr_mcp"
    for name in ("server.py", "cache.py", "telemetry.py"):
        path = pkg / name
        path.write_text("# a header comment\n" * 7 + path.read_text("utf-8"), "utf-8")
    server = pkg / "server.py"
    server.write_text(server.read_text("utf-8").replace(
        '\n\nif __name__ == "__main__":',
        '\n\n@mcp.tool()\ndef shout(text: str) -> str:\n    """Upper-case a text."""\n'
        '    import subprocess\n    return subprocess.run(["tr", "a-z", "A-Z"], input=text, capture_output=True, '
        'text=True).stdout\n\n\nif __name__ == "__main__":'), "utf-8")
    before, after = _fingerprints(old), _fingerprints(new)
    assert before - after == Counter()  # nothing old lost
    assert after - before  # the new tool's findings are new fingerprints
