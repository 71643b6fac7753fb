"""JavaScript/TypeScript client objects: the SDKs of the sink table's client entries (one fixture
each), and clients kept in class fields (`this.client = new X()` after `= null`, a typed field)."""

from __future__ import annotations

import pytest

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules
from mcpvet.model import FrontendResult, Kind

N, R, W, P = Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE, Kind.PROCESS
HEADER = 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nconst server = new McpServer({});\n'

# module -> (set-up, the tool's body, kinds)
FIXTURES: dict[str, tuple[str, str, set[Kind]]] = {
    "@qdrant/js-client-rest": ('import { QdrantClient } from "@qdrant/js-client-rest";\nconst c = new QdrantClient({url: "u"});',
                               "await c.search(q, {vector: []});", {N}),
    "chromadb": ('import { ChromaClient } from "chromadb";\nconst c = new ChromaClient();',
                 "const col = await c.getCollection({name: q}); await col.query({queryTexts: [q]});", {N}),
    "@pinecone-database/pinecone": ('import { Pinecone } from "@pinecone-database/pinecone";\nconst c = new Pinecone();',
                                    "await c.index(q).query({topK: 1});", {N}),
    "@opensearch-project/opensearch": ('import { Client } from "@opensearch-project/opensearch";\nconst c = new Client({});',
                                       "await c.search({index: q});", {N}),
    "@zilliz/milvus2-sdk-node": ('import { MilvusClient } from "@zilliz/milvus2-sdk-node";\nconst c = new MilvusClient({});',
                                 "await c.search({collection_name: q});", {N}),
    "weaviate-client": ('import weaviate from "weaviate-client";',
                        "const c = await weaviate.connectToLocal(); c.collections.get(q);", {N}),
    "@mendable/firecrawl-js": ('import FirecrawlApp from "@mendable/firecrawl-js";\nconst app = new FirecrawlApp({apiKey: "k"});',
                               "await app.mapUrl(q);", {N}),
    "@tavily/core": ('import { tavily } from "@tavily/core";\nconst t = tavily({apiKey: "k"});', "await t.search(q);", {N}),
    "exa-js": ('import Exa from "exa-js";\nconst exa = new Exa("k");', "await exa.search(q);", {N}),
    "ntp-client": ('import ntp from "ntp-client";', "ntp.getNetworkTime(q, 123, () => {});", {N}),
    "duckdb": ('import duckdb from "duckdb";\nconst db = new duckdb.Database(":memory:");', "db.all(q, () => {});", {R, W}),
    "@duckdb/node-api": ('import { DuckDBInstance } from "@duckdb/node-api";',
                         "const i = await DuckDBInstance.create(q); await (await i.connect()).run(q);", {R, W}),
    "node-pandoc": ('import pandoc from "node-pandoc";', "pandoc(q, '-f markdown -t html', () => {});", {P}),
}


def _run(src: str, path: str = "index.ts") -> FrontendResult:
    module = extract_module(path, "typescript", (HEADER + src).encode("utf-8"))
    return analyse_modules([module], [])


def _tool(setup: str, body: str) -> str:
    return f'{setup}\nserver.tool("t", "does it", {{q: z.string()}}, async ({{q}}) => {{ {body} return {{content: []}}; }});\n'


@pytest.mark.parametrize("module", sorted(FIXTURES))
def test_client_module(module: str) -> None:
    setup, body, kinds = FIXTURES[module]
    [tool] = _run(_tool(setup, body)).tools
    assert tool.capability_kinds == kinds, (module, tool.capability_kinds)


def test_every_client_module_has_a_fixture() -> None:
    from mcpvet.sinks.javascript import ANY_USE

    start = list(ANY_USE).index("@qdrant/js-client-rest")
    assert set(list(ANY_USE)[start:start + len(FIXTURES)]) == set(FIXTURES)


CLASS_FIELDS = """
import { Client } from "@elastic/elasticsearch";

class Store {
  private client: Client | null;
  private later = null;
  constructor() { this.later = null; }
  connect() { this.later = new Client({node: "u"}); }
  async find(q: string) { return this.client!.search({index: q}); }
  async count(q: string) { return this.later.count(q); }
}

const store = new Store();
server.tool("find", "finds", {q: z.string()}, async ({q}) => ({content: [await store.find(q)]}));
server.tool("count", "counts", {q: z.string()}, async ({q}) => ({content: [await store.count(q)]}));
"""


def test_clients_in_class_fields() -> None:
    """A typed field (`client: Client | null`) and a field set to null before a constructor
    assignment in another method hold the client."""
    tools = {t.name: t for t in _run(CLASS_FIELDS).tools}
    assert tools["find"].capability_kinds == {N}
    assert tools["count"].capability_kinds == {N}
