"""Vendored-SDK MCP server fixture."""
