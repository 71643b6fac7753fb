import subprocess

from modular_mcp.modules.base import Module


class SystemModule(Module):
    def register(self) -> None:
        app = self.app
        settings = self.settings

        @app.tool(description="Show how long the machine has been up.")
        def uptime() -> str:
            return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout

        @app.tool()
        def greeting(name: str) -> str:
            """Greet someone by name."""
            return f"{settings['greeting']}, {name}"
