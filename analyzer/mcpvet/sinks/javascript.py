"""The JavaScript/TypeScript sink model as data: which module APIs and globals reach which capability.

The JavaScript frontend resolves every call through imports (`import`, `require`, re-exports,
aliases, destructuring, class fields) to a `(module, member path)` pair and looks it up here.
This complements the semgrep rules in `semgrep-rules/javascript/`, which see only what is
visible in one file.

Lookup: the module name without a `node:` prefix; the first member after the module
(`fs.promises.readFile` looks up `readFile` once `promises` is skipped). A module listed in
`ANY_USE` counts for every call reaching it (a client library whose purpose is the kind).
`ARGUMENT_SINKS` run code only with a non-constant argument (a template engine compiling a
template made at run time; js-yaml loading with a schema that builds functions): the frontend
checks the argument.
"""

from __future__ import annotations

from collections.abc import Sequence

from mcpvet.model import Kind

_FS_READ = (
    "readFile readFileSync createReadStream readdir readdirSync opendir opendirSync read readSync "
    "readv readvSync stat statSync lstat lstatSync exists existsSync access accessSync realpath "
    "realpathSync readlink readlinkSync watch watchFile open openSync glob globSync statfs "
    "readJson readJsonSync readJSON pathExists pathExistsSync"
).split()
_FS_WRITE = (
    "writeFile writeFileSync appendFile appendFileSync createWriteStream mkdir mkdirSync mkdtemp "
    "mkdtempSync rm rmSync rmdir rmdirSync unlink unlinkSync rename renameSync copyFile copyFileSync "
    "cp cpSync chmod chmodSync chown chownSync lchown symlink symlinkSync link linkSync truncate "
    "truncateSync ftruncate utimes utimesSync lutimes write writeSync writev writevSync fchmod "
    "outputFile outputFileSync outputJson outputJsonSync writeJson writeJsonSync writeJSON remove "
    "removeSync ensureDir ensureDirSync ensureFile ensureFileSync mkdirp mkdirs copy copySync move "
    "moveSync emptyDir emptyDirSync"
).split()

# reads that answer whether a file is there, its size or its times: nothing of what it holds
FS_METADATA = frozenset({"stat", "statSync", "lstat", "lstatSync", "exists", "existsSync", "access", "accessSync",
                         "pathExists", "pathExistsSync", "statfs", "watch", "watchFile"})
FS_MODULES = ("fs", "fs/promises", "fs-extra", "graceful-fs", "original-fs", "mz/fs")
FS_MEMBERS: dict[str, Kind] = {**dict.fromkeys(_FS_READ, Kind.FS_READ), **dict.fromkeys(_FS_WRITE, Kind.FS_WRITE)}

# module -> kinds, for libraries whose every use is the capability
ANY_USE: dict[str, tuple[Kind, ...]] = {
    # process
    "child_process": (Kind.PROCESS,),
    "execa": (Kind.PROCESS,),
    "shelljs": (Kind.PROCESS,),
    "cross-spawn": (Kind.PROCESS,),
    "simple-git": (Kind.PROCESS,),
    "zx": (Kind.PROCESS,),
    "node-pty": (Kind.PROCESS,),
    "tree-kill": (Kind.PROCESS,),
    "open": (Kind.PROCESS,),
    # network
    "http": (Kind.NETWORK,),
    "https": (Kind.NETWORK,),
    "http2": (Kind.NETWORK,),
    "net": (Kind.NETWORK,),
    "tls": (Kind.NETWORK,),
    "dgram": (Kind.NETWORK,),
    "dns": (Kind.NETWORK,),
    "dns/promises": (Kind.NETWORK,),
    "undici": (Kind.NETWORK,),
    "axios": (Kind.NETWORK,),
    "node-fetch": (Kind.NETWORK,),
    "cross-fetch": (Kind.NETWORK,),
    "isomorphic-fetch": (Kind.NETWORK,),
    "got": (Kind.NETWORK,),
    "ky": (Kind.NETWORK,),
    "superagent": (Kind.NETWORK,),
    "request": (Kind.NETWORK,),
    "needle": (Kind.NETWORK,),
    "ws": (Kind.NETWORK,),
    "socket.io-client": (Kind.NETWORK,),
    "nodemailer": (Kind.NETWORK,),
    "pg": (Kind.NETWORK,),
    "mysql": (Kind.NETWORK,),
    "mysql2": (Kind.NETWORK,),
    "mysql2/promise": (Kind.NETWORK,),
    "mongodb": (Kind.NETWORK,),
    "mongoose": (Kind.NETWORK,),
    "ldapjs": (Kind.NETWORK,),
    "ldapts": (Kind.NETWORK,),
    "redis": (Kind.NETWORK,),
    "ioredis": (Kind.NETWORK,),
    "@octokit/rest": (Kind.NETWORK,),
    "@octokit/core": (Kind.NETWORK,),
    "openai": (Kind.NETWORK,),
    "@anthropic-ai/sdk": (Kind.NETWORK,),
    "@slack/web-api": (Kind.NETWORK,),
    "@notionhq/client": (Kind.NETWORK,),
    "stripe": (Kind.NETWORK,),
    "azure-devops-node-api": (Kind.NETWORK,),
    "googleapis": (Kind.NETWORK,),
    "@google/generative-ai": (Kind.NETWORK,),
    "@google/genai": (Kind.NETWORK,),
    "@supabase/supabase-js": (Kind.NETWORK,),
    "@linear/sdk": (Kind.NETWORK,),
    "@sendgrid/mail": (Kind.NETWORK,),
    "twilio": (Kind.NETWORK,),
    "discord.js": (Kind.NETWORK,),
    "telegraf": (Kind.NETWORK,),
    "jira-client": (Kind.NETWORK,),
    "jira.js": (Kind.NETWORK,),
    "@elastic/elasticsearch": (Kind.NETWORK,),
    "@prisma/client": (Kind.NETWORK,),
    "knex": (Kind.NETWORK,),
    "mssql": (Kind.NETWORK,),
    "ssh2": (Kind.NETWORK,),
    "ftp": (Kind.NETWORK,),
    "basic-ftp": (Kind.NETWORK,),
    "imapflow": (Kind.NETWORK,),
    # vector stores, search and scraping SDKs (tests/frontends/javascript/test_client_summaries.py)
    "@qdrant/js-client-rest": (Kind.NETWORK,),
    "chromadb": (Kind.NETWORK,),
    "@pinecone-database/pinecone": (Kind.NETWORK,),
    "@opensearch-project/opensearch": (Kind.NETWORK,),
    "@zilliz/milvus2-sdk-node": (Kind.NETWORK,),
    "weaviate-client": (Kind.NETWORK,),
    "@mendable/firecrawl-js": (Kind.NETWORK,),
    "@tavily/core": (Kind.NETWORK,),
    "exa-js": (Kind.NETWORK,),
    "ntp-client": (Kind.NETWORK,),
    "duckdb": (Kind.FS_READ, Kind.FS_WRITE),
    "@duckdb/node-api": (Kind.FS_READ, Kind.FS_WRITE),
    "node-pandoc": (Kind.PROCESS,),
    # files (embedded databases)
    "better-sqlite3": (Kind.FS_READ, Kind.FS_WRITE),
    "sqlite3": (Kind.FS_READ, Kind.FS_WRITE),
    "sqlite": (Kind.FS_READ, Kind.FS_WRITE),
    "glob": (Kind.FS_READ,),
    "fast-glob": (Kind.FS_READ,),
    "globby": (Kind.FS_READ,),
    "tiny-glob": (Kind.FS_READ,),
    "readdirp": (Kind.FS_READ,),
    "chokidar": (Kind.FS_READ,),
    "rimraf": (Kind.FS_WRITE,),
    "mkdirp": (Kind.FS_WRITE,),
    "del": (Kind.FS_WRITE,),
    # browsers: they browse and start a browser process
    "puppeteer": (Kind.NETWORK, Kind.PROCESS),
    "puppeteer-core": (Kind.NETWORK, Kind.PROCESS),
    "playwright": (Kind.NETWORK, Kind.PROCESS),
    "playwright-core": (Kind.NETWORK, Kind.PROCESS),
    "@playwright/test": (Kind.NETWORK, Kind.PROCESS),
    # environment
    "dotenv": (Kind.ENV,),
    "dotenv-expand": (Kind.ENV,),
    "keytar": (Kind.ENV,),
    # code execution
    "vm": (Kind.CODE_EXEC,),
    "vm2": (Kind.CODE_EXEC,),
    "isolated-vm": (Kind.CODE_EXEC,),
}

# package-name prefixes whose every use is network (cloud SDK families)
ANY_USE_PREFIXES: dict[str, tuple[Kind, ...]] = {
    "@aws-sdk/": (Kind.NETWORK,),
    "@google-cloud/": (Kind.NETWORK,),
    "@azure/": (Kind.NETWORK,),
    "@octokit/": (Kind.NETWORK,),
}

# members of non-listed built-in modules that are sinks
MEMBER_SINKS: dict[tuple[str, str], tuple[Kind, ...]] = {
    ("os", "userInfo"): (Kind.ENV,),
    ("process", "env"): (Kind.ENV,),
    ("v8", "deserialize"): (Kind.CODE_EXEC,),
    ("node-serialize", "unserialize"): (Kind.CODE_EXEC,),  # runs functions serialised as `_$$ND_FUNC$$_`
}

# Calls that run code only when an argument is not a constant: template engines compiling a
# template source (the template language reaches JavaScript), js-yaml loading with a schema that
# builds functions. (module, last member) -> (slot, role); the frontend checks the condition.
TEMPLATE_MODULES = ("ejs", "handlebars", "pug", "jade", "nunjucks", "lodash", "lodash.template", "underscore",
                    "dot", "dustjs-linkedin", "hogan.js", "eta", "squirrelly", "art-template", "velocityjs")
ARGUMENT_SINKS: dict[tuple[str, str], tuple[int, str]] = {
    ("ejs", "render"): (0, "template"),
    ("ejs", "compile"): (0, "template"),
    ("handlebars", "compile"): (0, "template"),
    ("handlebars", "precompile"): (0, "template"),
    ("pug", "render"): (0, "template"),
    ("pug", "compile"): (0, "template"),
    ("jade", "render"): (0, "template"),
    ("jade", "compile"): (0, "template"),
    ("nunjucks", "renderString"): (0, "template"),
    ("nunjucks", "compile"): (0, "template"),
    ("lodash", "template"): (0, "template"),
    ("lodash.template", ""): (0, "template"),
    ("underscore", "template"): (0, "template"),
    ("dot", "template"): (0, "template"),
    ("dot", "compile"): (0, "template"),
    ("eta", "renderString"): (0, "template"),
    ("eta", "compile"): (0, "template"),
    ("squirrelly", "render"): (0, "template"),
    ("art-template", "render"): (0, "template"),
    ("velocityjs", "render"): (0, "template"),
    ("js-yaml", "load"): (0, "deserialize"),  # only with a schema that builds functions (the frontend checks)
    ("js-yaml", "loadAll"): (0, "deserialize"),
}
UNSAFE_YAML_SCHEMA = ("DEFAULT_FULL_SCHEMA", "FULL_SCHEMA", "js-types", "jsTypes", "JS_SCHEMA")


def argument_sink(module: str, path: Sequence[str]) -> tuple[int, str] | None:
    """(slot, role) of a call that runs code when that argument is not a constant, or None."""
    if module.startswith("node:"):
        module = module[5:]
    members = [p for p in path if p not in ("default",)]
    return ARGUMENT_SINKS.get((module, members[-1] if members else ""))

# free (global) names called as functions or constructors
GLOBAL_CALLS: dict[str, tuple[Kind, ...]] = {
    "fetch": (Kind.NETWORK,),
    "globalThis.fetch": (Kind.NETWORK,),
    "WebSocket": (Kind.NETWORK,),
    "XMLHttpRequest": (Kind.NETWORK,),
    "EventSource": (Kind.NETWORK,),
    "eval": (Kind.CODE_EXEC,),
    "globalThis.eval": (Kind.CODE_EXEC,),
    "Function": (Kind.CODE_EXEC,),
    "process.binding": (Kind.CODE_EXEC,),
    "process.dlopen": (Kind.CODE_EXEC,),
}


# methods of Node's EventEmitter that only add, remove or count listeners on an object (a server, a socket, a
# child process, a stream): they send, read, write or start nothing; what they listen to is made by its own call
# (`createServer`, `connect`, `spawn`, `createReadStream`), a sink of its own. (`emit` is not here: socket.io's
# sends a message.)
LISTENER_METHODS = frozenset({"on", "once", "off", "addListener", "removeListener", "prependListener",
                              "prependOnceListener", "removeAllListeners", "setMaxListeners", "getMaxListeners",
                              "listenerCount", "listeners", "rawListeners", "eventNames"})


# child_process calls that wait for the program and return its output (a Buffer, a string, an object): what
# is called on that output (`.toString()`, `.split("\\n")`) starts nothing
SYNC_OUTPUTS = frozenset({"execSync", "execFileSync", "spawnSync"})
# reads whose answer is the data read (not a stream to read from): a method called on it reads nothing more
ANSWERED_READS = frozenset({"readFileSync", "readFile", "readdirSync", "readdir", "statSync", "stat", "lstatSync",
                            "lstat", "existsSync", "readlinkSync", "readlink", "realpathSync", "realpath"})


# members of network modules that only compute (`net.isIP("10.0.0.1")`, `tls.getCiphers()`): no connection
PURE_MEMBERS: dict[str, frozenset[tuple[str, ...]]] = {
    "net": frozenset({("isIP",), ("isIPv4",), ("isIPv6",)}),
    "tls": frozenset({("getCiphers",), ("checkServerIdentity",), ("rootCertificates",)}),
    "http": frozenset({("STATUS_CODES",), ("METHODS",), ("validateHeaderName",), ("validateHeaderValue",)}),
    "https": frozenset({("STATUS_CODES",), ("METHODS",)}),
}

# Node's own modules that make servers, and the calls that make one (`http.createServer(h)`, `new net.Server()`):
# the server takes connections only once it listens (`listen(port, host)`, whose host says where)
SERVER_MODULES = frozenset({"http", "https", "http2", "net", "tls"})
SERVER_MAKERS = frozenset({"createServer", "createSecureServer", "Server"})


def lookup_module(module: str, path: Sequence[str]) -> tuple[Kind, ...]:
    """Kinds reached by calling `module`.`path` (path may be empty: the module itself called). A listener
    method of an object the module made (`server.on("error", …)`, `child.once("exit", …)`) reaches none."""
    if module.startswith("node:"):
        module = module[5:]
    members = [p for p in path if p not in ("default", "promises")]
    if members and members[-1] in LISTENER_METHODS:
        return ()
    if module in FS_MODULES or module.startswith("fs/"):
        for i, name in enumerate(members):
            kind = FS_MEMBERS.get(name)
            if kind is not None:
                if i < len(members) - 1 and name in ANSWERED_READS:
                    return ()  # `readFileSync(p).toString("base64")`: the answer of a read already made
                return (kind,)
        return ()
    if module == "child_process" and len(members) > 1 and members[0] in SYNC_OUTPUTS:
        return ()  # `execFileSync(…).toString()`: the output of a program that has run, not a start of its own
    if module in FETCH_MODULES and members and members[0] in RESPONSE_MEMBERS:
        return ()  # `(await fetch(u)).text()` of node-fetch: reading the answer of a request already made
    if members and tuple(members) in PURE_MEMBERS.get(module, ()):
        return ()  # `net.isIP(text)`: a test of a string, no connection
    if module in ANY_USE:
        return ANY_USE[module]
    base = module
    if not module.startswith("@") and "/" in module:
        base = module.split("/", 1)[0]
    elif module.startswith("@") and module.count("/") > 1:
        base = "/".join(module.split("/", 2)[:2])
    if base in ANY_USE:
        return ANY_USE[base]
    for prefix, kinds in ANY_USE_PREFIXES.items():
        if module.startswith(prefix):
            return kinds
    if members:
        return MEMBER_SINKS.get((module, members[0]), ())
    return ()


def lookup_global(name: str) -> tuple[Kind, ...]:
    return GLOBAL_CALLS.get(name, ())


def sink_name(module: str, path: Sequence[str]) -> str:
    if module.startswith("node:"):
        module = module[5:]
    members = [p for p in path if p != "default"]
    return ".".join([module, *members[:2]]) if members else module


# --- the argument that matters at each sink: (slot, role) by module and member (the last member
# name that is not `default`/`promises`), or by global name. Roles as `mcpvet.analysis.flow.ROLES`;
# "command" is a spawn: a shell line with `{ shell: true }` (or `sh -c LINE`), else the program.
_JS_SQL_MODULES = frozenset({"pg", "mysql", "mysql2", "mysql2/promise", "sqlite3", "sqlite", "better-sqlite3",
                             "mssql", "knex", "@prisma/client"})
_JS_SQL_MEMBERS = frozenset({"query", "execute", "exec", "prepare", "all", "get", "run", "each", "raw",
                             "$queryRawUnsafe", "$executeRawUnsafe"})
# MongoDB drivers and ODMs: methods whose first argument is a query filter
_JS_MONGO_MODULES = frozenset({"mongodb", "mongoose", "mongojs", "monk"})
_JS_MONGO_MEMBERS = frozenset({"find", "findOne", "findOneAndUpdate", "findOneAndDelete", "findOneAndReplace",
                               "findOneAndRemove", "updateOne", "updateMany", "deleteOne", "deleteMany", "replaceOne",
                               "countDocuments", "count", "remove", "exists"})
MONGO_CODE_KEYS = frozenset({"$where", "$function", "$accumulator"})  # query operators whose value is JavaScript


def mongo_query_member(name: str) -> bool:
    """A collection method that takes a MongoDB filter first (`find`, `findOne`, `updateMany` …)."""
    return name in _JS_MONGO_MEMBERS


# ldapjs: client.search(base, options-with-filter-or-a-filter-string)
_JS_LDAP_MODULES = frozenset({"ldapjs", "ldapts"})
_JS_HTTP_MODULES = frozenset({"axios", "node-fetch", "cross-fetch", "isomorphic-fetch", "got", "ky", "superagent",
                              "needle", "request", "undici", "http", "https"})
_JS_HTTP_MEMBERS = frozenset({"", "get", "post", "put", "patch", "delete", "head", "options", "request", "fetch",
                              "stream"})
# modules whose default export is `fetch` itself: a member of what it returns is a member of a response
FETCH_MODULES = frozenset({"node-fetch", "cross-fetch", "isomorphic-fetch", "isomorphic-unfetch", "unfetch"})
# members of a response that has come back: reading them sends nothing
RESPONSE_MEMBERS = frozenset({"json", "text", "arrayBuffer", "blob", "formData", "body", "headers", "status", "ok",
                              "statusText", "then", "catch", "finally"})
JS_MODULE_SLOTS: dict[tuple[str, str], tuple[int, str]] = {
    ("child_process", "exec"): (0, "shell"),
    ("child_process", "execSync"): (0, "shell"),
    ("child_process", "execFile"): (0, "command"),
    ("child_process", "execFileSync"): (0, "command"),
    ("child_process", "spawn"): (0, "command"),
    ("child_process", "spawnSync"): (0, "command"),
    ("child_process", "fork"): (0, "code"),
    ("execa", ""): (0, "command"),
    ("execa", "execa"): (0, "command"),
    ("execa", "execaSync"): (0, "command"),
    ("execa", "execaCommand"): (0, "shell"),
    ("execa", "execaCommandSync"): (0, "shell"),
    ("shelljs", "exec"): (0, "shell"),
    ("cross-spawn", ""): (0, "command"),
    ("cross-spawn", "sync"): (0, "command"),
    ("vm", "runInNewContext"): (0, "code"),
    ("vm", "runInThisContext"): (0, "code"),
    ("vm", "runInContext"): (0, "code"),
    ("vm", "Script"): (0, "code"),
    ("vm", "compileFunction"): (0, "code"),
    ("vm2", "run"): (0, "code"),
    ("v8", "deserialize"): (0, "deserialize"),
    ("node-serialize", "unserialize"): (0, "deserialize"),
}
JS_GLOBAL_SLOTS: dict[str, tuple[int, str]] = {
    "eval": (0, "code"),
    "globalThis.eval": (0, "code"),
    "Function": (0, "code"),
    "fetch": (0, "url"),
    "globalThis.fetch": (0, "url"),
    "WebSocket": (0, "url"),
    "EventSource": (0, "url"),
}


# fs calls whose second argument is a path as much as the first (a rename's or copy's target)
TWO_PATH_MEMBERS = frozenset(
    "rename renameSync copyFile copyFileSync cp cpSync copy copySync move moveSync symlink symlinkSync link linkSync"
    .split())


def js_other_path(module: str, path: Sequence[str]) -> int | None:
    """The index of the second path argument of an fs call (`fs.rename(from, to)`: 1), or None."""
    if module.startswith("node:"):
        module = module[5:]
    members = [p for p in path if p not in ("default", "promises")]
    if (module in FS_MODULES or module.startswith("fs/")) and len(members) == 1 and members[0] in TWO_PATH_MEMBERS:
        return 1
    return None


def js_sink_slot(module: str, path: Sequence[str]) -> tuple[int, str] | None:
    """(slot, role) of the argument that matters when calling `module`.`path`, or None."""
    if module.startswith("node:"):
        module = module[5:]
    members = [p for p in path if p not in ("default", "promises")]
    last = members[-1] if members else ""
    if any(m in RESPONSE_MEMBERS for m in members[1:]):
        return None  # `(await fetch(u)).headers.get("x-next-page")` reads an answer; it sends nothing
    if module in FS_MODULES or module.startswith("fs/"):
        if len(members) > 1 and members[0] in FS_MEMBERS:
            return None  # `createWriteStream(p).write(text)`: the path went to the first call; this takes data
        return (0, "path") if last in FS_MEMBERS else None
    found = JS_MODULE_SLOTS.get((module, last)) or ARGUMENT_SINKS.get((module, last))
    if found is not None:
        return found
    if module in _JS_SQL_MODULES and last in _JS_SQL_MEMBERS:
        if "prepare" in members[:-1]:
            return None  # a prepared statement's all/get/run take the query parameters
        return 0, "sql"
    if module in _JS_HTTP_MODULES and last in _JS_HTTP_MEMBERS:
        return 0, "url"
    if module in _JS_MONGO_MODULES and last in _JS_MONGO_MEMBERS and len(members) > 1:
        return 0, "nosql"
    if module in _JS_LDAP_MODULES and last == "search" and len(members) > 1:
        return 1, "ldap"
    return None


def js_global_slot(name: str) -> tuple[int, str] | None:
    return JS_GLOBAL_SLOTS.get(name)
