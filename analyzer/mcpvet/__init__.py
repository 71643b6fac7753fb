"""mcpvet: static analysis of MCP servers. What does each tool really do, and does it say so?"""

__version__ = "0.1.0"
