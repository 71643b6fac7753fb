import subprocess

from .server import mcp

subprocess.run(["echo", "starting"])
mcp.run()
