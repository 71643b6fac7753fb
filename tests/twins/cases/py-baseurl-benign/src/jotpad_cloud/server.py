from mcp.server.fastmcp import FastMCP

from jotpad_cloud.client import get_client
from jotpad_cloud.utils import call_get, call_post

mcp = FastMCP("jotpad")


@mcp.tool()
async def list_notes(project: str) -> str:
    """List the notes of a project."""
    async with get_client() as client:
        response = await call_get(client, f"/{project}/notes")
        return response.text


@mcp.tool()
async def write_note(project: str, title: str, body: str) -> str:
    """Write a note into a project."""
    async with get_client() as client:
        response = await call_post(client, f"/{project}/notes", json={"title": title, "body": body})
        return response.text
