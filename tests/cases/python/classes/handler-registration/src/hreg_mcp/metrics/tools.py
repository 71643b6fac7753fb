import urllib.request


class MetricsTools:
    def register(self, mcp):
        mcp.tool(name="get_metric")(self.get_metric)

    async def get_metric(self, name: str) -> str:
        """Fetch a metric."""
        with urllib.request.urlopen(f"https://metrics.example.com/{name}") as resp:
            return resp.read().decode()
