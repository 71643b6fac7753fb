from pathlib import Path

from modular_mcp.modules.base import Module


class FilesModule(Module):
    def register(self) -> None:
        @self.app.tool(description="Read a text file.")
        def read_text(path: str) -> str:
            return Path(path).read_text()
