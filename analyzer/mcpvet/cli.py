"""The command line: parse options, call the api, render, map errors to exit codes.

Exit codes (contract): 0 analysed, nothing at or above --fail-on; 1 analysed, a finding at or
above --fail-on; 2 usage error or target not found; 3 the analysis itself failed.

Exits 0, 1 and 3 all write a scorecard (a failed analysis is a not-rated card saying why); only
exit 2 writes none. Everything the user gave is checked before any work starts (the output
path, list files), so a mistake costs a second, not a whole analysis.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mcpvet import __version__
from mcpvet.commands.configured import ConfigOpt
from mcpvet.errors import MCPVetError, UsageError
from mcpvet.render import Format, render

if TYPE_CHECKING:  # the model and the options load when a command runs, not for --help
    from mcpvet.model import Severity
    from mcpvet.model.scorecard import Scorecard
    from mcpvet.options import InspectOptions

app = typer.Typer(
    name="mcpvet",
    help="Static analysis of MCP servers: what does each tool really do, and does it say so?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and usage errors: importing rich for them cost more than the rest of --help
)


class FailOn(str, Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"
    NONE = "none"


class Artifact(str, Enum):
    WHEEL = "wheel"
    SDIST = "sdist"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mcpvet {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
        help="Print the version.")] = None,
) -> None:
    """mcpvet reads a package's code without running it and scores what its tools really do."""


def _options(
    pypi_url: str | None, npm_url: str | None, cache_dir: Path | None, no_cache: bool, artifact: Artifact | None,
    max_total_bytes: int | None, max_files: int | None, max_file_bytes: int | None, compare_repo: bool,
    offline: bool = False,
) -> InspectOptions:
    from mcpvet.options import InspectOptions, UnpackLimits, default_cache_dir

    base = InspectOptions()
    limits = UnpackLimits(
        max_total_bytes=max_total_bytes or base.unpack.max_total_bytes,
        max_members=max_files or base.unpack.max_members,
        max_file_bytes=max_file_bytes or base.unpack.max_file_bytes,
    )
    return InspectOptions(
        pypi_url=pypi_url or base.pypi_url,
        npm_url=npm_url or base.npm_url,
        cache_dir=cache_dir or default_cache_dir(),
        use_cache=not no_cache,
        artifact=artifact.value if artifact else None,
        compare_repo=compare_repo,
        offline=offline,
        unpack=limits,
    )


def _check_writable(path: Path, option: str, example: str) -> None:
    """Refuse a file path that cannot be created or written before any work is done (exit 2)."""
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a directory", hint=f"name a file, e.g. {option} {example}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{option} {path}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{option} {path}: not writable")


def _check_output(output: Path | None) -> None:
    if output is not None:
        _check_writable(output, "--output", "card.json")


class _ProgressLine:
    """Stage messages on stderr for long runs: silent for the first seconds, so quick runs stay
    clean; then each stage as it starts, and a reminder every few seconds while one stage lasts.
    Shown on a terminal (or with MCPVET_PROGRESS=1), never with --quiet."""

    def __init__(self, enabled: bool, after_s: float = 2.0, every_s: float = 10.0) -> None:
        self.enabled = enabled
        self.after_s = after_s
        self.every_s = every_s
        self.start = time.monotonic()
        self.current: str | None = None
        self.last_shown = self.start
        self.lock = threading.Lock()
        self.ticker: threading.Thread | None = None

    @classmethod
    def for_run(cls, quiet: bool) -> _ProgressLine:
        setting = os.environ.get("MCPVET_PROGRESS", "")
        enabled = setting == "1" or (setting != "0" and sys.stderr.isatty())
        return cls(enabled and not quiet)

    def _show(self, message: str) -> None:
        now = time.monotonic()
        sys.stderr.write(f"mcpvet: [{now - self.start:5.1f}s] {message}\n")
        sys.stderr.flush()
        self.last_shown = now

    def _tick(self) -> None:
        while True:
            time.sleep(min(self.after_s, self.every_s) / 2)
            with self.lock:
                now = time.monotonic()
                if self.current and now - self.start >= self.after_s and now - self.last_shown >= self.every_s:
                    self._show(f"still {self.current}")

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        with self.lock:
            self.current = message
            if time.monotonic() - self.start >= self.after_s:
                self._show(message)
            if self.ticker is None:
                self.ticker = threading.Thread(target=self._tick, name="mcpvet-progress", daemon=True)
                self.ticker.start()


def _fails(card: Scorecard, fail_on: FailOn) -> bool:
    if fail_on is FailOn.NONE:
        return False
    from mcpvet.model import Severity

    floor = Severity(fail_on.value)
    return any(f.severity >= floor for f in card.findings)


def _emit(text: str, output: Path | None, quiet: bool) -> None:
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:  # checked before the run, but the disk may fill or the folder go
            raise UsageError(f"--output {output}: cannot write ({exc.strerror or exc})") from None
    elif not quiet:
        sys.stdout.write(text)
        sys.stdout.flush()


PypiOpt = Annotated[str | None, typer.Option("--pypi-url", envvar="MCPVET_PYPI_URL", help="PyPI base URL (mirror).")]
NpmOpt = Annotated[str | None, typer.Option("--npm-url", envvar="MCPVET_NPM_URL", help="npm registry base URL (mirror).")]
CacheOpt = Annotated[Path | None, typer.Option("--cache-dir", envvar="MCPVET_CACHE_DIR", help="Download cache folder.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the download cache.")]
ArtifactOpt = Annotated[Artifact | None, typer.Option("--artifact",
    help="PyPI: analyse the wheel or the sdist (default: what pip would install).")]
MaxTotalOpt = Annotated[int | None, typer.Option("--max-total-bytes", min=1,
    help="Unpack at most this many bytes (default 1 GiB).")]
MaxFilesOpt = Annotated[int | None, typer.Option("--max-files", min=1,
    help="Unpack at most this many archive members (default 100,000).")]
MaxFileOpt = Annotated[int | None, typer.Option("--max-file-bytes", min=1,
    help="Largest single file to unpack (default 256 MiB).")]
CompareOpt = Annotated[bool, typer.Option("--compare-repo",
    help="Fetch the declared source repository and report files that ship but are not in it.")]
OfflineOpt = Annotated[bool, typer.Option("--offline", envvar="MCPVET_OFFLINE",
    help="Use no network at all: registry packages only from the cache; every check that needs a service is inconclusive "
    "and says why.")]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", case_sensitive=False,
    help="Exit 1 when a finding is at or above this severity.")]


@app.command()
def inspect(
    spec: Annotated[str, typer.Argument(
        help="pypi:NAME or pypi:NAME==VER, npm:NAME or npm:NAME@VER, git+https://…@REF, a folder, an archive, or a bare "
        "name.")],
    format: Annotated[Format | None, typer.Option("--format", "-f", case_sensitive=False,
        help="Output format (default: the configuration's, else text).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
        help="Write the report to this file instead of stdout.")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", case_sensitive=False,
        help="Exit 1 when a finding is at or above this severity (default: the configuration's, else high).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no report (the exit code still tells).")] = False,
    config: ConfigOpt = None,
    pypi_url: PypiOpt = None,
    npm_url: NpmOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    artifact: ArtifactOpt = None,
    max_total_bytes: MaxTotalOpt = None,
    max_files: MaxFilesOpt = None,
    max_file_bytes: MaxFileOpt = None,
    compare_repo: CompareOpt = False,
    offline: OfflineOpt = False,
) -> None:
    """Analyse one MCP server package and print its scorecard."""
    from mcpvet import api
    from mcpvet.commands import configured
    from mcpvet.fetch.spec import parse_spec

    _check_output(output)
    parse_spec(spec)  # a malformed spec is a usage error before any work
    settings = configured.load(config)  # a broken configuration too
    format = format or Format(settings.format or "text")
    fail_on = fail_on or FailOn(settings.fail_on or "high")
    limits = settings.limits
    opts = _options(pypi_url, npm_url, cache_dir, no_cache, artifact, max_total_bytes or limits.get("max_total_bytes"),
                    max_files or limits.get("max_files"), max_file_bytes or limits.get("max_file_bytes"),
                    compare_repo, offline)
    card = configured.suppress(api.inspect(spec, opts, progress=_ProgressLine.for_run(quiet)), settings, quiet)
    if not quiet:
        for note in card.notes:
            sys.stderr.write(f"mcpvet: {note}\n")
    if format is Format.TEXT and output is None and sys.stdout.isatty():
        from mcpvet.render.text import render_text

        text = render_text(card, width=max(80, shutil.get_terminal_size().columns), color=True)
    else:
        text = render(card, format)
    _emit(text, output, quiet)
    if card.failed and not quiet:
        sys.stderr.write(f"mcpvet: error: {card.errors[-1].message}\n")
    raise typer.Exit(_exit_code(card, fail_on))


def _exit_code(card: Scorecard, fail_on: FailOn) -> int:
    """3 when the analysis failed, else 1 when a finding is at or above --fail-on, else 0."""
    if card.failed:
        return 3
    return 1 if _fails(card, fail_on) else 0


def _read_targets(specs: list[str]) -> list[str]:
    expanded: list[str] = []
    for s in specs:
        if not s.startswith("@"):
            expanded.append(s)
            continue
        path = Path(s[1:])
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise UsageError(f"{s}: no such list file") from None
        except IsADirectoryError:
            raise UsageError(f"{s}: is a directory, not a list file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{s}: cannot read the list file ({type(exc).__name__}: {exc})") from None
        expanded += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if not expanded:
        raise UsageError("no targets given", hint="mcpvet batch SPEC… or @FILE with one target per line")
    return expanded


def _check_db(db: Path) -> None:
    """The store must be a file we can create or write (exit 2 before any work)."""
    _check_writable(db, "--db", "mcpvet.db")


def _floor(fail_on: FailOn) -> Severity | None:
    from mcpvet.model import Severity

    return None if fail_on is FailOn.NONE else Severity(fail_on.value)


@app.command()
def batch(
    specs: Annotated[list[str] | None, typer.Argument(help="Targets, or @FILE to read one target per line.")] = None,
    registry: Annotated[str | None, typer.Option("--registry",
        help="MCP Registry base URL, e.g. https://registry.modelcontextprotocol.io: analyse every pypi and npm package it "
        "lists.")] = None,
    listing: Annotated[list[Path] | None, typer.Option("--listing",
        help="A saved listing: a ServerList page, a JSON array of entries or ServerDetails, or JSON lines of entries "
        "(repeatable).")] = None,
    updated_since: Annotated[str | None, typer.Option("--updated-since",
        help="With --registry: only entries updated since this RFC 3339 time (deltas).")] = None,
    db: Annotated[Path, typer.Option("--db",
        help="SQLite store of the results (created if missing; reruns resume).")] = Path("mcpvet.db"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1,
        help="Worker processes (default: the number of cores).")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler",
        help="Run on Dask distributed: tcp://HOST:8786, or 'local' for a LocalCluster of --jobs workers.")] = None,
    rescan: Annotated[bool, typer.Option("--rescan", help="Analyse again what the store already has.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=1,
        help="CPU seconds one target may use (its worker, semgrep and parser processes) before its worker is "
        "killed; a target still running after 10 times this in wall-clock time is killed as an overload.")] = 600.0,
    memory_mb: Annotated[int, typer.Option("--memory-mb", min=64,
        help="Resident memory one target may use (worker and its subprocesses) before it is killed.")] = 4096,
    fail_on: FailOnOpt = FailOn.HIGH,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary (the exit code still tells).")] = False,
    pypi_url: PypiOpt = None,
    npm_url: NpmOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    offline: OfflineOpt = False,
) -> None:
    """Analyse many packages into a SQLite store (resumable); `mcpvet report` turns it into HTML, JSON lines or CSV.

    Targets come from --registry (the MCP Registry API), --listing files, and SPEC/@FILE
    arguments. Each target runs in an isolated worker with --timeout and --memory-mb; a failed
    or killed target is a row with its error. Exit 3 only when the batch could not run, else 1
    when any scorecard has a finding at or above --fail-on, else 0 (failed targets are counted
    in the summary). Ctrl-C keeps what is done: rerun the same command to resume.
    """
    from mcpvet.batch import listing as listing_mod
    from mcpvet.batch.pool import Limits, LocalPool
    from mcpvet.batch.runner import RichProgress, run_batch
    from mcpvet.batch.store import Store, StoreError
    from mcpvet.batch.targets import items_from_listing, items_from_specs
    from mcpvet.fetch.spec import parse_spec

    _check_db(db)
    expanded = _read_targets(specs) if specs else []
    for spec in expanded:
        parse_spec(spec)  # a malformed spec is a usage error before any work
    for path in listing or []:
        if not path.is_file():
            raise UsageError(f"--listing {path}: no such file")
    if not (expanded or registry or listing):
        raise UsageError("no targets given", hint="mcpvet batch SPEC… or @FILE, --registry URL or --listing FILE")
    if updated_since and not registry:
        raise UsageError("--updated-since needs --registry")
    opts = _options(pypi_url, npm_url, cache_dir, no_cache, None, None, None, None, False, offline)
    limits = Limits(timeout_s=timeout, memory_mb=memory_mb)
    workers = jobs or os.cpu_count() or 1

    def source() -> object:
        if expanded:
            yield from items_from_specs(expanded)
        for path in listing or []:
            yield from items_from_listing(listing_mod.read_listing_file(path))
        if registry:
            client = listing_mod.RegistryClient(registry, updated_since=updated_since)
            try:
                yield from items_from_listing(client.entries())
            finally:
                client.close()

    labels = ([f"{len(expanded)} targets"] if expanded else []) + [f"listing {p}" for p in listing or []]
    labels += [f"registry {registry}"] if registry else []
    try:
        store = Store(db)
    except StoreError as exc:
        sys.stderr.write(f"mcpvet: error: {exc}\n")
        raise typer.Exit(3) from None
    executor: object
    if scheduler:
        from mcpvet.batch.dask_executor import DaskPool, DaskUnavailable

        try:
            executor = DaskPool(scheduler, opts, limits, workers=workers)
        except DaskUnavailable as exc:
            store.close()
            sys.stderr.write(f"mcpvet: error: {exc}\n")
            raise typer.Exit(3) from None
    else:
        executor = LocalPool(workers, opts, limits)
    progress = RichProgress.for_run(quiet, total=len(expanded) if expanded and not (registry or listing) else None)
    try:
        summary = run_batch(source(), store, executor, source_label="; ".join(labels), rescan=rescan,  # type: ignore[arg-type]
                            fail_floor=_floor(fail_on), listener=progress)
    finally:
        progress.stop()
        store.close()
        if hasattr(executor, "close"):
            executor.close()
    c = summary.counts
    if not quiet:
        for p in summary.problems:
            sys.stderr.write(f"mcpvet: listing {p.origin}: {p.message}\n")
        sys.stderr.write(
            f"mcpvet: batch run {summary.run_id}: {c['analysed']} analysed, {c['failed']} failed, "
            f"{c['unsupported']} unsupported, {c['skipped']} skipped, {summary.reused} already done, "
            f"in {summary.seconds:.1f} s ({summary.rate_per_hour():,.0f} packages/h); "
            f"{len(summary.failing)} with a finding at or above {fail_on.value}; results in {db} "
            f"(mcpvet report --db {db} --html report.html)\n")
    if summary.interrupted:
        sys.stderr.write(f"mcpvet: interrupted: what is done is kept in {db}; run the same command again to resume\n")
        raise typer.Exit(130)
    nothing = summary.listed == 0 and summary.reused == 0
    if summary.stopped and nothing:
        raise typer.Exit(3)  # the listing could not be read at all: the batch did not run
    raise typer.Exit(1 if summary.failing else 0)


@app.command()
def report(
    db: Annotated[Path, typer.Option("--db", help="The store written by mcpvet batch.")] = Path("mcpvet.db"),
    html: Annotated[Path | None, typer.Option("--html",
        help="Write one self-contained HTML page (plots, searchable table).")] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Write one JSON line per target ('-': stdout).")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write one CSV row per target ('-': stdout).")] = None,
) -> None:
    """Report on a batch store: HTML with plots, JSON lines or CSV (JSON lines on stdout by default)."""
    from mcpvet.batch import report as rep
    from mcpvet.batch.store import Store, StoreError

    if not db.is_file():
        raise UsageError(f"--db {db}: no such store", hint="run mcpvet batch first")
    outputs = [(p, fn) for p, fn in ((html, rep.html_page), (jsonl, rep.jsonl), (csv, rep.csv_text)) if p is not None]
    if not outputs:
        outputs = [(Path("-"), rep.jsonl)]
    for path, _ in outputs:
        if str(path) != "-":
            _check_output(path)
    try:
        store = Store(db)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    try:
        for path, fn in outputs:
            text = fn(store)
            if str(path) == "-":
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                _emit(text, path, True)
    finally:
        store.close()


from mcpvet.commands import register  # noqa: E402 - the other commands reuse the options defined above

register(app)


def main() -> None:
    from mcpvet import clifast, dccache, rxcache
    from mcpvet.options import default_cache_dir

    rxcache.install(default_cache_dir())  # compiled regular expressions kept between runs, like .pyc files
    dccache.install(default_cache_dir())  # and the methods @dataclass writes, compiled
    clifast.install()  # option values converted as typer does, without loading pydantic
    registered = app.registered_commands
    app.registered_commands = _named_command(sys.argv[1:]) or registered
    try:
        code = app(standalone_mode=False)
        if code == 130:  # typer turns Ctrl-C into Exit(130), which click returns when not standalone
            sys.stderr.write("mcpvet: interrupted\n")
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except MCPVetError as exc:
        sys.stderr.write(f"mcpvet: error: {exc}\n")
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):  # click turns Ctrl-C into Abort when not standalone
        sys.stderr.write("mcpvet: interrupted\n")
        sys.exit(130)
    except typer.BadParameter as exc:
        sys.stderr.write(f"mcpvet: error: {exc}\n")
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - click's usage errors (typer vendors click), then our own bugs
        if any(c.__name__ == "ClickException" for c in type(exc).__mro__):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(2)
        if os.environ.get("MCPVET_DEBUG"):
            import traceback

            traceback.print_exc()
        sys.stderr.write(f"mcpvet: internal error: {type(exc).__name__}: {exc} "
                         "(a bug in mcpvet; MCPVET_DEBUG=1 shows the traceback)\n")
        sys.exit(3)
    finally:
        app.registered_commands = registered


def _named_command(args: list[str]) -> list[Any]:
    """The one registered command the command line names first (`mcpvet inspect …`), or [] (an
    option first, `--help`, a typo: typer sees every command and answers as it always did). typer
    turns each registered command's signature into click parameters on every start; the others
    are never used by this run (about 30 ms of CPU before the analysis starts)."""
    if not args or args[0].startswith("-"):
        return []
    from typer.main import get_command_name

    return [c for c in app.registered_commands
            if (c.name or (get_command_name(c.callback.__name__) if c.callback else None)) == args[0]]
