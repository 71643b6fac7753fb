"""The declared source repository and whether it is consistent with the package.

Where the URL comes from: npm `repository` (object or shorthand) of the inspected version, PyPI
`project_urls` (Source, Repository, Code, GitHub … in that order) or `home_page`, or for a local
or git target the package's own manifest (package.json, pyproject [project.urls], METADATA
Project-URL). URLs are normalised to `https://<host>/<owner>/<repo>`.

Consistency is judged only on positive contradictions, because many genuine packages live in a
monorepo whose name says nothing about the package:

* the homepage and the repository are on the same code forge but name different repositories;
* the repository is an official MCP repository (see data/official_repositories.tsv) but the
  package is not one of the packages published from it ("star-jacking": borrowing a famous
  repository's reputation);
* the source repository in a provenance attestation differs from the declared one (attestations.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

FORGES = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
_PYPI_URL_KEYS = ("source", "source code", "sourcecode", "repository", "code", "github", "gitlab", "git",
                  "source-code", "repo")


@dataclass(frozen=True)
class RepoRef:
    url: str  # normalised https URL (or the declared text when it cannot be normalised)
    host: str | None
    owner: str | None
    name: str | None
    directory: str | None = None

    @property
    def slug(self) -> str | None:
        return f"{self.owner}/{self.name}".lower() if self.owner and self.name else None


@dataclass(frozen=True)
class RepositoryInfo:
    declared: RepoRef | None
    homepage: str | None
    source: str  # where the URL was found, e.g. "npm repository", "PyPI project_urls[Source]"
    problems: tuple[str, ...]  # positive contradictions (each becomes a repository-mismatch finding)
    name_related: bool | None = None  # the package name shares a word with the repository path (information only)

    @property
    def consistent(self) -> bool | None:
        if self.problems:
            return False
        if self.declared is None or self.declared.slug is None:
            return None
        return True

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.declared.url if self.declared else None,
            "directory": self.declared.directory if self.declared else None,
            "homepage": self.homepage,
            "source": self.source,
            "consistent": self.consistent,
            "problems": list(self.problems),
            "name_related": self.name_related,
        }


def parse_repo_url(text: str | None, directory: str | None = None) -> RepoRef | None:
    if not text or not isinstance(text, str):
        return None
    raw = text.strip()
    m = re.fullmatch(r"(github|gitlab|bitbucket):([\w.-]+)/([\w.-]+)", raw)
    if m:
        host = {"github": "github.com", "gitlab": "gitlab.com", "bitbucket": "bitbucket.org"}[m.group(1)]
        return _ref(host, m.group(2), m.group(3), directory)
    if re.fullmatch(r"[\w.-]+/[\w.-]+", raw):  # npm shorthand "owner/repo"
        owner, repo = raw.split("/")
        return _ref("github.com", owner, repo, directory)
    s = re.sub(r"^git\+", "", raw)
    s = re.sub(r"^(git|ssh|http)://", "https://", s)
    s = re.sub(r"^git@([^:]+):", r"https://\1/", s)
    s = re.sub(r"^https://[^@/]+@", "https://", s)  # user info
    m = re.match(r"https://(?:www\.)?([^/]+)/([^/#?]+)/([^/#?]+)(?:/(?:tree|blob)/[^/]+/(.+))?", s)
    if m and m.group(1).lower() in FORGES:
        sub = directory or (m.group(4).strip("/") if m.group(4) else None)
        return _ref(m.group(1).lower(), m.group(2), m.group(3), sub)
    return RepoRef(raw, None, None, None, directory)


def _ref(host: str, owner: str, name: str, directory: str | None) -> RepoRef:
    name = re.sub(r"\.git$", "", name)
    return RepoRef(f"https://{host}/{owner}/{name}", host, owner, name, directory or None)


@lru_cache(maxsize=1)
def official_repositories() -> dict[str, tuple[str, ...]]:
    """slug -> name patterns (fnmatch) of the packages genuinely published from that repository."""
    text = resources.files("mcpvet.provenance").joinpath("data/official_repositories.tsv").read_text("utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        slug, pattern = line.split("\t")[:2]
        out.setdefault(slug.strip().lower(), []).append(pattern.strip())
    return {k: tuple(v) for k, v in out.items()}


def declared_repository(ecosystem: str, raw: Mapping[str, Any], version: str | None,
                        manifest: Mapping[str, Any]) -> tuple[RepoRef | None, str | None, str]:
    """(repository, homepage, where it came from) from the registry document or the manifest."""
    if ecosystem == "npm" and raw:
        vdoc = raw["versions"].get(version or "") if isinstance(raw.get("versions"), Mapping) else None
        return _npm_repo(vdoc if isinstance(vdoc, Mapping) and vdoc else raw, "npm repository")
    if ecosystem == "pypi" and raw:
        info = raw.get("info")
        info = info if isinstance(info, Mapping) else {}
        urls = info.get("project_urls")
        urls = urls if isinstance(urls, Mapping) else {}
        return _pypi_repo(urls, info.get("home_page"), "PyPI")
    pj = manifest.get("package_json")
    if isinstance(pj, Mapping) and (pj.get("repository") or pj.get("homepage")):
        return _npm_repo(pj, "package.json repository")
    py = manifest.get("pyproject")
    proj = py.get("project") if isinstance(py, Mapping) else None
    urls = proj.get("urls") if isinstance(proj, Mapping) else None
    if isinstance(urls, Mapping) and urls:
        return _pypi_repo(urls, None, "pyproject [project.urls]")
    meta = manifest.get("metadata")
    if isinstance(meta, Mapping):
        purls: dict[str, str] = {}
        items = meta.get("Project-URL")
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and "," in item:
                k, v = item.split(",", 1)
                purls[k.strip()] = v.strip()
        home_v = meta.get("Home-page")
        home = home_v[0] if isinstance(home_v, list) and home_v else None
        if purls or home:
            return _pypi_repo(purls, home, "METADATA")
    return None, None, "none declared"


def _npm_repo(doc: Mapping[str, Any], source: str) -> tuple[RepoRef | None, str | None, str]:
    repo = doc.get("repository")
    home = doc.get("homepage")
    home = home if isinstance(home, str) else None
    ref = None
    if isinstance(repo, Mapping):
        ref = parse_repo_url(repo.get("url"), repo.get("directory") if isinstance(repo.get("directory"), str) else None)
    elif isinstance(repo, str):
        ref = parse_repo_url(repo)
    return ref, home, source if ref else "none declared"


def _pypi_repo(urls: Mapping[str, Any], home_page: object, source: str) -> tuple[RepoRef | None, str | None, str]:
    lowered = {str(k).strip().lower(): v for k, v in urls.items() if isinstance(v, str)}
    home = lowered.get("homepage") or lowered.get("home") or (home_page if isinstance(home_page, str) else None)
    for key in _PYPI_URL_KEYS:
        if key in lowered:
            ref = parse_repo_url(lowered[key])
            if ref is not None:
                return ref, home, f"{source} project_urls[{key}]"
    for key, val in sorted(lowered.items()):  # any URL on a code forge
        ref = parse_repo_url(val)
        if ref is not None and ref.host in FORGES:
            return ref, home, f"{source} project_urls[{key}]"
    if isinstance(home, str):
        ref = parse_repo_url(home)
        if ref is not None and ref.host in FORGES:
            return ref, home, f"{source} home page"
    return None, home, "none declared"


def assess(package: str, ecosystem: str, declared: RepoRef | None, homepage: str | None, source: str) -> RepositoryInfo:
    from fnmatch import fnmatchcase

    problems: list[str] = []
    if declared is not None and declared.slug is not None:
        home = parse_repo_url(homepage) if homepage else None
        if home is not None and home.slug is not None and home.host == declared.host and home.slug != declared.slug:
            problems.append(f"the homepage ({homepage}) and the repository ({declared.url}) name different "
                            f"repositories on {declared.host}")
        patterns = official_repositories().get(f"{declared.host}/{declared.slug}")
        if patterns is not None:
            key = f"{ecosystem}:{package.lower()}"
            if not any(fnmatchcase(key, p) for p in patterns):
                problems.append(f"the package names the official repository {declared.url}, but {package!r} is "
                                f"not one of the packages published from it")
    related = None
    if declared is not None and declared.slug is not None:
        words = _words(package) - {"mcp", "server", "js", "py", "python", "node"}
        repo_words = _words(f"{declared.owner} {declared.name} {declared.directory or ''}")
        related = bool(words & repo_words) if words else None
    return RepositoryInfo(declared, homepage, source, tuple(problems), related)


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if len(w) >= 3}
