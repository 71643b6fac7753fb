"""Output formats, mapped exhaustively from the Format enum.

Each renderer is imported only when its format is asked for (the terminal renderer pulls in
rich, which `mcpvet --help` or a JSON run never needs).
"""

from __future__ import annotations

from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcpvet.model.scorecard import Scorecard
    from mcpvet.render.interface import Renderer


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"


RENDERERS: dict[Format, tuple[str, str]] = {
    Format.TEXT: ("mcpvet.render.text", "render_text"),
    Format.JSON: ("mcpvet.render.json", "render_json"),
    Format.MARKDOWN: ("mcpvet.render.markdown", "render_markdown"),
    Format.SARIF: ("mcpvet.render.sarif", "render_sarif"),
}
"""Format -> (module, function) of its renderer, imported on first use."""


def renderer(fmt: Format) -> Renderer:
    module, name = RENDERERS[fmt]
    found: Renderer = getattr(import_module(module), name)
    return found


def render(card: Scorecard, fmt: Format) -> str:
    return renderer(fmt)(card)


__all__ = ["RENDERERS", "Format", "render", "renderer"]
