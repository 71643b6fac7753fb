"""source-repository: does the package point at its source, consistently, and does the source match?

What: `no-source-repository` (low) when the package declares no source repository;
`repository-mismatch` (high) for a positive contradiction: homepage and repository name different
repositories on the same forge, or the package claims an official MCP repository it is not
published from (star-jacking); `files-not-in-repository` (high when code, medium otherwise) with
--compare-repo, for shipped files that the source at the version's tag does not contain or contains
with other bytes.
Why: a declared repository lets users audit the code; borrowing a famous one misleads them; code
present only in the published artifact was added outside review, the classic injected payload.
How to fix: declare the real repository (npm `repository`, PyPI `project_urls`), build releases
from tagged sources in CI.

Score (a local folder or git checkout with no repository declared is inconclusive): 10 consistent
(and, with --compare-repo, identical), 8 when consistency cannot be judged,
5 with no repository, 3 for modified non-code files, 0 for a mismatch or shipped code missing from
the repository.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import plural, provenance_of
from mcpvet.model import Finding, Location, Severity

MAX_LISTED = 15


def _listing(paths: tuple[str, ...]) -> str:
    shown = ", ".join(paths[:MAX_LISTED])
    return shown + (f" and {len(paths) - MAX_LISTED} more" if len(paths) > MAX_LISTED else "")


@dataclass(frozen=True)
class SourceRepository:
    id: str = "source-repository"
    risk: Severity = Severity.MEDIUM
    rules: tuple[str, ...] = ("no-source-repository", "repository-mismatch", "files-not-in-repository")

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None or prov.repo is None:
            return CheckOutcome((), None, "inconclusive: provenance was not collected")
        repo = prov.repo
        findings: list[Finding] = []
        scores: list[float] = []
        reasons: list[str] = []
        if repo.declared is None:
            if prov.ecosystem in ("git", "local"):
                what = "a git checkout is its own source" if prov.ecosystem == "git" else \
                    "a local folder declares no source repository; nothing to compare"
                return CheckOutcome((), None, f"inconclusive: {what}")
            findings.append(Finding("no-source-repository", Severity.LOW, "No source repository declared",
                                    "The package names no source repository, so its published code cannot be "
                                    "compared with reviewed sources."))
            scores.append(5.0)
            reasons.append("no source repository declared")
        for problem in repo.problems:
            findings.append(Finding("repository-mismatch", Severity.HIGH, "The declared repository does not fit "
                                    "the package", problem[:1].upper() + problem[1:] + "."))
            scores.append(0.0)
            reasons.append("repository inconsistent")
        cmp_ = prov.comparison
        if cmp_ is not None and cmp_.status == "compared":
            code = cmp_.missing_code + cmp_.modified_code
            if cmp_.missing or cmp_.modified:
                sev = Severity.HIGH if code else Severity.MEDIUM
                parts = []
                if cmp_.missing:
                    parts.append(f"not in the repository: {_listing(cmp_.missing)}")
                if cmp_.modified:
                    parts.append(f"different from the repository: {_listing(cmp_.modified)}")
                first = (cmp_.missing_code or cmp_.modified_code or cmp_.missing or cmp_.modified)[0]
                findings.append(Finding(
                    "files-not-in-repository", sev,
                    f"{plural(len(cmp_.missing) + len(cmp_.modified), 'shipped file')} not matching the source "
                    f"at {cmp_.ref}",
                    f"Compared with {cmp_.repository} at {cmp_.ref} (commit {cmp_.commit or '?'}); "
                    + "; ".join(parts) + f". {cmp_.ignored} generated file(s) were left out of the comparison.",
                    location=Location(first, 1)))
                scores.append(0.0 if code else 3.0)
                reasons.append(cmp_.reason)
            else:
                reasons.append(f"matches {cmp_.ref}")
        if not findings:
            if repo.consistent is None:
                return CheckOutcome((), 8.0, f"repository {repo.declared.url if repo.declared else '?'} declared; "
                                             "its consistency cannot be judged (not on a known code forge)")
            return CheckOutcome((), 10.0, f"repository {repo.declared.url if repo.declared else '?'} declared and consistent"
                                + (f"; {reasons[-1]}" if reasons else ""))
        return CheckOutcome(tuple(findings), min(scores), "; ".join(reasons))
