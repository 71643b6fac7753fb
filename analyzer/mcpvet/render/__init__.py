"""Output formats, mapped exhaustively from the Format enum."""

from __future__ import annotations

from enum import Enum

from mcpvet.model.scorecard import Scorecard
from mcpvet.render.interface import Renderer
from mcpvet.render.json import render_json
from mcpvet.render.text import render_text


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"


RENDERERS: dict[Format, Renderer] = {
    Format.TEXT: render_text,
    Format.JSON: render_json,
}


def render(card: Scorecard, fmt: Format) -> str:
    return RENDERERS[fmt](card)


__all__ = ["Format", "RENDERERS", "Renderer", "render"]
