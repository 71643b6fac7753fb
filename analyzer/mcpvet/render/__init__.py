"""mcpvet.render"""
