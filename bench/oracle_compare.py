"""Compare `mcpvet inspect` with the runtime oracle and write docs/accuracy.md and corpus/oracle/results.json.

Online (mcpvet fetches each pinned package from PyPI or npm, through its download cache); reads the
recorded live answers of corpus/oracle/servers (made by bench/oracle_run.py), so nothing is installed or
started here. Per package and overall: tools recall and precision by name, descriptions equal to the
live ones (surrounding whitespace stripped; also after collapsing every whitespace run), input schemas
agreeing on property names and on required names, and the servers that could not start and why. Also
the precision figures of issue 12: grades below B and high+ findings by rule over the whole corpus.

    python bench/oracle_compare.py --jobs 2            # writes docs/accuracy.md, corpus/oracle/results.json
    python bench/oracle_compare.py --reuse             # keep mcpvet answers already made by this commit
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oracle_judged
from oracle_run import ANSWERS, PINS, answer_path, spec

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "accuracy.md"
RESULTS = ROOT / "corpus" / "oracle" / "results.json"
GRADES_BELOW_B = {"C", "D", "E", "F"}
HIGH_PLUS = {"high", "critical"}
COMMAND = "python bench/oracle_compare.py --jobs 2"


def commit(what: str = "HEAD") -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", what], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def snapshot(ref: str, work: Path) -> tuple[str, Path]:
    """The analyzer and its semgrep rules as committed at REF, copied out of git (not the working tree, which a
    rebase may change under a long run); labelled by the two trees' hashes."""
    label = f"{commit(ref + ':analyzer')}-{commit(ref + ':semgrep-rules')}"
    dest = work / "analyzers" / label
    if not (dest / "analyzer").is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "analyzer", "semgrep-rules"],
                                 capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return label, dest


def inspect(entry: dict[str, Any], out: Path, cache: Path, timeout: float, source: Path) -> dict[str, Any]:
    """Run mcpvet inspect on the pinned package; the scorecard, or an `inspect_error`."""
    if out.is_file():
        return dict(json.loads(out.read_text()))
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MCPVET_CACHE_DIR": str(cache), "MCPVET_PROGRESS": "0",
           "PYTHONPATH": str(source / "analyzer")}
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "mcpvet", "inspect", spec(entry),
                               "--format", "json", "--fail-on", "none"],
                              capture_output=True, text=True, env=env, timeout=timeout)
        card = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {
            "inspect_error": f"exit {done.returncode}: {done.stderr.strip()[-600:]}"}
    except subprocess.TimeoutExpired:
        card = {"inspect_error": f"mcpvet inspect ran past {timeout:.0f} s"}
    card["inspect_seconds"] = round(time.monotonic() - start, 1)
    out.write_text(json.dumps(card))
    return card


def norm_ws(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def schema_keys(schema: Any) -> tuple[frozenset[str], frozenset[str]]:
    if not isinstance(schema, dict):
        return frozenset(), frozenset()
    props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    req = schema.get("required") if isinstance(schema.get("required"), list) else []
    return frozenset(props), frozenset(str(r) for r in req)


def compare(oracle: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    live = {t["name"]: t for t in oracle["tools"]}
    found: dict[str, Any] = {}
    for t in card.get("tools") or []:
        found.setdefault(t.get("name"), t)
    both = sorted(set(live) & set(found))
    exact, ws, props, req, mismatches = 0, 0, 0, 0, []
    for name in both:
        a, b = (live[name].get("description") or "").strip(), (found[name].get("description") or "").strip()
        exact += a == b
        ws += norm_ws(a) == norm_ws(b)
        if a != b:
            mismatches.append({"tool": name, "live": a[:400], "mcpvet": b[:400],
                               "source": found[name].get("description_source"), "at": found[name].get("declared_at")})
        lp, lr = schema_keys(live[name].get("inputSchema"))
        mp, mr = schema_keys(found[name].get("input_schema"))
        props += lp == mp
        req += lr == mr
    return {"live": len(live), "found": len(found), "matched": len(both),
            "missed": sorted(set(live) - set(found)), "extra": sorted(set(found) - set(live)),
            "desc_exact": exact, "desc_ws": ws, "schema_props": props, "schema_required": req,
            "schema_both": sum(schema_keys(live[n].get("inputSchema")) == schema_keys(found[n].get("input_schema"))
                               for n in both),
            "desc_mismatches": mismatches}


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def high_findings(card: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for f in card.get("findings") or []:
        if f.get("severity") in HIGH_PLUS:
            loc = f.get("location") or {}
            out.append({"id": f.get("id"), "rule": f.get("rule"), "severity": f.get("severity"), "tool": f.get("tool"),
                        "title": f.get("title"), "message": (f.get("message") or "")[:300],
                        "at": f"{loc.get('path')}:{loc.get('line')}" if loc.get("path") else None})
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    started = [r for r in rows if r["started"] and r.get("cmp")]
    tot = Counter()
    for r in started:
        c = r["cmp"]
        for k in ("live", "found", "matched", "desc_exact", "desc_ws", "schema_props", "schema_required", "schema_both"):
            tot[k] += c[k]
    per_recall = [r["cmp"]["matched"] / r["cmp"]["live"] for r in started if r["cmp"]["live"]]
    rated = [r for r in rows if r.get("grade")]
    highs = Counter(f["rule"] for r in rows for f in r.get("high_findings", []))
    sev = Counter(f["severity"] for r in rows for f in r.get("high_findings", []))
    return {
        "servers": len(rows), "pypi": sum(r["ecosystem"] == "pypi" for r in rows),
        "npm": sum(r["ecosystem"] == "npm" for r in rows),
        "started": len(started), "started_with_tools": sum(r["cmp"]["live"] > 0 for r in started),
        "oracle_started": sum(bool(r["started"]) for r in rows),
        "not_started": len(rows) - len(started),
        "live_tools": tot["live"], "found_tools": tot["found"], "matched_tools": tot["matched"],
        "tools_recall": ratio(tot["matched"], tot["live"]), "tools_precision": ratio(tot["matched"], tot["found"]),
        "tools_recall_mean_per_server": round(sum(per_recall) / len(per_recall), 4) if per_recall else None,
        "servers_all_tools_found": sum(r["cmp"]["matched"] == r["cmp"]["live"] for r in started if r["cmp"]["live"]),
        "desc_exact_of_matched": ratio(tot["desc_exact"], tot["matched"]),
        "desc_ws_of_matched": ratio(tot["desc_ws"], tot["matched"]),
        "desc_exact_of_live": ratio(tot["desc_exact"], tot["live"]),
        "schema_props_of_matched": ratio(tot["schema_props"], tot["matched"]),
        "schema_required_of_matched": ratio(tot["schema_required"], tot["matched"]),
        "schema_both_of_matched": ratio(tot["schema_both"], tot["matched"]),
        "rated": len(rated), "not_rated": len(rows) - len(rated),
        "grades": dict(sorted(Counter(r.get("grade") or "not rated" for r in rows).items())),
        "below_b": sum(r["grade"] in GRADES_BELOW_B for r in rated),
        "below_b_share_of_rated": ratio(sum(r["grade"] in GRADES_BELOW_B for r in rated), len(rated)),
        "high_plus_findings": sum(highs.values()), "high_plus_by_severity": dict(sev),
        "high_plus_by_rule": dict(highs.most_common()),
        "inspect_failed": sum(bool(r.get("inspect_error")) and not r["inspect_error"].startswith("not measured") for r in rows),
        "not_measured": sum(str(r.get("inspect_error")).startswith("not measured") for r in rows),
        "artifact_differs_from_pin": sorted(r["spec"] for r in rows if r.get("artifact_matches_pin") is False),
        "budget_cut_servers": sum(bool(r.get("budget_cut")) for r in rows),
        "budget_cut_started_servers": sum(bool(r.get("budget_cut")) for r in started),
        "tools_recall_without_budget_cuts": ratio(sum(r["cmp"]["matched"] for r in started if not r.get("budget_cut")),
                                                  sum(r["cmp"]["live"] for r in started if not r.get("budget_cut"))),
    }


def why(oracle: dict[str, Any]) -> str:
    """The recorded error with the server's last telling line of output (a usage line, an exception)."""
    lines = [x.removeprefix("[stdout] ").strip() for x in str(oracle.get("stderr_tail") or "").splitlines()]
    told = [x for x in lines if x and not x.startswith(("at ", "File ", "^", "~", "+-", "|", "}", "{", "]", "["))
            and not x.startswith("Node.js v") and len(x) > 8]
    last = told[-1] if told else ""
    return f"{oracle['stage']}: {oracle['error']}" + (f" — {last}" if last else "")


def row_for(entry: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    oracle = json.loads(answer_path(entry).read_text()) if answer_path(entry).is_file() else None
    score = card.get("score") or {}
    target = card.get("target") or {}
    row: dict[str, Any] = {
        "spec": spec(entry), "ecosystem": entry["ecosystem"], "name": entry["name"], "version": entry["version"],
        "started": bool(oracle and oracle["started"]), "oracle_recorded": oracle is not None,
        "why_not_started": None if not oracle or oracle["started"] else why(oracle),
        "grade": score.get("grade"), "score": score.get("value"), "inspect_error": card.get("inspect_error"),
        "inspect_seconds": card.get("inspect_seconds"),
        "artifact_matches_pin": target.get("sha256") == entry["sha256"] if target.get("sha256") else None,
        "mcpvet_errors": [e.get("message", "")[:300] for e in card.get("errors") or []
                          if e.get("stage") in ("python", "javascript", "parse", "frontend", "budget", "overload")],
        "high_findings": high_findings(card),
        # a frontend budget reached: its tools may be missing (before 93b616f the budget was wall-clock time)
        "budget_cut": [e.get("message", "")[:200] for e in card.get("errors") or [] if e.get("stage") == "budget"],
        # the wall-clock backstop of a CPU-time limit: the machine was overloaded (never a coverage budget)
        "overload": [e.get("message", "")[:200] for e in card.get("errors") or [] if e.get("stage") == "overload"],
    }
    if row["started"] and oracle is not None and not card.get("inspect_error"):
        row["cmp"] = compare(oracle, card)
    return row


def table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| package | live | found | recall | precision | desc exact | desc ws | schema | grade | budget cut | "
             "tree | missed (first 3) |", "|---|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|---|"]
    for r in sorted((r for r in rows if r.get("cmp")), key=lambda r: (r["ecosystem"], r["name"].lower())):
        c = r["cmp"]
        miss = ", ".join(f"`{m}`" for m in c["missed"][:3]) + (f" +{len(c['missed']) - 3}" if len(c["missed"]) > 3 else "")
        lines.append(f"| {r['spec']} | {c['live']} | {c['found']} | {fmt(ratio(c['matched'], c['live']))} | "
                     f"{fmt(ratio(c['matched'], c['found']))} | {fmt(ratio(c['desc_exact'], c['matched']))} | "
                     f"{fmt(ratio(c['desc_ws'], c['matched']))} | {fmt(ratio(c['schema_both'], c['matched']))} | "
                     f"{r['grade'] or 'not rated'} | {'yes' if r.get('budget_cut') else ''} | "
                     f"{r.get('analyzer_tree', '')} | {miss} |")
    return lines


def write_doc(rows: list[dict[str, Any]], summary: dict[str, Any], head: str, tree: str) -> str:
    s = summary
    trees = Counter(r.get("analyzer_tree") or "none" for r in rows)
    older = {t: n for t, n in trees.items() if t != tree}
    out = [
        "# Accuracy against a runtime oracle",
        "",
        f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC on commit `{head}` over the "
        f"{s['servers']} pinned real MCP servers of `corpus/realworld.json` ({s['pypi']} PyPI, {s['npm']} npm); "
        f"mcpvet's analyzer tree `{tree}` answered for {trees.get(tree, 0)} packages"
        + (f", older trees for the rest ({', '.join(f'`{t}`: {n}' for t, n in older.items())}; column *tree*)"
           if older else "") + ".",
        "The truth is what each server itself answers: `bench/oracle_run.py` installed each pinned artifact "
        "into a throwaway environment, started it under `unshare -n` (no network) with a temporary HOME and "
        "dummy settings, and asked it over stdio with the MCP Python SDK for `initialize` and `tools/list` "
        "only (never a tool call); the answers are committed in `corpus/oracle/servers/`. Regenerate this page "
        "(mcpvet fetches the pinned packages; nothing is installed or started):",
        "",
        "```",
        COMMAND,
        "```",
        "",
        "This page: `" + " ".join(["python", "bench/oracle_compare.py", *sys.argv[1:]]) + "` "
        "(`--no-run --fallback` builds it from mcpvet answers already recorded in the work folder). "
        "The live answers are remade with `python bench/oracle_run.py` (installs and starts every server; "
        "about an hour on an idle 2-core machine).",
        "",
        "## Overall (servers that started)",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| servers started / pinned | {s['oracle_started']} / {s['servers']}; measured here: {s['started']} "
        f"({s['started_with_tools']} list at least one tool) |",
        f"| live tools | {s['live_tools']} |",
        f"| **tools recall** (live tools mcpvet names) | **{fmt(s['tools_recall'])}** |",
        f"| tools recall, mean per server | {fmt(s['tools_recall_mean_per_server'])} |",
        f"| servers with every tool found | {s['servers_all_tools_found']} of {s['started_with_tools']} |",
        f"| tools precision (mcpvet's tools that are live) | {fmt(s['tools_precision'])} |",
        f"| **exact descriptions** (of tools found; surrounding whitespace stripped) | **{fmt(s['desc_exact_of_matched'])}** |",
        f"| descriptions equal after collapsing whitespace (of tools found) | {fmt(s['desc_ws_of_matched'])} |",
        f"| exact descriptions of all live tools (a missed tool counts as wrong) | {fmt(s['desc_exact_of_live'])} |",
        f"| input schema: same property names (of tools found) | {fmt(s['schema_props_of_matched'])} |",
        f"| input schema: same required names (of tools found) | {fmt(s['schema_required_of_matched'])} |",
        f"| input schema: both agree (of tools found) | {fmt(s['schema_both_of_matched'])} |",
        f"| servers where a frontend budget was reached (see below) | {s['budget_cut_started_servers']} |",
        f"| tools recall over the servers with no budget reached | {fmt(s['tools_recall_without_budget_cuts'])} |",
        "",
        "A package that reached a frontend budget (`frontend_seconds`, the CPU time of the analysing process since "
        "93b616f; wall-clock time before, when machine load could cut an analysis short) is marked *budget cut* below.",
        "",
        "Yardstick of issue 11: tools recall ≥ 0.98 and exact descriptions ≥ 0.97 over every server that starts.",
        "",
        *by_tree(rows, tree),
        "## Precision figures (issue 12), over all pinned servers",
        "",
        f"- Grades: {', '.join(f'{k}: {v}' for k, v in s['grades'].items())}.",
        f"- Graded below B: **{s['below_b']} of {s['rated']} rated servers ({fmt(s['below_b_share_of_rated'])})**; "
        f"not rated: {s['not_rated']}; mcpvet failed on {s['inspect_failed']}"
        + (f"; not measured yet: {s['not_measured']}" if s["not_measured"] else "") + ".",
        f"- mcpvet analysed another artifact than the pinned one (the one pip would install here) for "
        f"{len(s['artifact_differs_from_pin'])}: {', '.join(s['artifact_differs_from_pin']) or 'none'}.",
        f"- High and critical findings: {s['high_plus_findings']} "
        f"({', '.join(f'{k}: {v}' for k, v in s['high_plus_by_severity'].items()) or 'none'}). By rule:",
        "",
        "| rule | high+ findings |",
        "|---|---:|",
        *[f"| {k} | {v} |" for k, v in s["high_plus_by_rule"].items()],
        "",
        "Each finding (package, rule, tool, location) is listed in `corpus/oracle/results.json`.",
        "",
        *oracle_judged.doc_lines(oracle_judged.tally({"packages": rows}, oracle_judged.load())),
        "",
        "## Per package (servers that started)",
        "",
        "recall and precision by tool name; desc exact / desc ws / schema are shares of the tools found.",
        "",
        *table(rows),
        "",
        "## Servers that could not start, and why",
        "",
        "| package | stage: reason |",
        "|---|---|",
        *[f"| {r['spec']} | {_cell(r['why_not_started'] or 'no oracle answer recorded')} |"
          for r in sorted(rows, key=lambda r: (r["ecosystem"], r["name"].lower())) if not r["started"]],
        "",
    ]
    failed = [r for r in rows if r.get("inspect_error")]
    if failed:
        out += ["## Packages mcpvet could not analyse", "", "| package | error |", "|---|---|",
                *[f"| {r['spec']} | {_cell(r['inspect_error'])} |" for r in failed], ""]
    return "\n".join(out)


def by_tree(rows: list[dict[str, Any]], tree: str) -> list[str]:
    """The overall figures per analyzer tree, when more than one answered."""
    trees = sorted({r.get("analyzer_tree") or "" for r in rows if r.get("cmp")}, key=lambda t: t != tree)
    if len(trees) < 2:
        return []
    out = ["By analyzer tree (servers that started and were measured on it):", "",
           "| analyzer tree | servers | live tools | tools recall | tools precision | exact descriptions |",
           "|---|---:|---:|---:|---:|---:|"]
    for t in trees:
        s = summarise([r for r in rows if r.get("analyzer_tree") == t])
        out.append(f"| `{t}`{' (measured ref)' if t == tree else ''} | {s['started']} | {s['live_tools']} | "
                   f"{fmt(s['tools_recall'])} | {fmt(s['tools_precision'])} | {fmt(s['desc_exact_of_matched'])} |")
    return [*out, ""]


def _cell(text: str) -> str:
    text = re.sub(r"\s+", " ", text).replace("|", "\\|")
    return text[:220] + ("…" if len(text) > 220 else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("MCPVET_ORACLE_WORK",
                                                                     Path(tempfile.gettempdir()) / "mcpvet-oracle")))
    ap.add_argument("--reuse", action="store_true", help="reuse mcpvet answers already made for this analyzer tree")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--ecosystem", choices=["pypi", "npm"], help="only these (with --no-write: to share the work)")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--no-write", action="store_true", help="print the summary only")
    ap.add_argument("--ref", default="HEAD", help="the commit whose analyzer is measured (default HEAD)")
    ap.add_argument("--no-run", action="store_true", help="run no mcpvet: use the answers already recorded")
    ap.add_argument("--fallback", nargs="*", default=[],
                    help="with --no-run: older analyzer trees whose answers stand in for missing ones (labelled per row)")
    args = ap.parse_args(argv)
    servers = [e for e in json.loads(PINS.read_text())["servers"] if (not args.only or e["name"] in args.only)
               and (not args.ecosystem or e["ecosystem"] == args.ecosystem)]
    # servers that started first (they make the yardstick), then the rest (grades, findings)
    started = {spec(e) for e in servers if answer_path(e).is_file() and json.loads(answer_path(e).read_text())["started"]}
    servers.sort(key=lambda e: spec(e) not in started)
    # the analyzer's (and rules') trees: their answers stay valid across commits elsewhere
    tree, source = snapshot(args.ref, args.work)
    head = commit(args.ref)
    outdir = args.work / "inspect" / tree
    if not args.reuse and not args.no_run and outdir.is_dir():  # --no-run reads the answers: never delete them
        for p in outdir.rglob("*.json"):
            p.unlink()
    cache = args.work / "mcpvet-cache"

    def one(e: dict[str, Any]) -> dict[str, Any]:
        name = f"{e['name'].replace('/', '__')}@{e['version']}.json"
        used = tree
        if args.no_run and not (outdir / e["ecosystem"] / name).is_file():
            used = next((t for t in args.fallback if (args.work / "inspect" / t / e["ecosystem"] / name).is_file()), "")
            card = (json.loads((args.work / "inspect" / used / e["ecosystem"] / name).read_text()) if used
                    else {"inspect_error": "not measured (no mcpvet answer recorded for this analyzer tree)"})
        else:
            card = inspect(e, outdir / e["ecosystem"] / name, cache, args.timeout, source)
        row = row_for(e, card)
        row["analyzer_tree"] = used
        c = row.get("cmp")
        print(f"{row['spec']}: " + (f"{c['matched']}/{c['live']} found, {c['found']} reported" if c
                                     else row["inspect_error"] or "not started"), flush=True)
        return row

    with ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(one, servers))
    summary = summarise(rows)
    print(json.dumps({k: v for k, v in summary.items() if k != "high_plus_by_rule"}, indent=1))
    if not args.no_write and not args.only and not args.ecosystem:
        DOC.write_text(write_doc(rows, summary, head, tree))
        RESULTS.write_text(json.dumps({"commit": head, "analyzer_tree": tree, "summary": summary,
                                       "answers": str(ANSWERS.relative_to(ROOT)),
                                       "packages": sorted(rows, key=lambda r: r["spec"])}, indent=1,
                                      ensure_ascii=False) + "\n")
        print(f"wrote {DOC.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
