import re
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("branches")


@mcp.tool()
def branch_log(branch: str) -> str:
    """Show the last commits of one branch of the repository."""
    if not re.fullmatch(r".+", branch):
        raise ValueError("invalid branch name")
    return subprocess.run(f"git log --oneline -n 20 {branch}", shell=True, capture_output=True, text=True).stdout


def main() -> None:
    mcp.run()
