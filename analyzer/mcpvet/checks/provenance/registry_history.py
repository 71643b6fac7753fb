"""registry-history: is the package brand new, or is the inspected version withdrawn?

What: `new-package` (medium) when the package's first release is younger than 30 days;
`yanked-version` (medium) when the inspected version was yanked (PyPI); `deprecated-version` (low)
when it is deprecated (npm).
Why: malicious packages are short-lived: most are caught and removed within days of their first
upload, so a package with no history has earned no trust yet. A yanked or deprecated version was
withdrawn by its own maintainers, sometimes for a security reason.
How to fix: prefer established packages; pin a version that is not yanked or deprecated.

Score: 10 with no finding, 3 for a new package or a yanked version, 7 for a deprecated one.
Inconclusive when there is no registry history (local folder, git checkout, registry document
missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import provenance_of
from mcpvet.model import Finding, Severity
from mcpvet.provenance.history import NEW_PACKAGE_DAYS


@dataclass(frozen=True)
class RegistryHistory:
    id: str = "registry-history"
    risk: Severity = Severity.MEDIUM
    rules: tuple[str, ...] = ("new-package", "yanked-version", "deprecated-version")

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None or prov.history is None or prov.now is None:
            where = "a local folder" if facts.target.ecosystem.value == "local" else (
                "a git checkout" if facts.target.ecosystem.value == "git" else "this target")
            return CheckOutcome((), None, f"inconclusive: no registry history for {where}")
        hist = prov.history
        findings: list[Finding] = []
        scores = [10.0]
        age = hist.age_days(prov.now)
        if age is None:
            return CheckOutcome((), None, "inconclusive: the registry gives no release dates")
        if age < NEW_PACKAGE_DAYS:
            first = hist.first_release.strftime("%Y-%m-%d") if hist.first_release else "?"
            findings.append(Finding(
                "new-package", Severity.MEDIUM,
                f"The package is {int(age)} day(s) old",
                f"Its first release on {hist.registry} was published on {first} ({len(hist.releases)} release(s) "
                f"so far). Most malicious packages are removed within days; a package this young has no track record."))
            scores.append(3.0)
        cur = hist.inspected
        if cur is not None and cur.yanked:
            findings.append(Finding(
                "yanked-version", Severity.MEDIUM, f"Version {cur.version} was yanked",
                "The maintainers withdrew this version from the index (pip does not pick it unless pinned)."))
            scores.append(3.0)
        if cur is not None and cur.deprecated:
            findings.append(Finding(
                "deprecated-version", Severity.LOW, f"Version {cur.version} is deprecated",
                f"npm deprecation message: {cur.deprecated[:300]}"))
            scores.append(7.0)
        if not findings:
            return CheckOutcome((), 10.0, f"first released {int(age)} days ago, {len(hist.releases)} releases; "
                                          "the inspected version is current and not withdrawn")
        return CheckOutcome(tuple(findings), min(scores), "; ".join(f.title for f in findings))
