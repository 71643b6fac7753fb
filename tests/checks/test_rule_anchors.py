"""Every rule id the code can emit has its own anchor in docs/rules.md (SARIF `helpUri` points there).

The ids are collected from the source itself (every `Finding(...)` call and every `"rule": …` entry
with a literal or module-constant id), together with the rules the checks declare, so a new rule
written anywhere fails here until the reference is regenerated.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from mcpvet.batch.work import OWNERSHIP_RULE
from mcpvet.checks import ALL_CHECKS
from mcpvet.checks.docs import OTHER_RULES
from mcpvet.render.sarif import rule_url
from tests.conftest import ROOT

PACKAGE = ROOT / "analyzer" / "mcpvet"


def _github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation but '-' and '_' dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _constants(tree: ast.Module) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = node.value.value
    return out


def _literal(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def emitted_rules_in_source(root: Path = PACKAGE) -> set[str]:
    found: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name != "Finding":
                    continue
                arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "rule"), None)
                if (rule := _literal(arg, constants)) is not None:
                    found.add(rule)
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "rule" and (rule := _literal(value, constants)):
                        found.add(rule)
    return found


def _anchors() -> set[str]:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    return {_github_slug(m.group(1).replace("`", "")) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def test_the_source_scan_sees_the_rules() -> None:
    found = emitted_rules_in_source()
    assert len(found) >= 20
    assert {"undeclared-capability", "install-script", "leaked-secret", OWNERSHIP_RULE} <= found


def test_every_emitted_rule_has_an_anchor() -> None:
    declared = {r for c in ALL_CHECKS for r in c.rules}
    emitted = emitted_rules_in_source() | declared | {OWNERSHIP_RULE}
    assert OWNERSHIP_RULE in OTHER_RULES
    missing = sorted(r for r in emitted if r not in _anchors())
    assert not missing, f"rules without a heading in docs/rules.md: {missing} (add them, then regenerate)"
    assert all(rule_url(r).endswith(f"docs/rules.md#{r}") for r in emitted)


def test_rule_and_check_anchors_do_not_collide() -> None:
    rules = {r for c in ALL_CHECKS for r in c.rules} | set(OTHER_RULES)
    assert not rules & {c.id for c in ALL_CHECKS}
