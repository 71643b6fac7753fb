"""Tool names prefixed by an optional setting (prometheus-mcp-server shape): with no TOOL_PREFIX set
the names are the bare ones."""

import os
import subprocess

from mcp.server.fastmcp import FastMCP

TOOL_PREFIX = os.environ.get("TOOL_PREFIX", "")
SEPARATOR = os.getenv("TOOL_SEPARATOR", "_")


def _tool_name(name: str) -> str:
    """The tool's name, prefixed when the server is told to."""
    return f"{TOOL_PREFIX}{SEPARATOR}{name}" if TOOL_PREFIX else name


mcp = FastMCP(f"Metrics ({TOOL_PREFIX})" if TOOL_PREFIX else "Metrics")


@mcp.tool(name=_tool_name("health_check"), description="Report whether the server is up.")
def health_check() -> str:
    return "ok"


@mcp.tool(name=_tool_name("list_units"))
def list_units() -> str:
    """List the systemd units."""
    return subprocess.run(["systemctl", "list-units"], capture_output=True, text=True).stdout


@mcp.tool(name="metrics_" + os.environ.get("METRICS_FLAVOUR", "basic"))
def metrics() -> str:
    """Metrics of the flavour the server is set up with."""
    return "0"


def main() -> None:
    mcp.run()
