"""The Python sink model as data: qualified API name -> capability kinds.

Names are the qualified names the Python frontend resolves calls to (``import requests as r;
r.post`` is ``requests.post``; ``self._s = r.Session(); self._s.post`` is
``requests.Session.post``; built-ins are ``builtins.open``). Lookup is by the longest matching
dotted prefix, so ``requests`` covers every function and method of requests, and more specific
entries (mapping to no kind) carve out the parts that do no I/O, e.g. ``urllib.parse``.

Only the data lives here; `sink_kinds` is the one lookup function.
"""

from __future__ import annotations

import re

from mcpvet.model import Kind
from mcpvet.sinks.pyclients import CLIENT_CONSTRUCTORS, CLIENT_KINDS, CLIENT_RETURNS

N = (Kind.NETWORK,)
R = (Kind.FS_READ,)
W = (Kind.FS_WRITE,)
RW = (Kind.FS_READ, Kind.FS_WRITE)
P = (Kind.PROCESS,)
X = (Kind.CODE_EXEC,)
E = (Kind.ENV,)
NONE: tuple[Kind, ...] = ()

# Longest dotted prefix wins. A call of a name under a prefix reaches the given kinds.
PREFIX_KINDS: dict[str, tuple[Kind, ...]] = {
    # --- network: HTTP clients
    "requests": N,
    "requests.exceptions": NONE,
    "requests.utils": NONE,
    "requests.structures": NONE,
    "requests.auth": NONE,
    "requests.Request": NONE,
    "requests.codes": NONE,
    "httpx": N,
    "httpx.URL": NONE,
    "httpx.Timeout": NONE,
    "httpx.Limits": NONE,
    "httpx.Headers": NONE,
    "httpx.HTTPError": NONE,
    "httpx.HTTPStatusError": NONE,
    "httpx.RequestError": NONE,
    "httpx.TimeoutException": NONE,
    "httpx.Request": NONE,
    "httpx.Response": NONE,
    "httpx.BasicAuth": NONE,
    # values and exceptions of the library, and closing a client: nothing is sent
    **dict.fromkeys((f"httpx.{name}" for name in (
        "ReadTimeout", "WriteTimeout", "ConnectTimeout", "PoolTimeout", "ConnectError", "ReadError", "WriteError",
        "CloseError", "NetworkError", "TransportError", "ProtocolError", "LocalProtocolError", "RemoteProtocolError",
        "ProxyError", "UnsupportedProtocol", "DecodingError", "TooManyRedirects", "StreamError", "InvalidURL",
        "CookieConflict", "Cookies", "QueryParams", "codes", "Auth", "DigestAuth", "Client.close",
        "AsyncClient.aclose", "Client.cookies", "AsyncClient.cookies", "Client.headers", "AsyncClient.headers")), NONE),
    "requests.Session.close": NONE,
    "requests.Session.headers": NONE,
    "requests.Session.cookies": NONE,
    # transports that hand requests to an app in the same process (no socket)
    "httpx.ASGITransport": NONE,
    "httpx.WSGITransport": NONE,
    "httpx.MockTransport": NONE,
    "aiohttp": N,
    "aiohttp.ClientTimeout": NONE,
    "aiohttp.ClientError": NONE,
    "aiohttp.ClientSession.close": NONE,
    "aiohttp.web": N,
    "urllib.request": N,
    "urllib.request.Request": NONE,
    "urllib.request.pathname2url": NONE,
    "urllib.request.url2pathname": NONE,
    "urllib3": N,
    "urllib3.util": NONE,
    "urllib3.exceptions": NONE,
    "http.client": N,
    "http.client.responses": NONE,
    "http.client.HTTPException": NONE,
    "pycurl": N,
    "tornado.httpclient": N,
    "websockets": N,
    "websocket": N,
    "grpc": N,
    "httplib2": N,
    "treq": N,
    "niquests": N,
    "curl_cffi": N,
    "yt_dlp": N,
    "yt_dlp.utils": NONE,
    "youtube_dl": N,
    "pytube": N,
    "feedparser.parse": N,
    "ftputil": N,
    "ldap3": N,
    "pysnmp": N,
    "scapy": N,
    "dns.resolver": N,
    "ntplib": N,
    # --- network: sockets and mail / file transfer / remote shells
    "socket.socket": N,
    "socket.create_connection": N,
    "socket.create_server": N,
    "socket.getaddrinfo": N,
    "socket.gethostbyname": N,
    "socket.gethostbyname_ex": N,
    "socket.gethostbyaddr": N,
    "socket.socketpair": NONE,
    "ssl.SSLContext.wrap_socket": N,
    "ssl.wrap_socket": N,
    "asyncio.open_connection": N,
    "asyncio.start_server": N,
    "smtplib": N,
    "imaplib": N,
    "poplib": N,
    "ftplib": N,
    "telnetlib": N,
    "xmlrpc.client": N,
    "paramiko": N,
    "fabric": N,
    "asyncssh": N,
    "pysftp": N,
    # --- network: cloud SDKs and databases over TCP
    "boto3": N,
    "botocore": N,
    "aiobotocore": N,
    "google.cloud": N,
    "googleapiclient": N,
    "azure": N,
    "openai": N,
    "anthropic": N,
    "pagerduty": N,  # python-pagerduty: REST/Events API clients (requests.Session subclasses)
    "slack_sdk": N,
    "github": N,
    "psycopg": N,
    "psycopg2": N,
    "psycopg_pool": N,
    # composing a query (sql.SQL, sql.Literal, sql.Identifier), errors, row factories and type
    # adapters send nothing: only a connection or cursor does
    "psycopg.sql": NONE,
    "psycopg2.sql": NONE,
    "psycopg.errors": NONE,
    "psycopg2.errors": NONE,
    "psycopg.rows": NONE,
    "psycopg.types": NONE,
    "asyncpg": N,
    "pymysql": N,
    "MySQLdb": N,
    "mysql.connector": N,
    "aiomysql": N,
    "redis": N,
    "pymongo": N,
    "motor": N,
    "elasticsearch": N,
    "cassandra": N,
    "neo4j": N,
    "pika": N,
    "kafka": N,
    "aiokafka": N,
    "nats": N,
    "clickhouse_driver": N,
    "clickhouse_connect": N,
    "snowflake.connector": N,
    "pyodbc": N,
    "sqlalchemy.create_engine": N,
    "sqlalchemy.ext.asyncio.create_async_engine": N,
    "webbrowser": P,
    # --- files
    "sqlite3.connect": RW,
    "aiosqlite.connect": RW,
    "duckdb.connect": RW,
    "duckdb.sql": RW,
    "duckdb.query": RW,
    "shelve.open": RW,
    "dbm.open": RW,
    "io.open": R,
    "io.FileIO": R,
    "codecs.open": R,
    "gzip.open": R,
    "bz2.open": R,
    "lzma.open": R,
    "tarfile.open": R,
    "zipfile.ZipFile": R,
    "aiofiles.open": R,
    "aiofiles.os": R,
    "fileinput.input": R,
    "linecache.getline": R,
    "mimetypes.guess_type": NONE,
    "os.listdir": R,
    "os.scandir": R,
    "os.walk": R,
    "os.fwalk": R,
    "os.open": R,
    "os.read": R,
    "os.readlink": R,
    "os.stat": NONE,
    "os.remove": W,
    "os.unlink": W,
    "os.rmdir": W,
    "os.removedirs": W,
    "os.mkdir": W,
    "os.makedirs": W,
    "os.rename": W,
    "os.renames": W,
    "os.replace": W,
    "os.write": W,
    "os.truncate": W,
    "os.chmod": W,
    "os.chown": W,
    "os.symlink": W,
    "os.link": W,
    "os.utime": W,
    "glob.glob": R,
    "glob.iglob": R,
    "shutil.copy": RW,
    "shutil.copy2": RW,
    "shutil.copyfile": RW,
    "shutil.copytree": RW,
    "shutil.copyfileobj": NONE,
    "shutil.move": RW,
    "shutil.rmtree": W,
    "shutil.make_archive": RW,
    "shutil.unpack_archive": RW,
    "shutil.chown": W,
    "shutil.which": NONE,
    "tempfile.mkstemp": W,
    "tempfile.mkdtemp": W,
    "tempfile.NamedTemporaryFile": W,
    "tempfile.TemporaryFile": W,
    "tempfile.TemporaryDirectory": W,
    "pathlib.Path.read_text": R,
    "pathlib.Path.read_bytes": R,
    "pathlib.Path.iterdir": R,
    "pathlib.Path.glob": R,
    "pathlib.Path.rglob": R,
    "pathlib.Path.walk": R,
    "pathlib.Path.readlink": R,
    "pathlib.Path.write_text": W,
    "pathlib.Path.write_bytes": W,
    "pathlib.Path.unlink": W,
    "pathlib.Path.mkdir": W,
    "pathlib.Path.rmdir": W,
    "pathlib.Path.rename": W,
    "pathlib.Path.replace": W,
    "pathlib.Path.touch": W,
    "pathlib.Path.chmod": W,
    "pathlib.Path.symlink_to": W,
    "pathlib.Path.hardlink_to": W,
    "pandas.read_csv": R,
    "pandas.read_excel": R,
    "pandas.read_parquet": R,
    "pandas.read_json": R,
    "yaml.safe_load": NONE,
    # --- processes (and libraries that drive other programs)
    "subprocess": P,
    "subprocess.CalledProcessError": NONE,
    "subprocess.TimeoutExpired": NONE,
    "subprocess.CompletedProcess": NONE,
    "subprocess.list2cmdline": NONE,
    "os.system": P,
    "os.popen": P,
    "os.execl": P,
    "os.execle": P,
    "os.execlp": P,
    "os.execlpe": P,
    "os.execv": P,
    "os.execve": P,
    "os.execvp": P,
    "os.execvpe": P,
    "os.spawnl": P,
    "os.spawnle": P,
    "os.spawnlp": P,
    "os.spawnlpe": P,
    "os.spawnv": P,
    "os.spawnve": P,
    "os.spawnvp": P,
    "os.spawnvpe": P,
    "os.posix_spawn": P,
    "os.posix_spawnp": P,
    "os.startfile": P,
    "os.fork": P,
    "os.forkpty": P,
    "os.kill": P,
    "pty.spawn": P,
    "pty.fork": P,
    "asyncio.create_subprocess_exec": P,
    "asyncio.create_subprocess_shell": P,
    "multiprocessing.Process": P,
    "sh": P,
    "plumbum": P,
    "pexpect": P,
    "sarge": P,
    "delegator": P,
    "git": P,  # GitPython shells out to the git binary
    "git.exc": NONE,
    "git.InvalidGitRepositoryError": NONE,
    "git.GitCommandError": NONE,
    "git.NoSuchPathError": NONE,
    # the Docker SDK talks to the daemon's HTTP API (a socket); creating or running a container
    # or an exec in one starts programs
    "docker": N,
    "docker.errors": NONE,
    "docker.types": NONE,
    "docker.DockerClient.containers.run": N + P,
    "docker.DockerClient.containers.create": N + P,
    "docker.models.containers.Container.exec_run": N + P,
    "docker.APIClient.create_container": N + P,
    "docker.APIClient.exec_create": N + P,
    "kubernetes": N,
    "playwright": P,
    "selenium": P,
    "pyppeteer": P,
    "undetected_chromedriver": P,
    # --- code execution
    "builtins.eval": X,
    "builtins.exec": X,
    "builtins.compile": X,
    "builtins.__import__": X,
    "importlib.import_module": X,
    "importlib.__import__": X,
    "importlib.util.spec_from_file_location": X,
    "importlib.util.module_from_spec": X,
    "importlib.machinery.SourceFileLoader": X,
    "runpy": X,
    "pickle.load": X,
    "pickle.loads": X,
    "pickle.Unpickler": X,
    "cPickle.loads": X,
    "dill.load": X,
    "dill.loads": X,
    "cloudpickle.load": X,
    "cloudpickle.loads": X,
    "marshal.load": X,
    "marshal.loads": X,
    "shelve": RW,
    "jsonpickle.decode": X,
    "yaml.unsafe_load": X,
    "yaml.full_load": X,
    "yaml.load": X,  # unless its Loader is a safe one (the frontend checks)
    "jinja2.Template": X,  # a template made from a value known only at run time renders code
    "jinja2.Environment.from_string": X,
    "jinja2.environment.Environment.from_string": X,
    "jinja2.environment.Template": X,
    "mako.template.Template": X,
    "tornado.template.Template": X,
    "flask.render_template_string": X,
    # rendering a template object runs the template it was made from: the sink is its constructor
    **{f"{t}.{m}": NONE for t in ("jinja2.Template", "jinja2.environment.Template", "mako.template.Template",
                                  "tornado.template.Template")
       for m in ("render", "render_async", "stream", "generate", "module", "make_module", "render_unicode")},
    "types.FunctionType": X,
    "types.CodeType": X,
    "ctypes.CDLL": X,
    "ctypes.cdll": X,
    "code.InteractiveInterpreter": X,
    "code.interact": X,
    "timeit.timeit": X,
    # --- environment and local secrets
    "os.getenv": E,
    "os.getenvb": E,
    "os.environ": E,
    "os.environb": E,
    "os.putenv": E,
    "dotenv": E,
    "keyring": E,
    "decouple.config": E,
    "environs": E,
    # --- client libraries (curated summaries, `sinks/pyclients.py`)
    **CLIENT_KINDS,
}

# Attribute references (not calls) that are sinks by themselves: os.environ["X"], os.environ.get.
ACCESS_SINKS: dict[str, tuple[Kind, ...]] = {
    "os.environ": E,
    "os.environb": E,
}

# Calls whose first (or `mode=`) argument decides between reading and writing.
OPEN_LIKE: frozenset[str] = frozenset(
    {
        "builtins.open",
        "io.open",
        "codecs.open",
        "gzip.open",
        "bz2.open",
        "lzma.open",
        "aiofiles.open",
        "pathlib.Path.open",
        "tarfile.open",
    }
)

# Built-in calls that only count when their argument is not a constant (eval("1+1") runs no
# code made at run time).
CONST_ARG_HARMLESS: frozenset[str] = frozenset(
    {
        "builtins.eval",
        "builtins.exec",
        "builtins.compile",
        "builtins.__import__",
        "importlib.import_module",
        "jinja2.Template",
        "jinja2.Environment.from_string",
        "jinja2.environment.Environment.from_string",
        "jinja2.environment.Template",
        "mako.template.Template",
        "tornado.template.Template",
        "flask.render_template_string",
    }
)

# database connections whose first argument (or keyword) names the database file: `:memory:` (or a
# `file::memory:` / `mode=memory` URI) opens one that lives in memory only, no file is made or changed
IN_MEMORY_CONNECT: dict[str, str] = {"sqlite3.connect": "database", "aiosqlite.connect": "database",
                                     "duckdb.connect": "database"}


def in_memory_database(name: str) -> bool:
    """Whether the database name given to a connect call is an in-memory database."""
    return name == ":memory:" or name.startswith("file::memory:") or "mode=memory" in name \
        or name.startswith(":memory:")  # duckdb's `:memory:name`


# yaml.load with one of these loaders builds plain data only
SAFE_YAML_LOADERS: frozenset[str] = frozenset({"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"})

# Constructors that only build a value (no I/O until a method is called on it).
VALUE_CONSTRUCTORS: frozenset[str] = frozenset(
    {
        "requests.Session",
        "httpx.Client",
        "httpx.AsyncClient",
        "aiohttp.ClientSession",
        "aiohttp.TCPConnector",
        "urllib3.PoolManager",
        "pathlib.Path",
        "pathlib.PurePath",
        "pathlib.PosixPath",
        "socket.socket",
        *CLIENT_CONSTRUCTORS,
        "ntplib.NTPClient",
    }
)

# Return types of calls the frontend follows, so that attribute chains stay typed.
RETURNS: dict[str, str] = {
    "pathlib.Path": "pathlib.Path",
    "pathlib.Path.home": "pathlib.Path",
    "pathlib.Path.cwd": "pathlib.Path",
    "pathlib.Path.resolve": "pathlib.Path",
    "pathlib.Path.absolute": "pathlib.Path",
    "pathlib.Path.expanduser": "pathlib.Path",
    "pathlib.Path.joinpath": "pathlib.Path",
    "pathlib.Path.with_name": "pathlib.Path",
    "pathlib.Path.with_suffix": "pathlib.Path",
    "pathlib.Path.with_stem": "pathlib.Path",
    "pathlib.Path.relative_to": "pathlib.Path",
    "pathlib.Path.parent": "pathlib.Path",
    "pathlib.Path.__truediv__": "pathlib.Path",
    "pathlib.PurePath": "pathlib.Path",
    "pathlib.PosixPath": "pathlib.Path",
    "pathlib.WindowsPath": "pathlib.Path",
    "anyio.Path": "pathlib.Path",
    "os.environ.copy": "os.environ",
    "git.Repo": "git.Repo",
    "git.Repo.init": "git.Repo",
    "git.Repo.clone_from": "git.Repo",
    "docker.from_env": "docker.DockerClient",
    "docker.client.from_env": "docker.DockerClient",
    "docker.DockerClient": "docker.DockerClient",
    "docker.client.DockerClient": "docker.DockerClient",
    **CLIENT_RETURNS,
}


def _candidates(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def sink_kinds(name: str) -> tuple[Kind, ...]:
    """Kinds reached by calling `name` (a resolved qualified name); () when it is no sink."""
    for prefix in _candidates(name):
        kinds = PREFIX_KINDS.get(prefix)
        if kinds is not None:
            return kinds
    return NONE


def access_kinds(name: str) -> tuple[Kind, ...]:
    """Kinds reached by merely referring to `name` (os.environ)."""
    for prefix in _candidates(name):
        kinds = ACCESS_SINKS.get(prefix)
        if kinds is not None:
            return kinds
    return NONE


def open_mode_kinds(mode: str | None) -> tuple[Kind, ...]:
    """fs kinds of an open() call with the given constant mode (None: unknown mode)."""
    if mode is None:
        return RW
    kinds: list[Kind] = []
    if "r" in mode or "+" in mode or not any(c in mode for c in "wax"):
        kinds.append(Kind.FS_READ)
    if any(c in mode for c in "wax+"):
        kinds.append(Kind.FS_WRITE)
    return tuple(kinds)


# --- the argument that matters at each sink: (slot, role). The slot is a position, a keyword, or
# "receiver" for a method of the value itself (`Path(p).read_text()`); the role says what the
# argument is (`mcpvet.analysis.flow.ROLES`). Longest dotted prefix wins, like PREFIX_KINDS.
SHELL = "shell"
COMMAND = "command"  # a spawn: a shell line when shell=True (or a `sh -c` argv), else the program
SLOTS: dict[str, tuple[int | str, str]] = {
    "subprocess": (0, COMMAND),
    "subprocess.getoutput": (0, SHELL),
    "subprocess.getstatusoutput": (0, SHELL),
    "os.system": (0, SHELL),
    "os.popen": (0, SHELL),
    "asyncio.create_subprocess_shell": (0, SHELL),
    "asyncio.create_subprocess_exec": (0, "program"),
    "os.execl": (0, "program"), "os.execle": (0, "program"), "os.execlp": (0, "program"),
    "os.execlpe": (0, "program"), "os.execv": (0, "program"), "os.execve": (0, "program"),
    "os.execvp": (0, "program"), "os.execvpe": (0, "program"),
    "os.spawnl": (1, "program"), "os.spawnle": (1, "program"), "os.spawnlp": (1, "program"),
    "os.spawnlpe": (1, "program"), "os.spawnv": (1, "program"), "os.spawnve": (1, "program"),
    "os.spawnvp": (1, "program"), "os.spawnvpe": (1, "program"),
    "os.posix_spawn": (0, "program"), "os.posix_spawnp": (0, "program"),
    "pty.spawn": (0, COMMAND),
    "pexpect.spawn": (0, SHELL),
    "pexpect.run": (0, SHELL),
    "builtins.eval": (0, "code"),
    "builtins.exec": (0, "code"),
    "builtins.compile": (0, "code"),
    "builtins.__import__": (0, "code"),
    "importlib.import_module": (0, "code"),
    "runpy.run_path": (0, "code"),
    "runpy.run_module": (0, "code"),
    "code.InteractiveInterpreter": (0, "code"),
    "timeit.timeit": (0, "code"),
    "pickle.load": (0, "deserialize"), "pickle.loads": (0, "deserialize"),
    "cPickle.loads": (0, "deserialize"), "dill.load": (0, "deserialize"), "dill.loads": (0, "deserialize"),
    "cloudpickle.load": (0, "deserialize"), "cloudpickle.loads": (0, "deserialize"),
    "marshal.load": (0, "deserialize"), "marshal.loads": (0, "deserialize"),
    "jsonpickle.decode": (0, "deserialize"),
    "yaml.load": (0, "deserialize"), "yaml.unsafe_load": (0, "deserialize"), "yaml.full_load": (0, "deserialize"),
    "jinja2.Template": (0, "template"),
    "jinja2.Environment.from_string": (0, "template"),
    "jinja2.environment.Environment.from_string": (0, "template"),
    "jinja2.environment.Template": (0, "template"),
    "mako.template.Template": (0, "template"),
    "tornado.template.Template": (0, "template"),
    "flask.render_template_string": (0, "template"),
    **dict.fromkeys(sorted(OPEN_LIKE - {"pathlib.Path.open"}), (0, "path")),
    "pathlib.Path": ("receiver", "path"),
    "os.listdir": (0, "path"), "os.scandir": (0, "path"), "os.walk": (0, "path"), "os.open": (0, "path"),
    "os.remove": (0, "path"), "os.unlink": (0, "path"), "os.rmdir": (0, "path"), "os.removedirs": (0, "path"),
    # the database file a connection opens (or makes)
    "sqlite3.connect": (0, "path"), "aiosqlite.connect": (0, "path"), "duckdb.connect": (0, "path"),
    "os.mkdir": (0, "path"), "os.makedirs": (0, "path"), "os.rename": (0, "path"), "os.replace": (0, "path"),
    "os.truncate": (0, "path"), "os.chmod": (0, "path"), "os.symlink": (1, "path"),
    "glob.glob": (0, "path"), "glob.iglob": (0, "path"),
    "shutil.copy": (1, "path"), "shutil.copy2": (1, "path"), "shutil.copyfile": (1, "path"),
    "shutil.copytree": (1, "path"), "shutil.move": (1, "path"), "shutil.rmtree": (0, "path"),
    "tarfile.open": (0, "path"), "zipfile.ZipFile": (0, "path"), "aiofiles.open": (0, "path"),
    "aiofiles.os": (0, "path"), "fileinput.input": (0, "path"), "linecache.getline": (0, "path"),
    "pandas.read_csv": (0, "path"), "pandas.read_excel": (0, "path"), "pandas.read_json": (0, "path"),
    "pandas.read_parquet": (0, "path"), "shelve.open": (0, "path"),
    "urllib.request.urlopen": (0, "url"),
    "urllib3.request": (1, "url"),
    "http.client.HTTPConnection": (0, "url"), "http.client.HTTPSConnection": (0, "url"),
    "socket.create_connection": (0, "url"), "socket.socket.connect": (0, "url"), "socket.socket.sendto": (1, "url"),
    "ntplib.NTPClient.request": (0, "url"),
    "socket.gethostbyname": (0, "url"), "socket.getaddrinfo": (0, "url"),
    "asyncio.open_connection": (0, "url"),
    "smtplib.SMTP": (0, "url"), "smtplib.SMTP_SSL": (0, "url"), "ftplib.FTP": (0, "url"),
    "telnetlib.Telnet": (0, "url"), "paramiko.SSHClient.connect": (0, "url"),
    "xmlrpc.client.ServerProxy": (0, "url"),
    "websockets.connect": (0, "url"), "aiohttp.ClientSession.ws_connect": (0, "url"),
}

_HTTP_LIBS = frozenset({"requests", "httpx", "aiohttp", "urllib3", "niquests", "curl_cffi", "treq", "httplib2"})
_HTTP_METHODS = {"get": 0, "post": 0, "put": 0, "patch": 0, "delete": 0, "head": 0, "options": 0,
                 "request": 1, "stream": 1, "urlopen": 1, "fetch": 0, "ws_connect": 0}
_SQL_LIBS: dict[str, tuple[Kind, ...]] = {
    "sqlite3": RW, "aiosqlite": RW, "duckdb": RW, "psycopg": N, "psycopg2": N, "asyncpg": N, "pymysql": N,
    "MySQLdb": N, "mysql": N, "aiomysql": N, "pyodbc": N, "snowflake": N, "clickhouse_driver": N,
    "sqlalchemy": N, "databases": N,
}
_SQL_METHODS = frozenset({"execute", "executemany", "executescript", "fetch", "fetchrow", "fetchval", "query", "sql"})
# MongoDB collection methods whose first argument is a query filter (pymongo, motor)
_MONGO_LIBS = frozenset({"pymongo", "motor", "mongomock"})
MONGO_METHODS = frozenset({"find", "find_one", "find_one_and_update", "find_one_and_delete", "find_one_and_replace",
                           "update_one", "update_many", "delete_one", "delete_many", "replace_one",
                           "count_documents", "aggregate", "find_raw_batches"})
# LDAP searches and the position of their filter: ldap3's Connection.search(base, filter),
# python-ldap's LDAPObject.search_s(base, scope, filterstr)
_LDAP_SEARCH = {"search": 1, "search_s": 2, "search_st": 2, "search_ext": 2, "search_ext_s": 2,
                "search_subtree_s": 2, "paged_search": 1}


# file calls with a second path argument that matters as much as the slot's (a rename's target, a
# move's source): a tool argument in either chooses a place that is written or removed
# reads that answer whether a file is there, its size or its times (the last part of the name): nothing of
# what it holds, so no file contents (`s:file`) for the data flow
FS_METADATA = frozenset({"exists", "lexists", "isfile", "isdir", "islink", "ismount", "getsize", "getmtime",
                         "getctime", "getatime", "stat", "lstat", "access", "is_file", "is_dir", "is_symlink",
                         "samefile"})
OTHER_PATH: dict[str, int] = {
    "os.rename": 1, "os.replace": 1, "shutil.move": 0,
    "pathlib.Path.rename": 0, "pathlib.Path.replace": 0,
}


def sink_slot(name: str) -> tuple[int | str, str] | None:
    """(slot, role) of the argument that matters when calling `name` (a resolved qualified name, a
    derived one such as `sqlite3.connect().cursor().execute` too), or None when no table says."""
    plain = name.replace("()", "")
    parts = plain.split(".")
    if parts[0] in _HTTP_LIBS and parts[-1] in _HTTP_METHODS and len(parts) > 1:
        return _HTTP_METHODS[parts[-1]], "url"
    if parts[0] in _SQL_LIBS and parts[-1] in _SQL_METHODS and len(parts) > 1:
        return 0, "sql"
    if parts[0] in _MONGO_LIBS and parts[-1] in MONGO_METHODS and len(parts) > 2:
        return 0, "nosql"
    if parts[0] in ("ldap3", "ldap") and parts[-1] in _LDAP_SEARCH and len(parts) > 1:
        return _LDAP_SEARCH[parts[-1]], "ldap"
    if "()" in name:
        return None
    for prefix in _candidates(name):
        found = SLOTS.get(prefix)
        if found is not None:
            if prefix == "pathlib.Path" and not sink_kinds(name):
                return None  # a pure path operation (`Path(p).name`)
            return found
    return None


def sql_kinds(name: str, statement_start: str = "") -> tuple[Kind, ...]:
    """Kinds of running SQL through a derived database handle (`sqlite3.connect().execute`).
    STATEMENT_START is the known constant start of the SQL text (of an f-string, a concatenation):
    a statement that can only read (SELECT, EXPLAIN) changes no file of a file database."""
    lib, method = name.split(".", 1)[0], name.replace("()", "").rsplit(".", 1)[-1]
    kinds = _SQL_LIBS.get(lib, NONE)
    if lib in _ONE_STATEMENT_SQL_LIBS and method != "executescript" and read_only_sql(statement_start):
        return tuple(k for k in kinds if k is not Kind.FS_WRITE)
    return kinds


# execute() of these runs one statement only (sqlite3: "You can only execute one statement at a
# time"), so text that starts as a SELECT stays one, whatever the rest is
_ONE_STATEMENT_SQL_LIBS = frozenset({"sqlite3", "aiosqlite"})


_SQL_COMMENT = re.compile(r"\s*(?:--[^\n]*(?:\n|$)|/\*.*?\*/)", re.S)
_READ_ONLY_SQL = re.compile(r"\s*\(*\s*(SELECT|EXPLAIN)\b", re.I)


def read_only_sql(start: str) -> bool:
    """Whether SQL text that starts with START can only read: its first keyword (after comments and
    opening parentheses) is SELECT or EXPLAIN, and no second statement is in the known part
    (`SELECT 1; DROP TABLE t` writes)."""
    text = start
    while (m := _SQL_COMMENT.match(text)) is not None and m.end() > 0:
        text = text[m.end():]
    return bool(_READ_ONLY_SQL.match(text)) and ";" not in text


def modelled(name: str) -> bool:
    """Whether a table here says anything about `name` (a derived name too): its kinds (even none),
    what it returns, or the argument that matters."""
    plain = name.replace("()", "").replace("[]", "")
    return any(c in PREFIX_KINDS or c in RETURNS or c in SLOTS for c in _candidates(plain)) or \
        plain.split(".", 1)[0] in _SQL_LIBS
