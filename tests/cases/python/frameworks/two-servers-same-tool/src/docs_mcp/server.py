import os


def main() -> None:
    if os.getenv("DOCS_PARTITION", "global") == "china":
        from docs_mcp.server_china import mcp
    else:
        from docs_mcp.server_global import mcp
    mcp.run()
