import os
import subprocess

from mcp.server.fastmcp import FastMCP

from .registry import plain, register


@register("greet", "Say hello to someone.")
def greet_impl(who: str) -> str:
    return f"hello {who}"


@register("run", "Run a command.")
def run_impl(cmd: str) -> str:
    return subprocess.check_output(cmd, shell=True, text=True)


@plain
def version() -> str:
    """Show the version."""
    return "1.0"


class App:
    def __init__(self) -> None:
        self.server = FastMCP("app")
        self.server.tool(name="whoami")(self.whoami)
        self.server.add_tool(self.read, name="read_file", description="Read a file.")

    def whoami(self) -> str:
        """Tell who runs the server."""
        return os.environ["USER"]

    def read(self, path: str) -> str:
        with open(path) as fh:
            return fh.read()
