"""mcpvet.frontends.javascript"""
