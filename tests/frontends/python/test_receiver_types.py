"""Receivers by type: calls on client objects held in attributes, globals, parameters and
wrappers resolve to the client's methods; a receiver whose type stays unknown is an unresolved call."""

from __future__ import annotations

from pathlib import Path

from mcpvet.model import Kind, Tool
from tests.frontends.python.test_frontend import run, write

N, R, W = Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE


def _tools(tmp_path: Path, files: dict[str, str]) -> dict[str, Tool]:
    write(tmp_path, {"pkg/__init__.py": "", **files})
    return {t.name: t for t in run(tmp_path).tools}


def test_any_typed_parameter_takes_the_type_passed_at_its_calls(tmp_path: Path) -> None:
    """`db_client: Any` says nothing; the package passes a DatabaseClient (imported under another name)."""
    tools = _tools(tmp_path, {
        "pkg/database.py": """
            import sqlite3


            class DatabaseClient:
                def __init__(self, path: str) -> None:
                    self.path = path

                def query(self, sql: str) -> list:
                    return sqlite3.connect(self.path).execute(sql).fetchall()
        """,
        "pkg/tools/__init__.py": "",
        "pkg/tools/execute_query.py": """
            from typing import Any


            def execute_query(sql: str, db_client: Any) -> list:
                return db_client.query(sql)
        """,
        "pkg/server.py": """
            from mcp.server.fastmcp import FastMCP

            from .database import DatabaseClient
            from .tools.execute_query import execute_query as execute_query_fn


            def create() -> FastMCP:
                mcp = FastMCP("x")
                db_client = DatabaseClient("db.sqlite")

                @mcp.tool()
                def execute_query(sql: str) -> list:
                    \"\"\"Run a query.\"\"\"
                    return execute_query_fn(sql, db_client)

                return mcp
        """,
    })
    tool = tools["execute_query"]
    assert tool.capability_kinds == {R, W}
    assert not tool.unresolved_calls


def test_any_typed_receiver_nobody_passes_stays_unresolved(tmp_path: Path) -> None:
    """An `Any` annotation is no type: the call is listed as unresolved, never a clean pass."""
    tools = _tools(tmp_path, {
        "pkg/server.py": """
            from typing import Any

            from mcp.server.fastmcp import FastMCP

            mcp = FastMCP("x")


            def run_it(client: Any, sql: str) -> object:
                return client.query(sql)


            @mcp.tool()
            def query(sql: str) -> str:
                \"\"\"Run a query.\"\"\"
                return str(run_it(get_client(), sql))  # noqa: F821 - defined nowhere
        """,
    })
    tool = tools["query"]
    assert tool.capability_kinds == set()
    assert any("client.query" in c for c in tool.unresolved_calls)


def test_partial_style_wrapper_reaches_the_wrapped_handler(tmp_path: Path) -> None:
    """A handler registered through a `functools.partial`-style wrapper factory (fixed arguments) still
    reaches what the wrapped function calls, on a client kept in an attribute of another object."""
    tools = _tools(tmp_path, {
        "pkg/func_tools.py": """
            import inspect
            from functools import wraps


            def make_partial_function(original_func, fixed_values: dict):
                sig = inspect.signature(original_func)

                @wraps(original_func)
                def wrapper(*args, **kwargs):
                    bound = dict(fixed_values)
                    bound.update(kwargs)
                    return original_func(**bound)

                wrapper.__signature__ = sig
                return wrapper
        """,
        "pkg/connector.py": """
            from qdrant_client import AsyncQdrantClient


            class Connector:
                def __init__(self, url: str) -> None:
                    self._client = AsyncQdrantClient(location=url)

                async def search(self, query: str) -> list:
                    return await self._client.query_points("c", query=query)
        """,
        "pkg/server.py": """
            from fastmcp import FastMCP

            from .connector import Connector
            from .func_tools import make_partial_function


            class Server(FastMCP):
                def __init__(self) -> None:
                    self.connector = Connector("http://q:6333")
                    super().__init__(name="x")
                    self.setup()

                def setup(self) -> None:
                    async def find(query: str, collection_name: str) -> list:
                        \"\"\"Find.\"\"\"
                        return await self.connector.search(query)

                    find_foo = make_partial_function(find, {"collection_name": "c"})
                    self.tool(find_foo, name="find")
        """,
    })
    assert tools["find"].capability_kinds == {N}


def test_optional_attribute_set_later_and_annotated_global(tmp_path: Path) -> None:
    """`self.client: Optional[X] = None` filled in by another method, and a module global declared
    `X | None` set through `global` by a factory: both are X."""
    tools = _tools(tmp_path, {
        "pkg/server.py": """
            from typing import Optional, Union

            import chromadb
            from mcp.server.fastmcp import FastMCP
            from opensearchpy import OpenSearch

            mcp = FastMCP("x")
            _client: "OpenSearch | None" = None


            def get_client():
                global _client
                if _client is None:
                    _client = make()  # noqa: F821 - built elsewhere
                return _client


            class Store:
                def __init__(self) -> None:
                    self.client: Optional[chromadb.HttpClient] = None

                def connect(self, url):
                    self.client = connect_somehow(url)  # noqa: F821 - the type is only declared

                def names(self) -> list:
                    return self.client.list_collections()


            STORE = Store()


            def helper(c: Union[int, OpenSearch]) -> object:
                return c.info()


            @mcp.tool()
            def search(q: str) -> object:
                \"\"\"Search.\"\"\"
                return get_client().search(index=q)


            @mcp.tool()
            def collections() -> list:
                \"\"\"List.\"\"\"
                return STORE.names()


            @mcp.tool()
            def info(q: str) -> object:
                \"\"\"Info.\"\"\"
                return helper(q)
        """,
    })
    assert tools["search"].capability_kinds == {N}
    assert tools["collections"].capability_kinds == {N}
    assert tools["info"].capability_kinds == {N}


def test_factory_return_annotation_types_the_client(tmp_path: Path) -> None:
    tools = _tools(tmp_path, {
        "pkg/server.py": """
            from firecrawl import FirecrawlApp
            from mcp.server.fastmcp import FastMCP

            mcp = FastMCP("x")


            def client() -> FirecrawlApp:
                return REGISTRY["firecrawl"]  # noqa: F821 - unknown to the analysis


            @mcp.tool()
            def site_map(url: str) -> object:
                \"\"\"Map a site.\"\"\"
                return client().map(url)
        """,
    })
    assert tools["site_map"].capability_kinds == {N}
