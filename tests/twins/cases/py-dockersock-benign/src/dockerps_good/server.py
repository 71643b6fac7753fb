from mcp.server.fastmcp import FastMCP

mcp = FastMCP("dockerps_good")

import socket


@mcp.tool()
def list_containers(status: str) -> str:
    """List the Docker containers of the local Docker daemon through its socket."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect("/var/run/docker.sock")
    s.sendall(b"GET /containers/json HTTP/1.0\r\n\r\n")
    return s.recv(65536).decode()


def main() -> None:
    mcp.run()
