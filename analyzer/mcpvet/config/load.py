"""Where configuration comes from: only `--config FILE`, or else the working directory.

In the working directory `.mcpvet.toml` is read, or else the `[tool.mcpvet]` table of
`pyproject.toml`. Nothing is ever read from a package being scanned (unless the user runs mcpvet
from inside it, as a repository checking itself with `mcpvet inspect .` does): the package being
vetted cannot silence the vetter. Suppression comments in source are never honoured.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mcpvet.config.model import Config, parse_config
from mcpvet.errors import UsageError

CONFIG_NAME = ".mcpvet.toml"


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--config {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"--config {path}: is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from None


def tool_table(doc: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The `[tool.mcpvet]` table of a pyproject document, or None."""
    tool = doc.get("tool")
    table = tool.get("mcpvet") if isinstance(tool, Mapping) else None
    return table if isinstance(table, Mapping) else None


def config_file(explicit: Path | None, cwd: Path) -> tuple[Path, bool] | None:
    """(the file, whether its mcpvet table is `[tool.mcpvet]`), or None when there is none.
    `--config` names a `.mcpvet.toml`-style file, or a `pyproject.toml` (by its name)."""
    if explicit is not None:
        return explicit, explicit.name == "pyproject.toml"
    own = cwd / CONFIG_NAME
    if own.is_file():
        return own, False
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        try:
            doc = tomllib.loads(pyproject.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None  # a pyproject we cannot read is the project's business, not a config of ours
        if tool_table(doc) is not None:
            return pyproject, True
    return None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """The configuration in force (an empty Config when there is none)."""
    found = config_file(explicit, cwd or Path.cwd())
    if found is None:
        return Config()
    path, in_pyproject = found
    return parse_document(_read(path), path, in_pyproject)


def parse_document(doc: Mapping[str, Any], path: Path, in_pyproject: bool) -> Config:
    """The Config of a parsed TOML document (its `[tool.mcpvet]` table for a pyproject)."""
    if in_pyproject:
        return parse_config(tool_table(doc) or {}, path, f"{path} [tool.mcpvet]")
    return parse_config(doc, path)
