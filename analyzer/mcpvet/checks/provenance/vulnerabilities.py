"""vulnerable-dependencies: do the dependencies, declared or pulled in on install (the MCP SDK among them), have known advisories?

What: `vulnerable-package` (high) when the inspected release itself has advisories; one
`vulnerable-dependency` finding per affected package, naming each advisory (id, aliases), the
affected range and the fixed versions. Two sources: the install closure (what `pip install` /
`npm install` resolves today, wheels only and with scripts off, audited with pip-audit over OSV or
with npm's bulk advisories; see mcpvet.provenance.closure): `high`, with the path that pulls the
package in (server -> a -> b); and the declared dependencies read from the manifest (see
mcpvet.provenance.dependencies): `high` for a pinned or locked version that is affected,
`medium` for a range whose lowest admitted version is affected, `low` for a dependency with no
lower bound whose package has advisories. A package affected in the closure is reported once, from
the closure.
Why: an MCP server runs with the user's privileges; an old SDK with a published denial-of-service
or DNS-rebinding flaw, or a vulnerable HTTP library deep in the dependency tree, is exposed
through every tool.
How to fix: raise the pin or the lower bound to a fixed version; for a package deep in the tree,
raise the dependency that pulls it in, or require the fixed version directly.

Score: 0 when the inspected release itself, a pinned dependency or a package of the install
closure is affected, 4 when a range admits an affected version, 7 for unbounded ones only, 10 when
the closure was resolved and audited and every dependency was checked and none is affected.
Inconclusive when the closure could not be resolved or audited (resolver failure, pip-audit or npm
missing, service unreachable, time-out, offline) or a service could not answer for some
dependency, and nothing was found: never a pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import plural, provenance_of
from mcpvet.model import Finding, Severity
from mcpvet.provenance import Provenance
from mcpvet.provenance.dependencies import Advisory, Dependency

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
        closures = prov.closures
        if not deps and not closures:
            if facts.tree is None:
                return CheckOutcome((), None, "inconclusive: no package contents to read dependencies from")
            return CheckOutcome((), 10.0, "no dependencies declared")
        resolved = [d for d in deps if d.version_kind == "resolved"]
        declared = [d for d in deps if d.version_kind != "resolved"]
        findings = [_resolved_finding(d) for d in resolved if d.vulnerabilities]
        scores = [0.0] * len(findings)
        in_closure = {(d.ecosystem, d.name) for d in resolved if d.vulnerabilities}
        for d in declared:
            if not d.vulnerabilities or (d.ecosystem, d.name) in in_closure:
                continue
            sev, score = _BY_KIND.get(d.version_kind, (Severity.MEDIUM, 4.0))
            scores.append(score)
            findings.append(_declared_finding(d, sev))
        failed = [c for c in closures if not c.conclusive]
        # a declared dependency its service could not check is still covered when the audited closure holds it
        covered = {(d.ecosystem, d.name) for d in resolved if d.vulnerabilities is not None}
        unknown = [d for d in declared if d.vulnerabilities is None and (d.ecosystem, d.name) not in covered]
        unaudited = [d for d in resolved if d.vulnerabilities is None]
        gaps = [f"the {'PyPI' if c.ecosystem == 'pypi' else 'npm'} install closure was not audited ({c.reason})"
                for c in failed]
        if unknown:
            why = sorted({d.note for d in unknown if d.note})
            gaps.append(f"{plural(len(unknown), 'declared dependency', 'declared dependencies')} could not be "
                        f"checked ({'; '.join(why) or 'unknown reason'})")
        if unaudited and not failed:
            gaps.append(f"{plural(len(unaudited), 'package')} of the install closure could not be checked")
        if findings:
            extra = f"; {'; '.join(gaps)}" if gaps else ""
            return CheckOutcome(tuple(findings), min(scores),
                                f"{plural(len(findings), 'dependency', 'dependencies')} with known vulnerabilities{extra}")
        if gaps:
            return CheckOutcome((), None, "inconclusive: " + "; ".join(gaps))
        counted = plural(len(declared), "declared dependency", "declared dependencies")
        if closures:
            counted += f" and the {plural(len(resolved), 'package')} installing it pulls in"
        return CheckOutcome((), 10.0, f"no known vulnerabilities in {counted}")


def _resolved_finding(d: Dependency) -> Finding:
    advisories = d.vulnerabilities or ()
    chain = " → ".join(d.path)
    sdk = "The MCP SDK dependency " if d.is_sdk else "Dependency "
    depth = "directly" if len(d.path) == 2 else f"through {' → '.join(d.path[1:-1])}"
    return Finding(
        "vulnerable-dependency", Severity.HIGH,
        f"{sdk}{d.name} {d.version} ({chain}) has "
        f"{plural(len(advisories), 'known vulnerability', 'known vulnerabilities')}: "
        f"{', '.join(a.id for a in advisories)}",
        f"Installing {d.path[0] if d.path else 'the server'} today installs {d.name} {d.version} {depth} "
        f"(path {chain}); it is affected by " + " | ".join(_describe(a) for a in advisories) + ".")


def _declared_finding(d: Dependency, sev: Severity) -> Finding:
    advisories = d.vulnerabilities or ()
    what = {"exact": f"{d.name} {d.version}" + (" (from the lock file)" if d.locked else ""),
            "lower-bound": f"{d.name}{d.specifier} (lowest admitted version {d.version})",
            "unbounded": f"{d.name} (no lower bound: every version admitted)"}.get(d.version_kind, d.name)
    sdk = "The MCP SDK dependency " if d.is_sdk else "Dependency "
    return Finding(
        "vulnerable-dependency", sev,
        f"{sdk}{d.name} {'is at a version with' if d.version_kind == 'exact' else 'admits versions with'} "
        f"{plural(len(advisories), 'known vulnerability', 'known vulnerabilities')}"
        f": {', '.join(a.id for a in advisories)}",
        f"{what} is affected by " + " | ".join(_describe(a) for a in advisories) + ".")


def _describe(a: Advisory) -> str:
    alias = f" ({', '.join(a.aliases)})" if a.aliases else ""
    fixed = ", ".join(a.fixed) if a.fixed else "no fixed version listed"
    return f"{a.id}{alias}: {a.summary or 'no summary'}; affected {a.affected}; fixed in {fixed}"
