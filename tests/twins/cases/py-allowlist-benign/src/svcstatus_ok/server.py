from mcp.server.fastmcp import FastMCP

mcp = FastMCP("svcstatus_ok")

import subprocess

ALLOWED_SERVICES = ("nginx", "postgresql", "redis")


@mcp.tool()
def service_status(service: str) -> str:
    """Runs the systemctl program to report the status of one of the web stack's services."""
    if service not in ALLOWED_SERVICES:
        raise ValueError("unknown service")
    return subprocess.getoutput(f"systemctl status {service} --no-pager")


def main() -> None:
    mcp.run()
