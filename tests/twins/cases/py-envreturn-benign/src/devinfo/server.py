import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("devinfo")

SHOWN = ("DEVINFO_REGION", "DEVINFO_LOG_LEVEL")


@mcp.tool()
def show_settings() -> str:
    """Show the settings the server runs with, for troubleshooting."""
    lines = [f"{key}: {value}" for key, value in os.environ.items() if key.startswith("DEVINFO_")]
    names = ", ".join(sorted(os.environ.keys()))
    return "Server settings:\n" + "\n".join(lines) + "\nvariables set: " + names


@mcp.tool()
def read_setting(key: str) -> str:
    """Read one setting of the server by its name."""
    if key not in SHOWN:
        return "not a setting"
    return os.environ.get("DEVINFO_REGION" if key == "DEVINFO_REGION" else "DEVINFO_LOG_LEVEL", "(unset)")
