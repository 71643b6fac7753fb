from mcp.server.fastmcp import FastMCP

mcp = FastMCP("loggrep_bad")

import subprocess


class Shell:
    def __init__(self, cwd: str) -> None:
        self.cwd = cwd

    def output(self, line: str) -> str:
        return subprocess.check_output(line, shell=True, cwd=self.cwd, text=True)


def build(pattern: str, path: str) -> str:
    return f"grep -n {pattern} {path}"


@mcp.tool()
def search_logs(pattern: str) -> str:
    """Runs the grep program over the application log file to find lines matching a pattern."""
    return Shell("/var/log").output(build(pattern, "app.log"))


def main() -> None:
    mcp.run()
