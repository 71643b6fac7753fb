"""The command line: parse options, call the api, render, map errors to exit codes.

Exit codes (contract): 0 analysed, nothing at or above --fail-on; 1 analysed, a finding at or
above --fail-on; 2 usage error or target not found; 3 the analysis itself failed.
"""

from __future__ import annotations

import json
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from mcpvet import __version__
from mcpvet.errors import MCPVetError, UsageError
from mcpvet.model import Severity
from mcpvet.model.scorecard import Scorecard
from mcpvet.options import InspectOptions, UnpackLimits, default_cache_dir
from mcpvet.render import Format, render

app = typer.Typer(
    name="mcpvet",
    help="Static analysis of MCP servers: what does each tool really do, and does it say so?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = None,
) -> None:
    """mcpvet reads a package's code without running it and scores what its tools really do."""


def _options(
    pypi_url: str | None, npm_url: str | None, cache_dir: Path | None, no_cache: bool, artifact: Artifact | None,
    max_total_bytes: int | None, max_files: int | None, max_file_bytes: int | None, compare_repo: bool,
) -> InspectOptions:
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
        unpack=limits,
    )


def _fails(card: Scorecard, fail_on: FailOn) -> bool:
    if fail_on is FailOn.NONE:
        return False
    floor = Severity(fail_on.value)
    return any(f.severity >= floor for f in card.findings)


def _emit(text: str, output: Path | None, quiet: bool) -> None:
    if output is not None:
        output.write_text(text, encoding="utf-8")
    elif not quiet:
        sys.stdout.write(text)
        sys.stdout.flush()


PypiOpt = Annotated[Optional[str], typer.Option("--pypi-url", envvar="MCPVET_PYPI_URL", help="PyPI base URL (mirror).")]
NpmOpt = Annotated[Optional[str], typer.Option("--npm-url", envvar="MCPVET_NPM_URL", help="npm registry base URL (mirror).")]
CacheOpt = Annotated[Optional[Path], typer.Option("--cache-dir", envvar="MCPVET_CACHE_DIR", help="Download cache folder.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the download cache.")]
ArtifactOpt = Annotated[Optional[Artifact], typer.Option("--artifact", help="PyPI: analyse the wheel or the sdist (default: what pip would install).")]
MaxTotalOpt = Annotated[Optional[int], typer.Option("--max-total-bytes", min=1, help="Unpack at most this many bytes (default 1 GiB).")]
MaxFilesOpt = Annotated[Optional[int], typer.Option("--max-files", min=1, help="Unpack at most this many archive members (default 100,000).")]
MaxFileOpt = Annotated[Optional[int], typer.Option("--max-file-bytes", min=1, help="Largest single file to unpack (default 256 MiB).")]
CompareOpt = Annotated[bool, typer.Option("--compare-repo", help="Fetch the declared source repository and report files that ship but are not in it.")]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", case_sensitive=False, help="Exit 1 when a finding is at or above this severity.")]


@app.command()
def inspect(
    spec: Annotated[str, typer.Argument(help="pypi:NAME or pypi:NAME==VER, npm:NAME or npm:NAME@VER, git+https://…@REF, a folder, an archive, or a bare name.")],
    format: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")] = Format.TEXT,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    fail_on: FailOnOpt = FailOn.HIGH,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no report (the exit code still tells).")] = False,
    pypi_url: PypiOpt = None,
    npm_url: NpmOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    artifact: ArtifactOpt = None,
    max_total_bytes: MaxTotalOpt = None,
    max_files: MaxFilesOpt = None,
    max_file_bytes: MaxFileOpt = None,
    compare_repo: CompareOpt = False,
) -> None:
    """Analyse one MCP server package and print its scorecard."""
    from mcpvet import api

    opts = _options(pypi_url, npm_url, cache_dir, no_cache, artifact, max_total_bytes, max_files, max_file_bytes, compare_repo)
    card = api.inspect(spec, opts)
    if not quiet:
        for note in card.notes:
            sys.stderr.write(f"mcpvet: {note}\n")
    if format is Format.TEXT and output is None and sys.stdout.isatty():
        from mcpvet.render.text import render_text

        text = render_text(card, width=max(80, shutil.get_terminal_size().columns), color=True)
    else:
        text = render(card, format)
    _emit(text, output, quiet)
    raise typer.Exit(1 if _fails(card, fail_on) else 0)


@app.command()
def batch(
    specs: Annotated[list[str], typer.Argument(help="Targets, or @FILE to read one target per line.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSON lines here instead of stdout.")] = None,
    fail_on: FailOnOpt = FailOn.HIGH,
    pypi_url: PypiOpt = None,
    npm_url: NpmOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Analyse many packages (semgrep starts once per chunk); one JSON line per target.

    A target that fails becomes a line {"spec", "error", "exit_code"}. Exit 1 when any scorecard
    has a finding at or above --fail-on, 3 when any target failed.
    """
    from mcpvet import api
    from mcpvet.render.json import render_json

    expanded: list[str] = []
    for s in specs:
        if s.startswith("@"):
            lines = Path(s[1:]).read_text(encoding="utf-8").splitlines()
            expanded += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        else:
            expanded.append(s)
    opts = _options(pypi_url, npm_url, cache_dir, no_cache, None, None, None, None, False)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    worst = 0
    try:
        for spec, result in api.batch(expanded, opts):
            if isinstance(result, MCPVetError):
                line = json.dumps({"spec": spec, "error": str(result), "exit_code": result.exit_code})
                worst = max(worst, 3)
            else:
                line = json.dumps(json.loads(render_json(result)), ensure_ascii=False)
                if _fails(result, fail_on):
                    worst = max(worst, 1)
            out.write(line + "\n")
            out.flush()
    finally:
        if output:
            out.close()
    raise typer.Exit(worst)


def main() -> None:
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except MCPVetError as exc:
        sys.stderr.write(f"mcpvet: error: {exc}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("mcpvet: interrupted\n")
        sys.exit(130)
    except (typer.BadParameter, typer.Abort) as exc:
        sys.stderr.write(f"mcpvet: error: {exc}\n")
        sys.exit(2)
    except Exception as exc:  # click's usage errors (typer vendors click), then our own bugs
        if any(c.__name__ == "ClickException" for c in type(exc).__mro__):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(2)
        import traceback

        traceback.print_exc()
        sys.stderr.write(f"mcpvet: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(3)
