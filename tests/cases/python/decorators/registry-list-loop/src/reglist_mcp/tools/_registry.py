"""A decorator that collects tools into a module-level list; register_all_tools() registers them later."""

import functools
import inspect
from typing import Any, Callable, cast

_tool_registry: list[tuple[str, Callable[..., Any]]] = []


def logged_tool() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Collect the decorated function as a tool (wrapped to log its calls)."""

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                print("call", func.__name__)
                return await func(*args, **kwargs)

            wrapper = cast(Callable[..., Any], async_wrapper)
        else:

            @functools.wraps(func)
            def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
                print("call", func.__name__)
                return func(*args, **kwargs)

            wrapper = sync_wrapper
        _tool_registry.append((func.__name__, wrapper))
        return wrapper

    return decorator


def register_all_tools(mcp: Any) -> None:
    """Register every collected tool with the server."""
    for _, wrapper in _tool_registry:
        mcp.tool()(wrapper)
