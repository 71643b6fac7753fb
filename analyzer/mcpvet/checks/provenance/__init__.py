"""Checks on provenance: registry history, maintainers, repository, attestations, dependencies, names, secrets.

Each reads `facts.provenance` (mcpvet.provenance.Provenance) and nothing else of the network.
"""

from __future__ import annotations

from mcpvet.checks.interface import Check
from mcpvet.checks.provenance.attestations import ProvenanceAttestation
from mcpvet.checks.provenance.maintainers import MaintainerContinuity
from mcpvet.checks.provenance.names import NameConfusion
from mcpvet.checks.provenance.registry_history import RegistryHistory
from mcpvet.checks.provenance.repository import SourceRepository
from mcpvet.checks.provenance.secrets import LeakedSecrets
from mcpvet.checks.provenance.vulnerabilities import VulnerableDependencies

CHECKS: tuple[Check, ...] = (
    RegistryHistory(),
    MaintainerContinuity(),
    SourceRepository(),
    ProvenanceAttestation(),
    VulnerableDependencies(),
    NameConfusion(),
    LeakedSecrets(),
)
