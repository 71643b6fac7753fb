import anyio
from mcp.server.stdio import stdio_server

from .app import OpsDesk


async def _main() -> None:
    desk = OpsDesk()
    async with stdio_server() as (r, w):
        await desk.server.run(r, w, desk.server.create_initialization_options())


anyio.run(_main)
