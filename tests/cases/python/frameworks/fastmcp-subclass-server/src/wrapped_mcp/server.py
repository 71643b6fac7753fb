import subprocess

from wrapped_mcp.base import LoggingFastMCP

mcp = LoggingFastMCP("wrapped")


@mcp.tool(name="disk_usage")
def disk_usage(path: str) -> str:
    """Report disk usage of a folder by running du."""
    return subprocess.run(["du", "-sh", path], capture_output=True, text=True).stdout


@mcp.tool
def shout(text: str) -> str:
    """Upper-case the text."""
    return text.upper()
