"""The pipeline: spec → fetch → unpack → discover → semgrep → frontends → behaviour → checks → score.

No printing here; only the CLI prints. `inspect` analyses one target; `batch` analyses many with
one semgrep process per chunk, so fixed costs are paid once.

Every outcome except a usage error is a scorecard: when the analysis itself fails (unreachable
registry, digest mismatch, an archive that cannot be unpacked, or a bug of ours), the scorecard
is not rated (score and grade null, `score.reason` says why), the failure is its last `errors[]`
entry, and `Scorecard.failed` is set so that the CLI exits 3. Only `UsageError` (exit 2: a
wrong command line, a target that does not exist) is raised.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcpvet import __version__
from mcpvet.discover import discover
from mcpvet.discover.manifest_file import manifest_file
from mcpvet.errors import FetchError, IntegrityError, MCPVetError, UnpackError, UsageError
from mcpvet.fetch.interface import Fetched
from mcpvet.frontends import LanguageFrontend, frontend_for
from mcpvet.model import (
    TOOL_LIST_STAGE,
    AnalysisError,
    CheckResult,
    Ecosystem,
    FileRole,
    Finding,
    FrontendResult,
    Handoff,
    Language,
    RefusedMember,
    SinkHit,
    SourceTree,
    Target,
    Tool,
)
from mcpvet.model.scorecard import ProvenanceSummary, Score, Scorecard
from mcpvet.options import InspectOptions
from mcpvet.score import compute
from mcpvet.scratch import new_scratch, sweep_stale_scratch
from mcpvet.semgrep import PendingSemgrep, SemgrepRun, run_semgrep_many, start_semgrep_many

if TYPE_CHECKING:
    from mcpvet.checks import Check, Facts
    from mcpvet.provenance import Provenance

# What the analysis needs after the file list is known (the checks, with provenance and its
# HTTP client, the behaviour lexicon, a language's frontend) is imported only then, while
# semgrep already runs: start-up pays only for fetching, unpacking and listing the files.


def __getattr__(name: str) -> Any:
    if name == "ALL_CHECKS":  # imported on first use; tests replace it with their own tuple
        from mcpvet.checks import ALL_CHECKS

        return ALL_CHECKS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _import_later_stages() -> None:
    """Import what judging needs (the checks with provenance, the facts gathered for them): called
    while semgrep runs, before the parser worker forks (it then serves the facts' file scans too)
    and before any other thread starts (two threads importing at once could deadlock on a module)."""
    import mcpvet.facts  # noqa: F401 - imported for its side effect: loaded now, not later

    _all_checks()


def _all_checks() -> tuple[Check, ...]:
    replaced: tuple[Check, ...] | None = globals().get("ALL_CHECKS")
    if replaced is not None:
        return replaced
    from mcpvet.checks import ALL_CHECKS

    return ALL_CHECKS


Progress = Callable[[str], None]
"""Told, in words, which stage starts ("unpacking mcp_x-1.0.whl"); the CLI shows it on long runs."""


def _quiet(_message: str) -> None:
    pass


@dataclass
class _Prepared:
    fetched: Fetched
    tree: SourceTree
    refused: tuple[RefusedMember, ...]
    errors: list[AnalysisError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    scratch: Path | None = None  # the run's scratch folder (dependencies are fetched under it)


def _prepare(spec: str, options: InspectOptions, scratch: Path, progress: Progress = _quiet,
             known: dict[str, Target] | None = None) -> _Prepared:
    """Fetch, unpack and discover. `known["target"]` is set as soon as the fetcher has resolved
    the target, so that a later failure is still reported against the right name and digest."""
    from mcpvet.fetch import fetch_target

    t0 = time.monotonic()
    progress(f"fetching {spec}")
    fetched = fetch_target(spec, options, scratch)
    if known is not None:
        known["target"] = fetched.target
    t1 = time.monotonic()
    errors = list(fetched.errors)
    refused: tuple[RefusedMember, ...] = ()
    if fetched.archive is not None:
        from mcpvet.unpack import unpack

        layout = "npm" if fetched.target.ecosystem is Ecosystem.NPM else None  # as npm would install it
        progress(f"unpacking {fetched.archive.name}")
        result = unpack(fetched.archive, scratch / "unpacked", options.unpack, layout=layout)
        root = result.root
        refused, cut = _split_user_cuts(result.refused, options)
        errors += result.errors
        errors += cut
    elif fetched.directory is not None:
        root = fetched.directory
    else:
        raise MCPVetError(f"the fetcher returned nothing to analyse for {spec!r}")
    t2 = time.monotonic()
    progress("listing files")
    tree, discover_errors = discover(root, name_hint=fetched.target.name, version_hint=fetched.target.version,
                                     max_files=options.unpack.max_members)  # --max-files bounds folders too
    errors += discover_errors
    return _Prepared(fetched, tree, refused, errors, {"fetch": t1 - t0, "unpack": t2 - t1, "discover": time.monotonic() - t2},
                     scratch)


def _split_user_cuts(refused: Sequence[RefusedMember], options: InspectOptions
                     ) -> tuple[tuple[RefusedMember, ...], list[AnalysisError]]:
    """Members refused only because the user lowered a limit below its default are the user's
    cut of the analysis (an errors[] entry), not something the package did (an unsafe-archive
    finding). At the default limits a hit stays a finding: a possible decompression bomb."""
    from mcpvet.options import UnpackLimits
    from mcpvet.unpack import paths

    default, mine = UnpackLimits(), options.unpack
    lowered = {
        paths.LIMIT_TOTAL: ("--max-total-bytes", mine.max_total_bytes < default.max_total_bytes),
        paths.LIMIT_MEMBERS: ("--max-files", mine.max_members < default.max_members),
        paths.TOO_LARGE: ("--max-file-bytes", mine.max_file_bytes < default.max_file_bytes),
    }
    kept: list[RefusedMember] = []
    cut: list[AnalysisError] = []
    for member in refused:
        option, by_user = lowered.get(member.reason, ("", False))
        if by_user:
            cut.append(AnalysisError("unpack", f"not unpacked because of the limit set with {option} "
                                     f"(below its default): {member.reason}", member.path))
        else:
            kept.append(member)
    return tuple(kept), cut


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


def _run_frontend(fe: LanguageFrontend, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions,
                  errors: list[AnalysisError]) -> FrontendResult | None:
    try:
        return fe.analyze(tree, hits, options)
    except Exception as exc:  # noqa: BLE001 - boundary: a frontend bug must cost its language, not the scorecard
        names = "/".join(lang.value for lang in fe.languages)
        errors.append(AnalysisError("frontend", f"the {names} frontend failed: {type(exc).__name__}: {exc}"))
        return None


class _Background:
    """One stage run in a thread beside the analysis (provenance: registry, repository and
    vulnerability look-ups wait on the network while the frontends read the code). `result()`
    joins it and returns its value or raises what it raised."""

    def __init__(self, name: str, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._value: Any = None
        self._error: BaseException | None = None
        self.seconds = 0.0
        self._thread = threading.Thread(target=self._run, name=f"mcpvet-{name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        start = time.monotonic()
        try:
            self._value = self._fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self._error = exc
        self.seconds = time.monotonic() - start

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _collect_provenance(prepared: _Prepared, options: InspectOptions) -> Provenance:
    from mcpvet.provenance import collect

    return collect(prepared.fetched, prepared.tree, options)


def _run_checks(facts: Facts, errors: list[AnalysisError]) -> tuple[list[Finding], list[CheckResult]]:
    findings: list[Finding] = []
    results: list[CheckResult] = []
    for check in _all_checks():
        try:
            outcome = check.run(facts)
        except Exception as exc:  # noqa: BLE001 - boundary: a failed check is inconclusive and said so, never a pass
            errors.append(AnalysisError("checks", f"check {check.id} failed: {type(exc).__name__}: {exc}"))
            results.append(CheckResult(check.id, None, check.risk, f"inconclusive: the check failed ({type(exc).__name__})"))
            continue
        findings += outcome.findings
        errors += outcome.errors  # what a check could not read (a file over the limits…)
        results.append(CheckResult(check.id, outcome.score, check.risk, outcome.reason))
    return findings, results


def _not_rated(tree: SourceTree, results: Sequence[FrontendResult], tools: Sequence[Tool],
               cut: bool = False) -> str | None:
    """Why a package that was analysed still cannot be rated, or None. A grade says how far the
    tools a model would be given can be trusted; with no tool list there is nothing to grade, and
    a 10/10 for an empty or unreadable package would read as a pass."""
    if tools:
        return None
    if not tree.files and cut:
        return "nothing was unpacked: its members were refused or a limit stopped unpacking (see errors[])"
    if not tree.files:
        return "the package is empty, there is nothing to analyse"
    unlisted = _unlisted_registrations(results)
    if unlisted:
        shown = ", ".join(unlisted[:3]) + (f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else "")
        return (f"no MCP tool could be listed: the package's code registers tools whose names it builds at run "
                f"time from values not known statically ({shown}; see errors[]), so what it gives a model is "
                "unknown (the findings about the package still stand)")
    native = _native_executables(tree)
    if native:
        shown = ", ".join(native[:3]) + (f" and {len(native) - 3} more" if len(native) > 3 else "")
        return (f"no MCP tool could be listed: the package ships native executables ({shown}) whose code is not "
                "analysed, so the tools they serve are unknown (the findings about the package still stand)")
    if not any(r.files_analysed for r in results):
        return ("no Python, JavaScript or TypeScript source was analysed, so no MCP tool could be "
                "listed (the findings about the package still stand)")
    return ("no MCP tool could be listed, so what the package gives a model is unknown "
            "(the findings about the package still stand)")


DATA_NOTE = "tools may be declared in data files"  # how the frontends' notes on data files read begin


def _unlisted_registrations(results: Sequence[FrontendResult]) -> list[str]:
    """Where a frontend found a tool registration (or a tools/list answer) whose tools it could not list: the
    package does declare tools in its own code, so "native executables" or "no tool" would misstate it."""
    found: list[str] = []
    for r in results:
        for e in r.errors:
            if e.path and "not known statically" in e.message and "tool" in e.message and "description" not in e.message \
                    and not e.message.startswith(DATA_NOTE):  # a note on data files the code reads, no registration
                line = e.message.split(":", 1)[0] if e.message.startswith("line ") else ""
                found.append(f"{e.path}{':' + line[5:] if line else ''}")
    return sorted(dict.fromkeys(found))


_NATIVE_MAGIC = (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"MZ")


def _native_executables(tree: SourceTree, most: int = 400) -> list[str]:
    """Files of the package that are native executables or libraries (ELF, Mach-O, PE), by their first
    bytes: a server shipped as a binary (a Go server in a wheel) has tools mcpvet cannot read."""
    found: list[str] = []
    for sf in [f for f in tree.files if f.language not in (Language.PYTHON, Language.JAVASCRIPT,
                                                             Language.TYPESCRIPT)][:most]:
        if sf.size < 4:
            continue
        try:
            with sf.abspath.open("rb") as handle:
                head = handle.read(4)
        except OSError:
            continue
        if head.startswith(_NATIVE_MAGIC):
            found.append(sf.path)
    return sorted(found)


def _finding_order(f: Finding) -> tuple[object, ...]:
    loc = f.location
    return (-f.severity.rank, f.tool or "", f.rule, loc.path if loc else "", loc.line if loc else 0, f.title)


def _dedupe(errors: Iterable[AnalysisError]) -> tuple[AnalysisError, ...]:
    seen: dict[tuple[str, str | None, str], AnalysisError] = {}
    for e in errors:
        seen.setdefault((e.stage, e.path, e.message), e)
    return tuple(seen.values())


def _analyse(prepared: _Prepared, run: SemgrepRun | PendingSemgrep, options: InspectOptions,
             progress: Progress = _quiet, provenance_job: _Background | None = None) -> Scorecard:
    """Frontends, provenance, checks and score. With a `PendingSemgrep` the frontends read the
    code while semgrep still runs (its hits are read when a frontend needs them); with a
    `provenance_job` provenance was started beside them. Results and their order are those of
    running the stages one after the other."""
    tree = prepared.tree
    errors = prepared.errors
    _import_later_stages()
    t0 = time.monotonic()
    frontends, missing = _frontends_for(tree.languages)
    hits: Sequence[SinkHit] = run.hits() if isinstance(run, PendingSemgrep) else run.hits
    outcomes: list[tuple[FrontendResult | None, list[AnalysisError]]] = []
    for fe in frontends:
        progress(f"reading the {'/'.join(lang.value for lang in fe.languages)} code")
        failed: list[AnalysisError] = []
        outcomes.append((_run_frontend(fe, tree, hits, options, failed), failed))
    frontend_seconds = time.monotonic() - t0
    if isinstance(run, PendingSemgrep):
        run = run.result()[0]
    errors += run.errors
    for lang in missing:
        errors.append(AnalysisError("frontend", f"mcpvet has no {lang.value} frontend yet: the {lang.value} "
                                    "files were not analysed and their tools are not listed"))
    results: list[FrontendResult] = []
    for res, failed in outcomes:
        errors += failed
        if res is not None:
            results.append(res)
            errors += res.errors
    facts_tree = tree
    handed = [h for r in results for h in r.handoffs]
    if handed and not any(r.tools for r in results) and prepared.scratch is not None:
        progress(f"reading the dependencies the entry exports from ({', '.join(h.package for h in handed)})")
        t_dep = time.monotonic()
        results, facts_tree, dep_errors = _dependency_tools(tree, results, handed, options, prepared.scratch)
        errors[:] = [e for e in errors if not _superseded(e, results)] + dep_errors
        prepared.seconds["dependencies"] = time.monotonic() - t_dep

    from mcpvet.behaviour.declared import with_declared_capabilities
    from mcpvet.facts import env_read_index, gather, tool_env_reads

    env_index = env_read_index(tuple(results))
    tools: list[Tool] = [
        with_declared_capabilities(t, tree.name, [k for r in tool_env_reads(t, env_index) for k in r.keys])
        for r in results for t in r.tools
    ]
    tools.sort(key=lambda t: (t.declared_at.path, t.declared_at.line, t.name))
    t1 = time.monotonic()

    if provenance_job is None:
        progress("collecting provenance")
        provenance = _collect_provenance(prepared, options)
        provenance_seconds = time.monotonic() - t1
    else:
        progress("waiting for provenance")
        provenance = provenance_job.result()
        provenance_seconds = provenance_job.seconds
    errors += provenance.errors
    t2 = time.monotonic()

    from mcpvet.checks import Facts

    target = prepared.fetched.target
    if target.ecosystem in (Ecosystem.LOCAL, Ecosystem.GIT):
        target = replace(target, name=tree.name or target.name, version=target.version or tree.version)
    facts = Facts(
        target=target,
        tree=facts_tree,
        tools=tuple(tools),
        frontends=tuple(results),
        refused_members=prepared.refused,
        provenance=provenance,
        errors=tuple(errors),
    )
    progress("reading the package's files")
    facts = gather(facts, options.limits)  # the run's parse limits also bound the scans of the files
    progress(f"judging {len(tools)} tools")
    findings, check_results = _run_checks(facts, errors)
    worst = max((f.severity for f in findings), key=lambda s: s.rank, default=None)
    score = compute(check_results, worst, banded=True)
    cut = bool(prepared.refused) or any(e.stage == "unpack" for e in errors)
    unrated = _not_rated(tree, results, tools, cut)
    if unrated is not None:
        errors.append(AnalysisError("analysis", f"not rated: {unrated}"))
        score = replace(score, value=None, grade=None, reason=unrated)
    elif unlisted := _unlisted_registrations(results):
        shown = ", ".join(unlisted[:3]) + (f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else "")
        errors.append(AnalysisError(TOOL_LIST_STAGE, f"the tool list may be incomplete: {len(unlisted)} place(s) "
                                    f"register tools whose names are not known statically ({shown}; see errors[]), "
                                    "so the tools they add are not listed and not judged"))
    stats = {
        # the stages' own durations: semgrep and provenance may have run beside the frontends
        "seconds": {**prepared.seconds, "semgrep": run.seconds, "frontends": frontend_seconds,
                    "provenance": provenance_seconds, "checks": time.monotonic() - t2},
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
        provenance=provenance.summary(),
        score=score,
        errors=_dedupe(errors),
        notes=prepared.fetched.notes,
        stats=stats,
        manifest=manifest_file(tree),
    )


_NO_OWN_TOOLS = ("no MCP tool declaration recognised", "no tools found in the package's own code")


def _superseded(error: AnalysisError, results: Sequence[FrontendResult]) -> bool:
    """The frontend's "no tools here" entries, once a dependency's tools were listed instead."""
    return any(r.tools for r in results) and error.stage == "javascript" and error.message.startswith(_NO_OWN_TOOLS)


def _dependency_tools(tree: SourceTree, results: list[FrontendResult], handed: Sequence[Handoff],
                      options: InspectOptions, scratch: Path
                      ) -> tuple[list[FrontendResult], SourceTree, list[AnalysisError]]:
    """The tools of the dependencies the entry hands its server to (`mcpvet.depcode`), read by the
    JavaScript frontend (its own sink table; semgrep's rules are not run on them) and added to the
    JavaScript result; the tree for the facts, with the dependencies' files (role node_modules)."""
    from mcpvet.depcode import load

    code = load(handed, tree, options, scratch)
    errors = list(code.errors)
    if code.tree is None:
        return results, tree, errors
    fe = frontend_for(Language.JAVASCRIPT)
    failed: list[AnalysisError] = []
    dep = _run_frontend(fe, code.tree, (), options, failed) if fe is not None else None
    errors += failed
    if dep is None:
        return results, tree, errors
    names = ", ".join(f"{d.package}@{d.version}" for d in code.loaded)
    kept = tuple(e for e in dep.errors if not (e.stage == "javascript" and e.message.startswith(_NO_OWN_TOOLS)))
    errors += kept
    shown = ", ".join(p for d in code.loaded for p in d.paths[:2])
    if dep.tools:
        errors.append(AnalysisError("dependency", f"the tools are listed from the dependency {names}, whose "
                                    f"server the entry module(s) export ({shown}; where npm installs it): "
                                    "its files were read by the JavaScript frontend and its own sink table, "
                                    "not by semgrep's rules"))
    else:
        errors.append(AnalysisError("dependency", f"no tool declaration recognised in the dependency {names} "
                                    f"the entry module(s) export from either ({shown})"))
    out: list[FrontendResult] = []
    merged = False
    for r in results:
        if not merged and r.language in (Language.JAVASCRIPT, Language.TYPESCRIPT):
            r = replace(r, tools=r.tools + dep.tools, env_reads=r.env_reads + dep.env_reads, errors=r.errors + kept,
                        shapes=r.shapes + dep.shapes, functions=r.functions + dep.functions,
                        stats={**r.stats, "dependencies": {"loaded": [f"{d.package}@{d.version}" for d in code.loaded],
                                                           "files": dep.files_analysed, **dep.stats}})
            merged = True
        out.append(r)
    extra = tuple(replace(f, role=FileRole.NODE_MODULES) for f in code.tree.files)
    return out, replace(tree, files=tree.files + extra), errors


_FAILURE_STAGES: tuple[tuple[type[MCPVetError], str], ...] = (
    (IntegrityError, "fetch"), (FetchError, "fetch"), (UnpackError, "unpack"), (MCPVetError, "analysis"),
)
_MAX_FAILURE_MESSAGE = 2000


def _failure(exc: BaseException) -> AnalysisError:
    if isinstance(exc, MCPVetError):
        stage = next(name for kind, name in _FAILURE_STAGES if isinstance(exc, kind))
        message = str(exc).replace("\n  hint: ", " (hint: ", 1) + (")" if exc.hint else "")
    else:
        stage = "internal"
        message = (f"internal error in mcpvet ({type(exc).__name__}: {exc}): nothing after this point was analysed; "
                   "this is a bug in mcpvet, please report it with the target")
    if len(message) > _MAX_FAILURE_MESSAGE:
        message = message[: _MAX_FAILURE_MESSAGE - 1] + "…"
    return AnalysisError(stage, message)


def _target_from_spec(spec: str) -> tuple[Target, list[AnalysisError]]:
    """Best known target when the fetcher never resolved one (the registry could not be reached…)."""
    from mcpvet.fetch.spec import parse_spec

    try:
        parsed = parse_spec(spec)
    except MCPVetError:
        return Target(spec, Ecosystem.LOCAL, spec), []
    if parsed.kind == "bare":
        eco = Ecosystem.PYPI if "==" in spec else Ecosystem.NPM
        note = AnalysisError("fetch", f"{spec!r} was never resolved to a registry: its ecosystem "
                             f"{eco.value!r} is a guess from the spelling")
        return Target(spec, eco, parsed.name, parsed.version), [note]
    eco = {"pypi": Ecosystem.PYPI, "npm": Ecosystem.NPM, "git": Ecosystem.GIT}.get(parsed.kind, Ecosystem.LOCAL)
    return Target(spec, eco, parsed.name or spec, parsed.version), []


def failed_scorecard(spec: str, exc: BaseException, target: Target | None = None,
                     errors: Sequence[AnalysisError] = ()) -> Scorecard:
    """The scorecard of an analysis that could not finish: not rated, with the reason."""
    failure = _failure(exc)
    extra: list[AnalysisError] = []
    if target is None:
        target, extra = _target_from_spec(spec)
    reason = f"the analysis failed at the {failure.stage} stage: {failure.message}"
    return Scorecard(
        analyzer_version=__version__,
        target=target,
        languages=(),
        tools=(),
        findings=(),
        provenance=ProvenanceSummary(extra={"collected": False}),
        score=Score(None, None, (), reason),
        errors=_dedupe([*errors, *extra, failure]),
        failed=True,
    )


def inspect(spec: str, options: InspectOptions | None = None, *, progress: Progress = _quiet) -> Scorecard:
    """Fetch, unpack and analyse one target.

    Returns a scorecard for every outcome: a failed analysis is a not-rated card with
    `failed=True`. Raises only `UsageError` (exit 2: bad spec, target not found)."""
    options = options or InspectOptions()
    sweep_stale_scratch()
    scratch = new_scratch("mcpvet-")
    known: dict[str, Target] = {}
    try:
        prepared = _prepare(spec, options, scratch, progress, known)
        return _analyse_overlapped(prepared, options, progress)
    except UsageError:
        raise
    except Exception as exc:  # noqa: BLE001 - boundary: every failure becomes a not-rated scorecard that says why
        return failed_scorecard(spec, exc, known.get("target"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# Semgrep's per-rule time-out is wall time (off by default, `semgrep_rule_timeout_s`; when set,
# sharing the cores with the frontends brings a rule on a large file nearer to it than when
# semgrep runs alone). Packages whose sources are this small are far from it (milliseconds a rule), and they are
# where start-up dominates the wait; larger ones keep the stages' order (semgrep, then the rest).
OVERLAP_MAX_SEMGREP_BYTES = 2 << 20  # all the files semgrep scans
OVERLAP_MAX_SEMGREP_FILE_BYTES = 256 << 10  # the largest of them


def _overlap_semgrep(tree: SourceTree, options: InspectOptions) -> bool:
    from mcpvet.semgrep.runner import scan_targets

    sizes = [f.size for f in scan_targets(tree) if f.size <= options.limits.semgrep_max_target_bytes]
    return sum(sizes) <= OVERLAP_MAX_SEMGREP_BYTES and max(sizes, default=0) <= OVERLAP_MAX_SEMGREP_FILE_BYTES


def _analyse_overlapped(prepared: _Prepared, options: InspectOptions, progress: Progress = _quiet, *,
                        soft_semgrep: bool = False, shared_cores: bool = False) -> Scorecard:
    """`_analyse` with semgrep and provenance started as soon as the file list is known, beside
    the frontends (for a package with large sources semgrep first runs alone, then provenance
    starts beside the frontends). With `soft_semgrep` a semgrep failure costs the sink rules (an
    errors[] entry), as in a batch; otherwise it fails the analysis, as when the stages ran one
    after the other. `shared_cores`: other processes use the other cores (a batch worker), so
    semgrep runs on one core even when it runs alone. Whatever it started has ended when it
    returns or raises (the scratch folder may then go)."""
    beside = _overlap_semgrep(prepared.tree, options)
    if not beside:
        _import_later_stages()  # nothing runs beside semgrep, as when the stages ran one after the other
    progress(f"searching {len(prepared.tree.files)} files for sinks (semgrep)")
    # one core for semgrep when the frontends or another worker use the other (see run_semgrep_many)
    jobs = 1 if beside or shared_cores else None
    run = start_semgrep_many([prepared.tree], options, on_error=_semgrep_failed if soft_semgrep else None, jobs=jobs)
    job: _Background | None = None
    try:
        if beside:
            _import_later_stages()  # while semgrep runs, before the provenance thread starts
        else:
            run.wait()
        job = _Background("provenance", lambda: _collect_provenance(prepared, options))
        return _analyse(prepared, run, options, progress, provenance_job=job)
    finally:
        run.wait()
        if job is not None:
            job.wait()


def _semgrep_or_failure(trees: list[SourceTree], options: InspectOptions) -> list[SemgrepRun]:
    try:
        return run_semgrep_many(trees, options)
    except Exception as exc:  # noqa: BLE001 - boundary: semgrep failing must cost the sink rules, not the batch
        return _semgrep_failed(trees, exc)


def _semgrep_failed(trees: Sequence[SourceTree], exc: Exception) -> list[SemgrepRun]:
    error = AnalysisError("semgrep", f"semgrep failed ({type(exc).__name__}: {exc}): no sink rule was applied")
    return [SemgrepRun((), (error,), frozenset(), 0.0) for _ in trees]


def batch(specs: Sequence[str], options: InspectOptions | None = None, *, chunk: int = 16,
          progress: Progress = _quiet) -> Iterator[tuple[str, Scorecard | UsageError]]:
    """Analyse many targets; semgrep starts once per chunk of `chunk` targets, not once per target.

    Yields, in order, a scorecard per target (a not-rated, `failed` one when its analysis failed,
    whatever it raised) or the `UsageError` of a target that does not exist. No target ends the batch."""
    options = options or InspectOptions()
    sweep_stale_scratch()
    for start in range(0, len(specs), chunk):
        part = specs[start : start + chunk]
        scratch = new_scratch("mcpvet-batch-")
        try:
            prepared: list[tuple[str, _Prepared | Scorecard | UsageError]] = []
            for i, spec in enumerate(part):
                work = scratch / str(i)
                work.mkdir(parents=True)
                known: dict[str, Target] = {}
                progress(f"[{start + i + 1}/{len(specs)}] {spec}")
                try:
                    prepared.append((spec, _prepare(spec, options, work, progress, known)))
                except UsageError as exc:
                    prepared.append((spec, exc))
                except Exception as exc:  # noqa: BLE001 - boundary: one target never ends the batch
                    prepared.append((spec, failed_scorecard(spec, exc, known.get("target"))))
            ready = [p for _, p in prepared if isinstance(p, _Prepared)]
            runs = iter(_semgrep_or_failure([p.tree for p in ready], options))
            for spec, p in prepared:
                if isinstance(p, _Prepared):
                    run = next(runs)
                    try:
                        yield spec, _analyse(p, run, options, progress)
                    except Exception as exc:  # noqa: BLE001 - boundary: as above
                        yield spec, failed_scorecard(spec, exc, p.fetched.target, p.errors)
                else:
                    yield spec, p
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
