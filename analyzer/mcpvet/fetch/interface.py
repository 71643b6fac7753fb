"""What a fetcher gives the pipeline. Only fetchers touch the network (through fetch.http)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mcpvet.model import AnalysisError, Target
from mcpvet.options import InspectOptions


@dataclass(frozen=True)
class RegistryInfo:
    """What the registry says about the package (contract: provenance.registry)."""

    registry: str  # "pypi" | "npm"
    url: str  # the metadata URL that answered
    maintainers: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    release_count: int = 0
    first_release: str | None = None  # ISO 8601 date-time
    latest_release: str | None = None
    version_released: str | None = None  # upload time of the inspected version
    latest_version: str | None = None
    yanked: bool = False
    yanked_reason: str | None = None
    deprecated: str | None = None
    license: str | None = None
    repository_url: str | None = None
    homepage_url: str | None = None
    # the raw registry document (PyPI project JSON / npm packument) for the provenance stage
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Fetched:
    """A target made available on local disk inside the run's scratch folder."""

    target: Target
    # exactly one of these is set: an archive to unpack, or a directory to analyse in place
    archive: Path | None = None
    directory: Path | None = None
    registry: RegistryInfo | None = None
    errors: tuple[AnalysisError, ...] = ()
    # informational messages for the user (e.g. "found 'x' on PyPI only"), not errors
    notes: tuple[str, ...] = ()


class Fetcher(Protocol):
    """Resolves one kind of spec to local files. Raises mcpvet.errors on failure."""

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched: ...
