"""--compare-repo against local git repositories (cloned through the safe git fetcher)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.repository import SourceRepository
from mcpvet.discover import discover
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from mcpvet.provenance.compare import compare_with_repository
from mcpvet.provenance.repository import parse_repo_url
from tests.provenance.fakes import NOW, days, fetched_for, pypi_project

SERVER = "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('w')\n"


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, check=True, env=env,
                   capture_output=True)


def _repo(tmp_path: Path, tag: str = "v1.0.0", monorepo: bool = False) -> Path:
    repo = tmp_path / "repo"
    base = repo / "servers" / "weather" if monorepo else repo
    (base / "src" / "weather_mcp").mkdir(parents=True)
    (base / "src" / "weather_mcp" / "__init__.py").write_text("")
    (base / "src" / "weather_mcp" / "server.py").write_text(SERVER)
    (base / "README.md").write_text("# weather\n")
    (repo / "LICENSE").write_text("MIT\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    _git(repo, "tag", tag)
    return repo


def _wheel_tree(tmp_path: Path, extra: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    root = tmp_path / "pkg"
    (root / "weather_mcp").mkdir(parents=True)
    (root / "weather_mcp-1.0.0.dist-info").mkdir()
    (root / "weather_mcp" / "__init__.py").write_text("")
    (root / "weather_mcp" / "server.py").write_text(SERVER)
    (root / "weather_mcp-1.0.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: weather-mcp\nVersion: 1.0.0\n")
    (root / "weather_mcp-1.0.0.dist-info" / "RECORD").write_text("")
    for rel, text in (extra or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    tree, _ = discover(root, name_hint="weather-mcp", version_hint="1.0.0")
    return tree


def _opts(tmp_path: Path, **kw: object) -> InspectOptions:
    return InspectOptions(pypi_url="http://127.0.0.1:9", osv_url="http://127.0.0.1:9", cache_dir=tmp_path / "c",
                          http_timeout_s=5, http_retries=0, **kw)  # type: ignore[arg-type]


def test_identical_package_passes(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    cmp_ = compare_with_repository(_wheel_tree(tmp_path), parse_repo_url(f"file://{repo}"), "1.0.0", "pypi",
                                   _opts(tmp_path), name="weather-mcp")
    assert cmp_.status == "compared" and cmp_.ref == "v1.0.0"
    assert cmp_.missing == () and cmp_.modified == () and cmp_.ignored == 2 and cmp_.compared == 2
    assert cmp_.commit and len(cmp_.commit) == 40


def test_injected_and_modified_files_are_reported(tmp_path: Path) -> None:
    repo = _repo(tmp_path, tag="1.0.0")
    tree = _wheel_tree(tmp_path, {"weather_mcp/_telemetry.py": "import os\n", "weather_mcp/server.py": SERVER + "x=1\n"})
    cmp_ = compare_with_repository(tree, parse_repo_url(f"file://{repo}"), "1.0.0", "pypi", _opts(tmp_path),
                                   name="weather-mcp")
    assert cmp_.ref == "1.0.0"  # the second tag form tried
    assert cmp_.missing == ("weather_mcp/_telemetry.py",) and cmp_.modified == ("weather_mcp/server.py",)


def test_check_through_collect(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    tree = _wheel_tree(tmp_path, {"weather_mcp/_telemetry.py": "import os\n"})
    proj = pypi_project("weather-mcp", [("1.0.0", NOW - days(90))], info={"project_urls": {"Source": f"file://{repo}"}})
    fetched = fetched_for("pypi", "weather-mcp", "1.0.0", proj)
    prov = collect(fetched, tree, _opts(tmp_path, compare_repo=True), now=NOW)
    out = SourceRepository().run(Facts(target=fetched.target, tree=tree, tools=(), frontends=(), provenance=prov))
    [f] = [f for f in out.findings if f.rule == "files-not-in-repository"]
    assert f.severity.value == "high" and "weather_mcp/_telemetry.py" in f.message and out.score == 0.0
    assert prov.extra["repository_comparison"]["missing"] == ["weather_mcp/_telemetry.py"]


def test_npm_build_outputs_and_monorepo_directory(tmp_path: Path) -> None:
    repo = _repo(tmp_path, tag="v2.0.0", monorepo=True)
    root = tmp_path / "npmpkg"
    (root / "dist").mkdir(parents=True)
    (root / "src").mkdir()
    (root / "package.json").write_text('{"name": "weather", "version": "2.0.0"}')
    (root / "dist" / "index.js").write_text("compiled\n")
    (root / "README.md").write_text("# weather\n")
    (root / "install.js").write_text("require('child_process')\n")
    (root / "LICENSE").write_text("MIT\n")  # at the repository root, not in the package folder
    tree, _ = discover(root, name_hint="weather")
    ref = parse_repo_url(f"file://{repo}", directory="servers/weather")
    cmp_ = compare_with_repository(tree, ref, "2.0.0", "npm", _opts(tmp_path), name="weather")
    # package.json is not in the repository folder here: reported, like install.js; dist/ is generated
    assert cmp_.missing == ("install.js", "package.json") and cmp_.ignored == 1
    assert cmp_.missing_code == ("install.js",)


def test_no_tag_and_no_repository_are_inconclusive_with_errors(tmp_path: Path) -> None:
    repo = _repo(tmp_path, tag="release-one")
    tree = _wheel_tree(tmp_path)
    cmp_ = compare_with_repository(tree, parse_repo_url(f"file://{repo}"), "1.0.0", "pypi",
                                   _opts(tmp_path), name="weather-mcp")
    assert cmp_.status == "unavailable" and cmp_.errors and "no tag" in cmp_.errors[0].message
    cmp_ = compare_with_repository(tree, None, "1.0.0", "pypi", _opts(tmp_path))
    assert cmp_.status == "unavailable" and cmp_.errors


def test_unreachable_repository_is_an_error_not_a_pass(tmp_path: Path) -> None:
    cmp_ = compare_with_repository(_wheel_tree(tmp_path), parse_repo_url(f"file://{tmp_path}/nothing-here"), "1.0.0",
                                   "pypi", _opts(tmp_path), name="weather-mcp")
    assert cmp_.status == "unavailable" and cmp_.errors


def test_generated_version_module_is_ignored_but_code_is_not(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    scm = ("# file generated by setuptools-scm\nfrom __future__ import annotations\n__all__ = ['__version__']\n"
           "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    VERSION_TUPLE = tuple\nelse:\n    VERSION_TUPLE = object\n"
           "version: str\n__version__ = version = '1.0.0'\n__version_tuple__ = version_tuple = (1, 0, 0)\n")
    tree = _wheel_tree(tmp_path, {"weather_mcp/_version.py": scm,
                                  "weather_mcp/version.py": "import os\nV = os.environ.get('X')\n"})
    cmp_ = compare_with_repository(tree, parse_repo_url(f"file://{repo}"), "1.0.0", "pypi", _opts(tmp_path),
                                   name="weather-mcp")
    assert cmp_.missing == ("weather_mcp/version.py",) and cmp_.ignored == 3
