import json
import os
from datetime import datetime, timezone

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("dumps")
DUMP_DIR = os.environ.get("DUMP_DIR", "/var/tmp/dumps")


def save_full_data(data: dict, prefix: str) -> str:
    safe_prefix = "".join(c for c in prefix if c.isalnum() or c in "_-.")
    if not safe_prefix:
        safe_prefix = "data"
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d_%H%M%S")
    path = os.path.join(DUMP_DIR, f"{safe_prefix}_{stamp}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)
    return path


@mcp.tool()
def dump_span(span_id: str) -> str:
    """Save the details of one span to a JSON file in the dump folder and return its path."""
    return save_full_data({"span": span_id}, f"span_{span_id}")


def main() -> None:
    mcp.run()
