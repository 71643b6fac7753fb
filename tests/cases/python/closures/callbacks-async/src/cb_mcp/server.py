import asyncio
import functools
import os
import socket
import subprocess
import threading

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cb")


def _ping(host: str) -> None:
    socket.create_connection((host, 80)).close()


def _ls(path: str) -> str:
    return subprocess.check_output(["ls", path], text=True)


async def _env_task(name: str) -> str:
    return os.environ.get(name, "")


@mcp.tool()
def ping(host: str) -> str:
    """Ping a host in the background."""
    threading.Thread(target=functools.partial(_ping, host)).start()
    return "started"


@mcp.tool()
async def listing(path: str) -> str:
    """List a folder."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _ls, path)


@mcp.tool()
async def env(name: str) -> str:
    """Read one setting."""
    task = asyncio.create_task(_env_task(name))
    results = await asyncio.gather(task)
    return results[0]


@mcp.tool()
def lam(x: int) -> int:
    """Square through a lambda."""
    f = lambda v: v * v
    return f(x)
