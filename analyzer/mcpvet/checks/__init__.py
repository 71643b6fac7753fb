"""mcpvet.checks"""
