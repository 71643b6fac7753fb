"""mcpvet.frontends"""
