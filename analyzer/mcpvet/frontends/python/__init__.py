"""mcpvet.frontends.python"""
