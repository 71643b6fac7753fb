"""provenance-attestation: is there a signed record of where and how the artifact was built?

What: `attestation-invalid` (high) when an attestation exists but does not match the artifact or
fails verification; `attestation-repository-mismatch` (high) when the source repository in the
attestation differs from the declared one; `no-provenance-attestation` (info) when there is none.
Why: a PEP 740 or npm provenance attestation binds the artifact to a CI run in a named
repository; without one, any holder of a token could have uploaded it.
How to fix: publish from CI with Trusted Publishing (PyPI) or `npm publish --provenance`.

Score: 10 verified and consistent, 8 present (claims read, signature not checked), 5 absent,
0 invalid or mismatched. Inconclusive when it could not be learned (service down, index without
PEP 740 data) or does not apply (local folder, git).
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import provenance_of
from mcpvet.model import Finding, Severity


@dataclass(frozen=True)
class ProvenanceAttestation:
    id: str = "provenance-attestation"
    risk: Severity = Severity.LOW
    rules: tuple[str, ...] = ("attestation-invalid", "attestation-repository-mismatch", "no-provenance-attestation")

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None or prov.attestation is None:
            return CheckOutcome((), None, "inconclusive: provenance was not collected")
        att = prov.attestation
        if att.status in ("not-applicable", "unverifiable"):
            return CheckOutcome((), None, f"inconclusive: {att.reason}")
        if att.status == "absent":
            f = Finding("no-provenance-attestation", Severity.INFO, "No provenance attestation", att.reason)
            return CheckOutcome((f,), 5.0, att.reason)
        if att.status == "invalid":
            f = Finding("attestation-invalid", Severity.HIGH, "The provenance attestation does not match the artifact",
                        att.reason)
            return CheckOutcome((f,), 0.0, att.reason)
        if att.repository_matches is False:
            declared = prov.repo.declared.url if prov.repo and prov.repo.declared else "?"
            f = Finding("attestation-repository-mismatch", Severity.HIGH,
                        "The attestation names another source repository than the package declares",
                        f"The artifact was built from {att.source_repository}, but the package declares {declared}.")
            return CheckOutcome((f,), 0.0, f.title)
        if att.status == "verified":
            return CheckOutcome((), 10.0, att.reason)
        return CheckOutcome((), 8.0, att.reason)
