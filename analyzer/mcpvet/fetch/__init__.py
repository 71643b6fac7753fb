"""Fetching: turn a SPEC into files on local disk inside the run's scratch folder.

`fetch_target` is the stage entry point. Spec forms: `pypi:NAME[==VERSION]`, `npm:NAME[@VERSION]`
(scoped names too), `git+https|ssh|file://…[@REF]`, a local directory or archive, or a bare
`NAME` / `@scope/name` looked up in both registries. `FETCHERS` maps every spec kind
(`mcpvet.fetch.spec.SPEC_KINDS`) to the Fetcher that handles it.
"""

from __future__ import annotations

from pathlib import Path

from mcpvet.fetch.bare import BareNameFetcher
from mcpvet.fetch.git import GitFetcher
from mcpvet.fetch.interface import Fetched, Fetcher, RegistryInfo
from mcpvet.fetch.local import LocalFetcher
from mcpvet.fetch.npm import NpmFetcher
from mcpvet.fetch.pypi import PyPIFetcher
from mcpvet.fetch.spec import Spec, parse_spec
from mcpvet.options import InspectOptions

__all__ = ["FETCHERS", "Fetched", "Fetcher", "RegistryInfo", "Spec", "fetch_target", "parse_spec"]

FETCHERS: dict[str, Fetcher] = {
    "pypi": PyPIFetcher(),
    "npm": NpmFetcher(),
    "git": GitFetcher(),
    "local": LocalFetcher(),
    "bare": BareNameFetcher(),
}


def fetch_target(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
    """Resolve `spec` and make it available under `scratch`. Raises mcpvet.errors on failure:
    TargetNotFound / AmbiguousTarget / UsageError (exit 2), FetchError / IntegrityError (exit 3)."""
    kind = parse_spec(spec).kind
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    return FETCHERS[kind].fetch(spec, options, scratch)

