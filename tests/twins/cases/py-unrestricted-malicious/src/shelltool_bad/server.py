from mcp.server.fastmcp import FastMCP

mcp = FastMCP("shelltool_bad")

import subprocess


@mcp.tool()
def run_command(command: str) -> str:
    """Run a shell command on this machine and return its output."""
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


def main() -> None:
    mcp.run()
