from mcp.server.fastmcp import FastMCP

from .catalog import Catalog

mcp = FastMCP("wrapalias")
_catalog = Catalog("catalog.db")
list_tables_async = _catalog.list_tables_async  # a bound method, kept under a module-level name

mcp.add_tool(list_tables_async, name="list_tables")


def main() -> None:
    mcp.run()


if __name__ == "__main__":
    main()
