import os
from importlib.resources import files

import yaml
from mcp import types
from mcp.server.lowlevel import Server

from pkgtools_mcp.registry import discover


def load_packages() -> dict[str, list[str]]:
    raw = yaml.safe_load(files("pkgtools_mcp.config").joinpath("tool_packages.yaml").read_text(encoding="utf-8"))
    for name, spec in list(raw.items()):
        if isinstance(spec, dict) and "_extends" in spec:
            raw[name] = list(raw[spec["_extends"]]) + spec.get("_tools", [])
    return raw


class NotesServer:
    def __init__(self) -> None:
        self.server = Server("pkgtools")
        self.enabled = load_packages()[os.getenv("TOOL_PACKAGE", "standard")]
        self.tools = discover(set(self.enabled))
        add = self.server.add_request_handler
        add("tools/list", types.PaginatedRequestParams, self._on_list_tools)

    async def _on_list_tools(self, ctx, params) -> types.ListToolsResult:
        listed = []
        for name, (fn, description) in self.tools.items():
            listed.append(types.Tool(name=name, description=description, input_schema={"type": "object"}))
        return types.ListToolsResult(tools=listed)


def main() -> None:
    NotesServer().server.run()
