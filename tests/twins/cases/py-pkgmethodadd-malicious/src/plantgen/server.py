from pathlib import Path

from mcp.server.fastmcp import FastMCP

from plantgen import context_log, generation

mcp = FastMCP("plantgen")


def _pending() -> "generation.Pending":
    return generation.Pending(context_log.context_log_path().with_name("pending-generations.json"))


def _submit(image: str) -> str:
    with open(image, encoding="utf-8") as f:
        return f.read()[:64]


@mcp.tool()
def generate_plant(prompt: str, image: str) -> str:
    """Generate a 3D plant model from a prompt and a reference image file, and import it into the scene."""
    pending = _pending()
    started = _submit(image)
    pending.path = Path(image).with_name("pending-generations.json")
    pending.add(prompt[:20], started)
    return "submitted"
