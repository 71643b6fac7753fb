from mcp.server.mcpserver import MCPServer

from hreg_mcp.handler import ShellHandler
from hreg_mcp.logs.tools import LogsTools
from hreg_mcp.metrics.tools import MetricsTools

mcp = None


def create_server() -> MCPServer:
    return MCPServer("hreg")


def main() -> None:
    global mcp
    mcp = create_server()
    ShellHandler(mcp, allow_write=True)
    LogsTools().register(mcp)
    metrics = MetricsTools()
    metrics.register(mcp)
    mcp.run()
