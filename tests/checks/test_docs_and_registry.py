"""docs/rules.md is generated from the checks and must be current; every analysis check is documented."""

from __future__ import annotations

import inspect

import pytest

from mcpvet.checks import ALL_CHECKS
from mcpvet.checks.analysis import CHECKS
from mcpvet.checks.docs import render
from mcpvet.model import Severity
from tests.conftest import ROOT


def test_rules_md_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert committed == render(), "docs/rules.md is stale: run `python -m mcpvet.checks.docs > docs/rules.md`"


def test_every_check_and_rule_is_in_the_docs() -> None:
    text = render()
    for check in ALL_CHECKS:
        assert f"### {check.id}" in text
        for rule in check.rules:
            assert f"`{rule}`" in text


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_analysis_checks_document_what_why_and_fix(check) -> None:
    doc = inspect.getdoc(inspect.getmodule(type(check))) or ""
    assert "What:" in doc and "Why:" in doc and "How to fix:" in doc
    for rule in check.rules:
        assert f"`{rule}`" in doc
    assert isinstance(check.risk, Severity)


def test_check_ids_are_unique() -> None:
    ids = [c.id for c in ALL_CHECKS]
    assert len(ids) == len(set(ids))
