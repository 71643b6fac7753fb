"""Renderers are pure: a scorecard in, text out; sorted, relative paths, no timestamps."""

from __future__ import annotations

from typing import Protocol

from mcpvet.model.scorecard import Scorecard


class Renderer(Protocol):
    def __call__(self, card: Scorecard) -> str: ...
