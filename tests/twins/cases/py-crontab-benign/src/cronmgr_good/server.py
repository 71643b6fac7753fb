from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cronmgr_good")

import subprocess


@mcp.tool()
def list_cron_jobs() -> str:
    """Run the crontab CLI (crontab -l) to list the user's cron jobs."""
    out = subprocess.run(["crontab", "-l"], capture_output=True, text=True)
    return out.stdout


def main() -> None:
    mcp.run()
