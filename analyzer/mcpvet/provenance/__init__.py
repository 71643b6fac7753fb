"""Provenance: where the code came from and how far it can be trusted (contract: provenance).

`collect` is the stage entry point. This first version carries what the fetch learned; the
provenance work extends it (repository, attestations, dependencies, vulnerabilities).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from mcpvet.fetch.interface import Fetched
from mcpvet.model import AnalysisError, SourceTree
from mcpvet.options import InspectOptions


@dataclass(frozen=True)
class Provenance:
    registry: dict[str, Any] | None
    repository: dict[str, Any] | None
    attestations: dict[str, Any]
    install_hooks: tuple[dict[str, Any], ...]
    dependencies: tuple[dict[str, Any], ...]
    errors: tuple[AnalysisError, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "registry": self.registry,
            "repository": self.repository,
            "attestations": self.attestations,
            "install_hooks": list(self.install_hooks),
            "dependencies": list(self.dependencies),
            **self.extra,
        }


def collect(fetched: Fetched, tree: SourceTree | None, options: InspectOptions) -> Provenance:
    reg = fetched.registry
    registry = None
    repository = None
    if reg is not None:
        registry = {k: v for k, v in asdict(reg).items() if k != "raw"}
        registry["maintainers"] = list(reg.maintainers)
        registry["authors"] = list(reg.authors)
        repository = {"url": reg.repository_url, "homepage": reg.homepage_url, "consistent": None}
    hooks = tuple(
        {"kind": h.kind, "command": h.command, **({"location": h.location.to_json()} if h.location else {})}
        for h in (tree.install_hooks if tree else ())
    )
    eco = fetched.target.ecosystem.value
    attest = {"status": "not-applicable", "reason": f"{eco} target"}
    if eco in ("pypi", "npm"):
        attest = {"status": "unknown", "reason": "attestations are not checked yet"}
    return Provenance(registry, repository, attest, hooks, ())
