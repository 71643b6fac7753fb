from mcp.server.fastmcp import FastMCP

mcp = FastMCP("uploads_ok")

import os

UPLOADS = "/srv/app/uploads"


@mcp.tool()
def delete_upload(filename: str) -> str:
    """Delete an uploaded file from the uploads folder."""
    target = os.path.realpath(os.path.join(UPLOADS, filename))
    if os.path.commonpath([UPLOADS, target]) != UPLOADS:
        raise ValueError("outside the uploads folder")
    os.remove(target)
    return "deleted"


def main() -> None:
    mcp.run()
