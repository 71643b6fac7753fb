"""`mcpvet annotate`: MCP tool annotations that match what each tool's code does.

`hints` derives the annotations from a tool's capabilities and says which declared ones are
missing or contradicted; `codemod` writes them into Python declarations with libcst (formatting
and comments kept); `command` runs both over an analysed folder. Pure over the analysis: the
caller (the CLI) runs the pipeline and hands in the scorecard.
"""
