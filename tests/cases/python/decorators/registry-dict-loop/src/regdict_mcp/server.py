from mcp.server.fastmcp import FastMCP

from . import ops  # noqa: F401  (importing it fills the registry)
from .registry import registered_tools

mcp = FastMCP("regdict")

for tool_name, info in registered_tools().items():
    mcp.add_tool(info["fn"], name=tool_name, description=info["description"])


def main() -> None:
    mcp.run()


if __name__ == "__main__":
    main()
