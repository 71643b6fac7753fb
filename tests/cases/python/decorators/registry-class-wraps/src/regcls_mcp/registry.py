import functools
import inspect

from mcp.server import MCPServer


class ToolRegistry:
    def __init__(self, server: MCPServer, read_only: bool) -> None:
        self.server = server
        self.read_only = read_only

    def reader(self, title: str):
        return self._register(title, True)

    def writer(self, title: str):
        return self._register(title, False)

    def _register(self, title: str, read_only_hint: bool):
        def decorate(function):
            if self.read_only and not read_only_hint:
                return function
            self.server.tool(
                title=title,
                description=inspect.cleandoc(function.__doc__ or ""),
            )(_guarded(function))
            return function

        return decorate


def _guarded(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ValueError as error:
            raise RuntimeError(str(error)) from error

    return wrapper
