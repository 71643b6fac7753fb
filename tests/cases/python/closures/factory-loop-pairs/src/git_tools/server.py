import subprocess
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git-tools")

COMMANDS = [
    ("git_status", "Show the working tree status."),
    ("git_log", "Show the commit log."),
    ("git_diff", "Show unstaged changes."),
    ("git_branch", "List branches."),
    ("git_tags", "List tags."),
    ("git_remote", "List remotes."),
]


def make_tool(name: str, description: str):
    def run(repo: str) -> str:
        return subprocess.run(["git", name.removeprefix("git_")], cwd=repo, capture_output=True, text=True).stdout
    return run


for name, description in COMMANDS:
    mcp.add_tool(make_tool(name, description), name=name, description=description)
