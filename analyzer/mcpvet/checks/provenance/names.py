"""name-confusion: does the package name imitate a popular or official MCP package?

What: `typosquat` (high) when the package's name, or the name of one of its declared dependencies,
is one or two edits away from, or a look-alike-character
copy of, a name in mcpvet's list of popular and official MCP packages, or imitates an official
scope (`@modelcontextprotoco1/...`). Genuine names are never reported.
Why: typosquatting is the most common way malicious packages reach users: a slip of the keyboard,
or an AI assistant inventing a plausible name, installs the attacker's package.
How to fix: check the exact name against the official documentation before installing.

Score: 0 with a look-alike, else 10.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import provenance_of
from mcpvet.model import Finding, Severity


@dataclass(frozen=True)
class NameConfusion:
    id: str = "name-confusion"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("typosquat",)

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None or not prov.package:
            return CheckOutcome((), None, "inconclusive: no package name")
        findings = [
            Finding("typosquat", Severity.HIGH, f"The name {m.name!r} imitates {m.looks_like!r}",
                    f"{m.name!r} looks like the popular MCP package {m.looks_like!r}: {m.reason}. "
                    "Make sure this is the package you meant to install.")
            for m in prov.name_matches]
        findings += [
            Finding("typosquat", Severity.HIGH, f"Dependency {m.name!r} imitates {m.looks_like!r}",
                    f"The package depends on {m.name!r}, which looks like the popular MCP package {m.looks_like!r}: "
                    f"{m.reason}. A look-alike dependency pulls the attacker's code in at install time.")
            for m in prov.dependency_name_matches]
        if not findings:
            return CheckOutcome((), 10.0, f"neither {prov.package!r} nor its dependencies imitate a known MCP "
                                          "package name")
        return CheckOutcome(tuple(findings), 0.0, findings[0].title)
