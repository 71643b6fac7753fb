"""mcpvet.provenance"""
