"""Discovery: classify the files of an unpacked package and read its manifests.

Reads files as data only. Finds languages, entry points (`[project.scripts]`, wheel
entry_points.txt, package.json `bin`/`main`/`module`/`exports`), marks vendored, test and
`node_modules` folders, and records install-time hooks (npm lifecycle scripts, setup.py, in-tree
build backends, .pth files) for the checks.
"""

from __future__ import annotations

import configparser
import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any

from mcpvet import frontends
from mcpvet.discover import browser, distributions, manifests
from mcpvet.discover.files import Unreadable, kind_of, read_inside
from mcpvet.model import (
    AnalysisError,
    EntryPoint,
    FileRole,
    InstallHook,
    Language,
    Location,
    SourceFile,
    SourceTree,
)
from mcpvet.textlines import line_at

STAGE = "discover"
_TEST_DIRS = {"test", "tests", "__tests__", "testing", "spec", "__mocks__", "e2e"}
_VENDOR_DIRS = {"vendor", "vendored", "_vendor", "third_party", "thirdparty", "third-party", "external"}
_SKIP_DIRS = {".git", ".hg", ".svn"}
NPM_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepare", "prepublish")
_TEST_FILE = re.compile(r"(^test_.*\.py$|.*_test\.py$|^conftest\.py$|.*\.(test|spec)\.[cm]?[jt]sx?$)")


def language_of(path: PurePosixPath) -> Language:
    """By file suffix, from the frontend table (mcpvet.frontends.FRONTENDS)."""
    return frontends.language_of(path)


def role_of(path: PurePosixPath, build_scripts: set[str]) -> FileRole:
    parts = [p.lower() for p in path.parts[:-1]]
    if "node_modules" in parts:
        return FileRole.NODE_MODULES
    if str(path) in build_scripts:
        return FileRole.BUILD_SCRIPT
    if any(p in _VENDOR_DIRS for p in parts):
        return FileRole.VENDORED
    if any(p in _TEST_DIRS for p in parts) or _TEST_FILE.match(path.name.lower()):
        return FileRole.TEST
    return FileRole.SOURCE


MAX_FILES = 100_000  # files walked in a folder (the counterpart of UnpackLimits.max_members)
MAX_LISTED = 200  # skipped links and special files listed one by one; the rest are counted
MAX_MANIFEST_BYTES = 16 << 20
MAX_LOCK_BYTES = 32 << 20
MAX_META_BYTES = 4 << 20


class _Skipped:
    """Links and special files the walk did not follow or open, listed up to MAX_LISTED."""

    def __init__(self, errors: list[AnalysisError]) -> None:
        self.errors = errors
        self.count = 0

    def add(self, message: str, rel: str) -> None:
        self.count += 1
        if self.count <= MAX_LISTED:
            self.errors.append(AnalysisError(STAGE, message, rel))

    def finish(self) -> None:
        if self.count > MAX_LISTED:
            self.errors.append(AnalysisError(STAGE, f"{self.count - MAX_LISTED} more symbolic links or special "
                                                    "files were skipped (not listed)"))


def _link_message(root: Path, entry: os.DirEntry[str]) -> str:
    try:
        target = os.readlink(entry.path)
    except OSError:
        return "symbolic link not followed"
    resolved = os.path.normpath(os.path.join(os.path.dirname(entry.path), target))
    inside = resolved == str(root) or resolved.startswith(str(root) + os.sep)
    where = "inside the folder" if inside else "outside the folder"
    return f"symbolic link not followed (it points {where}: {target[:200]!r}); its content was not read"


def _walk(root: Path, errors: list[AnalysisError], max_files: int) -> list[tuple[PurePosixPath, Path, int]]:
    """Regular files under `root`. Links are never followed and special files (FIFOs, sockets,
    devices) never opened: each is listed in errors[]. Stops after `max_files` files."""
    out: list[tuple[PurePosixPath, Path, int]] = []
    skipped = _Skipped(errors)
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(AnalysisError(STAGE, f"folder not readable: {exc.strerror}", _rel(root, Path(folder))))
            continue
        for entry in entries:
            rel = _rel(root, Path(entry.path))
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                skipped.add(f"not readable: {exc.strerror}", rel)
                continue
            mode = st.st_mode
            if stat.S_ISLNK(mode):
                skipped.add(_link_message(root, entry), rel)
            elif stat.S_ISDIR(mode):
                if entry.name not in _SKIP_DIRS:
                    stack.append(Path(entry.path))
            elif stat.S_ISREG(mode):
                if len(out) >= max_files:
                    errors.append(AnalysisError(STAGE, f"the folder holds more than {max_files} files: the walk "
                                                       "stopped there and the files after it were not analysed"))
                    skipped.finish()
                    return sorted(out, key=lambda t: str(t[0]))
                out.append((PurePosixPath(rel), Path(entry.path), st.st_size))
            else:
                skipped.add(f"{kind_of(mode)} skipped: not a regular file, never opened", rel)
    skipped.finish()
    return sorted(out, key=lambda t: str(t[0]))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() or "."


def _line_of(text: str, needle: str) -> int:
    idx = text.find(needle)
    return line_at(text, idx) if idx >= 0 else 1


def _read(root: Path, rel: str, limit: int, errors: list[AnalysisError]) -> bytes | None:
    """A file named by convention, read without following links (see discover/files.py)."""
    try:
        return read_inside(root, rel, limit)
    except Unreadable as exc:
        errors.append(AnalysisError(STAGE, f"{rel} not read: {exc.reason}", rel))
        return None


# commands that handle a file without running it (`chmod +x dist/index.js` in a prepare script)
_NOT_RUNNING = {"chmod", "chown", "rm", "cp", "mv", "touch", "ls", "cat", "echo", "mkdir", "rimraf", "ln"}


def script_files(command: str) -> list[str]:
    """Package files a lifecycle command runs (`node scripts/x.js`, `sh ./install.sh`, `python hook.py`);
    not those a command only handles (`chmod +x dist/index.js`: the server's own entry file)."""
    found = []
    for part in re.split(r"[;&|()]+", command):
        tokens = [t.strip("'\"") for t in part.split()]
        while tokens and (re.fullmatch(r"\w+=\S*", tokens[0]) or tokens[0] in ("shx", "npx", "sudo")):
            tokens = tokens[1:]
        if tokens and tokens[0] in _NOT_RUNNING:
            continue
        for token in tokens:
            if re.search(r"\.(?:c|m)?[jt]s$|\.py$|\.sh$", token) and not token.startswith(("-", "http")):
                found.append(PurePosixPath(token.removeprefix("./")).as_posix())
    return found


def _exports_targets(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _exports_targets(v)]
    if isinstance(value, list):
        return [t for v in value for t in _exports_targets(v)]
    return []


def discover(root: Path, *, name_hint: str, version_hint: str | None = None,
             max_files: int = MAX_FILES) -> tuple[SourceTree, list[AnalysisError]]:
    """Classify every file under `root` and read the manifests. Never raises for bad content:
    what is skipped or ignored (links, special files, fields of the wrong type) is in errors[]."""
    errors: list[AnalysisError] = []
    walked = _walk(root, errors, max_files)
    present = {str(rel) for rel, _, _ in walked}  # regular files only: never a link
    manifest: dict[str, Any] = {}
    hooks: list[InstallHook] = []
    entry_points: list[EntryPoint] = []
    build_scripts: set[str] = set()
    name: str | None = None
    version: str | None = None

    if "package.json" in present and (data := _read(root, "package.json", MAX_MANIFEST_BYTES, errors)) is not None:
        pkg = manifests.package_json(manifests.parse_json(data, "package.json", errors), "package.json", errors)
        if pkg is not None:
            text = data.decode("utf-8-sig", errors="replace")
            manifest["package_json"] = pkg
            name, version = pkg.get("name"), pkg.get("version")
            scripts = pkg.get("scripts", {})
            for stage in NPM_INSTALL_SCRIPTS:
                cmd = scripts.get(stage)
                if isinstance(cmd, str) and cmd.strip():
                    hooks.append(InstallHook(f"npm:{stage}", cmd, Location("package.json", _line_of(text, f'"{stage}"'))))
                    build_scripts.update(script_files(cmd))
            bin_ = pkg.get("bin")
            if isinstance(bin_, str):
                entry_points.append(EntryPoint(name or "bin", bin_, "bin"))
            elif isinstance(bin_, dict):
                entry_points += [EntryPoint(str(k), v, "bin") for k, v in sorted(bin_.items())]
            for key in ("main", "module"):
                if key in pkg:
                    entry_points.append(EntryPoint(key, pkg[key], key))
            for target in sorted(set(_exports_targets(pkg.get("exports")))):
                entry_points.append(EntryPoint("exports", target, "exports"))
    for lock in ("package-lock.json", "npm-shrinkwrap.json"):
        if lock in present:
            data = _read(root, lock, MAX_LOCK_BYTES, errors)
            doc = manifests.lock_file(manifests.parse_json(data, lock, errors), lock, errors) if data else None
            if doc is not None:
                manifest["package_lock"] = doc
            break

    if "pyproject.toml" in present and (data := _read(root, "pyproject.toml", MAX_MANIFEST_BYTES, errors)) is not None:
        doc = manifests.parse_toml(data, "pyproject.toml", errors)
        if doc is not None:
            pyproject = manifests.pyproject(doc, "pyproject.toml", errors)
            manifest["pyproject"] = pyproject
            project = pyproject.get("project", {})
            name = name or project.get("name")
            version = version or project.get("version")
            for script, target in sorted(project.get("scripts", {}).items()):
                entry_points.append(EntryPoint(script, target, "console_script"))
            backend = pyproject.get("build-system", {})
            if backend.get("backend-path"):
                hooks.append(InstallHook("build-backend", f"in-tree build backend {backend.get('build-backend')!r} "
                                         f"from {backend.get('backend-path')}", Location("pyproject.toml", 1)))

    tops = {rel.parts[0] for rel, _, _ in walked if len(rel.parts) > 1}
    dists = distributions.find(root, tops)
    dependency_files: set[str] = set()
    analysed = dists  # the distributions whose entry points and metadata describe the package
    if len(dists) > 1:
        analysed, dependency_files = _several_distributions(dists, walked, errors)
    meta_folders = {d.folder for d in analysed}
    for rel, _abspath, _ in walked:
        parts = rel.parts
        if len(parts) == 2 and parts[0] in meta_folders and rel.name == "entry_points.txt":
            entry_points += _entry_points(root, str(rel), errors)
        if rel.suffix == ".pth" and len(parts) <= 2 and str(rel) not in dependency_files:
            data = _read(root, str(rel), MAX_META_BYTES, errors)
            if data is not None:
                hooks.append(InstallHook("pth", data[:2000].decode("utf-8", errors="replace"), Location(str(rel), 1)))
    if len(analysed) == 1:
        manifest["metadata"] = analysed[0].metadata
    elif not dists and "PKG-INFO" in present:
        data = _read(root, "PKG-INFO", MAX_META_BYTES, errors)
        if data is not None:
            manifest["metadata"] = distributions.parse_metadata(data)
    meta = manifest.get("metadata") or {}
    name = name or (meta.get("Name") or [None])[0]
    version = version or (meta.get("Version") or [None])[0]

    if "setup.py" in present:
        hooks.append(InstallHook("setup.py", "setup.py runs at install time from an sdist", Location("setup.py", 1)))
        build_scripts.add("setup.py")

    files = tuple(
        SourceFile(str(rel), abspath, language_of(rel),
                   FileRole.NODE_MODULES if str(rel) in dependency_files else role_of(rel, build_scripts), size)
        for rel, abspath, size in walked
    )
    files, browser_errors = browser.classify(files, present)
    errors += browser_errors
    if not files:
        errors.append(AnalysisError(STAGE, "nothing to analyse: the package holds no regular file"))
    languages = tuple(
        lang for lang in frontends.table_languages()
        if any(f.language is lang and f.role in (FileRole.SOURCE, FileRole.VENDORED) for f in files)
    )
    tree = SourceTree(
        root=root,
        files=files,
        name=str(name or name_hint),
        version=str(version) if version else version_hint,
        languages=languages,
        entry_points=tuple(entry_points),
        install_hooks=tuple(hooks),
        manifest=manifest,
    )
    return tree, errors


def _entry_points(root: Path, rel: str, errors: list[AnalysisError]) -> list[EntryPoint]:
    data = _read(root, rel, MAX_META_BYTES, errors)
    if data is None:
        return []
    cp = configparser.ConfigParser(interpolation=None)
    try:
        cp.read_string(data.decode("utf-8", errors="replace"))
        if not cp.has_section("console_scripts"):
            return []
        return [EntryPoint(script, target, "console_script") for script, target in sorted(cp.items("console_scripts"))]
    except configparser.Error as exc:
        errors.append(AnalysisError(STAGE, f"entry_points.txt unreadable: {exc}", rel))
        return []


def _several_distributions(
    dists: list[distributions.Distribution], walked: list[tuple[PurePosixPath, Path, int]],
    errors: list[AnalysisError],
) -> tuple[list[distributions.Distribution], set[str]]:
    """A folder of installed distributions: (the distributions analysed, the files of the others).
    The servers are those that require an MCP SDK; without any, all but the SDKs."""
    found = distributions.servers(dists)
    chosen = found or [d for d in dists if distributions.canonical(d.name) not in distributions.MCP_SDKS]
    chosen_ids = {id(d) for d in chosen}
    owner = distributions.owners(dists, [rel for rel, _, _ in walked])
    dependency = {path for path, i in owner.items() if id(dists[i]) not in chosen_ids}
    listed = ", ".join(d.label for d in dists[:10]) + (f" and {len(dists) - 10} more" if len(dists) > 10 else "")
    if found:
        what = (f"analysed as the MCP server{'s (they require' if len(found) > 1 else ' (it requires'} an MCP SDK): "
                + ", ".join(d.label for d in found[:20]))
        rest = f"the files of the {len(dists) - len(found)} others are treated as installed dependencies, not analysed"
    else:
        what = "none requires an MCP SDK, so all but the MCP SDKs are analysed as one package"
        rest = "the package name is the folder's"
    errors.append(AnalysisError(STAGE, f"the folder holds {len(dists)} installed distributions, not one package "
                                       f"(a copy of a site-packages?): {listed}; {what}; {rest}"))
    return chosen, dependency
