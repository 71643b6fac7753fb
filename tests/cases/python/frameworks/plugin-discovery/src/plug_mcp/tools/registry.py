import importlib
import pkgutil
from pathlib import Path
from typing import Any

EXPLICIT_MODULES = {"backup": "register_backup_tools"}


class ToolsRegistry:
    def __init__(self, server: Any) -> None:
        self.server = server
        self.mcp = server.mcp

    def discover(self) -> list[str]:
        found = []
        for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
            if info.name.startswith("tools_"):
                found.append(info.name)
        return found

    def register_module(self, module_name: str, func_name: str | None = None) -> None:
        module = importlib.import_module(f".{module_name}", "plug_mcp.tools")
        if func_name is not None:
            register = getattr(module, func_name)
        else:
            register = None
            for attr in dir(module):
                if attr.startswith("register_") and attr.endswith("_tools"):
                    register = getattr(module, attr)
                    break
        if register is not None:
            register(self.mcp, client=None)

    def register_all_tools(self) -> None:
        for name in self.discover():
            self.register_module(name)
        for name, func in EXPLICIT_MODULES.items():
            self.register_module(name, func)
