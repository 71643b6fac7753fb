"""npm's choice of version for a declared range, and the files of a dependency an import loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcpvet.depcode.select import resolve, select
from mcpvet.depcode.semver import is_registry_range, pick

VERSIONS = ["0.2.5", "0.2.9", "0.3.0", "1.0.0", "1.2.3", "1.3.0-beta.1", "1.9.9", "1.66.0-alpha-2026-11-18",
            "2.0.0", "2.1.0-rc.1"]
TAGS = {"latest": "2.0.0", "next": "2.1.0-rc.1"}


@pytest.mark.parametrize(("spec", "expected"), [
    ("^1.2.0", "1.9.9"),  # pre-releases of 1.x do not satisfy a range of releases
    ("~1.2.0", "1.2.3"),
    (">=1.0.0 <1.5", "1.2.3"),
    ("1.x", "1.9.9"),
    ("1", "1.9.9"),
    ("*", "2.0.0"),
    ("", "2.0.0"),
    ("^0.2.1", "0.2.9"),  # ^0.x stays in the minor
    ("1.66.0-alpha-2026-11-18", "1.66.0-alpha-2026-11-18"),  # an exact pre-release
    ("^2.1.0-rc.0", "2.1.0-rc.1"),
    ("1.2.3 - 1.9", "1.9.9"),
    ("next", "2.1.0-rc.1"),  # a dist-tag
    ("<2", "1.9.9"),
    (">1.2", "2.0.0"),  # latest satisfies: npm takes it
    ("^3", None),
    ("1 || 0.3", "1.9.9"),
    (">=1.3.0-beta.0 <1.4", "1.3.0-beta.1"),
])
def test_pick(spec: str, expected: str | None) -> None:
    assert pick(spec, VERSIONS, TAGS) == expected


def test_latest_is_preferred_then_the_highest_not_deprecated() -> None:
    assert pick("^1.0.0", ["1.0.0", "1.5.0", "1.6.0"], {"latest": "1.5.0"}) == "1.5.0"
    assert pick("^1.0.0", ["1.0.0", "1.5.0", "1.6.0"], {"latest": "1.6.0"}, lambda v: v == "1.6.0") == "1.5.0"


def test_ranges_npm_does_not_take_from_the_registry() -> None:
    for spec in ("file:../x", "git+https://github.com/a/b.git", "github:a/b", "a/b", "npm:other@1", "workspace:*",
                 "https://example.org/x.tgz"):
        assert not is_registry_range(spec), spec
    assert is_registry_range("^1.2.0") and is_registry_range("latest")


def _dep(root: Path, manifest: dict[str, object], files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    (root / "package.json").write_text(json.dumps(manifest))
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_resolution_through_exports_main_and_paths(tmp_path: Path) -> None:
    root = _dep(tmp_path / "d", {"name": "d", "exports": {".": {"types": "./x.d.ts", "require": "./cjs/i.js",
                                                                 "import": "./esm/i.mjs"},
                                                           "./lib/*": "./dist/lib/*.js"}},
                {"cjs/i.js": "", "esm/i.mjs": "", "dist/lib/a.js": "", "lib/a.js": ""})
    manifest = json.loads((root / "package.json").read_text())
    assert resolve(root, "d", "d", manifest) == "cjs/i.js"
    assert resolve(root, "d", "d/lib/a", manifest) == "dist/lib/a.js"
    assert resolve(root, "d", "d/other", manifest) is None  # not exported: Node refuses it
    plain = _dep(tmp_path / "p", {"name": "@s/p", "main": "main"}, {"main.js": "", "lib/b/index.js": ""})
    assert resolve(plain, "@s/p", "@s/p", {"main": "main"}) == "main.js"
    assert resolve(plain, "@s/p", "@s/p/lib/b", {}) == "lib/b/index.js"


def test_selection_follows_relative_imports_only_within_budgets(tmp_path: Path) -> None:
    root = _dep(tmp_path / "d", {"name": "d", "main": "index.js"}, {
        "index.js": 'const a = require("./a");\nimport b from "./sub/b.mjs";\nexport * from "./c";\nrequire("other");',
        "a.js": 'require("../outside"); module.exports = 1;',
        "sub/b.mjs": 'const x = await import("../a.js");',
        "c.js": "",
        "unused.js": "",
    })
    picked = select(root, "d", ["d"], max_files=10, max_bytes=1 << 20)
    assert picked.files == ["index.js", "a.js", "sub/b.mjs", "c.js"] and picked.cut is None
    small = select(root, "d", ["d"], max_files=2, max_bytes=1 << 20)
    assert small.files == ["index.js", "a.js"] and small.cut is not None and "2 files" in small.cut
    assert small.left_out == ["sub/b.mjs", "c.js"]
    tight = select(root, "d", ["d"], max_files=10, max_bytes=(root / "index.js").stat().st_size + 1)
    assert tight.files == ["index.js", "c.js"] and tight.left_out == ["a.js", "sub/b.mjs"] and "bytes" in (tight.cut or "")
    assert select(root, "d", ["d/missing"], 10, 1 << 20).unresolved == ["d/missing"]
