"""Output formats, mapped exhaustively from the Format enum."""

from __future__ import annotations

from enum import Enum

from mcpvet.model.scorecard import Scorecard
from mcpvet.render.interface import Renderer
from mcpvet.render.json import render_json
from mcpvet.render.markdown import render_markdown
from mcpvet.render.sarif import render_sarif
from mcpvet.render.text import render_text


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"


RENDERERS: dict[Format, Renderer] = {
    Format.TEXT: render_text,
    Format.JSON: render_json,
    Format.MARKDOWN: render_markdown,
    Format.SARIF: render_sarif,
}


def render(card: Scorecard, fmt: Format) -> str:
    return RENDERERS[fmt](card)


__all__ = ["Format", "RENDERERS", "Renderer", "render"]
