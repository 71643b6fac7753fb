"""mcpvet.semgrep"""
