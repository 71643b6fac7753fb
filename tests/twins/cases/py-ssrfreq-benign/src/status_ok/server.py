from mcp.server.fastmcp import FastMCP

mcp = FastMCP("status_ok")

import requests

HOSTS = {"githubstatus.example", "www.githubstatus.example"}


@mcp.tool()
def github_status(component: str, server: str) -> str:
    """Tell whether a GitHub component is operational, from the GitHub status page."""
    if server not in HOSTS:
        raise ValueError("not a GitHub status host")
    return requests.get("https://" + server + "/api/v2/components.json", timeout=10).text


def main() -> None:
    mcp.run()
