"""Fetching: turn a SPEC into files on local disk inside the run's scratch folder.

`fetch_target` is the stage entry point. Spec forms: `pypi:NAME[==VERSION]`, `npm:NAME[@VERSION]`
(scoped names too), `git+https|ssh|file://…[@REF]`, a local directory or archive, or a bare
`NAME` / `@scope/name` looked up in both registries. `FETCHERS` maps every spec kind
(`mcpvet.fetch.spec.SPEC_KINDS`) to the Fetcher that handles it.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from mcpvet.fetch.interface import Fetched, Fetcher, RegistryInfo
from mcpvet.fetch.spec import Spec, parse_spec
from mcpvet.options import InspectOptions

__all__ = ["FETCHERS", "Fetched", "Fetcher", "RegistryInfo", "Spec", "fetch_target", "parse_spec"]


class _LazyFetcher:
    """A fetcher whose module is imported when it first fetches: a local folder or archive never
    loads the HTTP client (requests), a registry spec never loads git's."""

    def __init__(self, module: str, name: str) -> None:
        self._module = module
        self._name = name
        self._fetcher: Fetcher | None = None

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        if self._fetcher is None:
            self._fetcher = getattr(import_module(self._module), self._name)()
        return self._fetcher.fetch(spec, options, scratch)


FETCHERS: dict[str, Fetcher] = {
    "pypi": _LazyFetcher("mcpvet.fetch.pypi", "PyPIFetcher"),
    "npm": _LazyFetcher("mcpvet.fetch.npm", "NpmFetcher"),
    "git": _LazyFetcher("mcpvet.fetch.git", "GitFetcher"),
    "local": _LazyFetcher("mcpvet.fetch.local", "LocalFetcher"),
    "bare": _LazyFetcher("mcpvet.fetch.bare", "BareNameFetcher"),
}


def fetch_target(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
    """Resolve `spec` and make it available under `scratch`. Raises mcpvet.errors on failure:
    TargetNotFound / AmbiguousTarget / UsageError (exit 2), FetchError / IntegrityError (exit 3)."""
    kind = parse_spec(spec).kind
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    return FETCHERS[kind].fetch(spec, options, scratch)

