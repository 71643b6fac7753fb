"""The configuration as the commands use it: loaded once before any work, its defaults under the
command line's options, its suppressions applied to each scorecard (expired ones said on stderr)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # loaded when a command runs: `--help` needs neither the model nor the configuration
    from mcpvet.config import Config
    from mcpvet.model.scorecard import Scorecard

ConfigOpt = Annotated[Path | None, typer.Option("--config",
    help="Read defaults and suppressions from this file (.mcpvet.toml, or a pyproject.toml's [tool.mcpvet]); "
    "by default from the working directory only, never from the package scanned.")]


def load(path: Path | None) -> Config:
    """The configuration of `--config` or the working directory (named relative to it in reports)."""
    from mcpvet.config import load_config

    return load_config(path, Path("."))


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def suppress(card: Scorecard, config: Config, quiet: bool) -> Scorecard:
    """`card` with the configured suppressions applied; each expired suppression said on stderr."""
    from mcpvet.config.suppress import apply_suppressions, expired_messages

    card = apply_suppressions(card, config, today())
    if not quiet:
        for line in expired_messages(card):
            sys.stderr.write(f"mcpvet: {line}\n")
    return card
