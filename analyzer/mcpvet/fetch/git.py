"""git: a shallow clone of one ref with everything that could run code switched off.

No hooks (`core.hooksPath=/dev/null`, an empty template folder), no fsmonitor, no system or
user configuration (`GIT_CONFIG_NOSYSTEM`, `GIT_CONFIG_GLOBAL=/dev/null`, an empty HOME), no
submodules, no LFS smudge, no prompts, symlinks checked out as plain files (`core.symlinks=false`).
Every git process runs in its own process group and is killed at the time limit. The commit SHA
is read from the `.git` files directly, then `.git` is removed: git never runs in the checked-out
tree afterwards.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from mcpvet.errors import FetchError, TargetNotFound
from mcpvet.fetch.interface import Fetched
from mcpvet.fetch.spec import parse_spec
from mcpvet.model import AnalysisError, Ecosystem, Target
from mcpvet.options import InspectOptions

_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.symlinks=false",
    "protocol.file.allow=always",
    "protocol.ext.allow=never",
    "submodule.recurse=false",
    "advice.detachedHead=false",
    "init.defaultBranch=main",
    "credential.helper=",
    "filter.lfs.smudge=",
    "filter.lfs.process=",
    "filter.lfs.required=false",
)
_FULL_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_SHORT_SHA = re.compile(r"^[0-9a-f]{7,39}$")
_NOT_FOUND = re.compile(
    r"repository not found|remote branch .* not found|not found in upstream|commit .* not found|"
    r"repository .* does not exist|does not appear to be a git repository|couldn't find remote ref|"
    r"did not match any|unknown revision|not our ref|no such ref|invalid refspec|reference is not a tree|"
    r"could not read username|terminal prompts disabled|authentication failed|returned error: 40[34]",
    re.IGNORECASE,
)
_KEEP_ENV = ("PATH", "SSH_AUTH_SOCK", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
             "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSL_CAINFO", "TMPDIR")


class _GitFailed(Exception):
    def __init__(self, stderr: str) -> None:
        super().__init__(stderr)
        self.stderr = stderr


class _Runner:
    """Runs git with the safe configuration, a clean environment and one overall deadline."""

    def __init__(self, options: InspectOptions, home: Path) -> None:
        self.timeout_s = float(options.limits.git_timeout_s)
        self.deadline = time.monotonic() + self.timeout_s
        template = home / "template"
        template.mkdir()
        self.template = template
        self.env = {k: v for k, v in os.environ.items() if k in _KEEP_ENV}
        self.env.update({
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_LFS_SKIP_SMUDGE": "1",
            "GIT_ASKPASS": "/bin/false",
            "SSH_ASKPASS": "/bin/false",
            "GIT_TEMPLATE_DIR": str(template),
            "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new "
                               f"-o UserKnownHostsFile={shlex.quote(str(home / 'known_hosts'))}",
            "LC_ALL": "C",
        })

    def __call__(self, *args: str, cwd: Path | None = None) -> str:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"git took longer than {self.timeout_s:g} s; stopped")
        cmd = ["git"]
        for item in _SAFE_CONFIG:
            cmd += ["-c", item]
        cmd += list(args)
        proc = subprocess.Popen(cmd, cwd=cwd, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=remaining)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise FetchError(f"git {args[0]} took longer than the limit of {self.timeout_s:g} s; stopped",
                             hint="raise limits.git_timeout_s for very large repositories") from None
        if proc.returncode != 0:
            raise _GitFailed(err.decode("utf-8", "replace").strip())
        return out.decode("utf-8", "replace")


class GitFetcher:
    """`git+https://…[@REF]`, `git+ssh://…[@REF]`, `git+file://…[@REF]`."""

    def fetch(self, spec: str, options: InspectOptions, scratch: Path) -> Fetched:
        parsed = parse_spec(spec)
        assert parsed.url is not None
        return fetch(spec, parsed.url, parsed.ref, parsed.name, options, scratch)


def fetch(spec: str, url: str, ref: str | None, name: str, options: InspectOptions, scratch: Path) -> Fetched:
    if options.offline:
        raise FetchError(f"offline mode: cannot clone {redact(url)}")
    work = scratch / "git"
    work.mkdir(parents=True, exist_ok=True)
    dest = Path(tempfile.mkdtemp(prefix="tree-", dir=work))
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    run = _Runner(options, home)
    try:
        _checkout(run, url, ref, dest)
    except _GitFailed as exc:
        shutil.rmtree(dest, ignore_errors=True)
        what = f"ref {ref!r} of {redact(url)}" if ref else redact(url)
        if _NOT_FOUND.search(exc.stderr):
            raise TargetNotFound(f"{redact(spec)}: git could not find {what}: {_last_line(exc.stderr)}",
                                 hint="check the URL and the ref; a private repository looks the same as a "
                                      "missing one (mcpvet never prompts for credentials)") from None
        raise FetchError(f"{redact(spec)}: git clone of {what} failed: {_last_line(exc.stderr)}") from None
    finally:
        shutil.rmtree(home, ignore_errors=True)
    sha = read_head(dest / ".git")
    errors: list[AnalysisError] = []
    if sha is None:
        errors.append(AnalysisError("fetch", "could not read the commit SHA from the clone"))
    shutil.rmtree(dest / ".git", ignore_errors=True)
    errors.extend(_remove_links(dest))
    errors.extend(_check_size(dest, options))
    target = Target(spec=spec, ecosystem=Ecosystem.GIT, name=name, version=ref, artifact=sha, sha256=None)
    return Fetched(target=target, directory=dest, errors=tuple(errors))


def _checkout(run: _Runner, url: str, ref: str | None, dest: Path) -> None:
    common = ["--no-tags", "--no-recurse-submodules"]
    if ref is not None and _FULL_SHA.match(ref):
        run("init", "-q", f"--template={run.template}", str(dest))
        try:
            run("fetch", "-q", "--depth", "1", *common, url, ref, cwd=dest)
            run("checkout", "-q", "--detach", "FETCH_HEAD", cwd=dest)
            return
        except _GitFailed:
            shutil.rmtree(dest)
            dest.mkdir()
        _full_clone_checkout(run, url, ref, dest)
        return
    clone = ["clone", "-q", "--no-local", f"--template={run.template}", "--depth", "1", "--single-branch",
             *common]
    if ref is not None:
        clone += ["--branch", ref]
    try:
        run(*clone, "--", url, str(dest))
    except _GitFailed:
        if ref is None or not _SHORT_SHA.match(ref):
            raise
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir()
        _full_clone_checkout(run, url, ref, dest)


def _full_clone_checkout(run: _Runner, url: str, ref: str, dest: Path) -> None:
    """A commit that cannot be fetched alone (old servers, short SHA): clone all, check out the commit."""
    run("clone", "-q", "--no-local", f"--template={run.template}", "--no-checkout", "--no-recurse-submodules",
        "--", url, str(dest))
    try:
        sha = run("-C", str(dest), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except _GitFailed:
        raise _GitFailed(f"commit {ref} not found in the repository") from None
    run("-C", str(dest), "checkout", "-q", "--detach", sha)


def read_head(git_dir: Path) -> str | None:
    """The commit of HEAD, from the files (HEAD, loose refs, packed-refs), without running git."""
    try:
        head = (git_dir / "HEAD").read_text("utf-8").strip()
    except OSError:
        return None
    for _ in range(5):
        if _FULL_SHA.match(head):
            return head
        if not head.startswith("ref: "):
            return None
        ref = head[5:].strip()
        if ".." in ref or not ref.startswith("refs/"):
            return None
        loose = git_dir / ref
        if loose.is_file():
            head = loose.read_text("utf-8").strip()
            continue
        packed = git_dir / "packed-refs"
        if not packed.is_file():
            return None
        for line in packed.read_text("utf-8").splitlines():
            parts = line.split(" ", 1)
            if len(parts) == 2 and parts[1].strip() == ref and _FULL_SHA.match(parts[0]):
                return parts[0]
        return None
    return None


def _remove_links(root: Path) -> list[AnalysisError]:
    """core.symlinks=false leaves none; this is the belt to those braces."""
    errors: list[AnalysisError] = []
    for dirpath, dirnames, filenames in os.walk(root):
        for entry in [*dirnames, *filenames]:
            p = Path(dirpath) / entry
            if p.is_symlink():
                rel = p.relative_to(root).as_posix()
                p.unlink()
                errors.append(AnalysisError("fetch", "symbolic link removed from the checkout", rel))
    return sorted(errors, key=lambda e: e.path or "")


def redact(url: str) -> str:
    """The URL without a password or token in its user part (for messages)."""
    return re.sub(r"^([a-z+]+://)[^@/]*@", r"\1***@", url)


def _check_size(root: Path, options: InspectOptions) -> list[AnalysisError]:
    """A checkout is not bounded while it is written (only by the time limit); report one that is
    over the unpacking limits, so that its size is never silent."""
    files = total = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        files += len(filenames)
        for name in filenames:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                continue
    limits = options.unpack
    if files > limits.max_members or total > limits.max_total_bytes:
        return [AnalysisError("fetch", f"the checkout has {files} files and {total} bytes, over the unpacking "
                                       f"limits ({limits.max_members} files, {limits.max_total_bytes} bytes); "
                                       "large files are left out by the later stages")]
    return []


def _last_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else "(no message)"
