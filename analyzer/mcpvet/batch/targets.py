"""From registry entries and user specs to work items: what to analyse, and what not and why.

`pypi` and `npm` packages with an exact version become targets (`pypi:NAME==VER`,
`npm:NAME@VER`). Every other registry type (oci, mcpb, nuget, cargo, go, values not in the
schema), remote-only servers and entries missing what a target needs become `unsupported`
items with the reason; `status: deleted` entries become `skipped` items. Nothing is dropped
silently. Targets are deduplicated on (registryType, identifier, version): the servers that
point at one package share its item.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mcpvet.batch.listing import Entry, Problem

PENDING = "pending"
UNSUPPORTED = "unsupported"
SKIPPED = "skipped"
ANALYSED = "analysed"
FAILED = "failed"
STATUSES = (ANALYSED, FAILED, UNSUPPORTED, SKIPPED)


@dataclass
class Item:
    """One row of the batch: a target to analyse (`status == PENDING`) or a recorded non-target."""

    key: str  # unique in the store: the spec for targets, "server:NAME@VERSION#n" for non-targets
    spec: str | None
    status: str = PENDING
    reason: str | None = None
    servers: list[dict[str, Any]] = field(default_factory=list)  # the registry entries behind it


@dataclass(frozen=True)
class Alias:
    """A later registry entry pointing at a package already listed: `server` was added to `item`."""

    item: Item
    server: dict[str, Any]


def spec_for(registry_type: str, identifier: str, version: str) -> str:
    return f"pypi:{identifier}=={version}" if registry_type == "pypi" else f"npm:{identifier}@{version}"


def _server_row(entry: Entry) -> dict[str, Any]:
    s, m = entry.server, entry.meta
    status = m.get("status") if isinstance(m.get("status"), str) else "active"
    return {"name": str(s.get("name")), "version": str(s.get("version") or ""), "status": status,
            "deprecated": status == "deprecated", "published_at": m.get("publishedAt"),
            "updated_at": m.get("updatedAt"), "is_latest": m.get("isLatest"), "origin": entry.origin,
            "remotes": len(s.get("remotes") or []) if isinstance(s.get("remotes"), list) else 0}


def _package_item(pkg: Any, entry: Entry) -> tuple[str, Item]:
    """(dedupe key, item) of one `packages[]` element."""
    name = entry.server.get("name")
    if not isinstance(pkg, dict):
        return f"bad:{name}:{id(pkg)}", Item(f"server:{name}@{entry.server.get('version')}#{entry.origin}", None,
                                              UNSUPPORTED, "a packages[] element is not an object")
    rtype = pkg.get("registryType", pkg.get("registry_type", pkg.get("registry_name")))
    ident, version = pkg.get("identifier", pkg.get("name")), pkg.get("version")
    label = f"{rtype}:{ident}@{version}"
    if not isinstance(rtype, str) or not rtype:
        return f"bad:{label}:{entry.origin}", Item(f"package:{label}#{entry.origin}", None, UNSUPPORTED,
                                                   "the package has no registryType")
    rtype = rtype.lower()
    if rtype not in ("pypi", "npm"):
        return f"{rtype}:{ident}:{version}", Item(f"package:{label}", None, UNSUPPORTED,
                                                 f"registry type {rtype!r} is not analysed by mcpvet (only pypi and npm)")
    if not isinstance(ident, str) or not ident.strip():
        return f"bad:{label}:{entry.origin}", Item(f"package:{label}#{entry.origin}", None, UNSUPPORTED,
                                                   "the package has no identifier")
    if not isinstance(version, str) or not version.strip() or version.strip() in ("latest", "*"):
        return f"bad:{label}:{entry.origin}", Item(f"package:{label}#{entry.origin}", None, UNSUPPORTED,
                                                   "the package has no exact version")
    base = pkg.get("registryBaseUrl")
    default = "https://pypi.org" if rtype == "pypi" else "https://registry.npmjs.org"
    if isinstance(base, str) and base.rstrip("/") not in (default, "https://registry.npmjs.com", "https://pypi.python.org"):
        item = Item(spec_for(rtype, ident.strip(), version.strip()), spec_for(rtype, ident.strip(), version.strip()))
        item.reason = f"registryBaseUrl {base} is not the default registry; analysed from the configured one"
        return f"{rtype}:{ident}:{version}", item
    spec = spec_for(rtype, ident.strip(), version.strip())
    return f"{rtype}:{ident.strip().lower()}:{version.strip()}", Item(spec, spec)


def items_from_listing(entries: Iterable[Entry | Problem]) -> Iterator[Item | Alias | Problem]:
    """Items in listing order, each target once (later servers pointing at it are added to it)."""
    by_key: dict[str, Item] = {}
    for entry in entries:
        if isinstance(entry, Problem):
            yield entry
            continue
        row = _server_row(entry)
        where = f"server:{row['name']}@{row['version']}"
        if row["status"] == "deleted":
            yield Item(where, None, SKIPPED, "deleted from the registry", [row])
            continue
        packages = entry.server.get("packages")
        if packages is not None and not isinstance(packages, list):
            yield Item(f"{where}#{entry.origin}", None, UNSUPPORTED, "`packages` is not a list", [row])
            continue
        if not packages:
            why = "remote-only server (no package to analyse)" if row["remotes"] else "the server lists no package"
            yield Item(where, None, UNSUPPORTED, why, [row])
            continue
        for pkg in packages:
            dedupe, item = _package_item(pkg, entry)
            if dedupe in by_key:
                by_key[dedupe].servers.append(row)
                yield Alias(by_key[dedupe], row)
                continue
            by_key[dedupe] = item
            item.servers.append(row)
            yield item


def items_from_specs(specs: Iterable[str]) -> Iterator[Item]:
    """User-given targets, deduplicated, in order."""
    seen: set[str] = set()
    for spec in specs:
        if spec not in seen:
            seen.add(spec)
            yield Item(spec, spec)
