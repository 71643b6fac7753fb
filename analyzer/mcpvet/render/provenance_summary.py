"""A few lines that summarise the scorecard's provenance block, for the human-readable renderers."""

from __future__ import annotations

from mcpvet.model.scorecard import ProvenanceSummary


def provenance_lines(prov: ProvenanceSummary) -> list[str]:
    out: list[str] = []
    reg = prov.registry or {}
    if reg:
        first = str(reg.get("first_release") or "?")[:10]
        latest = str(reg.get("latest_release") or "?")[:10]
        who = ", ".join((reg.get("maintainers") or [])[:4]) or "unknown"
        line = (f"registry: {reg.get('registry')} · {reg.get('release_count', '?')} releases · first {first} · "
                f"latest {latest} · maintainers {who}")
        if reg.get("yanked"):
            line += " · YANKED"
        if reg.get("deprecated"):
            line += " · DEPRECATED"
        out.append(line)
    repo = prov.repository or {}
    if repo.get("url"):
        state = {True: "consistent", False: "INCONSISTENT", None: "not checked"}.get(repo.get("consistent"), "?")
        out.append(f"repository: {repo['url']} ({state})")
    att = prov.attestations or {}
    if att:
        out.append(f"attestations: {att.get('status', '?')}" + (f" — {att['reason']}" if att.get("reason") else ""))
    deps = prov.dependencies
    if deps:
        unknown = sum(1 for d in deps if d.get("vulnerabilities") is None)
        vulnerable = [d for d in deps if d.get("vulnerabilities")]
        line = f"dependencies: {len(deps)}"
        if vulnerable:
            line += f" · {len(vulnerable)} with known vulnerabilities ({', '.join(d['name'] for d in vulnerable[:5])})"
        if unknown:
            line += f" · {unknown} not checked (vulnerability data unavailable)"
        elif not vulnerable:
            line += " · no known vulnerabilities"
        out.append(line)
    hooks = prov.install_hooks
    if hooks:
        out.append("install hooks: " + ", ".join(str(h.get("kind")) for h in hooks))
    return out
