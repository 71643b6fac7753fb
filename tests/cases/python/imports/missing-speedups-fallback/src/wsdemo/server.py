from mcp.server.fastmcp import FastMCP

from .frames import Frame

mcp = FastMCP("wsdemo")


@mcp.tool()
def mask_frame(payload: str) -> str:
    """Mask a payload as a client frame would be."""
    return Frame(payload.encode()).serialize().hex()


def main() -> None:
    mcp.run()
