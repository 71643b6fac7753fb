import subprocess

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("devices")


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def list_devices(query: str = "devices") -> str:
    """List the Android devices connected to this machine."""
    return subprocess.run(f"adb {query}", shell=True, capture_output=True, text=True, timeout=20).stdout
