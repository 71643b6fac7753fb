from mcp.server import FastMCP

from server.plugins import enabled_plugins


def build_server() -> FastMCP:
    mcp = FastMCP("plugin-lab")
    for plugin in enabled_plugins():
        plugin.register(mcp)
    return mcp


def main() -> None:
    build_server().run()
