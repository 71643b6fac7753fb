"""Score scorecards against the truth.json of our own cases (corpus/cases): a small scorer of our own.

It computes the metrics of the evaluation yardstick, micro-averaged over every case run:

- tools_recall / tools_precision: truth tools found by exact name / truth tools, and / tools
  reported (a name reported twice counts twice);
- desc_exact: among truth tools found whose description is labelled, the share whose description
  equals the truth once runs of white space are folded to one space (`description_variants` are
  also accepted);
- caps_precision / caps_recall / caps_f1: over (tool, kind) pairs, reported `capabilities[].kind`
  against the truth's `capabilities`; kinds in `optional_capabilities` count neither way;
- undeclared_recall / undeclared_precision: truth pairs in capabilities - declared - optional found
  in the reported `undeclared_capabilities` / reported undeclared pairs (optional ones not counted);
- undeclared_fp_rate: among found truth tools with nothing undeclared, the share reported with an
  undeclared kind that is not optional;
- findings_recall: expected findings matched by a reported finding with one of the rule ids, the
  same tool (an expected tool of null matches anything) and a severity at or above `min_severity`;
- must_not_flag_violations: `must_not_flag` tools with a finding of their own at `medium` or above;
- schema_invalid / timeouts / crashes: cases whose scorecard fails the schema, that ran out of time,
  that exited with a status other than 0 or 1 or wrote anything but one JSON object.

A ratio whose denominator is zero is None, and None fails any minimum.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEVERITIES = ("info", "low", "medium", "high", "critical")
MUST_NOT_FLAG_AT = "medium"


def _rank(severity: Any) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else -1


def _kinds(value: Any) -> set[str]:
    """Kinds of a reported capability list: strings, or objects with a `kind`."""
    if not isinstance(value, list):
        return set()
    return {v if isinstance(v, str) else v.get("kind") for v in value
            if isinstance(v, str) or (isinstance(v, dict) and isinstance(v.get("kind"), str))}


def _fold(text: str) -> str:
    return " ".join(text.split())


@dataclass
class CaseResult:
    """One case: its counts, and what it missed or got wrong (for the failure message)."""

    id: str
    status: str = "ok"  # ok, crash, timeout
    schema_errors: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def score_case(truth: dict[str, Any], card: dict[str, Any] | None, status: str = "ok") -> CaseResult:
    """Compare one scorecard (None when the run crashed or timed out) with one truth.json."""
    tools = truth["tools"]
    res = CaseResult(truth["id"], status)
    c = res.counts
    c["tools_truth"] = len(tools)
    names = {t["name"] for t in tools}
    optional = {t["name"]: set(t.get("optional_capabilities", [])) for t in tools}
    truth_pairs = {(t["name"], k) for t in tools for k in t["capabilities"]}
    undeclared = {t["name"]: set(t["capabilities"]) - set(t["declared_capabilities"]) - optional[t["name"]]
                  for t in tools if "declared_capabilities" in t}
    c["undeclared_total"] = sum(len(u) for u in undeclared.values())
    c["findings_total"] = len(truth.get("expected_findings", []))
    if card is None:
        c["caps_fn"] = len(truth_pairs)
        res.misses.append(f"{status}: every truth counts as missed")
        return res

    listed = card.get("tools") if isinstance(card.get("tools"), list) else []
    reported = [t for t in listed if isinstance(t, dict) and isinstance(t.get("name"), str)]
    by_name: dict[str, dict[str, Any]] = {}
    for t in reported:
        by_name.setdefault(t.get("name"), t)
    c["tools_pred"] = len(listed)  # a malformed entry is still a tool reported
    c["tools_tp"] = sum(1 for t in tools if t["name"] in by_name)
    res.misses += [f"missing tool {t['name']}" for t in tools if t["name"] not in by_name]
    res.misses += [f"extra tool {t['name']}" for t in reported if t["name"] not in names]

    for t in tools:
        got = by_name.get(t["name"])
        if got is None or "description" not in t:
            continue
        c["desc_total"] += 1
        accepted = {_fold(d) for d in [t["description"], *t.get("description_variants", [])] if isinstance(d, str)}
        have = got.get("description")
        if have == t["description"] or (isinstance(have, str) and _fold(have) in accepted):
            c["desc_ok"] += 1
        else:
            res.misses.append(f"description of {t['name']}: {have!r}")

    pred_pairs = {(t["name"], k) for t in reported for k in _kinds(t.get("capabilities"))}
    optional_pairs = {(n, k) for n, ks in optional.items() for k in ks}
    c["caps_tp"] = len(pred_pairs & truth_pairs)
    extra, missed = pred_pairs - truth_pairs - optional_pairs, truth_pairs - pred_pairs
    c["caps_fp"], c["caps_fn"] = len(extra), len(missed)
    res.misses += [f"capability {n}:{k} missed" for n, k in sorted(missed)]
    res.misses += [f"capability {n}:{k} extra" for n, k in sorted(extra)]

    for name, want in undeclared.items():
        got_kinds = _kinds(by_name[name].get("undeclared_capabilities")) if name in by_name else set()
        counted = got_kinds - optional[name]
        c["undeclared_hit"] += len(want & got_kinds)
        c["undeclared_pred"] += len(counted)
        res.misses += [f"undeclared {name}:{k} missed" for k in sorted(want - got_kinds)]
        res.misses += [f"undeclared {name}:{k} extra" for k in sorted(counted - want)]
        if not want and name in by_name:
            c["benign_tools"] += 1
            c["benign_fp"] += bool(counted)

    findings = [f for f in card.get("findings", []) if isinstance(f, dict)] if isinstance(card.get("findings"), list) else []
    for e in truth.get("expected_findings", []):
        rules = [e["rule"]] if isinstance(e["rule"], str) else e["rule"]
        if any(f.get("rule") in rules and (e.get("tool") is None or f.get("tool") == e.get("tool"))
               and _rank(f.get("severity")) >= _rank(e.get("min_severity", "info")) for f in findings):
            c["findings_hit"] += 1
        else:
            res.misses.append(f"finding {'|'.join(rules)}@{e.get('tool') or '*'}>={e.get('min_severity', 'info')} missed")
    for name in truth.get("must_not_flag", []):
        bad = [f"{f.get('rule')}:{f.get('severity')}" for f in findings
               if f.get("tool") == name and _rank(f.get("severity")) >= _rank(MUST_NOT_FLAG_AT)]
        if bad:
            c["mnf_violations"] += 1
            res.misses.append(f"must_not_flag {name}: {', '.join(bad)}")
    return res


def summarise(results: list[CaseResult]) -> dict[str, float | int | None]:
    """The metrics over every case (micro-averaged)."""
    t: Counter = sum((r.counts for r in results), Counter())

    def ratio(num: str, *den: str) -> float | None:
        d = sum(t[k] for k in den)
        return t[num] / d if d else None

    p, r = ratio("caps_tp", "caps_tp", "caps_fp"), ratio("caps_tp", "caps_tp", "caps_fn")
    return {
        "tools_recall": ratio("tools_tp", "tools_truth"),
        "tools_precision": ratio("tools_tp", "tools_pred"),
        "desc_exact": ratio("desc_ok", "desc_total"),
        "caps_precision": p,
        "caps_recall": r,
        "caps_f1": None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0),
        "undeclared_recall": ratio("undeclared_hit", "undeclared_total"),
        "undeclared_precision": ratio("undeclared_hit", "undeclared_pred"),
        "undeclared_fp_rate": ratio("benign_fp", "benign_tools"),
        "findings_recall": ratio("findings_hit", "findings_total"),
        "must_not_flag_violations": t["mnf_violations"],
        "schema_invalid": sum(1 for r in results if r.schema_errors),
        "timeouts": sum(1 for r in results if r.status == "timeout"),
        "crashes": sum(1 for r in results if r.status == "crash"),
    }


def below(metrics: dict[str, Any], at_least: dict[str, float], at_most: dict[str, float]) -> list[str]:
    """The thresholds a summary does not meet (None fails a minimum)."""
    out = [f"{k}={metrics[k]} < {v}" for k, v in at_least.items() if metrics[k] is None or metrics[k] < v]
    out += [f"{k}={metrics[k]} > {v}" for k, v in at_most.items() if metrics[k] is not None and metrics[k] > v]
    return out


def run_case(command: list[str], case_dir: Path, timeout: float, env: dict[str, str],
             validate: Callable[[dict[str, Any]], list[str]] | None = None) -> CaseResult:
    """Run `command + ["./ID"]` from the case's parent folder and score its stdout."""
    truth = json.loads((case_dir / "truth.json").read_text("utf-8"))
    try:
        done = subprocess.run([*command, f"./{case_dir.name}"], cwd=case_dir.parent, env=env, capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return score_case(truth, None, "timeout")
    try:
        card = json.loads(done.stdout) if done.returncode in (0, 1) else None
    except ValueError:
        card = None
    if not isinstance(card, dict):
        res = score_case(truth, None, "crash")
        res.misses.append(f"exit {done.returncode}: {done.stderr.decode('utf-8', 'replace').strip()[-300:]}")
        return res
    res = score_case(truth, card)
    res.schema_errors = validate(card) if validate else []
    res.misses += [f"schema: {e}" for e in res.schema_errors[:5]]
    return res


def run_cases(command: list[str], cases: list[Path], *, jobs: int, timeout: float, env: dict[str, str],
              validate: Callable[[dict[str, Any]], list[str]] | None = None) -> list[CaseResult]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda d: run_case(command, d, timeout, env, validate), cases))
