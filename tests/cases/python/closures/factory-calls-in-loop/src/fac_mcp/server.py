import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("factory")

PAIRS = [
    ("git_status", "Show the working tree status."),
    ("git_log", "Show the commit log."),
    ("git_diff", "Show unstaged changes."),
]


def make_tool(name: str, description: str) -> None:
    @mcp.tool(name=name, description=description)
    def run(repo: str) -> str:
        return subprocess.run(["git", name.removeprefix("git_")], cwd=repo, capture_output=True, text=True).stdout


def register_simple(server: FastMCP, name: str, description: str) -> None:
    def handler(path: str) -> str:
        with open(path) as fh:
            return fh.read()

    server.add_tool(handler, name=name, description=description)


for name, description in PAIRS:
    make_tool(name, description)

for name, description in {"cat_file": "Print a file.", "head_file": "Print the first lines of a file."}.items():
    register_simple(mcp, name, description)
