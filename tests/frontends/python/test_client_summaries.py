"""The curated client summaries (`mcpvet.sinks.pyclients`): one fixture per entry, a tool that
builds the client the way the library documents it and calls it, with the kinds expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.model import Kind
from mcpvet.sinks import pyclients, python
from tests.frontends.python.test_frontend import run, write

N, R, W, P = Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE, Kind.PROCESS

LOOP = "asyncio.get_running_loop()"
# entry -> (module-level set-up, the tool's body, the kinds the tool reaches)
FIXTURES: dict[str, tuple[str, str, set[Kind]]] = {
    "qdrant_client": ("from qdrant_client import QdrantClient\nC = QdrantClient(url='http://q:6333')",
                      "C.query_points('c', query=[0.1])", {N}),
    "qdrant_client.models": ("from qdrant_client import models", "models.Filter(must=[])", set()),
    "qdrant_client.http.models": ("from qdrant_client.http import models", "models.PointStruct(id=1, vector=[])", set()),
    "chromadb.HttpClient": ("import chromadb\nC = chromadb.HttpClient(host='h')",
                            "C.get_collection(q).query(query_texts=[q])", {N}),
    "chromadb.AsyncHttpClient": ("import chromadb", "chromadb.AsyncHttpClient(host='h').list_collections()", {N}),
    "chromadb.CloudClient": ("import chromadb\nC = chromadb.CloudClient(api_key='k')", "C.list_collections()", {N}),
    "chromadb.PersistentClient": ("import chromadb\nC = chromadb.PersistentClient(path='d')",
                                  "C.get_or_create_collection(q).add(ids=[q], documents=[q])", {R, W}),
    "chromadb.EphemeralClient": ("import chromadb\nC = chromadb.EphemeralClient()", "C.list_collections()", set()),
    "chromadb.Client": ("import chromadb\nC = chromadb.Client()", "C.create_collection(q)", set()),
    "opensearchpy": ("from opensearchpy import OpenSearch\nC = OpenSearch(hosts=['h'])", "C.search(index=q, body={})", {N}),
    "opensearchpy.exceptions": ("from opensearchpy.exceptions import NotFoundError", "NotFoundError(q)", set()),
    "pymilvus": ("from pymilvus import MilvusClient\nC = MilvusClient(uri='http://m')", "C.search(q, data=[])", {N}),
    "pinecone": ("from pinecone import Pinecone\nC = Pinecone(api_key='k')", "C.Index(q).query(vector=[])", {N}),
    "weaviate": ("import weaviate\nC = weaviate.connect_to_local()", "C.collections.get(q)", {N}),
    "meilisearch": ("import meilisearch\nC = meilisearch.Client('http://m')", "C.index(q).search(q)", {N}),
    "typesense": ("import typesense\nC = typesense.Client({})", "C.collections[q].documents.search({})", {N}),
    "lancedb": ("import lancedb\nDB = lancedb.connect('d')", "DB.open_table(q).search([1]).to_list()", {R, W}),
    "duckdb.DuckDBPyConnection": ("import duckdb\nCON = duckdb.connect(':memory:')", "CON.sql('SELECT 1')", {R, W}),
    "duckdb.DuckDBPyConnection.close": ("import duckdb", "", set()),  # TYPED_PARAM: a method of a typed parameter
    "duckdb.DuckDBPyConnection.interrupt": ("import duckdb", "", set()),
    "duckdb.DuckDBPyConnection.description": ("import duckdb", "", set()),
    "chdb": ("import chdb", "chdb.query(q, 'CSV')", {R, W}),
    "oracledb": ("import oracledb", "oracledb.connect(user='u', dsn='d').cursor().execute(q)", {N}),
    "ldap.initialize": ("import ldap\nC = ldap.initialize('ldap://h')",
                        "C.search_s('dc=x', ldap.SCOPE_SUBTREE, '(cn=' + q + ')')", {N}),
    "pymssql": ("import pymssql", "pymssql.connect('h', 'u', 'p', 'db').cursor().execute(q)", {N}),
    "trino": ("import trino", "trino.dbapi.connect(host='h').cursor().execute(q)", {N}),
    "databricks.sql": ("from databricks import sql", "sql.connect(server_hostname='h').cursor().execute(q)", {N}),
    "influxdb_client": ("from influxdb_client import InfluxDBClient\nC = InfluxDBClient(url='u')",
                        "C.query_api().query(q)", {N}),
    "firecrawl": ("from firecrawl import FirecrawlApp\nC = FirecrawlApp(api_key='k')", "C.map(q)", {N}),
    "tavily": ("from tavily import TavilyClient\nC = TavilyClient(api_key='k')", "C.search(q)", {N}),
    "exa_py": ("from exa_py import Exa\nC = Exa('k')", "C.search(q)", {N}),
    "duckduckgo_search": ("from duckduckgo_search import DDGS", "DDGS().text(q)", {N}),
    "ddgs": ("from ddgs import DDGS", "DDGS().news(q)", {N}),
    "serpapi": ("import serpapi", "serpapi.search(q=q)", {N}),
    "wikipedia": ("import wikipedia", "wikipedia.summary(q)", {N}),
    "arxiv": ("import arxiv\nC = arxiv.Client()", "list(C.results(arxiv.Search(query=q)))", {N}),
    "yfinance": ("import yfinance as yf", "yf.Ticker(q).history(period='1d')", {N}),
    "trafilatura.fetch_url": ("import trafilatura", "trafilatura.fetch_url(q)", {N}),
    "ntplib": ("import ntplib\nC = ntplib.NTPClient()", "C.request(q, version=3)", {N}),
    "whois": ("import whois", "whois.whois(q)", {N}),
    "notion_client": ("from notion_client import Client\nC = Client(auth='k')", "C.pages.retrieve(q)", {N}),
    "atlassian": ("from atlassian import Confluence\nC = Confluence(url='u')", "C.get_page_by_id(q)", {N}),
    "jira": ("from jira import JIRA\nC = JIRA('https://j')", "C.issue(q)", {N}),
    "stripe": ("import stripe", "stripe.Customer.retrieve(q)", {N}),
    "twilio": ("from twilio.rest import Client\nC = Client('a', 'b')", "C.messages.create(body=q)", {N}),
    "tweepy": ("import tweepy\nC = tweepy.Client('t')", "C.create_tweet(text=q)", {N}),
    "praw": ("import praw\nC = praw.Reddit(client_id='i')", "C.subreddit(q).hot()", {N}),
    "gspread": ("import gspread\nC = gspread.service_account()", "C.open(q).sheet1.get_all_values()", {N}),
    "dropbox": ("import dropbox\nC = dropbox.Dropbox('t')", "C.files_list_folder(q)", {N}),
    "hvac": ("import hvac\nC = hvac.Client(url='u')", "C.secrets.kv.read_secret_version(path=q)", {N}),
    "sentry_sdk": ("import sentry_sdk", "sentry_sdk.capture_message(q)", {N}),
    "supabase": ("from supabase import create_client\nC = create_client('u', 'k')", "C.table(q).select('*').execute()", {N}),
    "google.genai": ("from google import genai\nC = genai.Client()", "C.models.generate_content(model='m', contents=q)", {N}),
    "google.generativeai": ("import google.generativeai as g", "g.GenerativeModel('m').generate_content(q)", {N}),
    "mistralai": ("from mistralai import Mistral\nC = Mistral(api_key='k')", "C.chat.complete(model='m', messages=[])", {N}),
    "cohere": ("import cohere\nC = cohere.Client('k')", "C.embed(texts=[q])", {N}),
    "groq": ("from groq import Groq\nC = Groq()", "C.chat.completions.create(messages=[], model='m')", {N}),
    "ollama": ("import ollama", "ollama.chat(model='m', messages=[])", {N}),
    "litellm": ("import litellm", "litellm.completion(model='m', messages=[])", {N}),
    "pypandoc": ("import pypandoc", "pypandoc.convert_text(q, 'md', format='html')", {P}),
    "pypandoc.convert_file": ("import pypandoc", "pypandoc.convert_file(q, 'md')", {P, R}),
    "pypandoc.download_pandoc": ("import pypandoc", "pypandoc.download_pandoc()", {N, W}),
    "asyncio.AbstractEventLoop.getaddrinfo": ("import asyncio", "asyncio.get_event_loop().getaddrinfo(q, 80)", {N}),
    "asyncio.AbstractEventLoop.getnameinfo": ("import asyncio", f"{LOOP}.getnameinfo((q, 80))", {N}),
    "asyncio.AbstractEventLoop.create_connection": ("import asyncio", f"{LOOP}.create_connection(object, q, 80)", {N}),
    "asyncio.AbstractEventLoop.create_datagram_endpoint": (
        "import asyncio", f"{LOOP}.create_datagram_endpoint(object, remote_addr=(q, 123))", {N}),
    "asyncio.AbstractEventLoop.create_server": ("import asyncio", "asyncio.new_event_loop().create_server(object, q, 80)", {N}),
    "asyncio.AbstractEventLoop.sock_connect": ("import asyncio", f"{LOOP}.sock_connect(None, (q, 80))", {N}),
    "asyncio.AbstractEventLoop.sock_sendto": ("import asyncio", f"{LOOP}.sock_sendto(None, b'x', (q, 9))", {N}),
    "asyncio.AbstractEventLoop.sock_sendall": ("import asyncio", f"{LOOP}.sock_sendall(None, b'x')", {N}),
    "asyncio.AbstractEventLoop.subprocess_exec": ("import asyncio", f"{LOOP}.subprocess_exec(object, q)", {P}),
    "asyncio.AbstractEventLoop.subprocess_shell": ("import asyncio", f"{LOOP}.subprocess_shell(object, q)", {P}),
}

TYPED_PARAM = {  # entries about methods of a typed object: the tool gets the object as a parameter
    "duckdb.DuckDBPyConnection.close": "close",
    "duckdb.DuckDBPyConnection.interrupt": "interrupt",
    "duckdb.DuckDBPyConnection.description": "description",
}


def _server(setup: str, body: str, entry: str) -> str:
    lines = ["from mcp.server.fastmcp import FastMCP", *setup.splitlines(), "", "mcp = FastMCP('x')", ""]
    if entry in TYPED_PARAM:
        lines += ["def helper(con: duckdb.DuckDBPyConnection) -> None:", f"    con.{TYPED_PARAM[entry]}()", ""]
        body = "helper(q)  # type: ignore[arg-type]"
    lines += ["@mcp.tool()", "def t(q: str) -> str:", "    \"\"\"Do it.\"\"\"", f"    {body}", "    return 'ok'", ""]
    return "\n".join(lines)


def test_every_entry_has_a_fixture() -> None:
    assert set(FIXTURES) == set(pyclients.CLIENT_KINDS)


def test_summaries_do_not_shadow_the_general_table() -> None:
    """An entry of the client table never silently replaces one of the general sink table."""
    general = {k: v for k, v in python.PREFIX_KINDS.items() if k not in pyclients.CLIENT_KINDS}
    assert all(python.PREFIX_KINDS[k] == v for k, v in pyclients.CLIENT_KINDS.items())
    assert not set(general) & set(pyclients.CLIENT_KINDS)


@pytest.mark.parametrize("entry", sorted(FIXTURES))
def test_client_entry(entry: str, tmp_path: Path) -> None:
    setup, body, kinds = FIXTURES[entry]
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": _server(setup, body, entry)})
    result = run(tmp_path)
    [tool] = result.tools
    assert tool.capability_kinds == kinds, (entry, tool.capability_kinds)
    assert not tool.unresolved_calls


def test_typed_connection_method_is_a_sink(tmp_path: Path) -> None:
    """A parameter typed with the connection class reaches its files through `execute`, not through `close`."""
    server = _server("import duckdb", "", "duckdb.DuckDBPyConnection.close").replace("con.close()", "con.execute(q)")
    server = server.replace("def helper(con: duckdb.DuckDBPyConnection) -> None:",
                            "def helper(con: duckdb.DuckDBPyConnection, q: str = '') -> None:")
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": server})
    [tool] = run(tmp_path).tools
    assert tool.capability_kinds == {R, W}


def test_a_method_of_an_unmodelled_library_object_is_listed(tmp_path: Path) -> None:
    """A client of a library no summary covers: the tool is not a clean pass, its call is listed
    with the library named; objects of I/O-free libraries and the standard library are not listed."""
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": """
        import json

        import numpy as np
        from mcp.server.fastmcp import FastMCP
        from vendorsdk import VendorClient

        mcp = FastMCP("x")
        C = VendorClient(token="t")


        @mcp.tool()
        def fetch(q: str) -> str:
            \"\"\"Fetch.\"\"\"
            return json.dumps(C.records.find(q))


        @mcp.tool()
        def mean(q: str) -> str:
            \"\"\"Mean.\"\"\"
            return str(np.array([1, 2]).mean()) + json.JSONDecoder().decode(q)
    """})
    tools = {t.name: t for t in run(tmp_path).tools}
    [call] = tools["fetch"].unresolved_calls
    assert "C.records.find" in call and "no model of vendorsdk" in call
    assert tools["mean"].unresolved_calls == ()


def test_a_database_client_is_no_file_contents(tmp_path: Path) -> None:
    """A client chosen at run time (a local database folder or a server): what the local client hands
    back is a collection object, not a file's contents sent over the network by the other one."""
    write(tmp_path, {"pkg/__init__.py": "", "pkg/server.py": """
        import os

        import chromadb
        from mcp.server.fastmcp import FastMCP

        mcp = FastMCP("x")


        def client():
            if os.environ.get("CHROMA_HOST"):
                return chromadb.HttpClient(host=os.environ["CHROMA_HOST"])
            return chromadb.PersistentClient(path="data")


        @mcp.tool()
        def add(collection_name: str, doc: str) -> str:
            \"\"\"Add a document to a Chroma collection.\"\"\"
            client().get_or_create_collection(collection_name).add(ids=["1"], documents=[doc])
            return "ok"
    """})
    [tool] = run(tmp_path).tools
    assert tool.capability_kinds == {N, R, W, Kind.ENV}
    network = [e for c in tool.capabilities if c.kind is N for e in c.evidence]
    assert network and not any(d.startswith("file") for e in network for d in (e.data_from or ()))
