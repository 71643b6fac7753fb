from mcp.server.fastmcp import FastMCP

from .tools import notes, web  # noqa: F401  (importing them fills the registry)
from .tools._registry import register_all_tools

mcp = FastMCP("reglist")
register_all_tools(mcp)


def main() -> None:
    mcp.run()


if __name__ == "__main__":
    main()
