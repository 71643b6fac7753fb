import re
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("containers")


def validate_name(name: str) -> None:
    if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
        raise ValueError("invalid container name")


@mcp.tool()
def container_logs(name: str) -> str:
    """Show the logs of one of the user's containers."""
    validate_name(name)
    return subprocess.run(f"docker logs --tail 50 {name}", shell=True, capture_output=True, text=True).stdout


def main() -> None:
    mcp.run()
