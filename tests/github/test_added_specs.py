"""What a PR to a list or registry repository adds: server.json entries and lines naming packages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mcpvet.fetch.spec import parse_spec
from mcpvet.github.added_specs import Added, added_specs, main, package_of, specs_in_text


@pytest.mark.parametrize(("line", "expected"), [
    ("- pypi:mcp-server-time==2026.10.19", ["pypi:mcp-server-time==2026.10.19"]),
    ("* npm:@modelcontextprotocol/server-memory@2025.4.25 — memory", ["npm:@modelcontextprotocol/server-memory@2025.4.25"]),
    ("- [Fetch](https://pypi.org/project/mcp-server-fetch/) web pages", ["pypi:mcp-server-fetch"]),
    ("[x](https://pypi.org/project/mcp-x/1.2.0)", ["pypi:mcp-x==1.2.0"]),
    ("[y](https://www.npmjs.com/package/@scope/y-mcp/v/0.4.1)", ["npm:@scope/y-mcp@0.4.1"]),
    ("run `uvx mcp-server-git` or `npx -y @org/files-mcp`", ["pypi:mcp-server-git", "npm:@org/files-mcp"]),
    ("- [Repo](https://github.com/acme/weather-mcp) weather", ["git+https://github.com/acme/weather-mcp"]),
    ("see https://github.com/topics/mcp and plain words", []),
    ("nothing here, not even pypi or npm", []),
])
def test_specs_in_a_line(line: str, expected: list[str]) -> None:
    assert specs_in_text(line) == expected
    for spec in expected:
        parse_spec(spec)  # each is a spec mcpvet inspect takes


def test_package_of_drops_the_version() -> None:
    assert package_of("pypi:X==1") == package_of("pypi:x") == "pypi:x"
    assert package_of("npm:@s/y@2.0.0") == "npm:@s/y"


def _server_json(*packages: tuple[str, str, str]) -> str:
    return json.dumps({"name": "io.github.acme/x", "version": "1",
                       "packages": [{"registryType": t, "identifier": n, "version": v} for t, n, v in packages]}, indent=2)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "list"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    (repo / "README.md").write_text("# Servers\n\n- pypi:old-server==1.0\n- npm:kept-mcp@2.0.0\n")
    (repo / "servers").mkdir()
    (repo / "servers" / "acme.json").write_text(_server_json(("pypi", "acme-mcp", "1.2.0")))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    return repo


def test_a_pr_that_adds_and_bumps(repo: Path, capsys, monkeypatch) -> None:
    base = _git(repo, "rev-parse", "HEAD").strip()
    (repo / "README.md").write_text("# Servers\n\n- npm:kept-mcp@2.0.0\n- pypi:old-server==1.0\n"  # moved: not new
                                    "- [New](https://pypi.org/project/new-mcp/0.1.0/) new\n")
    (repo / "servers" / "acme.json").write_text(_server_json(("pypi", "acme-mcp", "1.3.0"), ("npm", "@acme/web-mcp", "0.2.0")))
    (repo / "servers" / "zeta.json").write_text(_server_json(("npm", "zeta-mcp", "5.0.0"), ("oci", "docker.io/z", "1")))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "add servers")
    monkeypatch.chdir(repo)
    assert main(["--base", base, "--json"]) == 0
    found = [Added(**json.loads(line)) for line in capsys.readouterr().out.splitlines()]
    assert found == [
        Added("pypi:new-mcp==0.1.0", None, "README.md"),
        Added("pypi:acme-mcp==1.3.0", "pypi:acme-mcp==1.2.0", "servers/acme.json"),
        Added("npm:@acme/web-mcp@0.2.0", None, "servers/acme.json"),
        Added("npm:zeta-mcp@5.0.0", None, "servers/zeta.json"),
    ]
    assert main(["--base", base]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "pypi:new-mcp==0.1.0"


def test_a_bumped_line_names_the_previous_version() -> None:
    diff = ("diff --git a/list.md b/list.md\n--- a/list.md\n+++ b/list.md\n@@ -3 +3 @@\n"
            "-- npm:@s/y@1.0.0 files\n+- npm:@s/y@1.1.0 files\n")
    assert added_specs(diff, lambda p: None, lambda p: None) == [Added("npm:@s/y@1.1.0", "npm:@s/y@1.0.0", "list.md")]


def test_nothing_added_nothing_scanned(repo: Path, capsys, monkeypatch) -> None:
    base = _git(repo, "rev-parse", "HEAD").strip()
    (repo / "README.md").write_text("# Servers (typo fixed)\n\n- pypi:old-server==1.0\n- npm:kept-mcp@2.0.0\n")
    _git(repo, "commit", "-qam", "typo")
    monkeypatch.chdir(repo)
    assert main(["--base", base]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--base", "no-such-revision"]) == 2
