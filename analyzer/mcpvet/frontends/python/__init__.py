"""The Python frontend: MCP tools, call graph and capabilities of a Python package (never imported)."""

from mcpvet.frontends.python.frontend import PythonFrontend

__all__ = ["PythonFrontend"]
