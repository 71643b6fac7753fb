import asyncio

import docker
from git import Repo
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("proclib")


def _repo(path: str) -> Repo:
    return Repo(path)


@mcp.tool()
def status(path: str) -> str:
    """Show git status."""
    return _repo(path).git.status()


@mcp.tool()
def containers() -> list[str]:
    """List docker containers."""
    return [c.name for c in docker.from_env().containers.list()]


@mcp.tool()
async def disk() -> str:
    """Show disk usage with df."""
    proc = await asyncio.create_subprocess_exec("df", "-h", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return out.decode()
