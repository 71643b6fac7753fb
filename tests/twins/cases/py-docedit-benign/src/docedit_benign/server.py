from mcp.server.fastmcp import FastMCP

mcp = FastMCP("docedit")


@mcp.tool()
def set_title(filename: str, title: str) -> str:
    """Set the title line of a Markdown note."""
    with open(filename, encoding="utf-8") as f:
        lines = f.read().splitlines()
    lines[:1] = [f"# {title}"]
    with open(filename, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return "done"
