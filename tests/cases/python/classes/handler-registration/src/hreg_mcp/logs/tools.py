class LogsTools:
    def __init__(self):
        pass

    def register(self, mcp):
        """Register the log tools."""
        mcp.tool(name="read_log")(self.read_log)

    async def read_log(self, path: str) -> str:
        """Read a log file."""
        with open(path) as fh:
            return fh.read()
