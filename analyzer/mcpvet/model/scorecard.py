"""The assembled scorecard (contract: ../shared/contract/SCORECARD.md) and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mcpvet.model.core import AnalysisError, CheckResult, Finding, Target, Tool
from mcpvet.model.vocab import Language

SCHEMA_VERSION = "1"
MAX_UNRESOLVED_SHOWN = 20  # calls listed per tool in `unresolved` (`unresolved_calls` counts them all)


def tool_to_json(tool: Tool) -> dict[str, Any]:
    caps = sorted(tool.capabilities, key=lambda c: c.kind.value)
    out: dict[str, Any] = {
        "name": tool.name,
        "description": tool.description,
        "input_schema": tool.input_schema,
        "declared_at": tool.declared_at.to_json(),
        "handler": None,
        "capabilities": [{"kind": c.kind.value, "evidence": [e.to_json() for e in c.evidence]} for c in caps],
        "declared_capabilities": sorted(k.value for k in tool.declared_kinds),
        "undeclared_capabilities": sorted(k.value for k in tool.undeclared_kinds),
        # additions beyond the contract's required fields (allowed: fields may be added)
        "title": tool.title,
        "annotations": tool.annotations,
        "declared_because": {
            d.kind.value: list(d.reasons) for d in sorted(tool.declared_capabilities, key=lambda d: d.kind.value)
        },
        "description_source": tool.description_source,
        "unresolved_calls": len(tool.unresolved_calls),
        # contract (data flow and honest headlines): false when calls on the tool's paths could not be
        # followed (unknown receivers, dynamic dispatch, a budget cut): capabilities may be missing
        "complete": not tool.unresolved_calls,
        "unresolved": list(tool.unresolved_calls[:MAX_UNRESOLVED_SHOWN]),
        "destinations": list(tool.destinations),
        "exposure": list(tool.exposure),
    }
    if tool.description_note:
        out["description_note"] = tool.description_note
    if tool.handler is not None:
        out["handler"] = {**tool.handler.location.to_json(), "symbol": tool.handler.symbol}
    return out


@dataclass(frozen=True)
class Score:
    """The headline: value and grade, the checks behind them, and why it is not rated (value None)."""

    value: float | None
    grade: str | None
    checks: tuple[CheckResult, ...] = ()
    reason: str | None = None  # set when value and grade are None: why the package is not rated

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "grade": self.grade, "checks": [c.to_json() for c in self.checks]}
        if self.reason is not None:
            out["reason"] = self.reason
        return out


JsonObject = dict[str, Any]
"""A JSON object of the contract whose fields the registry or a service decides (free-form by design)."""


@dataclass(frozen=True)
class ProvenanceSummary:
    """The scorecard's `provenance`: the contract's five parts, and the collectors' additions
    (`collected`, the install closures …) in `extra`."""

    registry: JsonObject | None = None
    repository: JsonObject | None = None
    attestations: JsonObject | None = None
    install_hooks: tuple[JsonObject, ...] = ()
    dependencies: tuple[JsonObject, ...] = ()
    extra: JsonObject = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "registry": self.registry,
            "repository": self.repository,
            "attestations": self.attestations,
            "install_hooks": list(self.install_hooks),
            "dependencies": list(self.dependencies),
            **self.extra,
        }


@dataclass(frozen=True)
class Scorecard:
    analyzer_version: str
    target: Target
    languages: tuple[Language, ...]
    tools: tuple[Tool, ...]
    findings: tuple[Finding, ...]  # ordered; ids are their positions
    provenance: ProvenanceSummary
    score: Score
    errors: tuple[AnalysisError, ...]
    notes: tuple[str, ...] = ()  # informational messages for the user (e.g. which registry a bare name came from)
    stats: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # the analysis itself failed (exit 3): the card is not rated and its last errors[] entry says why
    failed: bool = False
    # the package's manifest (pyproject.toml, package.json, setup.py, PKG-INFO, …) relative to its root: where
    # SARIF places a finding about the whole package; None when the package ships none
    manifest: str | None = None
    # findings moved out by the configuration's suppressions, expired and unused entries (mcpvet.config);
    # None when no suppression was configured. An addition to the contract: top-level `suppressions`.
    suppressions: dict[str, Any] | None = None

    def finding_ids(self) -> list[str]:
        return [f"MCPV-{i:04d}" for i in range(1, len(self.findings) + 1)]

    def to_json(self) -> dict[str, Any]:
        t = self.target
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "analyzer": {"name": "mcpvet", "version": self.analyzer_version},
            "target": {
                "spec": t.spec,
                "ecosystem": t.ecosystem.value,
                "name": t.name,
                "version": t.version,
                "artifact": t.artifact,
                "sha256": t.sha256,
                "languages": [lang.value for lang in self.languages],
            },
            "tools": [tool_to_json(tool) for tool in self.tools],
            "findings": [f.to_json(i) for f, i in zip(self.findings, self.finding_ids(), strict=True)],
            "provenance": self.provenance.to_json(),
            "score": self.score.to_json(),
            "errors": [e.to_json() for e in self.errors],
        }
        if self.suppressions is not None:
            out["suppressions"] = self.suppressions
        return out
