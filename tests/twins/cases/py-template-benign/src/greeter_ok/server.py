from mcp.server.fastmcp import FastMCP

mcp = FastMCP("greeter_ok")

import jinja2

CARD = jinja2.Template("Dear {{ name }},\n{{ body }}\nBest wishes")


@mcp.tool()
def greeting_card(template: str, name: str) -> str:
    """Write a greeting card for a person from a card layout."""
    return CARD.render(name=name, body=template)


def main() -> None:
    mcp.run()
