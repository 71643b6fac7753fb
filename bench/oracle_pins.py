"""(Re)build corpus/realworld.json: each candidate server pinned by exact version, artifact and sha256.

Online (PyPI JSON API and the npm registry). Reads corpus/realworld-candidates.txt: `pypi:NAME`,
`pypi:NAME==VER`, `npm:NAME` or `npm:NAME@VER`, one a line, `#` starts a comment. A line without a
version is pinned to the registry's current version; pins already in the output file are kept unless
`--refresh` is given, so rebuilding is stable.

PyPI: the artifact is the one pip would install on CPython 3.11 / Linux x86_64 (a pure wheel, else a
matching binary wheel, else the sdist); its sha256 is the registry's digest. npm: the tarball is
downloaded, checked against the registry's sha512 integrity and its sha256 computed here.

    python bench/oracle_pins.py                 # add missing pins, keep the others
    python bench/oracle_pins.py --refresh       # re-resolve every unversioned candidate
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = ROOT / "corpus" / "realworld-candidates.txt"
PINS = ROOT / "corpus" / "realworld.json"
PYPI = "https://pypi.org/pypi"
NPM = "https://registry.npmjs.org"
WHEEL_TAGS = re.compile(r"-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")


def parse_candidates(text: str) -> list[dict[str, str]]:
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        eco, _, rest = line.partition(":")
        if eco == "pypi":
            name, _, version = rest.partition("==")
        elif eco == "npm":
            at = rest.rfind("@")
            name, version = (rest[:at], rest[at + 1:]) if at > 0 else (rest, "")
        else:
            raise ValueError(f"unknown ecosystem in {raw!r}")
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        out.append({"ecosystem": eco, "name": name.strip(), "version": version.strip(), "note": comment})
    return out


def _get(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"}),
                                timeout=timeout) as resp:
        return resp.read()


def wheel_rank(filename: str) -> int | None:
    """Lower is preferred; None when pip on CPython 3.11 / manylinux x86_64 would not take it."""
    m = WHEEL_TAGS.search(filename)
    if not m:
        return None
    py, abi, plat = m["py"].split("."), m["abi"].split("."), m["plat"].split(".")
    if "any" in plat:
        return 0 if any(p.startswith("py3") or p == "py2.py3" or p.startswith("cp311") for p in py) else None
    linux = any(("manylinux" in p or p == "linux_x86_64") and p.endswith("x86_64") for p in plat)
    cpy = any(p in ("cp311", "py3") for p in py) and any(a in ("cp311", "abi3", "none") for a in abi)
    abi3 = any(a == "abi3" for a in abi) and any(p.startswith("cp3") and int(p[3:] or 0) <= 11 for p in py)
    return 1 if linux and (cpy or abi3) else None


def pin_pypi(name: str, version: str) -> dict[str, Any]:
    url = f"{PYPI}/{urllib.parse.quote(name)}/json"
    data = json.loads(_get(url))  # per-version JSON is not always served
    version = version or data["info"]["version"]
    files = [f for f in data["releases"][version] if not f.get("yanked")]
    wheels = sorted(((wheel_rank(f["filename"]), f) for f in files if f["packagetype"] == "bdist_wheel"),
                    key=lambda t: (t[0] is None, t[0] or 0))
    chosen = next((f for rank, f in wheels if rank is not None), None)
    chosen = chosen or next((f for f in files if f["packagetype"] == "sdist"), None)
    if chosen is None:
        raise RuntimeError("no installable artifact")
    return {"ecosystem": "pypi", "name": data["info"]["name"], "version": version,
            "artifact": chosen["filename"], "url": urllib.parse.urljoin(url, chosen["url"]),
            "sha256": chosen["digests"]["sha256"], "uploaded": chosen.get("upload_time_iso_8601") or chosen.get("upload_time"),
            "summary": (data["info"].get("summary") or "")[:200]}


def pin_npm(name: str, version: str) -> dict[str, Any]:
    doc = json.loads(_get(f"{NPM}/{name.replace('/', '%2F')}"))
    version = version or doc["dist-tags"]["latest"]
    meta = doc["versions"][version]
    blob = _get(meta["dist"]["tarball"], timeout=300)
    integrity = meta["dist"].get("integrity", "")
    if integrity.startswith("sha512-"):
        if base64.b64decode(integrity[7:]) != hashlib.sha512(blob).digest():
            raise RuntimeError("tarball does not match the registry's sha512 integrity")
    elif hashlib.sha1(blob).hexdigest() != meta["dist"].get("shasum"):
        raise RuntimeError("tarball does not match the registry's sha1 shasum")
    return {"ecosystem": "npm", "name": name, "version": version,
            "artifact": meta["dist"]["tarball"].rsplit("/", 1)[-1], "url": meta["dist"]["tarball"],
            "sha256": hashlib.sha256(blob).hexdigest(), "integrity": integrity, "uploaded": doc.get("time", {}).get(version),
            "summary": (meta.get("description") or "")[:200]}


def pin(cand: dict[str, str]) -> dict[str, Any]:
    try:
        fn = pin_pypi if cand["ecosystem"] == "pypi" else pin_npm
        entry = fn(cand["name"], cand["version"])
    except Exception as exc:  # reported per candidate
        return {**cand, "error": f"{type(exc).__name__}: {exc}"}
    if cand["note"]:
        entry["note"] = cand["note"]
    return entry


def key(entry: dict[str, Any]) -> str:
    return f"{entry['ecosystem']}:{entry['name'].lower()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--candidates", type=Path, default=CANDIDATES)
    ap.add_argument("--output", type=Path, default=PINS)
    ap.add_argument("--refresh", action="store_true", help="re-resolve unversioned candidates")
    ap.add_argument("--jobs", type=int, default=6)
    args = ap.parse_args(argv)
    cands = parse_candidates(args.candidates.read_text())
    old = {}
    if args.output.is_file() and not args.refresh:
        old = {key(e): e for e in json.loads(args.output.read_text())["servers"]}
    todo = []
    for c in cands:
        prev = old.get(f"{c['ecosystem']}:{c['name'].lower()}")
        if prev and (not c["version"] or c["version"] == prev["version"]):
            continue
        todo.append(c)
    with ThreadPoolExecutor(args.jobs) as pool:
        fresh = {f"{c['ecosystem']}:{c['name'].lower()}": e for c, e in zip(todo, pool.map(pin, todo), strict=True)}
    servers, failed = [], []
    for c in cands:
        k = f"{c['ecosystem']}:{c['name'].lower()}"
        e = fresh.get(k) or old[k]
        (failed if "error" in e else servers).append(e)
    for e in failed:
        print(f"not pinned: {e['ecosystem']}:{e['name']}: {e['error']}", file=sys.stderr)
    doc = {"about": "Real MCP servers pinned for the runtime oracle (issue 11). Built by bench/oracle_pins.py "
                    "from corpus/realworld-candidates.txt; the expected answers are in corpus/oracle/.",
           "counts": {eco: sum(e["ecosystem"] == eco for e in servers) for eco in ("pypi", "npm")},
           "servers": servers}
    args.output.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(servers)} pinned ({doc['counts']}), {len(failed)} failed -> {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
