"""One shallow exception tree; each class carries the CLI exit code it maps to (contract: 2 or 3).

Inside loops over files and tools, do not raise: collect an `AnalysisError` instead.
These exceptions are for failures that end the whole run.
"""

from __future__ import annotations


class MCPVetError(Exception):
    """Base: the analysis itself failed (exit 3)."""

    exit_code: int = 3

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class UsageError(MCPVetError):
    """The command line or the target spec is wrong (exit 2)."""

    exit_code = 2


class TargetNotFound(UsageError):
    """The package, version or ref does not exist (exit 2)."""


class AmbiguousTarget(UsageError):
    """A bare name exists in more than one registry (exit 2)."""


class FetchError(MCPVetError):
    """The registry or git host could not be reached or answered nonsense (exit 3)."""


class IntegrityError(MCPVetError):
    """A downloaded artifact does not match its published digest (exit 3). Never a warning."""


class UnpackError(MCPVetError):
    """The artifact could not be unpacked at all (exit 3). Refused members are not this: they are collected."""
