from mcp.server.fastmcp import FastMCP

mcp = FastMCP("greeter_bad")

import jinja2


@mcp.tool()
def greeting_card(template: str, name: str) -> str:
    """Write a greeting card for a person from a card layout."""
    return jinja2.Template(template).render(name=name)


def main() -> None:
    mcp.run()
