from fastmcp import FastMCP

from suite_mcp import files as files_module
from suite_mcp.weather import weather

main = FastMCP("Suite")


@main.tool
def ping() -> str:
    """Answer pong."""
    return "pong"


extras = FastMCP("Extras")


@extras.tool
def echo(text: str) -> str:
    """Echo the text."""
    return text


main.mount(weather, namespace="weather")
main.mount(files_module.files, namespace="notes")
main.mount(extras)
