"""Scanning the package's source files as text, each in a killable worker: obfuscation signs,
credential paths inside string literals (comments and docstrings left out), telemetry addresses,
SDKs and settings, and downloads made executable and run (`mcpvet.facts.phonehome`). Never imports or runs
a file. Gathered once per analysis (`mcpvet.facts.gather`) for the checks that judge them."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, replace

from mcpvet.behaviour import hostile, sensitive
from mcpvet.behaviour.declared import KNOWN_PROGRAMS as _COMMAND_PROGRAMS
from mcpvet.behaviour.obfuscation import ObfuscationSign
from mcpvet.behaviour.obfuscation import scan as scan_obfuscation
from mcpvet.cputime import OVERLOAD, OVERLOAD_STAGE
from mcpvet.facts.exposure import ExposureSign, exposure_signs
from mcpvet.facts.mutations import DescriptionChange, description_changes
from mcpvet.facts.phonehome import DownloadExec, TelemetryHint, download_exec, telemetry_hints, telemetry_settings
from mcpvet.isolate import map_isolated
from mcpvet.model import AnalysisError, SourceFile
from mcpvet.options import AnalysisLimits
from mcpvet.textlines import breaks, split_lines

_SKIPPED = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT})


def _python_strings(text: str) -> list[tuple[int, str]] | None:
    """String literals of Python source by the tokenizer, docstrings left out; None when it cannot
    tokenize the text. One pass, tokens not kept: time and memory grow with the text."""
    out: list[tuple[int, str]] = []
    fstring_middle = getattr(tokenize, "FSTRING_MIDDLE", -1)  # Python 3.12+ splits f-strings
    prev: tokenize.TokenInfo | None = None  # the last token that is not layout or a comment
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == fstring_middle:
                out.append((tok.start[0], tok.string))
            elif tok.type == tokenize.STRING:
                is_doc = tok.string.lstrip("rRbBuUfF").startswith(('"""', "\'\'\'")) and (
                    prev is None or prev.type == tokenize.OP and prev.string == ":")
                if not is_doc:
                    out.append((tok.start[0], tok.string))
            if tok.type not in _SKIPPED:
                prev = tok
    except (tokenize.TokenError, IndentationError, SyntaxError, ValueError, RecursionError):
        return None
    return out


_C_LIKE_TOKEN = re.compile(r"//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:\\.|[^'\\\n])*'?|\"(?:\\.|[^\"\\\n])*\"?|`(?:\\.|[^`\\])*`?", re.S)
_PY_QUOTED = re.compile(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"")


def _c_like_strings(text: str) -> list[tuple[int, str]]:
    """String and template literals of JS/TS, comments skipped (regex literals are not special-cased)."""
    out: list[tuple[int, str]] = []
    line, last = 1, 0
    for m in _C_LIKE_TOKEN.finditer(text):
        tok = m.group(0)
        if tok[0] in "'\"`":
            line += breaks(text, last, m.start())
            last = m.start()
            out.append((line, tok))
    return out


def string_literals(path: str, text: str) -> list[tuple[int, str]]:
    """(line, literal) of the string literals of a source file; comments and docstrings left out."""
    if path.endswith(".py"):
        found = _python_strings(text)
        if found is not None:
            return found
        out: list[tuple[int, str]] = []
        line, last = 1, 0  # lines counted from the previous literal on, not from the start each time
        for m in _PY_QUOTED.finditer(text):
            line += breaks(text, last, m.start())
            last = m.start()
            out.append((line, m.group(0)))
        return out
    return _c_like_strings(text)


def path_literals_only(path: str, text: str) -> str:
    """`text` with everything but its path-like string literals blanked (line breaks kept, so
    offsets and lines stay): comments, docstrings and prose (a message such as "update your MCP
    config file (e.g. claude_desktop_config.json) and restart", more than two spaces) are gone."""
    out = re.sub(r"[^\n]", " ", text)
    if not sensitive.mentions_any(text):
        return out
    chars = list(out)
    starts = [0]
    starts += [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for line, lit in string_literals(path, text):
        if lit.count(" ") > 2 or line > len(starts):
            continue
        at = text.find(lit, starts[line - 1])
        if at >= 0:
            chars[at:at + len(lit)] = lit
    return "".join(chars)


# what makes a string with spaces a command line rather than a sentence: a shell operator, a
# substitution, or an option word (`-s`, `--from`)
_SHELL_SIGNS = re.compile(r"[|;&<>`]|\$\(|(?:^|\s)--?[A-Za-z]")
_FIRST_WORD = re.compile(r"^[\"'`fFrRbBuU]*\s*([a-z][a-z0-9_.+-]*)")


def prose_literal(lit: str) -> bool:
    """A string literal that is a sentence for a person to read, a path only mentioned in it ("update
    the cookie value in your MCP config file (e.g. claude_desktop_config.json) and restart"): more
    than two spaces, no shell operator or option word, and not starting with a program's name
    (`tar czf out.tgz ~/.ssh`, `security find-generic-password -s x` are commands)."""
    if lit.count(" ") <= 2 or _SHELL_SIGNS.search(lit):
        return False
    m = _FIRST_WORD.match(lit)
    return not (m and m.group(1) in _COMMAND_PROGRAMS)


def literal_hits(text: str, path: str = "x.js",
                 literals: list[tuple[int, str]] | None = None) -> list[tuple[int, sensitive.SensitiveHit]]:
    """(line, hit) for sensitive paths inside string literals of code (not comments or docstrings);
    `literals`: the text's `string_literals`, when the caller has them already. A sentence that
    only mentions a path (`prose_literal`: an error message telling the user which file to edit)
    opens nothing and is passed over."""
    out: list[tuple[int, sensitive.SensitiveHit]] = []
    for line, lit in string_literals(path, text) if literals is None else literals:
        if prose_literal(lit):
            continue
        for hit in sensitive.find(lit):
            out.append((line, hit))
    return out


def target_hits(text: str, path: str = "x.js",
                literals: list[tuple[int, str]] | None = None) -> list[tuple[int, hostile.HostileTarget]]:
    """(line, target) for hostile targets inside string literals of code (not comments or docstrings);
    `literals`: the text's `string_literals`, when the caller has them already."""
    out: list[tuple[int, hostile.HostileTarget]] = []
    lines: list[str] | None = None
    for line, lit in string_literals(path, text) if literals is None else literals:
        for target in hostile.find(lit):
            if lines is None:
                lines = split_lines(text)
            # the context is the source line, so that a check sees a deny-list or a comparison around it
            source = lines[line - 1].strip() if 0 < line <= len(lines) else lit
            out.append((line, replace(target, context=source[:300] if lit in source else lit[:300])))
    return out


_URL_HOST = re.compile(r"\bhttps?://([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)"
                       r"(?![A-Za-z0-9.-]*[{$])")


def url_hosts(literals: list[tuple[int, str]]) -> tuple[str, ...]:
    """The hosts of the http(s) URLs written whole in string literals (`"https://notebooklm.google.com"`;
    a host with a part filled in at run time, `https://{region}.x.example`, is none), sorted."""
    return tuple(sorted({m.group(1).lower() for _, lit in literals for m in _URL_HOST.finditer(lit)}))


# ------------------------------------------------------------------ the isolated scan of one file

@dataclass(frozen=True)
class ScanJob:
    path: str  # relative POSIX path
    abspath: str
    max_bytes: int


@dataclass(frozen=True)
class FileScan:
    """What the scan of one file found; `read` is False when the file could not be read."""

    path: str
    read: bool
    signs: tuple[ObfuscationSign, ...] = ()
    hits: tuple[tuple[int, sensitive.SensitiveHit], ...] = ()
    error: str | None = None
    # hostile targets named in string literals (metadata endpoints, reverse shells, persistence …)
    targets: tuple[tuple[int, hostile.HostileTarget], ...] = ()
    telemetry: tuple[TelemetryHint, ...] = ()  # analytics addresses and SDK imports
    telemetry_settings: tuple[str, ...] = ()  # names of telemetry settings (opt-out or opt-in), when telemetry is
    downloads_run: tuple[DownloadExec, ...] = ()  # downloads made executable and started
    # tool descriptions changed after registration, tool-list-changed notifications (`mcpvet.facts.mutations`)
    changes: tuple[DescriptionChange, ...] = ()
    # how an HTTP transport is exposed: every interface, any origin or host (`mcpvet.facts.exposure`)
    exposure: tuple[ExposureSign, ...] = ()
    hosts: tuple[str, ...] = ()  # hosts of the http(s) URLs its string literals write (`url_hosts`)


def scan_file(job: ScanJob) -> FileScan:
    """Worker body (module-level, run by `map_isolated`): read one file within the size limit, look
    for obfuscation and for credential paths in its string literals."""
    try:
        with open(job.abspath, "rb") as fh:
            data = fh.read(job.max_bytes + 1)
    except OSError as exc:
        return FileScan(job.path, False, error=f"not read: {exc.strerror or exc}")
    if len(data) > job.max_bytes:
        return FileScan(job.path, False, error=f"file too large to scan (over {job.max_bytes} bytes)")
    text = data.decode("utf-8", errors="replace")
    # a literal is a piece of the text, cut at its quotes (which no pattern matches): when nothing
    # matches in the whole text, no literal needs to be found (and else they are found once). Once
    # they are to be found anyway (a URL is in the text, or a credential path), each literal is looked
    # at as soon as the strings a pattern needs are in the text: running the patterns over the whole
    # text first would tell no more (`mentions_any` and `may_find_in_pieces` are exact pre-filters),
    # at the cost of seconds on a bundle (nx-mcp, chrome-devtools-mcp)
    urls = "://" in text
    paths = sensitive.could_mention(text) if urls else sensitive.mentions_any(text)
    targets = hostile.could_find(text) if urls or paths else hostile.may_find_in_pieces(text)
    literals = string_literals(job.path, text) if paths or targets or urls else []
    hits = literal_hits(text, job.path, literals) if paths else []
    telemetry = telemetry_hints(text, job.path)
    return FileScan(job.path, True, tuple(scan_obfuscation(text)), tuple(hits),
                    targets=tuple(target_hits(text, job.path, literals)) if targets else (),
                    telemetry=telemetry, telemetry_settings=telemetry_settings(text) if telemetry else (),
                    downloads_run=download_exec(text), changes=tuple(description_changes(job.path, text)),
                    exposure=exposure_signs(text), hosts=url_hosts(literals) if urls else ())


def scan_files(files: list[SourceFile], limits: AnalysisLimits) -> tuple[dict[str, FileScan], list[AnalysisError]]:
    """`scan_file` of each file in a killable worker under the parse limits (size, time, memory).
    A file that is too large, unreadable or stops the worker is an errors[] entry."""
    scans: dict[str, FileScan] = {}
    errors: list[AnalysisError] = []
    jobs: list[ScanJob] = []
    for f in files:
        if f.size > limits.max_source_file_bytes:
            scans[f.path] = FileScan(f.path, False, error=f"file too large to scan ({f.size} bytes > "
                                     f"{limits.max_source_file_bytes})")
        else:
            jobs.append(ScanJob(f.path, str(f.abspath), limits.max_source_file_bytes))
    for job, result in map_isolated(scan_file, jobs, timeout_s=limits.parse_timeout_s,
                                    memory_bytes=limits.parse_memory_bytes, backstop_factor=limits.backstop_factor):
        scans[job.path] = (result if isinstance(result, FileScan)
                           else FileScan(job.path, False, error=f"scan stopped: {result.reason}"))
    for f in files:
        scan = scans[f.path]
        if scan.error is not None:
            errors.append(AnalysisError(
                OVERLOAD_STAGE if OVERLOAD in scan.error else "checks",
                f"package-code: {scan.error}; its strings were not checked for obfuscation or "
                          "credential paths", f.path))
    return scans, errors
