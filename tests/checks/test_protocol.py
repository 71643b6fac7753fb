"""Every check of ALL_CHECKS satisfies the Check protocol, has a unique id, and its rules are documented."""

from __future__ import annotations

import inspect
import re
import typing
from pathlib import Path

import pytest

from mcpvet.checks import ALL_CHECKS, Check, CheckOutcome, Facts
from mcpvet.model import Severity

ROOT = Path(__file__).resolve().parents[2]
_IDS = [c.id for c in ALL_CHECKS]


def test_check_ids_are_unique() -> None:
    assert len(_IDS) == len(set(_IDS)), sorted(i for i in _IDS if _IDS.count(i) > 1)


@pytest.mark.parametrize("check", ALL_CHECKS, ids=_IDS)
def test_the_check_satisfies_the_protocol(check: Check) -> None:
    assert isinstance(check, Check)  # runtime_checkable: every attribute and method is there
    assert isinstance(check.id, str) and re.fullmatch(r"[a-z][a-z0-9-]*", check.id)
    assert isinstance(check.risk, Severity)
    assert isinstance(check.rules, tuple) and check.rules, f"{check.id}: no rules"
    assert all(isinstance(r, str) and re.fullmatch(r"[a-z][a-z0-9-]*", r) for r in check.rules)
    assert len(set(check.rules)) == len(check.rules), f"{check.id}: a rule listed twice"
    # run(facts: Facts) -> CheckOutcome, as the protocol says
    params = list(inspect.signature(check.run).parameters.values())
    assert [p.name for p in params] == ["facts"]
    assert params[0].kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.POSITIONAL_ONLY)
    hints = typing.get_type_hints(type(check).run)
    assert hints == {"facts": Facts, "return": CheckOutcome}
    # the attributes are fixed: a check is a frozen value, not a mutable registry entry
    with pytest.raises(AttributeError):
        check.id = "changed"  # type: ignore[misc]


def test_the_protocol_is_what_the_checks_implement() -> None:
    members = {name for name in vars(Check) if not name.startswith("_")}
    assert members == {"id", "risk", "rules", "run"}


@pytest.mark.parametrize("check", ALL_CHECKS, ids=_IDS)
def test_every_rule_is_documented_in_rules_md(check: Check) -> None:
    rules_md = (ROOT / "docs" / "rules.md").read_text("utf-8")
    row = next((line for line in rules_md.splitlines() if line.startswith(f"| [`{check.id}`]")), None)
    assert row is not None, f"{check.id} is not in the table of docs/rules.md"
    documented = set(re.findall(r"`([a-z0-9-]+)`", row.split("|")[3]))
    assert set(check.rules) == documented
