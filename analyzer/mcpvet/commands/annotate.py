"""`mcpvet annotate PATH`: write MCP tool annotations matching the code (see `mcpvet.annotate`).

Exit codes: 0 written (or nothing to do); 1 with --check, an annotation is missing or
contradicted (when writing: one could not be placed); 2 usage error; 3 the analysis failed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mcpvet.errors import UsageError
from mcpvet.options import InspectOptions


def annotate(
    path: Annotated[Path, typer.Argument(help="The server's folder (its own repository: its files are rewritten).")],
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 when an annotation is missing or "
        "contradicted by the code.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the patch instead of writing it.")] = False,
) -> None:
    """Write MCP tool annotations (readOnlyHint, destructiveHint, idempotentHint, openWorldHint) matching what each
    tool's code does into its Python declaration; for JS/TS tools, print them."""
    from mcpvet import api
    from mcpvet.annotate.command import run

    if not path.is_dir():
        raise UsageError(f"{path}: not a folder", hint="mcpvet annotate ./my-server")
    card = api.inspect(str(path), InspectOptions(offline=True))
    if card.failed:
        sys.stderr.write(f"mcpvet: error: {card.errors[-1].message}\n")
        raise typer.Exit(3)
    raise typer.Exit(run(card, path, check=check, diff=diff, out=sys.stdout, err=sys.stderr))
