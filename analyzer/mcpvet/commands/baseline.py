"""`mcpvet baseline [TARGET]`: accept what TARGET has today, so that CI fails on new findings only.

TARGET (default `.`) is analysed; the fingerprints of its findings, less those the user's own
suppressions already cover, are written as `[[suppress]]` entries into the working directory's
configuration (`--config FILE`, else `.mcpvet.toml`, else the `[tool.mcpvet]` of `pyproject.toml`
when it has one, else a new `.mcpvet.toml`), between marker comments; the rest of the file is kept.
Exit 0 written, 2 usage error, 3 the analysis failed (nothing is written).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mcpvet.cli import (
    ArtifactOpt,
    CacheOpt,
    MaxFileOpt,
    MaxFilesOpt,
    MaxTotalOpt,
    NoCacheOpt,
    NpmOpt,
    OfflineOpt,
    PypiOpt,
    _check_writable,
    _options,
    _ProgressLine,
)
from mcpvet.commands.configured import ConfigOpt, today
from mcpvet.errors import UsageError

if TYPE_CHECKING:  # the configuration loads when the command runs, not for `--help`
    from mcpvet.config import Config


def _own_settings(path: Path, in_pyproject: bool) -> Config:
    """The configuration without its baseline block: the user's own defaults and suppressions."""
    from mcpvet.config import Config, parse_document
    from mcpvet.config.baseline import without_baseline

    if not path.exists():
        return Config(source=path)
    try:
        doc = tomllib.loads(without_baseline(path.read_text("utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc})") from None
    return parse_document(doc, path, in_pyproject)


def baseline(
    target: Annotated[str, typer.Argument(help="What to accept as it is (any spec; default: the working directory).")] = ".",
    config: ConfigOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing on success.")] = False,
    pypi_url: PypiOpt = None,
    npm_url: NpmOpt = None,
    cache_dir: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    artifact: ArtifactOpt = None,
    max_total_bytes: MaxTotalOpt = None,
    max_files: MaxFilesOpt = None,
    max_file_bytes: MaxFileOpt = None,
    offline: OfflineOpt = False,
) -> None:
    """Write TARGET's current findings as suppressions into the configuration, so CI fails on new findings only."""
    from mcpvet import api
    from mcpvet.commands.configured import suppress
    from mcpvet.config import CONFIG_NAME, config_file, write_baseline
    from mcpvet.fetch.spec import parse_spec

    found = config_file(config, Path("."))
    path, in_pyproject = found if found is not None else (Path(CONFIG_NAME), False)
    _check_writable(path, "--config" if config else "the configuration", CONFIG_NAME)
    parse_spec(target)
    settings = _own_settings(path, in_pyproject)
    limits = settings.limits
    opts = _options(pypi_url, npm_url, cache_dir, no_cache, artifact, max_total_bytes or limits.get("max_total_bytes"),
                    max_files or limits.get("max_files"), max_file_bytes or limits.get("max_file_bytes"), False, offline)
    card = api.inspect(target, opts, progress=_ProgressLine.for_run(quiet))
    if card.failed:
        sys.stderr.write(f"mcpvet: error: {card.errors[-1].message} (no baseline written)\n")
        raise typer.Exit(3)
    card = suppress(card, settings, quiet=True)  # the user's own entries stay theirs
    count = write_baseline(path, card.findings, today(), in_pyproject=in_pyproject)
    if not quiet:
        sys.stderr.write(f"mcpvet: baseline of {count} finding(s) of {target} written to {path}\n")
    raise typer.Exit(0)
