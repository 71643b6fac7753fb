from mcp.server.fastmcp import FastMCP

mcp = FastMCP("gitlog_ok")

import shlex
import subprocess


@mcp.tool()
def branch_log(branch: str) -> str:
    """Show the last ten commits of a branch of the git repository (runs git log)."""
    cmd = "git log --oneline -n 10 " + shlex.quote(branch)
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


def main() -> None:
    mcp.run()
