from mcp.server.fastmcp import FastMCP

from .base import Runner

mcp = FastMCP("classy")


class Uptime(Runner):
    def report(self) -> str:
        return self.clean(self.run("uptime"))


@mcp.tool()
def uptime() -> str:
    """Report the uptime."""
    return Uptime().report()


@mcp.tool()
def made() -> str:
    """Run date through a factory."""
    return Runner.make().run("date")


@mcp.tool()
def tidy(text: str) -> str:
    """Trim a text."""
    return Runner.clean(text)
