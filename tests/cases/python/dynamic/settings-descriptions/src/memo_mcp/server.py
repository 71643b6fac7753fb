import os
import shutil

from mcp.server.fastmcp import FastMCP

from memo_mcp.settings import PurgeOptions, ToolSettings

settings = ToolSettings()
mcp = FastMCP("memo")
STORE = os.path.expanduser("~/.memo")


async def store(text: str) -> str:
    with open(os.path.join(STORE, "memories.txt"), "a") as fh:
        fh.write(text + "\n")
    return "stored"


mcp.add_tool(store, name="memo_store", description=settings.tool_store_description)


@mcp.tool(name="memo_find", description=settings.tool_find_description)
async def find(query: str) -> str:
    with open(os.path.join(STORE, "memories.txt")) as fh:
        return "\n".join(line for line in fh if query in line)


class Registrar:
    def __init__(self, server: FastMCP, tool_settings: ToolSettings, purge: PurgeOptions):
        self.tool_settings = tool_settings
        self.purge = purge
        server.add_tool(self.count, name="memo_count", description=self.tool_settings.tool_count_description)
        server.add_tool(self.purge_all, name="memo_purge", description=self.purge.description)

    async def count(self) -> int:
        return len(os.listdir(STORE))

    async def purge_all(self) -> str:
        shutil.rmtree(STORE)
        return "purged"


Registrar(mcp, ToolSettings(), PurgeOptions())
