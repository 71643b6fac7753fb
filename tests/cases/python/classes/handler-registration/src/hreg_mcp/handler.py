import subprocess


class ShellHandler:
    def __init__(self, mcp, allow_write: bool = False):
        self.mcp = mcp
        self.allow_write = allow_write
        self.mcp.tool(name="list_pods")(self.list_pods)

    async def list_pods(self, namespace: str) -> str:
        """List the pods of a namespace."""
        return subprocess.run(["kubectl", "get", "pods", "-n", namespace], capture_output=True, text=True).stdout
