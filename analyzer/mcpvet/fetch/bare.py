"""A bare `NAME` or `@scope/name`: looked up in both registries; used where it exists, refused
as ambiguous where both have it."""

from __future__ import annotations

from pathlib import Path

from mcpvet.errors import AmbiguousTarget, FetchError, TargetNotFound
from mcpvet.fetch import npm, pypi
from mcpvet.fetch.common import Session
from mcpvet.fetch.interface import Fetched
from mcpvet.fetch.spec import parse_spec
from mcpvet.options import InspectOptions


class BareNameFetcher:
    """`NAME`, `NAME==VERSION`, `NAME@VERSION`, `@scope/name[@VERSION]` without a registry prefix."""

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        with Session(options) as session:
            return session.finish(_fetch(session, spec, scratch))


def _fetch(session: Session, spec: str, scratch: Path) -> Fetched:
    parsed = parse_spec(spec)
    name, version = parsed.name, parsed.version
    pypi_doc = npm_doc = None
    failures: list[str] = []
    checked_pypi = not name.startswith("@")  # a scoped name cannot be on PyPI
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
        if checked_pypi:
            raise TargetNotFound(f"{spec}: neither PyPI nor npm has a package named {name!r}")
        raise TargetNotFound(f"{spec}: npm has no package named {name!r} (a scoped name cannot be on PyPI)")
    note_tail = f"; {failures[0]}, so the name may exist there too" if failures else ""
    if pypi_doc is not None:
        fetched = pypi.fetch(session, spec, name, version, scratch, project=pypi_doc)
        note = f"{name!r} found on PyPI only: analysing {pypi_spec}{note_tail}"
    else:
        fetched = npm.fetch(session, spec, name, version, scratch, packument=npm_doc)
        note = f"{name!r} found on npm only: analysing {npm_spec}{note_tail}"
    return Fetched(target=fetched.target, archive=fetched.archive, directory=fetched.directory,
                   registry=fetched.registry, errors=fetched.errors, notes=(*fetched.notes, note))
