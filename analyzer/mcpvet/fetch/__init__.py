"""mcpvet.fetch"""
