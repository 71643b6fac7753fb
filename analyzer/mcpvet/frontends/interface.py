"""The language frontend extension point.

A frontend reads the files of its languages (never imports or runs them), extracts the MCP
tools they declare, builds a call graph from every handler and attaches the sink hits it is
given (and those of its own third-party table) to the functions that contain them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from mcpvet.model import FrontendResult, Language, SinkHit, SourceTree
from mcpvet.options import InspectOptions


class LanguageFrontend(Protocol):
    languages: tuple[Language, ...]

    def analyze(self, tree: SourceTree, hits: Sequence[SinkHit], options: InspectOptions) -> FrontendResult:
        """Facts only: tools, capabilities with call paths, package-level behaviour, errors.

        `hits` are the semgrep hits of the whole package (every language); keep those in
        your files. Must not raise for a bad file: turn it into an AnalysisError.
        """
        ...
