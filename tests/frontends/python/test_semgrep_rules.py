"""The Python sink rules pass their own `semgrep --test` fixtures (positive and benign lines)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mcpvet.semgrep import load_rules, rules_root
from mcpvet.semgrep.runner import semgrep_binary

RULES = Path(__file__).resolve().parents[3] / "semgrep-rules" / "python"


def test_every_rule_has_a_fixture_and_a_kind() -> None:
    rules = [r for r in load_rules(rules_root()).values() if "python" in r.languages]
    assert len(rules) >= 15
    for rule in rules:
        assert rule.path.with_suffix(".py").is_file(), f"{rule.id} has no fixture"
        assert rule.path.parent.name == rule.kind.value


def test_semgrep_test_passes() -> None:
    binary = semgrep_binary() or str(Path(sys.executable).parent / "semgrep")
    proc = subprocess.run(
        [binary, "--experimental", "--test", "--metrics=off", str(RULES)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "All tests passed" in output
