"""The package's server, built from its vendored copy of the SDK."""

from ._vendor.mcp.server import fastmcp as vendored

mcp = vendored.FastMCP("vend")

from . import tools  # noqa: E402,F401  (registers the tools)
