"""mcpvet.discover"""
