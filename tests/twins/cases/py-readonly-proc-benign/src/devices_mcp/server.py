import subprocess

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("devices")


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def list_devices(long: bool = False) -> str:
    """List the Android devices connected to this machine."""
    argv = ["adb", "devices", "-l"] if long else ["adb", "devices"]
    return subprocess.run(argv, capture_output=True, text=True, timeout=20).stdout
