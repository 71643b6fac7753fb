"""`mcpvet diff OLD NEW` and `mcpvet diff npm:NAME`: what changed between two versions of a server.

Suppressions of the configuration apply to both sides (a suppressed finding is neither new nor
resolved). Exit codes: 0 both analysed, nothing new at or above --fail-on; 1 a new finding (or a finding
whose severity rose) at or above --fail-on; 2 usage error or target not found; 3 the analysis
of either side failed (the diff is still written, with that side not rated).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mcpvet.cli import (
    ArtifactOpt,
    CacheOpt,
    FailOn,
    NoCacheOpt,
    NpmOpt,
    OfflineOpt,
    PypiOpt,
    _check_output,
    _emit,
    _options,
    _ProgressLine,
)
from mcpvet.commands.configured import ConfigOpt
from mcpvet.errors import UsageError
from mcpvet.render import Format


def diff(
    old: Annotated[str, typer.Argument(help="The older target (any spec), or with no NEW a registry spec "
                                            "(npm:NAME, pypi:NAME[==VER]) compared with the release before it.")],
    new: Annotated[str | None, typer.Argument(help="The newer target (any spec).")] = None,
    format: Annotated[Format | None, typer.Option("--format", "-f", case_sensitive=False,
        help="Output format (default: the configuration's, else text).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
        help="Write the diff to this file instead of stdout.")] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", case_sensitive=False,
        help="Exit 1 when a new finding (or one whose severity rose) is at or above this severity "
        "(default: the configuration's, else high).")] = None,
    config: ConfigOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no diff (the exit code still tells).")] = False,
    pypi_url: PypiOpt = None,
    npm_url: NpmOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    artifact: ArtifactOpt = None,
    offline: OfflineOpt = False,
) -> None:
    """Compare two versions of a server tool by tool: tools added, removed and changed, findings new
    and resolved, provenance changes. --fail-on judges only what is new."""
    from mcpvet import api
    from mcpvet.commands.configured import load, suppress
    from mcpvet.diff import compare, counted_as_new
    from mcpvet.diff.render import RENDERERS
    from mcpvet.fetch.previous import previous_pair
    from mcpvet.fetch.spec import parse_spec

    _check_output(output)
    settings = load(config)
    format = format or Format(settings.format or "text")
    fail_on = fail_on or FailOn(settings.fail_on or "high")
    lim = settings.limits
    opts = _options(pypi_url, npm_url, cache_dir, no_cache, artifact, lim.get("max_total_bytes"), lim.get("max_files"),
                    lim.get("max_file_bytes"), False, offline)
    if new is None:
        parse_spec(old)
        old, new = previous_pair(old, opts)
        if not quiet:
            sys.stderr.write(f"mcpvet: comparing {old} with {new}\n")
    parse_spec(old)
    parse_spec(new)
    progress = _ProgressLine.for_run(quiet)
    cards = []
    for spec, card in api.batch([old, new], opts, chunk=2, progress=progress):  # one semgrep run for both sides
        if isinstance(card, UsageError):
            raise card
        cards.append((spec, suppress(card, settings, quiet)))
    (_, before), (_, after) = cards
    result = compare(before.to_json(), after.to_json())
    _emit(RENDERERS[format.value](result), output, quiet)
    failed = [c for c in (before, after) if c.failed]
    if not quiet:
        for card in failed:
            sys.stderr.write(f"mcpvet: error: {card.target.spec}: {card.errors[-1].message}\n")
    if failed:
        raise typer.Exit(3)
    if fail_on is FailOn.NONE:
        raise typer.Exit(0)
    from mcpvet.model import Severity

    raise typer.Exit(1 if counted_as_new(result["findings"], Severity(fail_on.value)) else 0)
