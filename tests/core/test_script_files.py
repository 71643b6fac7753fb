"""Which package files an npm lifecycle command runs (they are install-hook code, not server code)."""

from __future__ import annotations

from mcpvet.discover import script_files


def test_files_a_command_runs() -> None:
    assert script_files("node scripts/x.js") == ["scripts/x.js"]
    assert script_files("sh ./install.sh; python hook.py") == ["install.sh", "hook.py"]
    assert script_files("(cd lib && node setup.mjs)") == ["setup.mjs"]
    assert script_files("NODE_ENV=production node build.cjs") == ["build.cjs"]


def test_files_a_command_only_handles_are_not_run() -> None:
    # `prepare: "npm run build && chmod +x dist/index.js"`: the entry file is the server itself
    assert script_files("npm run build && chmod +x dist/index.js") == []
    assert script_files("node a.js && shx chmod +x bin/cli.js") == ["a.js"]
    assert script_files("rm -rf dist/old.js; cp src/x.js dist/x.js") == []
