"""mcpvet.sinks"""
