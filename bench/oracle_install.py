"""Install one pinned server into a throwaway environment and work out how to start it (runtime oracle).

Used by bench/oracle_run.py. The pinned artifact is downloaded (cached by sha256), checked against the
pin, and installed: PyPI into a venv of its own (uv when it is on PATH, else pip) with its real
dependencies; npm into a prefix of its own with `npm install --ignore-scripts`. Nothing here starts the
server.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PY_ENV_READ = re.compile(r"""(?:getenv|environ\.get|environ\[|env\.get)\(?\s*["']([A-Z][A-Z0-9_]{2,})["']""")
JS_ENV_READ = re.compile(r"""process\.env(?:\.([A-Z][A-Z0-9_]{2,})|\[\s*["'`]([A-Z][A-Z0-9_]{2,})["'`]\s*\])""")
DOC_NAME = re.compile(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b")
SECRETISH = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|_PAT$|CREDENTIAL|APIKEY|_ORG|ORGANIZATION|PROJECT|WORKSPACE|"
                       r"ACCOUNT|TENANT|CLIENT_ID|_USER$|USERNAME|EMAIL|DOMAIN|INSTANCE|_SITE|SUBDOMAIN|_TEAM)")
URLISH = re.compile(r"(_URL|_URI|ENDPOINT|BASE_URL|_SERVER)$")
HOSTISH = re.compile(r"_HOST$")
NEVER_SET = re.compile(r"^((MAX|MIN)_.*|PATH|HOME|NODE_ENV|NODE_OPTIONS|DEBUG|LOG_LEVEL|PYTHONPATH|"
                       r"HTTP_PROXY|HTTPS_PROXY|NO_PROXY|"
                       r".*(PORT|TRANSPORT|CONFIG|HEADERS?|JSON|YAML|MAX|MIN|BYTES|SIZE|LIMIT|COUNT|NUM|RETRIES|TTL|"
                       r"INTERVAL|_DIR|_PATH|_FILE|_FOLDER|TIMEOUT|_MODE|_LEVEL|_ENABLED|_DISABLED|READ_ONLY|READONLY|"
                       r"_PROXY|TELEMETRY|TIER|_TYPE|_PROVIDER|_VERSION|_FORMAT|_STRATEGY|_BACKEND|_LANGUAGE|_LOCALE|_ALLOW.*|_DENY.*|TOOLS?|TOOLSETS?|_FEATURES?|_LOG.*|_CACHE.*))$")


@dataclass
class Installed:
    """Where a server was installed, how to start it and what was set for it."""

    root: Path
    command: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    source_dir: Path | None = None
    notes: list[str] = field(default_factory=list)


class InstallError(RuntimeError):
    """The server could not be installed or no way to start it was found."""


def slug(entry: dict[str, Any]) -> str:
    return f"{entry['name'].replace('/', '__')}@{entry['version']}"


def fetch_artifact(entry: dict[str, Any], cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / entry["sha256"][:16] / entry["artifact"]
    if not path.is_file():
        path.parent.mkdir(exist_ok=True)
        with urllib.request.urlopen(entry["url"], timeout=300) as resp:
            blob = resp.read()
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(blob)
        tmp.replace(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != entry["sha256"]:
        path.unlink()
        raise InstallError(f"artifact sha256 {digest} does not match the pin {entry['sha256']}")
    return path


def _run(cmd: list[str], env: dict[str, str], timeout: float, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _tail(text: str, n: int = 1500) -> str:
    return text[-n:].strip()


def install_pypi(entry: dict[str, Any], artifact: Path, root: Path, cache: Path, timeout: float,
                 before: str | None = None, extra: tuple[str, ...] = ()) -> Installed:
    """Into ROOT/venv; with `before` (an ISO date), into ROOT/venv-dated with no dependency newer than it (uv);
    with `extra` requirements (say `mcp<2` for a server written for the 1.x SDK), into ROOT/venv-extra."""
    venv = root / ("venv-extra" if extra else "venv-dated" if before else "venv")
    # installs keep the user's HOME (package clients' own settings: mirror, CA file); the server never sees it
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "UV_CACHE_DIR": str(cache / "uv"),
           "PIP_CACHE_DIR": str(cache / "pip"), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "LANG": "C.UTF-8"}
    for k in ("SSL_CERT_FILE", "SSL_CERT_DIR", "PIP_CERT", "PIP_FIND_LINKS", "PIP_DEFAULT_TIMEOUT"):
        if k in os.environ:
            env[k] = os.environ[k]
    uv = shutil.which("uv")
    inst = Installed(root=root)
    if before and not uv:
        raise InstallError("installing the dependencies of the release date needs uv")
    if before:
        inst.notes.append(f"dependencies as of {before} (no newer release)")
    if not (venv / "bin" / "python").exists():
        if uv:
            done = _run([uv, "venv", "-q", "-p", sys.executable, str(venv)], env, 300)
        else:
            done = _run([sys.executable, "-m", "venv", str(venv)], env, 300)
        if done.returncode:
            raise InstallError("venv: " + _tail(done.stderr))
    py = str(venv / "bin" / "python")
    if uv:
        base = [uv, "pip", "install", "-q", "--python", py, *(["--exclude-newer", before] if before else [])]
    else:
        base = [py, "-m", "pip", "install", "-q"]
    if extra:
        inst.notes.append("installed with " + " ".join(extra))
    done = _run([*base, str(artifact), *extra], env, timeout)
    if done.returncode and re.search(r"[Pp]ython(?:_version)?\s*[><=!]|requires-python|Requires-Python", done.stderr):
        # pip can ignore the package's Requires-Python and still pick wheels for this interpreter (uv cannot)
        inst.notes.append("requires a newer Python than " + ".".join(map(str, sys.version_info[:2]))
                          + ": installed with pip --ignore-requires-python")
        if uv:
            _run([uv, "pip", "install", "-q", "--python", py, "pip"], env, timeout)
        done = _run([py, "-m", "pip", "install", "-q", "--ignore-requires-python", str(artifact), *extra], env, timeout)
    if done.returncode:
        raise InstallError("install: " + _tail(done.stderr or done.stdout))
    probe = ("import importlib.metadata as m, json, sys; d = m.distribution(sys.argv[1]); "
             "print(json.dumps({'scripts': [[e.name, e.value] for e in d.entry_points if e.group == 'console_scripts'], "
             "'top': (d.read_text('top_level.txt') or '').split(), 'files': [str(f) for f in (d.files or [])], "
             "'readme': d.metadata.get_payload() or '', 'root': str(d.locate_file(''))}))")
    done = _run([py, "-c", probe, entry["name"]], env, 120)
    if done.returncode:
        raise InstallError("metadata: " + _tail(done.stderr))
    meta = json.loads(done.stdout)
    site = Path(meta["root"])
    own = [site / f for f in meta["files"] if f.endswith(".py") and ".dist-info" not in f]
    inst.source_dir = site
    inst.env = guess_env(meta["readme"], [p for p in own if p.is_file()], PY_ENV_READ)
    scripts = meta["scripts"]
    if scripts:
        name = pick_script([s[0] for s in scripts], entry["name"])
        inst.command = [str(venv / "bin" / name)]
    else:
        tops = meta["top"] or sorted({Path(f).parts[0] for f in meta["files"] if f.endswith(".py")})
        if not tops:
            raise InstallError("no console script and no module to run")
        inst.command = [py, "-m", tops[0]]
        inst.notes.append(f"no console script: started as python -m {tops[0]}")
    return inst


def install_npm(entry: dict[str, Any], artifact: Path, root: Path, cache: Path, timeout: float,
                before: str | None = None) -> Installed:
    """Into ROOT/npm; with `before` (an ISO date), into ROOT/npm-dated with `npm install --before`."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "npm_config_cache": str(cache / "npm"),
           "npm_config_update_notifier": "false", "LANG": "C.UTF-8"}
    for k in ("NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE"):
        if k in os.environ:
            env[k] = os.environ[k]
    prefix = root / ("npm-dated" if before else "npm")
    prefix.mkdir(parents=True, exist_ok=True)
    pkg_dir = prefix / "node_modules" / entry["name"]
    if not (pkg_dir / "package.json").is_file():
        done = _run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev",
                     *(["--before", before] if before else []), "--prefix", str(prefix), str(artifact)], env, timeout)
        if done.returncode:
            raise InstallError("npm install: " + _tail(done.stderr or done.stdout))
    manifest = json.loads((pkg_dir / "package.json").read_text())
    inst = Installed(root=root, source_dir=pkg_dir)
    if before:
        inst.notes.append(f"dependencies as of {before} (npm install --before)")
    bins = manifest.get("bin")
    if isinstance(bins, str):
        target = bins
    elif isinstance(bins, dict) and bins:
        target = bins[pick_script(list(bins), entry["name"])]
    elif manifest.get("main"):
        target = manifest["main"]
        inst.notes.append("no bin: started as node <main>")
    else:
        raise InstallError("package.json has neither bin nor main")
    inst.command = ["node", str((pkg_dir / target).resolve())]
    readme = next((p.read_text(errors="replace") for p in pkg_dir.glob("[Rr][Ee][Aa][Dd][Mm][Ee]*") if p.is_file()), "")
    sources = [p for p in pkg_dir.rglob("*") if p.suffix in (".js", ".mjs", ".cjs") and "node_modules" not in p.parts
               and p.is_file() and p.stat().st_size < 5_000_000]
    inst.env = guess_env(readme, sources[:400], JS_ENV_READ)
    return inst


def pick_script(names: list[str], package: str) -> str:
    """The entry a user would run: the one named like the package, else one naming mcp/server, else the first."""
    norm = lambda s: re.sub(r"[-_.]+", "-", s.lower().split("/")[-1])
    for n in names:
        if norm(n) == norm(package):
            return n
    for n in names:
        if "mcp" in n.lower() or "server" in n.lower():
            return n
    return sorted(names)[0]


def guess_env(readme: str, sources: list[Path], reader: re.Pattern[str]) -> dict[str, str]:
    """Dummy values for the settings a server reads or documents: keys and tokens, URLs, hosts."""
    names: set[str] = set()
    for src in sources:
        try:
            text = src.read_text(errors="replace")
        except OSError:
            continue
        for m in reader.finditer(text):
            names.update(g for g in m.groups() if g)
    names.update(DOC_NAME.findall(readme))
    return {n: v for n in sorted(names) if (v := dummy_value(n)) is not None}


def dummy_value(name: str) -> str | None:
    if NEVER_SET.match(name) or name.startswith(("AWS_", "GOOGLE_APPLICATION", "NPM_", "PIP_", "UV_", "PYTHON")):
        return None
    if URLISH.search(name):
        return "http://127.0.0.1:9"
    if HOSTISH.search(name):
        return "127.0.0.1"
    if SECRETISH.search(name):
        return "oracle-dummy-value"
    return None
