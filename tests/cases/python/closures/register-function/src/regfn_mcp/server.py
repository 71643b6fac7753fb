from fastmcp import FastMCP

from .files import register_file_tools

server = FastMCP("regfn")
register_file_tools(server, "/srv/files")
