"""vulnerable-dependencies: do the declared dependencies (the MCP SDK among them) have known advisories?

What: `vulnerable-package` (high) when the inspected release itself has advisories; one
`vulnerable-dependency` finding per dependency with advisories, naming each advisory
(id, aliases), the affected range and the fixed versions. Severity by how the dependency is
declared (see mcpvet.provenance.dependencies): `high` for a pinned or locked version that is
affected; `medium` for a range whose lowest admitted version is affected; `low` for a dependency
with no lower bound whose package has advisories.
Why: an MCP server runs with the user's privileges; an old SDK with a published denial-of-service
or DNS-rebinding flaw, or a vulnerable HTTP library, is exposed through every tool.
How to fix: raise the pin or the lower bound to a fixed version.

Score: 0 when the inspected release itself or a pinned dependency is affected, 4 when a range admits an affected version, 7 for
unbounded ones only, 10 when every dependency was checked and none is affected. Inconclusive
when the vulnerability service could not answer for some dependency and nothing was found, never
a pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import plural, provenance_of
from mcpvet.model import Finding, Severity
from mcpvet.provenance import Provenance
from mcpvet.provenance.dependencies import Advisory

_BY_KIND = {"exact": (Severity.HIGH, 0.0), "lower-bound": (Severity.MEDIUM, 4.0), "unbounded": (Severity.LOW, 7.0)}


@dataclass(frozen=True)
class VulnerableDependencies:
    id: str = "vulnerable-dependencies"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("vulnerable-dependency", "vulnerable-package")

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None:
            return CheckOutcome((), None, "inconclusive: provenance was not collected")
        own = prov.package_vulnerabilities
        if own is not None and own.vulnerabilities:
            f = Finding(
                "vulnerable-package", Severity.HIGH,
                f"{own.name} {own.version} itself has "
                f"{plural(len(own.vulnerabilities), 'known vulnerability', 'known vulnerabilities')}"
                f": {', '.join(a.id for a in own.vulnerabilities)}",
                "The inspected release is affected by " + " | ".join(_describe(a) for a in own.vulnerabilities) + ".")
            inner = self._deps(prov, facts)
            return CheckOutcome((f, *inner.findings), 0.0, f"the inspected release has known vulnerabilities; {inner.reason}")
        out = self._deps(prov, facts)
        if own is not None and own.vulnerabilities is None and out.score == 10.0:
            return CheckOutcome(out.findings, None, f"inconclusive: the inspected release could not be checked; {out.reason}")
        return out

    def _deps(self, prov: Provenance, facts: Facts) -> CheckOutcome:
        deps = prov.deps
        if not deps:
            if facts.tree is None:
                return CheckOutcome((), None, "inconclusive: no package contents to read dependencies from")
            return CheckOutcome((), 10.0, "no dependencies declared")
        findings: list[Finding] = []
        scores: list[float] = []
        unknown = [d for d in deps if d.vulnerabilities is None]
        for d in deps:
            if not d.vulnerabilities:
                continue
            sev, score = _BY_KIND.get(d.version_kind, (Severity.MEDIUM, 4.0))
            scores.append(score)
            ids = ", ".join(a.id for a in d.vulnerabilities)
            lines = [_describe(a) for a in d.vulnerabilities]
            what = {"exact": f"{d.name} {d.version}" + (" (from the lock file)" if d.locked else ""),
                    "lower-bound": f"{d.name}{d.specifier} (lowest admitted version {d.version})",
                    "unbounded": f"{d.name} (no lower bound: every version admitted)"}.get(d.version_kind, d.name)
            sdk = "The MCP SDK dependency " if d.is_sdk else "Dependency "
            findings.append(Finding(
                "vulnerable-dependency", sev,
                f"{sdk}{d.name} {'is at a version with' if d.version_kind == 'exact' else 'admits versions with'} "
                f"{plural(len(d.vulnerabilities), 'known vulnerability', 'known vulnerabilities')}"
                f": {ids}",
                f"{what} is affected by " + " | ".join(lines) + "."))
        if findings:
            extra = f"; {plural(len(unknown), 'dependency', 'dependencies')} could not be checked" if unknown else ""
            return CheckOutcome(tuple(findings), min(scores),
                                f"{plural(len(findings), 'dependency', 'dependencies')} with known vulnerabilities{extra}")
        if unknown:
            why = sorted({d.note for d in unknown if d.note})
            return CheckOutcome((), None, f"inconclusive: {plural(len(unknown), 'dependency', 'dependencies')} "
                                          f"could not be checked ({'; '.join(why) or 'unknown reason'})")
        counted = plural(len(deps), "declared dependency", "declared dependencies")
        return CheckOutcome((), 10.0, f"no known vulnerabilities in {counted}")


def _describe(a: Advisory) -> str:
    alias = f" ({', '.join(a.aliases)})" if a.aliases else ""
    fixed = ", ".join(a.fixed) if a.fixed else "no fixed version listed"
    return f"{a.id}{alias}: {a.summary or 'no summary'}; affected {a.affected}; fixed in {fixed}"
