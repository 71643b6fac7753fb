"""Commands beside inspect, batch and report, each in its own module; `register` adds them to the
typer app of `mcpvet.cli` (which calls it once its shared options are defined)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from mcpvet.commands import annotate, baseline, diff

    app.command(name="diff")(diff.diff)
    app.command(name="annotate")(annotate.annotate)
    app.command(name="baseline")(baseline.baseline)


__all__ = ["register"]
