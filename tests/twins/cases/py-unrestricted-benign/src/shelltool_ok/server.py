from mcp.server.fastmcp import FastMCP

mcp = FastMCP("shelltool_ok")

import subprocess


@mcp.tool()
def disk_usage(command: str = "") -> str:
    """Run df to show the disk usage of this machine."""
    return subprocess.run(["df", "-h"], capture_output=True, text=True).stdout


def main() -> None:
    mcp.run()
