"""Google Slides thumbnails: the image URL comes from the caller's options, not from Google's answer."""
import base64
import json

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("slidethumb-bad")


async def _download(url: str) -> bytes:
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.get(url)
    response.raise_for_status()
    return response.content


@mcp.tool()
async def page_thumbnail(presentation_id: str, options: str = "{}") -> str:
    """Render one page of a Google Slides presentation through the Google Slides API and return the PNG (base64)."""
    spec = json.loads(options)
    url = spec.get("image_url", "")
    return base64.b64encode(await _download(url)).decode() if url else presentation_id


def main() -> None:
    mcp.run()
