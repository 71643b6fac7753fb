"""mcpvet.behaviour"""
