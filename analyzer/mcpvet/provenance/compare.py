"""--compare-repo: files that ship in the package but are not in its source repository.

A file in the published package that the tagged source does not contain (or contains with other
bytes) is the classic sign of a payload injected at publication time (event-stream, ua-parser-js).
The repository is cloned at the version's tag through the git fetcher (`mcpvet.fetch.git`: hooks,
fsmonitor, submodules and LFS off; git never runs in the checkout afterwards). Tags tried, in
order: `v<version>`, `<version>`, `<name>@<version>`, `<name>-v<version>`, `<name>-<version>`,
`release/<version>`, `<short name>@<version>` / `<short name>-v<version>` for scoped npm names.

Packaging adds files that are legitimately absent from the source; they are ignored:
wheel `*.dist-info/`, `*.data/`; sdist `PKG-INFO`, `*.egg-info/`, `setup.cfg` written by the build;
npm build outputs (`dist/`, `build/`, `lib/`, `out/`, `esm/`, `cjs/`, `umd/`, `types/`), declaration
files and source maps, and `.js`/`.mjs`/`.cjs` files whose `.ts`/`.tsx`/`.mts` source is in the
repository. A package file matches a repository file when the repository path ends with the
package path (wheels drop `src/`); for a monorepo the declared `repository.directory` is the root.
Content is compared with line endings folded; a differing file is reported as `modified`.
Top-level files of a monorepo package (LICENSE, README) are also looked for at the repository
root, and a Python version module holding only constants (`_version.py` written by
setuptools-scm or hatch-vcs) that the repository lacks counts as generated.
"""

from __future__ import annotations

import ast
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mcpvet.errors import FetchError, TargetNotFound
from mcpvet.model import AnalysisError, SourceTree
from mcpvet.options import InspectOptions
from mcpvet.provenance.repository import RepoRef

CODE_SUFFIXES = {".py", ".pyw", ".pth", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx", ".sh",
                 ".bash", ".ps1", ".bat", ".cmd", ".node", ".so", ".dll", ".dylib", ".exe", ".wasm", ".pyc"}
_BUILD_DIRS = {"dist", "build", "lib", "out", "esm", "cjs", "umd", "types", "es"}
_MAX_COMPARE_BYTES = 4 << 20


@dataclass(frozen=True)
class RepoComparison:
    status: str  # "compared" | "unavailable" | "not-applicable"
    reason: str
    repository: str | None = None
    ref: str | None = None
    commit: str | None = None
    missing: tuple[str, ...] = ()  # shipped, not in the repository
    modified: tuple[str, ...] = ()  # shipped with other content than the repository's
    ignored: int = 0  # generated files left out of the comparison
    compared: int = 0
    errors: tuple[AnalysisError, ...] = field(default=(), compare=False)

    @property
    def missing_code(self) -> tuple[str, ...]:
        return tuple(p for p in self.missing if PurePosixPath(p).suffix.lower() in CODE_SUFFIXES)

    @property
    def modified_code(self) -> tuple[str, ...]:
        return tuple(p for p in self.modified if PurePosixPath(p).suffix.lower() in CODE_SUFFIXES)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "repository": self.repository, "ref": self.ref,
                "commit": self.commit, "compared": self.compared, "ignored": self.ignored,
                "missing": list(self.missing), "modified": list(self.modified)}


def candidate_refs(name: str, version: str) -> list[str]:
    short = name.split("/", 1)[1] if name.startswith("@") and "/" in name else name
    refs = [f"v{version}", version, f"{name}@{version}", f"{name}-v{version}", f"{name}-{version}",
            f"release/{version}", f"{short}@{version}", f"{short}-v{version}", f"{short}-{version}"]
    return list(dict.fromkeys(refs))


def clone_url(ref: RepoRef) -> str:
    if ref.host is not None and ref.owner and ref.name:
        return f"https://{ref.host}/{ref.owner}/{ref.name}.git"
    return ref.url


def is_generated(path: str, ecosystem: str, repo_paths: set[str]) -> bool:
    parts = PurePosixPath(path).parts
    top = parts[0] if parts else ""
    if top.endswith((".dist-info", ".data", ".egg-info")) or path in ("PKG-INFO", "setup.cfg"):
        return True
    if any(p.endswith(".egg-info") for p in parts):
        return True
    if ecosystem == "npm":
        if top in _BUILD_DIRS and len(parts) > 1:
            return True
        if path.endswith((".d.ts", ".d.mts", ".d.cts", ".map")):
            return True
        stem, suffix = os.path.splitext(path)
        if suffix in (".js", ".mjs", ".cjs"):
            for ts in (".ts", ".tsx", ".mts", ".cts"):
                if _find(stem + ts, repo_paths) is not None:
                    return True
    return PurePosixPath(path).suffix == ".pyc" or "__pycache__" in parts


def _find(path: str, repo_paths: set[str]) -> str | None:
    if path in repo_paths:
        return path
    suffix = "/" + path
    hits = sorted(p for p in repo_paths if p.endswith(suffix))
    return hits[0] if hits else None


def _same(a: Path, b: Path) -> bool | None:
    try:
        if a.stat().st_size > _MAX_COMPARE_BYTES or b.stat().st_size > _MAX_COMPARE_BYTES:
            return None
        return a.read_bytes().replace(b"\r\n", b"\n") == b.read_bytes().replace(b"\r\n", b"\n")
    except OSError:
        return None


def _list_files(root: Path) -> set[str]:
    out: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for fn in filenames:
            out.add((Path(dirpath) / fn).relative_to(root).as_posix())
    return out


_VERSION_FILES = {"_version.py", "__version__.py", "version.py", "_build_info.py", "__about__.py"}
_VERSION_OK = (ast.Assign, ast.AnnAssign, ast.ImportFrom, ast.Expr, ast.If, ast.Pass)


def is_generated_version_file(path: Path, rel: str) -> bool:
    """A version module written at build time (setuptools-scm, hatch-vcs, versioneer-like): only constants."""
    if PurePosixPath(rel).name not in _VERSION_FILES:
        return False
    try:
        if path.stat().st_size > 4096:
            return False
        mod = ast.parse(path.read_text("utf-8"))
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return False
    for node in ast.walk(mod):
        if isinstance(node, (ast.Call, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Import)):
            return False
    return all(isinstance(n, _VERSION_OK) for n in mod.body)


def compare_trees(package_root: Path, package_files: list[str], repo_root: Path, ecosystem: str,
                  top: Path | None = None) -> tuple[list[str], list[str], int, int]:
    """(missing, modified, ignored, compared) for the package files against a checked-out repository.

    `repo_root` is the package's folder in the repository (a monorepo's `directory`); `top` the
    repository's root, where shared files (LICENSE, README) of a monorepo package are looked for.
    """
    repo_paths = _list_files(repo_root)
    top_paths = _list_files(top) if top is not None and top != repo_root else set()
    missing: list[str] = []
    modified: list[str] = []
    ignored = compared = 0
    for path in sorted(package_files):
        if is_generated(path, ecosystem, repo_paths):
            ignored += 1
            continue
        found, base = _find(path, repo_paths), repo_root
        if found is None and top is not None and "/" not in path and path in top_paths:
            found, base = path, top
        if found is None:
            if ecosystem == "pypi" and is_generated_version_file(package_root / path, path):
                ignored += 1
                continue
            missing.append(path)
            continue
        compared += 1
        if _same(package_root / path, base / found) is False:
            modified.append(path)
    return missing, modified, ignored, compared


def compare_with_repository(tree: SourceTree | None, declared: RepoRef | None, version: str | None, ecosystem: str,
                            options: InspectOptions, *, name: str | None = None) -> RepoComparison:
    if tree is None:
        return RepoComparison("not-applicable", "nothing was unpacked to compare")
    if declared is None:
        err = AnalysisError("provenance", "--compare-repo: the package declares no source repository")
        return RepoComparison("unavailable", "no source repository declared", errors=(err,))
    if not version:
        err = AnalysisError("provenance", "--compare-repo: no version to find a tag for")
        return RepoComparison("unavailable", "no version", declared.url, errors=(err,))
    try:
        from mcpvet.fetch import git as git_fetch
    except ImportError as exc:
        err = AnalysisError("provenance", f"--compare-repo: the git fetcher is not available ({exc})")
        return RepoComparison("unavailable", str(exc), declared.url, errors=(err,))
    url = clone_url(declared)
    scratch = Path(tempfile.mkdtemp(prefix="mcpvet-compare-"))
    tried: list[str] = []
    try:
        for ref in candidate_refs(name or tree.name, version):
            tried.append(ref)
            try:
                fetched = git_fetch.fetch(f"git+{url}@{ref}", url, ref, tree.name, options, scratch)
            except TargetNotFound:
                continue
            except FetchError as exc:
                err = AnalysisError("provenance", f"--compare-repo: cloning {url} at {ref} failed: {exc.message}")
                return RepoComparison("unavailable", exc.message, url, ref, errors=(err,))
            if fetched.directory is None:
                continue
            root = fetched.directory / declared.directory if declared.directory else fetched.directory
            if not root.is_dir():
                err = AnalysisError("provenance", f"--compare-repo: {declared.directory!r} is not a folder of {url}@{ref}")
                return RepoComparison("unavailable", "repository directory missing", url, ref, fetched.target.artifact,
                                      errors=(err,))
            files = [f.path for f in tree.files]
            missing, modified, ignored, compared = compare_trees(tree.root, files, root, ecosystem, fetched.directory)
            reason = (f"{len(missing)} shipped file(s) not in the repository, {len(modified)} with other content"
                      if missing or modified else "every shipped file is in the repository with the same content")
            return RepoComparison("compared", reason, url, ref, fetched.target.artifact, tuple(missing), tuple(modified),
                                  ignored, compared)
        err = AnalysisError("provenance", f"--compare-repo: no tag of {url} matches version {version} "
                                          f"(tried {', '.join(tried)})")
        return RepoComparison("unavailable", f"no tag for version {version}", url, errors=(err,))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

