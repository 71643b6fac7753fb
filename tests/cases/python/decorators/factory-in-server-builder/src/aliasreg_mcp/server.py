"""A decorator factory defined inside the function that builds the server: each application registers the
function twice, under its name and under a prefixed alias, with `server.tool(func, name=...)`."""

import urllib.request
from typing import Any, Callable

from fastmcp import FastMCP


def create_server(base_url: str = "https://en.example.org") -> FastMCP:
    server: FastMCP = FastMCP(name="Encyclopedia")

    def register_tool(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            server.tool(func, name=name)
            server.tool(func, name=f"encyclopedia_{name}")
            return func

        return decorator

    @register_tool("search_articles")
    def search_articles(query: str, limit: int = 10) -> str:
        """Search the encyclopedia for articles matching a query."""
        with urllib.request.urlopen(f"{base_url}/search?q={query}&limit={limit}") as response:
            return response.read().decode("utf-8", "replace")

    @register_tool("get_summary")
    def get_summary(title: str) -> str:
        """Get the summary of an article."""
        with urllib.request.urlopen(f"{base_url}/summary/{title}") as response:
            return response.read().decode("utf-8", "replace")

    return server


def main() -> None:
    create_server().run()


if __name__ == "__main__":
    main()
