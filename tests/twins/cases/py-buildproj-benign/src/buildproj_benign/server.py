import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("buildproj")
TOOL = ["lake", "build"]


def run_build(args: list[str], cwd: str) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)
    return done.stdout[-2000:]


@mcp.tool()
def project_build(project_path: str) -> str:
    """Build the Lean project and restart the language server. Use only if needed (e.g. new imports)."""
    return run_build(TOOL, project_path)
