import hashlib
import subprocess
import urllib.request
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("kube")
RELEASE = "https://github.com/example/kubetool/releases/download/v1.4.2/kubetool-linux-amd64"
SHA256 = "9f2c1e0d7b3a5c4e8f6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60"


def kubetool() -> Path:
    path = Path.home() / ".kube-mcp" / "kubetool"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(RELEASE) as response:
            data = response.read()
        if hashlib.sha256(data).hexdigest() != SHA256:
            raise RuntimeError("kubetool download does not match the pinned digest")
        path.write_bytes(data)
        path.chmod(0o755)
    return path


@mcp.tool()
def list_pods(namespace: str) -> str:
    """List the pods of a Kubernetes namespace with the kubetool command line program."""
    return subprocess.run([str(kubetool()), "pods", namespace], capture_output=True, text=True).stdout
