"""Options of one analysis run, shared by every stage. Frozen; built by the CLI or by api callers."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcpvet.analysis.budgets import Budgets

DEFAULT_PYPI_URL = "https://pypi.org"
DEFAULT_NPM_URL = "https://registry.npmjs.org"


def default_cache_dir() -> Path:
    env = os.environ.get("MCPVET_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mcpvet"


@dataclass(frozen=True)
class UnpackLimits:
    """Bounds on what an untrusted archive may unpack to. Defaults fit every real package."""

    max_total_bytes: int = 1 << 30  # 1 GiB decompressed, counted over the whole stream
    max_members: int = 100_000
    max_file_bytes: int = 256 << 20  # one member
    max_ratio: float = 200.0  # decompressed / compressed size of the whole archive


def _budgets() -> Budgets:
    from mcpvet.analysis.budgets import Budgets

    return Budgets()


@dataclass(frozen=True)
class AnalysisLimits:
    """Time and memory bounds of the analysis stages. Every time limit is CPU time of the process
    doing the work, so that a busy machine gives the same result as a quiet one (`mcpvet.cputime`);
    a stage that has used less CPU than its limit after `backstop_factor` times that much
    wall-clock time is stopped all the same and reported apart (errors[] stage "overload")."""

    budgets: Budgets = field(default_factory=_budgets)  # every analysis budget, with its reason

    backstop_factor: float = 10.0  # wall-clock backstop of every CPU-time limit, as a multiple of it
    parse_timeout_s: float = 20.0  # CPU seconds of a parser worker for one file
    parse_memory_bytes: int = 2 << 30  # address-space limit of a parser worker
    max_source_file_bytes: int = 5 << 20  # larger source files are reported in errors[], not parsed
    semgrep_timeout_s: float = 120.0  # CPU seconds of the whole semgrep run (its processes)
    # semgrep --timeout (per rule and file; 0: none). semgrep counts it in wall-clock time, so any
    # value cuts rules on a busy machine that finish on a quiet one (50 s still did at a load of 25 on
    # 2 cores, @shopify/dev-mcp's 1 MB bundles): off, and the CPU limit above bounds the whole run
    semgrep_rule_timeout_s: int = 0
    semgrep_timeout_threshold: int = 3  # semgrep --timeout-threshold: rules that may time out on a file before it is given up
    # semgrep --max-target-bytes: bundles over 1 MiB cost semgrep tens of seconds each (a 1.4 MB
    # bundle: ~40 s); they are still read by the frontends, whose sink tables cover resolved calls
    semgrep_max_target_bytes: int = 1 << 20
    semgrep_max_memory_mb: int = 4096
    git_timeout_s: float = 120.0


@dataclass(frozen=True)
class InspectOptions:
    pypi_url: str = field(default_factory=lambda: os.environ.get("MCPVET_PYPI_URL", DEFAULT_PYPI_URL))
    npm_url: str = field(default_factory=lambda: os.environ.get("MCPVET_NPM_URL", DEFAULT_NPM_URL))
    # vulnerability services (provenance); overridable for mirrors and tests
    osv_url: str = field(default_factory=lambda: os.environ.get("MCPVET_OSV_URL", "https://api.osv.dev"))
    cache_dir: Path = field(default_factory=default_cache_dir)
    use_cache: bool = True
    artifact: str | None = None  # "wheel" | "sdist" | None (what pip would install)
    offline: bool = False  # no network except what is already cached
    compare_repo: bool = False
    unpack: UnpackLimits = field(default_factory=UnpackLimits)
    limits: AnalysisLimits = field(default_factory=AnalysisLimits)
    http_timeout_s: float = 30.0  # connecting, and the longest silence between two reads
    http_retries: int = 3
    # one wall-clock deadline per request, covering connect, response headers and body (redirects
    # and retries included): a server dripping bytes just fast enough to dodge http_timeout_s ends
    http_deadline_s: float = 60.0  # an artifact download
    http_json_deadline_s: float = 30.0  # a metadata or service (JSON) request
    max_download_bytes: int = 512 << 20
