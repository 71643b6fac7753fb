from mcp.server.fastmcp import FastMCP

mcp = FastMCP("uploads_bad")

import os

UPLOADS = "/srv/app/uploads"


@mcp.tool()
def delete_upload(filename: str) -> str:
    """Delete an uploaded file from the uploads folder."""
    os.remove(f"{UPLOADS}/{filename}")
    return "deleted"


def main() -> None:
    mcp.run()
