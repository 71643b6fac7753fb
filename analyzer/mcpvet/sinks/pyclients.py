"""Curated summaries of Python client libraries: the fast path for the most used clients, and for
what a library's source cannot show (native extensions such as duckdb, bindings that run another
program such as pypandoc).

A summary maps a qualified name prefix (a module, a client class, or one method of it) to the
capability kinds a call under it reaches; the longest prefix wins, like `sinks.python.PREFIX_KINDS`,
into which the table is merged. Unlike the general table, a client summary also covers objects
the client hands back (`client.get_collection(name).query(...)` is a call on a chromadb
collection, still the chromadb client's network): `derived_kinds` reads it for call names with
`()` in them.

Every entry has a fixture test (`tests/frontends/python/test_client_summaries.py`): a tool that
builds the client the way the library's documentation does and calls it.
"""

from __future__ import annotations

import sys

from mcpvet.model import Kind

N = (Kind.NETWORK,)
R = (Kind.FS_READ,)
RW = (Kind.FS_READ, Kind.FS_WRITE)
P = (Kind.PROCESS,)
NONE: tuple[Kind, ...] = ()

# prefix -> kinds reached by calling anything under it (methods of objects it returns included)
CLIENT_KINDS: dict[str, tuple[Kind, ...]] = {
    # vector stores and search engines
    "qdrant_client": N,
    "qdrant_client.models": NONE,
    "qdrant_client.http.models": NONE,
    "chromadb.HttpClient": N,
    "chromadb.AsyncHttpClient": N,
    "chromadb.CloudClient": N,
    "chromadb.PersistentClient": RW,  # a local database folder
    "chromadb.EphemeralClient": NONE,  # in memory
    "chromadb.Client": NONE,  # in memory unless its Settings name a server (not followed)
    "opensearchpy": N,
    "opensearchpy.exceptions": NONE,
    "pymilvus": N,
    "pinecone": N,
    "weaviate": N,
    "meilisearch": N,
    "typesense": N,
    "lancedb": RW,  # a local folder (or a cloud URI, not told apart)
    # databases: embedded engines read and write their files
    "duckdb.DuckDBPyConnection": RW,
    "duckdb.DuckDBPyConnection.close": NONE,
    "duckdb.DuckDBPyConnection.interrupt": NONE,
    "duckdb.DuckDBPyConnection.description": NONE,
    "chdb": RW,
    "oracledb": N,
    "ldap.initialize": N,  # python-ldap: a connection; its search_s(base, scope, filter) reaches the server
    "pymssql": N,
    "trino": N,
    "databricks.sql": N,
    "influxdb_client": N,
    # web search, scraping and data SDKs
    "firecrawl": N,
    "tavily": N,
    "exa_py": N,
    "duckduckgo_search": N,
    "ddgs": N,
    "serpapi": N,
    "wikipedia": N,
    "arxiv": N,
    "yfinance": N,
    "trafilatura.fetch_url": N,
    "ntplib": N,
    "whois": N,
    # SaaS SDKs
    "notion_client": N,
    "atlassian": N,
    "jira": N,
    "stripe": N,
    "twilio": N,
    "tweepy": N,
    "praw": N,
    "gspread": N,
    "dropbox": N,
    "hvac": N,
    "sentry_sdk": N,
    "supabase": N,
    "google.genai": N,
    "google.generativeai": N,
    "mistralai": N,
    "cohere": N,
    "groq": N,
    "ollama": N,
    "litellm": N,
    # bindings that run another program
    "pypandoc": P,
    "pypandoc.convert_file": (Kind.PROCESS, Kind.FS_READ),
    "pypandoc.download_pandoc": (Kind.NETWORK, Kind.FS_WRITE),
    # the event loop's network and process methods (`loop = asyncio.get_running_loop()`)
    "asyncio.AbstractEventLoop.getaddrinfo": N,
    "asyncio.AbstractEventLoop.getnameinfo": N,
    "asyncio.AbstractEventLoop.create_connection": N,
    "asyncio.AbstractEventLoop.create_datagram_endpoint": N,
    "asyncio.AbstractEventLoop.create_server": N,
    "asyncio.AbstractEventLoop.sock_connect": N,
    "asyncio.AbstractEventLoop.sock_sendto": N,
    "asyncio.AbstractEventLoop.sock_sendall": N,
    "asyncio.AbstractEventLoop.subprocess_exec": P,
    "asyncio.AbstractEventLoop.subprocess_shell": P,
}

# Client constructors that only build a value: no I/O until a method is called.
CLIENT_CONSTRUCTORS: frozenset[str] = frozenset(
    {
        "qdrant_client.QdrantClient",
        "qdrant_client.AsyncQdrantClient",
        "chromadb.HttpClient",
        "chromadb.AsyncHttpClient",
        "chromadb.CloudClient",
        "chromadb.EphemeralClient",
        "chromadb.Client",
        "opensearchpy.OpenSearch",
        "opensearchpy.AsyncOpenSearch",
        "elasticsearch.Elasticsearch",
        "elasticsearch.AsyncElasticsearch",
        "firecrawl.FirecrawlApp",
        "firecrawl.Firecrawl",
        "firecrawl.AsyncFirecrawl",
        "firecrawl.AsyncFirecrawlApp",
        "ntplib.NTPClient",
        "tavily.TavilyClient",
        "tavily.AsyncTavilyClient",
        "notion_client.Client",
        "notion_client.AsyncClient",
    }
)

# What factory functions of client libraries return (so their methods are typed).
CLIENT_RETURNS: dict[str, str] = {
    "duckdb.connect": "duckdb.DuckDBPyConnection",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
}


def _candidates(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def summary_of(name: str) -> tuple[Kind, ...] | None:
    """The kinds the client summary covering `name` gives (None: no summary covers it)."""
    plain = name.replace("()", "").replace("[]", "")
    for prefix in _candidates(plain):
        kinds = CLIENT_KINDS.get(prefix)
        if kinds is not None:
            return kinds
    return None


def derived_kinds(name: str) -> tuple[Kind, ...]:
    """Kinds of a call on an object a summarised client returned (`chromadb.HttpClient.get_collection().query`);
    () when no client summary covers the name."""
    return summary_of(name) or NONE


# Third-party libraries whose objects do no I/O of their own (data models, parsers, text and
# number crunching, the MCP SDKs): a method call on one of their objects is no unmodelled call.
NO_IO_LIBRARIES: frozenset[str] = frozenset(
    {
        "mcp", "fastmcp", "pydantic", "pydantic_core", "pydantic_settings", "typing_extensions",
        "annotated_types", "numpy", "attr", "attrs", "dateutil", "pytz", "jsonschema", "bs4", "lxml",
        "markdownify", "markdown", "html2text", "rich", "click", "typer", "loguru", "structlog", "starlette",
        "packaging", "semver", "jmespath", "jsonpath_ng", "regex", "tabulate", "toml", "tomli", "tomlkit",
        "orjson", "ujson", "msgspec", "cachetools", "tenacity", "sqlparse", "sqlglot", "anyio", "sniffio",
        "trio", "uvicorn", "sse_starlette", "mcp_types", "marshmallow", "dataclasses_json", "cattrs",
        "more_itertools", "toolz", "humanize", "arrow", "pendulum", "babel", "unidecode", "chardet",
        "charset_normalizer", "idna", "yarl", "multidict", "frozenlist", "pyparsing", "sympy", "scipy",
        "networkx", "pygments", "mistune", "markdown_it", "xmltodict", "defusedxml", "html5lib", "cssselect",
        "tree_sitter", "tree_sitter_languages", "jwt", "cryptography", "nacl", "bcrypt", "passlib", "protego",
    }
)


def unmodelled_library(name: str) -> str | None:
    """The third-party package a resolved call name belongs to when no table models it and it is
    not known to do no I/O (`qdrant_client` before its summary); None for the standard library,
    built-ins and modelled or I/O-free libraries. `modelled` answers for the general tables."""
    top = name.split(".", 1)[0]
    if not top or top.startswith("<") or top in sys.stdlib_module_names or top == "builtins" or top in NO_IO_LIBRARIES:
        return None
    return top
