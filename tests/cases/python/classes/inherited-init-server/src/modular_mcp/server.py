from mcp.server.fastmcp import FastMCP

from modular_mcp.modules.files import FilesModule
from modular_mcp.modules.system import SystemModule

app = FastMCP("modular")
settings = {"greeting": "Hello"}
for module in (SystemModule(app, settings), FilesModule(app, settings)):
    module.register()


def main() -> None:
    app.run()
