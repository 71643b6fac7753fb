"""One tool extractor per SDK registration style (composed by `tools.ToolExtractor`)."""
