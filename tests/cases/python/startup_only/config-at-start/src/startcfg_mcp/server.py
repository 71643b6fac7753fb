import json
import os

from mcp.server.fastmcp import FastMCP

API_KEY = os.environ.get("API_KEY", "")
mcp = FastMCP("startcfg")
SETTINGS: dict = {}


def load_settings(path: str) -> dict:
    with open(path) as fh:
        return json.load(fh)


@mcp.tool()
def greet(name: str) -> str:
    """Greet someone."""
    return f"{SETTINGS.get('greeting', 'Hello')}, {name}"


def main() -> None:
    SETTINGS.update(load_settings(os.environ.get("CFG", "cfg.json")))
    mcp.run()
