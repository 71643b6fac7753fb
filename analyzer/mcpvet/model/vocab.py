"""Closed vocabularies of the scorecard contract, as str enums whose values are the contract strings."""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    """A capability kind (contract: tools[].capabilities[].kind)."""

    NETWORK = "network"
    FS_READ = "fs_read"
    FS_WRITE = "fs_write"
    PROCESS = "process"
    CODE_EXEC = "code_exec"
    ENV = "env"


class Severity(str, Enum):
    """A finding severity, ordered by `rank`."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self.value)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_ORDER = ("info", "low", "medium", "high", "critical")


class Ecosystem(str, Enum):
    PYPI = "pypi"
    NPM = "npm"
    GIT = "git"
    LOCAL = "local"


class Language(str, Enum):
    PYTHON = "python"
    JAVASCRIPT = "javascript"
    TYPESCRIPT = "typescript"
    OTHER = "other"


class FileRole(str, Enum):
    """Why a file is (or is not) part of the server's own code."""

    SOURCE = "source"
    TEST = "test"
    VENDORED = "vendored"
    NODE_MODULES = "node_modules"
    BUILD_SCRIPT = "build_script"  # setup.py, install scripts named by package.json
    BROWSER = "browser"  # JavaScript a web page loads, not the server (mcpvet.discover.browser)
