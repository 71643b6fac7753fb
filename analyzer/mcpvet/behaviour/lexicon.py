"""The words and fields that admit to a capability kind, as data.

Three shapes of evidence:

* `PHRASES`: a word or phrase that on its own tells a reader the tool does this
  ("URL", "HTTP", "shell", "environment variable", "git"). A phrase may imply several kinds
  (git runs a program and reads and writes the repository).
* `VERB_OBJECT`: a verb that only counts with a fitting object in the same clause
  ("read" + "file", "run" + "command", "save" + "disk"): "read the time" or "create a summary"
  admit to nothing.
* `PARAMETERS`: parameter names of the input schema (`url`, `path`, `command` ...), and JSON
  Schema `format` values (`uri`).

Every entry carries the label shown to the user as the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.behaviour.text import stem
from mcpvet.model import Kind

N, R, W, P, C, E = Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE, Kind.PROCESS, Kind.CODE_EXEC, Kind.ENV


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # stems
    kinds: tuple[Kind, ...]
    label: str
    unless_next: frozenset[str] = frozenset()  # stems that, right after the phrase, cancel it
    unless_prev: frozenset[str] = frozenset()  # stems that, right before the phrase, cancel it
    service: bool = False  # names a service or program: also counts in the package's name


@dataclass(frozen=True)
class VerbObject:
    verbs: frozenset[str]  # stems
    objects: frozenset[str]  # stems
    kinds: tuple[Kind, ...]
    label: str
    window: int = 8  # max distance in words between verb and object, same clause
    ordered: bool = False  # the object must follow the verb ("start a process", not "process … before stopping")


def _stems(*words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def _phrase(text: str, kinds: tuple[Kind, ...], *, label: str | None = None, unless_next: tuple[str, ...] = (),
            unless_prev: tuple[str, ...] = (), service: bool = False) -> Phrase:
    words = tuple(stem(w) for w in text.replace("-", " ").split())
    return Phrase(words, kinds, label or text, _stems(*unless_next), _stems(*unless_prev), service)


def _service(text: str, kinds: tuple[Kind, ...], label: str | None = None) -> Phrase:
    return _phrase(text, kinds, label=label, service=True)


# online services and products whose name alone tells a user the tool talks to them
_ONLINE_SERVICES = (
    "GitHub", "GitLab", "Bitbucket", "Slack", "Discord", "Telegram", "WhatsApp", "Jira", "Confluence", "Notion",
    "Trello", "Asana", "ClickUp", "Airtable", "HubSpot", "Salesforce", "Zendesk", "Stripe", "PayPal",
    "Shopify", "Twilio", "SendGrid", "Mailgun", "Gmail", "Outlook", "OpenAI", "Anthropic", "HuggingFace",
    "AWS", "GCP", "Azure", "Google", "YouTube", "Spotify", "Twitter", "Reddit", "LinkedIn",
    "Sentry", "Datadog", "Grafana", "PagerDuty", "Cloudflare", "Vercel", "Netlify", "Supabase", "Firebase",
    "Brave", "Bing", "DuckDuckGo", "Tavily", "Exa", "Perplexity", "Wikipedia", "arXiv", "Figma", "Dropbox",
    "OneDrive", "SharePoint", "iCloud", "BigQuery", "Snowflake", "DynamoDB", "Kubernetes", "Docker Hub",
)



_URL_STRING_USES = ("slug", "slugs", "encode", "encoded", "encoding", "decode", "decoding", "safe", "escape",
                    "escaping", "parse", "parsing", "parser", "component", "components", "pattern", "patterns",
                    "friendly", "format", "formatting", "string", "normalise", "normalize", "regex", "template")

PHRASES: tuple[Phrase, ...] = (
    # ---- network
    _phrase("url", (N,), label="URL", unless_next=_URL_STRING_USES, unless_prev=("data",)),
    _phrase("urls", (N,), label="URL", unless_next=_URL_STRING_USES),
    _phrase("uri", (N,), label="URI", unless_next=_URL_STRING_USES, unless_prev=("data", "file")),
    _phrase("http", (N,), label="HTTP"),
    _phrase("web", (N,), label="web", unless_next=("component", "components", "worker")),
    _phrase("website", (N,)),
    _phrase("webpage", (N,), label="web page"),
    _phrase("internet", (N,)),
    _phrase("online", (N,)),
    _phrase("fetch", (N,)),
    _phrase("download", (N,)),
    _phrase("upload", (N,)),
    _phrase("api", (N,), label="API", unless_prev=("intl", "internal", "python", "node", "javascript", "dom",
                                                  "standard", "library", "this")),
    _phrase("rest api", (N,), label="REST API"),
    _phrase("endpoint", (N,)),
    _phrase("webhook", (N,)),
    _phrase("graphql", (N,), label="GraphQL"),
    _phrase("remote", (N,)),
    _phrase("email", (N,), unless_next=("format", "address format", "regex", "validation")),
    _phrase("e mail", (N,), label="e-mail"),
    _phrase("mail", (N,)),
    _service("smtp", (N,), "SMTP"),
    _phrase("imap", (N,), label="IMAP"),
    _phrase("ldap", (N,), label="LDAP"),
    *(_service(name.lower(), (N,), name) for name in _ONLINE_SERVICES),
    _phrase("pull request", (N,)),
    _phrase("merge request", (N,)),
    _service("puppeteer", (N, P), "Puppeteer"),
    _service("playwright", (N, P), "Playwright"),
    _service("selenium", (N, P), "Selenium"),
    _service("headless", (N, P)),
    _service("chromium", (N, P), "Chromium"),
    _service("chrome", (N, P), "Chrome"),
    _phrase("cloud", (N,)),
    _service("s3", (N,), "S3"),
    _phrase("socket", (N,)),
    _phrase("websocket", (N,), label="WebSocket"),  # one word (a brand of `text._BRANDS`): not "socket"
    _phrase("tcp", (N,), label="TCP"),
    _phrase("udp", (N,), label="UDP"),
    _phrase("dns", (N,), label="DNS"),
    _phrase("ping", (N,)),
    _phrase("proxy", (N,)),
    _phrase("browser", (N, P)),
    _phrase("crawl", (N,)),
    _phrase("scrape", (N,)),
    _phrase("web search", (N,)),
    _phrase("search engine", (N,)),
    _service("weather", (N,)),
    _phrase("forecast", (N,)),
    _phrase("exchange rate", (N,)),
    _phrase("stock price", (N,)),
    _phrase("ip address", (N,), label="IP address"),
    _phrase("hostname", (N,)),
    _phrase("server url", (N,), label="server URL"),
    _phrase("ssh", (N, P), label="SSH"),
    _phrase("clone", (N,)),
    _phrase("database", (N, R, W), unless_prev=("sqlite", "sqlite3", "local", "embedded", "duckdb", "memory",
                                                "file", "lite"), service=True),
    _phrase("databases", (N, R, W), label="database", unless_prev=("sqlite", "local", "embedded", "duckdb")),
    _service("duckdb", (R, W), "DuckDB"),
    _service("postgres", (N,), "Postgres"),
    _service("postgresql", (N,), "PostgreSQL"),
    _service("mysql", (N,), "MySQL"),
    _service("mongodb", (N,), "MongoDB"),
    _service("redis", (N,), "Redis"),
    _service("elasticsearch", (N,), "Elasticsearch"),
    # vector stores and search engines a tool names (the client libraries in sinks/pyclients.py):
    # a server or, in local mode, a database folder
    _service("qdrant", (N, R, W), "Qdrant"),
    _service("chroma", (N, R, W), "Chroma"),
    _service("chromadb", (N, R, W), "Chroma"),
    _service("opensearch", (N,), "OpenSearch"),
    _service("milvus", (N, R, W), "Milvus"),
    _service("pinecone", (N,), "Pinecone"),
    _service("weaviate", (N,), "Weaviate"),
    _service("motherduck", (N, R, W), "MotherDuck"),
    _phrase("vector database", (N, R, W)),
    _phrase("vector store", (N, R, W)),
    # ---- local storage
    _service("sqlite", (R, W), "SQLite"),
    _service("sqlite3", (R, W), "SQLite"),
    _service("knowledge graph", (R, W)),
    _phrase("local storage", (R, W)),
    _phrase("persist", (R, W)),
    _phrase("persistent", (R, W)),
    _phrase("memory file", (R, W)),
    # ---- files
    _phrase("file", (R,), unless_prev=("data",)),
    _phrase("files", (R,), label="file"),
    _phrase("filename", (R,)),
    _phrase("directory", (R,)),
    _phrase("directories", (R,), label="directory"),
    _phrase("dir", (R,), label="directory"),
    _phrase("folder", (R,)),
    _service("filesystem", (R,), "file system"),
    _phrase("file system", (R,)),
    _phrase("glob", (R,)),
    _phrase("path", (R,), unless_prev=("url", "json", "jsonpath", "xpath", "api", "request", "svg", "import",
                                      "graph", "call")),
    _phrase("paths", (R,), label="path", unless_prev=("url", "json", "api", "request", "call")),
    _phrase("local repository", (R,)),
    _phrase("local repo", (R,)),
    _phrase("repository path", (R,)),
    _phrase("working tree", (R,)),
    _phrase("working directory", (R,)),
    _phrase("disk", (R,), unless_next=("space", "usage", "free")),
    _phrase("pdf", (R,), label="PDF"),
    _phrase("spreadsheet", (R,)),
    _phrase("mkdir", (W,)),
    *(_phrase(f"{what} {act}", (W,), label="set up a project (its files)")
      for what in ("project", "workspace", "repository") for act in ("initialization", "initialisation")),
    _phrase("rmdir", (W,)),
    _phrase("unlink", (W,)),
    _phrase("to disk", (W,)),
    _phrase("on disk", (R, W)),
    _phrase("recycle bin", (W,)),
    _phrase("trash", (W,), unless_prev=("empty",)),
    _phrase("download to", (W,)),
    _phrase("downloads to", (W,), label="download to"),
    # ---- processes
    _phrase("shell", (P,)),
    _phrase("terminal", (P,)),
    _phrase("bash", (P,)),
    _phrase("zsh", (P,)),
    _phrase("powershell", (P,), label="PowerShell"),
    _phrase("subprocess", (P,)),
    _phrase("child process", (P,)),
    _phrase("command line", (P,)),
    _phrase("cli", (P,), label="CLI"),
    _phrase("shell command", (P,)),
    _phrase("system command", (P,)),
    _phrase("executable", (P,)),
    _phrase("spawn", (P,)),
    _phrase("pid", (P,), label="PID"),
    _service("git", (P, R, W), "git"),
    _service("docker", (P, N), "Docker"),  # runs containers, through the daemon's API
    _service("kubectl", (P,)),
    _phrase("npm", (P,)),
    _phrase("npx", (P,)),
    _phrase("pip", (P,)),
    _service("ffmpeg", (P,)),
    _service("pandoc", (P,)),
    _phrase("applescript", (P,), label="AppleScript"),
    _phrase("osascript", (P,)),
    # ---- code execution
    _phrase("eval", (C,)),
    _phrase("evaluate", (C,), unless_next=("quality", "performance", "relevance", "accuracy", "sentiment", "risk")),
    _phrase("expression", (C,), unless_prev=("regular", "cron", "jq", "glob", "facial", "search")),
    _phrase("interpreter", (C, P)),
    _phrase("repl", (C, P), label="REPL"),
    _phrase("sandbox", (C, P)),
    _phrase("jupyter", (C, P), label="Jupyter"),
    _phrase("python code", (C, P)),
    _phrase("javascript code", (C, P)),
    _phrase("arbitrary code", (C, P)),
    _phrase("code execution", (C, P)),
    _phrase("execute code", (C, P)),
    # ---- environment and secrets
    _phrase("environment variable", (E,)),
    _phrase("environment", (E,), unless_prev=("development", "production", "test", "python", "virtual",
                                             "runtime", "execution", "sandbox", "desktop")),
    _phrase("env", (E,), label="env"),
    _phrase("env var", (E,)),
    _phrase("dotenv", (E,)),
    _phrase("api key", (E,), label="API key"),
    _phrase("apikey", (E,), label="API key"),
    _phrase("access token", (E,)),
    _phrase("auth token", (E,)),
    _phrase("bearer token", (E,)),
    _phrase("credential", (E,)),
    _phrase("credentials", (E,), label="credential"),
    _phrase("secret", (E,)),
    _phrase("password", (E,)),
    _phrase("keychain", (E,)),
    _phrase("keyring", (E,)),
    _phrase("config", (E,)),
    _phrase("configuration", (E,)),
    _phrase("configured", (E,)),
)

_FILE_OBJECTS = ("file", "files", "filename", "directory", "directories", "folder", "folders", "disk", "path",
                 "filesystem", "document", "documents", "image", "images", "attachment", "archive")

VERB_OBJECT: tuple[VerbObject, ...] = (
    VerbObject(_stems("read", "list", "open", "load", "scan", "browse", "search", "find", "view", "cat", "inspect",
                      "examine", "stat", "walk", "watch", "parse"),
               _stems(*_FILE_OBJECTS), (R,), "read/list files"),
    VerbObject(_stems("write", "save", "create", "delete", "remove", "move", "rename", "overwrite", "edit", "append",
                      "modify", "update", "copy", "download", "export", "touch", "truncate", "chmod", "store",
                      "erase", "replace", "patch", "compress", "extract", "unzip", "output"),
               _stems(*_FILE_OBJECTS), (W,), "write/change files"),
    # making a file is writing one ("generate the test file"); a generated document or image is often only content
    VerbObject(_stems("generate", "produce", "dump", "emit"), _stems("file", "files", "disk", "folder", "directory"),
               (W,), "write/change files", ordered=True),
    # setting up a project makes its files ("first-time project initialization", "scaffold a workspace",
    # `git init`, `npm init`): a configuration, a folder of its own, an ignore list
    VerbObject(_stems("initialize", "initialise", "init", "bootstrap", "scaffold"),
               _stems("project", "projects", "repository", "repositories", "repo", "repos", "workspace",
                      "workspaces"),
               (W,), "set up a project (its files)", window=4, ordered=True),
    # changing what a document or file holds ("Add an endnote to a paragraph in a Word document")
    VerbObject(_stems("add", "insert", "protect", "unprotect", "convert", "split", "format"),
               _stems("file", "files", "document", "documents", "spreadsheet", "workbook", "presentation",
                      "docx", "xlsx", "pptx", "pdf"),
               (W,), "write/change files", ordered=True),
    # verbs of storing: what is stored is the tool's own data (a note, a paper, a memory), kept on the machine
    VerbObject(_stems("save", "store", "record", "cache", "keep", "persist", "download", "archive", "bookmark"),
               _stems("locally", "local", "cache", "note", "notes", "memory", "memories", "observation",
                      "observations", "entity", "entities", "paper", "papers", "snapshot", "screenshot",
                      "screenshots", "page", "pages", "copy", "draft", "drafts", "history", "log", "logs",
                      # definitions the user makes and the tool keeps ("Save a user-defined pipeline")
                      "pipeline", "pipelines", "template", "templates", "preset", "presets", "workflow",
                      "workflows", "preference", "preferences", "transcript", "transcripts", "recording",
                      "recordings"),
               (W,), "store data", window=6),
    VerbObject(_stems("run", "execute", "exec", "launch", "spawn", "start", "kill", "invoke", "terminate"),
               _stems("command", "commands", "program", "programs", "process", "processes", "binary", "application",
                      "app", "shell", "test", "tests", "job", "container", "containers", "cli", "task"),
               (P,), "run a program", ordered=True),
    VerbObject(_stems("run", "execute", "exec", "evaluate", "interpret", "compile"),
               # a notebook's cell is code ("Execute a cell from the currently activated notebook")
               _stems("code", "snippet", "python", "javascript", "js", "lambda", "cell", "cells", "notebook",
                      "notebooks"),
               (C, P), "run code", ordered=True),
    # building a project runs its build tool ("Build the Lean project", "compile the crate"); installing
    # a package runs the package manager
    VerbObject(_stems("build", "rebuild", "compile", "recompile"),
               _stems("project", "projects", "package", "packages", "workspace", "solution", "crate", "crates",
                      "target", "targets", "binary", "binaries", "library", "app", "application", "sources"),
               (P,), "build a project", ordered=True, window=4),
    VerbObject(_stems("install", "uninstall", "reinstall"),
               _stems("package", "packages", "dependency", "dependencies", "module", "modules", "plugin",
                      "plugins", "extension", "extensions"),
               (P,), "install packages", ordered=True, window=4),
    VerbObject(_stems("run", "execute", "exec", "issue"),
               _stems("query", "queries", "sql", "statement", "statements"),
               (N, R, W), "run a database query", ordered=True),
    VerbObject(_stems("run", "execute", "exec"),
               _stems("script", "scripts"),
               (P, C), "run a script", ordered=True),
    VerbObject(_stems("send", "post", "notify", "publish", "forward", "deliver", "submit", "call", "query",
                      "request"),
               _stems("email", "emails", "message", "webhook", "notification", "sms", "tweet", "server", "service",
                      "api", "endpoint"),
               (N,), "send/query a remote service", ordered=True),
    VerbObject(_stems("list", "kill", "show", "monitor", "inspect"),
               _stems("process", "processes"),
               (P,), "manage processes", ordered=True),
    VerbObject(_stems("read", "get", "list", "show", "return", "print", "load", "access", "dump"),
               _stems("variable", "variables", "environment", "secret", "secrets", "key", "keys", "setting",
                      "settings"),
               (E,), "read settings or secrets"),
)

# verbs of changing what a document or file holds: with a file parameter whose file every write of the
# tool goes to, the tool says it changes that file ("Add footnote …" with `filename`)
CHANGE_VERBS = frozenset(stem(w) for w in ("add", "insert", "edit", "update", "modify", "append", "create",
                                           "delete", "remove", "replace"))

# parameter names of the input schema (split into words; the last word is compared) that admit to a kind
PARAMETER_NAMES: dict[str, tuple[Kind, ...]] = {
    "url": (N,), "urls": (N,), "uri": (N,), "endpoint": (N,), "webhook": (N,), "host": (N,),
    "hostname": (N,), "domain": (N,), "recipient": (N,), "recipients": (N,), "email": (N,),
    "path": (R,), "paths": (R,), "file": (R,), "files": (R,), "filename": (R,), "filepath": (R,),
    "directory": (R,), "dir": (R,), "folder": (R,), "glob": (R,),
    "command": (P,), "cmd": (P,), "shell": (P,), "argv": (P,),
    "code": (C,), "expression": (C,), "script": (P, C), "eval": (C,),
}
PARAMETERS: dict[str, tuple[Kind, ...]] = {stem(k): v for k, v in PARAMETER_NAMES.items()}
# a file parameter whose first word says it is written (`output_path`, `save_to_file`, `dest_dir`)
WRITTEN_FILE_PREFIXES = frozenset(stem(w) for w in ("output", "out", "save", "dest", "destination", "export",
                                                    "download", "target"))

SCHEMA_FORMATS: dict[str, tuple[Kind, ...]] = {"uri": (N,), "url": (N,), "iri": (N,), "uri-reference": (N,)}

# sentences that deny a kind ("works offline", "no network access") are recorded as denials
DENIALS: tuple[tuple[tuple[str, ...], Kind], ...] = (
    (tuple(stem(w) for w in ("offline",)), N),
    (tuple(stem(w) for w in ("no", "network")), N),
    (tuple(stem(w) for w in ("no", "internet")), N),
)
