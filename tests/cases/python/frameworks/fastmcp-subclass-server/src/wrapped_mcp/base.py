from typing import Any, Generic, TypeVar

from fastmcp import FastMCP

T = TypeVar("T")


class LoggingFastMCP(FastMCP[T], Generic[T]):
    """Registers every tool through super() after wrapping it."""

    def tool(self, name_or_fn: Any = None, **kwargs: Any) -> Any:
        if callable(name_or_fn):
            return super().tool(name_or_fn, **kwargs)

        def decorator(fn: Any) -> Any:
            return super(LoggingFastMCP, self).tool(fn, **kwargs)

        return decorator
