"""mcpvet.unpack"""
