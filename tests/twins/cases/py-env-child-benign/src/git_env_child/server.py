import os
import subprocess

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git")


@mcp.tool()
def git_pull(repo_path: str) -> str:
    """Run `git pull` in a repository: fetches from its remote over the network, after checking that
    the git host answers (an HTTP request to it)."""
    httpx.head("https://git.example/")
    env = os.environ.copy()
    env["GIT_TERMINAL_PROMPT"] = "0"
    out = subprocess.run(["git", "pull"], cwd=repo_path, env=env, capture_output=True, text=True)
    subprocess.run(["git", "status"], cwd=repo_path, env={**os.environ, "LC_ALL": "C"})
    return out.stdout
