"""leaked-secrets: does the package ship credentials?

What: `leaked-secret` (high; medium in test files, which may hold fixtures) for each token or key
of a common provider found in the package's files (AWS, GitHub, Slack, Stripe live, Google API,
npm, OpenAI, Anthropic, PEM private keys), with its location and a redacted excerpt. node_modules and files over 2 MiB are not scanned.
Why: a published credential is compromised: anyone can use it. It also shows how carefully the
package was put together, and a server holding its own keys may act under someone else's account.
How to fix: revoke the credential at the provider now, remove it from the package and its history,
read secrets from the environment at run time.

Score: 0 with any finding outside tests, 5 with test files only, else 10. Inconclusive when nothing was unpacked.
"""  # noqa: E501 - the docstring is docs/rules.md verbatim (test_rules_md_is_current)

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import plural, provenance_of
from mcpvet.model import Finding, Severity

MAX_FINDINGS = 25


@dataclass(frozen=True)
class LeakedSecrets:
    id: str = "leaked-secrets"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("leaked-secret",)

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None or prov.secrets is None:
            return CheckOutcome((), None, "inconclusive: no package files were scanned")
        hits = prov.secrets
        if not hits:
            return CheckOutcome((), 10.0, "no provider credentials found in the package files")
        findings = [Finding("leaked-secret", Severity.MEDIUM if h.in_test else Severity.HIGH,
                            f"{h.provider} shipped in the package" + (" (in a test file)" if h.in_test else ""),
                            f"{h.location.path}:{h.location.line} contains what looks like a live {h.provider} "
                            f"({h.excerpt}). " + ("It sits in a test file and may be a fixture; if it is real, "
                                                  "revoke it." if h.in_test else "Treat it as compromised: revoke it."),
                            location=h.location)
                    for h in hits[:MAX_FINDINGS]]
        if len(hits) > MAX_FINDINGS:
            findings.append(Finding("leaked-secret", Severity.HIGH, f"{len(hits) - MAX_FINDINGS} more credentials",
                                    "Further credentials were found; only the first ones are listed."))
        score = 5.0 if all(h.in_test for h in hits) else 0.0
        return CheckOutcome(tuple(findings), score, f"{plural(len(hits), 'credential')} found in the package")
