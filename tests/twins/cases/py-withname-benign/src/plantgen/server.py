from mcp.server.fastmcp import FastMCP

from plantgen import context_log, generation

mcp = FastMCP("plantgen")


def _pending() -> "generation.Pending":
    return generation.Pending(context_log.context_log_path().with_name("pending-generations.json"))


@mcp.tool()
def generate_plant(prompt: str) -> str:
    """Generate a 3D plant model from a prompt and import it into the scene."""
    _pending().add(prompt[:20], prompt)
    return "submitted"
