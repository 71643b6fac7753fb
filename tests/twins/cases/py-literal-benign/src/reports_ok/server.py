import subprocess
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reports")


@mcp.tool()
def disk_report(unit: Literal["K", "M", "G"]) -> str:
    """Report free disk space in the unit asked for."""
    return subprocess.run(f"df --block-size={unit} /", shell=True, capture_output=True, text=True).stdout


def main() -> None:
    mcp.run()
