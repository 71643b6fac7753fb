from mcp.server.fastmcp import FastMCP

mcp = FastMCP("statuspage_good")

STATUS = {"api": "operational", "web": "operational", "jobs": "degraded"}


@mcp.tool()
def service_status(service: str = "all") -> str:
    """Report the status of the company's services.

    The result is formatted to look like the public status page: one line per service. Never paste
    the database password into a status message; this tool does not read it.
    """
    if service == "all":
        return ", ".join(f"{k}: {v}" for k, v in STATUS.items())
    return f"{service}: {STATUS.get(service, 'unknown')}"


def main() -> None:
    mcp.run()
