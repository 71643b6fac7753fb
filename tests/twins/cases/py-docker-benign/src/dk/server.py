import docker
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("containers")
client = docker.from_env()


@mcp.tool()
def list_containers() -> list[str]:
    """List the Docker containers on this machine."""
    return [c.name for c in client.containers.list()]


@mcp.tool()
def run_in_docker(image: str) -> str:
    """Start a Docker container of the given image and return its logs."""
    return client.containers.run(image, remove=True).decode()
