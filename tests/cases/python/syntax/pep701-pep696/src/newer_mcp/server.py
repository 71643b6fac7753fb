import os
import subprocess

from mcp.server.fastmcp import FastMCP

from newer_mcp.render import render

mcp = FastMCP("newer")


@mcp.tool()
def list_projects(verbose: bool = False) -> str:
    """List the projects."""
    names = os.listdir(os.path.expanduser("~/projects"))
    return f"{'Projects:\n' if verbose else ''}{"\n".join(names)}"


@mcp.tool(description=f"{'Run'} a {"shell"} command")
def run(cmd: str) -> str:
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def show_report(
    title: str,
) -> str:
    """Render a report of the given title."""
    return render[str, str](
        [title],
        f"{
            os.environ.get("SEP", ", ")
        }",
    )
