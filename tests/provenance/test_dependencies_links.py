"""Dependencies are read from the package's own files only: never through a link out of it."""

from __future__ import annotations

import json
from pathlib import Path

from mcpvet.discover import discover
from mcpvet.provenance.dependencies import declared_dependencies


def _outside(tmp_path: Path) -> Path:
    out = tmp_path / "outside"
    out.mkdir()
    (out / "setup.cfg").write_text("[options]\ninstall_requires =\n    outside-dep==6.6.6\n")
    (out / "setup.py").write_text("from setuptools import setup\nsetup(install_requires=['outside-setup==6.6.6'])\n")
    (out / "lock.json").write_text(json.dumps({"lockfileVersion": 3, "packages": {
        "": {"name": "t"}, "node_modules/left-pad": {"version": "6.6.6"}}}))
    return out


def test_python_manifests_linked_out_are_not_read(tmp_path: Path) -> None:
    out = _outside(tmp_path)
    root = tmp_path / "target"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "setup.cfg").symlink_to(out / "setup.cfg")
    (root / "setup.py").symlink_to(out / "setup.py")
    tree, _ = discover(root, name_hint="target")
    scan = declared_dependencies(tree, "pypi")
    assert "outside" not in json.dumps([d.to_json() for d in scan.dependencies])
    assert any(e.path == "setup.cfg" and "symbolic link" in e.message for e in scan.errors)


def test_own_setup_cfg_is_still_read(tmp_path: Path) -> None:
    root = tmp_path / "target"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "setup.cfg").write_text("[options]\ninstall_requires =\n    mcp>=1.2\n")
    tree, _ = discover(root, name_hint="target")
    assert [d.name for d in declared_dependencies(tree, "pypi").dependencies] == ["mcp"]


def test_npm_lock_linked_out_is_not_read(tmp_path: Path) -> None:
    out = _outside(tmp_path)
    root = tmp_path / "target"
    root.mkdir()
    (root / "package.json").write_text(json.dumps({"name": "t", "version": "1.0.0", "dependencies": {"left-pad": "^1.0.0"}}))
    (root / "index.js").write_text("module.exports = 1;\n")
    (root / "package-lock.json").symlink_to(out / "lock.json")
    tree, _ = discover(root, name_hint="t")
    deps = declared_dependencies(tree, "npm").dependencies
    assert [d.name for d in deps] == ["left-pad"] and "6.6.6" not in json.dumps([d.to_json() for d in deps])
