"""Fetching: turn a SPEC into files on local disk inside the run's scratch folder.

`fetch_target` is the stage entry point. Spec forms: `pypi:NAME[==VERSION]`, `npm:NAME[@VERSION]`
(scoped names too), `git+https|ssh|file://…[@REF]`, a local directory or archive, or a bare
`NAME` / `@scope/name` looked up in both registries.
"""

from __future__ import annotations

from pathlib import Path

from mcpvet.errors import AmbiguousTarget, FetchError, TargetNotFound
from mcpvet.fetch import git, local, npm, pypi
from mcpvet.fetch.common import Session
from mcpvet.fetch.interface import Fetched, Fetcher, RegistryInfo
from mcpvet.fetch.spec import Spec, parse_spec
from mcpvet.options import InspectOptions

__all__ = ["Fetched", "Fetcher", "RegistryInfo", "Spec", "fetch_target", "parse_spec"]


def fetch_target(spec: str, options: InspectOptions, scratch: Path) -> Fetched:
    """Resolve `spec` and make it available under `scratch`. Raises mcpvet.errors on failure:
    TargetNotFound / AmbiguousTarget / UsageError (exit 2), FetchError / IntegrityError (exit 3)."""
    parsed = parse_spec(spec)
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    if parsed.kind == "local":
        assert parsed.path is not None
        return local.fetch(spec, parsed.path)
    if parsed.kind == "git":
        assert parsed.url is not None
        return git.fetch(spec, parsed.url, parsed.ref, parsed.name, options, scratch)
    session = Session(options)
    try:
        if parsed.kind == "pypi":
            return pypi.fetch(session, spec, parsed.name, parsed.version, scratch)
        if parsed.kind == "npm":
            return npm.fetch(session, spec, parsed.name, parsed.version, scratch)
        return _fetch_bare(session, parsed, scratch)
    finally:
        session.close()


def _fetch_bare(session: Session, parsed: Spec, scratch: Path) -> Fetched:
    """A bare name: look it up in both registries (only npm for `@scope/name`)."""
    name, version, spec = parsed.name, parsed.version, parsed.raw
    pypi_doc = npm_doc = None
    failures: list[str] = []
    checked_pypi = not name.startswith("@")
    if checked_pypi:
        try:
            pypi_doc = pypi.lookup(session, name)
        except FetchError as exc:
            failures.append(f"PyPI: {exc.message}")
    try:
        npm_doc = npm.lookup(session, name)
    except FetchError as exc:
        failures.append(f"npm: {exc.message}")
    pypi_spec = f"pypi:{name}" + (f"=={version}" if version else "")
    npm_spec = f"npm:{name}" + (f"@{version}" if version else "")
    if pypi_doc is not None and npm_doc is not None:
        raise AmbiguousTarget(f"{spec}: both PyPI and npm have a package named {name!r}",
                              hint=f"say which one: {pypi_spec} or {npm_spec}")
    if pypi_doc is None and npm_doc is None:
        if failures:
            raise FetchError(f"{spec}: could not look the name up: " + "; ".join(failures))
        where = "PyPI nor npm" if checked_pypi else "npm (a scoped name cannot be on PyPI)"
        raise TargetNotFound(f"{spec}: neither {where} has a package named {name!r}" if checked_pypi
                             else f"{spec}: {where} has no package named {name!r}")
    note_tail = f"; {failures[0]}, so the name may exist there too" if failures else ""
    if pypi_doc is not None:
        fetched = pypi.fetch(session, spec, name, version, scratch, project=pypi_doc)
        note = f"{name!r} found on PyPI only: analysing {pypi_spec}{note_tail}"
    else:
        fetched = npm.fetch(session, spec, name, version, scratch, packument=npm_doc)
        note = f"{name!r} found on npm only: analysing {npm_spec}{note_tail}"
    return Fetched(target=fetched.target, archive=fetched.archive, directory=fetched.directory,
                   registry=fetched.registry, errors=fetched.errors, notes=(*fetched.notes, note))
