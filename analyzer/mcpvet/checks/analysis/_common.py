"""Helpers shared by the analysis checks: the package name, scoring from findings, their order.

Checks judge facts and nothing else: what they need from the package's files (file scans,
handler spans, the files a tool reaches, environment reads, install-hook code) is gathered once
by `mcpvet.facts` before any check runs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from mcpvet.behaviour import tool_texts
from mcpvet.behaviour.text import split_identifier
from mcpvet.checks.interface import Facts
from mcpvet.model import Finding, Kind, Severity, Tool, named_tools

PENALTY: dict[Severity, float] = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 7.0,
    Severity.MEDIUM: 2.5,
    Severity.LOW: 0.25,
    Severity.INFO: 0.0,
}


def package_name(facts: Facts) -> str | None:
    """The package (server) name whose service names count as declared for every tool."""
    if facts.tree is not None and facts.tree.name:
        return facts.tree.name
    return facts.target.name or None


LOW_PENALTY_CAP = 1.0  # many low findings are still only low: together they cost at most one point


def _sinks(f: Finding) -> tuple[tuple[str, int, str, int], ...]:
    """The sinks a finding's evidence reaches (path, line, API, column), call paths aside."""
    return tuple(sorted({(e.location.path, e.location.line, e.sink, e.location.column) for e in f.evidence}))


def _title_key(f: Finding) -> str:
    """The finding's title with its tool's name taken out (the tool's name between backticks)."""
    return f.title.replace(f"`{f.tool}`", "`{}`") if f.tool else f.title


def _cause(f: Finding, position: int) -> tuple[object, ...]:
    """What makes findings one cause: the copies of a serious cause kept per tool share it (their
    rule, severity, title and the tools of the cause, `by_cause`)."""
    if len(f.tools) > 1:
        return (f.rule, f.severity, _title_key(f), f.tools)
    return ("single", position)


def score_from(findings: Iterable[Finding]) -> float:
    """10 minus a penalty per cause (critical 10, high 7, medium 2.5, low 0.25 up to 1 in all),
    floored at 0. The copies of one cause kept per tool (`by_cause`) are paid for once."""
    items = list({_cause(f, i): f for i, f in enumerate(findings)}.values())
    serious = sum(PENALTY[f.severity] for f in items if f.severity > Severity.LOW)
    minor = min(LOW_PENALTY_CAP, sum(PENALTY[f.severity] for f in items if f.severity <= Severity.LOW))
    return round(max(0.0, 10.0 - serious - minor), 1)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (
        -f.severity.rank, f.rule, f.tool or "", f.location.path if f.location else "",
        f.location.line if f.location else 0, f.message)))


def _causes(findings: list[Finding]) -> list[list[int]]:
    """The findings (by index) grouped into causes: tool findings with the same rule, severity and
    title (the tool's name aside) whose evidence shares a sink (path, line, API), directly or through
    others — one sink reached through different subsets of a server's helpers is one cause. Findings
    without a tool or evidence are each their own."""
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[object, ...], int] = {}
    for i, f in enumerate(findings):
        if f.tool is None or not f.evidence:
            continue
        for sink in _sinks(f):
            key = (f.rule, f.severity, _title_key(f), sink)
            j = first.setdefault(key, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(findings)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


MAX_CAUSE_EVIDENCE = 10


def by_cause(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per root cause (`_causes`): one sink every tool reaches through a shared helper —
    one `os.getenv` in a client factory, one token request in an auth module — met through several
    tools, each perhaps with other sinks of the same kind. Below high it becomes one finding naming
    every tool (`tools`, `tool` the first), its evidence that of all of them (up to 10 items). A high
    or critical cause keeps one finding per tool, since each tool is a way in that a reviewer must
    see (and comparisons per tool rely on), each naming the whole cause in `tools`; `score_from`
    pays for such a cause once. Findings without a tool or without evidence are left as they are."""
    items = list(findings)
    out: list[Finding] = []
    for indexes in _causes(items):
        group = [items[i] for i in indexes]
        names = sorted({f.tool or "" for f in group})
        if len(names) == 1:
            out += group
            continue
        group.sort(key=lambda f: f.tool or "")
        first = group[0]
        if first.severity >= Severity.HIGH:
            note = f" One cause, shared by {len(names)} tools ({', '.join(names)})."
            out += [replace(f, message=f.message + note, tools=tuple(names)) for f in group]
            continue
        listed = named_tools(names)
        evidence = {(e.location.path, e.location.line, e.sink, e.call_path): e for f in group for e in f.evidence}
        out.append(replace(
            first,
            title=first.title.replace(f"`{first.tool}`", listed, 1),
            message=first.message.replace(f"`{first.tool}`", listed, 1)
            + f" One cause, met through {len(names)} tools ({', '.join(names)}).",
            tools=tuple(names),
            evidence=tuple(evidence[k] for k in sorted(evidence))[:MAX_CAUSE_EVIDENCE]))
    return out


# credential folders and files of well-known services: the words that name the service, the
# prefixes of its SDKs' sinks and the hosts it answers on
_SERVICE_PATHS: tuple[tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...], re.Pattern[str]], ...] = (
    (re.compile(r"\.aws\b"), ("aws", "amazon", "s3", "bedrock", "dynamodb", "lambda", "ec2"),
     ("boto3", "botocore", "aiobotocore", "aioboto3", "@aws-sdk/", "aws-sdk"), re.compile(r"amazonaws\.com|aws\.amazon\.com")),
    (re.compile(r"\.kube\b"), ("kubernetes", "kube", "kubectl", "k8s"),
     ("kubernetes", "@kubernetes/client-node"), re.compile(r"$^")),
    (re.compile(r"\.docker\b"), ("docker",), ("docker", "dockerode"), re.compile(r"docker\.(?:io|com)")),
    (re.compile(r"\.npmrc\b"), ("npm",), (), re.compile(r"npmjs\.(?:org|com)")),
    (re.compile(r"\.pypirc\b"), ("pypi",), (), re.compile(r"pypi\.org")),
    (re.compile(r"gcloud"), ("google", "gcloud", "gcp", "bigquery"),
     ("google.", "googleapiclient", "@google-cloud/", "googleapis"), re.compile(r"googleapis\.com|google\.com")),
    (re.compile(r"\.azure\b"), ("azure", "microsoft"), ("azure.", "@azure/"),
     re.compile(r"azure\.com|microsoft\.com|windows\.net")),
    (re.compile(r"(?:^|/)gh(?:/|$)|\.git-credentials"), ("github",), ("github", "@octokit/"),
     re.compile(r"github\.com|githubusercontent\.com")),
)


def _goes_to(tool: Tool, sdks: tuple[str, ...], hosts: re.Pattern[str]) -> bool:
    """Every network call of the tool is the service's SDK or has a constant destination on its hosts."""
    calls = [e for c in tool.capabilities if c.kind is Kind.NETWORK for e in c.evidence]
    return all((sdks and e.sink.startswith(sdks)) or (e.destination is not None and hosts.search(e.destination))
               for e in calls)


def foreign_paths(tool: Tool, paths: tuple[str, ...], package: str | None) -> tuple[str, ...]:
    """The credential paths that are not those of a service the tool's text or package names and
    that its network calls go to (an AWS tool reading ~/.aws for boto3 signs its requests to AWS
    with it; the same path in a calculator, or sent with requests.post elsewhere, is a theft)."""
    if not paths:
        return paths
    own = " ".join(text for _, text in tool_texts(tool)).lower() + " " + (package or "").lower()
    own_words = set(re.findall(r"[a-z0-9]+", split_identifier(own).lower()))
    return tuple(p for p in paths if not any(rx.search(p) and own_words & set(words) and _goes_to(tool, sdks, hosts)
                                             for rx, words, sdks, hosts in _SERVICE_PATHS))
