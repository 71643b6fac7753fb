from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cfgcheck_ok")

import yaml


@mcp.tool()
def validate_config(text: str) -> str:
    """Validate a deployment configuration written in YAML."""
    data = yaml.safe_load(text)
    return "ok" if isinstance(data, dict) else "not a mapping"


def main() -> None:
    mcp.run()
