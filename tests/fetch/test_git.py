"""git+file:// fetching of repositories made in the test: default branch, branch, tag, full and
short commit SHA, unknown ref; hooks and fsmonitor never run; symlinks never checked out."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from mcpvet.errors import FetchError, TargetNotFound
from mcpvet.fetch import fetch_target
from mcpvet.fetch.git import read_head
from mcpvet.model import Ecosystem
from mcpvet.options import AnalysisLimits, InspectOptions

_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}


def _git(repo: Path, *args: str) -> str:
    """Git in the test's OWN repository (trusted: we just made it)."""
    env = {**os.environ, **_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | Path]:
    root = tmp_path_factory.mktemp("origin") / "server-repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    (root / "server.py").write_text("VERSION = 1\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "one")
    first = _git(root, "rev-parse", "HEAD")
    _git(root, "tag", "v1.0")
    (root / "server.py").write_text("VERSION = 2\n")
    os.symlink("/etc/passwd", root / "leak")  # a symlink leaving the tree
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "two")
    second = _git(root, "rev-parse", "HEAD")
    _git(root, "checkout", "-q", "-b", "feature")
    (root / "server.py").write_text("VERSION = 3\n")
    _git(root, "commit", "-q", "-am", "three")
    feature = _git(root, "rev-parse", "HEAD")
    _git(root, "checkout", "-q", "main")
    # hostile configuration in the ORIGIN repo: a hook and an fsmonitor that leave a marker
    marker = root.parent / "HOOK_RAN"
    hook = root / ".git" / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    _git(root, "config", "core.fsmonitor", f"touch {marker} #")
    return {"path": root, "first": first, "second": second, "feature": feature, "marker": marker}


def _opts(tmp_path: Path) -> InspectOptions:
    return InspectOptions(cache_dir=tmp_path / "c", limits=AnalysisLimits(git_timeout_s=60))


def _version(fetched) -> str:  # type: ignore[no-untyped-def]
    return (fetched.directory / "server.py").read_text().strip()


def test_default_branch(repo, tmp_path):  # type: ignore[no-untyped-def]
    spec = f"git+file://{repo['path']}"
    fetched = fetch_target(spec, _opts(tmp_path), tmp_path / "s")
    t = fetched.target
    assert (t.ecosystem, t.name, t.version, t.artifact, t.sha256) == (Ecosystem.GIT, "server-repo", None,
                                                                      repo["second"], None)
    assert _version(fetched) == "VERSION = 2"
    assert not (fetched.directory / ".git").exists()
    assert fetched.directory.is_relative_to(tmp_path / "s")
    leak = fetched.directory / "leak"
    assert not leak.is_symlink()  # checked out as a plain file holding the link text
    assert leak.read_text() == "/etc/passwd"


def test_branch_tag_and_commits(repo, tmp_path):  # type: ignore[no-untyped-def]
    base = f"git+file://{repo['path']}"
    feature = fetch_target(base + "@feature", _opts(tmp_path), tmp_path / "s1")
    assert (_version(feature), feature.target.artifact, feature.target.version) == \
        ("VERSION = 3", repo["feature"], "feature")
    tag = fetch_target(base + "@v1.0", _opts(tmp_path), tmp_path / "s2")
    assert (_version(tag), tag.target.artifact) == ("VERSION = 1", repo["first"])
    sha = fetch_target(base + "@" + str(repo["first"]), _opts(tmp_path), tmp_path / "s3")
    assert (_version(sha), sha.target.artifact) == ("VERSION = 1", repo["first"])
    short = fetch_target(base + "@" + str(repo["first"])[:10], _opts(tmp_path), tmp_path / "s4")
    assert (_version(short), short.target.artifact) == ("VERSION = 1", repo["first"])


def test_unknown_ref_and_repo(repo, tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(TargetNotFound) as err:
        fetch_target(f"git+file://{repo['path']}@no-such-branch", _opts(tmp_path), tmp_path / "s")
    assert err.value.exit_code == 2
    with pytest.raises(TargetNotFound):
        fetch_target(f"git+file://{repo['path']}@{'e' * 40}", _opts(tmp_path), tmp_path / "s")
    with pytest.raises((TargetNotFound, FetchError)):
        fetch_target(f"git+file://{tmp_path}/missing-repo", _opts(tmp_path), tmp_path / "s")


def test_hooks_and_fsmonitor_never_run(repo, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """Hooks and fsmonitor from the origin repo, from the user's global config and from the
    template folder must not run: each would create the marker file."""
    marker: Path = repo["marker"]  # type: ignore[assignment]
    hooks = tmp_path / "global-hooks"
    hooks.mkdir()
    for name in ("post-checkout", "post-merge", "reference-transaction", "fsmonitor-watchman"):
        h = hooks / name
        h.write_text(f"#!/bin/sh\ntouch {marker}\n")
        h.chmod(0o755)
    template = tmp_path / "template"
    (template / "hooks").mkdir(parents=True)
    (template / "hooks" / "post-checkout").write_text(f"#!/bin/sh\ntouch {marker}\n")
    (template / "hooks" / "post-checkout").chmod(0o755)
    gcfg = tmp_path / "gitconfig"
    gcfg.write_text(f"[core]\n\thooksPath = {hooks}\n\tfsmonitor = {hooks / 'fsmonitor-watchman'}\n"
                    f"[init]\n\ttemplateDir = {template}\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gcfg))
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".gitconfig").write_text(gcfg.read_text())
    monkeypatch.setenv("GIT_TEMPLATE_DIR", str(template))
    # sanity: the same hostile setup DOES fire for a plain git clone (so the test can fail)
    env = {**os.environ, **{k: v for k, v in _ENV.items() if k != "GIT_CONFIG_GLOBAL"}}
    subprocess.run(["git", "clone", "-q", f"file://{repo['path']}", str(tmp_path / "plain")], env=env, check=True)
    assert marker.exists(), "the hostile setup should run a hook for a plain clone"
    marker.unlink()
    base = f"git+file://{repo['path']}"
    for i, ref in enumerate(["", "@feature", "@" + str(repo["first"]), "@" + str(repo["first"])[:9]]):
        fetch_target(base + ref, _opts(tmp_path), tmp_path / f"s{i}")
    assert not marker.exists()


def test_timeout(repo, tmp_path):  # type: ignore[no-untyped-def]
    opts = InspectOptions(cache_dir=tmp_path / "c", limits=AnalysisLimits(git_timeout_s=0.0001))
    with pytest.raises(FetchError, match="longer than"):
        fetch_target(f"git+file://{repo['path']}", opts, tmp_path / "s")


def test_read_head_packed_refs(tmp_path):  # type: ignore[no-untyped-def]
    g = tmp_path / ".git"
    g.mkdir()
    (g / "HEAD").write_text("ref: refs/heads/main\n")
    (g / "packed-refs").write_text("# pack-refs with: peeled\n" + "a" * 40 + " refs/heads/main\n")
    assert read_head(g) == "a" * 40
    (g / "HEAD").write_text("ref: refs/../../etc/passwd\n")
    assert read_head(g) is None


def test_a_hanging_git_is_killed(repo, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A git that never finishes (stand-in script on PATH) is killed at the limit with its children."""
    import time

    fakebin = tmp_path / "bin"
    fakebin.mkdir()
    pidfile = tmp_path / "child.pid"
    script = fakebin / "git"
    script.write_text(f"#!/bin/sh\nsleep 30 &\necho $! > {pidfile}\nwait\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fakebin}:{os.environ['PATH']}")
    opts = InspectOptions(cache_dir=tmp_path / "c", limits=AnalysisLimits(git_timeout_s=0.5))
    start = time.monotonic()
    with pytest.raises(FetchError, match="longer than the limit"):
        fetch_target(f"git+file://{repo['path']}", opts, tmp_path / "s")
    assert time.monotonic() - start < 3.0
    child = int(pidfile.read_text())
    time.sleep(0.2)
    status = Path(f"/proc/{child}/status")
    if status.exists():  # killed but not yet reaped by init: a zombie, not a running sleep
        assert "\nState:\tZ" in status.read_text()


def test_lfs_and_filter_attributes_do_not_break_or_run(tmp_path):  # type: ignore[no-untyped-def]
    root = tmp_path / "attr-repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    (root / ".gitattributes").write_text("*.bin filter=lfs diff=lfs merge=lfs -text\n*.py filter=evil\n")
    (root / "a.bin").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n")
    (root / "m.py").write_text("x = 1\n")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "attrs")
    fetched = fetch_target(f"git+file://{root}", _opts(tmp_path), tmp_path / "s")
    assert (fetched.directory / "m.py").read_text() == "x = 1\n"
    assert (fetched.directory / "a.bin").read_text().startswith("version https://git-lfs")  # pointer kept


def test_credentials_are_not_echoed(tmp_path):  # type: ignore[no-untyped-def]
    from mcpvet.fetch.git import redact

    assert redact("https://user:s3cret@example.org/r.git") == "https://***@example.org/r.git"
    assert redact("git+https://tok@example.org/r.git") == "git+https://***@example.org/r.git"
    assert redact("file:///tmp/r") == "file:///tmp/r"


def test_an_oversized_checkout_is_reported(repo, tmp_path):  # type: ignore[no-untyped-def]
    from mcpvet.options import UnpackLimits

    opts = InspectOptions(cache_dir=tmp_path / "c", unpack=UnpackLimits(max_members=1))
    fetched = fetch_target(f"git+file://{repo['path']}", opts, tmp_path / "s")
    assert any("over the unpacking limits" in e.message for e in fetched.errors)
    normal = fetch_target(f"git+file://{repo['path']}", _opts(tmp_path), tmp_path / "s2")
    assert not any("over the unpacking limits" in e.message for e in normal.errors)
