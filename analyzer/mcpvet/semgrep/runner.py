"""One semgrep process over many files: JSON out, hits mapped back to their packages.

Runs `semgrep scan --experimental` (the native CLI, ~0.25 s to start; the classic CLI costs
3-5 s) with local rules only, no metrics, no version check, no git (an untrusted tree's git config
must never run), explicit targets (so dist/ and tests/ are not skipped by semgrep's default
ignores) and explicit limits. What semgrep did not scan is compared with what it was given and
reported in errors[].
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mcpvet.cputime import OVERLOAD, OVERLOAD_STAGE, CpuBudget, CpuMeter, overload_message, process_tree_cpu_s
from mcpvet.model import AnalysisError, FileRole, Language, SinkHit, SourceFile, SourceTree
from mcpvet.options import AnalysisLimits, InspectOptions
from mcpvet.semgrep.rules import SinkRule, load_rules, resolve_sink, rule_dirs, rules_root
from mcpvet.textlines import byte_line, lone_cr, split_lines

SCANNED_LANGUAGES = (Language.PYTHON, Language.JAVASCRIPT, Language.TYPESCRIPT)
SCANNED_ROLES = (FileRole.SOURCE, FileRole.VENDORED, FileRole.BUILD_SCRIPT)
STAGE = "semgrep"


@dataclass(frozen=True)
class SemgrepRun:
    hits: tuple[SinkHit, ...]
    errors: tuple[AnalysisError, ...]
    scanned: frozenset[str]  # relative paths semgrep reports as scanned
    seconds: float


class PendingSemgrep:
    """A semgrep run started in the background (`start_semgrep_many`): the caller reads the
    package's code while semgrep scans it. `result()` waits for it and returns what
    `run_semgrep_many` would have, or raises what it raised."""

    def __init__(self, trees: Sequence[SourceTree], options: InspectOptions,
                 on_error: Callable[[Sequence[SourceTree], Exception], list[SemgrepRun]] | None = None,
                 **kwargs: Any) -> None:
        self._runs: list[SemgrepRun] | None = None
        self._error: BaseException | None = None
        self._on_error = on_error
        self._thread = threading.Thread(target=self._run, args=(list(trees), options), kwargs=kwargs,
                                        name="mcpvet-semgrep", daemon=True)
        self._thread.start()

    def _run(self, trees: list[SourceTree], options: InspectOptions, **kwargs: Any) -> None:
        try:
            self._runs = run_semgrep_many(trees, options, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the caller's choice: runs that say so, or raised by result()
            if self._on_error is not None:
                self._runs = self._on_error(trees, exc)
            else:
                self._error = exc
        except BaseException as exc:  # noqa: BLE001 - raised by result()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> list[SemgrepRun]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._runs is not None
        return self._runs

    def hits(self, index: int = 0) -> Sequence[SinkHit]:
        """The hits of tree `index`, as a sequence that waits for semgrep only when it is first read."""
        return _LateHits(self, index)


class _LateHits(Sequence[SinkHit]):
    """Sink hits still being found: reading them waits for the semgrep run (a frontend reads them
    once its own parsing and evaluation are done)."""

    def __init__(self, pending: PendingSemgrep, index: int) -> None:
        self._pending = pending
        self._index = index

    def _hits(self) -> tuple[SinkHit, ...]:
        return self._pending.result()[self._index].hits

    def __getitem__(self, i: Any) -> Any:
        return self._hits()[i]

    def __len__(self) -> int:
        return len(self._hits())

    def __iter__(self) -> Iterator[SinkHit]:
        return iter(self._hits())


def start_semgrep_many(trees: Sequence[SourceTree], options: InspectOptions, *,
                       on_error: Callable[[Sequence[SourceTree], Exception], list[SemgrepRun]] | None = None,
                       **kwargs: Any) -> PendingSemgrep:
    """`run_semgrep_many` in the background: semgrep starts now, `result()` collects it. With
    `on_error`, what semgrep raised becomes the runs `on_error` returns instead."""
    return PendingSemgrep(trees, options, on_error, **kwargs)


def semgrep_binary() -> str | None:
    beside = Path(sys.executable).parent / "semgrep"
    if beside.is_file():
        return str(beside)
    return shutil.which("semgrep")


@functools.lru_cache(maxsize=4)
def native_core(binary: str) -> str | None:
    """The semgrep-core program that `binary` would exec for `scan --experimental`, when `binary`
    is this environment's own semgrep entry script: running it directly (as `osemgrep`, what the
    script does) saves starting a Python interpreter for the script on every run. None otherwise
    (another semgrep, a stand-in): then `binary` itself is run."""
    if Path(binary) != Path(sys.executable).parent / "semgrep":
        return None
    try:
        with open(binary, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return None
    if not head.startswith(b"#!") or b"semgrep.console_scripts.entrypoint" not in head:
        return None
    spec = importlib.util.find_spec("semgrep")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        core = Path(folder) / "bin" / "semgrep-core"
        if core.is_file() and os.access(core, os.X_OK):
            return str(core)
    return None


def scan_targets(tree: SourceTree) -> list[SourceFile]:
    return [f for f in tree.files if f.language in SCANNED_LANGUAGES and f.role in SCANNED_ROLES]


def run_semgrep(
    tree: SourceTree, options: InspectOptions, *, engine: str = "experimental", rules_dir: Path | None = None
) -> SemgrepRun:
    return run_semgrep_many([tree], options, engine=engine, rules_dir=rules_dir)[0]


def default_jobs() -> int:
    """semgrep's `-j` when it runs alone: both cores of a 2-core machine."""
    return max(1, min(2, os.cpu_count() or 1))


def run_semgrep_many(
    trees: Sequence[SourceTree],
    options: InspectOptions,
    *,
    engine: str = "experimental",
    rules_dir: Path | None = None,
    jobs: int | None = None,
) -> list[SemgrepRun]:
    """One semgrep process for every file of every tree (a batch amortises the start-up).

    `jobs` is semgrep's `-j` (default: `default_jobs()`). Give 1 when other work shares the cores
    (the frontends beside it, another batch worker): semgrep 1.x runs `-j 2` as two OCaml domains
    whose garbage collections wait for each other, and on a busy core that doubled its CPU time
    and lengthened its wall time (same hits, same errors)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    start = time.monotonic()
    limits = options.limits
    per_tree_errors: list[list[AnalysisError]] = [[] for _ in trees]
    targets: list[tuple[int, SourceFile]] = []
    for i, tree in enumerate(trees):
        for f in scan_targets(tree):
            if f.size > limits.semgrep_max_target_bytes:
                per_tree_errors[i].append(
                    AnalysisError(STAGE, f"not scanned by the sink rules: {f.size} bytes is over the "
                                  f"{limits.semgrep_max_target_bytes}-byte limit (only the frontend's own "
                                  "sink table applies to it)", f.path)
                )
            else:
                targets.append((i, f))
    if not targets:
        return [SemgrepRun((), tuple(e), frozenset(), 0.0) for e in per_tree_errors]

    binary = semgrep_binary()
    configs = rule_dirs(rules_dir)
    problem = None
    if binary is None:
        problem = "semgrep is not installed: no sink was searched for"
    elif not configs:
        problem = f"no semgrep rules found under {rules_dir or rules_root()}: no sink was searched for"
    if problem or binary is None:  # binary is None only with a problem: narrowed for the type checker
        return [
            SemgrepRun((), (*errs, AnalysisError(STAGE, problem or "")), frozenset(), 0.0)
            for errs in per_tree_errors
        ]

    by_abspath = {str(f.abspath.resolve()): (i, f) for i, f in targets}
    hits: list[list[SinkHit]] = [[] for _ in trees]
    scanned: list[set[str]] = [set() for _ in trees]

    configs = needed_configs(configs, list(by_abspath))
    # the rules' own metadata (kind, sink) is read while semgrep runs, not before it starts
    doc, failure = _invoke(binary, configs, list(by_abspath), limits, engine, jobs,
                           while_running=lambda: load_rules(rules_dir))
    rules = load_rules(rules_dir)
    if failure:
        return [SemgrepRun((), (*e, _failure(failure)), frozenset(), time.monotonic() - start)
                for e in per_tree_errors]
    _collect(doc, lambda p: by_abspath.get(p), rules, hits, scanned, per_tree_errors, limits.semgrep_rule_timeout_s)

    # semgrep selects some files and then scans nothing in them without saying why (the native CLI
    # does so for `*.min.js`, where obfuscated payloads hide): scan those once more under neutral
    # names in a scratch folder, so that only what truly cannot be scanned is reported as such.
    reported = [{e.path for e in errs if e.path} for errs in per_tree_errors]  # syntax errors, time-outs
    missed = {a: v for a, v in by_abspath.items() if v[1].path not in scanned[v[0]] and v[1].path not in reported[v[0]]}
    if missed:
        with tempfile.TemporaryDirectory(prefix="mcpvet-semgrep-") as tmp:
            alias: dict[str, tuple[int, SourceFile]] = {}
            for n, (abspath, v) in enumerate(sorted(missed.items())):
                copy = Path(tmp) / f"f{n:05d}{Path(abspath).suffix}"
                try:
                    shutil.copyfile(abspath, copy)
                except OSError:
                    continue
                alias[str(copy.resolve())] = v
            doc, failure = (_invoke(binary, needed_configs(configs, list(alias)), list(alias), limits, engine, jobs)
                            if alias else ({}, None))
            if failure:
                for errs in per_tree_errors:
                    errs.append(_failure(f"second pass over skipped files: {failure}"))
            else:
                _collect(doc, lambda p: alias.get(p), rules, hits, scanned, per_tree_errors, limits.semgrep_rule_timeout_s)
    for i, f in by_abspath.values():
        if f.path not in scanned[i] and not any(err.path == f.path for err in per_tree_errors[i]):
            per_tree_errors[i].append(AnalysisError(STAGE, "semgrep did not scan this file: no sink hits for it", f.path))
    seconds = time.monotonic() - start
    return [
        SemgrepRun(tuple(sorted(h, key=lambda s: (s.path, s.line, s.column, s.rule))), tuple(e), frozenset(sc), seconds)
        for h, e, sc in zip(hits, per_tree_errors, scanned, strict=True)
    ]


# The file names semgrep gives each rule folder's languages (it picks a target's language by its
# name's ending; `languages` of every rule in `python/` is [python], in `javascript/` [javascript,
# typescript]). Case as written: semgrep's own table is case-sensitive.
RULE_DIR_SUFFIXES: dict[str, tuple[str, ...]] = {
    "python": (".py", ".pyi"),
    "javascript": (".js", ".jsx", ".cjs", ".mjs", ".ts", ".tsx", ".cts", ".mts"),
}


def needed_configs(configs: list[Path], paths: Sequence[str]) -> list[Path]:
    """The rule folders some of `paths` can need: a folder whose languages no file is written in
    is left off the command line (semgrep parses every pattern of every rule it is given, whatever
    the targets: the JavaScript rules cost a Python-only run ~0.03 s CPU, a seventh of a small
    package's semgrep time). The same hits, errors and scanned files: a rule applies only to files
    of its languages. Every folder stays when some file's name ends otherwise (a shebang script,
    an ending semgrep may map to a language of its own) or for a folder not in `RULE_DIR_SUFFIXES`."""
    endings = {os.path.splitext(p)[1] for p in paths}
    known = {e for suffixes in RULE_DIR_SUFFIXES.values() for e in suffixes}
    if not endings <= known:
        return configs
    kept = [c for c in configs if c.name not in RULE_DIR_SUFFIXES or endings & set(RULE_DIR_SUFFIXES[c.name])]
    return kept or configs


def _failure(message: str) -> AnalysisError:
    """A failed semgrep run as an errors[] entry: the backstop's own stage when it stopped the run."""
    return AnalysisError(OVERLOAD_STAGE if OVERLOAD in message else STAGE, message)


# bytes of target paths on one semgrep command line: Linux refuses a command line over ARG_MAX
# (2 MiB with the environment) with "Argument list too long"; a package near the member limit
# (100,000 files) is split over several runs instead
_MAX_ARGV_PATH_BYTES = 512 << 10


def _chunks(paths: list[str], budget: int | None = None) -> list[list[str]]:
    budget = _MAX_ARGV_PATH_BYTES if budget is None else budget
    out: list[list[str]] = [[]]
    used = 0
    for p in paths:
        size = len(os.fsencode(p)) + 1
        if out[-1] and used + size > budget:
            out.append([])
            used = 0
        out[-1].append(p)
        used += size
    return out


def _invoke(binary: str, configs: list[Path], paths: list[str], limits: AnalysisLimits,
            engine: str, jobs: int = 1, while_running: Callable[[], object] | None = None
            ) -> tuple[dict[str, Any], str | None]:
    """Run semgrep over `paths`, in as many runs as the command-line limit needs, within one
    overall CPU-time limit (`semgrep_timeout_s`, CPU seconds of semgrep's processes, with the
    wall-clock backstop); (merged JSON, None) or (what was merged, what went wrong).
    `while_running` is called once, while the first run is under way."""
    chunks = _chunks(paths)
    meter = CpuMeter()
    wall = time.monotonic()
    if len(chunks) == 1:
        return _invoke_once(binary, configs, paths, limits, engine, limits.semgrep_timeout_s, jobs, while_running)
    merged: dict[str, Any] = {"results": [], "errors": [], "paths": {"scanned": []}}
    for n, chunk in enumerate(chunks, 1):
        left = limits.semgrep_timeout_s - meter.seconds
        if left <= 0 or time.monotonic() - wall > limits.semgrep_timeout_s * limits.backstop_factor:
            what = (f"runs {n}-{len(chunks)} of {len(chunks)} (the files are split to fit the command line) did "
                    "not run")
            if left <= 0:
                return merged, f"semgrep used its CPU time limit of {limits.semgrep_timeout_s:g} s: {what}"
            return merged, overload_message("semgrep", limits.semgrep_timeout_s, limits.backstop_factor) + f": {what}"
        doc, failure = _invoke_once(binary, configs, chunk, limits, engine, left, jobs,
                                    while_running if n == 1 else None, meter)
        if failure:
            return merged, f"run {n} of {len(chunks)}: {failure}"
        merged["results"] += [r for r in doc.get("results", []) if isinstance(r, dict)]
        merged["errors"] += [e for e in doc.get("errors", []) if isinstance(e, dict)]
        scanned = doc.get("paths", {}).get("scanned", []) if isinstance(doc.get("paths"), dict) else []
        merged["paths"]["scanned"] += [p for p in scanned if isinstance(p, str)]
    return merged, None


def _invoke_once(binary: str, configs: list[Path], paths: list[str], limits: AnalysisLimits,
                 engine: str, cpu_s: float, jobs: int = 1, while_running: Callable[[], object] | None = None,
                 meter: CpuMeter | None = None, tick_s: float = 0.5) -> tuple[dict[str, Any], str | None]:
    """Run semgrep once within `cpu_s` CPU seconds of its processes (and the wall-clock backstop);
    (parsed JSON, None) or ({}, what went wrong). `while_running` is called once semgrep has
    started (what it raises ends semgrep and is raised); `meter` gets the CPU seconds it used."""
    core = native_core(binary) if engine == "experimental" else None
    cmd = ["osemgrep" if core else binary, "scan"]
    if engine == "experimental":
        cmd += ["--experimental", "--no-exclude-minified-files"]
    cmd += [
        "--metrics=off", "--disable-version-check", "--json", "--quiet", "--no-git-ignore",
        "--timeout", str(limits.semgrep_rule_timeout_s),
        "--timeout-threshold", str(limits.semgrep_timeout_threshold),
        "--max-target-bytes", str(limits.semgrep_max_target_bytes),
        "--max-memory", str(limits.semgrep_max_memory_mb),
        "-j", str(jobs),
    ]
    for c in configs:
        cmd += ["--config", str(c)]
    cmd += ["--", *paths]
    env = semgrep_env(os.environ, Path(binary).parent if core else None)
    try:  # what subprocess.run(capture_output=True, timeout=…) does, with `while_running` once it started
        proc = subprocess.Popen(cmd, executable=core or binary, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, stdin=subprocess.DEVNULL)
    except OSError as exc:  # present but not executable (permission denied, a broken or foreign binary)
        reason = exc.strerror or type(exc).__name__
        return {}, f"semgrep at {binary} could not be run ({reason}): no sink was searched for"
    last = [0.0]

    def cpu() -> float | None:  # the last reading stays once the process is gone
        got = process_tree_cpu_s(proc.pid)
        if got is not None:
            last[0] = got
        return got

    budget = CpuBudget(cpu_s, cpu, limits.backstop_factor)
    with proc:
        try:
            if while_running is not None:
                while_running()
            while True:
                try:
                    stdout, stderr = proc.communicate(timeout=budget.wait_s(tick_s))
                    break
                except subprocess.TimeoutExpired:  # retried: communicate loses no output
                    state = budget.state()
                    if state == "ok":
                        continue
                    proc.kill()
                    proc.wait()
                    if meter is not None:
                        meter.add(last[0])
                    if state == "cpu":
                        return {}, (f"semgrep used its CPU time limit of {limits.semgrep_timeout_s:g} s: no sink "
                                    "hits for these files")
                    return {}, overload_message("semgrep", cpu_s, limits.backstop_factor) + ": no sink hits for these files"
        except BaseException:
            proc.kill()
            raise
    if meter is not None:
        meter.add(last[0])
    try:
        doc = json.loads(stdout.decode("utf-8", "replace"))
    except json.JSONDecodeError:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return {}, f"semgrep failed (exit {proc.returncode}): {' | '.join(tail) or 'no output'}"
    return (doc if isinstance(doc, dict) else {}), None


# The OCaml runtime's minor heap for semgrep: 2M words (16 MB) instead of OCaml 5's 256k words.
# semgrep allocates heavily while parsing and matching; with the default heap a quarter of its CPU
# time went to promoting and collecting (azure-devops' 26 files, 5 alternating runs each:
# 1.99 -> 1.47 s CPU, resident memory 148 -> 181 MB). Same program, same results: the collector's
# settings change when memory is reclaimed, never what is computed. A user's own OCAMLRUNPARAM
# (or CAMLRUNPARAM) is left as it is.
OCAML_GC = "s=2M"


def semgrep_env(base: Mapping[str, str], core_dir: Path | None = None) -> dict[str, str]:
    """The environment semgrep runs with: `base` without semgrep.dev credentials, with metrics,
    version checks and git prompts off, and the collector setting `OCAML_GC`. `core_dir`: the
    folder of the entry script when semgrep-core is run directly (what the script would set)."""
    env = {k: v for k, v in base.items() if not k.startswith("SEMGREP_APP")}
    env.update({"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0", "GIT_TERMINAL_PROMPT": "0"})
    if "OCAMLRUNPARAM" not in env and "CAMLRUNPARAM" not in env:
        env["OCAMLRUNPARAM"] = OCAML_GC
    if core_dir is not None:  # what the entry script sets before it execs semgrep-core
        env["PATH"] = env.get("PATH", "") + os.pathsep + str(core_dir)
        if not any(k in env for k in ("NO_COLOR", "FORCE_COLOR", "SEMGREP_FORCE_COLOR")):
            env["NO_COLOR"] = "1"  # stderr is not a terminal
    return env


def _collect(
    doc: dict[str, Any],
    locate: Callable[[str], tuple[int, SourceFile] | None],
    rules: dict[str, SinkRule],
    hits: list[list[SinkHit]],
    scanned: list[set[str]],
    errors: list[list[AnalysisError]],
    rule_timeout_s: float = 0.0,
) -> None:
    """Turn one semgrep JSON document into hits, scanned paths and errors of the trees."""
    # the file the results are on, read once (results come grouped by file): its bytes (None when it
    # cannot be read) and whether a lone `\r` ends a line of it (semgrep counts `\n` only)
    current: tuple[Path, bytes | None, bool] | None = None
    for r in doc.get("results", []):
        located = locate(str(Path(r.get("path", "")).resolve()))
        if located is None:
            continue
        i, f = located
        rule = _rule_for(rules, str(r.get("check_id", "")))
        if rule is None:
            errors[i].append(AnalysisError(STAGE, f"hit of unknown rule {r.get('check_id')!r}", f.path))
            continue
        if current is None or current[0] != f.abspath:
            data = _read_bytes(f.abspath)
            current = (f.abspath, data, data is not None and lone_cr(data))
        _, data, recount = current
        text = _matched_text(data, r)
        line, end_line = int(r["start"]["line"]), int(r["end"]["line"])
        column = int(r["start"].get("col", 1))
        if recount and data is not None and "offset" in r["start"] and "offset" in r["end"]:
            line, end_line = byte_line(data, int(r["start"]["offset"])), byte_line(data, int(r["end"]["offset"]))
        if data is not None and "offset" in r["start"]:
            # the column in bytes, as the parsers count it (semgrep's `col` may count characters)
            at = int(r["start"]["offset"])
            column = at - max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at) if recount else -1)
        snippet = split_lines(text)
        hits[i].append(
            SinkHit(
                path=f.path,
                line=line,
                end_line=end_line,
                column=column,
                kind=rule.kind,
                sink=resolve_sink(rule, str(r.get("extra", {}).get("message", "")), text),
                rule=rule.id,
                snippet=snippet[0][:200] if snippet else "",
            )
        )
    for e in doc.get("errors", []):
        located = locate(str(Path(e.get("path", "") or "").resolve())) if e.get("path") else None
        message = str(e.get("message") or e.get("type") or "semgrep error").strip().splitlines()[0]
        if located:  # the file by its path in the package, not where this run unpacked it
            for written in (str(e.get("path")), str(located[1].abspath), str(Path(str(e.get("path"))).resolve())):
                message = message.replace(written, located[1].path)
        message = message[:300]
        stage = STAGE
        if "Timeout" in str(e.get("type")):  # semgrep's per-rule limit is wall-clock time: a backstop
            stage = OVERLOAD_STAGE
            message = (f"{OVERLOAD} (or a pathological file): semgrep's per-rule limit of "
                       f"{rule_timeout_s:g} s of wall-clock time stopped a rule here: {message}")
        if located:
            errors[located[0]].append(AnalysisError(stage, message, located[1].path))
        else:
            for errs in errors:
                errs.append(AnalysisError(stage, message))
    for p in doc.get("paths", {}).get("scanned", []):
        located = locate(str(Path(p).resolve()))
        if located is not None:
            scanned[located[0]].add(located[1].path)


def _rule_for(rules: dict[str, SinkRule], check_id: str) -> SinkRule | None:
    if check_id in rules:
        return rules[check_id]
    return rules.get(check_id.rsplit(".", 1)[-1])


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _matched_text(data: bytes | None, result: dict[str, Any]) -> str:
    """The text a result matched (its first 2,000 bytes), from the file's bytes; "" when unknown."""
    if data is None:
        return ""
    try:
        start = int(result["start"]["offset"])
        end = int(result["end"]["offset"])
    except (KeyError, ValueError):
        return ""
    return data[start:start + max(0, min(end - start, 2000))].decode("utf-8", "replace")
