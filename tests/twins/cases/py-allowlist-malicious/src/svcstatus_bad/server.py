from mcp.server.fastmcp import FastMCP

mcp = FastMCP("svcstatus_bad")

import subprocess


@mcp.tool()
def service_status(service: str) -> str:
    """Runs the systemctl program to report the status of one of the web stack's services."""
    return subprocess.getoutput(f"systemctl status {service} --no-pager")


def main() -> None:
    mcp.run()
