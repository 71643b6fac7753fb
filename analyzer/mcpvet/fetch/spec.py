"""Parse the SPEC of `mcpvet inspect SPEC` into a typed request (no I/O except `Path.exists`)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mcpvet.errors import TargetNotFound, UsageError

SPEC_KINDS = ("pypi", "npm", "git", "local", "bare")
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".zip", ".whl", ".tar", ".tar.bz2", ".tar.xz")

_PYPI_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
_NPM_NAME = re.compile(r"^(@[a-z0-9][\w.~-]*/)?[a-z0-9_~][\w.~-]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Spec:
    kind: str  # "pypi" | "npm" | "git" | "local" | "bare"
    raw: str
    name: str = ""
    version: str | None = None  # pypi/npm version (npm: or dist-tag)
    url: str | None = None  # git: clone URL without "git+" and without the ref
    ref: str | None = None  # git: branch, tag or commit
    path: Path | None = None  # local


def parse_spec(spec: str) -> Spec:
    text = spec.strip()
    if not text:
        raise UsageError("empty target spec", hint="e.g. pypi:NAME, npm:NAME@VERSION, git+https://…, ./dir")
    if text.startswith("pypi:"):
        name, version = _split_pypi(text[5:], spec)
        return Spec("pypi", spec, name, version)
    if text.startswith("npm:"):
        name, version = _split_npm(text[4:], spec)
        return Spec("npm", spec, name, version)
    if text.startswith("git+"):
        url, ref = split_git_url(text[4:])
        return Spec("git", spec, _repo_name(url), ref, url=url, ref=ref)
    path = Path(text).expanduser()
    if path.exists():
        return Spec("local", spec, path.name, path=path)
    _refuse_unknown_prefix(text, spec)
    if text.startswith((".", "/", "~")) or text.lower().endswith(ARCHIVE_SUFFIXES) or (
        "/" in text and not text.startswith("@")
    ):
        raise TargetNotFound(f"{spec}: no such file or directory")
    if "==" in text:
        name, version = _split_pypi(text, spec)
    else:
        name, version = _split_npm(text, spec)
    return Spec("bare", spec, name, version)


KNOWN_PREFIXES = ("pypi:", "npm:", "git+https://", "git+ssh://", "git+file://")
_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9+._-]*)\s*([:;])")


def _refuse_unknown_prefix(text: str, spec: str) -> None:
    """`pipy:x`, `pypi;x`, `https://…`: a prefix that is not ours (no package name holds `:` or `;`)."""
    m = _PREFIX.match(text)
    if not m:
        return
    prefix = m.group(1).lower()
    known = ", ".join(KNOWN_PREFIXES)
    if prefix in ("http", "https", "ssh", "file") and m.group(2) == ":":
        raise UsageError(f"{spec}: a bare URL is not a target", hint=f"for a repository use git+{text}; known prefixes: {known}")
    close = difflib.get_close_matches(prefix, ("pypi", "npm", "git"), n=1, cutoff=0.5)
    guess = f" (did you mean {close[0]}:?)" if close else ""
    raise UsageError(f"{spec}: unknown prefix {m.group(0).strip()!r}{guess}",
                     hint=f"known prefixes: {known}; or a folder or archive path")


def _split_pypi(text: str, spec: str) -> tuple[str, str | None]:
    name, sep, version = text.partition("==")
    name, version = name.strip(), version.strip()
    if not _PYPI_NAME.match(name) or (sep and not version):
        raise UsageError(f"{spec}: not a valid PyPI name or version", hint="pypi:NAME or pypi:NAME==VERSION")
    return name, version or None


def _split_npm(text: str, spec: str) -> tuple[str, str | None]:
    at = text.find("@", 1)  # a leading "@" is the scope
    name, version = (text[:at], text[at + 1:]) if at > 0 else (text, None)
    name = name.strip()
    if not _NPM_NAME.match(name) or (version is not None and not version.strip()):
        raise UsageError(f"{spec}: not a valid npm name or version", hint="npm:NAME, npm:NAME@VERSION, npm:@scope/name")
    return name, (version.strip() if version else None)


def split_git_url(url: str) -> tuple[str, str | None]:
    """`https://host/a/b.git@v1` -> (`https://host/a/b.git`, `v1`). The ref is after the last `@`
    of the path (a `user@` in the host part is not a ref). A `#fragment` is dropped."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http", "ssh", "file"):
        raise UsageError(f"git+{url}: unsupported git URL scheme {parts.scheme!r}",
                         hint="use git+https://, git+ssh:// or git+file://")
    path, ref = parts.path, None
    if "@" in path:
        path, _, ref = path.rpartition("@")
        ref = ref or None
    clean = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    if ref is not None and (ref.startswith("-") or not re.match(r"^[\w./+-]+$", ref) or ".." in ref):
        raise UsageError(f"{ref!r} is not a valid git ref")
    if not path.strip("/"):
        raise UsageError(f"git+{url}: no repository path")
    return clean, ref


def _repo_name(url: str) -> str:
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return last[:-4] if last.endswith(".git") else last
