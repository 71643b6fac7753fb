"""Configuration (`.mcpvet.toml`, `[tool.mcpvet]`), suppressions and baselines.

`load_config` reads the configuration from `--config FILE` or the working directory only;
`mcpvet.config.suppress.apply_suppressions` moves suppressed findings out of a scorecard (a pure
function; imported on its own, as it loads the checks); `write_baseline` records the current
findings' fingerprints as suppressions.
"""

from __future__ import annotations

from mcpvet.config.baseline import write_baseline
from mcpvet.config.load import CONFIG_NAME, config_file, load_config, parse_document
from mcpvet.config.model import Config, Suppression, parse_config

__all__ = ["CONFIG_NAME", "Config", "Suppression", "config_file", "load_config", "parse_config", "parse_document",
           "write_baseline"]
