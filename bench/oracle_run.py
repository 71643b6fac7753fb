"""Runtime oracle: install each pinned real MCP server, start it without network, record its live tools.

Online for installs (PyPI, npm); not part of the test suite. For each server of corpus/realworld.json:
download the pinned artifact and check its sha256, install it into a throwaway environment (a venv per
PyPI server with its real dependencies, installed by uv when it is on PATH, else pip; an npm prefix per
npm server with --ignore-scripts), give it a fresh temporary HOME, dummy values for the settings it reads
or documents (keys, tokens, URLs pointing at 127.0.0.1:9) and the per-server arguments of
corpus/oracle/launch.json, start it under `unshare -n` (no network) over stdio with the official MCP
Python client SDK, send initialize, notifications/initialized and tools/list (following nextCursor) and
nothing else: never a tool call. No credentials are passed: the server's environment is built from
scratch. The answer (names, descriptions, input schemas, or why it could not start) is written to
corpus/oracle/servers/ECOSYSTEM/NAME@VERSION.json, committed so the accuracy table can be regenerated
without reinstalling (bench/oracle_compare.py).

    nice python bench/oracle_run.py --jobs 3                 # every server without a recorded answer
    nice python bench/oracle_run.py --only mcp-obsidian --force
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle_install import Installed, InstallError, fetch_artifact, install_npm, install_pypi, slug
from oracle_probe import probe

ROOT = Path(__file__).resolve().parents[1]
PINS = ROOT / "corpus" / "realworld.json"
LAUNCH = ROOT / "corpus" / "oracle" / "launch.json"
ANSWERS = ROOT / "corpus" / "oracle" / "servers"
# what today's dependencies breaking an older release looks like (not a missing setting or argument)
DRIFT = re.compile(r"ImportError|ModuleNotFoundError|cannot import name|AttributeError: module|has no attribute|"
                   r"Cannot find module|ERR_MODULE_NOT_FOUND|ERR_REQUIRE_ESM|ERR_PACKAGE_PATH_NOT_EXPORTED|"
                   r"is not a function|is not a constructor|SyntaxError|No solution found|ResolutionImpossible|"
                   r"requires-python|Requires-Python")
BASE_ENV = {"LANG": "C.UTF-8", "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1", "CI": "1", "DO_NOT_TRACK": "1"}


def answer_path(entry: dict[str, Any]) -> Path:
    return ANSWERS / entry["ecosystem"] / f"{slug(entry)}.json"


def spec(entry: dict[str, Any]) -> str:
    sep = "==" if entry["ecosystem"] == "pypi" else "@"
    return f"{entry['ecosystem']}:{entry['name']}{sep}{entry['version']}"


def fill(value: str, places: dict[str, str]) -> str:
    for k, v in places.items():
        value = value.replace("{" + k + "}", v)
    return value


def release_day_after(entry: dict[str, Any]) -> str | None:
    """The day after the pinned artifact was published (dependencies as its author could have had them)."""
    if not entry.get("uploaded"):
        return None
    day = dt.datetime.fromisoformat(entry["uploaded"].replace("Z", "+00:00")) + dt.timedelta(days=1)
    return day.strftime("%Y-%m-%dT00:00:00Z")


def run_one(entry: dict[str, Any], launch: dict[str, Any], work: Path, cache: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Install and ask; when the server does not start with today's dependencies, once more with those of its release."""
    record: dict[str, Any] = {"spec": spec(entry), "ecosystem": entry["ecosystem"], "name": entry["name"],
                              "version": entry["version"], "artifact": entry["artifact"], "sha256": entry["sha256"],
                              "started": False, "stage": None, "error": None, "tools": []}
    over = launch.get(f"{entry['ecosystem']}:{entry['name']}", {})
    tries = [attempt(entry, over, work, cache, args, None)]
    dated = release_day_after(entry)
    if not tries[-1]["started"] and dated and DRIFT.search(f"{tries[-1].get('error')}\n{tries[-1].get('stderr_tail')}"):
        tries.append(attempt(entry, over, work, cache, args, dated))
    if not tries[-1]["started"] and entry["ecosystem"] == "pypi" and any(
            "This is mcp 2.x" in str(t.get("stderr_tail")) for t in tries):
        # written for the 1.x SDK without an upper bound: what its author ran
        tries.append(attempt(entry, over, work, cache, args, None, ("mcp<2",)))
    last = tries[-1]
    labels = ["with today's dependencies", "with those of the release day"]
    last["notes"] = [f"{labels[i] if i < len(labels) else f'attempt {i + 1}'}: {t['stage']} failed: {str(t['error'])[:200]}; "
                     f"{str(t.get('stderr_tail', ''))[-200:].strip()}" for i, t in enumerate(tries[:-1])] + last.get("notes", [])
    record.update(last)
    return record


def attempt(entry: dict[str, Any], over: dict[str, Any], work: Path, cache: Path, args: argparse.Namespace,
            before: str | None, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    root = work / entry["ecosystem"] / slug(entry)
    root.mkdir(parents=True, exist_ok=True)
    try:
        artifact = fetch_artifact(entry, cache / "artifacts")
        if entry["ecosystem"] == "pypi":
            inst: Installed = install_pypi(entry, artifact, root, cache, args.install_timeout, before, extra)
        else:
            inst = install_npm(entry, artifact, root, cache, args.install_timeout, before)
    except (InstallError, OSError, TimeoutError) as exc:
        return {"started": False, "stage": "install", "error": str(exc)[:1500]}
    except Exception as exc:
        return {"started": False, "stage": "install", "error": f"{type(exc).__name__}: {exc}"[:1500]}
    home, data = root / "home", root / "data"
    shutil.rmtree(home, ignore_errors=True)
    for d in (home, data, root / "tmp"):
        d.mkdir(parents=True, exist_ok=True)
    places = {"home": str(home), "data": str(data)}
    command = list(inst.command)
    if over.get("command"):
        first = over["command"]
        command = [str(Path(command[0]).parent / first)] if entry["ecosystem"] == "pypi" else [
            "node", str((inst.source_dir or root) / first)]
    command += [fill(a, places) for a in over.get("args", [])]
    env = {"PATH": f"{Path(command[0]).parent if '/' in command[0] else '/usr/bin'}:/usr/local/bin:/usr/bin:/bin",
           "HOME": str(home),
           "TMPDIR": str(root / "tmp"), **BASE_ENV}
    env.update({k: v for k, v in inst.env.items() if k not in over.get("unset_env", [])})
    env.update({k: fill(v, places) for k, v in over.get("env", {}).items()})
    found = probe(command, env, data, root / "stderr.txt", args.start_timeout, unshare=not args.no_unshare)
    rec = {"started": found["ok"], "stage": None if found["ok"] else "start", "error": found.get("error"),
           "protocolVersion": found.get("protocolVersion"), "serverInfo": found.get("serverInfo"),
           "capabilities": found.get("capabilities"), "tools": found.get("tools", []),
           "command": [Path(command[0]).name, *[a.replace(str(root), "$ROOT") for a in command[1:]]],
           "env_set": sorted(k for k in env if k not in ("PATH", "HOME", "TMPDIR")),
           "notes": inst.notes + ([over["note"]] if over.get("note") else []),
           "stdout_noise_lines": found.get("stdout_noise_lines", 0), "shutdown_error": found.get("shutdown_error"),
           "seconds": found["seconds"], "stderr_tail": found["stderr_tail"].replace(str(root), "$ROOT")}
    if rec["started"]:
        rec.pop("stderr_tail")
    return rec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pins", type=Path, default=PINS)
    ap.add_argument("--only", nargs="*", default=[], help="names (exact) to run")
    ap.add_argument("--ecosystem", choices=["pypi", "npm"])
    ap.add_argument("--force", action="store_true", help="run again even when an answer is recorded")
    ap.add_argument("--retry-failed", action="store_true", help="run again the servers recorded as not started")
    ap.add_argument("--retry-matching", default="", help="with --retry-failed: only those whose error or stderr matches")
    ap.add_argument("--jobs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("MCPVET_ORACLE_WORK",
                                                                     Path(tempfile.gettempdir()) / "mcpvet-oracle")))
    ap.add_argument("--cache", type=Path, default=None, help="download and package caches (default WORK/cache)")
    ap.add_argument("--start-timeout", type=float, default=90)
    ap.add_argument("--install-timeout", type=float, default=900)
    ap.add_argument("--no-unshare", action="store_true", help="start servers with the network (not for recorded answers)")
    args = ap.parse_args(argv)
    cache = args.cache or args.work / "cache"
    servers = json.loads(args.pins.read_text())["servers"]
    launch = json.loads(LAUNCH.read_text()) if LAUNCH.is_file() else {}
    todo = []
    for e in servers:
        if args.only and e["name"] not in args.only:
            continue
        if args.ecosystem and e["ecosystem"] != args.ecosystem:
            continue
        path = answer_path(e)
        old = json.loads(path.read_text()) if path.is_file() else {}
        rerun = args.force or (args.retry_failed and bool(old) and not old["started"] and re.search(
            args.retry_matching, f"{old.get('error')}\n{old.get('stderr_tail')}") is not None)
        if path.is_file() and not rerun:
            continue
        todo.append(e)
    client = f"mcp (Python SDK) {dist_version('mcp')}"
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    started_at = time.time()
    print(f"{len(todo)} servers to run, {args.jobs} at a time, work in {args.work}", flush=True)

    def one(e: dict[str, Any]) -> dict[str, Any] | None:
        # several runners may share WORK (say one per ecosystem): a server is run by whoever locks it first
        lock_path = args.work / "locks" / e["ecosystem"] / f"{slug(e)}.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None
            path = answer_path(e)
            if path.is_file() and path.stat().st_mtime > started_at:  # another runner answered it meanwhile
                return None
            rec = run_one(e, launch, args.work, cache, args)
        rec["client"] = client
        rec["captured"] = today
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rec, indent=1, ensure_ascii=False) + "\n")
        status = f"{len(rec['tools'])} tools" if rec["started"] else f"{rec['stage']} failed: {(rec['error'] or '')[:150]}"
        print(f"{spec(e)}: {status}", flush=True)
        return rec

    with ThreadPoolExecutor(args.jobs) as pool:
        done = [r for r in pool.map(one, todo) if r is not None]
    ok = sum(r["started"] for r in done)
    print(f"{ok}/{len(done)} started")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
