"""Discovery: classify the files of an unpacked package and read its manifests.

Reads files as data only. Finds languages, entry points (`[project.scripts]`, wheel
entry_points.txt, package.json `bin`/`main`/`module`/`exports`), marks vendored, test and
`node_modules` folders, and records install-time hooks (npm lifecycle scripts, setup.py, in-tree
build backends, .pth files) for the checks.
"""

from __future__ import annotations

import configparser
import email.parser
import json
import os
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

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

STAGE = "discover"
_EXT_LANG = {
    ".py": Language.PYTHON,
    ".js": Language.JAVASCRIPT,
    ".mjs": Language.JAVASCRIPT,
    ".cjs": Language.JAVASCRIPT,
    ".jsx": Language.JAVASCRIPT,
    ".ts": Language.TYPESCRIPT,
    ".mts": Language.TYPESCRIPT,
    ".cts": Language.TYPESCRIPT,
    ".tsx": Language.TYPESCRIPT,
}
_TEST_DIRS = {"test", "tests", "__tests__", "testing", "spec", "__mocks__", "e2e"}
_VENDOR_DIRS = {"vendor", "vendored", "_vendor", "third_party", "thirdparty", "third-party", "external"}
_SKIP_DIRS = {".git", ".hg", ".svn"}
NPM_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepare", "prepublish")
_TEST_FILE = re.compile(r"(^test_.*\.py$|.*_test\.py$|^conftest\.py$|.*\.(test|spec)\.[cm]?[jt]sx?$)")


def language_of(path: PurePosixPath) -> Language:
    name = path.name
    if name.endswith((".d.ts", ".d.mts", ".d.cts")):
        return Language.OTHER
    return _EXT_LANG.get(path.suffix.lower(), Language.OTHER)


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


def _walk(root: Path, errors: list[AnalysisError]) -> list[tuple[PurePosixPath, Path, int]]:
    out: list[tuple[PurePosixPath, Path, int]] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            errors.append(AnalysisError(STAGE, f"folder not readable: {exc.strerror}", _rel(root, Path(folder))))
            continue
        for entry in entries:
            rel = _rel(root, Path(entry.path))
            if entry.is_symlink():
                errors.append(AnalysisError(STAGE, "symbolic link not followed", rel))
            elif entry.is_dir(follow_symlinks=False):
                if entry.name not in _SKIP_DIRS:
                    stack.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                out.append((PurePosixPath(rel), Path(entry.path), entry.stat(follow_symlinks=False).st_size))
    return sorted(out, key=lambda t: str(t[0]))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() or "."


def _line_of(text: str, needle: str) -> int:
    idx = text.find(needle)
    return text.count("\n", 0, idx) + 1 if idx >= 0 else 1


def _read_json(path: Path, rel: str, errors: list[AnalysisError]) -> dict[str, Any] | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        errors.append(AnalysisError(STAGE, f"{rel} is not valid JSON: {exc}", rel))
        return None
    return doc if isinstance(doc, dict) else None


def _read_toml(path: Path, rel: str, errors: list[AnalysisError]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        errors.append(AnalysisError(STAGE, f"{rel} is not valid TOML: {exc}", rel))
        return None


def _read_metadata(path: Path) -> dict[str, list[str]]:
    msg = email.parser.Parser().parsestr(path.read_text(encoding="utf-8", errors="replace"), headersonly=True)
    out: dict[str, list[str]] = {}
    for key, value in msg.items():
        out.setdefault(key, []).append(str(value))
    return out


def script_files(command: str) -> list[str]:
    """Package files a lifecycle command runs (`node scripts/x.js`, `sh ./install.sh`, `python hook.py`)."""
    found = []
    for token in re.split(r"[\s;&|()]+", command):
        token = token.strip("'\"")
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


def discover(root: Path, *, name_hint: str, version_hint: str | None = None) -> tuple[SourceTree, list[AnalysisError]]:
    """Classify every file under `root` and read the manifests. Never raises for bad content."""
    errors: list[AnalysisError] = []
    walked = _walk(root, errors)
    manifest: dict[str, Any] = {}
    hooks: list[InstallHook] = []
    entry_points: list[EntryPoint] = []
    build_scripts: set[str] = set()
    name, version = None, None

    pkg_path = root / "package.json"
    if pkg_path.is_file():
        text = pkg_path.read_text(encoding="utf-8-sig", errors="replace")
        pkg = _read_json(pkg_path, "package.json", errors)
        if pkg is not None:
            manifest["package_json"] = pkg
            name = pkg.get("name") if isinstance(pkg.get("name"), str) else None
            version = pkg.get("version") if isinstance(pkg.get("version"), str) else None
            scripts = pkg.get("scripts") if isinstance(pkg.get("scripts"), dict) else {}
            for stage in NPM_INSTALL_SCRIPTS:
                cmd = scripts.get(stage)
                if isinstance(cmd, str) and cmd.strip():
                    hooks.append(InstallHook(f"npm:{stage}", cmd, Location("package.json", _line_of(text, f'"{stage}"'))))
                    build_scripts.update(script_files(cmd))
            bin_ = pkg.get("bin")
            if isinstance(bin_, str):
                entry_points.append(EntryPoint(name or "bin", bin_, "bin"))
            elif isinstance(bin_, dict):
                entry_points += [EntryPoint(str(k), str(v), "bin") for k, v in sorted(bin_.items()) if isinstance(v, str)]
            for key in ("main", "module"):
                if isinstance(pkg.get(key), str):
                    entry_points.append(EntryPoint(key, pkg[key], key))
            for target in sorted(set(_exports_targets(pkg.get("exports")))):
                entry_points.append(EntryPoint("exports", target, "exports"))
    for lock in ("package-lock.json", "npm-shrinkwrap.json"):
        if (root / lock).is_file():
            doc = _read_json(root / lock, lock, errors)
            if doc is not None:
                manifest["package_lock"] = doc
            break

    pyproject_path = root / "pyproject.toml"
    if pyproject_path.is_file():
        pyproject = _read_toml(pyproject_path, "pyproject.toml", errors)
        if pyproject is not None:
            manifest["pyproject"] = pyproject
            project = pyproject.get("project") or {}
            name = name or project.get("name")
            version = version or project.get("version")
            for script, target in sorted((project.get("scripts") or {}).items()):
                entry_points.append(EntryPoint(script, str(target), "console_script"))
            backend = pyproject.get("build-system") or {}
            if backend.get("backend-path"):
                hooks.append(InstallHook("build-backend", f"in-tree build backend {backend.get('build-backend')!r} "
                                         f"from {backend.get('backend-path')}", Location("pyproject.toml", 1)))

    for rel, abspath, _ in walked:
        parts = rel.parts
        if len(parts) == 2 and parts[0].endswith(".dist-info"):
            if rel.name == "METADATA":
                manifest["metadata"] = _read_metadata(abspath)
            elif rel.name == "entry_points.txt":
                cp = configparser.ConfigParser(interpolation=None)
                try:
                    cp.read_string(abspath.read_text(encoding="utf-8", errors="replace"))
                    for script, target in sorted(cp.items("console_scripts")) if cp.has_section("console_scripts") else []:
                        entry_points.append(EntryPoint(script, target, "console_script"))
                except configparser.Error as exc:
                    errors.append(AnalysisError(STAGE, f"entry_points.txt unreadable: {exc}", str(rel)))
        elif str(rel) == "PKG-INFO" and "metadata" not in manifest:
            manifest["metadata"] = _read_metadata(abspath)
        if rel.suffix == ".pth" and len(parts) <= 2:
            content = abspath.read_text(encoding="utf-8", errors="replace")[:2000]
            hooks.append(InstallHook("pth", content, Location(str(rel), 1)))
    meta = manifest.get("metadata") or {}
    name = name or (meta.get("Name") or [None])[0]
    version = version or (meta.get("Version") or [None])[0]

    if (root / "setup.py").is_file():
        hooks.append(InstallHook("setup.py", "setup.py runs at install time from an sdist", Location("setup.py", 1)))
        build_scripts.add("setup.py")

    files = tuple(
        SourceFile(str(rel), abspath, language_of(rel), role_of(rel, build_scripts), size)
        for rel, abspath, size in walked
    )
    languages = tuple(
        lang for lang in (Language.PYTHON, Language.JAVASCRIPT, Language.TYPESCRIPT)
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
