"""High and critical findings on the real-world corpus, checked by hand (issue 12: "share of high+
findings checked true on a sample").

`corpus/oracle/judged.json` keeps one judgement per finding, keyed like the high+ findings that
`corpus/oracle/results.json` lists for every package: package spec, rule, tool and location
(`path:line`). A judgement says whether what the finding states is true of the package's code
(`verdict` "true" or "false"), why, with the file:line read, and on which commit it was judged.
`bench/oracle_compare.py` reads it and writes the tally into docs/accuracy.md: how many of the
current high+ findings were judged, the share true, the false ones still reported, and the
judgements that no longer match a finding (the false ones among them were fixed or moved).

    python bench/oracle_judged.py sample --n 40 --seed 7 > /tmp/sample.json   # unjudged, with source lines
    # fill in "verdict" ("true"/"false") and "why" for each entry, then:
    python bench/oracle_judged.py add /tmp/sample.json
    python bench/oracle_judged.py status                                     # tally against results.json

`sample` draws uniformly over the unjudged high+ findings (so the share estimates the share of all
high+ findings), at most `--per-package` from one package; it reads each package's source from
mcpvet's download cache (`--cache`, offline) to show the lines around each location.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "corpus" / "oracle" / "judged.json"
RESULTS = ROOT / "corpus" / "oracle" / "results.json"
VERDICTS = ("true", "false")

Key = tuple[str, str, str, str]


def key_of(spec: str, finding: dict[str, Any]) -> Key:
    """What identifies one reported finding across runs of the same pinned package."""
    return (spec, str(finding.get("rule") or ""), str(finding.get("tool") or ""), str(finding.get("at") or ""))


def current_findings(results: dict[str, Any]) -> dict[Key, dict[str, Any]]:
    """Every high+ finding of a results.json, by key (a repeated key is one finding to judge)."""
    out: dict[Key, dict[str, Any]] = {}
    for package in results.get("packages") or []:
        for f in package.get("high_findings") or []:
            out.setdefault(key_of(package["spec"], f), {**f, "spec": package["spec"]})
    return out


def load(path: Path = JUDGED) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    data = json.loads(path.read_text())
    entries = data.get("judgements") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected an object with a 'judgements' list")
    for i, e in enumerate(entries):
        problems = validate(e)
        if problems:
            raise SystemExit(f"{path}: judgement {i}: {'; '.join(problems)}")
    return entries


def validate(entry: dict[str, Any]) -> list[str]:
    problems = [f"missing {k!r}" for k in ("spec", "rule", "verdict", "why") if not entry.get(k)]  # no `at`: package-level
    if entry.get("verdict") and entry["verdict"] not in VERDICTS:
        problems.append(f"verdict must be one of {VERDICTS}, not {entry['verdict']!r}")
    return problems


def judgement_key(entry: dict[str, Any]) -> Key:
    return (entry["spec"], entry["rule"], entry.get("tool") or "", entry.get("at") or "")


def tally(results: dict[str, Any], judged: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The judged share of the current high+ findings and what the judgements say about them."""
    now = current_findings(results)
    by_key = {judgement_key(e): e for e in judged}
    matched = [by_key[k] for k in now if k in by_key]
    true = sum(e["verdict"] == "true" for e in matched)
    stale = [e for k, e in by_key.items() if k not in now]
    return {
        "high_plus": len(now),
        "judged": len(matched),
        "true": true,
        "false": len(matched) - true,
        "true_share": round(true / len(matched), 4) if matched else None,
        "false_still_reported": sorted((e for e in matched if e["verdict"] == "false"), key=judgement_key),
        "false_by_rule": dict(Counter(e["rule"] for e in matched if e["verdict"] == "false").most_common()),
        "stale": len(stale),
        "stale_false": sum(e["verdict"] == "false" for e in stale),
        "stale_true": sum(e["verdict"] == "true" for e in stale),
        "packages_judged": len({e["spec"] for e in matched}),
    }


def doc_lines(t: dict[str, Any]) -> list[str]:
    """The hand-checked share, for docs/accuracy.md."""
    if not t["judged"]:
        return ["No high+ finding of this run has been checked by hand yet (`bench/oracle_judged.py sample`)."]
    share = f"{t['true_share']:.2f}"
    lines = [
        f"Checked by hand (`corpus/oracle/judged.json`, drawn by `bench/oracle_judged.py sample`): "
        f"**{t['judged']} of the {t['high_plus']} high+ findings of this run, {t['true']} true ({share})**, "
        f"{t['false']} false, over {t['packages_judged']} packages. True means what the finding states is "
        "what the code at its file:line does; the why of each is in the file.",
    ]
    if t["false_still_reported"]:
        lines += ["", "False findings still reported:", "", "| package | rule | tool | at | why it is false |",
                  "|---|---|---|---|---|"]
        lines += [f"| {e['spec']} | {e['rule']} | {e.get('tool') or ''} | {e.get('at') or ''} | {_cell(e['why'])} |"
                  for e in t["false_still_reported"]]
    if t["stale"]:
        lines += ["", f"Judgements that no longer match a finding of this run: {t['stale']} "
                      f"({t['stale_false']} judged false, {t['stale_true']} judged true): fixed, or reported "
                      "at another place."]
    return lines


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")[:240]


def add(judged: list[dict[str, Any]], new: Iterable[dict[str, Any]], commit: str) -> tuple[list[dict[str, Any]], int, int]:
    """JUDGED with the filled-in entries of NEW (a later judgement of the same finding replaces the
    earlier); entries with no verdict are skipped. (merged, added, skipped)."""
    by_key = {judgement_key(e): e for e in judged}
    added = skipped = 0
    for e in new:
        if not e.get("verdict"):
            skipped += 1
            continue
        problems = validate(e)
        if problems:
            raise SystemExit(f"{e.get('spec')} {e.get('rule')} {e.get('at')}: {'; '.join(problems)}")
        kept = {k: e[k] for k in ("spec", "rule", "tool", "at", "severity", "verdict", "why") if e.get(k)}
        kept["judged_on"] = e.get("judged_on") or commit
        by_key[judgement_key(kept)] = kept
        added += 1
    return sorted(by_key.values(), key=judgement_key), added, skipped


def save(entries: list[dict[str, Any]], path: Path = JUDGED) -> None:
    about = ("High and critical findings of corpus/oracle/results.json checked by hand against the package's "
             "code (bench/oracle_judged.py); verdict 'true' when what the finding states is what the code at "
             "'at' does.")
    path.write_text(json.dumps({"about": about, "judgements": entries}, indent=1, ensure_ascii=False) + "\n")


def draw(results: dict[str, Any], judged: Sequence[dict[str, Any]], n: int, seed: int,
         per_package: int) -> list[dict[str, Any]]:
    """N unjudged high+ findings drawn uniformly (seeded), at most PER_PACKAGE from one package."""
    done = {judgement_key(e) for e in judged}
    pool = [f for k, f in sorted(current_findings(results).items()) if k not in done]
    random.Random(seed).shuffle(pool)
    picked: list[dict[str, Any]] = []
    per: Counter[str] = Counter()
    for f in pool:
        if len(picked) == n:
            break
        if per[f["spec"]] < per_package:
            per[f["spec"]] += 1
            picked.append(f)
    return picked


def source_lines(spec: str, at: str, cache: Path, trees: dict[str, Path | None], scratch: Path,
                 around: int = 4) -> list[str]:
    """The lines around AT in the package as mcpvet unpacked it (from the download cache, offline)."""
    if spec not in trees:
        trees[spec] = _unpack(spec, cache, scratch / str(len(trees)))
    root = trees[spec]
    path, _, line = at.rpartition(":")
    if root is None or not line.isdigit():
        return []
    file = root / path
    if not file.is_file():
        return []
    # lines as mcpvet numbers them (tree-sitter rows, Python's tokenizer): split at "\n" only, not at the
    # other breaks str.splitlines() knows (U+0085 NEL, U+2028, form feed), which bundles hold in strings
    text = [line.rstrip("\r") for line in file.read_text(errors="replace").split("\n")]
    n = int(line)
    return [f"{i + 1:>6}{'>' if i + 1 == n else ' '} {text[i][:200]}"
            for i in range(max(0, n - 1 - around), min(len(text), n + around))]


def _unpack(spec: str, cache: Path, dest: Path) -> Path | None:
    from mcpvet.fetch import fetch_target
    from mcpvet.options import InspectOptions
    from mcpvet.unpack import unpack

    options = InspectOptions(cache_dir=cache, offline=True)
    dest.mkdir(parents=True)
    try:
        fetched = fetch_target(spec, options, dest)
    except Exception as exc:  # a package missing from the cache only loses its context lines
        print(f"{spec}: not in the download cache ({exc})", file=sys.stderr)
        return None
    if fetched.archive is None:
        return fetched.directory
    layout = "npm" if spec.startswith("npm:") else None
    return unpack(fetched.archive, dest / "unpacked", options.unpack, layout=layout).root


def _commit() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", type=Path, default=RESULTS)
    ap.add_argument("--judged", type=Path, default=JUDGED)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="unjudged high+ findings to judge, as a JSON template on stdout")
    s.add_argument("--n", type=int, default=40)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--per-package", type=int, default=3)
    s.add_argument("--cache", type=Path, default=Path("oracle-work/mcpvet-cache"),
                   help="mcpvet download cache holding the pinned packages: WORK/mcpvet-cache of the compare run")
    a = sub.add_parser("add", help="merge a filled-in sample into the judgements")
    a.add_argument("file", type=Path)
    sub.add_parser("status", help="the tally against the results file")
    args = ap.parse_args(argv)
    results = json.loads(args.results.read_text())
    judged = load(args.judged)
    if args.command == "sample":
        picked = draw(results, judged, args.n, args.seed, args.per_package)
        trees: dict[str, Path | None] = {}
        with tempfile.TemporaryDirectory() as tmp:
            out = [{"spec": f["spec"], "rule": f["rule"], "tool": f.get("tool"), "at": f.get("at"),
                    "severity": f.get("severity"), "title": f.get("title"), "message": f.get("message"),
                    "code": source_lines(f["spec"], f.get("at") or "", args.cache, trees, Path(tmp)),
                    "verdict": None, "why": None} for f in picked]
        json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    if args.command == "add":
        merged, added, skipped = add(judged, json.loads(args.file.read_text()), _commit())
        save(merged, args.judged)
        print(f"{added} judgements added or replaced, {skipped} without a verdict skipped; {len(merged)} in all")
        return 0
    t = tally(results, judged)
    print("\n".join(doc_lines(t)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
