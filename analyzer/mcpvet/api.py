"""The pipeline: spec → fetch → unpack → discover → semgrep → frontends → behaviour → checks → score.

No printing here; only the CLI prints. `inspect` analyses one target; `batch` analyses many with
one semgrep process per chunk, so fixed costs are paid once.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mcpvet import __version__
from mcpvet.behaviour import declared_capabilities
from mcpvet.checks import ALL_CHECKS, Facts, RefusedMember
from mcpvet.discover import discover
from mcpvet.errors import MCPVetError
from mcpvet.fetch.interface import Fetched
from mcpvet.frontends import LanguageFrontend, frontend_for
from mcpvet.model import AnalysisError, CheckResult, Ecosystem, Finding, FrontendResult, Kind, Language, SourceTree, Tool
from mcpvet.model.scorecard import Scorecard
from mcpvet.options import InspectOptions
from mcpvet.score import compute
from mcpvet.semgrep import SemgrepRun, run_semgrep_many


@dataclass
class _Prepared:
    fetched: Fetched
    tree: SourceTree
    refused: tuple[RefusedMember, ...]
    errors: list[AnalysisError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _prepare(spec: str, options: InspectOptions, scratch: Path) -> _Prepared:
    from mcpvet.fetch import fetch_target

    t0 = time.monotonic()
    fetched = fetch_target(spec, options, scratch)
    t1 = time.monotonic()
    errors = list(fetched.errors)
    refused: tuple[RefusedMember, ...] = ()
    if fetched.archive is not None:
        from mcpvet.unpack import unpack

        layout = "npm" if fetched.target.ecosystem is Ecosystem.NPM else None  # as npm would install it
        result = unpack(fetched.archive, scratch / "unpacked", options.unpack, layout=layout)
        root = result.root
        refused = result.refused
        errors += result.errors
    elif fetched.directory is not None:
        root = fetched.directory
    else:
        raise MCPVetError(f"the fetcher returned nothing to analyse for {spec!r}")
    t2 = time.monotonic()
    tree, discover_errors = discover(root, name_hint=fetched.target.name, version_hint=fetched.target.version)
    errors += discover_errors
    return _Prepared(fetched, tree, refused, errors, {"fetch": t1 - t0, "unpack": t2 - t1, "discover": time.monotonic() - t2})


def _frontends_for(languages: Iterable[Language]) -> tuple[list[LanguageFrontend], list[Language]]:
    """Distinct frontends for the languages (one frontend may read several), and languages without one."""
    found: list[LanguageFrontend] = []
    missing: list[Language] = []
    for lang in languages:
        fe = frontend_for(lang)
        if fe is None:
            missing.append(lang)
        elif not any(fe is other for other in found):
            found.append(fe)
    return found, missing


def _run_frontend(fe: LanguageFrontend, prepared: _Prepared, run: SemgrepRun, options: InspectOptions) -> FrontendResult | None:
    try:
        return fe.analyze(prepared.tree, run.hits, options)
    except Exception as exc:  # boundary: a frontend bug must cost its language, not the scorecard
        names = "/".join(lang.value for lang in fe.languages)
        prepared.errors.append(AnalysisError("frontend", f"the {names} frontend failed: {type(exc).__name__}: {exc}"))
        return None


def _run_checks(facts: Facts, errors: list[AnalysisError]) -> tuple[list[Finding], list[CheckResult]]:
    findings: list[Finding] = []
    results: list[CheckResult] = []
    for check in ALL_CHECKS:
        try:
            outcome = check.run(facts)
        except Exception as exc:  # boundary: a failed check is inconclusive and said so, never a pass
            errors.append(AnalysisError("checks", f"check {check.id} failed: {type(exc).__name__}: {exc}"))
            results.append(CheckResult(check.id, None, check.risk, f"inconclusive: the check failed ({type(exc).__name__})"))
            continue
        findings += outcome.findings
        results.append(CheckResult(check.id, outcome.score, check.risk, outcome.reason))
    return findings, results


def _env_lines(tool: Tool, tree: SourceTree, texts: dict[str, list[str]]) -> list[str]:
    """The source lines where a tool reads the environment (to tell its own service's key apart).
    `texts` caches each file's lines across the tools of one analysis."""
    lines: list[str] = []
    for cap in tool.capabilities:
        if cap.kind is not Kind.ENV:
            continue
        for ev in cap.evidence:
            if ev.location.path not in texts:
                try:
                    texts[ev.location.path] = (tree.root / ev.location.path).read_text("utf-8", "replace").splitlines()
                except OSError:
                    texts[ev.location.path] = []
            text = texts[ev.location.path]
            if 0 < ev.location.line <= len(text):
                lines.append(text[ev.location.line - 1][:500])
    return lines


def _finding_order(f: Finding) -> tuple[object, ...]:
    loc = f.location
    return (-f.severity.rank, f.tool or "", f.rule, loc.path if loc else "", loc.line if loc else 0, f.title)


def _dedupe(errors: Iterable[AnalysisError]) -> tuple[AnalysisError, ...]:
    seen: dict[tuple[str, str | None, str], AnalysisError] = {}
    for e in errors:
        seen.setdefault((e.stage, e.path, e.message), e)
    return tuple(seen.values())


def _analyse(prepared: _Prepared, run: SemgrepRun, options: InspectOptions) -> Scorecard:
    tree = prepared.tree
    errors = prepared.errors
    errors += run.errors
    t0 = time.monotonic()
    frontends, missing = _frontends_for(tree.languages)
    for lang in missing:
        errors.append(AnalysisError("frontend", f"mcpvet has no {lang.value} frontend yet: the {lang.value} "
                                    "files were not analysed and their tools are not listed"))
    results: list[FrontendResult] = []
    for fe in frontends:
        res = _run_frontend(fe, prepared, run, options)
        if res is not None:
            results.append(res)
            errors += res.errors
    texts: dict[str, list[str]] = {}
    tools: list[Tool] = [
        replace(t, declared_capabilities=declared_capabilities(t, tree.name, _env_lines(t, tree, texts)))
        for r in results for t in r.tools
    ]
    tools.sort(key=lambda t: (t.declared_at.path, t.declared_at.line, t.name))
    t1 = time.monotonic()

    from mcpvet.provenance import collect

    provenance = collect(prepared.fetched, tree, options)
    errors += provenance.errors
    t2 = time.monotonic()

    target = prepared.fetched.target
    if target.ecosystem in (Ecosystem.LOCAL, Ecosystem.GIT):
        target = replace(target, name=tree.name or target.name, version=target.version or tree.version)
    facts = Facts(
        target=target,
        tree=tree,
        tools=tuple(tools),
        frontends=tuple(results),
        refused_members=prepared.refused,
        provenance=provenance,
        errors=tuple(errors),
    )
    findings, check_results = _run_checks(facts, errors)
    score = compute(check_results)
    stats = {
        "seconds": {**prepared.seconds, "semgrep": run.seconds, "frontends": t1 - t0, "provenance": t2 - t1,
                    "checks": time.monotonic() - t2},
        "frontends": {r.language.value: r.stats for r in results},
        "lines": sum(r.lines_analysed for r in results),
        "files": sum(r.files_analysed for r in results),
    }
    return Scorecard(
        analyzer_version=__version__,
        target=target,
        languages=tree.languages,
        tools=tuple(tools),
        findings=tuple(sorted(findings, key=_finding_order)),
        provenance=provenance.to_json(),
        score=score.to_json(),
        errors=_dedupe(errors),
        notes=prepared.fetched.notes,
        stats=stats,
    )


def inspect(spec: str, options: InspectOptions | None = None) -> Scorecard:
    """Fetch, unpack and analyse one target. Raises MCPVetError subclasses (with exit codes)."""
    options = options or InspectOptions()
    scratch = Path(tempfile.mkdtemp(prefix="mcpvet-"))
    try:
        prepared = _prepare(spec, options, scratch)
        run = run_semgrep_many([prepared.tree], options)[0]
        return _analyse(prepared, run, options)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def batch(specs: Sequence[str], options: InspectOptions | None = None, *, chunk: int = 16) -> Iterator[tuple[str, Scorecard | MCPVetError]]:
    """Analyse many targets; semgrep starts once per chunk of `chunk` targets, not once per target."""
    options = options or InspectOptions()
    for start in range(0, len(specs), chunk):
        part = specs[start : start + chunk]
        scratch = Path(tempfile.mkdtemp(prefix="mcpvet-batch-"))
        try:
            prepared: list[tuple[str, _Prepared | MCPVetError]] = []
            for i, spec in enumerate(part):
                work = scratch / str(i)
                work.mkdir(parents=True)
                try:
                    prepared.append((spec, _prepare(spec, options, work)))
                except MCPVetError as exc:
                    prepared.append((spec, exc))
            ready = [p for _, p in prepared if isinstance(p, _Prepared)]
            runs = iter(run_semgrep_many([p.tree for p in ready], options))
            for spec, p in prepared:
                yield spec, (_analyse(p, next(runs), options) if isinstance(p, _Prepared) else p)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
