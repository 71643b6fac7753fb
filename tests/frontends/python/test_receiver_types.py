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


_OFFLOAD_TOOLS = """
    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    def fetch_page(url: str) -> str:
        import urllib.request
        return urllib.request.urlopen(url).read().decode()


    def save_note(text: str) -> str:
        with open("notes.txt", "a") as f:
            f.write(text)
        return "ok"


    @mcp.tool()
    def get_page(url: str) -> str:
        \"\"\"Fetch a web page over HTTP.\"\"\"
        return OFFLOAD(lambda: fetch_page(url))


    @mcp.tool()
    def add_note(text: str) -> str:
        \"\"\"Append a note to notes.txt.\"\"\"
        return OFFLOAD(lambda: save_note(text))


    @mcp.tool()
    def page_length(url: str) -> int:
        \"\"\"Length of a web page fetched over HTTP.\"\"\"
        return len(OFFLOAD(fetch_page, url))
"""


def test_a_wrapper_calling_its_parameter_reaches_only_each_callers_function(tmp_path: Path) -> None:
    """`_offload(work)` calling `work()` is used by every tool, each with its own callback: each
    tool reaches its own callback, not every caller's (all were linked to each before)."""
    tools = _tools(tmp_path, {"pkg/server.py": _OFFLOAD_TOOLS.replace("OFFLOAD", "_offload") + """

    def _offload(work, *args):
        try:
            return work(*args)
        except Exception as e:
            return str(e)
"""})
    assert tools["get_page"].capability_kinds == {N}
    assert tools["add_note"].capability_kinds == {W}
    assert tools["page_length"].capability_kinds == {N}


def test_a_closure_run_inside_the_wrapper_reaches_only_each_callers_function(tmp_path: Path) -> None:
    """The parameter is called by a closure the wrapper hands to a plain function call and never
    lets out (`_run_off_loop(_run)`, also under `asyncio.wait_for(...)`): it runs while the wrapper
    runs, for that caller only."""
    tools = _tools(tmp_path, {"pkg/server.py": _OFFLOAD_TOOLS.replace("OFFLOAD", "_offload") + """

    import asyncio
    import os


    def _run_off_loop(fn):
        return fn()


    def _offload(work, *args):
        def _run():
            return work(*args)
        if os.environ.get("TOOL_TIMEOUT"):
            return asyncio.wait_for(_run_off_loop(_run), timeout=5)
        return _run_off_loop(_run)
"""})
    assert tools["get_page"].capability_kinds - {Kind.ENV} == {N}  # the wrapper's own setting read is env
    assert tools["add_note"].capability_kinds - {Kind.ENV} == {W}


def test_a_closure_that_outlives_the_wrapper_keeps_every_passed_function(tmp_path: Path) -> None:
    """A closure the factory returns (jobs made at start-up, run later by a tool) may run any
    function ever passed to the factory: every callback stays reachable from where it runs."""
    tools = _tools(tmp_path, {"pkg/server.py": """
    from mcp.server.fastmcp import FastMCP

    mcp = FastMCP("x")


    def fetch_page() -> str:
        import urllib.request
        return urllib.request.urlopen("https://example.com").read().decode()


    def save_note() -> str:
        with open("notes.txt", "a") as f:
            f.write("x")
        return "ok"


    def make_job(work):
        def _run():
            return work()
        return _run


    JOBS = {"fetch": make_job(fetch_page), "save": make_job(save_note)}


    @mcp.tool()
    def run_job(name: str) -> str:
        \"\"\"Run a named job.\"\"\"
        return JOBS[name]()
"""})
    assert tools["run_job"].capability_kinds == {N, W}
